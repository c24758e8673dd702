import { z } from 'zod';
import { defineNode } from './define-node';

export const conditionSegmentConfigSchema = z.object({
  segmentId: z.uuid({ error: 'A segment id is a UUID' }).meta({ title: 'Segment' }),
});

export type ConditionSegmentConfig = z.output<typeof conditionSegmentConfigSchema>;

export const conditionSegmentNode = defineNode({
  type: 'condition.segment',
  version: 1,
  title: 'In segment',
  description: 'Yes when the customer is a member of the segment when the step runs (not when they entered).',
  category: 'conditions',
  kind: 'condition',
  configSchema: conditionSegmentConfigSchema,
  defaultConfig: { segmentId: '00000000-0000-4000-8000-000000000000' },
  ports: () => ['yes', 'no'],
  segments: (config) => [{ path: ['segmentId'], segmentId: config.segmentId }],
  async execute(ctx, config) {
    const port = (await ctx.isSegmentMember(config.segmentId)) ? 'yes' : 'no';
    return { port, outcome: port };
  },
});
