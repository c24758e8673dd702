import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic, bearer, bootstrapWorkspace } from '../../../../../tests/support/apps';

interface Summary {
  id: string;
  brand: string;
  name: string;
  segments: string[];
  computedTraits: string[];
}
interface Scenario {
  id: string;
  name: string;
  status: string;
  currentVersion: number | null;
  graph: { nodes: { id: string; type: string; config: Record<string, unknown> }[] };
}
interface Segment {
  id: string;
  name: string;
}
interface FieldErrors {
  errors?: { path: string; message: string }[];
}

const TEMPLATE_IDS = [
  'miaoum-welcome-pack',
  'miaoum-kibble-stock-alert',
  'zoro-abandoned-cart',
  'zoro-repurchase-overdue',
  'nps-reward-promoters',
  'nps-call-back-detractors',
];

const triggerSegmentOf = (scenario: Scenario) =>
  scenario.graph.nodes.find((node) => node.type.startsWith('trigger.'))?.config.segmentId;

describe('/scenario-templates: list, import as a draft with its segments and traits', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  const segments = async (admin = h.admin) => (await admin<Segment[]>('GET', '/segments')).body;
  const traitKeys = async (admin = h.admin) =>
    (await admin<{ key: string }[]>('GET', '/computed-traits')).body.map((t) => t.key).sort();
  /** Rows of everything an import writes. */
  const written = async () =>
    (
      await h.db.query(
        `SELECT (SELECT count(*)::int FROM scenarios) AS scenarios, (SELECT count(*)::int FROM segments) AS segments,
                (SELECT count(*)::int FROM computed_trait_definitions) AS traits`,
      )
    ).rows[0];

  it('lists the seed scenarios and NPS campaigns with what importing them installs', async () => {
    const res = await h.admin<Summary[]>('GET', '/scenario-templates');
    expect(res.status).toBe(200);
    expect(res.body.map((t) => t.id)).toEqual(TEMPLATE_IDS);
    expect(res.body.find((t) => t.id === 'zoro-repurchase-overdue')).toMatchObject({
      brand: 'Zoro',
      name: 'Zoro repurchase delay exceeded',
      segments: ['3-month RF buyers past their repurchase date'],
      computedTraits: ['repurchase', 'promophilie', 'department'],
    });
    expect(res.body.find((t) => t.id === 'miaoum-kibble-stock-alert')).toMatchObject({
      brand: 'Mia(ou)m',
      segments: [],
    });
    expect(
      (await apiClient(h.api.url, basic(h.workspace.writeKey))('GET', '/scenario-templates')).status,
    ).toBe(401);
  });

  it('imports a draft wired to the segments it installs, and installs them once', async () => {
    const first = await h.admin<Scenario>('POST', '/scenario-templates/zoro-repurchase-overdue/import');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      name: 'Zoro repurchase delay exceeded',
      status: 'draft',
      currentVersion: null,
    });
    const [overdue, ...others] = await segments();
    expect(others).toEqual([]);
    expect(overdue.name).toBe('3-month RF buyers past their repurchase date');
    expect(triggerSegmentOf(first.body)).toBe(overdue.id);
    expect(await traitKeys()).toEqual(['department', 'promophilie', 'repurchase']);

    // Twice: a second draft, under the name given, on the same segment; nothing else installed.
    const second = await h.admin<Scenario>('POST', '/scenario-templates/zoro-repurchase-overdue/import', {
      name: '  Relance trimestrielle  ',
    });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.name).toBe('Relance trimestrielle');
    expect(triggerSegmentOf(second.body)).toBe(overdue.id);
    expect((await segments()).map((s) => s.id)).toEqual([overdue.id]);
    expect(await traitKeys()).toEqual(['department', 'promophilie', 'repurchase']);

    // A segment the workspace already has by name (here from the examples) is reused, not copied.
    expect((await h.admin('POST', '/segments/examples')).status).toBe(200);
    const before = await written();
    const promoters = await h.admin<Scenario>('POST', '/scenario-templates/nps-reward-promoters/import');
    expect(promoters.status).toBe(201);
    const example = (await segments()).find((s) => s.name === 'Top revenue customers and promoters')!;
    expect(triggerSegmentOf(promoters.body)).toBe(example.id);
    expect(await written()).toEqual({ ...before, scenarios: before.scenarios + 1 });

    // The draft is the team's to review, and publishable as it is.
    expect((await h.admin('POST', `/scenarios/${first.body.id}/publish`)).status).toBe(201);
  });

  it('imports every template into a fresh workspace as a valid draft', async () => {
    const other = await bootstrapWorkspace(h.databaseUrl);
    const admin = apiClient(h.api.url, bearer(other.adminKey));
    for (const id of TEMPLATE_IDS) {
      const imported = await admin<Scenario>('POST', `/scenario-templates/${id}/import`, {});
      expect({ id, status: imported.status }).toEqual({ id, status: 201 });
      const validation = await admin<{ valid: boolean; errors: unknown[] }>(
        'POST',
        `/scenarios/${imported.body.id}/validate`,
      );
      expect({ id, ...validation.body }).toMatchObject({ id, valid: true, errors: [] });
    }
    // Its segments are its own: none of the first workspace's is named in its drafts.
    const own = new Set((await segments(admin)).map((s) => s.id));
    const theirs = new Set((await segments()).map((s) => s.id));
    expect([...own].filter((id) => theirs.has(id))).toEqual([]);
    expect(own.size).toBe(5);
  });

  it('answers 404 for an unknown template and 400 naming the field for hostile input, writing nothing', async () => {
    const before = await written();
    const cases: [path: string, body: unknown, status: number, field: string | null][] = [
      ['/scenario-templates/no-such-template/import', undefined, 404, null],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: '' }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: '   ' }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: 'x'.repeat(10_000) }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: 42 }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: 'ok', graph: { nodes: [] } }, 400, ''],
      ['/scenario-templates/zoro-abandoned-cart/import', { isAdmin: true }, 400, ''],
      ['/scenario-templates/zoro-abandoned-cart/import', ['zoro'], 400, ''],
      [`/scenario-templates/${encodeURIComponent('../scenarios')}/import`, undefined, 400, 'id'],
      [`/scenario-templates/${encodeURIComponent('..%2F..%2Fsegments')}/import`, undefined, 400, 'id'],
      [
        `/scenario-templates/${encodeURIComponent("x'; DROP TABLE scenarios; --")}/import`,
        undefined,
        400,
        'id',
      ],
      [`/scenario-templates/${'a'.repeat(101)}/import`, undefined, 400, 'id'],
      ['/scenario-templates/Zoro-Abandoned-Cart/import', undefined, 400, 'id'],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await h.admin<FieldErrors>('POST', path, body);
      expect({ path, status: res.status }).toEqual({ path, status });
      if (field !== null) {
        expect({ path, fields: res.body.errors?.map((e) => e.path) }).toEqual({ path, fields: [field] });
        expect(res.body.errors?.[0].message).toBeTruthy();
      }
    }
    const extra = await h.admin<FieldErrors>('POST', '/scenario-templates/zoro-abandoned-cart/import', {
      name: 'ok',
      graph: { nodes: [] },
    });
    expect(extra.body.errors?.[0].message).toContain('graph');
    expect(await written()).toEqual(before);
  });
});
