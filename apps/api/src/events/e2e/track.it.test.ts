import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic, bearer } from '../../../../../tests/support/apps';

describe('POST /v1/track: ingestion with the write key', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('stores the event, its profile and an outbox row in one go', async () => {
    const res = await h.ingest('POST', '/v1/track', {
      userId: 'u-1',
      event: 'order.placed',
      properties: { total: 42.5, items: [{ sku: 'KIB-XL' }] },
      timestamp: '2026-11-20T10:00:00+01:00',
    });
    expect(res).toEqual({ status: 200, body: { success: true } });
    const { rows } = await h.db.query(
      `SELECT e.type, e.name, e.properties, e.occurred_at, p.external_id, (o.event_id IS NOT NULL) AS queued
       FROM events e JOIN profiles p ON p.id = e.profile_id LEFT JOIN event_outbox o ON o.event_id = e.id`,
    );
    expect(rows).toEqual([
      {
        type: 'track',
        name: 'order.placed',
        properties: { total: 42.5, items: [{ sku: 'KIB-XL' }] },
        occurred_at: new Date('2026-11-20T09:00:00Z'),
        external_id: 'u-1',
        // No live scenario listens to it, but the dispatcher may not have looked yet.
        queued: expect.any(Boolean),
      },
    ]);
  });

  it('accepts the write key as Bearer too, and refuses admin keys, unknown keys and no key', async () => {
    const call = { userId: 'u-2', event: 'x' };
    expect((await apiClient(h.api.url, bearer(h.workspace.writeKey))('POST', '/v1/track', call)).status).toBe(
      200,
    );
    const before = await h.counts();
    for (const authorization of [
      bearer(h.workspace.adminKey),
      basic('prk_write_not-a-real-key'),
      basic(''),
      'Basic !!!',
      'Token abc',
      '',
    ]) {
      const res = await apiClient(h.api.url, authorization)<{ message: string }>('POST', '/v1/track', call);
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
    }
    expect(await h.counts()).toEqual(before);
  });

  it('answers hostile input with field-level 400s and stores nothing', async () => {
    const before = await h.counts();
    const bodies: unknown[] = [
      {},
      { userId: 'u', event: '' },
      { userId: '', event: 'x' },
      { userId: 'u'.repeat(201), event: 'x' },
      { userId: 'u', event: 'x', properties: 'nope' },
      { userId: 'u', event: 'x', properties: { half: 'surrogate \ud83d' } },
      { userId: 'u', event: 'x', timestamp: 'yesterday' },
      { userId: 42, event: 'x' },
    ];
    for (const body of bodies) {
      const res = await h.ingest<{ errors: { path: string }[] }>('POST', '/v1/track', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    // Deeper than a recursive walk survives: refused with the path where it goes too deep.
    const deep = `{"userId":"u","event":"x","properties":{"deep":${'['.repeat(15_000)}${']'.repeat(15_000)}}}`;
    const refused = await h.ingest<{ errors: { path: string; code: string }[] }>(
      'POST',
      '/v1/track',
      undefined,
      deep,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toMatch(/^properties\.deep(\.0)+$/);
    for (const raw of ['{"userId":', 'not json', '']) {
      expect((await h.ingest('POST', '/v1/track', undefined, raw)).status).toBe(400);
    }
    // Segment's limit for one call is 32 KiB.
    for (const size of [33_000, 2_000_000]) {
      const tooBig = JSON.stringify({ userId: 'u', event: 'x', properties: { pad: 'x'.repeat(size) } });
      const res = await h.ingest<{ message: string }>('POST', '/v1/track', undefined, tooBig);
      expect(res).toMatchObject({ status: 413, body: { message: expect.stringContaining('32 KiB') } });
    }
    expect(await h.counts()).toEqual(before);
  });
});
