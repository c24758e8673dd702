import { Injectable } from '@nestjs/common';
import { type ComputedTraitDefinition, type ComputedTraitKindName, type TraitScales } from '@parcours/domain';
import { type EntityManager } from 'typeorm';

export interface ComputedTraitRecord extends ComputedTraitDefinition {
  id: string;
  workspaceId: string;
  kind: ComputedTraitKindName;
  version: number;
  scales: TraitScales | null;
  computedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, workspace_id AS "workspaceId", key, kind, config, version, scales,
  computed_at AS "computedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The `computed_trait_definitions` table. */
@Injectable()
export class ComputedTraitsRepository {
  list(db: EntityManager, workspaceId: string): Promise<ComputedTraitRecord[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM computed_trait_definitions WHERE workspace_id = $1 ORDER BY key`,
      [workspaceId],
    );
  }

  async find(db: EntityManager, workspaceId: string, key: string): Promise<ComputedTraitRecord | undefined> {
    const [row]: ComputedTraitRecord[] = await db.query(
      `SELECT ${COLUMNS} FROM computed_trait_definitions WHERE workspace_id = $1 AND key = $2`,
      [workspaceId, key],
    );
    return row;
  }

  workspaces(db: EntityManager): Promise<{ workspaceId: string }[]> {
    return db.query(`SELECT DISTINCT workspace_id AS "workspaceId" FROM computed_trait_definitions`);
  }

  async insert(
    db: EntityManager,
    workspaceId: string,
    definition: ComputedTraitDefinition,
  ): Promise<ComputedTraitRecord> {
    const [row]: ComputedTraitRecord[] = await db.query(
      `INSERT INTO computed_trait_definitions (workspace_id, key, kind, config) VALUES ($1, $2, $3, $4)
       RETURNING ${COLUMNS}`,
      [workspaceId, definition.key, definition.kind, JSON.stringify(definition.config)],
    );
    return row;
  }

  /** A new kind or config is a new version; its old scales no longer apply. */
  async update(
    db: EntityManager,
    id: string,
    definition: Omit<ComputedTraitDefinition, 'key'>,
  ): Promise<ComputedTraitRecord> {
    const [[row]]: [ComputedTraitRecord[], number] = await db.query(
      `UPDATE computed_trait_definitions SET kind = $2, config = $3, version = version + 1, scales = NULL,
              updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, definition.kind, JSON.stringify(definition.config)],
    );
    return row;
  }

  async delete(db: EntityManager, id: string): Promise<void> {
    await db.query(`DELETE FROM computed_trait_definitions WHERE id = $1`, [id]);
  }

  /** After a full computation: the base's cut points, and when (only for the version computed). */
  async computed(db: EntityManager, id: string, version: number, scales: TraitScales): Promise<void> {
    await db.query(
      `UPDATE computed_trait_definitions SET scales = $3, computed_at = now() WHERE id = $1 AND version = $2`,
      [id, version, JSON.stringify(scales)],
    );
  }
}
