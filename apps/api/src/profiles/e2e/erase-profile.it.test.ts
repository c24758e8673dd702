import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic } from '../../../../../tests/support/apps';
import {
  publishWelcome,
  putCustomer,
  rowsMentioning,
  seedEvents,
  seedJourney,
} from '../../../../../tests/integration/profile-fixtures';

describe('DELETE /profiles/:ref — GDPR erasure', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('removes every personal datum of the person, keeps anonymous statistics, touches nobody else', async () => {
    const ws = h.workspace.workspaceId;
    const welcome = await publishWelcome(h.admin);
    const annId = await putCustomer(h.admin, 'ann', {
      email: 'ann.secret@example.test',
      traits: { firstName: 'Annabelle-Secret', phone: '+33612345678' },
    });
    await h.admin('PUT', '/profiles/ann', { consents: { sms: { status: 'revoked', source: 'stop' } } });
    await h.db.query(
      `INSERT INTO profile_identities (workspace_id, kind, value, profile_id) VALUES ($1, 'crm_id', 'CRM-SECRET-42', $2)`,
      [ws, annId],
    );
    const [queued] = await seedEvents(h.db, ws, annId, [
      {
        name: 'order.placed',
        messageId: 'msg-secret-1',
        properties: { note: 'Annabelle-Secret' },
        context: { ip: '198.51.100.77' },
      },
      { name: 'page.viewed', type: 'page' },
    ]);
    // Still waiting for dispatch (far in the future so the API's dispatcher leaves it alone).
    await h.db.query(
      `INSERT INTO event_outbox (event_id, workspace_id, locked_until) VALUES ($1, $2, now() + interval '1 hour')`,
      [queued, ws],
    );
    // A profile merged into ann earlier, whose pre-merge journey still files ledger rows under its id.
    const oldId = await putCustomer(h.admin, 'ann-old', { email: 'old.secret@example.test' });
    await seedEvents(h.db, ws, oldId, [{ name: 'old.event', properties: { city: 'Old-Secret-Town' } }]);
    await h.admin('POST', '/profiles/merge', { survivor: 'ann', merged: 'ann-old' });
    const running = await seedJourney(h.db, ws, annId, welcome, {
      status: 'running',
      currentNodeId: 'wait-2s',
      steps: [
        ['account-created', 'trigger.event', 'entered'],
        ['wait-2s', 'wait.duration', 'waiting'],
      ],
    });
    const done = await seedJourney(h.db, ws, annId, welcome, {
      status: 'completed',
      currentNodeId: 'exit',
      steps: [['email-fr', 'send.email', 'sent']],
      message: { nodeId: 'email-fr', status: 'sent', recipient: 'old.secret@example.test', profileId: oldId },
    });
    const failed = await seedJourney(h.db, ws, annId, welcome, {
      status: 'completed',
      currentNodeId: 'exit',
      message: {
        nodeId: 'email-fr',
        status: 'failed',
        recipient: 'ann.secret@example.test',
        reason: 'permanent: 550 <ann.secret@example.test> unknown',
      },
    });
    // Somebody else, who must not be touched.
    const bobId = await putCustomer(h.admin, 'bob', { traits: { firstName: 'Bob' } });
    await seedEvents(h.db, ws, bobId, [{ name: 'order.placed', messageId: 'msg-bob' }]);
    await seedJourney(h.db, ws, bobId, welcome, {
      status: 'completed',
      steps: [['email-en', 'send.email', 'sent']],
      message: { nodeId: 'email-en', status: 'sent', recipient: 'bob@example.test' },
    });
    const bobBefore = (await h.admin('GET', '/profiles/bob')).body;
    const ledgerBefore = await h.db.query(
      `SELECT id, status, channel, node_id FROM message_ledger ORDER BY id`,
    );

    const res = await h.admin('DELETE', '/profiles/email:ann.secret@example.test');
    expect(res.status).toBe(204);

    // Not a trace of any personal value, in any table.
    for (const needle of [
      'ann.secret@example.test',
      'old.secret@example.test',
      'Annabelle-Secret',
      'Old-Secret-Town',
      '+33612345678',
      'CRM-SECRET-42',
      'msg-secret-1',
      '198.51.100.77',
    ]) {
      expect({ needle, found: await rowsMentioning(h.db, needle) }).toEqual({ needle, found: {} });
    }
    const scope = [annId, oldId];
    const count = async (sql: string, params: unknown[] = [scope]) =>
      (await h.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;
    expect(await count(`events WHERE profile_id = ANY($1)`)).toBe(0);
    // Claims hold a hash of the messageId, which the search above cannot see: checked by key.
    expect(
      await count(`event_message_ids WHERE message_key = parcours_message_key('msg-secret-1')`, []),
    ).toBe(0);
    expect(await count(`event_outbox WHERE event_id = $1`, [queued])).toBe(0);
    expect(await count(`profile_identities WHERE profile_id = ANY($1)`)).toBe(0);
    expect(await count(`consent_history WHERE profile_id = ANY($1)`)).toBe(0);
    expect(await count(`profile_merges WHERE survivor_id = ANY($1)`)).toBe(0);
    expect(await count(`journey_steps WHERE journey_id = ANY($1)`, [[running, done, failed]])).toBe(0);

    const { rows: profile } = await h.db.query(
      `SELECT external_id, email, phone, traits, consents, computed_traits, erased_at IS NOT NULL AS erased
       FROM profiles WHERE id = $1`,
      [annId],
    );
    expect(profile).toEqual([
      {
        external_id: null,
        email: null,
        phone: null,
        traits: {},
        consents: {},
        computed_traits: {},
        erased: true,
      },
    ]);
    const { rows: journeys } = await h.db.query(
      `SELECT id, status, exit_reason, trigger_event_id FROM journeys WHERE profile_id = $1`,
      [annId],
    );
    expect(journeys).toEqual(
      expect.arrayContaining([
        { id: running, status: 'exited', exit_reason: 'erased', trigger_event_id: null },
        { id: done, status: 'completed', exit_reason: null, trigger_event_id: null },
        { id: failed, status: 'completed', exit_reason: null, trigger_event_id: null },
      ]),
    );
    // Per-node statistics survive: every ledger row is still there with its status, minus who and why.
    expect(
      (await h.db.query(`SELECT id, status, channel, node_id FROM message_ledger ORDER BY id`)).rows,
    ).toEqual(ledgerBefore.rows);
    const { rows: ledger } = await h.db.query(
      `SELECT status, recipient, reason, provider_message_id FROM message_ledger WHERE journey_id = ANY($1) ORDER BY status`,
      [[done, failed]],
    );
    expect(ledger).toEqual([
      { status: 'failed', recipient: null, reason: null, provider_message_id: null },
      { status: 'sent', recipient: null, reason: null, provider_message_id: null },
    ]);

    expect((await h.admin('GET', '/profiles/bob')).body).toEqual(bobBefore);
    expect(await count(`event_message_ids WHERE message_key = parcours_message_key('msg-bob')`, [])).toBe(1);
  });

  it('is final: the person is not found again, and the same userId later is a new customer', async () => {
    const zoeId = await putCustomer(h.admin, 'zoe', { traits: { firstName: 'Zoe' } });
    expect((await h.admin('DELETE', '/profiles/zoe')).status).toBe(204);
    for (const [method, path] of [
      ['GET', '/profiles/zoe'],
      ['GET', `/profiles/id:${zoeId}`],
      ['GET', '/profiles/email:zoe@example.test'],
      ['GET', '/profiles/zoe/events'],
      ['GET', '/profiles/zoe/export'],
      ['GET', '/profiles?identity=user_id:zoe'],
      ['DELETE', '/profiles/zoe'],
      ['DELETE', `/profiles/id:${zoeId}`],
    ]) {
      expect({ method, path, status: (await h.admin(method, path)).status }).toEqual({
        method,
        path,
        status: 404,
      });
    }
    const again = await h.admin<{ id: string; traits: object; consents: object }>('PUT', '/profiles/zoe', {
      email: 'zoe@example.test',
    });
    expect(again.status).toBe(200);
    expect(again.body.id).not.toBe(zoeId);
    expect(again.body).toMatchObject({ traits: { email: 'zoe@example.test' }, consents: {} });
    expect((await h.admin<{ id: string }>('GET', '/profiles/email:zoe@example.test')).body.id).toBe(
      again.body.id,
    );
  });

  it('is not undone by ingestion racing it: nothing lands on the erased profile', async () => {
    const ingest = apiClient(h.api.url, basic(h.workspace.writeKey));
    for (let round = 0; round < 5; round++) {
      const userId = `racer-${round}`;
      const erasedId = await putCustomer(h.admin, userId);
      // Every other round the API already knows the customer: its calls take the one-statement path.
      if (round % 2 === 0) {
        expect((await ingest('POST', '/v1/track', { userId, event: 'warm' })).status).toBe(200);
      }
      const tracks = Array.from({ length: 20 }, (_, i) =>
        ingest('POST', '/v1/track', { userId, event: 'race.event', properties: { i } }),
      );
      const erase = h.admin('DELETE', `/profiles/${userId}`);
      const results = await Promise.all([erase, ...tracks]);
      expect(results.map((r) => r.status)).toEqual([204, ...tracks.map(() => 200)]);
      const { rows } = await h.db.query(
        `SELECT (SELECT count(*)::int FROM events WHERE profile_id = $1) AS events,
                (SELECT count(*)::int FROM profile_identities WHERE profile_id = $1) AS identities`,
        [erasedId],
      );
      expect({ round, ...rows[0] }).toEqual({ round, events: 0, identities: 0 });
    }
  });

  it('refuses malformed references and ingestion keys, erasing nothing', async () => {
    await putCustomer(h.admin, 'kim');
    const before = await h.counts();
    for (const ref of ['Email:kim@example.test', 'id:kim', 'email:kim', ':kim']) {
      expect({
        ref,
        status: (await h.admin('DELETE', `/profiles/${encodeURIComponent(ref)}`)).status,
      }).toEqual({
        ref,
        status: 400,
      });
    }
    expect((await apiClient(h.api.url, basic(h.workspace.writeKey))('DELETE', '/profiles/kim')).status).toBe(
      401,
    );
    expect(await h.counts()).toEqual(before);
    expect((await h.admin('GET', '/profiles/kim')).status).toBe(200);
  });
});
