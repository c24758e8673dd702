import { z } from 'zod';
import { durationToMs } from '../journey/duration';
import { defineNode } from './define-node';

const MAX_WAIT_MS = 365 * 86_400_000;

export const waitDurationConfigSchema = z
  .object({
    amount: z.int().min(1).max(31_536_000).meta({ title: 'Wait for' }),
    unit: z.enum(['seconds', 'minutes', 'hours', 'days']).meta({ title: 'Unit' }),
  })
  .refine((config) => durationToMs(config) <= MAX_WAIT_MS, {
    path: ['amount'],
    error: 'A wait cannot be longer than 365 days',
  });

export type WaitDurationConfig = z.output<typeof waitDurationConfigSchema>;

export const waitDurationNode = defineNode({
  type: 'wait.duration',
  version: 1,
  title: 'Wait',
  description: 'Pauses the journey for a fixed time (at most 365 days) before the next step.',
  category: 'flow',
  kind: 'wait',
  configSchema: waitDurationConfigSchema,
  defaultConfig: { amount: 1, unit: 'days' },
  ports: () => ['out'],
});
