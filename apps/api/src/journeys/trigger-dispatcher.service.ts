import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OUTBOX_CHANNEL } from '../events/outbox';
import { DispatchOutboxUseCase } from './dispatch-outbox.usecase';

/**
 * Drains the event outbox: woken at once by Postgres NOTIFY when an event commits, and by a
 * timer as a safety net (missed notifications, expired leases of a crashed dispatcher).
 */
@Injectable()
export class TriggerDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TriggerDispatcher.name);
  private listener?: PgClient;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dispatchOutbox: DispatchOutboxUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DISPATCH_ENABLED) {
      this.logger.warn(
        'Trigger dispatch is disabled (DISPATCH_ENABLED=false): events will wait in the outbox',
      );
      return;
    }
    this.listener = new PgClient({ connectionString: this.config.DATABASE_URL });
    this.listener.on('notification', () => this.kick());
    this.listener.on('error', (error) => this.logger.error(`Outbox listener: ${error.message}`));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => this.kick(), this.config.DISPATCH_POLL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.listener?.end();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: Error) => this.logger.error(`Dispatch failed: ${error.message}`))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.dispatchOutbox.execute()) > 0) {
      // keep going while there is a backlog
    }
  }
}
