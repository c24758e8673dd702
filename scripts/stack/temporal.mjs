// The Temporal dev server (`temporal server start-dev`: frontend, history, matching and UI in one
// process over SQLite). Callers skip this when TEMPORAL_ADDRESS points at a real cluster.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertPortFree } from './ports.mjs';
import { isRunning, stopChild, spawnChild } from './processes.mjs';
import { ensureTemporalCli } from './temporal-cli.mjs';

const require = createRequire(import.meta.url);

/**
 * Names of the custom (Keyword) search attributes the journey engine sets on its workflows, from
 * `@parcours/domain/journey`. Temporal refuses a start that sets an unregistered one, so every
 * server the stack starts registers them.
 */
export function journeySearchAttributes() {
  let names;
  try {
    names = require('@parcours/domain/journey').JOURNEY_SEARCH_ATTRIBUTES;
  } catch {
    // Not built: said below.
  }
  if (!names) throw new Error('Build @parcours/domain first (npx tsc -b packages/domain, or npm run build)');
  return Object.values(names);
}

function namespaceReady(cliPath, address) {
  return new Promise((resolve) => {
    execFile(
      cliPath,
      [
        'operator',
        'namespace',
        'describe',
        '--namespace',
        'default',
        '--address',
        address,
        '--command-timeout',
        '3s',
      ],
      { timeout: 5_000 },
      (err) => resolve(!err),
    );
  });
}

/**
 * Starts the dev server on 127.0.0.1:`port`. `dbFile` persists state across runs (in memory if
 * omitted); `headless` skips the UI (tests), otherwise it listens on `uiPort`. `onLine` receives
 * each output line (they are otherwise kept only to explain a failed start). Returns
 * `{ address, uiUrl, stop() }` once the `default` namespace answers.
 */
export async function startTemporalDevServer({
  port,
  uiPort,
  dbFile,
  headless = false,
  detached = true,
  cliPath,
  onLine,
  timeoutMs = 90_000,
}) {
  cliPath ??= await ensureTemporalCli();
  // Otherwise a server already on this port would answer our readiness probe.
  await assertPortFree(port, 'Temporal gRPC');
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (headless) args.push('--headless');
  else if (uiPort) args.push('--ui-port', String(uiPort));
  if (dbFile) args.push('--db-filename', dbFile);
  for (const name of journeySearchAttributes()) args.push('--search-attribute', `${name}=Keyword`);

  const child = spawnChild(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached });
  const recent = [];
  let spawnError;
  let stopping = false;
  child.on('error', (err) => (spawnError = err));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      // Shutdown logs a burst of "context canceled" errors that mean nothing; keep them quiet.
      if (!stopping) onLine?.(line);
    });
  }
  const stop = () => {
    stopping = true;
    return stopChild(child, { signal: 'SIGTERM', timeoutMs: 10_000 });
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await namespaceReady(cliPath, address))) {
    if (spawnError || !isRunning(child) || Date.now() > deadline) {
      await stop();
      const why = spawnError ? spawnError.message : isRunning(child) ? 'timed out' : 'process exited';
      throw new Error(
        `Temporal dev server did not start on ${address} (${why}): ${cliPath} ${args.join(' ')}\n${recent.join('\n')}`,
      );
    }
    await sleep(250);
  }
  return {
    address,
    uiUrl: headless ? undefined : `http://127.0.0.1:${uiPort ?? port + 1000}`,
    pid: child.pid,
    stop,
  };
}
