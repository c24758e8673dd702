// Jest globalSetup for the integration and browser projects: starts whatever backing services
// are not given through the environment (DATABASE_URL, TEMPORAL_ADDRESS) and exports their
// addresses. Test workers are forked afterwards, so they inherit these process.env values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/stack/ports.mjs';
import { startPostgres } from '../../scripts/stack/postgres.mjs';
import { startTemporalDevServer } from '../../scripts/stack/temporal.mjs';
import { ensureTemporalCli } from '../../scripts/stack/temporal-cli.mjs';

const KEY = '__PARCOURS_TEST_STACK__';

export default async function globalSetup() {
  // Both projects name this file; Jest may call it more than once in one process.
  if (globalThis[KEY]) return;
  const stack = { stops: [], tempDir: undefined };
  globalThis[KEY] = stack;

  try {
    if (!process.env.DATABASE_URL) {
      // mkdtemp is 0700; as root the `postgres` user must be able to reach the data dir inside it.
      stack.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-test-'));
      fs.chmodSync(stack.tempDir, 0o755);
      const postgres = await startPostgres({
        dataDir: path.join(stack.tempDir, 'pgdata'),
        port: await freePort(),
        fast: true,
        detached: false,
        // Every test file creates its own database(s) and pools.
        postgresFlags: ['-c', 'max_connections=300'],
      });
      stack.stops.push(postgres.stop);
      process.env.PARCOURS_TEST_PG_URL = postgres.adminUrl;
      process.env.DATABASE_URL = postgres.url;
    } else if (!process.env.PARCOURS_TEST_PG_URL) {
      // Tests create their databases next to the given one, through its maintenance db.
      const admin = new globalThis.URL(process.env.DATABASE_URL);
      admin.pathname = '/postgres';
      process.env.PARCOURS_TEST_PG_URL = admin.toString();
    }

    process.env.TEMPORAL_CLI_PATH = await ensureTemporalCli();
    if (!process.env.TEMPORAL_ADDRESS) {
      const temporal = await startTemporalDevServer({
        port: await freePort(),
        headless: true,
        detached: false,
        cliPath: process.env.TEMPORAL_CLI_PATH,
      });
      stack.stops.push(temporal.stop);
      process.env.TEMPORAL_ADDRESS = temporal.address;
    }
  } catch (err) {
    await stopTestStack();
    throw err;
  }
}

/** Stops what globalSetup started (reverse order) and removes its temp dir. Safe to call twice. */
export async function stopTestStack() {
  const stack = globalThis[KEY];
  if (!stack) return;
  delete globalThis[KEY];
  for (const stop of stack.stops.reverse()) await stop();
  if (stack.tempDir) fs.rmSync(stack.tempDir, { recursive: true, force: true });
}
