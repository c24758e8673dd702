import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { compileSegmentAudience, SqlParameters } from '@parcours/domain';
import { DataSource } from 'typeorm';
import { SerialRunner } from '../../background/serial-runner';
import { ComputedTraitsRecompute } from '../../computed-traits/computation/computed-traits-recompute.service';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { type ChangeCounts, MembershipWriter } from '../persistence/membership.writer';
import { LOCK_MEMBERSHIPS_SQL } from '../persistence/segment-locks';
import { SegmentsRepository } from '../persistence/segments.repository';
import { evaluableSegments, ruleLookup } from './segment-lookup';

/**
 * Makes a segment's members exactly its audience, set-based: the first build of a new segment,
 * the rebuild after its rule changed, and the periodic sweep of every segment, which moves the
 * members of time-relative rules ("ordered more than 14 days ago") and catches anything the
 * incremental updates missed (an API that died after ingestion committed, a profile upsert).
 */
@Injectable()
export class SegmentSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SegmentSweeper.name);
  private readonly requested = new Map<string, string>();
  private readonly builds = new SerialRunner(
    () => this.drainRequests(),
    (error) => this.logger.error(`Sweeping segments failed: ${error.message}`),
  );
  private readonly periodic = new SerialRunner(
    () => this.sweepAll(),
    (error) => this.logger.error(`Listing segments to sweep failed: ${error.message}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
    private readonly memberships: MembershipWriter,
    recompute: ComputedTraitsRecompute,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // New values of computed traits move members of the segments that read them.
    recompute.onComputed((workspaceId) => void this.sweepWorkspace(workspaceId));
  }

  onApplicationBootstrap(): void {
    this.periodic.every(this.config.SEGMENT_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.periodic.stop(), this.builds.stop()]);
  }

  /** Builds (or rebuilds) a segment soon, in the background. */
  request(workspaceId: string, segmentId: string): void {
    this.requested.set(segmentId, workspaceId);
    this.builds.kick();
  }

  /** Sweeps every active segment of every workspace, one after the other. */
  async sweepAll(): Promise<void> {
    for (const { id, workspaceId } of await this.segments.all(this.dataSource.manager)) {
      if (this.builds.stopped) return;
      this.request(workspaceId, id);
    }
    await this.builds.idle();
  }

  private async sweepWorkspace(workspaceId: string): Promise<void> {
    for (const { id } of await this.segments.active(this.dataSource.manager, workspaceId)) {
      this.request(workspaceId, id);
    }
  }

  private async drainRequests(): Promise<void> {
    while (!this.builds.stopped && this.requested.size > 0) {
      const [segmentId, workspaceId] = this.requested.entries().next().value!;
      this.requested.delete(segmentId);
      try {
        await this.sweep(workspaceId, segmentId);
      } catch (error) {
        this.logger.error(`Sweeping segment ${segmentId} failed: ${(error as Error).message}`);
      }
    }
  }

  /** One segment, in one transaction. Returns what changed (nothing if the segment is gone). */
  sweep(workspaceId: string, segmentId: string, now = new Date()): Promise<ChangeCounts> {
    return this.dataSource.transaction(async (db) => {
      await db.query(LOCK_MEMBERSHIPS_SQL, [workspaceId]);
      const active = await this.segments.active(db, workspaceId);
      const segment = evaluableSegments(active).find((s) => s.id === segmentId);
      if (!segment) return { entered: 0, exited: 0 };
      const params = new SqlParameters();
      const audience = compileSegmentAudience(workspaceId, segment.rule, params, {
        now,
        segmentRule: ruleLookup(active),
      });
      const firstBuild = segment.builtVersion === null;
      const changes = await this.memberships.sweep(db, workspaceId, segment, audience, params, firstBuild);
      await this.segments.markBuilt(db, segment.id, segment.version);
      if (changes.entered + changes.exited > 0) {
        this.logger.log(
          `Segment ${segment.id} v${segment.version}${firstBuild ? ' built' : ''}: +${changes.entered} −${changes.exited}`,
        );
      }
      return changes;
    });
  }
}
