import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { SerialRunner } from '../background/serial-runner';
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
  private readonly runner = new SerialRunner(
    () => this.drain(),
    (error) => this.logger.error(`Dispatch failed: ${error.message}`),
  );

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
    this.listener.on('notification', () => this.runner.kick());
    this.listener.on('error', (error) => this.logger.error(`Outbox listener: ${error.message}`));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.runner.every(this.config.DISPATCH_POLL_MS).kick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.listener?.end();
  }

  private async drain(): Promise<void> {
    while (!this.runner.stopped && (await this.dispatchOutbox.execute()) > 0) {
      // keep going while there is a backlog
    }
  }
}
