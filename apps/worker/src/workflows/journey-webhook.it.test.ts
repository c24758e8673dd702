import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type JourneyHarness,
  type PublishedScenario,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';

interface Received {
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

/** The webhook node against a real HTTP server on loopback, allowed by the worker's configuration. */
describe('webhook in running journeys', () => {
  let h: JourneyHarness;
  let server: Server;
  let port: number;
  const received: Received[] = [];
  /** Statuses to answer per path, in order; the last one repeats. */
  const script = new Map<string, number[]>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const path = request.url!.split('?')[0];
        received.push({
          path,
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
          authorization: request.headers.authorization,
          body: body ? JSON.parse(body) : undefined,
        });
        const statuses = script.get(path) ?? [200];
        const status = statuses.length > 1 ? statuses.shift()! : statuses[0];
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { tier: status < 300 ? 'gold' : null } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    h = await startJourneyHarness({ workerEnv: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
  });
  afterAll(async () => {
    await h?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** start → webhook (POST /crm/<case>/<userId>) → ok: save the tier | failed: flag it → exit. */
  const crmJourney = (name: string, maxAttempts = 3): Promise<PublishedScenario> =>
    h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          [
            'crm',
            'webhook',
            {
              url: `http://127.0.0.1:${port}/crm/${name}/{{ profile.userId }}`,
              headers: { Authorization: 'Bearer {{ journey.token | default: "static-token" }}' },
              body: { email: '{{ profile.email }}', source: 'parcours' },
              timeoutSeconds: 5,
              maxAttempts,
              saveResponse: { tier: 'data.tier' },
            },
          ],
          ['save', 'update.profile', { fromVariables: { loyalty_tier: 'tier' } }],
          ['flag', 'update.profile', { set: { crm_sync_failed: true } }],
          ['end', 'exit', {}],
        ],
        ['start.out -> crm', 'crm.ok -> save', 'crm.failed -> flag', 'save.out -> end', 'flag.out -> end'],
      ),
      name,
    );
  const run = async (scenario: PublishedScenario, email: string, taskQueue?: string) => {
    const profileId = await h.createCustomer({ email });
    const journey = await h.enter(scenario, profileId, { taskQueue });
    const outcome = await journey.result();
    const { rows } = await h.pool.query(`SELECT external_id, traits FROM profiles WHERE id = $1`, [
      profileId,
    ]);
    const crm = (await h.steps(journey.journeyId)).find((step) => step.node_id === 'crm');
    return { journey, outcome, userId: rows[0].external_id as string, traits: rows[0].traits, crm };
  };
  const calls = (path: string) => received.filter((r) => r.path.startsWith(path));

  it('calls once, with an idempotency key, and saves a response field on the profile', async () => {
    const { journey, outcome, userId, traits, crm } = await run(await crmJourney('ok'), 'ok@example.test');
    expect(outcome.path).toEqual(['crm', 'save', 'end']);
    expect(crm?.outcome).toBe('ok');
    expect(traits).toEqual({ loyalty_tier: 'gold' });
    expect(calls('/crm/ok/')).toEqual([
      {
        path: `/crm/ok/${userId}`,
        idempotencyKey: `${journey.journeyId}:crm:0`,
        authorization: 'Bearer static-token',
        body: { email: 'ok@example.test', source: 'parcours' },
      },
    ]);
    const { rows } = await h.pool.query(
      `SELECT result FROM step_effects WHERE journey_id = $1 AND node_id = 'crm'`,
      [journey.journeyId],
    );
    expect(rows).toEqual([{ result: { effect: { ok: true, variables: { tier: 'gold' } } } }]);
  });

  it('retries a 5xx with the same idempotency key, and goes on when the endpoint recovers', async () => {
    const scenario = await crmJourney('flaky');
    const profileId = await h.createCustomer({ email: 'flaky@example.test' });
    const { rows } = await h.pool.query(`SELECT external_id FROM profiles WHERE id = $1`, [profileId]);
    script.set(`/crm/flaky/${rows[0].external_id}`, [503, 502, 200]);
    const journey = await h.enter(scenario, profileId);
    expect((await journey.result()).path).toEqual(['crm', 'save', 'end']);
    const attempts = calls('/crm/flaky/');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set([`${journey.journeyId}:crm:0`]));
  });

