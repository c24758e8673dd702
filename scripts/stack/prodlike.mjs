// `npm run stack:prodlike`: a production-like Temporal (the real server on PostgreSQL, not the
// dev server on SQLite) on 127.0.0.1, to run the worker and API against or to benchmark. Postgres is
// embedded (data in .parcours/prodlike) unless DATABASE_URL names a server, in which case its
// databases `parcours_temporal` and `parcours_temporal_visibility` are created there.
// Ctrl-C stops it. Env: PARCOURS_TEMPORAL_PORT (7233), PARCOURS_PRODLIKE_PG_PORT (54339),
// TEMPORAL_HISTORY_SHARDS (4, fixed once the databases exist).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';
import { linePrinter } from './processes.mjs';
import { postgresServerOf, startTemporalServer } from './temporal-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stateDir = path.join(root, '.parcours/prodlike');
const temporalPort = Number(process.env.PARCOURS_TEMPORAL_PORT || 7233);
const postgresPort = Number(process.env.PARCOURS_PRODLIKE_PG_PORT || 54339);
const numHistoryShards = Number(process.env.TEMPORAL_HISTORY_SHARDS || 4);

const stops = [];
let stopping = false;

async function shutdown(code, message) {
  if (stopping) return;
  stopping = true;
  if (message) console.error(message);
  console.log('Stopping…');
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      console.error(`Stopping failed: ${err instanceof Error ? err.message : err}`);
    }
  }
  console.log('Stopped.');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => (stopping ? process.exit(130) : void shutdown(0)));
}

async function main() {
  if (!Number.isInteger(numHistoryShards) || numHistoryShards < 1) {
    throw new Error(
      `TEMPORAL_HISTORY_SHARDS must be a positive integer, got ${process.env.TEMPORAL_HISTORY_SHARDS}`,
    );
  }
  let postgres;
  let databases;
  if (process.env.DATABASE_URL) {
    console.log("Postgres: using DATABASE_URL's server");
    postgres = postgresServerOf(process.env.DATABASE_URL);
    databases = { main: 'parcours_temporal', visibility: 'parcours_temporal_visibility' };
  } else {
    console.log(`Starting Postgres on 127.0.0.1:${postgresPort} (data in .parcours/prodlike/postgres)…`);
    // Searchable: as root, Postgres runs as `postgres` and must reach its data dir inside.
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o755 });
    const embedded = await startPostgres({
      dataDir: path.join(stateDir, 'postgres'),
      port: postgresPort,
      database: 'temporal',
      // Each Temporal service keeps its own pools (up to 20 + 10 connections).
      postgresFlags: ['-c', 'max_connections=200'],
    });
    stops.push(embedded.stop);
    postgres = postgresServerOf(embedded.url);
    databases = { main: 'temporal', visibility: 'temporal_visibility' };
  }
  if (stopping) return;

  console.log(
    `Starting the Temporal server (${numHistoryShards} history shards) on 127.0.0.1:${temporalPort}…`,
  );
  const temporal = await startTemporalServer({
    port: temporalPort,
    postgres,
    databases,
    configDir: stateDir,
    numHistoryShards,
    onLine: linePrinter('temporal'),
  });
  stops.push(temporal.stop);
  if (stopping) return;
  console.log(
    [
      '',
      `Temporal is up (namespace '${temporal.namespace}', journey search attributes registered). Ctrl-C stops it.`,
      `TEMPORAL_ADDRESS=${temporal.address}`,
      '',
      `Run the product against it: TEMPORAL_ADDRESS=${temporal.address} npm run up`,
    ].join('\n'),
  );
}

main().catch((err) => void shutdown(1, `stack:prodlike failed: ${err instanceof Error ? err.message : err}`));
