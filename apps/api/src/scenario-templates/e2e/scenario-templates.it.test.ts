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
  message?: string;
  errors?: { path: string; code?: string; message: string }[];
}
interface Trait {
  key: string;
  kind: string;
  config: Record<string, unknown>;
  version: number;
}

const TEMPLATE_IDS = [
  'miaoum-welcome-pack',
  'miaoum-kibble-stock-alert',
  'zoro-abandoned-cart',
  'zoro-repurchase-overdue',
  'nps-reward-promoters',
  'nps-call-back-detractors',
];

const OVERDUE = '3-month RF buyers past their repurchase date';
/** The `department` trait of zoro-repurchase-overdue, its keys in another order. */
const DEPARTMENT = {
  kind: 'appetence',
  config: {
    categories: ['denim', 'skirts', 'cosy'],
    periodDays: 365,
    sources: [
      { weight: 3, path: 'department', event: 'order.completed' },
      { weight: 1, path: 'department', event: 'product.viewed' },
    ],
  },
};
const TRAIT_DIFFERS = {
  path: 'computedTraits.department',
  code: 'definition_differs',
  message: 'a computed trait with this key exists with a different definition',
};
const RULE_DIFFERS = {
  path: `segments.${OVERDUE}`,
  code: 'rule_differs',
  message: 'an active segment with this name exists with a different rule',
};

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

  /** A workspace of its own, so what an import finds there is only what the test put. */
  const freshWorkspace = async () => {
    const workspace = await bootstrapWorkspace(h.databaseUrl);
    return apiClient(h.api.url, bearer(workspace.adminKey));
  };
  /** Definitions only: their computation (`computedAt`, `scales`) goes on in the background. */
  const traits = async (admin: ReturnType<typeof apiClient>) =>
    (await admin<Trait[]>('GET', '/computed-traits')).body.map(({ key, kind, config, version }) => ({
      key,
      kind,
      config,
      version,
    }));

  it('refuses with 409 naming each trait or segment the workspace defines differently, writing nothing', async () => {
    const admin = await freshWorkspace();
    const declared = await admin('POST', '/computed-traits', {
      key: 'department',
      ...DEPARTMENT,
      config: { ...DEPARTMENT.config, periodDays: 90 },
    });
    expect(declared.status).toBe(201);
    const traitsBefore = await traits(admin);
    const before = await written();

    const refused = await admin<FieldErrors>('POST', '/scenario-templates/zoro-repurchase-overdue/import');
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([TRAIT_DIFFERS]);
    expect(refused.body.message).toContain(`${TRAIT_DIFFERS.path}: ${TRAIT_DIFFERS.message}`);
    // Not even the traits and the segment it lacks (repurchase, promophilie, the overdue buyers).
    expect(await written()).toEqual(before);
    expect(await traits(admin)).toEqual(traitsBefore);

    // Its segment's name taken (whatever the case) by a segment with another rule: both named.
    const segment = await admin<Segment>('POST', '/segments', {
      name: OVERDUE.toUpperCase(),
      rule: { type: 'trait', path: 'city', operator: 'equals', value: 'Paris' },
    });
    expect(segment.status).toBe(201);
    const both = await admin<FieldErrors>('POST', '/scenario-templates/zoro-repurchase-overdue/import');
    expect(both.status).toBe(409);
    expect(both.body.errors).toEqual([TRAIT_DIFFERS, RULE_DIFFERS]);
    expect(await written()).toEqual({ ...before, segments: before.segments + 1 });
    expect((await segments(admin)).map((s) => s.id)).toEqual([segment.body.id]);

    // The trait made as the template says, the segment's rule alone stands in the way.
    expect((await admin('PUT', '/computed-traits/department', DEPARTMENT)).status).toBe(200);
    const rule = await admin<FieldErrors>('POST', '/scenario-templates/zoro-repurchase-overdue/import');
    expect({ status: rule.status, errors: rule.body.errors }).toEqual({
      status: 409,
      errors: [RULE_DIFFERS],
    });

    // The examples leave the workspace's own segment as it is, and install the others.
    const examples = await admin<{ segments: Segment[] }>('POST', '/segments/examples');
    expect(examples.status).toBe(200);
    expect(examples.body.segments.map((s) => s.name)).not.toContain(OVERDUE);
    expect(examples.body.segments).toHaveLength(5);
    const kept = await admin<Segment & { rule: unknown }>('GET', `/segments/${segment.body.id}`);
    expect(kept.body.rule).toEqual({ type: 'trait', path: 'city', operator: 'equals', value: 'Paris' });
  });

  it('reuses a trait and a segment defined the same, whatever the order of their keys and the defaults spelled out', async () => {
    const admin = await freshWorkspace();
    const declare = (key: string, spec: object) => admin('POST', '/computed-traits', { key, ...spec });
    expect((await declare('department', DEPARTMENT)).status).toBe(201);
    const defaults = { minOrders: 3, periodDays: 730, orderEvent: 'order.completed' };
    expect((await declare('repurchase', { config: defaults, kind: 'repurchase' })).status).toBe(201);
    const segment = await admin<Segment>('POST', '/segments', {
      name: OVERDUE.toLowerCase(),
      rule: {
        rules: [
          { value: [60, 120], operator: 'between', path: 'repurchase.usualIntervalDays', type: 'computed' },
          {
            value: { unit: 'days', amount: 0 },
            operator: 'more_than_ago',
            path: 'repurchase.nextExpectedAt',
            type: 'computed',
          },
        ],
        type: 'and',
      },
    });
    expect(segment.status).toBe(201);
    const before = await written();

    const imported = await admin<Scenario>('POST', '/scenario-templates/zoro-repurchase-overdue/import');
    expect(imported.status).toBe(201);
    expect(triggerSegmentOf(imported.body)).toBe(segment.body.id);
    expect(await written()).toEqual({
      scenarios: before.scenarios + 1,
      segments: before.segments,
      traits: before.traits + 1,
    });
    expect((await traits(admin)).map(({ key, version }) => ({ key, version }))).toEqual([
      { key: 'department', version: 1 },
      { key: 'promophilie', version: 1 },
      { key: 'repurchase', version: 1 },
    ]);
  });

  it('writes nothing when creating the draft fails after its traits and segment were written', async () => {
    const admin = await freshWorkspace();
    // A database refusing new scenarios: the last write of the import fails, in the database.
    await h.db.query(`
      CREATE FUNCTION refuse_scenarios() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'scenarios are read-only in this test'; END $$;
      CREATE TRIGGER refuse_scenarios BEFORE INSERT ON scenarios
        FOR EACH ROW EXECUTE FUNCTION refuse_scenarios();`);
    const before = await written();
    try {
      const failed = await admin('POST', '/scenario-templates/zoro-repurchase-overdue/import');
      expect(failed.status).toBe(500);
    } finally {
      await h.db.query(`DROP TRIGGER refuse_scenarios ON scenarios; DROP FUNCTION refuse_scenarios()`);
    }
    expect(await written()).toEqual(before);
    expect(await segments(admin)).toEqual([]);
    expect(await traits(admin)).toEqual([]);

    // Nothing half-installed stands in the way once the database takes scenarios again.
    const imported = await admin<Scenario>('POST', '/scenario-templates/zoro-repurchase-overdue/import');
    expect(imported.status).toBe(201);
    expect((await segments(admin)).map((s) => s.name)).toEqual([OVERDUE]);
    expect((await traits(admin)).map((t) => t.key)).toEqual(['department', 'promophilie', 'repurchase']);
  });

  it('answers 404 for an unknown template and 400 naming the field for hostile input, writing nothing', async () => {
    const before = await written();
    const cases: [path: string, body: unknown, status: number, field: string | null][] = [
      ['/scenario-templates/no-such-template/import', undefined, 404, null],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: '' }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: '   ' }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: 'x'.repeat(10_000) }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: 42 }, 400, 'name'],
      ['/scenario-templates/zoro-abandoned-cart/import', { name: 'cart\u0000' }, 400, 'name'],
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
    const unknown = await h.admin<FieldErrors>('POST', '/scenario-templates/no-such-template/import');
    expect(unknown.body.message).toBe("No scenario template 'no-such-template'");
    expect(await written()).toEqual(before);
  });
});
