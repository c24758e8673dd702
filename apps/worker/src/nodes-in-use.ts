import { type NodeRegistry } from '@parcours/domain';
import { type Pool } from 'pg';

/** A node type + version that published scenarios run and this worker's registry lacks. */
export interface MissingNode {
  type: string;
  version: number;
  /** `name (version n)` of the scenario versions using it. */
  usedBy: string[];
}

/**
 * Executed node types (conditions, actions) of the versions journeys may still reach: each live
 * or paused scenario's current version, and every version with a journey in flight.
 */
export async function missingNodesInUse(pool: Pool, registry: NodeRegistry): Promise<MissingNode[]> {
  const { rows } = await pool.query<{ type: string; type_version: number; used_by: string[] }>(
    `SELECT step->>'type' AS type, (step->>'typeVersion')::int AS type_version,
            array_agg(DISTINCT s.name || ' (version ' || v.version || ')') AS used_by
       FROM scenario_versions v
       JOIN scenarios s ON s.id = v.scenario_id
       CROSS JOIN LATERAL jsonb_each(v.definition->'steps') AS steps(id, step)
      WHERE step->>'kind' IN ('condition', 'action')
        AND ((s.status IN ('live', 'paused') AND v.version = s.current_version)
             OR EXISTS (SELECT 1 FROM journeys j
                         WHERE j.scenario_version_id = v.id AND j.status IN ('pending', 'running')))
      GROUP BY 1, 2
      ORDER BY 1, 2`,
  );
  return rows
    .filter((row) => !registry.get(row.type, row.type_version)?.execute)
    .map((row) => ({ type: row.type, version: row.type_version, usedBy: row.used_by }));
}

/** What the operator reads when the worker refuses to start. */
export function missingNodesMessage(missing: MissingNode[], packages: string): string {
  const lines = missing.map(
    (node) => `  - ${node.type} version ${node.version}, used by ${node.usedBy.slice(0, 5).join(', ')}`,
  );
  return [
    'This worker cannot run node types that published scenarios use:',
    ...lines,
    `Add the node packages that provide them to PARCOURS_NODE_PACKAGES (now: '${packages}'), ` +
      'or stop and archive those scenarios once their journeys have ended. Not starting.',
  ].join('\n');
}
