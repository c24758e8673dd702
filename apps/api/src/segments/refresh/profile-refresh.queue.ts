import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfileRefreshService } from './profile-refresh.service';

/** Profiles refreshed together in one transaction. */
const BATCH = 100;
/** Beyond this many waiting profiles new ones are dropped: the periodic sweep catches up. */
const MAX_PENDING = 100_000;

/**
 * Runs the incremental update just after ingestion commits, off the request's path: the calls are
 * durable and answered already, and a burst of events about one customer makes one refresh. If the
 * process dies with profiles waiting here, the periodic sweep brings their segments up to date.
 */
@Injectable()
export class ProfileRefreshQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(ProfileRefreshQueue.name);
  private readonly pending = new Map<string, Set<string>>();
  private size = 0;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly refresh: ProfileRefreshService,
  ) {}

  enqueue(workspaceId: string, profileIds: Iterable<string>): void {
    if (this.stopped) return;
    const waiting = this.pending.get(workspaceId) ?? new Set<string>();
    for (const id of profileIds) {
      if (this.size >= MAX_PENDING) {
        this.logger.warn('Too many profiles wait for a segment refresh: the sweep will catch up');
        break;
      }
      if (!waiting.has(id)) this.size++;
      waiting.add(id);
    }
    this.pending.set(workspaceId, waiting);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.size > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.size > 0) {
      const [workspaceId, waiting] = this.pending.entries().next().value!;
      const batch = [...waiting].slice(0, BATCH);
      for (const id of batch) waiting.delete(id);
      if (waiting.size === 0) this.pending.delete(workspaceId);
      this.size -= batch.length;
      try {
        if (await this.hasNothingToDo(workspaceId)) continue;
        await this.refresh.refresh(workspaceId, batch);
      } catch (error) {
        this.logger.error(`Segment refresh of ${batch.length} profiles failed: ${(error as Error).message}`);
      }
    }
  }

  /** One indexed look-up per batch, so a workspace without segments or computed traits costs nothing more. */
  private async hasNothingToDo(workspaceId: string): Promise<boolean> {
    const [{ configured }]: { configured: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM segments WHERE workspace_id = $1 AND status = 'active')
           OR EXISTS (SELECT 1 FROM computed_trait_definitions WHERE workspace_id = $1) AS configured`,
      [workspaceId],
    );
    return !configured;
  }
}
