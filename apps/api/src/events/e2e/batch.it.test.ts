import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { eventsOf, ingestionCounts, profileBy } from '../../../../../tests/integration/ingestion-queries';

describe('POST /v1/batch (and /v1/import): many calls, one transaction', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it("corrects a client clock that is an hour behind, with the batch's sentAt or the call's own", async () => {
    const now = Date.now();
    const hourAgo = (ms: number) => new Date(now - 3_600_000 + ms).toISOString();
    const res = await h.ingest('POST', '/v1/batch', {
      sentAt: hourAgo(0),
      context: { library: { name: 'custom-sdk' }, ip: '10.0.0.1' },
      batch: [
        // Happened 10 s before it was sent, by the device's (wrong) clock.
        {
          type: 'track',
          userId: 'kim',
          event: 'a',
          timestamp: hourAgo(-10_000),
          context: { ip: '10.0.0.2' },
        },
        // Its own sentAt wins over the batch's: it says it was sent 5 s after it happened.
        { type: 'track', userId: 'kim', event: 'b', timestamp: hourAgo(-20_000), sentAt: hourAgo(-15_000) },
        // No timestamp: it happened when received.
        { type: 'page', userId: 'kim' },
        // originalTimestamp is the client time when timestamp is absent.
        { type: 'screen', userId: 'kim', originalTimestamp: hourAgo(-1_000) },
      ],
    });
    expect(res).toEqual({ status: 200, body: { success: true, accepted: 4, errors: [] } });
    const kim = (await profileBy(h.db, 'user_id', 'kim'))!;
    const events = Object.fromEntries((await eventsOf(h.db, kim.id)).map((e) => [e.name, e]));
    const received = events.a.received_at.getTime();
    expect(received).toBeGreaterThanOrEqual(now);
    expect(events.a.occurred_at.getTime()).toBe(received - 10_000);
    expect(events.b.occurred_at.getTime()).toBe(received - 5_000);
    expect(events.page.occurred_at.getTime()).toBe(received);
    expect(events.screen.occurred_at.getTime()).toBe(received - 1_000);
    // The batch's context is under each call's own.
    expect(events.a.context).toEqual({ library: { name: 'custom-sdk' }, ip: '10.0.0.2' });
    expect(events.page.context).toEqual({ library: { name: 'custom-sdk' }, ip: '10.0.0.1' });
  });

  it('stores a messageId once, even twice in one batch or across /v1/batch and /v1/import', async () => {
    const before = await ingestionCounts(h.db);
    const call = { type: 'track', userId: 'lou', event: 'paid', messageId: 'm-1', properties: { n: 1 } };
    const first = await h.ingest('POST', '/v1/batch', {
      batch: [call, { ...call, properties: { n: 2 } }, { ...call, messageId: 'm-2' }],
    });
    expect(first).toEqual({ status: 200, body: { success: true, accepted: 3, errors: [] } });
    const second = await h.ingest('POST', '/v1/import', { batch: [{ ...call, properties: { n: 3 } }] });
    expect(second).toEqual({ status: 200, body: { success: true, accepted: 1, errors: [] } });
    const single = await h.ingest('POST', '/v1/track', { ...call, type: undefined });
    expect(single).toEqual({ status: 200, body: { success: true } });
    const after = await ingestionCounts(h.db);
    expect(after.events - before.events).toBe(2);
    expect(after.message_ids - before.message_ids).toBe(2);
    const lou = (await profileBy(h.db, 'user_id', 'lou'))!;
    expect((await eventsOf(h.db, lou.id)).map((e) => [e.message_id, e.properties])).toEqual([
      ['m-1', { n: 1 }],
      ['m-2', { n: 1 }],
    ]);
  });

  it('stores a retried batch about a known customer once, even when the retries race', async () => {
    // Known to this API process from now on: its batches take the one-statement path.
    expect((await h.ingest('POST', '/v1/track', { userId: 'rita', event: 'arrived' })).status).toBe(200);
    const before = await ingestionCounts(h.db);
    const calls = Array.from({ length: 20 }, (_, i) => ({
      type: 'track',
      userId: 'rita',
      event: 'viewed',
      messageId: `rita-${i}`,
    }));
    const raced = await Promise.all([1, 2, 3, 4].map(() => h.ingest('POST', '/v1/batch', { batch: calls })));
    expect(raced.map((r) => r.body)).toEqual(raced.map(() => ({ success: true, accepted: 20, errors: [] })));
    // A retry carrying one new call: only that one is new.
    const fresh = { ...calls[0], messageId: 'rita-new' };
    expect((await h.ingest('POST', '/v1/batch', { batch: [...calls, fresh] })).status).toBe(200);
    const after = await ingestionCounts(h.db);
    expect(after.events - before.events).toBe(21);
    expect(after.message_ids - before.message_ids).toBe(21);
    const rita = (await profileBy(h.db, 'user_id', 'rita'))!;
    const ids = (await eventsOf(h.db, rita.id)).map((e) => e.message_id);
    expect(ids.filter((id) => id?.startsWith('rita-')).sort()).toEqual(
      [...calls.map((c) => c.messageId), 'rita-new'].sort(),
    );
  });

  it('queues track, page and screen events for journeys, not identify, group or alias', async () => {
    await h.db.query(`DELETE FROM event_outbox`);
    const res = await h.ingest('POST', '/v1/batch', {
      batch: ['identify', 'track', 'page', 'screen', 'group', 'alias'].map((type, i) => ({
        type,
        userId: 'max',
        event: 'e',
        groupId: 'g',
        previousId: `old-${i}`,
        messageId: `q-${i}`,
      })),
    });
    expect(res.status).toBe(200);
    // The dispatcher drains queued rows as it goes, but never queues: an identify, group or alias
    // row in the outbox could only come from ingestion.
    const { rows } = await h.db.query(
      `SELECT e.type, EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS queued
       FROM events e WHERE e.message_id LIKE 'q-%' ORDER BY e.type`,
    );
    expect(
      rows.filter(
        (r: { queued: boolean; type: string }) => r.queued && !['track', 'page', 'screen'].includes(r.type),
      ),
    ).toEqual([]);
    expect(rows.map((r: { type: string }) => r.type)).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'screen',
      'track',
    ]);
  });

  it('serialises concurrent batches about the same new customers: one profile each, no deadlock', async () => {
    const before = await ingestionCounts(h.db);
    const users = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    // Each batch meets the customers in another order: rotated, and every other one reversed.
    const shuffled = (n: number) => {
      const rotated = [...users.slice(n * 3), ...users.slice(0, n * 3)];
      return n % 2 ? rotated.reverse() : rotated;
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, batchNo) =>
        h.ingest('POST', '/v1/batch', {
          batch: shuffled(batchNo).flatMap((userId) => [
            { type: 'track', userId, event: 'raced', properties: { batchNo } },
            { type: 'identify', userId, anonymousId: `${userId}-device`, traits: { lastBatch: batchNo } },
          ]),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const after = await ingestionCounts(h.db);
    expect(after.live_profiles - before.live_profiles).toBe(20);
    expect(after.identities - before.identities).toBe(40);
    expect(after.events - before.events).toBe(8 * 40);
    expect(after.merges - before.merges).toBe(0);
  });

  it('documents every Segment endpoint and its limits in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${h.api.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, { post: { description?: string; requestBody?: unknown; responses: object } }>;
    };
    for (const path of ['identify', 'track', 'page', 'screen', 'group', 'alias', 'batch', 'import']) {
      const post = doc.paths[`/v1/${path}`]?.post;
      expect({ path, described: post?.description }).toEqual({
        path,
        described: expect.stringContaining('32 KiB per call, 500 KiB and 2 500 calls per batch'),
      });
      expect(post.responses).toHaveProperty('413');
      expect(post.requestBody).toBeDefined();
    }
  });
});
