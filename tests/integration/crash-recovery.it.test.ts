import { explainedBy } from '../support/app-process';
import {
  apiClient,
  basic,
  bearer,
  type RunningApi,
  type RunningWorker,
  startApi,
  startWorker,
  testTaskQueue,
} from '../support/apps';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';
import { startSmtpCapture } from '../support/smtp-capture';
import { welcomeJourney } from './journey-scenario';

const CUSTOMERS = 8;

describe('journeys survive crashes: nothing lost, nothing sent twice', () => {
  // Each test starts its own API and worker, to kill and restart them.
  const stack = useJourneyStack({ apps: 'none' });
  const running: { stop(): Promise<void> }[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
  });

  async function publish(api: RunningApi, waitSeconds: number, event: string): Promise<void> {
    const admin = apiClient(api.url, bearer(stack.workspace.adminKey));
    const graph = welcomeJourney({ event, waitSeconds });
    const created = await admin<{ id: string }>('POST', '/scenarios', { name: `Crash test ${event}`, graph });
    expect((await admin('POST', `/scenarios/${created.body.id}/publish`)).status).toBe(201);
  }

  async function addCustomers(api: RunningApi, prefix: string, count: number): Promise<string[]> {
    const admin = apiClient(api.url, bearer(stack.workspace.adminKey));
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `${prefix}-${i}@example.test`;
      emails.push(email);
      await admin('PUT', `/profiles/${prefix}-${i}`, {
        email,
        traits: { firstName: `${prefix}${i}`, country: i % 2 ? 'FR' : 'DE' },
        consents: { email: { status: 'granted' } },
      });
    }
    return emails;
  }

  function received(prefix: string) {
    return stack.smtp.messages.filter((m) => !Array.isArray(m.to) && m.to?.text.startsWith(`${prefix}-`));
  }

  it('finishes every waiting journey after the worker is SIGKILLed, with exactly one email each', async () => {
    const { databaseUrl, workspace, smtp, db } = stack;
    const taskQueue = testTaskQueue();
    const api = await startApi({ databaseUrl, taskQueue });
    running.push(api);
    let worker: RunningWorker = await startWorker({ databaseUrl, smtpUrl: smtp.url, taskQueue });
    running.push(worker);
    await publish(api, 12, 'signup.worker-crash');
    const emails = await addCustomers(api, 'wk', CUSTOMERS);
    const ingest = apiClient(api.url, basic(workspace.writeKey));
    for (let i = 0; i < CUSTOMERS; i++) {
      await ingest('POST', '/v1/track', { userId: `wk-${i}`, event: 'signup.worker-crash' });
    }

    // Every journey is parked on its timer, then the worker dies without any cleanup.
    await explainedBy(
      waitFor('all journeys to be waiting', async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM journey_steps WHERE outcome = 'waiting' AND node_id = 'wait-2s'`,
        );
        return rows[0].n === CUSTOMERS ? true : undefined;
      }),
      api.process,
      worker.process,
    );
    await worker.process.kill();
    expect(received('wk')).toHaveLength(0);

    worker = await startWorker({ databaseUrl, smtpUrl: smtp.url, taskQueue });
    running.push(worker);
    await explainedBy(
      waitFor(
        'every journey to complete',
        async () => {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM journeys j JOIN profiles p ON p.id = j.profile_id
             WHERE j.status = 'completed' AND p.external_id LIKE 'wk-%'`,
          );
          return rows[0].n === CUSTOMERS ? true : undefined;
        },
        // A step the dead worker had done but not yet reported is retried after its 10 s timeout.
        { timeoutMs: 90_000 },
      ),
      worker.process,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const recipients = received('wk').map((m) => (Array.isArray(m.to) ? '' : m.to?.text));
    expect(recipients.sort()).toEqual([...emails].sort());
  });

  it('starts the journeys of events whose API died before dispatching them, once', async () => {
    const { databaseUrl, workspace, smtp, db } = stack;
    const taskQueue = testTaskQueue();
    const worker = await startWorker({ databaseUrl, smtpUrl: smtp.url, taskQueue });
    running.push(worker);
    // An API that commits events but never gets to start their journeys, then dies.
    const doomed = await startApi({ databaseUrl, taskQueue, env: { DISPATCH_ENABLED: 'false' } });
    await publish(doomed, 1, 'signup.api-crash');
    const emails = await addCustomers(doomed, 'ac', 3);
    const ingest = apiClient(doomed.url, basic(workspace.writeKey));
    for (let i = 0; i < 3; i++) {
      expect(
        (await ingest('POST', '/v1/track', { userId: `ac-${i}`, event: 'signup.api-crash' })).status,
      ).toBe(200);
    }
    await doomed.process.kill();
    const pending = await db.query(`SELECT count(*)::int AS n FROM event_outbox`);
    expect(pending.rows[0].n).toBe(3);
    expect(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM journeys j JOIN profiles p ON p.id = j.profile_id WHERE p.external_id LIKE 'ac-%'`,
        )
      ).rows[0].n,
    ).toBe(0);

    // A dispatcher that crashed after starting some workflows but before clearing the outbox is
    // the same situation one step later: replaying the outbox must not start anything twice.
    const [first, second] = await Promise.all([
      startApi({ databaseUrl, taskQueue }),
      startApi({ databaseUrl, taskQueue }),
    ]);
    running.push(first, second);
    await explainedBy(
      waitFor('the three emails', async () => (received('ac').length >= 3 ? true : undefined)),
      first.process,
      second.process,
      worker.process,
    );
    await waitFor('the outbox to drain', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM event_outbox`);
      return rows[0].n === 0 ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 2_000));
    const recipients = received('ac').map((m) => (Array.isArray(m.to) ? '' : m.to?.text));
    expect(recipients.sort()).toEqual([...emails].sort());
  });

  it('never sends twice when the worker is SIGKILLed in the middle of a send', async () => {
    const { databaseUrl, workspace, db } = stack;
    // The provider has the message but has not acknowledged it when the worker dies: a retry
    // cannot know whether it went out, so it must not send it again.
    const slow = await startSmtpCapture({ acceptDelayMs: 15_000 });
    const taskQueue = testTaskQueue();
    const api = await startApi({ databaseUrl, taskQueue });
    running.push(api);
    let worker: RunningWorker = await startWorker({ databaseUrl, smtpUrl: slow.url, taskQueue });
    running.push(worker);
    try {
      await publish(api, 1, 'signup.mid-send');
      await addCustomers(api, 'ms', 1);
      await apiClient(api.url, basic(workspace.writeKey))('POST', '/v1/track', {
        userId: 'ms-0',
        event: 'signup.mid-send',
      });
      await explainedBy(slow.waitForMessages(1), api.process, worker.process);
      await worker.process.kill();

      worker = await startWorker({ databaseUrl, smtpUrl: slow.url, taskQueue });
      running.push(worker);
      const ledger = await explainedBy(
        waitFor(
          'the journey to complete',
          async () => {
            const { rows } = await db.query(
              `SELECT j.status, l.status AS send, l.reason, l.attempts FROM journeys j
               JOIN profiles p ON p.id = j.profile_id JOIN message_ledger l ON l.journey_id = j.id
               WHERE p.external_id = 'ms-0'`,
            );
            return rows[0]?.status === 'completed' ? rows : undefined;
          },
          // The dead worker's send is retried once its 1 minute start-to-close timeout expires.
          { timeoutMs: 120_000 },
        ),
        worker.process,
      );
      expect(ledger).toEqual([
        { status: 'completed', send: 'failed', reason: expect.stringMatching(/^in_doubt/), attempts: 2 },
      ]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(slow.messages).toHaveLength(1);
    } finally {
      // The workers' pooled connections would hold the server open.
      await Promise.all(running.splice(0).map((p) => p.stop()));
      await slow.close();
    }
  });
});
