import { defaultNodeRegistry, welcomeScenario } from '@parcours/domain';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, bearer, bootstrapWorkspace } from '../../../../../tests/support/apps';

interface Scenario {
  id: string;
  status: string;
  currentVersion: number | null;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string | (string | number)[]; code: string; message: string; nodeId?: string }[];
}

describe('scenarios API: drafts, validation, publishing, versions', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('creates, reads, updates, lists and archives a draft', async () => {
    const created = await h.admin<Scenario>('POST', '/scenarios', { name: 'Draft', graph: welcomeScenario });
    expect(created).toMatchObject({ status: 201, body: { status: 'draft', currentVersion: null } });
    const id = created.body.id;
    expect((await h.admin('PUT', `/scenarios/${id}`, { name: 'Renamed' })).body).toMatchObject({
      name: 'Renamed',
    });
    expect((await h.admin<Scenario[]>('GET', '/scenarios')).body.map((s) => s.id)).toContain(id);
    expect((await h.admin('DELETE', `/scenarios/${id}`)).status).toBe(204);
    expect((await h.admin<Scenario[]>('GET', '/scenarios')).body.map((s) => s.id)).not.toContain(id);
    expect((await h.admin<ErrorBody>('POST', `/scenarios/${id}/publish`)).status).toBe(400);
  });

  it('publishes immutable numbered versions; editing the draft never changes a published one', async () => {
    const { body } = await h.admin<Scenario>('POST', '/scenarios', {
      name: 'Versions',
      graph: welcomeScenario,
    });
    expect((await h.admin('POST', `/scenarios/${body.id}/publish`)).body).toMatchObject({ version: 1 });
    const changed = structuredClone(welcomeScenario);
    changed.nodes[1].config = { amount: 3, unit: 'days' };
    await h.admin('PUT', `/scenarios/${body.id}`, { graph: changed });
    expect((await h.admin('POST', `/scenarios/${body.id}/publish`)).body).toMatchObject({ version: 2 });

    const versions = await h.admin<{ version: number }[]>('GET', `/scenarios/${body.id}/versions`);
    expect(versions.body.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await h.admin<{ graph: typeof welcomeScenario }>('GET', `/scenarios/${body.id}/versions/1`);
    expect(v1.body.graph.nodes[1].config).toEqual(welcomeScenario.nodes[1].config);
    expect((await h.admin<Scenario>('GET', `/scenarios/${body.id}`)).body.currentVersion).toBe(2);
    expect((await h.admin('GET', `/scenarios/${body.id}/versions/9`)).status).toBe(404);
  });

  it('refuses to publish an invalid graph with every validator error, storing no version', async () => {
    const broken = {
      nodes: [
        { id: 't1', type: 'trigger.event', config: { event: 'a' } },
        { id: 't2', type: 'trigger.event', config: { event: '' } },
        {
          id: 'c',
          type: 'condition.attribute',
          config: { path: 'country', operator: 'equals', value: 'FR' },
        },
        { id: 'x', type: 'exit', config: {} },
      ],
      edges: [
        { id: 'e1', source: 't1', sourcePort: 'out', target: 'c' },
        { id: 'e2', source: 'c', sourcePort: 'yes', target: 'x' },
      ],
    };
    const { body } = await h.admin<Scenario>('POST', '/scenarios', { name: 'Broken', graph: broken });
    const before = await h.counts();

    const validation = await h.admin<{ valid: boolean; errors: ErrorBody['errors'] }>(
      'POST',
      `/scenarios/${body.id}/validate`,
    );
    expect(validation.status).toBe(200);
    expect(validation.body.valid).toBe(false);
    const codes = validation.body.errors!.map((e) => e.code).sort();
    expect(codes).toEqual(expect.arrayContaining(['invalid_config', 'port_unconnected', 'trigger_count']));

    const refused = await h.admin<ErrorBody>('POST', `/scenarios/${body.id}/publish`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(validation.body.errors);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({
        code: 'port_unconnected',
        nodeId: 'c',
        message: expect.stringContaining("'no'"),
      }),
    );
    expect(await h.counts()).toEqual(before);
    expect((await h.admin<Scenario>('GET', `/scenarios/${body.id}`)).body).toMatchObject({
      status: 'draft',
      currentVersion: null,
    });
  });

  it('answers hostile bodies and params with field-level 400s and stores nothing', async () => {
    const before = await h.counts();
    const cases: [string, string, unknown, string?][] = [
      ['POST', '/scenarios', { name: '' }],
      ['POST', '/scenarios', { name: 'x', graph: { nodes: 'x' } }],
      ['POST', '/scenarios', { name: 'x', graph: { nodes: [{ id: '../etc', type: 'exit' }], edges: [] } }],
      ['POST', '/scenarios', { name: 'x'.repeat(201) }],
      ['POST', '/scenarios', { name: 'x', unexpected: true }],
      [
        'POST',
        '/scenarios',
        {
          name: 'x',
          graph: { nodes: Array.from({ length: 501 }, (_, i) => ({ id: `n${i}`, type: 'exit' })), edges: [] },
        },
      ],
      ['POST', '/scenarios', undefined, '{"name": "x",'],
      ['POST', '/scenarios', undefined, '[]'],
      ['PUT', '/scenarios/not-a-uuid', { name: 'x' }],
      ['POST', '/scenarios/not-a-uuid/publish', undefined],
    ];
    for (const [method, path, body, raw] of cases) {
      const res = await h.admin<ErrorBody>(method, path, body, raw);
      expect({ method, path, raw, status: res.status }).toEqual({ method, path, raw, status: 400 });
      expect(res.body.message).toBeTruthy();
    }
    const fieldLevel = await h.admin<ErrorBody>('POST', '/scenarios', { name: '', graph: { nodes: 'x' } });
    expect(fieldLevel.body.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['name', 'graph.nodes']),
    );
    expect(await h.counts()).toEqual(before);
  });

  it('keeps workspaces apart: another workspace cannot see or publish this one’s scenario', async () => {
    const { body } = await h.admin<Scenario>('POST', '/scenarios', { name: 'Mine', graph: welcomeScenario });
    const other = await bootstrapWorkspace(h.databaseUrl);
    const stranger = apiClient(h.api.url, bearer(other.adminKey));
    expect((await stranger('GET', `/scenarios/${body.id}`)).status).toBe(404);
    expect((await stranger('POST', `/scenarios/${body.id}/publish`)).status).toBe(404);
    expect((await stranger<Scenario[]>('GET', '/scenarios')).body).toEqual([]);
  });

  it('serves the node catalog with a JSON Schema per node type', async () => {
    const catalog = await h.admin<{ type: string; configJsonSchema: { type: string } }[]>('GET', '/nodes');
    expect(catalog.body.map((n) => n.type)).toEqual(defaultNodeRegistry.list().map((n) => n.type));
    expect(catalog.body.map((n) => n.type)).toEqual(
      expect.arrayContaining([
        'trigger.event',
        'wait.duration',
        'wait.event',
        'split.random',
        'send.email',
        'exit',
      ]),
    );
    expect(catalog.body.every((n) => n.configJsonSchema.type === 'object')).toBe(true);
  });
});
