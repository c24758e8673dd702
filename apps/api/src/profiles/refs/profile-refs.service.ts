import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type ProfileRef } from './profile-ref';

export type Queryable = Pick<EntityManager, 'query'>;

export interface ResolvedRef {
  /** The live profile the reference leads to. */
  profileId: string;
  /**
   * The merged-away profile the reference named, when it named one: by `id:`, or by an identity
   * that came to this profile in a merge (e.g. the userId of a customer merged into another).
   */
  mergedFrom: string | null;
}

interface RefRow {
  id: string;
  merged_into: string | null;
  erased: boolean;
  survivor_erased: boolean;
  merged_from: string | null;
}

/** Turns a route's profile reference into a profile id, inside the caller's transaction if any. */
@Injectable()
export class ProfileRefs {
  /** For reads and erasure: a merged-away profile leads to its survivor; erased or unknown → 404. */
  async resolve(db: Queryable, workspaceId: string, ref: ProfileRef): Promise<ResolvedRef> {
    const row = await this.find(db, workspaceId, ref);
    const erased = row?.merged_into ? row.survivor_erased : row?.erased;
    if (!row || erased) throw new NotFoundException(`Profile ${ref.raw} not found`);
    return this.resolved(row);
  }

  /** For merges, which need a live profile: a merged-away or erased one is a conflict, not a lead. */
  async resolveLive(db: Queryable, workspaceId: string, ref: ProfileRef): Promise<ResolvedRef> {
    const row = await this.find(db, workspaceId, ref);
    if (!row) throw new NotFoundException(`Profile ${ref.raw} not found`);
    if (row.merged_into) {
      throw new ConflictException(`Profile ${ref.raw} was already merged into profile ${row.merged_into}`);
    }
    if (row.erased) throw new ConflictException(`Profile ${ref.raw} was erased`);
    return this.resolved(row);
  }

  private resolved(row: RefRow): ResolvedRef {
    return row.merged_into
      ? { profileId: row.merged_into, mergedFrom: row.id }
      : { profileId: row.id, mergedFrom: row.merged_from };
  }

  private async find(db: Queryable, workspaceId: string, ref: ProfileRef): Promise<RefRow | undefined> {
    const columns = `p.id, p.merged_into, p.erased_at IS NOT NULL AS erased,
                     s.erased_at IS NOT NULL AS survivor_erased`;
    const rows: RefRow[] =
      ref.by === 'id'
        ? await db.query(
            `SELECT ${columns}, NULL::uuid AS merged_from
             FROM profiles p LEFT JOIN profiles s ON s.id = p.merged_into
             WHERE p.workspace_id = $1 AND p.id = $2`,
            [workspaceId, ref.id],
          )
        : await db.query(
            `SELECT ${columns}, i.merged_from
             FROM profile_identities i JOIN profiles p ON p.id = i.profile_id
             LEFT JOIN profiles s ON s.id = p.merged_into
             WHERE i.workspace_id = $1 AND i.kind = $2 AND i.value = $3`,
            [workspaceId, ref.kind, ref.value],
          );
    return rows[0];
  }
}
