import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../../tests/support/apps';
import { ComputedTraitsRecompute } from '../../computed-traits/computation/computed-traits-recompute.service';
import { ProfileTraitsCalculator } from '../../computed-traits/computation/profile-traits.calculator';
import { ComputedTraitsRepository } from '../../computed-traits/persistence/computed-traits.repository';
import { type AppConfig } from '../../config/app-config';
import { dataSourceOptions } from '../../database/data-source-options';
import { MembershipWriter } from '../persistence/membership.writer';
import { SegmentsRepository } from '../persistence/segments.repository';
import { ProfileRefreshService } from './profile-refresh.service';
import { SegmentSweeper } from './segment-sweeper.service';

// The refresh and the sweep, raced against each other in one process on purpose: whatever the
// interleaving, a change of membership is stored once, with its one event.
describe('membership changes race safely', () => {
  let dataSource: DataSource;
  let refresh: ProfileRefreshService;
  let sweeper: SegmentSweeper;
  const workspaceId = randomUUID();

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(await createTestDatabase())).initialize();
    const segments = new SegmentsRepository();
    const memberships = new MembershipWriter();
    const definitions = new ComputedTraitsRepository();
    const calculator = new ProfileTraitsCalculator();
    const config = { SEGMENT_SWEEP_MS: 0, COMPUTED_TRAITS_RECOMPUTE_MS: 0 } as AppConfig;
    refresh = new ProfileRefreshService(dataSource, memberships, calculator);
    const recompute = new ComputedTraitsRecompute(dataSource, definitions, calculator, config);
    sweeper = new SegmentSweeper(dataSource, segments, memberships, recompute, config);
    await dataSource.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'races')`, [workspaceId]);
  });
  afterAll(() => dataSource?.destroy());

  async function buyer(): Promise<string> {
    const [{ id }] = await dataSource.query(`INSERT INTO profiles (workspace_id) VALUES ($1) RETURNING id`, [
      workspaceId,
    ]);
    return id;
  }
  const order = (profileId: string) =>
    dataSource.query(
      `INSERT INTO events (workspace_id, profile_id, name, properties, occurred_at) VALUES ($1, $2, 'order.completed', '{}', now())`,
      [workspaceId, profileId],
    );
  const changesOf = async (profileId: string) =>
    (
      await dataSource.query(
        `SELECT e.name, h.change FROM events e JOIN segment_membership_history h ON h.event_id = e.id
         WHERE e.profile_id = $1 ORDER BY e.id`,
        [profileId],
      )
    ).map((row: { name: string }) => row.name);

  it('stores one entry and one exit when many refreshes and sweeps run at once', async () => {
    const [{ id: segmentId }] = await dataSource.query(
      `INSERT INTO segments (workspace_id, name, rule, built_version) VALUES ($1, 'Buyers', $2, 1) RETURNING id`,
      [workspaceId, JSON.stringify({ type: 'event', event: 'order.completed', operator: 'gte', value: 1 })],
    );
    const profileId = await buyer();
    await order(profileId);
    const refreshes = () => Array.from({ length: 8 }, () => refresh.refresh(workspaceId, [profileId]));
    const entries = await Promise.all(refreshes());
    expect(entries.reduce((sum, c) => sum + c.entered, 0)).toBe(1);

    await dataSource.query(`DELETE FROM events WHERE profile_id = $1 AND name = 'order.completed'`, [
      profileId,
    ]);
    const sweeps = () => [sweeper.sweep(workspaceId, segmentId), sweeper.sweep(workspaceId, segmentId)];
    const exits = await Promise.all([...refreshes(), ...sweeps()]);
    expect(exits.reduce((sum, c) => sum + c.exited, 0)).toBe(1);
    expect(await changesOf(profileId)).toEqual(['segment.entered', 'segment.exited']);
    const [{ outbox }] = await dataSource.query(
      `SELECT count(*)::int AS outbox FROM event_outbox o JOIN events e ON e.id = o.event_id WHERE e.profile_id = $1`,
      [profileId],
    );
    expect(outbox).toBe(2);
  });

  it('lets erased and merged-away members leave at the sweep, without an event', async () => {
    const [{ id: segmentId }] = await dataSource.query(
      `INSERT INTO segments (workspace_id, name, rule, built_version) VALUES ($1, 'Anyone', $2, 1) RETURNING id`,
      [workspaceId, JSON.stringify({ type: 'trait', path: 'vip', operator: 'not_exists' })],
    );
    const [erased, merged, survivor] = [await buyer(), await buyer(), await buyer()];
    expect((await sweeper.sweep(workspaceId, segmentId)).entered).toBeGreaterThanOrEqual(3);
    await dataSource.query(`UPDATE profiles SET erased_at = now() WHERE id = $1`, [erased]);
    await dataSource.query(`UPDATE profiles SET merged_into = $2 WHERE id = $1`, [merged, survivor]);
    expect(await sweeper.sweep(workspaceId, segmentId)).toEqual({ entered: 0, exited: 2 });
    const history = await dataSource.query(
      `SELECT profile_id, reason, event_id FROM segment_membership_history
       WHERE segment_id = $1 AND change = 'exited' ORDER BY profile_id`,
      [segmentId],
    );
    expect(history).toEqual(
      [erased, merged].sort().map((id) => ({ profile_id: id, reason: 'profile_gone', event_id: null })),
    );
    expect(await changesOf(erased)).toEqual(['segment.entered']); // and no segment.exited
  });
});
