import { z } from 'zod';
import { propertyPathSchema, propertyPredicateSchema } from '../predicates/property-predicate';
import { boundedDurationSchema } from './bounded-duration';
import { defineNode } from './define-node';

export const goalConfigSchema = z.object({
  /** The conversion, e.g. `order.completed`. */
  event: z.string().min(1).max(200).meta({ title: 'Conversion event' }),
  filters: z.array(propertyPredicateSchema).max(20).default([]).meta({ title: 'Only when' }),
  /** Where the event carries the amount, e.g. `total`: summed as the scenario's revenue. */
  revenueProperty: propertyPathSchema.optional().meta({ title: 'Revenue property' }),
  within: boundedDurationSchema('A conversion window').meta({ title: 'Wait for it at most' }),
  /** Converted customers leave the journey here (reason `goal`) instead of going on. */
  endJourney: z.boolean().default(false).meta({ title: 'End the journey on conversion' }),
});

export type GoalConfig = z.output<typeof goalConfigSchema>;

export const goalNode = defineNode({
  type: 'goal',
  version: 1,
  title: 'Goal',
  description:
    'Counts a conversion: the event happened since the customer entered, or happens within the window. ' +
    'Converted customers go on (or leave the journey, as converted); the others go on after the window.',
  category: 'flow',
  kind: 'wait',
  configSchema: goalConfigSchema,
  defaultConfig: {
    event: 'order.completed',
    filters: [],
    revenueProperty: 'total',
    within: { amount: 7, unit: 'days' },
    endJourney: false,
  },
  ports: (config) => (config.endJourney ? ['not_converted'] : ['converted', 'not_converted']),
  listensFor: (config) => [config.event],
  mayPassWithoutWaiting: true,
});
