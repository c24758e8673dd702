import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic } from '../../../../../tests/support/apps';
import {
  publishWelcome,
  putCustomer,
  seedEvents,
  seedJourney,
} from '../../../../../tests/integration/profile-fixtures';

interface Export {
  format: string;
  profile: { id: string; userId: string; mergedProfileIds: string[]; traits: object };
  identities: { kind: string; value: string }[];
  consentHistory: { channel: string; status: string }[];
  journeys: { id: string; status: string; steps: { index: number; nodeId: string; outcome: string }[] }[];
  messages: { journeyId: string; recipient: string; status: string }[];
  merges: { mergedId: string }[];
  events: { id: string; name: string; properties: { i?: number } }[];
}

describe('GET /profiles/:ref/export — everything stored about a person', () => {
  let h: ApiHarness;
  /** Times out rather than hanging when the API runs out of database connections. */
  const download = (ref: string, signal = AbortSignal.timeout(20_000)) =>
    fetch(`${h.api.url}/profiles/${ref}/export`, {
      headers: { authorization: `Bearer ${h.workspace.adminKey}` },
      signal,
    });

  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('streams one JSON document: profile, identities, consents, journeys with steps, messages, merges, every event', async () => {
    const ws = h.workspace.workspaceId;
    const welcome = await publishWelcome(h.admin);
    const annId = await putCustomer(h.admin, 'ann', { traits: { firstName: 'Ann' } });
    await h.admin('PUT', '/profiles/ann', {
      consents: { email: { status: 'revoked', source: 'unsubscribe' } },
    });
    const oldId = await putCustomer(h.admin, 'ann-old', { email: 'old@example.test' });
    const journey = await seedJourney(h.db, ws, oldId, welcome, {
      status: 'completed',
      currentNodeId: 'exit',
      steps: [
        ['account-created', 'trigger.event', 'entered'],
        ['email-fr', 'send.email', 'sent'],
      ],
      message: { nodeId: 'email-fr', status: 'sent', recipient: 'old@example.test' },
    });
    await seedEvents(h.db, ws, oldId, [{ name: 'old.event' }]);
    await h.admin('POST', '/profiles/merge', { survivor: 'ann', merged: 'ann-old' });
    // More events than one read page (1 000), generated in SQL.
    await h.db.query(
      `INSERT INTO events (workspace_id, profile_id, name, properties, occurred_at)
       SELECT $1, $2, 'page.viewed', jsonb_build_object('i', i), now() - make_interval(secs => i)
       FROM generate_series(1, 2500) AS i`,
      [ws, annId],
    );
    // A late event still filed under the merged-away id is the person's too.
    await seedEvents(h.db, ws, oldId, [{ name: 'late.on.pointer' }]);

    const res = await download('email:ann@example.test');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="profile-${annId}.json"`);
    const doc = (await res.json()) as Export;

    expect(doc.format).toBe('parcours.profile-export/1');
    expect(doc.profile).toMatchObject({ id: annId, userId: 'ann', mergedProfileIds: [oldId] });
    expect(doc.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([
      'email:ann@example.test',
      'email:old@example.test',
      'user_id:ann',
      'user_id:ann-old',
    ]);
    expect(doc.consentHistory.map((c) => `${c.channel}:${c.status}`)).toEqual([
      'email:granted', // ann-old's, the most recent
      'email:revoked',
      'email:granted',
    ]);
    expect(doc.journeys).toEqual([
      expect.objectContaining({
        id: journey,
        status: 'completed',
        steps: [
          expect.objectContaining({ index: 0, nodeId: 'account-created', outcome: 'entered' }),
          expect.objectContaining({ index: 1, nodeId: 'email-fr', outcome: 'sent' }),
        ],
      }),
    ]);
    expect(doc.messages).toEqual([
      expect.objectContaining({ journeyId: journey, status: 'sent', recipient: 'old@example.test' }),
    ]);
    expect(doc.merges).toEqual([expect.objectContaining({ mergedId: oldId })]);

    expect(doc.events).toHaveLength(2502);
    expect(new Set(doc.events.map((e) => e.id)).size).toBe(2502);
    const views = doc.events.filter((e) => e.name === 'page.viewed').map((e) => e.properties.i);
    expect(views).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1)); // newest first
    expect(doc.events.map((e) => e.name)).toEqual(expect.arrayContaining(['old.event', 'late.on.pointer']));
  });

  it('answers 404 for unknown or erased profiles and 400 for malformed references, before streaming', async () => {
    await putCustomer(h.admin, 'zoe');
    await h.admin('DELETE', '/profiles/zoe');
    for (const [ref, status] of [
      ['nobody', 404],
      ['zoe', 404],
      ['Bad:ref', 400],
      ['id:1', 400],
    ] as const) {
      const res = await download(ref);
      expect({ ref, status: res.status, type: res.headers.get('content-type') }).toEqual({
        ref,
        status,
        type: expect.stringMatching(/^application\/json/),
      });
      expect(await res.json()).toMatchObject({ statusCode: status });
    }
    expect(
      (await apiClient(h.api.url, basic(h.workspace.writeKey))('GET', '/profiles/ann/export')).status,
    ).toBe(401);
  });

  it('gives the database connection back when a download completes or is abandoned midway', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => download('ann').then((r) => r.json())),
    );
    expect(results.every((doc) => (doc as Export).events.length === 2502)).toBe(true);

    // Far more than fits in the stream's buffers: an abandoned download leaves the export mid-way.
    const bigId = await putCustomer(h.admin, 'big');
    await h.db.query(
      `INSERT INTO events (workspace_id, profile_id, name, properties, occurred_at)
       SELECT $1, $2, 'page.viewed', jsonb_build_object('padding', repeat('x', 200)), now() - make_interval(secs => i)
       FROM generate_series(1, 40000) AS i`,
      [h.workspace.workspaceId, bigId],
    );
    // More abandoned downloads than the API's pool has connections (10).
    for (let i = 0; i < 15; i++) {
      const aborted = new AbortController();
      const partial = await download('big', AbortSignal.any([aborted.signal, AbortSignal.timeout(10_000)]));
      expect(partial.status).toBe(200);
      await partial.body?.getReader().read();
      aborted.abort();
    }
    const after = await download('ann');
    expect(after.status).toBe(200);
    expect(((await after.json()) as Export).events).toHaveLength(2502);
  });
});
