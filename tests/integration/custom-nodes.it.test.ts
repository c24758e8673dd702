// Done-when of the custom node SDK: the example package (examples/nodes-loyalty) registered with
// PARCOURS_NODE_PACKAGES in the API and the worker, in the catalog, published and run.
import { type ScenarioGraphInput } from '@parcours/domain';
import { testTaskQueue } from '../support/apps';
import { AppProcess, explainedBy } from '../support/app-process';
import { useJourneyStack } from '../support/journey-stack';
import { type LoyaltyStandIn, startLoyaltyStandIn } from '../support/loyalty-stand-in';
import { waitFor } from '../support/ports';

const NODE_PACKAGES = { PARCOURS_NODE_PACKAGES: './examples/nodes-loyalty' };

function loyaltyScenario(node: { type?: string; typeVersion?: number; config?: Record<string, unknown> }) {
  return {
    nodes: [
      { id: 'start', type: 'trigger.api', config: {} },
      { id: 'points', type: 'acme.loyalty.add-points', ...node },
      { id: 'thanks', type: 'exit', config: {} },
      { id: 'refused', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'points' },
      { id: 'e2', source: 'points', sourcePort: 'added', target: 'thanks' },
      { id: 'e3', source: 'points', sourcePort: 'failed', target: 'refused' },
    ],
  } satisfies ScenarioGraphInput;
}

