import { z } from 'zod';
import { propertyPredicateSchema } from '../predicates/property-predicate';
import { defineNode } from './define-node';

export const triggerEventConfigSchema = z.object({
  /** Event name, e.g. `account.created`. */
  event: z.string().min(1).max(200).meta({ title: 'Event name' }),
  /** All must hold on the event's properties. */
  filters: z.array(propertyPredicateSchema).max(20).default([]).meta({ title: 'Only when' }),
});

export type TriggerEventConfig = z.output<typeof triggerEventConfigSchema>;

export const triggerEventNode = defineNode({
  type: 'trigger.event',
  version: 1,
  title: 'When an event happens',
  description:
    'Starts the journey for a customer when they perform an event, optionally filtered on its properties.',
  category: 'triggers',
  kind: 'trigger',
  configSchema: triggerEventConfigSchema,
  defaultConfig: { event: 'account.created', filters: [] },
  ports: () => ['out'],
  entryEvent: (config) => config,
});
