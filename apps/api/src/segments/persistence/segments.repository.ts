import { Injectable } from '@nestjs/common';
import { type SegmentRule } from '@parcours/domain';
import { type EntityManager } from 'typeorm';

export interface SegmentRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  version: number;
  /** The version whose membership is materialised; null until the first build. */
  builtVersion: number | null;
  builtAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, workspace_id AS "workspaceId", name, description, rule, version,
  built_version AS "builtVersion", built_at AS "builtAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The `segments` table (archived segments are invisible here). */
@Injectable()
export class SegmentsRepository {
  /** The workspace's active segments, by name. */
  active(db: EntityManager, workspaceId: string): Promise<SegmentRecord[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM segments WHERE workspace_id = $1 AND status = 'active' ORDER BY lower(name)`,
      [workspaceId],
    );
  }

  async find(db: EntityManager, workspaceId: string, id: string): Promise<SegmentRecord | undefined> {
    const [row]: SegmentRecord[] = await db.query(
      `SELECT ${COLUMNS} FROM segments WHERE workspace_id = $1 AND id = $2 AND status = 'active'`,
      [workspaceId, id],
    );
    return row;
  }

  /** Every workspace's active segments (the periodic sweep). */
  all(db: EntityManager): Promise<Pick<SegmentRecord, 'id' | 'workspaceId'>[]> {
    return db.query(
      `SELECT id, workspace_id AS "workspaceId" FROM segments WHERE status = 'active' ORDER BY created_at`,
    );
  }

  async insert(
    db: EntityManager,
    workspaceId: string,
    segment: { name: string; description: string | null; rule: SegmentRule },
  ): Promise<SegmentRecord> {
    const [row]: SegmentRecord[] = await db.query(
      `INSERT INTO segments (workspace_id, name, description, rule) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [workspaceId, segment.name, segment.description, JSON.stringify(segment.rule)],
    );
    return row;
  }

  /**
   * A new rule makes a new version; the name and description change in place. Rules are compared
   * as jsonb, which ignores the order of keys (the stored rule's is jsonb's, not the client's).
   */
  async update(
    db: EntityManager,
    current: SegmentRecord,
    change: { name?: string; description?: string | null; rule?: SegmentRule },
  ): Promise<SegmentRecord> {
    const [[row]]: [SegmentRecord[], number] = await db.query(
      `UPDATE segments SET name = $2, description = $3, rule = $4::jsonb,
                           version = version + CASE WHEN rule = $4::jsonb THEN 0 ELSE 1 END, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        current.id,
        change.name ?? current.name,
        change.description === undefined ? current.description : change.description,
        JSON.stringify(change.rule ?? current.rule),
      ],
    );
    return row;
  }

  async archive(db: EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE segments SET status = 'archived', updated_at = now() WHERE id = $1`, [id]);
    await db.query(`DELETE FROM segment_memberships WHERE segment_id = $1`, [id]);
  }

  async markBuilt(db: EntityManager, id: string, version: number): Promise<void> {
    await db.query(
      `UPDATE segments SET built_version = $2, built_at = now() WHERE id = $1 AND version = $2`,
      [id, version],
    );
  }

  async memberCount(db: EntityManager, id: string): Promise<number> {
    const [{ count }]: { count: number }[] = await db.query(
      `SELECT count(*)::int AS count FROM segment_memberships WHERE segment_id = $1`,
      [id],
    );
    return count;
  }
}
