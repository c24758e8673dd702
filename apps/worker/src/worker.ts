import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { createJourneyActivities, type JourneyActivityDependencies } from './activities/journey.activities';
import {
  emailSettings,
  smtpPool,
  twilioSettings,
  type WorkerConfig,
  webPushSettings,
  workerTuning,
} from './config';
import { createSmtpMailer, type Mailer } from './email/smtp-mailer';
import { defaultNodeRegistry, type NodeRegistry } from '@parcours/domain';
import { loadNodeRegistry, parseNodePackageList } from '@parcours/domain/node-packages';
import { DestinationPolicy } from './http/destination-policy';
import { GuardedHttpClient } from './http/guarded-http-client';
import { type ChannelProvider } from './messages/channel-provider';
import { emailProvider, type EmailSettings } from './messages/email-provider';
import { MessageGateway } from './messages/message-gateway';
import { pushProvider, type WebPushSettings } from './messages/push-provider';
import { smsProvider, type TwilioSettings } from './messages/sms-provider';
import { EmailStore } from './persistence/email-store';
import { EventHistory } from './persistence/event-history';
import { JourneyStore } from './persistence/journey-store';
import { MessageLedger } from './persistence/message-ledger';
import { ProfileStore } from './persistence/profile-store';
import { PushStore } from './persistence/push-store';
import { SegmentMemberships } from './persistence/segment-memberships';
import { missingNodesInUse, missingNodesMessage } from './nodes-in-use';
import { StepEffects } from './persistence/step-effects';
import { TemplateStore } from './persistence/template-store';

export interface RunningWorker {
  worker: Worker;
  /** Closes what the worker opened (database pool, SMTP pool, Temporal connection). */
  close(): Promise<void>;
}

/**
 * What the journey activities run with, over one database pool and one mailer; SMS and web push
 * when their settings are given.
 */
export function journeyActivityDependencies(
  pool: Pool,
  mailer: Mailer,
  options: {
    email: EmailSettings;
    webhookAllowedHosts?: string;
    twilio?: TwilioSettings;
    webPush?: WebPushSettings;
    /** Built-in nodes and those of the configured node packages (built-ins only by default). */
    registry?: NodeRegistry;
    nodeSecrets?: Record<string, string>;
  },
): JourneyActivityDependencies {
  const ledger = new MessageLedger(pool);
  const providers: ChannelProvider[] = [emailProvider(mailer, new EmailStore(pool), options.email)];
  if (options.twilio) providers.push(smsProvider(options.twilio));
  if (options.webPush) providers.push(pushProvider(new PushStore(pool), options.webPush));
  return {
    registry: options.registry ?? defaultNodeRegistry,
    secrets: options.nodeSecrets ?? {},
    journeys: new JourneyStore(pool),
    profiles: new ProfileStore(pool),
    segments: new SegmentMemberships(pool),
    events: new EventHistory(pool),
    effects: new StepEffects(pool),
    templates: new TemplateStore(pool),
    http: new GuardedHttpClient(DestinationPolicy.fromList(options.webhookAllowedHosts)),
    ledger,
    messages: new MessageGateway(pool, ledger, providers),
  };
}

/**
 * Builds the journey worker: one Temporal worker on the journeys task queue. Refuses (throws) when
 * a node package cannot be loaded or published scenarios use node types it does not have.
 */
export async function createJourneyWorker(config: WorkerConfig, mailer?: Mailer): Promise<RunningWorker> {
  const registry = loadNodeRegistry(parseNodePackageList(config.PARCOURS_NODE_PACKAGES));
  for (const node of registry.list()) {
    for (const name of node.secrets?.filter((secret) => !(secret in config.nodeSecrets)) ?? []) {
      console.warn(`Node type ${node.type} needs secret ${name}: set PARCOURS_SECRET_${name}`);
    }
  }
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10 });
  try {
    const missing = await missingNodesInUse(pool, registry);
    if (missing.length > 0) throw new Error(missingNodesMessage(missing, config.PARCOURS_NODE_PACKAGES));
  } catch (error) {
    await pool.end();
    throw error;
  }
  const smtp = mailer ?? createSmtpMailer(config.SMTP_URL, smtpPool(config));
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const activities = createJourneyActivities(
    journeyActivityDependencies(pool, smtp, {
      email: emailSettings(config),
      webhookAllowedHosts: config.WEBHOOK_ALLOWED_HOSTS,
      twilio: twilioSettings(config),
      webPush: webPushSettings(config),
      registry,
      nodeSecrets: config.nodeSecrets,
    }),
  );
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities,
    ...workerTuning(config),
    ...(config.WORKFLOW_BUNDLE_PATH
      ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } }
      : { workflowsPath: require.resolve('./workflows') }),
  });
  return {
    worker,
    async close() {
      smtp.close();
      await pool.end();
      await connection.close();
    },
  };
}
