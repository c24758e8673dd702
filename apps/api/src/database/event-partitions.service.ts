import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

const MONTHS_AHEAD = 3;
const DAY_MS = 86_400_000;

/**
 * Keeps monthly `events` partitions created a few months ahead, so inserts never fall back to the
 * default partition in normal operation. Idempotent, so every API instance may run it.
 */
@Injectable()
export class EventPartitionsMaintainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventPartitionsMaintainer.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => void this.ensure(), DAY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async ensure(): Promise<void> {
    try {
      await this.dataSource.query(`SELECT parcours_ensure_event_partitions($1)`, [MONTHS_AHEAD]);
    } catch (error) {
      this.logger.error(`Could not create upcoming event partitions: ${(error as Error).message}`);
    }
  }
}
