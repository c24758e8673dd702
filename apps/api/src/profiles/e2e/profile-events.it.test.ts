import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { putCustomer, seedEvents } from '../../../../../tests/integration/profile-fixtures';

interface Page {
  events: { id: string; name: string; occurredAt: string; [key: string]: unknown }[];
  nextCursor: string | null;
}
interface ErrorBody {
  errors?: { path: string }[];
}

describe('GET /profiles/:ref/events — the paged timeline', () => {
  let h: ApiHarness;
  let annId: string;
  /** Every event id of ann, in the order the timeline must give them. */
  let expected: string[];

  const page = (query: string, ref = 'ann') => h.admin<Page>('GET', `/profiles/${ref}/events${query}`);
  const walk = async (limit: number, onFirstPage?: () => Promise<void>) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page } = await page(
        `?limit=${limit}${cursor ? `&before=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.events.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.events.map((e) => e.id));
      cursor = res.body.nextCursor;
      if (pages++ === 0) await onFirstPage?.();
    } while (cursor);
    return { seen, pages };
  };

  beforeAll(async () => {
    h = await startApiHarness();
    annId = await putCustomer(h.admin, 'ann');
    const ws = h.workspace.workspaceId;
    // 230 events: runs sharing one instant (ties broken by id), and instants a microsecond apart
    // (a cursor rounded to milliseconds would skip or repeat them).
    const events = Array.from({ length: 230 }, (_, i) => ({
      name: `e${i}`,
      occurredAt:
        i % 5 === 0
          ? '2026-02-01T12:00:00.000000Z'
          : `2026-02-01T12:00:00.${String(1000 + (i % 9)).padStart(6, '0')}Z`,
      properties: { i },
    }));
    await seedEvents(h.db, ws, annId, events);
    // Someone else's events never show.
    const bobId = await putCustomer(h.admin, 'bob');
    await seedEvents(h.db, ws, bobId, [{ name: 'bob.only', occurredAt: '2026-02-01T12:00:00.000500Z' }]);
    const { rows } = await h.db.query(
      `SELECT id FROM events WHERE profile_id = $1 ORDER BY occurred_at DESC, id DESC`,
      [annId],
    );
    expected = rows.map((r) => r.id);
  });
  afterAll(() => h?.close());

  it('walks every event once, newest first, whatever the page size', async () => {
    for (const limit of [1, 7, 60, 200]) {
      const { seen, pages } = await walk(limit);
      expect({ limit, pages, seen }).toEqual({ limit, pages: Math.ceil(230 / limit), seen: expected });
    }
  });

  it('defaults to 50 and returns each event as stored', async () => {
    await seedEvents(h.db, h.workspace.workspaceId, annId, [
      {
        name: 'Product Viewed',
        type: 'page',
        occurredAt: '2026-03-01T09:00:00Z',
        properties: { sku: 'A-1', price: 12.5 },
        context: { ip: '203.0.113.9' },
        messageId: 'm-1',
      },
    ]);
    const res = await page('');
    expect(res.body.events).toHaveLength(50);
    expect(res.body.events[0]).toEqual({
      id: expect.any(String),
      type: 'page',
      name: 'Product Viewed',
      properties: { sku: 'A-1', price: 12.5 },
      context: { ip: '203.0.113.9' },
      messageId: 'm-1',
      occurredAt: '2026-03-01T09:00:00.000Z',
      receivedAt: expect.any(String),
    });
    expect(res.body.nextCursor).toEqual(expect.any(String));
    await h.db.query(`DELETE FROM events WHERE message_id = 'm-1'`);
  });

  it('is not shifted by events arriving while a client pages', async () => {
    const { seen } = await walk(40, async () => {
      await seedEvents(h.db, h.workspace.workspaceId, annId, [
        { name: 'late', occurredAt: '2026-02-05T00:00:00Z', messageId: 'late' },
      ]);
    });
    // Newer than the page already read: not seen, and (unlike offset paging) nothing repeats.
    expect(seen).toEqual(expected);
    await h.db.query(`DELETE FROM events WHERE message_id = 'late'`);
  });

  it('pages by userId, identity or id alike, and 404s unknown or erased profiles', async () => {
    for (const ref of ['ann', 'email:ann@example.test', `id:${annId}`]) {
      expect((await page('?limit=3', ref)).body.events).toHaveLength(3);
    }
    expect((await page('', 'nobody')).status).toBe(404);
    await putCustomer(h.admin, 'zoe');
    await h.admin('DELETE', '/profiles/zoe');
    expect((await page('', 'zoe')).status).toBe(404);
    const empty = await putCustomer(h.admin, 'empty');
    expect((await page('', `id:${empty}`)).body).toEqual({ events: [], nextCursor: null });
  });

  it('refuses bad limits and cursors with a 400 naming the parameter', async () => {
    const { body } = await page('?limit=2');
    const tampered = Buffer.from(
      JSON.stringify(['2026-02-30T12:00:00.000000Z', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    for (const [query, path] of [
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=-1', 'limit'],
      ['?limit=1.5', 'limit'],
      ['?limit=ten', 'limit'],
      ['?before=garbage', 'before'],
      ['?before=', 'before'],
      [`?before=x${body.nextCursor?.slice(1)}`, 'before'],
      [`?before=${tampered}`, 'before'],
      [`?before=${'A'.repeat(300)}`, 'before'],
      ['?after=x', ''],
    ]) {
      const res = await h.admin<ErrorBody>('GET', `/profiles/ann/events${query}`);
      expect({ query, status: res.status, path: res.body.errors?.[0]?.path }).toEqual({
        query,
        status: 400,
        path,
      });
    }
    expect((await page('?limit=200')).status).toBe(200);
    expect((await h.admin('GET', '/profiles/Bad:ref/events')).status).toBe(400);
  });
});
