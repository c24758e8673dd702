import { Injectable } from '@nestjs/common';
import { type Identity, KNOWN_IDENTITY_KINDS, normalizeIdentity } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { type MergeOutcome, type MergeReason, MergeProfilesService } from './merge-profiles.service';

export interface ResolvedProfile {
  profileId: string;
  created: boolean;
  merges: MergeOutcome[];
}

interface Owner {
  kind: string;
  value: string;
  profile_id: string;
  known: boolean;
  created_at: Date;
}

/**
 * Finds the one profile a call is about from the identities it carries, creating or merging as
 * needed, inside the caller's transaction.
 *
 * Rules: a profile holds at most one `user_id`. Anonymous profiles (no `user_id`) merge into the
 * profile the call resolves to; two known profiles are never merged automatically (that takes an
 * explicit merge), so an identity already held by another known customer stays where it is.
 */
@Injectable()
export class ProfileResolver {
  constructor(private readonly merges: MergeProfilesService) {}

  async resolve(
    manager: EntityManager,
    workspaceId: string,
    identities: Identity[],
    reason: MergeReason = 'identify',
  ): Promise<ResolvedProfile> {
    const wanted = dedupe(identities.map(normalizeIdentity));
    if (wanted.length === 0) throw new Error('A profile is resolved from at least one identity');
    await this.lockIdentities(manager, workspaceId, wanted);
    const owners: Owner[] = await manager.query(
      `SELECT i.kind, i.value, i.profile_id, p.created_at,
              EXISTS (SELECT 1 FROM profile_identities k WHERE k.profile_id = i.profile_id AND k.kind = ANY($4)) AS known
       FROM profile_identities i JOIN profiles p ON p.id = i.profile_id
       WHERE i.workspace_id = $1 AND (i.kind, i.value) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [workspaceId, wanted.map((i) => i.kind), wanted.map((i) => i.value), KNOWN_IDENTITY_KINDS],
    );

    const userId = wanted.find((i) => i.kind === 'user_id');
    const candidates = [...new Map(owners.map((o) => [o.profile_id, o])).values()].sort(
      (a, b) => a.created_at.getTime() - b.created_at.getTime(),
    );
    const userIdOwner = userId && owners.find((o) => o.kind === 'user_id' && o.value === userId.value);
    const survivor =
      userIdOwner ??
      (userId ? candidates.find((c) => !c.known) : (candidates.find((c) => c.known) ?? candidates[0]));

    let profileId: string;
    let created = false;
    if (survivor) {
      profileId = survivor.profile_id;
    } else {
      [{ id: profileId }] = await manager.query(
        `INSERT INTO profiles (workspace_id, external_id) VALUES ($1, $2) RETURNING id`,
        [workspaceId, userId?.value ?? null],
      );
      created = true;
    }
    const survivorKnown = Boolean(userId) || Boolean(survivor?.known);

    const merges: MergeOutcome[] = [];
    for (const candidate of candidates) {
      if (candidate.profile_id === profileId || (candidate.known && survivorKnown)) continue;
      merges.push(await this.merges.merge(manager, workspaceId, profileId, candidate.profile_id, reason));
    }
    await manager.query(
      `INSERT INTO profile_identities (workspace_id, kind, value, profile_id)
       SELECT $1, kind, value, $4 FROM unnest($2::text[], $3::text[]) AS t(kind, value)
       ON CONFLICT (workspace_id, kind, value) DO NOTHING`,
      [workspaceId, wanted.map((i) => i.kind), wanted.map((i) => i.value), profileId],
    );
    if (userId) {
      await manager.query(`UPDATE profiles SET external_id = $2 WHERE id = $1 AND external_id IS NULL`, [
        profileId,
        userId.value,
      ]);
    }
    return { profileId, created, merges };
  }

  /**
   * Serialises concurrent resolutions of the same identities until the transaction ends, so two
   * calls about one new customer cannot create two profiles. A transaction resolving several calls
   * (a batch) must lock all their identities here first: taking them in one sorted pass is what
   * keeps two such transactions from deadlocking. Locks already held are re-entrant.
   */
  async lockIdentities(manager: EntityManager, workspaceId: string, identities: Identity[]): Promise<void> {
    const keys = identities.map(normalizeIdentity).map((i) => JSON.stringify([workspaceId, i.kind, i.value]));
    // Ordered by the lock number itself: a global order is what rules deadlocks out.
    await manager.query(
      `SELECT pg_advisory_xact_lock(h) FROM (
         SELECT DISTINCT hashtextextended(key, 0) AS h FROM unnest($1::text[]) AS key ORDER BY 1) AS locks`,
      [keys],
    );
  }
}

function dedupe(identities: Identity[]): Identity[] {
  return [...new Map(identities.map((i) => [JSON.stringify([i.kind, i.value]), i])).values()];
}
