import { z } from 'zod';
import { propertyPathSchema, propertyPredicateSchema } from '../predicates/property-predicate';
import { boundedDurationSchema } from './bounded-duration';
import { defineNode } from './define-node';

export const waitEventConfigSchema = z.object({
  /** Event name, e.g. `order.placed`. */
  event: z.string().min(1).max(200).meta({ title: 'Wait for event' }),
  filters: z.array(propertyPredicateSchema).max(20).default([]).meta({ title: 'Only when' }),
  /**
   * A property the awaited event must share with the event that started the journey, e.g.
   * `cartId`: the abandoned cart's own checkout, not another cart's.
   */
  sameAsTrigger: propertyPathSchema.optional().meta({ title: 'Same value as the trigger event for' }),
  timeout: boundedDurationSchema('A timeout').meta({ title: 'Give up after' }),
});

export type WaitEventConfig = z.output<typeof waitEventConfigSchema>;

export const waitEventNode = defineNode({
  type: 'wait.event',
  version: 1,
  title: 'Wait for an event',
  description:
    'Waits until the customer performs an event (optionally about the same item as the trigger, e.g. the ' +
    'same cart), or gives up after a timeout: two exits, received and timeout.',
  category: 'flow',
  kind: 'wait',
  configSchema: waitEventConfigSchema,
  defaultConfig: { event: 'order.placed', filters: [], timeout: { amount: 3, unit: 'days' } },
  ports: () => ['received', 'timeout'],
  listensFor: (config) => [config.event],
});
