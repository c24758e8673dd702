import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { referencedSegmentIds, type SegmentRule } from '@parcours/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type SegmentRecord, SegmentsRepository } from '../../persistence/segments.repository';
import { SegmentSweeper } from '../../refresh/segment-sweeper.service';
import { checkRuleInWorkspace } from './segment-rule-checks';

export interface SegmentChange {
  name?: string;
  description?: string | null;
  rule?: SegmentRule;
}

export interface NewSegment {
  name: string;
  description?: string | null;
  rule: SegmentRule;
}

/** Saves of one workspace's segments queue on this (two saves could each close half a cycle). */
const LOCK_DEFINITIONS = `SELECT pg_advisory_xact_lock(1938, hashtext($1::uuid::text))`;

/**
 * Creates, changes and archives segments. A new segment, or a new rule, is built in the background
 * right after the save (its `builtVersion` says when); membership changes from then on are
 * entries and exits.
 */
@Injectable()
export class SaveSegmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
    private readonly sweeper: SegmentSweeper,
  ) {}

  async create(workspaceId: string, segment: NewSegment): Promise<SegmentRecord> {
    const created = await this.inTransaction(workspaceId, (db, active) =>
      this.insert(db, workspaceId, segment, active),
    );
    this.rebuild(created);
    return created;
  }

  /**
   * Within the caller's transaction: waits for other saves of the workspace's segments to end
   * (until that transaction ends) and returns its active segments, for `insert`.
   */
  async lockSegments(db: EntityManager, workspaceId: string): Promise<SegmentRecord[]> {
    await db.query(LOCK_DEFINITIONS, [workspaceId]);
    return this.segments.active(db, workspaceId);
  }

  /**
   * Inserts a segment within the caller's transaction, after `lockSegments` (`active`: its result
   * and the segments inserted since). The caller calls `rebuild` once that transaction committed.
   */
  async insert(
    db: EntityManager,
    workspaceId: string,
    segment: NewSegment,
    active: SegmentRecord[],
  ): Promise<SegmentRecord> {
    await checkRuleInWorkspace(db, workspaceId, { rule: segment.rule }, active);
    return this.segments.insert(db, workspaceId, { ...segment, description: segment.description ?? null });
  }

  async update(workspaceId: string, id: string, change: SegmentChange): Promise<SegmentRecord> {
    const updated = await this.inTransaction(workspaceId, async (db, active) => {
      const current = active.find((s) => s.id === id);
      if (!current) throw new NotFoundException(`Segment ${id} not found`);
      if (change.rule !== undefined)
        await checkRuleInWorkspace(db, workspaceId, { id, rule: change.rule }, active);
      return this.segments.update(db, current, change);
    });
    if (updated.version !== updated.builtVersion) this.rebuild(updated);
    return updated;
  }

  /** Archived segments keep no members; one that another segment refers to cannot go. */
  async archive(workspaceId: string, id: string): Promise<void> {
    await this.inTransaction(workspaceId, async (db, active) => {
      if (!active.some((s) => s.id === id)) throw new NotFoundException(`Segment ${id} not found`);
      const users = active.filter((s) => s.id !== id && referencedSegmentIds(s.rule).includes(id));
      if (users.length > 0) {
        throw new ConflictException(
          `Segment ${id} is used by ${users.map((s) => `'${s.name}'`).join(', ')}: change those first`,
        );
      }
      await this.segments.archive(db, id);
    });
  }

  private async inTransaction<T>(
    workspaceId: string,
    work: (db: EntityManager, active: SegmentRecord[]) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (db) =>
        work(db, await this.lockSegments(db, workspaceId)),
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictException('Another active segment of the workspace has this name');
      }
      throw error;
    }
  }

  /** Builds the segment in the background (its save must have committed: the build reads it). */
  rebuild(segment: SegmentRecord): void {
    this.sweeper.request(segment.workspaceId, segment.id);
  }
}
