import { type DataSourceOptions } from 'typeorm';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { IdentitiesConsentsPartitionedEvents1763900000000 } from './migrations/1763900000000-identities-consents-partitioned-events';
import { ImportJobs1764000000000 } from './migrations/1764000000000-import-jobs';
import { Profile360Erasure1764100000000 } from './migrations/1764100000000-profile-360-erasure';

/** Shared by the Nest app and the CLIs. Schema changes go through migrations, never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: [
      InitialSchema1763800000000,
      IdentitiesConsentsPartitionedEvents1763900000000,
      ImportJobs1764000000000,
      Profile360Erasure1764100000000,
    ],
    migrationsTransactionMode: 'each',
  };
}
