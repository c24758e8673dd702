import { Injectable } from '@nestjs/common';
import { type ScenarioGraphInput, templateUsesOf, type ValidationIssue } from '@parcours/domain';
import { type EntityManager } from 'typeorm';

/**
 * Publishing pins templates: each send node naming a template gets the version it will send
 * (the latest, unless the draft names one), so later edits of the template never change what a
 * published version sends. A template that is missing, archived, of another channel or without
 * that version is a problem of the node, reported like the graph's own.
 */
@Injectable()
export class TemplatePins {
  async pin(
    manager: EntityManager,
    workspaceId: string,
    graph: ScenarioGraphInput,
  ): Promise<{ graph: ScenarioGraphInput; issues: ValidationIssue[] }> {
    const uses = templateUsesOf(graph.nodes);
    if (uses.length === 0) return { graph, issues: [] };
    const rows: {
      id: string;
      channel: string;
      latest_version: number;
      archived: boolean;
      versions: number[];
    }[] = await manager.query(
      `SELECT t.id, t.channel, t.latest_version, t.archived_at IS NOT NULL AS archived,
                array(SELECT version FROM message_template_versions v WHERE v.template_id = t.id) AS versions
         FROM message_templates t WHERE t.workspace_id = $1 AND t.id = ANY($2::uuid[])`,
      [workspaceId, [...new Set(uses.map((use) => use.reference.id))]],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const issues: ValidationIssue[] = [];
    const nodes = graph.nodes.map((node) => ({ ...node }));
    for (const use of uses) {
      const template = byId.get(use.reference.id);
      const problem = !template
        ? `Template ${use.reference.id} does not exist`
        : template.archived && use.reference.version === undefined
          ? `Template ${use.reference.id} is archived`
          : template.channel !== use.channel
            ? `Template ${use.reference.id} is a ${template.channel} template, not ${use.channel}`
            : use.reference.version !== undefined && !template.versions.includes(use.reference.version)
              ? `Template ${use.reference.id} has no version ${use.reference.version}`
              : null;
      if (problem) {
        issues.push({
          nodeId: use.nodeId,
          path: ['nodes', use.index, 'config', 'template', 'id'],
          code: 'invalid_config',
          message: problem,
        });
        continue;
      }
      const config = nodes[use.index].config as Record<string, unknown>;
      nodes[use.index].config = {
        ...config,
        template: { id: use.reference.id, version: use.reference.version ?? template!.latest_version },
      };
    }
    return { graph: { ...graph, nodes }, issues };
  }
}
