import { welcomeScenario } from '@parcours/domain';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, bearer, bootstrapWorkspace } from '../../../../../tests/support/apps';

interface Scenario {
  id: string;
  name: string;
  status: string;
  currentVersion: number | null;
  graph: typeof welcomeScenario;
}

describe('POST /scenarios/:id/duplicate', () => {
  let h: ApiHarness;
  let source: Scenario;
  beforeAll(async () => {
    h = await startApiHarness();
    source = (await h.admin<Scenario>('POST', '/scenarios', { name: 'Welcome', graph: welcomeScenario }))
      .body;
    expect((await h.admin('POST', `/scenarios/${source.id}/publish`)).status).toBe(201);
  });
  afterAll(() => h?.close());

  it('copies the draft graph into a new, unpublished draft', async () => {
    const copy = await h.admin<Scenario>('POST', `/scenarios/${source.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Copy of Welcome', status: 'draft', currentVersion: null });
    expect(copy.body.id).not.toBe(source.id);
    expect(copy.body.graph).toEqual((await h.admin<Scenario>('GET', `/scenarios/${source.id}`)).body.graph);
    expect((await h.admin<unknown[]>('GET', `/scenarios/${copy.body.id}/versions`)).body).toEqual([]);

    const named = await h.admin<Scenario>('POST', `/scenarios/${source.id}/duplicate`, { name: 'Copie' });
    expect(named.body.name).toBe('Copie');

    // The copy is independent: editing it leaves the source alone.
    await h.admin('PUT', `/scenarios/${copy.body.id}`, { graph: { nodes: [], edges: [] } });
    expect((await h.admin<Scenario>('GET', `/scenarios/${source.id}`)).body.graph.nodes).toHaveLength(6);
  });

  it('keeps a long name within 200 characters', async () => {
    const long = (await h.admin<Scenario>('POST', '/scenarios', { name: 'x'.repeat(200) })).body;
    const copy = await h.admin<Scenario>('POST', `/scenarios/${long.id}/duplicate`);
    expect(copy.body.name).toHaveLength(200);
    expect(copy.body.name.startsWith('Copy of x')).toBe(true);
  });

  it('refuses hostile input and other workspaces, storing nothing', async () => {
    const before = await h.counts();
    const cases: [string, unknown, number][] = [
      [`/scenarios/${source.id}/duplicate`, { name: '' }, 400],
      [`/scenarios/${source.id}/duplicate`, { name: 'x'.repeat(201) }, 400],
      [`/scenarios/${source.id}/duplicate`, { name: 'ok', graph: { nodes: [], edges: [] } }, 400],
      ['/scenarios/not-a-uuid/duplicate', undefined, 400],
      [`/scenarios/${crypto.randomUUID()}/duplicate`, undefined, 404],
    ];
    for (const [path, body, status] of cases) {
      const res = await h.admin<{ errors?: { path: string }[] }>('POST', path, body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
    }
    const fieldLevel = await h.admin<{ errors: { path: string }[] }>(
      'POST',
      `/scenarios/${source.id}/duplicate`,
      {
        name: '',
      },
    );
    expect(fieldLevel.body.errors.map((e) => e.path)).toEqual(['name']);
    const other = await bootstrapWorkspace(h.databaseUrl);
    const stranger = apiClient(h.api.url, bearer(other.adminKey));
    expect((await stranger('POST', `/scenarios/${source.id}/duplicate`)).status).toBe(404);
    expect(await h.counts()).toEqual(before);
  });
});

describe('POST /scenarios/:id/validate: ports by node', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('lists the output ports of each node with a known type and a valid config', async () => {
    const graph = {
      nodes: [
        ...welcomeScenario.nodes,
        { id: 'broken-wait', type: 'wait.duration', config: { amount: -1, unit: 'days' } },
        { id: 'mystery', type: 'no.such.type', config: {} },
      ],
      edges: welcomeScenario.edges,
    };
    const { body } = await h.admin<Scenario>('POST', '/scenarios', { name: 'Ports', graph });
    const result = await h.admin<{ valid: boolean; ports: Record<string, string[]> }>(
      'POST',
      `/scenarios/${body.id}/validate`,
    );
    expect(result.body.valid).toBe(false);
    expect(result.body.ports).toEqual({
      'account-created': ['out'],
      'wait-2s': ['out'],
      'check-country': ['yes', 'no'],
      'email-fr': ['out'],
      'email-en': ['out'],
      exit: [],
    });
  });
});
