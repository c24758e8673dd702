import { Injectable } from '@nestjs/common';
import { type ConsentChannel, type ConsentRecord, type Identity } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { ProfileResolver } from '../../profiles/identity/profile-resolver.service';
import { uuidV7 } from '../../database/uuid-v7';

/**
 * A live profile a batch is about, locked for the rest of the batch's transaction. Its columns
 * are read only when the batch writes profiles (lock mode `update`).
 */
export interface ExistingTarget {
  externalId: string | null;
  email?: string | null;
  phone?: string | null;
  traits?: Record<string, unknown>;
  consents?: Partial<Record<ConsentChannel, ConsentRecord>>;
}

export interface BatchPlan {
  /** Per row, its profile; `null` when the row's identities point at several profiles (see below). */
  targets: (string | null)[];
  /** Every live profile holding one of the batch's identities. */
  existing: Map<string, ExistingTarget>;
  /** Profiles to create, with the user id they are created for (if any). */
  created: Map<string, { externalId: string | null }>;
  /** Existing anonymous profiles that become a known customer in this batch. */
  identified: Map<string, string>;
  /** Identities not held by anyone yet, and the profile that takes them. */
  identities: { kind: string; value: string; profileId: string }[];
}

/** The columns a new profile is created with (traits already merged in row order). */
export interface NewProfileData {
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
  consents: Partial<Record<ConsentChannel, ConsentRecord>>;
}

interface Owner {
  kind: string;
  value: string;
  profile_id: string;
}

const keyOf = (i: Identity) => `${i.kind}\u0000${i.value}`;

/**
 * Identity resolution for a whole batch of rows in a few set-based statements, following the
 * same rules as `ProfileResolver` (a profile holds at most one user_id; known customers are never
 * merged automatically) and its lock protocol (`lockIdentities`, every identity of the batch first),
 * so live ingestion running at the same time never creates a second profile for the same identity.
 *
 * Rows whose identities lead to more than one profile (a merge, or a conflict between known
 * customers) are left unplanned (`null`): the caller passes them to `ProfileResolver` one by one.
 */
@Injectable()
export class BatchProfileResolver {
  constructor(private readonly resolver: ProfileResolver) {}

  async plan(
    manager: EntityManager,
    workspaceId: string,
    rows: { identities: Identity[] }[],
    lock: 'update' | 'share',
  ): Promise<BatchPlan> {
    const wanted = new Map<string, Identity>();
    for (const row of rows) for (const identity of row.identities) wanted.set(keyOf(identity), identity);
    // The resolver's locks, all of the batch's identities in one ordered pass (its protocol for
    // batches): live ingestion about these customers waits for this batch, nobody creates one of
    // these identities under it, and batches never deadlock one another.
    await this.resolver.lockIdentities(manager, workspaceId, [...wanted.values()]);
    const holder = new Map<string, string>();
    for (const owner of await this.lookup(manager, workspaceId, [...wanted.values()])) {
      holder.set(keyOf(owner), owner.profile_id);
    }
    // Their profiles, locked until commit so a merge cannot move them under this batch.
    const existing = new Map<string, ExistingTarget>();
    const ownerIds = [...new Set(holder.values())];
    if (ownerIds.length > 0) {
      const live: (ExistingTarget & { id: string })[] = await manager.query(
        `SELECT id, external_id AS "externalId"${lock === 'update' ? ', email, phone, traits, consents' : ''}
         FROM profiles WHERE id = ANY($1::uuid[]) AND merged_into IS NULL AND erased_at IS NULL
         ORDER BY id ${lock === 'update' ? 'FOR NO KEY UPDATE' : 'FOR KEY SHARE'}`,
        [ownerIds],
      );
      for (const { id, ...target } of live) existing.set(id, target);
    }

    const userIdOf = new Map<string, string | null>();
    for (const [id, target] of existing) userIdOf.set(id, target.externalId);
    const plan: BatchPlan = {
      targets: [],
      existing,
      created: new Map(),
      identified: new Map(),
      identities: [],
    };
    for (const row of rows) {
      const keys = row.identities.map(keyOf);
      const held = new Set(keys.map((k) => holder.get(k)).filter((p): p is string => p !== undefined));
      const userId = row.identities.find((i) => i.kind === 'user_id')?.value;
      let target = held.size === 1 ? [...held][0] : undefined;
      const targetUserId = target && userIdOf.get(target);
      // Several profiles (a merge to make), a profile gone since (merged, erased), or a known
      // customer meeting another user id: the resolver's rules, one row at a time.
      if (
        held.size > 1 ||
        (target && !userIdOf.has(target)) ||
        (userId && targetUserId && targetUserId !== userId)
      ) {
        plan.targets.push(null);
        continue;
      }
      if (!target) {
        target = uuidV7();
        plan.created.set(target, { externalId: userId ?? null });
        userIdOf.set(target, userId ?? null);
      } else if (userId && !targetUserId) {
        // An anonymous profile identifies: it becomes this customer, as the resolver would do.
        userIdOf.set(target, userId);
        const created = plan.created.get(target);
        if (created) created.externalId = userId;
        else plan.identified.set(target, userId);
      }
      for (const [index, key] of keys.entries()) {
        if (holder.has(key)) continue;
        holder.set(key, target);
        plan.identities.push({ ...row.identities[index], profileId: target });
      }
      plan.targets.push(target);
    }
    return plan;
  }

