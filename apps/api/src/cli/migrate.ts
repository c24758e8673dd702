import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { runCli } from './run-cli';

/** Applies pending migrations, each in its own transaction. Exit 0 when the schema is current. */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set (e.g. postgres://user:pass@127.0.0.1:5432/parcours)');
    return 2;
  }
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length === 0 ? 'Schema is up to date' : `Applied ${applied.map((m) => m.name).join(', ')}`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

runCli('Migration', main);
