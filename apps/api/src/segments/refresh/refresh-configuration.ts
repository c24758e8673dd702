import { type SegmentRule } from '@parcours/domain';
import { type EntityManager } from 'typeorm';
import { type TraitDefinition } from '../../computed-traits/computation/profile-traits.calculator';
import { type SegmentRecord } from '../persistence/segments.repository';

export type RefreshedSegment = Pick<SegmentRecord, 'id' | 'version' | 'builtVersion'> & { rule: SegmentRule };

/** What a refresh works from, read in one round trip: the active segments and the computed traits. */
export async function refreshConfiguration(
  db: EntityManager,
  workspaceId: string,
): Promise<{ segments: RefreshedSegment[]; definitions: TraitDefinition[] }> {
  const [row]: { segments: RefreshedSegment[] | null; definitions: TraitDefinition[] | null }[] =
    await db.query(
      `SELECT
       (SELECT json_agg(json_build_object('id', id, 'rule', rule, 'version', version, 'builtVersion', built_version))
        FROM segments WHERE workspace_id = $1 AND status = 'active') AS segments,
       (SELECT json_agg(json_build_object('key', key, 'kind', kind, 'config', config, 'scales', scales) ORDER BY key)
        FROM computed_trait_definitions WHERE workspace_id = $1) AS definitions`,
      [workspaceId],
    );
  return { segments: row.segments ?? [], definitions: row.definitions ?? [] };
}
