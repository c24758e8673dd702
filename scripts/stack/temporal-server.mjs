// A real Temporal server (frontend, history, matching and worker services in one process) on
// PostgreSQL, for production-like runs and benchmarks: unlike the dev server's single SQLite
// connection it keeps up with thousands of concurrent workflows. See docs/scaling.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { assertPortFree } from './ports.mjs';
import { isRunning, spawnChild, stopChild } from './processes.mjs';
import { ensureGoBinary, ensureTemporalCli, findGo } from './temporal-cli.mjs';
import { journeySearchAttributes } from './temporal.mjs';

const run = promisify(execFile);

// Binaries, SQL schema and config template all come from this one module version.
const SERVER_MODULE = 'go.temporal.io/server';
const SERVER_VERSION = 'v1.31.2';

/**
 * What the server and the schema tool need to know of a Postgres server, from the URL of any of
 * its databases (the server of DATABASE_URL, or the embedded one).
 */
export function postgresServerOf(databaseUrl) {
  const url = new URL(databaseUrl);
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    adminUrl: adminUrl.toString(),
  };
}

/** Paths of the server and of its SQL schema tool, built into the cache on first use. */
export async function ensureTemporalServerBinaries() {
  const server = await ensureGoBinary({
    name: 'server',
    module: `${SERVER_MODULE}/cmd/server@${SERVER_VERSION}`,
    title: 'the Temporal server',
    pathEnv: 'TEMPORAL_SERVER_PATH',
  });
  const sqlTool = await ensureGoBinary({
    name: 'sql',
    module: `${SERVER_MODULE}/cmd/tools/sql@${SERVER_VERSION}`,
    title: 'the Temporal SQL tool (temporal-sql-tool)',
    pathEnv: 'TEMPORAL_SQL_TOOL_PATH',
  });
  return { server, sqlTool };
}

/** `schema/postgresql/v12` of the server module in Go's module cache (downloaded if missing). */
async function postgresSchemaDir() {
  const go = findGo();
  if (!go) throw new Error('Go is needed to locate the Temporal SQL schema (go env GOMODCACHE)');
  const { stdout } = await run(go, ['env', 'GOMODCACHE']);
  const moduleDir = path.join(stdout.trim(), `${SERVER_MODULE}@${SERVER_VERSION}`);
  if (!fs.existsSync(moduleDir)) await run(go, ['mod', 'download', `${SERVER_MODULE}@${SERVER_VERSION}`]);
  return path.join(moduleDir, 'schema/postgresql/v12');
}

/**
 * Creates the two databases Temporal needs on `postgres` (`{ host, port, user, password, adminUrl }`)
 * if missing, and brings their schemas to the latest version with temporal-sql-tool (a no-op
 * when they are up to date, so it runs on every start).
 */
