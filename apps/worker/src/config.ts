import { DEFAULT_JOURNEY_TASK_QUEUE } from '@parcours/domain/journey';
import { z } from 'zod';
import { DestinationPolicy } from './http/destination-policy';

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_JOURNEY_TASK_QUEUE),
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:1025'),
  /** Messages per second through the pooled SMTP transport (provider limits). */
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(50),
  EMAIL_FROM: z.string().min(3).default('Parcours <no-reply@parcours.local>'),
  /**
   * Comma-separated host names, IP addresses and CIDR ranges webhooks may call although they are
   * private, loopback or link-local (refused by default), e.g. `crm.internal,10.20.0.0/16`.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .superRefine((list, ctx) => {
      try {
        DestinationPolicy.fromList(list);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** A pre-built workflow bundle (production); without it the worker bundles at start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /**
   * Journeys kept in worker memory between their steps (the SDK's maxCachedWorkflows, about 0.3 MiB
   * each). A sleeping journey needs no slot: evicted, it replays its short history when it wakes.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(1_000),
  /** Workflow tasks and activities one worker process runs at once (the SDK's defaults). */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).default(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(10_000).default(100),
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

/** The Temporal worker options the environment sets (docs/scaling.md); the rest are the SDK's. */
export function workerTuning(config: WorkerConfig) {
  return {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}