describe('a custom node package, from the catalog to a journey', () => {
  const stack = useJourneyStack({
    apiEnv: NODE_PACKAGES,
    workerEnv: {
      ...NODE_PACKAGES,
      PARCOURS_SECRET_LOYALTY_API_KEY: 'loyalty-test-key',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    },
  });
  let loyalty: LoyaltyStandIn;

  beforeAll(async () => {
    loyalty = await startLoyaltyStandIn();
  });

  afterAll(async () => {
    await loyalty?.close();
  });

  const customer = async (userId: string) => {
    const traits = { firstName: userId };
    return (await stack.admin<{ id: string }>('PUT', `/profiles/${userId}`, { traits })).body.id;
  };

  const stepsOf = async (profileId: string) =>
    (
      await stack.db.query<{ node_id: string; outcome: string; status: string }>(
        `SELECT s.node_id, s.outcome, j.status FROM journey_steps s JOIN journeys j ON j.id = s.journey_id
          WHERE j.profile_id = $1 ORDER BY s.step_index`,
        [profileId],
      )
    ).rows;

  const finished = (profileId: string) =>
    explainedBy(
      waitFor(
        'the journey to finish',
        async () => {
          const steps = await stepsOf(profileId);
          return steps[0]?.status === 'completed' ? steps : undefined;
        },
        { timeoutMs: 60_000 },
      ),
      stack.worker.process,
    );

  it('lists the node in the catalog with its icon, ports, versions and form schema', async () => {
    const { status, body } = await stack.admin<Record<string, unknown>[]>('GET', '/nodes');
    expect(status).toBe(200);
    expect(body.find((node) => node.type === 'acme.loyalty.add-points')).toMatchObject({
      title: 'Add loyalty points',
      category: 'actions',
      kind: 'action',
      icon: 'star',
      versions: [1],
      ports: ['added', 'failed'],
      configJsonSchema: { properties: { points: { type: 'integer' }, apiUrl: { type: 'string' } } },
    });
  });

  it('runs in journeys: added on 2xx, failed on a refusal, retried on a 503 and applied once', async () => {
    const created = await stack.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Loyalty welcome',
      graph: loyaltyScenario({ config: { apiUrl: loyalty.url, points: 250, reason: 'welcome' } }),
    });
    const published = await stack.admin<{ definition: unknown }>(
      'POST',
      `/scenarios/${created.body.id}/publish`,
    );
    expect(published.status).toBe(201);

    const [ana, bob, cyd] = await Promise.all(['ana', 'bob', 'cyd'].map(customer));
    loyalty.script('bob', 422);
    loyalty.script('cyd', 503);
    const entered = await stack.admin('POST', `/scenarios/${created.body.id}/entries`, {
      profileIds: [ana, bob, cyd],
    });
    expect(entered.status).toBe(200);

    const [anaSteps, bobSteps, cydSteps] = [await finished(ana), await finished(bob), await finished(cyd)];
    const path = (steps: { node_id: string; outcome: string }[]) => steps.map((s) => [s.node_id, s.outcome]);
    expect(path(anaSteps)).toEqual([
      ['start', 'entered'],
      ['points', 'added'],
      ['thanks', 'exited'],
    ]);
    expect(path(bobSteps)).toEqual([
      ['start', 'entered'],
      ['points', 'failed:The loyalty API refused: 422 scripted 422'],
      ['refused', 'exited'],
    ]);
    expect(path(cydSteps)).toEqual(path(anaSteps));

    const requestsOf = (id: string) => loyalty.requests.filter((r) => r.customerId === id);
    expect(requestsOf('ana')).toEqual([
      {
        customerId: 'ana',
        idempotencyKey: expect.stringMatching(/:points:0$/),
        authorization: 'Bearer loyalty-test-key',
        body: { points: 250, reason: 'welcome' },
      },
    ]);
    expect(requestsOf('bob')).toHaveLength(1); // a permanent error: no retry
    const cydKeys = requestsOf('cyd').map((r) => r.idempotencyKey);
    expect(cydKeys).toHaveLength(2);
    expect(new Set(cydKeys).size).toBe(1);
    expect(Object.fromEntries(loyalty.balances)).toEqual({ ana: 250, cyd: 250 });

    const { rows } = await stack.db.query<{ external_id: string; traits: { loyaltyPoints?: number } }>(
      `SELECT external_id, traits FROM profiles WHERE id = ANY($1::uuid[]) ORDER BY external_id`,
      [[ana, bob, cyd]],
    );
    expect(rows.map((r) => [r.external_id, r.traits.loyaltyPoints])).toEqual([
      ['ana', 250],
      ['bob', undefined],
      ['cyd', 250],
    ]);
  });

  it('refuses to publish an unknown node type or version with a 400 naming it, publishing nothing', async () => {
    const versionsBefore = (await stack.db.query('SELECT count(*)::int AS n FROM scenario_versions')).rows[0]
      .n;
    for (const [node, code, message] of [
      [
        { type: 'acme.loyalty.remove-points' },
        'unknown_node_type',
        "unknown type 'acme.loyalty.remove-points'",
      ],
      [{ typeVersion: 2 }, 'unknown_node_version', "uses version 2 of 'acme.loyalty.add-points'"],
    ] as const) {
      const created = await stack.admin<{ id: string }>('POST', '/scenarios', {
        name: 'Broken',
        graph: loyaltyScenario(node),
      });
      const refused = await stack.admin<{ errors: { code: string; message: string; nodeId: string }[] }>(
        'POST',
        `/scenarios/${created.body.id}/publish`,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ code, nodeId: 'points', message: expect.stringContaining(message) }),
      ]);
    }
    expect((await stack.db.query('SELECT count(*)::int AS n FROM scenario_versions')).rows[0].n).toBe(
      versionsBefore,
    );
  });

  it('keeps a worker without the package from starting, naming the node and the scenario', async () => {
    const bare = new AppProcess('worker without packages', 'apps/worker/dist/main.js', [], {
      DATABASE_URL: stack.databaseUrl,
      SMTP_URL: stack.smtp.url,
      TEMPORAL_TASK_QUEUE: testTaskQueue(),
    });
    expect(await bare.waitForExit()).toBe(1);
    expect(bare.log).toMatch(
      /cannot run node types that published scenarios use:\n {2}- acme\.loyalty\.add-points version 1, used by Loyalty welcome \(version 1\)\nAdd the node packages that provide them to PARCOURS_NODE_PACKAGES/,
    );
    expect(bare.log).not.toContain('Journey worker polling');
  });
});
