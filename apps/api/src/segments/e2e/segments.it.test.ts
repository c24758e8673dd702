import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { waitFor } from '../../../../../tests/support/ports';

interface Segment {
  id: string;
  name: string;
  version: number;
  builtVersion: number | null;
  memberCount?: number;
}
interface Refusal {
  statusCode: number;
  message: string;
  errors?: { path: string; code: string; message: string }[];
}

const FRENCH = { type: 'trait', path: 'country', operator: 'equals', value: 'FR' };

describe('/segments: CRUD, preview, members, export, hostile rules', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
    for (const [userId, country] of [
      ['=HYPERLINK("http://evil")', 'FR'],
      ['ann', 'FR'],
      ['bob', 'BE'],
    ]) {
      const res = await h.ingest('POST', '/v1/identify', { userId, traits: { country } });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => h?.close());

  const built = (id: string) =>
    waitFor('the segment to be built', async () => {
      const { body } = await h.admin<Segment>('GET', `/segments/${id}`);
      return body.builtVersion === body.version ? body : undefined;
    });
  const segmentRows = async () =>
    (await h.db.query(`SELECT id, version, rule FROM segments ORDER BY id`)).rows;

  it('creates, reads, renames, changes the rule (new version) and archives', async () => {
    const created = await h.admin<Segment>('POST', '/segments', { name: 'French', rule: FRENCH });
    expect(created).toMatchObject({ status: 201, body: { name: 'French', version: 1, builtVersion: null } });
    expect(await built(created.body.id)).toMatchObject({ memberCount: 2 });
    expect((await h.admin<Segment[]>('GET', '/segments')).body.map((s) => s.name)).toContain('French');

    const renamed = await h.admin<Segment>('PUT', `/segments/${created.body.id}`, { name: 'Français' });
    expect(renamed.body).toMatchObject({ name: 'Français', version: 1 });
    const changed = await h.admin<Segment>('PUT', `/segments/${created.body.id}`, {
      rule: { ...FRENCH, value: 'BE' },
    });
    expect(changed.body.version).toBe(2);
    expect(await built(created.body.id)).toMatchObject({ builtVersion: 2, memberCount: 1 });
    // The same rule again, its keys in another order than jsonb stores them: no new version.
    const reversed = Object.fromEntries(Object.entries({ ...FRENCH, value: 'BE' }).reverse());
    const resaved = await h.admin<Segment>('PUT', `/segments/${created.body.id}`, { rule: reversed });
    expect(resaved).toMatchObject({ status: 200, body: { version: 2, builtVersion: 2 } });

    expect((await h.admin('POST', '/segments', { name: 'français', rule: FRENCH })).status).toBe(409);
    expect((await h.admin('DELETE', `/segments/${created.body.id}`)).status).toBe(204);
    expect((await h.admin('GET', `/segments/${created.body.id}`)).status).toBe(404);
    expect((await h.admin('DELETE', `/segments/${created.body.id}`)).status).toBe(404);
  });

  it('previews a draft rule: count and sample', async () => {
    const res = await h.admin<{ count: number; sample: { userId: string }[]; tookMs: number }>(
      'POST',
      '/segments/preview',
      { rule: FRENCH, sampleSize: 5 },
    );
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.sample.map((p) => p.userId).sort()).toEqual(['=HYPERLINK("http://evil")', 'ann']);
  });

  it('pages members and exports them as CSV, formulas neutralised', async () => {
    const { body: segment } = await h.admin<Segment>('POST', '/segments', {
      name: 'French again',
      rule: FRENCH,
    });
    await built(segment.id);
    const first = await h.admin<{ members: { userId: string }[]; nextCursor: string | null }>(
      'GET',
      `/segments/${segment.id}/members?limit=1`,
    );
    expect(first.body.members).toHaveLength(1);
    const second = await h.admin<{ members: { userId: string }[]; nextCursor: string | null }>(
      'GET',
      `/segments/${segment.id}/members?limit=1&after=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ members: [expect.anything()], nextCursor: null });

    const csv = await fetch(`${h.api.url}/segments/${segment.id}/members.csv`, {
      headers: { authorization: `Bearer ${h.workspace.adminKey}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('profile_id,user_id,email,phone,segment_version,entered_at');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('refuses hostile rules with field-level 400s, never a 500, and writes nothing', async () => {
    const before = await segmentRows();
    let deep: unknown = FRENCH;
    for (let i = 0; i < 10; i++) deep = { type: 'not', rule: deep };
    const hostile: [string, unknown, string][] = [
      ['deep nesting', deep, 'rule'],
      [
        'a huge in list',
        { ...FRENCH, operator: 'in', value: Array.from({ length: 5_000 }, (_, i) => i) },
        'rule.value',
      ],
      [
        'an injection in a field name',
        { ...FRENCH, path: "country'); DROP TABLE profiles; --" },
        'rule.path',
      ],
      ['an unknown rule type', { type: 'sql', text: 'DELETE FROM profiles' }, 'rule.type'],
      ['an unknown segment', { type: 'segment', segmentId: randomUUID() }, 'rule'],
      [
        'an undeclared computed trait',
        { type: 'computed', path: 'rfm.f', operator: 'gte', value: 4 },
        'rule',
      ],
      ['a path into the prototype', { ...FRENCH, path: '__proto__.polluted' }, 'rule.path'],
    ];
    for (const [label, rule, path] of hostile) {
      for (const [method, url] of [
        ['POST', '/segments'],
        ['POST', '/segments/preview'],
      ] as const) {
        const body = url === '/segments' ? { name: `Hostile ${label}`, rule } : { rule };
        const res = await h.admin<Refusal>(method, url, body);
        expect({ label, url, status: res.status }).toEqual({ label, url, status: 400 });
        expect({ label, paths: res.body.errors?.map((e) => e.path) }).toEqual({
          label,
          paths: expect.arrayContaining([path]),
        });
      }
    }
    // Injection strings as values are only data.
    const values = await h.admin<{ count: number }>('POST', '/segments/preview', {
      rule: { ...FRENCH, value: "FR' OR '1'='1" },
    });
    expect(values).toMatchObject({ status: 200, body: { count: 0 } });
    for (const id of ['not-a-uuid', "1' OR '1'='1"]) {
      expect((await h.admin('GET', `/segments/${encodeURIComponent(id)}`)).status).toBe(400);
    }
    expect((await h.admin('GET', `/segments/${randomUUID()}/members?limit=100000`)).status).toBe(400);
    expect(await segmentRows()).toEqual(before);
  });

  it('refuses a cycle between segments, and archiving a segment another one uses', async () => {
    const a = await h.admin<Segment>('POST', '/segments', { name: 'A', rule: FRENCH });
    const b = await h.admin<Segment>('POST', '/segments', {
      name: 'B',
      rule: { type: 'segment', segmentId: a.body.id },
    });
    const before = await segmentRows();
    const cycle = await h.admin<Refusal>('PUT', `/segments/${a.body.id}`, {
      rule: { type: 'not', rule: { type: 'segment', segmentId: b.body.id } },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors?.[0]).toMatchObject({ path: 'rule', code: 'segment_cycle' });
    const self = await h.admin<Refusal>('PUT', `/segments/${a.body.id}`, {
      rule: { type: 'segment', segmentId: a.body.id },
    });
    expect(self.body.errors?.[0]).toMatchObject({ code: 'segment_cycle' });
    expect((await h.admin('DELETE', `/segments/${a.body.id}`)).status).toBe(409);
    expect(await segmentRows()).toEqual(before);
  });
});
