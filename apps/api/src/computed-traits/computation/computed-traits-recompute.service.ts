import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { scaledMetrics, type TraitScales } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { SerialRunner } from '../../background/serial-runner';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LOCK_PROFILES_SQL } from '../../segments/persistence/segment-locks';
import {
  type ComputedTraitRecord,
  ComputedTraitsRepository,
} from '../persistence/computed-traits.repository';
import { ProfileTraitsCalculator } from './profile-traits.calculator';

/** Profiles computed per transaction. */
const BATCH = 1_000;
/** One full computation per workspace at a time, across API instances (session advisory lock). */
const RECOMPUTE_LOCK = 1939;

/**
 * Computes declared traits for a whole workspace: after a definition is created or changed, on
 * demand, and periodically (values relative to now, like recency, age; and a safety net for
 * updates an API that died never made). Then measures the base (quintiles, deciles: the scales)
 * and scores every value against it.
 */
@Injectable()
export class ComputedTraitsRecompute implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ComputedTraitsRecompute.name);
  private readonly listeners: ((workspaceId: string) => void)[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private readonly periodic = new SerialRunner(
    () => this.recomputeAll(),
    (error) => this.logger.error(`Listing the workspaces to compute failed: ${error.message}`),
  );
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: ComputedTraitsRepository,
    private readonly calculator: ProfileTraitsCalculator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.every(this.config.COMPUTED_TRAITS_RECOMPUTE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.periodic.stop();
    await Promise.all(this.running.values());
  }

  /** Called after a workspace's traits were all computed (segments then sweep their members). */
  onComputed(listener: (workspaceId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Starts a full computation of the workspace in the background (joins one already running). */
  request(workspaceId: string): Promise<void> {
    const current = this.running.get(workspaceId);
    if (current) return current;
    const run = this.recompute(workspaceId)
      .catch((error: Error) =>
        this.logger.error(`Computing traits of ${workspaceId} failed: ${error.message}`),
      )
      .finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
    return run;
  }

  private async recomputeAll(): Promise<void> {
    for (const { workspaceId } of await this.definitions.workspaces(this.dataSource.manager)) {
      if (this.stopped) return;
      await this.request(workspaceId);
    }
  }

  private async recompute(workspaceId: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`, [
        RECOMPUTE_LOCK,
        workspaceId,
      ]);
      if (!locked) return; // another instance is on it
      try {
        await this.recomputeLocked(workspaceId);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [RECOMPUTE_LOCK, workspaceId]);
      }
    } finally {
      await runner.release();
    }
  }

  private async recomputeLocked(workspaceId: string): Promise<void> {
    const started = Date.now();
    const now = new Date();
    const definitions = await this.definitions.list(this.dataSource.manager, workspaceId);
    if (definitions.length === 0) return;
    let changed = await this.eachBatch(workspaceId, (db, ids) =>
      this.calculator.compute(db, workspaceId, ids, definitions, now),
    );
    const scaled = definitions.filter((d) => scaledMetrics(d).length > 0);
    for (const definition of scaled) definition.scales = await this.measure(workspaceId, definition);
    if (scaled.length > 0) {
      changed += await this.eachBatch(workspaceId, (db, ids) =>
        this.calculator.rescore(db, workspaceId, ids, scaled),
      );
    }
    for (const definition of definitions) {
      await this.definitions.computed(
        this.dataSource.manager,
        definition.id,
        definition.version,
        definition.scales ?? {},
      );
    }
    this.logger.log(
      `Computed traits of workspace ${workspaceId}: ${changed} profile updates in ${Date.now() - started} ms`,
    );
    for (const listener of this.listeners) listener(workspaceId);
  }

  /** Runs `work` on every live profile of the workspace, a batch per transaction. */
  private async eachBatch(
    workspaceId: string,
    work: (db: EntityManager, ids: string[]) => Promise<number>,
  ): Promise<number> {
    let total = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    while (!this.stopped) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM profiles WHERE workspace_id = $1 AND id > $2 AND merged_into IS NULL AND erased_at IS NULL
         ORDER BY id LIMIT $3`,
        [workspaceId, after, BATCH],
      );
      if (rows.length === 0) break;
      const ids = rows.map((r) => r.id);
      total += await this.dataSource.transaction(async (db) => {
        await db.query(LOCK_PROFILES_SQL, [ids]);
        return work(db, ids);
      });
      after = ids[ids.length - 1];
    }
    return total;
  }

  /** The base's cut points for each scaled metric: quintiles, deciles… of its current values. */
  private async measure(workspaceId: string, definition: ComputedTraitRecord): Promise<TraitScales> {
    const scales: TraitScales = {};
    for (const { metric, buckets, higherIsBetter } of scaledMetrics(definition)) {
      const fractions = Array.from({ length: buckets - 1 }, (_, i) => (i + 1) / buckets);
      const [{ cuts }]: { cuts: number[] | null }[] = await this.dataSource.query(
        // From the worst value to the best: a cut point is beaten by the values past it.
        `SELECT percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY value ${higherIsBetter ? 'ASC' : 'DESC'}) AS cuts
         FROM (SELECT CASE WHEN jsonb_typeof(computed_traits -> $2 -> $3) = 'number'
                           THEN (computed_traits -> $2 -> $3)::float8 END AS value
               FROM profiles WHERE workspace_id = $4 AND merged_into IS NULL AND erased_at IS NULL
                 AND computed_traits ? $2) AS measured
         WHERE value IS NOT NULL`,
        [fractions, definition.key, metric, workspaceId],
      );
      if (cuts !== null) scales[metric] = cuts;
    }
    return scales;
  }
}
