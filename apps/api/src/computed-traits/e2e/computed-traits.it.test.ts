import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { waitFor } from '../../../../../tests/support/ports';
import { trackEvent } from '../../../../../tests/support/track-event';

interface Definition {
  key: string;
  version: number;
  scales: Record<string, number[]> | null;
  computedAt: string | null;
}
interface Profile360 {
  computedTraits: Record<string, Record<string, unknown>>;
}

describe('/computed-traits: declared, computed for the base, kept current per profile', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  const track = (userId: string, event: string, properties: Record<string, unknown>, daysAgo = 0) =>
    trackEvent(h.ingest, userId, event, properties, daysAgo);
  const computed = (userId: string) =>
    h.admin<Profile360>('GET', `/profiles/${userId}`).then((res) => res.body.computedTraits);
  const computedOnce = (key: string) =>
    waitFor(`${key} to be computed`, async () => {
      const { body } = await h.admin<Definition>('GET', `/computed-traits/${key}`);
      return body.computedAt ? body : undefined;
    });

  it('computes RFM with quintiles over the base, and NPS from the latest answer as data arrives', async () => {
    // Five customers, one per quintile: 1 to 5 orders, the more orders the more recent the last.
    for (const [userId, orders] of [
      ['bob', [200]],
      ['dan', [150, 120]],
      ['ann', [80, 40, 5]],
      ['eve', [90, 60, 30, 4]],
      ['cleo', [6, 5, 4, 3, 2]],
    ] as const) {
      for (const [i, daysAgo] of orders.entries())
        await track(userId, 'order.completed', { total: 10 * (i + 1) }, daysAgo);
    }
    expect(await h.admin('POST', '/computed-traits', { key: 'rfm', kind: 'rfm' })).toMatchObject({
      status: 201,
    });
    const rfm = await computedOnce('rfm');
    expect(Object.keys(rfm.scales ?? {}).sort()).toEqual(['frequency', 'monetary', 'recencyDays']);
    expect((await computed('cleo')).rfm).toMatchObject({
      frequency: 5,
      monetary: 150,
      r: 5,
      f: 5,
      m: 5,
      score: '555',
    });
    expect((await computed('ann')).rfm).toMatchObject({ frequency: 3, monetary: 60, f: 3, m: 3 });
    expect((await computed('bob')).rfm).toMatchObject({ frequency: 1, recencyDays: 200, score: '111' });

    expect(
      await h.admin('POST', '/computed-traits', {
        key: 'satisfaction',
        kind: 'nps',
        config: { csatPath: null },
      }),
    ).toMatchObject({ status: 201 });
    await computedOnce('satisfaction');
    await track('ann', 'survey.answered', { nps: 9 });
    await waitFor('ann to be a promoter', async () =>
      (await computed('ann')).satisfaction?.category === 'promoter' ? true : undefined,
    );
    await track('ann', 'survey.answered', { nps: 4 });
    await waitFor('ann to be a detractor', async () =>
      (await computed('ann')).satisfaction?.category === 'detractor' ? true : undefined,
    );
  });

  it('lets segments read computed traits, and refuses to drop a trait a segment reads', async () => {
    const segment = await h.admin<{ id: string }>('POST', '/segments', {
      name: 'Detractors',
      rule: { type: 'computed', path: 'satisfaction.category', operator: 'equals', value: 'detractor' },
    });
    expect(segment.status).toBe(201);
    await waitFor('ann to be in Detractors', async () => {
      const { body } = await h.admin<{ members: { userId: string }[] }>(
        'GET',
        `/segments/${segment.body.id}/members`,
      );
      return body.members.some((m) => m.userId === 'ann') ? true : undefined;
    });
    expect((await h.admin('DELETE', '/computed-traits/satisfaction')).status).toBe(409);
    expect((await h.admin('DELETE', `/segments/${segment.body.id}`)).status).toBe(204);
    expect((await h.admin('DELETE', '/computed-traits/satisfaction')).status).toBe(204);
    expect((await computed('ann')).satisfaction).toBeUndefined();
  });

  it('refuses bad definitions with field-level 400s and stores nothing', async () => {
    const before = (await h.db.query(`SELECT key, version FROM computed_trait_definitions ORDER BY key`))
      .rows;
    const bad: [unknown, string][] = [
      [{ key: 'Bad Key', kind: 'rfm' }, 'key'],
      [{ key: '__proto__', kind: 'rfm' }, 'key'],
      [{ key: 'stars', kind: 'horoscope' }, 'kind'],
      [{ key: 'rfm2', kind: 'rfm', config: { periodDays: -1 } }, 'config.periodDays'],
      [
        { key: 'rfm2', kind: 'rfm', config: { orderEvent: "x'; DROP TABLE events; --".repeat(20) } },
        'config.orderEvent',
      ],
      [
        { key: 'life', kind: 'lifecycle', config: { lapsedDays: 500, inactiveDays: 100 } },
        'config.inactiveDays',
      ],
      [{ key: 'p', kind: 'persona', config: { personas: ['A', 'B'], questions: [] } }, 'config.questions'],
      [{ key: 'rfm2', kind: 'rfm', surprise: true }, ''],
    ];
    for (const [body, path] of bad) {
      const res = await h.admin<{ errors: { path: string }[] }>('POST', '/computed-traits', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e) => e.path)).toContain(path);
    }
    expect((await h.admin('POST', '/computed-traits', { key: 'rfm', kind: 'rfe' })).status).toBe(409);
    expect((await h.admin('GET', '/computed-traits/Nope!')).status).toBe(400);
    expect((await h.admin('GET', '/computed-traits/nope')).status).toBe(404);
    expect(
      (await h.db.query(`SELECT key, version FROM computed_trait_definitions ORDER BY key`)).rows,
    ).toEqual(before);
  });
});
