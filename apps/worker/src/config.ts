import { DEFAULT_JOURNEY_TASK_QUEUE } from '@parcours/domain/journey';
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_JOURNEY_TASK_QUEUE),
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:1025'),
  /** Messages per second through the pooled SMTP transport (provider limits). */
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(50),
  EMAIL_FROM: z.string().min(3).default('Parcours <no-reply@parcours.local>'),
  /** A pre-built workflow bundle (production); without it the worker bundles at start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
});

export type WorkerConfig = z.infer<typeof envSchema>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
