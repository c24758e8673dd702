import { type ScenarioGraphInput } from '@parcours/domain';
import { JOURNEY_SEARCH_ATTRIBUTES } from '@parcours/domain/journey';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { explainedBy } from '../support/app-process';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';

type Node = ScenarioGraphInput['nodes'][number];

/** A scenario whose nodes follow each other on their first port (`out`, `yes`, `received`…), ending at an exit. */
function chain(
  nodes: Node[],
  extraEdges: [string, string, string][] = [],
  settings?: unknown,
): ScenarioGraphInput {
  const all = [...nodes, { id: 'end', type: 'exit', config: {} }];
  const firstPort: Record<string, string> = {
    'condition.attribute': 'yes',
    'condition.consent': 'yes',
    'wait.event': 'received',
  };
  const edges = all.slice(0, -1).map((node, i) => ({
    id: `e${i}`,
    source: node.id,
    sourcePort: firstPort[node.type] ?? 'out',
    target: all[i + 1].id,
  }));
  for (const [source, sourcePort, target] of extraEdges) {
    edges.push({ id: `x-${source}-${sourcePort}`, source, sourcePort, target });
  }
  return { nodes: all, edges, ...(settings ? { settings } : {}) } as ScenarioGraphInput;
}

const email = (id: string, subject: string): Node => ({
  id,
  type: 'send.email',
  config: { subject, text: 'Hello {{ profile.firstName }}' },
});