async function setUpSchemas({ sqlTool, postgres, databases }) {
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    for (const name of Object.values(databases)) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    }
  } finally {
    await admin.end();
  }
  const schemaDir = await postgresSchemaDir();
  for (const [kind, database] of [
    ['temporal', databases.main],
    ['visibility', databases.visibility],
  ]) {
    const common = ['--plugin', 'postgres12', '--ep', postgres.host, '-p', String(postgres.port)];
    common.push('-u', postgres.user, '--db', database);
    // The password goes through the environment, not the command line others can read.
    const env = { ...process.env, SQL_PASSWORD: postgres.password };
    const sql = (args) =>
      run(sqlTool, [...common, ...args], { env }).catch((err) => {
        throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${err.stderr || err.message}`, {
          cause: err,
        });
      });
    // Version 0.0 = only the versioning table; update-schema then applies every versioned step.
    await sql(['setup-schema', '-v', '0.0']);
    await sql(['update-schema', '-d', path.join(schemaDir, kind, 'versioned')]);
  }
}

/** The server's config (what config/development-postgres12.yaml says, with our ports and store). */
function serverConfig({ postgres, databases, numHistoryShards, ports, dynamicConfigFile }) {
  const store = (databaseName, maxConns) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${postgres.host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (name, extra = {}) => ({
    rpc: {
      grpcPort: ports[name],
      membershipPort: ports[`${name}Membership`],
      bindOnLocalHost: true,
      ...extra,
    },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards,
      datastores: {
        'postgres-default': store(databases.main, 20),
        'postgres-visibility': store(databases.visibility, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service('frontend', { httpPort: ports.frontendHttp }),
      history: service('history'),
      matching: service('matching'),
      worker: service('worker'),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${ports.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

// The ports of config/development-postgres12.yaml relative to the frontend's 7233. Membership
// ports are stored in a smallint column, so the whole block must stay below 32768.
const PORT_OFFSETS = {
  frontend: 0,
  history: 1,
  matching: 2,
  worker: 6,
  frontendHttp: 10,
  frontendMembership: -300,
  historyMembership: -299,
  matchingMembership: -298,
  workerMembership: -294,
};

function portLayout(frontendPort) {
  if (frontendPort < 1324 || frontendPort > 32767 - 10) {
    throw new Error(
      `The Temporal frontend port must be within 1324-32757 (its services use ports around it), got ${frontendPort}`,
    );
  }
  return Object.fromEntries(
    Object.entries(PORT_OFFSETS).map(([name, offset]) => [name, frontendPort + offset]),
  );
}

/** A frontend port whose whole block of service ports is free right now (for tests and benchmarks). */
export async function freeTemporalServerPort() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      for (const value of Object.values(portLayout(port))) await assertPortFree(value, 'Temporal');
      return port;
    } catch {
      // Taken: try another block.
    }
  }
  throw new Error('No free block of ports for the Temporal server');
}

/**
 * Dynamic config: the template's id-length limit (journey workflow ids embed three UUIDs), and one
 * partition per task queue. Partitions spread a busy queue over matching hosts; on one host, four
 * (the default) only leave each partition's backlog waiting for one of the few pollers that happens
 * to ask it.
 */
const DYNAMIC_CONFIG = {
  'limit.maxIDLength': [{ value: 255, constraints: {} }],
  'matching.numTaskqueueReadPartitions': [{ value: 1, constraints: {} }],
  'matching.numTaskqueueWritePartitions': [{ value: 1, constraints: {} }],
};

/** The server logs JSON with a stack trace per line; keep level, message, error and setting. */
function readableLogLine(line) {
  try {
    const { level, msg, error, key, value } = JSON.parse(line);
    // e.g. a history shard count other than the one the databases were created with
    const setting = key ? ` (${key} stays ${JSON.stringify(value)})` : '';
    return `${level}: ${msg}${setting}${error ? `: ${error}` : ''}`;
  } catch {
    return line;
  }
}

async function cli(cliPath, address, args, timeoutMs = 10_000) {
  return run(cliPath, [...args, '--address', address, '--command-timeout', `${timeoutMs / 1000}s`], {
    timeout: timeoutMs + 2_000,
  });
}

/** Registers `namespace` and the journey search attributes; both are no-ops when already there. */
async function registerNamespace(cliPath, address, namespace, retention) {
  try {
    await cli(cliPath, address, [
      'operator',
      'namespace',
      'create',
      '--namespace',
      namespace,
      '--retention',
      retention,
    ]);
  } catch (err) {
    if (!/already exists|AlreadyExists/i.test(`${err.stderr}${err.message}`)) throw err;
  }
  for (const name of journeySearchAttributes()) {
    await cli(cliPath, address, [
      ...['operator', 'search-attribute', 'create', '--namespace', namespace],
      ...['--name', name, '--type', 'Keyword'],
    ]);
  }
}

/**
 * Starts the Temporal server on 127.0.0.1:`port` (frontend gRPC; the other services take the ports
 * around it, as in Temporal's sample config) over `postgres` (`{ host, port, user, password, adminUrl }`), in the `databases`
 * `{ main, visibility }` (created and migrated as needed). `configDir` receives the generated
 * config (it holds the database password: kept private). `numHistoryShards` is fixed when the
 * databases are first set up. Returns `{ address, namespace, pid, stop() }` once `namespace`
 * and the journey search attributes are registered.
 */
export async function startTemporalServer({
  port,
  postgres,
  databases = { main: 'temporal', visibility: 'temporal_visibility' },
  configDir,
  numHistoryShards = 4,
  namespace = 'default',
  retention = '72h',
  detached = true,
  onLine,
  timeoutMs = 120_000,
}) {
  const [{ server, sqlTool }, cliPath] = await Promise.all([
    ensureTemporalServerBinaries(),
    ensureTemporalCli(),
  ]);
  await setUpSchemas({ sqlTool, postgres, databases });

  const ports = portLayout(port);
  for (const [name, value] of Object.entries(ports)) await assertPortFree(value, `Temporal ${name}`);
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const configFile = path.join(configDir, 'temporal-server.yaml');
  const dynamicConfigFile = path.join(configDir, 'temporal-dynamic-config.yaml');
  // JSON is YAML: no YAML library needed for either file.
  fs.writeFileSync(dynamicConfigFile, `${JSON.stringify(DYNAMIC_CONFIG, null, 2)}\n`);
  const config = serverConfig({ postgres, databases, numHistoryShards, ports, dynamicConfigFile });
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });

  const args = ['--config-file', configFile, '--allow-no-auth', 'start'];
  const child = spawnChild(server, args, { stdio: ['ignore', 'pipe', 'pipe'], detached });
  const recent = [];
  let spawnError;
  let stopping = false;
  child.on('error', (err) => (spawnError = err));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      const text = readableLogLine(line);
      recent.push(text);
      if (recent.length > 40) recent.shift();
      if (!stopping) onLine?.(text);
    });
  }
  // SIGTERM drains the services; a history service with many shards can take a while.
  const stop = () => {
    stopping = true;
    return stopChild(child, { signal: 'SIGTERM', timeoutMs: 30_000 });
  };

  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await registerNamespace(cliPath, address, namespace, retention);
      break;
    } catch (err) {
      if (spawnError || !isRunning(child) || Date.now() > deadline) {
        const why = spawnError
          ? spawnError.message
          : isRunning(child)
            ? `timed out: ${err.stderr || err.message}`
            : 'process exited';
        await stop();
        throw new Error(
          `Temporal server did not start on ${address} (${why}): ${server} ${args.join(' ')}\n${recent.join('\n')}`,
          { cause: err },
        );
      }
      await sleep(500);
    }
  }
  return { address, namespace, pid: child.pid, stop };
}
