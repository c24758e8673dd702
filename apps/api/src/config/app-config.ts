import { z } from 'zod';
import { DEFAULT_JOURNEY_TASK_QUEUE } from '@parcours/domain/journey';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** An optional setting: unset or empty (compose passes an unset `${VAR:-}` as '') means off. */
const optionalSetting = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_JOURNEY_TASK_QUEUE),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  API_HOST: z.string().default('0.0.0.0'),
  /** Off only to simulate an API that dies between storing an event and starting journeys. */
  DISPATCH_ENABLED: booleanFlag.default(true),
  DISPATCH_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /**
   * Tag journey workflows with ParcoursScenarioId / ParcoursScenarioVersionId / ParcoursProfileId
   * (Keyword search attributes the namespace must have: `npm run up` and the tests register them).
   */
  TEMPORAL_SEARCH_ATTRIBUTES: booleanFlag.default(true),
  /** How often schedule runs are planned and advanced (a batch each, at the trigger's rate); 0: never. */
  SCHEDULED_ENTRY_POLL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** How often date triggers look for the customers whose day it is; 0: never. */
  DATE_TRIGGER_SWEEP_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How often every segment is swept (time-relative rules, missed updates); 0: never. */
  SEGMENT_SWEEP_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** How often every computed trait is computed again for the whole base; 0: never. */
  COMPUTED_TRAITS_RECOMPUTE_MS: z.coerce.number().int().min(0).max(604_800_000).default(86_400_000),
  /** The API as the internet reaches it: Twilio signs its webhooks over this URL + the path. */
  PUBLIC_API_URL: optionalSetting(z.url({ protocol: /^https?$/ })),
  /** Verifies Twilio's webhook signatures; without it (or PUBLIC_API_URL) they are refused. */
  TWILIO_AUTH_TOKEN: optionalSetting(z.string()),
  /** Verifies open, click and unsubscribe links (the worker's must be the same); required in production. */
  TRACKING_SECRET: optionalSetting(z.string().min(32)),
  /** Authenticates the bounce/complaint webhook (`Authorization: Bearer …`); without it the route is off. */
  EMAIL_WEBHOOK_SECRET: optionalSetting(z.string().min(32)),
  NODE_ENV: z.string().optional(),
  /** Custom node packages (docs/custom-nodes.md): comma-separated npm package names or paths. */
  PARCOURS_NODE_PACKAGES: z.string().default(''),
});

export type AppConfig = z.infer<typeof envSchema>;

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads the environment once at start-up; a bad value stops the process with the variable's name. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
