import { Injectable } from '@nestjs/common';
import { type ConsentChannel, type ConsentRecord } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { ProfileResolver } from '../../profiles/identity/profile-resolver.service';
import { ProfileWriter } from '../../profiles/profile-writer.service';
import { type ProfileRow } from '../mapping/map-row';
import { BatchProfileResolver, type ExistingTarget, type NewProfileData } from './batch-profile-resolver';
import { sameJson } from './same-json';

interface Change extends NewProfileData {
  /** Per channel, the status as this batch leaves it (to record only real changes). */
  status: Partial<Record<ConsentChannel, string>>;
}

interface ConsentEvent {
  profileId: string;
  channel: ConsentChannel;
  status: 'granted' | 'revoked';
}

/**
 * Writes a batch of profile rows: identities resolved set-based, traits merged key by key (as the
 * API does), consent decisions recorded in the history only when they change something, so
 * importing the same file twice leaves every table as the first run did.
 */
@Injectable()
export class ProfileBatchWriter {
  constructor(
    private readonly batchResolver: BatchProfileResolver,
    private readonly resolver: ProfileResolver,
    private readonly writer: ProfileWriter,
  ) {}

  /**
   * `locked` is called once the batch holds every lock it will need (right after planning, unless
   * some rows go through the resolver, which may merge: then only at the end).
   */
  async write(
    manager: EntityManager,
    workspaceId: string,
    jobId: string,
    rows: ProfileRow[],
    locked: () => void = () => undefined,
  ): Promise<void> {
    if (rows.length === 0) return;
    const source = `import:${jobId}`;
    const at = new Date().toISOString();
    const plan = await this.batchResolver.plan(manager, workspaceId, rows, 'update');
    if (!plan.targets.includes(null)) locked();

    const changes = new Map<string, Change>();
    const history: ConsentEvent[] = [];
    for (const [index, row] of rows.entries()) {
      const profileId = plan.targets[index];
      if (!profileId) continue;
      let change = changes.get(profileId);
      if (!change) {
        const existing = plan.existing.get(profileId);
        change = {
          email: null,
          phone: null,
          traits: {},
          consents: {},
          status: Object.fromEntries(
            Object.entries(existing?.consents ?? {}).map(([channel, record]) => [channel, record.status]),
          ),
        };
        changes.set(profileId, change);
      }
      Object.assign(change.traits, row.traits);
      if (typeof row.traits.email === 'string') change.email = row.traits.email;
      if (typeof row.traits.phone === 'string') change.phone = row.traits.phone;
      for (const [channel, status] of Object.entries(row.consents) as [
        ConsentChannel,
        ConsentRecord['status'],
      ][]) {
        if (change.status[channel] === status) continue;
        change.status[channel] = status;
        change.consents[channel] = { status, source, at };
        history.push({ profileId, channel, status });
      }
    }

    await this.batchResolver.apply(manager, workspaceId, plan, (id) => changes.get(id));
    await this.updateExisting(manager, plan.existing, changes);
    if (history.length > 0) {
      await manager.query(
        `INSERT INTO consent_history (workspace_id, profile_id, channel, status, source, at)
         SELECT $1, profile_id, channel, status, $5, $6 FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(profile_id, channel, status)`,
        [
          workspaceId,
          history.map((h) => h.profileId),
          history.map((h) => h.channel),
          history.map((h) => h.status),
          source,
          at,
        ],
      );
    }

    // The rare rows that bring profiles together go through the resolver's merge rules.
    for (const [index, row] of rows.entries()) {
      if (plan.targets[index]) continue;
      const { profileId } = await this.resolver.resolve(manager, workspaceId, row.identities);
      const [{ consents }]: { consents: Partial<Record<ConsentChannel, ConsentRecord>> }[] =
        await manager.query(`SELECT consents FROM profiles WHERE id = $1`, [profileId]);
      const newConsents = Object.fromEntries(
        Object.entries(row.consents)
          .filter(([channel, status]) => consents[channel as ConsentChannel]?.status !== status)
          .map(([channel, status]) => [channel, { status, source }]),
      );
      await this.writer.apply(manager, workspaceId, profileId, { traits: row.traits, consents: newConsents });
    }
  }

  /** One statement for every existing profile the batch really changes. */
  private async updateExisting(
    manager: EntityManager,
    existing: Map<string, ExistingTarget>,
    changes: Map<string, Change>,
  ): Promise<void> {
    const updates = [...existing.entries()]
      .map(([id, current]) => ({ id, current, change: changes.get(id) }))
      .filter(
        (u): u is { id: string; current: ExistingTarget; change: Change } =>
          u.change !== undefined &&
          (Object.keys(u.change.consents).length > 0 ||
            (u.change.email !== null && u.change.email !== u.current.email) ||
            (u.change.phone !== null && u.change.phone !== u.current.phone) ||
            Object.entries(u.change.traits).some(
              ([key, value]) => !sameJson(u.current.traits?.[key], value),
            )),
      );
    if (updates.length === 0) return;
    await manager.query(
      `UPDATE profiles p SET traits = p.traits || t.traits, email = COALESCE(t.email, p.email),
              phone = COALESCE(t.phone, p.phone), consents = p.consents || t.consents, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) AS t(id, email, phone, traits, consents)
       WHERE p.id = t.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.change.email),
        updates.map((u) => u.change.phone),
        updates.map((u) => JSON.stringify(u.change.traits)),
        updates.map((u) => JSON.stringify(u.change.consents)),
      ],
    );
  }
}
