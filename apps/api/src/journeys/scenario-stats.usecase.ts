import { Injectable, NotFoundException } from '@nestjs/common';
import { emptyNodeStats, type NodeStats, type ScenarioStats } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';

/**
 * Per-node counts of a scenario, for one version or all, over a time range: a handful of grouped
 * queries on indexed columns (journey_steps by scenario and time, journeys by scenario), cheap
 * enough for the canvas to refresh every few seconds.
 */
@Injectable()
export class ScenarioStatsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    workspaceId: string,
    scenarioId: string,
    range: { version?: number; from: Date; to: Date },
  ): Promise<ScenarioStats> {
    const [scenario] = await this.dataSource.query(
      `SELECT s.id, v.id AS version_id FROM scenarios s
       LEFT JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = $3
       WHERE s.id = $1 AND s.workspace_id = $2`,
      [scenarioId, workspaceId, range.version ?? null],
    );
    if (!scenario || (range.version !== undefined && !scenario.version_id)) {
      throw new NotFoundException(
        `Scenario ${scenarioId}${range.version ? ` version ${range.version}` : ''} not found`,
      );
    }
    const params = [scenarioId, scenario.version_id ?? null, range.from, range.to];
    const inVersion = `($2::uuid IS NULL OR scenario_version_id = $2)`;
    const nodes: Record<string, NodeStats> = {};
    const node = (id: string | null) => (nodes[id ?? '?'] ??= emptyNodeStats());

    const steps: {
      node_id: string;
      outcome: string;
      visits: number;
      finished: number;
      converted_revenue: string | null;
    }[] = await this.dataSource.query(
      `SELECT node_id, outcome, count(*)::int AS visits, count(finished_at)::int AS finished,
                sum((detail->>'revenue')::numeric) FILTER (WHERE outcome = 'converted') AS converted_revenue
         FROM journey_steps
         WHERE scenario_id = $1 AND ${inVersion} AND at >= $3 AND at < $4
         GROUP BY node_id, outcome`,
      params,
    );
    for (const row of steps) {
      const stats = node(row.node_id);
      stats.entered += row.visits;
      stats.passed += row.finished;
      stats.outcomes[row.outcome] = row.visits;
      if (row.outcome === 'converted') {
        stats.conversions += row.visits;
        stats.revenue += Number(row.converted_revenue ?? 0);
      }
    }

    const journeys: {
      node: string | null;
      status: string;
      reason: string | null;
      n: number;
      entered: number;
    }[] = await this.dataSource.query(
      `SELECT current_node_id AS node, status, exit_reason AS reason,
                count(*) FILTER (WHERE status IN ('pending', 'running') OR ended_at >= $3 AND ended_at < $4)::int AS n,
                count(*) FILTER (WHERE entered_at >= $3 AND entered_at < $4)::int AS entered
         FROM journeys WHERE scenario_id = $1 AND ${inVersion}
           AND (status IN ('pending', 'running') OR ended_at >= $3 OR entered_at >= $3)
         GROUP BY 1, 2, 3`,
      params,
    );
    const totals = { entered: 0, active: 0, completed: 0, exited: 0 };
    for (const row of journeys) {
      totals.entered += row.entered;
      if (row.status === 'pending' || row.status === 'running') {
        totals.active += row.n;
        node(row.node).current += row.n;
      } else {
        if (row.status === 'completed') totals.completed += row.n;
        else totals.exited += row.n;
        const reason = row.status === 'completed' ? 'completed' : (row.reason ?? row.status);
        node(row.node).ended[reason] = (node(row.node).ended[reason] ?? 0) + row.n;
      }
    }

    const messages: {
      node_id: string;
      status: string;
      n: number;
      delivered: number;
      opened: number;
      clicked: number;
      unsubscribed: number;
      bounced: number;
      complained: number;
    }[] = await this.dataSource.query(
      `SELECT l.node_id, l.status, count(*)::int AS n,
                count(*) FILTER (WHERE f.delivered OR f.opened OR f.clicked)::int AS delivered,
                count(*) FILTER (WHERE f.opened OR f.clicked)::int AS opened,
                count(*) FILTER (WHERE f.clicked)::int AS clicked,
                count(*) FILTER (WHERE f.unsubscribed)::int AS unsubscribed,
                count(*) FILTER (WHERE f.bounced)::int AS bounced,
                count(*) FILTER (WHERE f.complained)::int AS complained
         FROM message_ledger l JOIN journeys j ON j.id = l.journey_id
         CROSS JOIN LATERAL (
           SELECT bool_or(e.name = 'message.delivered') AS delivered, bool_or(e.name = 'message.opened') AS opened,
                  bool_or(e.name = 'message.clicked') AS clicked, bool_or(e.name = 'message.unsubscribed') AS unsubscribed,
                  bool_or(e.name = 'message.bounced') AS bounced, bool_or(e.name = 'message.complained') AS complained
           FROM events e WHERE e.profile_id = l.profile_id
             AND e.name IN ('message.delivered', 'message.opened', 'message.clicked', 'message.unsubscribed',
                            'message.bounced', 'message.complained')
             AND e.properties->>'messageId' = l.id::text) f
         WHERE j.scenario_id = $1 AND ($2::uuid IS NULL OR j.scenario_version_id = $2)
           AND l.created_at >= $3 AND l.created_at < $4
         GROUP BY l.node_id, l.status`,
      params,
    );
    for (const row of messages) {
      const stats = node(row.node_id).messages;
      if (row.status === 'sent') stats.sent += row.n;
      else if (row.status === 'failed') stats.failed += row.n;
      else if (row.status === 'skipped') stats.skipped += row.n;
      stats.delivered += row.delivered;
      stats.opened += row.opened;
      stats.clicked += row.clicked;
      stats.unsubscribed += row.unsubscribed;
      stats.bounced += row.bounced;
      stats.complained += row.complained;
    }

    return {
      scenarioId,
      version: range.version ?? null,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      journeys: totals,
      nodes,
    };
  }
}
