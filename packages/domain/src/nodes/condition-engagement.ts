import { z } from 'zod';
import { scenarioIdSchema } from '../graph/scenario-graph';
import { defineNode } from './define-node';

export const conditionEngagementConfigSchema = z.object({
  /** A send node of this scenario, before this one. */
  nodeId: scenarioIdSchema.meta({ title: 'Message' }),
  engagement: z
    .enum(['sent', 'delivered', 'opened', 'clicked'])
    .default('opened')
    .meta({ title: 'Was', description: 'A click counts as an open, an open as a delivery' }),
});

export type ConditionEngagementConfig = z.output<typeof conditionEngagementConfigSchema>;

export const conditionEngagementNode = defineNode({
  type: 'condition.engagement',
  version: 1,
  title: 'Message engagement',
  description:
    'Yes when the message an earlier send step of this journey sent was delivered, opened or clicked ' +
    '(its latest send, when the journey loops).',
  category: 'conditions',
  kind: 'condition',
  configSchema: conditionEngagementConfigSchema,
  defaultConfig: { nodeId: 'send', engagement: 'opened' },
  ports: () => ['yes', 'no'],
  references: (config) => [{ path: ['nodeId'], nodeId: config.nodeId, category: 'messages' }],
  async execute(ctx, config) {
    const engagement = await ctx.engagement(config.nodeId);
    const port = engagement[config.engagement] ? 'yes' : 'no';
    return { port, outcome: port };
  },
});
