import { Injectable } from '@nestjs/common';
import { type ProfileSnapshot } from '@parcours/domain';
import { DataSource } from 'typeorm';

/** Profiles as journey steps and templates see them (a merged-away id resolves to its survivor). */
@Injectable()
export class ProfileSnapshots {
  constructor(private readonly dataSource: DataSource) {}

  async find(workspaceId: string, profileId: string): Promise<ProfileSnapshot | null> {
    const [profile]: ProfileSnapshot[] = await this.dataSource.query(
      `SELECT p.id, p.external_id AS "userId", p.email, p.phone, p.traits->>'timezone' AS timezone, p.traits,
              p.computed_traits AS computed, p.consents
       FROM profiles m JOIN profiles p ON p.id = COALESCE(m.merged_into, m.id)
       WHERE m.id = $1 AND m.workspace_id = $2 AND p.erased_at IS NULL`,
      [profileId, workspaceId],
    );
    return profile ?? null;
  }
}
