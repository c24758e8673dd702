import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../../tests/support/apps';
import { dataSourceOptions } from '../../database/data-source-options';
import { MergeProfilesService } from './merge-profiles.service';
import { ProfileResolver } from './profile-resolver.service';

/** The identity rules, straight against PostgreSQL (no HTTP), including concurrent callers. */
describe('ProfileResolver', () => {
  let db: DataSource;
  let workspaceId: string;
  const resolver = new ProfileResolver(new MergeProfilesService());
  const resolve = (...identities: [string, string][]) =>
    db.transaction((m) =>
      resolver.resolve(
        m,
        workspaceId,
        identities.map(([kind, value]) => ({ kind, value })),
      ),
    );
  const profilesOf = async () =>
    (
      await db.query(
        `SELECT p.id, p.external_id, p.merged_into, array_agg(i.kind || ':' || i.value ORDER BY i.kind, i.value) AS ids
         FROM profiles p LEFT JOIN profile_identities i ON i.profile_id = p.id
         WHERE p.workspace_id = $1 GROUP BY p.id`,
        [workspaceId],
      )
    ).filter((p: { merged_into: string | null }) => p.merged_into === null);

  beforeAll(async () => {
    const options = dataSourceOptions(await createTestDatabase());
    // Narrows the options to PostgreSQL's, the driver that takes a pool size.
    if (options.type !== 'postgres') throw new Error(`expected PostgreSQL options, got ${options.type}`);
    db = await new DataSource({ ...options, poolSize: 20 }).initialize();
  });
  beforeEach(async () => {
    [{ id: workspaceId }] = await db.query(`INSERT INTO workspaces (name) VALUES ('w') RETURNING id`);
  });
  afterAll(() => db?.destroy());

  it('normalises identities: the same email in another case or spacing is the same customer', async () => {
    const a = await resolve(['email', ' Ann@Example.TEST ']);
    const b = await resolve(['email', 'ann@example.test']);
    expect(b.profileId).toBe(a.profileId);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
  });

  it('merges an anonymous visitor into the customer when they identify, events included', async () => {
    const anon = await resolve(['anonymous_id', 'device-1']);
    await db.query(
      `INSERT INTO events (workspace_id, profile_id, type, name, occurred_at) VALUES ($1, $2, 'page', 'home', now())`,
      [workspaceId, anon.profileId],
    );
    const known = await resolve(['user_id', 'u-1']);
    const identified = await resolve(['user_id', 'u-1'], ['anonymous_id', 'device-1']);
    expect(identified.profileId).toBe(known.profileId);
    expect(identified.merges).toEqual([
      expect.objectContaining({ mergedId: anon.profileId, survivorId: known.profileId }),
    ]);
    expect(identified.merges[0].moved.events).toBe(1);
    expect(await profilesOf()).toEqual([
      expect.objectContaining({
        id: known.profileId,
        external_id: 'u-1',
        ids: ['anonymous_id:device-1', 'user_id:u-1'],
      }),
    ]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events WHERE profile_id = $1`, [
      known.profileId,
    ]);
    expect(n).toBe(1);
    // The merged-away id still leads to the survivor (running journeys hold it).
    const [pointer] = await db.query(`SELECT merged_into FROM profiles WHERE id = $1`, [anon.profileId]);
    expect(pointer.merged_into).toBe(known.profileId);
  });

  it('an anonymous visitor who identifies as a new user becomes that user', async () => {
    const anon = await resolve(['anonymous_id', 'device-2']);
    const identified = await resolve(['user_id', 'u-2'], ['anonymous_id', 'device-2']);
    expect(identified.profileId).toBe(anon.profileId);
    expect(identified.merges).toEqual([]);
    expect((await profilesOf())[0]).toMatchObject({ external_id: 'u-2' });
  });

  it('never merges two known customers automatically, nor moves an identity one already holds', async () => {
    const a = await resolve(['user_id', 'a'], ['email', 'shared@example.test']);
    const b = await resolve(['user_id', 'b'], ['email', 'shared@example.test']);
    expect(b.profileId).not.toBe(a.profileId);
    expect(b.merges).toEqual([]);
    expect(await profilesOf()).toHaveLength(2);
    const [owner] = await db.query(
      `SELECT profile_id FROM profile_identities WHERE workspace_id = $1 AND kind = 'email'`,
      [workspaceId],
    );
    expect(owner.profile_id).toBe(a.profileId);
  });

  it('creates exactly one profile when many requests about one new customer race', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => resolve(['user_id', 'racer'], ['anonymous_id', `tab-${i % 3}`])),
    );
    expect(new Set(results.map((r) => r.profileId)).size).toBe(1);
    expect(await profilesOf()).toEqual([
      expect.objectContaining({
        ids: ['anonymous_id:tab-0', 'anonymous_id:tab-1', 'anonymous_id:tab-2', 'user_id:racer'],
      }),
    ]);
  });

  it('does not deadlock when transactions lock overlapping identities in different orders', async () => {
    const batch = (order: string[]) =>
      db.transaction(async (m) => {
        const identities = order.map((value) => ({ kind: 'anonymous_id', value }));
        await resolver.lockIdentities(m, workspaceId, identities);
        for (const identity of identities) await resolver.resolve(m, workspaceId, [identity]);
      });
    const orders = [
      ['x', 'y', 'z'],
      ['z', 'y', 'x'],
      ['y', 'x', 'z'],
    ];
    await expect(
      Promise.all(Array.from({ length: 9 }, (_, i) => batch(orders[i % 3]))),
    ).resolves.toHaveLength(9);
    expect(await profilesOf()).toHaveLength(3);
  });
});
