import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SerialRunner } from '../../background/serial-runner';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ScheduledEntries } from './scheduled-entries.service';

/**
 * Drives the scheduled entries: schedule runs every `SCHEDULED_ENTRY_POLL_MS` (small, so a run's
 * rate is smooth), date-trigger sweeps every `DATE_TRIGGER_SWEEP_MS`. A tick never overlaps the
 * previous one of its kind (`SerialRunner`); shutdown waits for the batch in flight.
 */
@Injectable()
export class ScheduledEntryTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledEntryTicker.name);
  private readonly runs = new SerialRunner(
    async () => {
      await this.scheduled.planRuns();
      await this.scheduled.runDueBatches();
    },
    (error) => this.logger.error(`Schedule runs: ${error.message}`),
  );
  private readonly dateSweeps: SerialRunner = new SerialRunner(
    async () => {
      await this.scheduled.sweepDateTriggers(new Date(), () => this.dateSweeps.stopped);
    },
    (error) => this.logger.error(`Date triggers: ${error.message}`),
  );

  constructor(
    private readonly scheduled: ScheduledEntries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const [runner, ms] of [
      [this.runs, this.config.SCHEDULED_ENTRY_POLL_MS],
      [this.dateSweeps, this.config.DATE_TRIGGER_SWEEP_MS],
    ] as const) {
      if (ms > 0) runner.every(ms).kick();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.runs.stop(), this.dateSweeps.stop()]);
  }
}