  it('gives up after its attempts on a 5xx, and fails at once on a 4xx', async () => {
    const down = await crmJourney('down', 2);
    const downProfile = await h.createCustomer({ email: 'down@example.test' });
    const downUser = (await h.pool.query(`SELECT external_id FROM profiles WHERE id = $1`, [downProfile]))
      .rows[0].external_id;
    script.set(`/crm/down/${downUser}`, [500]);
    const downJourney = await h.enter(down, downProfile);
    expect((await downJourney.result()).path).toEqual(['crm', 'flag', 'end']);
    expect(calls('/crm/down/')).toHaveLength(2);

    const missing = await crmJourney('missing');
    const missingProfile = await h.createCustomer({ email: 'missing@example.test' });
    const missingUser = (
      await h.pool.query(`SELECT external_id FROM profiles WHERE id = $1`, [missingProfile])
    ).rows[0].external_id;
    script.set(`/crm/missing/${missingUser}`, [404]);
    const missingJourney = await h.enter(missing, missingProfile);
    expect((await missingJourney.result()).path).toEqual(['crm', 'flag', 'end']);
    expect(calls('/crm/missing/')).toHaveLength(1);
    const steps = [...(await h.steps(downJourney.journeyId)), ...(await h.steps(missingJourney.journeyId))];
    expect(steps.filter((s) => s.node_id === 'crm').map((s) => s.outcome)).toEqual([
      'failed:http_500',
      'failed:http_404',
    ]);
  });

  it('does not call again when the step already recorded its call (a retry after it acted)', async () => {
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['pause', 'wait.duration', { amount: 1, unit: 'hours' }],
          [
            'crm',
            'webhook',
            { url: `http://127.0.0.1:${port}/crm/recorded`, saveResponse: { tier: 'data.tier' } },
          ],
          ['save', 'update.profile', { fromVariables: { loyalty_tier: 'tier' } }],
          ['end', 'exit', {}],
        ],
        ['start.out -> pause', 'pause.out -> crm', 'crm.ok -> save', 'crm.failed -> end', 'save.out -> end'],
      ),
    );
    const profileId = await h.createCustomer();
    const journey = await h.enter(scenario, profileId);
    await h.waitForStep(journey.journeyId, 'pause', 'waiting');
    // As an attempt that called, recorded, then died before reporting to Temporal leaves it.
    await h.pool.query(
      `INSERT INTO step_effects (journey_id, node_id, iteration, result) VALUES ($1, 'crm', 0, $2)`,
      [journey.journeyId, { effect: { ok: true, variables: { tier: 'platinum' } } }],
    );
    expect((await journey.result()).path).toEqual(['pause', 'crm', 'save', 'end']);
    expect(calls('/crm/recorded')).toEqual([]);
    const { rows } = await h.pool.query(`SELECT traits FROM profiles WHERE id = $1`, [profileId]);
    expect(rows[0].traits).toEqual({ loyalty_tier: 'platinum' });
  });

  it('refuses 127.0.0.1 on a worker that does not allow it, without calling', async () => {
    const strictQueue = await h.startWorker({ WEBHOOK_ALLOWED_HOSTS: '' });
    const { outcome, traits, crm } = await run(
      await crmJourney('refused'),
      'refused@example.test',
      strictQueue,
    );
    expect(outcome.path).toEqual(['crm', 'flag', 'end']);
    expect(crm?.outcome).toBe('failed:refused_destination');
    expect(traits).toEqual({ crm_sync_failed: true });
    expect(calls('/crm/refused/')).toEqual([]);
  });
});
