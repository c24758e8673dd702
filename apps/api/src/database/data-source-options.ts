import { type DataSourceOptions } from 'typeorm';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';

/** Shared by the Nest app and the CLIs. Schema changes go through migrations, never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: [InitialSchema1763800000000],
    migrationsTransactionMode: 'each',
  };
}