describe('the journey engine over Postgres + Temporal + SMTP', () => {
  const stack = useJourneyStack();

  async function customer(userId: string): Promise<string> {
    const res = await stack.admin<{ id: string }>('PUT', `/profiles/${userId}`, {
      email: `${userId}@example.test`,
      traits: { firstName: userId },
      consents: { email: { status: 'granted', source: 'test' } },
    });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  const journeysOf = async (scenarioId: string) =>
    (
      await stack.db.query(
        `SELECT j.id, p.external_id AS "userId", j.status, j.exit_reason AS "exitReason",
                j.current_node_id AS "currentNode", v.version
         FROM journeys j JOIN profiles p ON p.id = j.profile_id JOIN scenario_versions v ON v.id = j.scenario_version_id
         WHERE j.scenario_id = $1 ORDER BY j.entered_at`,
        [scenarioId],
      )
    ).rows;

  /** Waits until the journeys of the scenario satisfy `done`, explaining with the app logs if not. */
  const journeysWhen = (
    what: string,
    scenarioId: string,
    done: (rows: Awaited<ReturnType<typeof journeysOf>>) => boolean,
  ) =>
    explainedBy(
      waitFor(
        what,
        async () => {
          const rows = await journeysOf(scenarioId);
          return done(rows) ? rows : undefined;
        },
        { timeoutMs: 60_000 },
      ),
      stack.api.process,
      stack.worker.process,
    );

  const mailsTo = (userId: string) =>
    stack.smtp.messages.filter((m) => !Array.isArray(m.to) && m.to?.text === `${userId}@example.test`);
  const mailsArrive = (userId: string, count: number) =>
    waitFor(`${count} email(s) to ${userId}`, async () =>
      mailsTo(userId).length >= count ? true : undefined,
    );

  it('ends a journey the moment an exit event arrives, in the middle of a long wait', async () => {
    const scenarioId = await stack.publish(
      'Cart reminder',
      chain(
        [
          { id: 'start', type: 'trigger.event', config: { event: 'cart.abandoned' } },
          { id: 'wait', type: 'wait.duration', config: { amount: 3, unit: 'days' } },
          email('remind', 'Your cart'),
        ],
        [],
        { exitCriteria: [{ kind: 'event', event: 'order.placed' }] },
      ),
    );
    await customer('olga');
    await stack.track('olga', 'cart.abandoned');
    await journeysWhen('olga to wait', scenarioId, (rows) => rows[0]?.currentNode === 'wait');
    const placedAt = Date.now();
    await stack.track('olga', 'order.placed');
    const [journey] = await journeysWhen('olga to exit', scenarioId, (rows) => rows[0]?.status === 'exited');
    expect(Date.now() - placedAt).toBeLessThan(15_000);
    expect(journey).toMatchObject({ exitReason: 'event:order.placed', currentNode: 'wait' });
    expect(mailsTo('olga')).toHaveLength(0);
  });

  it('delivers awaited events to the waiting journey, only those about the same cart', async () => {
    const scenarioId = await stack.publish(
      'Checkout follow-up',
      chain(
        [
          { id: 'start', type: 'trigger.event', config: { event: 'checkout.started' } },
          {
            id: 'paid',
            type: 'wait.event',
            config: { event: 'payment.done', sameAsTrigger: 'cartId', timeout: { amount: 1, unit: 'days' } },
          },
          email('thanks', 'Thanks for cart {{ journey.paid.properties.cartId }}'),
        ],
        [['paid', 'timeout', 'end']],
      ),
    );
    await customer('pablo');
    await stack.track('pablo', 'checkout.started', { cartId: 'A' });
    await journeysWhen('pablo to wait for payment', scenarioId, (rows) => rows[0]?.currentNode === 'paid');
    await stack.track('pablo', 'payment.done', { cartId: 'B' }); // another cart: not this journey's
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await journeysOf(scenarioId))[0]).toMatchObject({ status: 'running', currentNode: 'paid' });
    await stack.track('pablo', 'payment.done', { cartId: 'A' });
    await journeysWhen('pablo to finish', scenarioId, (rows) => rows[0]?.status === 'completed');
    await mailsArrive('pablo', 1);
    expect(mailsTo('pablo').map((m) => m.subject)).toEqual(['Thanks for cart A']);
  });

  it('pins journeys in flight to their version; new entries get the new one', async () => {
    const graph = (subject: string) =>
      chain(
        [
          { id: 'start', type: 'trigger.event', config: { event: 'trial.started' } },
          {
            id: 'wait',
            type: 'wait.event',
            config: { event: 'trial.go', timeout: { amount: 1, unit: 'days' } },
          },
          email('mail', subject),
        ],
        [['wait', 'timeout', 'end']],
      );
    const scenarioId = await stack.publish('Trial', graph('Version one'));
    await customer('quinn');
    await stack.track('quinn', 'trial.started');
    await journeysWhen('quinn to wait', scenarioId, (rows) => rows[0]?.currentNode === 'wait');
    expect(
      (await stack.admin('PUT', `/scenarios/${scenarioId}`, { graph: graph('Version two') })).status,
    ).toBe(200);
    expect((await stack.admin('POST', `/scenarios/${scenarioId}/publish`)).status).toBe(201);
    await customer('rosa');
    await stack.track('rosa', 'trial.started');
    await journeysWhen('rosa to wait', scenarioId, (rows) => rows[1]?.currentNode === 'wait');
    await stack.track('quinn', 'trial.go');
    await stack.track('rosa', 'trial.go');
    const rows = await journeysWhen('both to finish', scenarioId, (r) =>
      r.every((j) => j.status === 'completed'),
    );
    expect(rows.map((j) => [j.userId, j.version])).toEqual([
      ['quinn', 1],
      ['rosa', 2],
    ]);
    await Promise.all([mailsArrive('quinn', 1), mailsArrive('rosa', 1)]);
    expect(mailsTo('quinn').map((m) => m.subject)).toEqual(['Version one']);
    expect(mailsTo('rosa').map((m) => m.subject)).toEqual(['Version two']);
  });

  it('pauses (no new entries), resumes, and stops (everyone in flight exits now)', async () => {
    const scenarioId = await stack.publish(
      'Lifecycle',
      chain([
        { id: 'start', type: 'trigger.event', config: { event: 'lifecycle.go' } },
        { id: 'wait', type: 'wait.duration', config: { amount: 7, unit: 'days' } },
        email('mail', 'Never sent'),
      ]),
    );
    for (const user of ['sam', 'tess', 'uma']) await customer(user);
    await stack.track('sam', 'lifecycle.go');
    await journeysWhen('sam to wait', scenarioId, (rows) => rows[0]?.currentNode === 'wait');

    expect((await stack.admin('POST', `/scenarios/${scenarioId}/pause`)).body).toEqual({
      status: 'paused',
      exitedJourneys: 0,
    });
    expect((await stack.admin('POST', `/scenarios/${scenarioId}/pause`)).status).toBe(409);
    await stack.track('tess', 'lifecycle.go');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await journeysOf(scenarioId)).map((j) => j.userId)).toEqual(['sam']);

    expect((await stack.admin('POST', `/scenarios/${scenarioId}/resume`)).body).toMatchObject({
      status: 'live',
    });
    await stack.track('uma', 'lifecycle.go');
    await journeysWhen('uma to wait', scenarioId, (rows) => rows[1]?.currentNode === 'wait');

    expect((await stack.admin('POST', `/scenarios/${scenarioId}/stop`)).body).toEqual({
      status: 'stopped',
      exitedJourneys: 2,
    });
    const rows = await journeysOf(scenarioId);
    expect(rows.map((j) => [j.userId, j.status, j.exitReason])).toEqual([
      ['sam', 'exited', 'stopped'],
      ['uma', 'exited', 'stopped'],
    ]);
    expect((await stack.admin('POST', `/scenarios/${scenarioId}/resume`)).status).toBe(409);
  });

  it('applies re-entry policies and never runs two journeys of one scenario for one customer', async () => {
    const never = await stack.publish(
      'Once only',
      chain([{ id: 'start', type: 'trigger.event', config: { event: 'promo.seen' } }], [], {
        entry: { reentry: { policy: 'never' } },
      }),
    );
    const always = await stack.publish(
      'Each time, one at a time',
      chain(
        [
          { id: 'start', type: 'trigger.event', config: { event: 'promo.seen' } },
          { id: 'wait', type: 'wait.duration', config: { amount: 1, unit: 'days' } },
        ],
        [],
        { entry: { reentry: { policy: 'always' } } },
      ),
    );
    await customer('vera');
    await stack.track('vera', 'promo.seen');
    await journeysWhen('vera to complete once', never, (rows) => rows[0]?.status === 'completed');
    await stack.track('vera', 'promo.seen');
    await stack.track('vera', 'promo.seen');
    await journeysWhen('vera to wait', always, (rows) => rows[0]?.currentNode === 'wait');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await journeysOf(never)).toHaveLength(1);
    expect(await journeysOf(always)).toHaveLength(1);
  });

  it('starts one journey for an event dispatched twice', async () => {
    const scenarioId = await stack.publish(
      'Dedup',
      chain([{ id: 'start', type: 'trigger.event', config: { event: 'dup.event' } }]),
    );
    await customer('wes');
    await stack.track('wes', 'dup.event');
    await journeysWhen('wes to complete', scenarioId, (rows) => rows[0]?.status === 'completed');
    // A dispatcher that died after starting the journey but before clearing the outbox row.
    await stack.db.query(
      `INSERT INTO event_outbox (event_id, workspace_id)
       SELECT e.id, e.workspace_id FROM events e JOIN profiles p ON p.id = e.profile_id
       WHERE p.external_id = 'wes' AND e.name = 'dup.event'`,
    );
    await waitFor('the outbox to drain', async () => {
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM event_outbox`);
      return rows[0].n === 0 ? true : undefined;
    });
    expect(await journeysOf(scenarioId)).toHaveLength(1);
  });

  it('enters profiles by API into a trigger.api scenario, safely retried, refusing bad input', async () => {
    const scenarioId = await stack.publish(
      'By API',
      chain([{ id: 'start', type: 'trigger.api', config: {} }, email('mail', 'Picked by the CRM')]),
    );
    const xena = await customer('xena');
    const yann = await customer('yann');
    const call = { profileIds: [xena, yann, xena], idempotencyKey: 'crm-batch-1' };
    const first = await stack.admin<{ results: { profileId: string; entered: boolean }[] }>(
      'POST',
      `/scenarios/${scenarioId}/entries`,
      call,
    );
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.profileId, r.entered])).toEqual([
      [xena, true],
      [yann, true],
    ]);
    await journeysWhen(
      'both to complete',
      scenarioId,
      (rows) => rows.length === 2 && rows.every((j) => j.status === 'completed'),
    );
    const retried = await stack.admin<{ results: { entered: boolean }[] }>(
      'POST',
      `/scenarios/${scenarioId}/entries`,
      call,
    );
    expect(retried.status).toBe(200);
    expect(await journeysOf(scenarioId)).toHaveLength(2);
    await mailsArrive('xena', 1);
    expect(mailsTo('xena')).toHaveLength(1);

    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await stack.admin<{ results: unknown[] }>('POST', `/scenarios/${scenarioId}/entries`, {
      profileIds: [unknown],
    });
    expect(missing.body.results).toEqual([
      { profileId: unknown, entered: false, reason: 'profile_not_found' },
    ]);
    for (const body of [
      {},
      { profileIds: [] },
      { profileIds: ['not-a-uuid'] },
      { profileIds: Array(1001).fill(xena) },
      { profileIds: [xena], extra: true },
      { profileIds: [xena], idempotencyKey: '' },
    ]) {
      const res = await stack.admin<{ message: unknown }>('POST', `/scenarios/${scenarioId}/entries`, body);
      expect([res.status, JSON.stringify(body).slice(0, 40)]).toEqual([
        400,
        JSON.stringify(body).slice(0, 40),
      ]);
    }
    const eventScenario = await stack.publish(
      'Event only',
      chain([{ id: 'start', type: 'trigger.event', config: { event: 'x' } }]),
    );
    expect(
      (await stack.admin('POST', `/scenarios/${eventScenario}/entries`, { profileIds: [xena] })).status,
    ).toBe(409);
    expect((await stack.admin('POST', `/scenarios/${unknown}/entries`, { profileIds: [xena] })).status).toBe(
      404,
    );
  });

  it('stores workspace pressure rules, refusing invalid ones with field messages', async () => {
    const rules = {
      caps: [{ channel: 'email', max: 1, per: 'day' }],
      quietHours: { start: '21:00', end: '08:00', defaultTimezone: 'Europe/Paris' },
      whenLimited: 'defer',
    };
    expect((await stack.admin('PUT', '/workspace/pressure-rules', rules)).body).toEqual(rules);
    expect((await stack.admin('GET', '/workspace/pressure-rules')).body).toEqual(rules);
    for (const [body, field] of [
      [{ caps: [{ channel: 'fax', max: 1, per: 'day' }] }, 'caps'],
      [{ caps: [{ channel: 'email', max: 0, per: 'day' }] }, 'caps'],
      [{ quietHours: { start: '25:00', end: '08:00' } }, 'quietHours'],
      [{ quietHours: { start: '21:00', end: '08:00', defaultTimezone: 'Mars/Olympus' } }, 'quietHours'],
      [{ whenLimited: 'drop' }, 'whenLimited'],
      [{ surprise: 1 }, ''],
    ] as const) {
      const res = await stack.admin<{ message: unknown }>('PUT', '/workspace/pressure-rules', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect((await stack.admin('GET', '/workspace/pressure-rules')).body).toEqual(rules);
    await stack.admin('PUT', '/workspace/pressure-rules', {});
  });

  it('counts per node, shows one customer’s path, and dry-runs a version without sending', async () => {
    const scenarioId = await stack.publish(
      'Stats',
      chain(
        [
          { id: 'start', type: 'trigger.event', config: { event: 'stats.go' } },
          {
            id: 'fr',
            type: 'condition.attribute',
            config: { path: 'country', operator: 'equals', value: 'FR' },
          },
          email('mail', 'Bonjour'),
        ],
        [['fr', 'no', 'end']],
      ),
    );
    for (const [userId, country] of [
      ['zed', 'FR'],
      ['ada', 'DE'],
    ]) {
      await customer(userId);
      await stack.admin('PUT', `/profiles/${userId}`, { traits: { country } });
      await stack.track(userId, 'stats.go');
    }
    const rows = await journeysWhen(
      'both to complete',
      scenarioId,
      (r) => r.length === 2 && r.every((j) => j.status === 'completed'),
    );
    await mailsArrive('zed', 1);

    const stats = await stack.admin<{
      journeys: Record<string, number>;
      nodes: Record<
        string,
        {
          entered: number;
          outcomes: Record<string, number>;
          ended: Record<string, number>;
          messages: { sent: number };
        }
      >;
    }>('GET', `/scenarios/${scenarioId}/stats?version=1`);
    expect(stats.status).toBe(200);
    expect(stats.body.journeys).toMatchObject({ entered: 2, active: 0, completed: 2, exited: 0 });
    expect(stats.body.nodes.start.entered).toBe(2);
    expect(stats.body.nodes.fr.outcomes).toEqual({ yes: 1, no: 1 });
    expect(stats.body.nodes.mail).toMatchObject({ entered: 1, outcomes: { sent: 1 }, messages: { sent: 1 } });
    expect(stats.body.nodes.end.ended).toEqual({ completed: 2 });
    expect(
      (
        await stack.admin(
          'GET',
          `/scenarios/${scenarioId}/stats?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`,
        )
      ).body,
    ).toMatchObject({
      journeys: { entered: 0 },
      nodes: {},
    });
    for (const query of [
      'version=0',
      'from=yesterday',
      'to=2020-01-01T00:00:00Z&from=2021-01-01T00:00:00Z',
      'limit=5',
    ]) {
      expect((await stack.admin('GET', `/scenarios/${scenarioId}/stats?${query}`)).status).toBe(400);
    }
    expect((await stack.admin('GET', `/scenarios/${scenarioId}/stats?version=9`)).status).toBe(404);

    const zed = rows.find((j) => j.userId === 'zed')!;
    const path = await stack.admin<{
      steps: { nodeId: string; outcome: string }[];
      messages: { status: string }[];
    }>('GET', `/journeys/${zed.id}`);
    expect(path.body.steps.map((st) => `${st.nodeId}:${st.outcome}`)).toEqual([
      'start:entered',
      'fr:yes',
      'mail:sent',
      'end:exited',
    ]);
    expect(path.body.messages.map((m) => m.status)).toEqual(['sent']);
    // The workflow is findable in Temporal by scenario, version and profile.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const { workflowId } = path.body as unknown as { workflowId: string };
      const described = await new TemporalClient({ connection }).workflow.getHandle(workflowId).describe();
      const attributes = Object.fromEntries(
        described.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]),
      );
      expect(attributes).toMatchObject({
        [JOURNEY_SEARCH_ATTRIBUTES.scenarioId]: scenarioId,
        [JOURNEY_SEARCH_ATTRIBUTES.profileId]: expect.any(String),
        [JOURNEY_SEARCH_ATTRIBUTES.scenarioVersionId]: expect.any(String),
      });
    } finally {
      await connection.close();
    }
    expect((await stack.admin('GET', '/journeys/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const ben = await stack.admin<{ id: string }>('PUT', '/profiles/ben', {
      email: 'ben@example.test',
      traits: { country: 'FR' },
    });
    const dry = await stack.admin<{ path: { nodeId: string; outcome: string }[]; end: string }>(
      'POST',
      `/scenarios/${scenarioId}/dry-run`,
      { profileId: ben.body.id },
    );
    expect(dry.status).toBe(200);
    expect(dry.body.path.map((st) => `${st.nodeId}:${st.outcome}`)).toEqual([
      'start:entered',
      'fr:yes',
      'mail:skipped:no_email_consent',
      'end:exited',
    ]);
    expect(dry.body.end).toBe('completed');
    expect(mailsTo('ben')).toHaveLength(0);
    expect(
      await stack.db.query(
        `SELECT 1 FROM journeys j JOIN profiles p ON p.id = j.profile_id WHERE p.external_id = 'ben'`,
      ),
    ).toMatchObject({ rowCount: 0 });
    for (const body of [{}, { profileId: 'ben' }, { profileId: ben.body.id, version: 0 }]) {
      expect((await stack.admin('POST', `/scenarios/${scenarioId}/dry-run`, body)).status).toBe(400);
    }
    expect(
      (await stack.admin('POST', `/scenarios/${scenarioId}/dry-run`, { profileId: ben.body.id, version: 7 }))
        .status,
    ).toBe(404);
  });

  it('enters customers when they enter a segment, and ends their journey when they leave it', async () => {
    const segment = await stack.admin<{ id: string }>('POST', '/segments', {
      name: 'Loyal',
      rule: { type: 'trait', path: 'loyal', operator: 'equals', value: true },
    });
    expect(segment.status).toBe(201);
    const segmentId = segment.body.id;
    const scenarioId = await stack.publish(
      'Segment entry',
      chain(
        [
          { id: 'start', type: 'trigger.segment', config: { segmentId, when: 'entered' } },
          { id: 'wait', type: 'wait.duration', config: { amount: 7, unit: 'days' } },
          email('mail', 'Never sent'),
        ],
        [],
        { exitCriteria: [{ kind: 'segment.exited', segmentId }] },
      ),
    );
    const profileId = await customer('gina');
    // The segments module stores membership changes as events on the profile, with an outbox row.
    const membership = (name: string, segment: string) =>
      stack.db.query(
        `WITH e AS (
           INSERT INTO events (id, workspace_id, profile_id, type, name, properties, occurred_at, received_at)
           SELECT gen_random_uuid(), workspace_id, id, 'track', $2, jsonb_build_object('segmentId', $3::text), now(), now()
           FROM profiles WHERE id = $1 RETURNING id, workspace_id)
         INSERT INTO event_outbox (event_id, workspace_id) SELECT id, workspace_id FROM e`,
        [profileId, name, segment],
      );
    await membership('segment.entered', '00000000-0000-4000-8000-000000000001'); // another segment
    await membership('segment.entered', segmentId);
    await journeysWhen('gina to enter and wait', scenarioId, (rows) => rows[0]?.currentNode === 'wait');
    expect(await journeysOf(scenarioId)).toHaveLength(1);
    await membership('segment.exited', segmentId);
    const [journey] = await journeysWhen('gina to exit', scenarioId, (rows) => rows[0]?.status === 'exited');
    expect(journey.exitReason).toBe('segment_exited');
  });
});