  /** Creates the planned profiles (one statement), then attaches identities and user ids. */
  async apply(
    manager: EntityManager,
    workspaceId: string,
    plan: BatchPlan,
    data: (profileId: string) => NewProfileData | undefined = () => undefined,
  ): Promise<void> {
    if (plan.created.size > 0) {
      const ids = [...plan.created.keys()];
      const rows = ids.map((id) => data(id));
      await manager.query(
        `INSERT INTO profiles (id, workspace_id, external_id, email, phone, traits, consents)
         SELECT id, $1, external_id, email, phone, COALESCE(traits, '{}'), COALESCE(consents, '{}')
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
           AS t(id, external_id, email, phone, traits, consents)`,
        [
          workspaceId,
          ids,
          ids.map((id) => plan.created.get(id)!.externalId),
          rows.map((r) => r?.email ?? null),
          rows.map((r) => r?.phone ?? null),
          rows.map((r) => (r ? JSON.stringify(r.traits) : null)),
          rows.map((r) => (r ? JSON.stringify(r.consents) : null)),
        ],
      );
    }
    if (plan.identified.size > 0) {
      await manager.query(
        `UPDATE profiles p SET external_id = t.external_id, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS t(id, external_id)
         WHERE p.id = t.id AND p.external_id IS NULL`,
        [[...plan.identified.keys()], [...plan.identified.values()]],
      );
    }
    if (plan.identities.length > 0) {
      await manager.query(
        `INSERT INTO profile_identities (workspace_id, kind, value, profile_id)
         SELECT $1, kind, value, profile_id FROM unnest($2::text[], $3::text[], $4::uuid[]) AS t(kind, value, profile_id)`,
        [
          workspaceId,
          plan.identities.map((i) => i.kind),
          plan.identities.map((i) => i.value),
          plan.identities.map((i) => i.profileId),
        ],
      );
    }
  }

  /**
   * One index probe per identity, whatever the statistics say: a plain join may be planned as a
   * hash join over every identity of the workspace (it was, 60 ms a batch, on a fresh table).
   * `LIMIT 1` keeps the planner from flattening the lateral subquery back into such a join.
   */
  private lookup(manager: EntityManager, workspaceId: string, identities: Identity[]): Promise<Owner[]> {
    return manager.query(
      `SELECT w.kind, w.value, i.profile_id
       FROM unnest($2::text[], $3::text[]) AS w(kind, value)
       CROSS JOIN LATERAL (
         SELECT profile_id FROM profile_identities
         WHERE workspace_id = $1 AND kind = w.kind AND value = w.value LIMIT 1) AS i`,
      [workspaceId, identities.map((i) => i.kind), identities.map((i) => i.value)],
    );
  }
}
