import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ScheduledEntries } from './scheduled-entries.service';

/**
 * Drives the scheduled entries: schedule runs every `SCHEDULED_ENTRY_POLL_MS` (small, so a run's
 * rate is smooth), date-trigger sweeps every `DATE_TRIGGER_SWEEP_MS`. A tick never overlaps the
 * previous one of its kind; shutdown waits for the batch in flight.
 */
@Injectable()
export class ScheduledEntryTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledEntryTicker.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly scheduled: ScheduledEntries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.every(this.config.SCHEDULED_ENTRY_POLL_MS, 'Schedule runs', async () => {
      await this.scheduled.planRuns();
      await this.scheduled.runDueBatches();
    });
    this.every(this.config.DATE_TRIGGER_SWEEP_MS, 'Date triggers', async () => {
      await this.scheduled.sweepDateTriggers(new Date(), () => this.stopped);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    await Promise.all(this.inFlight);
  }

  private every(ms: number, what: string, work: () => Promise<void>): void {
    if (ms === 0) return;
    let running = false;
    const tick = () => {
      if (running || this.stopped) return;
      running = true;
      const done = work()
        .catch((error: Error) => this.logger.error(`${what}: ${error.message}`))
        .finally(() => {
          running = false;
          this.inFlight.delete(done);
        });
      this.inFlight.add(done);
    };
    const timer = setInterval(tick, ms);
    timer.unref();
    this.timers.push(timer);
    tick();
  }
}
