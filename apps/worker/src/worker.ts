import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { createJourneyActivities } from './activities/journey.activities';
import { type WorkerConfig } from './config';
import { createSmtpMailer, type Mailer } from './email/smtp-mailer';
import { JourneyStore } from './persistence/journey-store';
import { MessageLedger } from './persistence/message-ledger';
import { ProfileStore } from './persistence/profile-store';

export interface RunningWorker {
  worker: Worker;
  /** Closes what the worker opened (database pool, SMTP pool, Temporal connection). */
  close(): Promise<void>;
}

/** Builds the journey worker: one Temporal worker on the journeys task queue. */
export async function createJourneyWorker(config: WorkerConfig, mailer?: Mailer): Promise<RunningWorker> {
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const smtp = mailer ?? createSmtpMailer(config.SMTP_URL, config.SMTP_RATE_PER_SECOND);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const activities = createJourneyActivities({
    journeys: new JourneyStore(pool),
    profiles: new ProfileStore(pool),
    ledger: new MessageLedger(pool),
    mailer: smtp,
    emailFrom: config.EMAIL_FROM,
  });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities,
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
