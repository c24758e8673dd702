import { type DataSourceOptions } from 'typeorm';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { IdentitiesConsentsPartitionedEvents1763900000000 } from './migrations/1763900000000-identities-consents-partitioned-events';

/** Shared by the Nest app and the CLIs. Schema changes go through migrations, never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: [InitialSchema1763800000000, IdentitiesConsentsPartitionedEvents1763900000000],
    migrationsTransactionMode: 'each',
  };
}
