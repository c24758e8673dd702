import { e164PhoneSchema, resolveTrackingSecret, senderAddressSchema } from '@parcours/domain';
import { DEFAULT_JOURNEY_TASK_QUEUE } from '@parcours/domain/journey';
import { z } from 'zod';
import { type SmtpPoolOptions } from './email/smtp-mailer';
import { TrackingLinks } from './email/tracking-links';
import { DestinationPolicy } from './http/destination-policy';
import { type EmailSettings } from './messages/email-provider';
import { type TwilioSettings } from './messages/sms-provider';
import { type WebPushSettings } from './messages/push-provider';

const trackingFlag = z
  .enum(['true', 'false', '1', '0'])
  .default('true')
  .transform((v) => v === 'true' || v === '1');

/** An optional setting: unset or empty (compose passes an unset `${VAR:-}` as '') means off. */
const optionalSetting = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_JOURNEY_TASK_QUEUE),
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:1025'),
  /** Messages per second through the pooled SMTP transport (provider limits). */
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(50),
  EMAIL_FROM: z.string().min(3).default('Parcours <no-reply@parcours.local>'),
  /** Reply-To of emails whose template and workspace name none. */
  EMAIL_REPLY_TO: optionalSetting(senderAddressSchema),
  /** A mailbox that unsubscribes too (`List-Unsubscribe: <mailto:…>` next to the one-click URL). */
  EMAIL_UNSUBSCRIBE_MAILTO: optionalSetting(senderAddressSchema),
  EMAIL_OPEN_TRACKING: trackingFlag,
  EMAIL_CLICK_TRACKING: trackingFlag,
  /** SMTP connections the pool keeps open, and messages per connection before it is renewed. */
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  SMTP_MAX_MESSAGES_PER_CONNECTION: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Signs tracking and unsubscribe links (the API's must be the same); required in production. */
  TRACKING_SECRET: optionalSetting(z.string().min(32)),
  NODE_ENV: z.string().optional(),
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
  /** SMS through Twilio (docs/channels.md): off without an account SID. */
  TWILIO_ACCOUNT_SID: optionalSetting(
    z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'A Twilio account SID: AC and 32 hexadecimal digits'),
  ),
  TWILIO_AUTH_TOKEN: optionalSetting(z.string()),
  /** The sender: a number of the account (E.164), or a Messaging Service (wins when both are set). */
  TWILIO_FROM_NUMBER: optionalSetting(e164PhoneSchema),
  TWILIO_MESSAGING_SERVICE_SID: optionalSetting(
    z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'A Messaging Service SID: MG and 32 hexadecimal digits'),
  ),
  /** Sends what would go to https://api.twilio.com to this base URL instead (a proxy, a test double). */
  TWILIO_API_BASE_URL: optionalSetting(z.url({ protocol: /^https?$/ })),
  TWILIO_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  /** The API as providers reach it from the internet, for Twilio's delivery status callbacks. */
  PUBLIC_API_URL: optionalSetting(z.url({ protocol: /^https?$/ })),
  /** VAPID contact of web push messages: `mailto:` or `https:` (push services may use it). */
  PUSH_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'A mailto: or https: URL')
    .default('mailto:no-reply@parcours.local'),
  /** How long push services keep a message for an offline browser (at most 4 weeks). */
  PUSH_TTL_SECONDS: z.coerce.number().int().min(0).max(2_419_200).default(86_400),
  PUSH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  /** Custom node packages (docs/custom-nodes.md): comma-separated npm package names or paths. */
  PARCOURS_NODE_PACKAGES: z.string().default(''),
});

/** Environment variables holding secrets for custom nodes: `PARCOURS_SECRET_<NAME>`. */
const NODE_SECRET_PREFIX = 'PARCOURS_SECRET_';

export type WorkerConfig = z.infer<typeof envSchema> & {
  /** Secrets custom nodes read with `ctx.secret(name)`, by name (the variable without its prefix). */
  nodeSecrets: Record<string, string>;
};

function nodeSecrets(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env)
      .filter(([name, value]) => name.startsWith(NODE_SECRET_PREFIX) && value !== undefined && value !== '')
      .map(([name, value]) => [name.slice(NODE_SECRET_PREFIX.length), value as string]),
  );
}

/** Twilio's settings, or undefined when SMS is not configured (a send.sms step then fails). */
export function twilioSettings(config: WorkerConfig): TwilioSettings | undefined {
  if (!config.TWILIO_ACCOUNT_SID) return undefined;
  const sender = config.TWILIO_MESSAGING_SERVICE_SID
    ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }
    : config.TWILIO_FROM_NUMBER
      ? { from: config.TWILIO_FROM_NUMBER }
      : undefined;
  if (!config.TWILIO_AUTH_TOKEN || !sender) {
    throw new Error(
      'Invalid configuration: TWILIO_ACCOUNT_SID needs TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID',
    );
  }
  return {
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    sender,
    publicApiUrl: config.PUBLIC_API_URL,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    timeoutMs: config.TWILIO_TIMEOUT_MS,
  };
}

/** Push endpoints are held to the webhooks' destination policy (WEBHOOK_ALLOWED_HOSTS). */
export function webPushSettings(config: WorkerConfig): WebPushSettings {
  return {
    policy: DestinationPolicy.fromList(config.WEBHOOK_ALLOWED_HOSTS),
    subject: config.PUSH_VAPID_SUBJECT,
    ttlSeconds: config.PUSH_TTL_SECONDS,
    timeoutMs: config.PUSH_TIMEOUT_MS,
  };
}

/**
 * How emails are composed: sender defaults, tracking (links point at the API's public URL,
 * `PUBLIC_API_URL`, http://localhost:4000 by default) and the unsubscribe mailbox.
 */
export function emailSettings(config: WorkerConfig): EmailSettings {
  return {
    defaultFrom: config.EMAIL_FROM,
    defaultReplyTo: config.EMAIL_REPLY_TO,
    links: new TrackingLinks(
      config.PUBLIC_API_URL ?? 'http://localhost:4000',
      resolveTrackingSecret(config.TRACKING_SECRET, config.NODE_ENV),
    ),
    openTracking: config.EMAIL_OPEN_TRACKING,
    clickTracking: config.EMAIL_CLICK_TRACKING,
    unsubscribeMailto: config.EMAIL_UNSUBSCRIBE_MAILTO,
  };
}

/** The SMTP pool's options the environment sets. */
export function smtpPool(config: WorkerConfig): SmtpPoolOptions {
  return {
    ratePerSecond: config.SMTP_RATE_PER_SECOND,
    maxConnections: config.SMTP_MAX_CONNECTIONS,
    maxMessages: config.SMTP_MAX_MESSAGES_PER_CONNECTION,
  };
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return { ...parsed.data, nodeSecrets: nodeSecrets(env) };
}

/** The Temporal worker options the environment sets (docs/scaling.md); the rest are the SDK's. */
export function workerTuning(config: WorkerConfig) {
  return {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}
