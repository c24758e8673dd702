import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * A lazy connection: the API starts (and says so in /health) even while Temporal is down, and
 * connects on first use.
 */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Client({
          connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS }),
          namespace: config.TEMPORAL_NAMESPACE,
        }),
    },
  ],
  exports: [Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
