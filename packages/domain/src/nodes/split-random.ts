import { z } from 'zod';
import { scenarioIdSchema } from '../graph/scenario-graph';
import { HOLDOUT_PORT } from '../journey/split-bucket';
import { checkBranchPorts } from './branch-ports';
import { defineNode } from './define-node';

const percentSchema = z.number().min(0).max(100);

export const splitRandomConfigSchema = z
  .object({
    branches: z
      .array(z.object({ port: scenarioIdSchema.meta({ title: 'Branch' }), percent: percentSchema }))
      .min(1)
      .max(10)
      .meta({ title: 'Branches' }),
    /** Customers kept out of the journey's messages, counted so its effect can be measured. */
    holdoutPercent: percentSchema.default(0).meta({ title: 'Holdout (%)' }),
  })
  .superRefine((config, ctx) => {
    const total = config.branches.reduce((sum, b) => sum + b.percent, config.holdoutPercent);
    if (Math.abs(total - 100) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['branches'],
        message: `Branches and holdout must add up to 100%, not ${total}%`,
      });
    }
    checkBranchPorts(config.branches, 'branches', HOLDOUT_PORT, ctx);
  });

export type SplitRandomConfig = z.output<typeof splitRandomConfigSchema>;

export const splitRandomNode = defineNode({
  type: 'split.random',
  version: 1,
  title: 'Random split',
  description:
    'Sends customers down branches by percentage (A/B tests), always the same branch for the same ' +
    'customer; an optional holdout group leaves the journey here and is counted.',
  category: 'flow',
  kind: 'split',
  configSchema: splitRandomConfigSchema,
  defaultConfig: {
    branches: [
      { port: 'a', percent: 50 },
      { port: 'b', percent: 50 },
    ],
    holdoutPercent: 0,
  },
  ports: (config) => config.branches.map((b) => b.port),
});
