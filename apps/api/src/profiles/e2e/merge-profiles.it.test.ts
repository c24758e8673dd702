import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic } from '../../../../../tests/support/apps';
import {
  browserPushSubscription,
  publishWelcome,
  type Published,
  putCustomer,
  seedEvents,
  seedJourney,
} from '../../../../../tests/integration/profile-fixtures';

interface Outcome {
  survivorId: string;
  mergedId: string;
  moved: Record<string, number>;
  exitedJourneys: string[];
}
interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string }[];
}

describe('POST /profiles/merge — two known customers are one', () => {
  let h: ApiHarness;
  let welcome: Published;
  const merge = (body: unknown) => h.admin<Outcome & ErrorBody>('POST', '/profiles/merge', body);
  /** Per profile id: events, identities, journeys, consent records, push subscriptions. */
  const perProfile = async () => {
    const { rows } = await h.db.query(
      `SELECT p.id,
              (SELECT count(*)::int FROM events e WHERE e.profile_id = p.id) AS events,
              (SELECT count(*)::int FROM profile_identities i WHERE i.profile_id = p.id) AS identities,
              (SELECT count(*)::int FROM journeys j WHERE j.profile_id = p.id) AS journeys,
              (SELECT count(*)::int FROM consent_history c WHERE c.profile_id = p.id) AS consents,
              (SELECT count(*)::int FROM push_subscriptions s WHERE s.profile_id = p.id) AS subscriptions
       FROM profiles p WHERE p.workspace_id = $1`,
      [h.workspace.workspaceId],
    );
    return Object.fromEntries(rows.map(({ id, ...counts }) => [id, counts]));
  };

  beforeAll(async () => {
    h = await startApiHarness();
    welcome = await publishWelcome(h.admin);
  });
  afterAll(() => h?.close());

  it('moves everything to the survivor, nothing lost nor doubled, and records the merge', async () => {
    const ws = h.workspace.workspaceId;
    const annId = await putCustomer(h.admin, 'ann', { traits: { firstName: 'Ann', plan: 'pro' } });
    const anaId = await putCustomer(h.admin, 'ana', {
      email: 'ana@example.test',
      traits: { firstName: 'Ana', city: 'Lyon' },
      consent: false,
    });
    await h.admin('PUT', '/profiles/ana', { consents: { sms: { status: 'granted', source: 'shop' } } });
    await seedEvents(h.db, ws, annId, [{ name: 'a1' }, { name: 'a2' }]);
    await seedEvents(h.db, ws, anaId, [{ name: 'b1' }, { name: 'b2' }, { name: 'b3' }]);
    await seedJourney(h.db, ws, anaId, welcome, { status: 'completed', currentNodeId: 'exit' });
    for (const userId of ['ann', 'ana', 'ana']) {
      const subscribed = await h.ingest('POST', '/v1/push-subscriptions', {
        userId,
        subscription: browserPushSubscription(),
      });
      expect(subscribed).toEqual({ status: 200, body: { success: true } });
    }
    const before = await perProfile();
    const totals = await h.counts();

    const res = await merge({ survivor: 'ann', merged: 'email:ana@example.test' });
    expect(res).toEqual({
      status: 200,
      body: {
        survivorId: annId,
        mergedId: anaId,
        moved: {
          identities: 2,
          events: 3,
          journeys: 1,
          messages: 0,
          consentRecords: 1,
          pushSubscriptions: 2,
        },
        exitedJourneys: [],
      },
    });

    const after = await perProfile();
    for (const kind of ['events', 'identities', 'journeys', 'consents', 'subscriptions'] as const) {
      expect({ kind, survivor: after[annId][kind], merged: after[anaId][kind] }).toEqual({
        kind,
        survivor: before[annId][kind] + before[anaId][kind],
        merged: 0,
      });
    }
    expect(await h.counts()).toEqual(totals);

    const ann = (await h.admin<Record<string, unknown>>('GET', '/profiles/ann')).body;
    // The survivor's traits win; the merged profile fills the gaps; each channel's latest consent wins.
    expect(ann).toMatchObject({
      userId: 'ann',
      email: 'ann@example.test',
      traits: { firstName: 'Ann', plan: 'pro', city: 'Lyon', email: 'ann@example.test' },
      consents: { email: { status: 'granted' }, sms: { status: 'granted', source: 'shop' } },
      merges: [{ mergedId: anaId, reason: 'api', at: expect.any(String), moved: expect.any(Object) }],
    });
    const { rows: pointer } = await h.db.query(
      `SELECT merged_into, external_id, email, traits, consents FROM profiles WHERE id = $1`,
      [anaId],
    );
    expect(pointer).toEqual([
      { merged_into: annId, external_id: null, email: null, traits: {}, consents: {} },
    ]);
  });

  it('ends the merged profile’s journey in a scenario the survivor is also in, keeps the others', async () => {
    const ws = h.workspace.workspaceId;
    const other = await publishWelcome(h.admin, { name: 'Other', event: 'other.event' });
    const solId = await putCustomer(h.admin, 'sol');
    const samId = await putCustomer(h.admin, 'sam');
    const solJourney = await seedJourney(h.db, ws, solId, welcome, {
      status: 'running',
      currentNodeId: 'wait-2s',
    });
    const samDuplicate = await seedJourney(h.db, ws, samId, welcome, {
      status: 'running',
      currentNodeId: 'wait-2s',
    });
    const samOther = await seedJourney(h.db, ws, samId, other, {
      status: 'running',
      currentNodeId: 'wait-2s',
    });

    const res = await merge({ survivor: `id:${solId}`, merged: 'sam' });
    expect(res.body).toMatchObject({ exitedJourneys: [samDuplicate], moved: { journeys: 2 } });
    const { rows } = await h.db.query(
      `SELECT id, profile_id, status, exit_reason FROM journeys WHERE id = ANY($1) ORDER BY status`,
      [[solJourney, samDuplicate, samOther]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: solJourney, profile_id: solId, status: 'running', exit_reason: null },
        { id: samDuplicate, profile_id: solId, status: 'exited', exit_reason: 'merged' },
        { id: samOther, profile_id: solId, status: 'running', exit_reason: null },
      ]),
    );
  });

  it('leaves nothing behind on the merged profile when ingestion races the merge', async () => {
    const ingest = apiClient(h.api.url, basic(h.workspace.writeKey));
    for (let round = 0; round < 5; round++) {
      const [survivor, merged] = [`keep-${round}`, `fold-${round}`];
      const survivorId = await putCustomer(h.admin, survivor);
      const mergedId = await putCustomer(h.admin, merged);
      // Every other round the API already knows the customer: its calls take the one-statement path.
      const warm = round % 2 === 0;
      if (warm)
        expect((await ingest('POST', '/v1/track', { userId: merged, event: 'warm' })).status).toBe(200);
      const tracks = Array.from({ length: 20 }, (_, i) =>
        ingest('POST', '/v1/track', { userId: merged, event: 'race.event', properties: { i } }),
      );
      const results = await Promise.all([merge({ survivor, merged }), ...tracks]);
      expect(results.map((r) => r.status)).toEqual([200, ...tracks.map(() => 200)]);
      const counts = await perProfile();
      expect({ round, survivor: counts[survivorId], merged: counts[mergedId] }).toEqual({
        round,
        survivor: { events: warm ? 21 : 20, identities: 4, journeys: 0, consents: 2, subscriptions: 0 },
        merged: { events: 0, identities: 0, journeys: 0, consents: 0, subscriptions: 0 },
      });
    }
  });

  it('refuses merging a profile with itself, twice, or with a merged-away or erased one (409)', async () => {
    const kimId = await putCustomer(h.admin, 'kim');
    const kaiId = await putCustomer(h.admin, 'kai');
    await putCustomer(h.admin, 'zoe');
    const [{ id: zoeId }] = (await h.db.query(`SELECT id FROM profiles WHERE external_id = 'zoe'`)).rows;
    await h.admin('DELETE', '/profiles/zoe');
    expect((await merge({ survivor: 'kim', merged: 'kai' })).status).toBe(200);
    const merges = await h.db.query(`SELECT count(*)::int AS n FROM profile_merges`);
    const totals = await h.counts();

    for (const body of [
      { survivor: 'kim', merged: 'kim' },
      { survivor: 'kim', merged: `id:${kimId}` },
      { survivor: 'kim', merged: 'kai' }, // kai is kim now
      { survivor: 'kim', merged: `id:${kaiId}` }, // a merged-away profile
      { survivor: `id:${kaiId}`, merged: 'kim' },
      { survivor: 'kim', merged: `id:${zoeId}` }, // erased
    ]) {
      const res = await merge(body);
      expect({ body, status: res.status }).toEqual({ body, status: 409 });
    }
    expect((await merge({ survivor: 'kim', merged: 'kai' })).body.message).toMatch(
      /same profile.*merged already/,
    );
    for (const body of [
      { survivor: 'kim', merged: 'nobody' },
      { survivor: 'email:nobody@example.test', merged: 'kim' },
      { survivor: 'kim', merged: 'zoe' }, // an erased profile's userId is nobody's
    ]) {
      expect({ body, status: (await merge(body)).status }).toEqual({ body, status: 404 });
    }
    expect((await h.db.query(`SELECT count(*)::int AS n FROM profile_merges`)).rows).toEqual(merges.rows);
    expect(await h.counts()).toEqual(totals);
  });

  it('refuses malformed bodies with a 400 naming the field, changing nothing', async () => {
    await putCustomer(h.admin, 'lea');
    await putCustomer(h.admin, 'leo');
    const totals = await h.counts();
    for (const [body, path] of [
      [{ survivor: 'lea' }, 'merged'],
      [{ merged: 'leo' }, 'survivor'],
      [{ survivor: 'lea', merged: 'leo', reason: 'x' }, ''],
      [{ survivor: 'lea', merged: 42 }, 'merged'],
      [{ survivor: 'Email:lea', merged: 'leo' }, 'survivor'],
      [{ survivor: 'lea', merged: 'id:123' }, 'merged'],
      [{ survivor: 'lea', merged: '' }, 'merged'],
      [[], ''],
    ] as [unknown, string][]) {
      const res = await merge(body);
      expect({ body, status: res.status, path: res.body.errors?.[0]?.path }).toEqual({
        body,
        status: 400,
        path,
      });
    }
    const raw = await h.admin('POST', '/profiles/merge', undefined, '{"survivor": "lea",');
    expect(raw.status).toBe(400);
    expect(
      (await apiClient(h.api.url, basic(h.workspace.writeKey))('POST', '/profiles/merge', {})).status,
    ).toBe(401);
    expect(await h.counts()).toEqual(totals);
  });
});
