import { Client, Connection } from '@temporalio/client';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { apiClient, basic, startApi } from '../support/apps';
import { waitFor } from '../support/ports';
import { eventsOf, identitiesOf, ingestionCounts, profileBy } from './ingestion-queries';
import { welcomeJourney } from './journey-scenario';

/**
 * Identity resolution through the Segment API: counts before and after each step prove that a
 * merge loses nothing (events, identities, traits) and doubles nothing.
 */
describe('ingestion merges profiles: anonymous browsing then identify, alias', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  const ok = async (path: string, body: unknown) => {
    const res = await h.ingest('POST', path, body);
    expect({ path, body, res }).toMatchObject({ res: { status: 200 } });
    return res.body;
  };
  const diff = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));

  it('an anonymous visitor who identifies as a known customer becomes that customer, with every event', async () => {
    await ok('/v1/identify', { userId: 'ann', traits: { email: 'ann@example.test', firstName: 'Ann' } });
    await ok('/v1/track', { userId: 'ann', event: 'account.created' });
    const ann = (await profileBy(h.db, 'user_id', 'ann'))!;

    // Browsing on a new device, not logged in.
    await ok('/v1/page', { anonymousId: 'v-1', name: 'Home' });
    await ok('/v1/page', { anonymousId: 'v-1', name: 'Kibble', properties: { path: '/kibble' } });
    await ok('/v1/track', { anonymousId: 'v-1', event: 'cart.viewed', properties: { items: 2 } });
    await ok('/v1/identify', { anonymousId: 'v-1', traits: { firstName: 'Anonymous Annie', pet: 'cat' } });
    const visitor = (await profileBy(h.db, 'anonymous_id', 'v-1'))!;
    expect(visitor.id).not.toBe(ann.id);
    expect(await eventsOf(h.db, visitor.id)).toHaveLength(4);

    const before = await ingestionCounts(h.db);
    await ok('/v1/identify', { userId: 'ann', anonymousId: 'v-1', messageId: 'login-1' });
    expect(diff(before, await ingestionCounts(h.db))).toEqual({
      live_profiles: -1,
      merged_profiles: 1,
      identities: 0, // v-1 moved, nothing new
      events: 1, // the identify itself
      message_ids: 1,
      merges: 1,
    });
    expect(await profileBy(h.db, 'anonymous_id', 'v-1')).toMatchObject({ id: ann.id });
    expect(await identitiesOf(h.db, ann.id)).toEqual([
      'anonymous_id:v-1',
      'email:ann@example.test',
      'user_id:ann',
    ]);
    expect((await eventsOf(h.db, ann.id)).map((e) => `${e.type}:${e.name}`)).toEqual([
      'identify:identify',
      'track:account.created',
      'page:Home',
      'page:Kibble',
      'track:cart.viewed',
      'identify:identify',
      'identify:identify',
    ]);
    // The survivor's traits win; the anonymous profile's fill the gaps.
    expect((await profileBy(h.db, 'user_id', 'ann'))!.traits).toEqual({
      email: 'ann@example.test',
      firstName: 'Ann',
      pet: 'cat',
    });
    const { rows } = await h.db.query(`SELECT reason, moved FROM profile_merges WHERE survivor_id = $1`, [
      ann.id,
    ]);
    expect(rows).toEqual([
      { reason: 'identify', moved: expect.objectContaining({ events: 4, identities: 1 }) },
    ]);

    // Retried, the identify changes nothing.
    const again = await ingestionCounts(h.db);
    await ok('/v1/identify', { userId: 'ann', anonymousId: 'v-1', messageId: 'login-1' });
    expect(await ingestionCounts(h.db)).toEqual(again);
  });

  it('within one batch, calls before and after the identify all land on the known customer', async () => {
    await ok('/v1/identify', { userId: 'bea' });
    const bea = (await profileBy(h.db, 'user_id', 'bea'))!;
    const before = await ingestionCounts(h.db);
    const result = await ok('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'v-2', name: 'Landing' },
        { type: 'track', anonymousId: 'v-2', event: 'signup.started' },
        { type: 'identify', userId: 'bea', anonymousId: 'v-2', traits: { email: 'bea@example.test' } },
        { type: 'track', anonymousId: 'v-2', event: 'signup.completed' },
        { type: 'track', userId: 'bea', event: 'order.placed' },
      ],
    });
    expect(result).toEqual({ success: true, accepted: 5, errors: [] });
    expect(diff(before, await ingestionCounts(h.db))).toEqual({
      live_profiles: 0, // v-2's anonymous profile was created, then merged in the same transaction
      merged_profiles: 1,
      identities: 2, // anonymous_id:v-2 and email:bea@example.test
      events: 5,
      message_ids: 0,
      merges: 1,
    });
    // A batch's calls without a timestamp share its arrival time: compare as a set.
    expect((await eventsOf(h.db, bea.id)).map((e) => e.name).sort()).toEqual([
      'Landing',
      'identify',
      'identify',
      'order.placed',
      'signup.completed',
      'signup.started',
    ]);
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n FROM events e JOIN profiles p ON p.id = e.profile_id WHERE p.merged_into IS NOT NULL`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('alias merges the profile known by previousId into userId, known customers included', async () => {
    // An anonymous id with history, aliased to a new user id: the history follows.
    await ok('/v1/track', { anonymousId: 'old-device', event: 'app.opened' });
    await ok('/v1/screen', { anonymousId: 'old-device', name: 'Catalog' });
    let before = await ingestionCounts(h.db);
    await ok('/v1/alias', { userId: 'cy', previousId: 'old-device' });
    const cy = (await profileBy(h.db, 'user_id', 'cy'))!;
    expect(diff(before, await ingestionCounts(h.db))).toEqual({
      live_profiles: 0, // cy was created, old-device's profile merged into it
      merged_profiles: 1,
      identities: 1,
      events: 1,
      message_ids: 0,
      merges: 1,
    });
    expect(await identitiesOf(h.db, cy.id)).toEqual(['anonymous_id:old-device', 'user_id:cy']);
    expect((await eventsOf(h.db, cy.id)).map((e) => `${e.type}:${e.name}`)).toEqual([
      'track:app.opened',
      'screen:Catalog',
      'alias:alias',
    ]);

    // Two known customers (a legacy account and a new one): alias is the explicit merge.
    await ok('/v1/identify', { userId: 'dee-legacy', traits: { email: 'dee@old.test', tier: 'gold' } });
    await ok('/v1/track', { userId: 'dee-legacy', event: 'order.placed', properties: { total: 10 } });
    await ok('/v1/identify', { userId: 'dee', traits: { email: 'dee@new.test' } });
    await ok('/v1/track', { userId: 'dee', event: 'order.placed', properties: { total: 20 } });
    before = await ingestionCounts(h.db);
    await ok('/v1/alias', { userId: 'dee', previousId: 'dee-legacy', messageId: 'alias-dee' });
    expect(diff(before, await ingestionCounts(h.db))).toEqual({
      live_profiles: -1,
      merged_profiles: 1,
      identities: 0,
      events: 1,
      message_ids: 1,
      merges: 1,
    });
    const dee = (await profileBy(h.db, 'user_id', 'dee'))!;
    expect(await profileBy(h.db, 'user_id', 'dee-legacy')).toMatchObject({ id: dee.id });
    expect(dee.traits).toEqual({ email: 'dee@new.test', tier: 'gold' });
    expect(await identitiesOf(h.db, dee.id)).toEqual([
      'email:dee@new.test',
      'email:dee@old.test',
      'user_id:dee',
      'user_id:dee-legacy',
    ]);
    expect((await eventsOf(h.db, dee.id)).filter((e) => e.name === 'order.placed')).toHaveLength(2);
    const { rows } = await h.db.query(`SELECT reason FROM profile_merges WHERE survivor_id = $1`, [dee.id]);
    expect(rows).toEqual([{ reason: 'alias' }]);

    // The same alias retried changes nothing; an alias to itself neither.
    before = await ingestionCounts(h.db);
    await ok('/v1/alias', { userId: 'dee', previousId: 'dee-legacy', messageId: 'alias-dee' });
    expect(await ingestionCounts(h.db)).toEqual(before);
    await ok('/v1/alias', { userId: 'dee', previousId: 'dee' });
    expect(diff(before, await ingestionCounts(h.db))).toMatchObject({
      live_profiles: 0,
      events: 1,
      merges: 0,
    });

    // An unknown previousId is attached as an anonymous id: later calls with it land on the profile.
    await ok('/v1/alias', { userId: 'dee', previousId: 'tablet-7' });
    await ok('/v1/track', { anonymousId: 'tablet-7', event: 'app.opened' });
    expect(await profileBy(h.db, 'anonymous_id', 'tablet-7')).toMatchObject({ id: dee.id });
    expect((await eventsOf(h.db, dee.id)).at(-1)).toMatchObject({ name: 'app.opened' });
  });

  it('never merges two known customers implicitly: an identify with another customer’s email leaves both', async () => {
    await ok('/v1/identify', { userId: 'eve', traits: { email: 'shared@example.test' } });
    const before = await ingestionCounts(h.db);
    await ok('/v1/identify', { userId: 'fay', traits: { email: 'shared@example.test' } });
    expect(diff(before, await ingestionCounts(h.db))).toMatchObject({
      live_profiles: 1,
      merges: 0,
      events: 1,
    });
    const eve = (await profileBy(h.db, 'user_id', 'eve'))!;
    const fay = (await profileBy(h.db, 'user_id', 'fay'))!;
    expect(eve.id).not.toBe(fay.id);
    expect(await profileBy(h.db, 'email', 'shared@example.test')).toMatchObject({ id: eve.id });
  });

  it("alias ends the merged customer's journey in a scenario the survivor is already in, and stops its workflow", async () => {
    const created = await h.admin<{ id: string }>('POST', '/scenarios', {
      name: 'Trial nurture',
      graph: welcomeJourney({ event: 'trial.started', waitSeconds: 3_600 }),
    });
    expect((await h.admin('POST', `/scenarios/${created.body.id}/publish`)).status).toBe(201);
    await ok('/v1/track', { userId: 'gus-old', event: 'trial.started' });
    await ok('/v1/track', { userId: 'gus', event: 'trial.started' });
    type JourneyRow = { workflow_id: string; status: string; exit_reason: string | null; profile_id: string };
    const journeys = async (): Promise<JourneyRow[]> =>
      (
        await h.db.query(
          `SELECT j.workflow_id, j.status, j.exit_reason, j.profile_id FROM journeys j
           JOIN events e ON e.id = j.trigger_event_id WHERE j.scenario_id = $1 ORDER BY e.occurred_at`,
          [created.body.id],
        )
      ).rows;
    await waitFor('both journeys to start', async () => ((await journeys()).length === 2 ? true : undefined));
    const [oldJourney, survivorJourney] = await journeys();

    const temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS }),
    });
    try {
      const status = async (workflowId: string) =>
        (await temporal.workflow.getHandle(workflowId).describe()).status.name;
      await waitFor('both workflows to exist', async () =>
        (await status(oldJourney.workflow_id)) === 'RUNNING' &&
        (await status(survivorJourney.workflow_id)) === 'RUNNING'
          ? true
          : undefined,
      );

      await ok('/v1/alias', { userId: 'gus', previousId: 'gus-old' });
      const gus = (await profileBy(h.db, 'user_id', 'gus'))!;
      expect(await journeys()).toEqual([
        { ...oldJourney, profile_id: gus.id, status: 'exited', exit_reason: 'merged' },
        { ...survivorJourney, profile_id: gus.id },
      ]);
      // Terminated after the commit, before the 200.
      expect(await status(oldJourney.workflow_id)).toBe('TERMINATED');
      expect(await status(survivorJourney.workflow_id)).toBe('RUNNING');
      await temporal.workflow.getHandle(survivorJourney.workflow_id).terminate('test over');
    } finally {
      await temporal.connection.close();
    }
  });

  it('an API that remembers who owns an identity follows merges and erasures made elsewhere', async () => {
    // A second API process on the same database: it merges while the first holds its memory.
    const other = await startApi({ databaseUrl: h.databaseUrl });
    try {
      const elsewhere = apiClient(other.url, basic(h.workspace.writeKey));
      await ok('/v1/identify', { userId: 'hal' });
      await ok('/v1/track', { anonymousId: 'kiosk-1', event: 'browsed' });
      await ok('/v1/track', { anonymousId: 'kiosk-1', event: 'browsed' }); // remembered now
      const kiosk = (await profileBy(h.db, 'anonymous_id', 'kiosk-1'))!;
      expect((await elsewhere('POST', '/v1/alias', { userId: 'hal', previousId: 'kiosk-1' })).status).toBe(
        200,
      );
      const hal = (await profileBy(h.db, 'user_id', 'hal'))!;

      await ok('/v1/track', { anonymousId: 'kiosk-1', event: 'after.merge' });
      expect((await eventsOf(h.db, hal.id)).map((e) => e.name)).toEqual([
        'identify',
        'browsed',
        'browsed',
        'alias',
        'after.merge',
      ]);
      const { rows } = await h.db.query(`SELECT count(*)::int AS n FROM events WHERE profile_id = $1`, [
        kiosk.id,
      ]);
      expect(rows[0].n).toBe(0);

      // Erased elsewhere (as GDPR erasure leaves it): the next event does not land on the erased profile.
      await h.db.query(`DELETE FROM profile_identities WHERE profile_id = $1`, [hal.id]);
      await h.db.query(`UPDATE profiles SET erased_at = now(), traits = '{}' WHERE id = $1`, [hal.id]);
      await ok('/v1/track', { anonymousId: 'kiosk-1', event: 'after.erasure' });
      const fresh = (await profileBy(h.db, 'anonymous_id', 'kiosk-1'))!;
      expect(fresh.id).not.toBe(hal.id);
      expect((await eventsOf(h.db, fresh.id)).map((e) => e.name)).toEqual(['after.erasure']);
      expect((await eventsOf(h.db, hal.id)).map((e) => e.name)).not.toContain('after.erasure');
    } finally {
      await other.stop();
    }
  });
});
