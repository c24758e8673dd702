import { z } from 'zod';
import { SEGMENT_ENTERED_EVENT, SEGMENT_EXITED_EVENT } from '../graph/scenario-settings';
import { defineNode } from './define-node';

export const triggerSegmentConfigSchema = z.object({
  segmentId: z.uuid({ error: 'A segment id is a UUID' }).meta({ title: 'Segment' }),
  when: z.enum(['entered', 'exited']).default('entered').meta({ title: 'When the customer' }),
});

export type TriggerSegmentConfig = z.output<typeof triggerSegmentConfigSchema>;

export const triggerSegmentNode = defineNode({
  type: 'trigger.segment',
  version: 1,
  title: 'When entering or leaving a segment',
  description:
    'Starts the journey when a customer enters (or leaves) a dynamic segment, the moment it happens.',
  category: 'triggers',
  kind: 'trigger',
  configSchema: triggerSegmentConfigSchema,
  defaultConfig: { segmentId: '00000000-0000-4000-8000-000000000000', when: 'entered' },
  ports: () => ['out'],
  segments: (config) => [{ path: ['segmentId'], segmentId: config.segmentId }],
  // Membership changes are stored as events on the profile (with the segment's id).
  entryEvent: (config) => ({
    event: config.when === 'entered' ? SEGMENT_ENTERED_EVENT : SEGMENT_EXITED_EVENT,
    filters: [{ path: 'segmentId', operator: 'equals', value: config.segmentId }],
  }),
});
