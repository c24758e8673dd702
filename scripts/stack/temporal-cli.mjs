// Locates the Temporal CLI (it embeds the dev server we use locally and in tests), building it
// from the Go module proxy on first use because that is the only source reachable everywhere we run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

// Later tags no longer `go install` cleanly (replace directives), so this one is pinned.
const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function cacheDir() {
  return process.env.PARCOURS_CACHE_DIR || path.join(os.homedir(), '.cache', 'parcours');
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.resolve(dir, name);
  }
  return undefined;
}

/** Absolute path of a usable `temporal` binary; builds it into the cache if needed. */
export async function ensureTemporalCli() {
  if (process.env.TEMPORAL_CLI_PATH) {
    const given = path.resolve(process.env.TEMPORAL_CLI_PATH);
    if (!isExecutable(given)) throw new Error(`TEMPORAL_CLI_PATH=${given} is not an executable file`);
    return given;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  const binDir = path.join(cacheDir(), 'bin');
  const cached = path.join(binDir, 'temporal');
  if (isExecutable(cached)) return cached;

  await buildWithGo(binDir);
  if (!isExecutable(cached)) throw new Error(`go install finished but ${cached} is missing`);
  return cached;
}

async function buildWithGo(binDir) {
  const go = findOnPath('go') || (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new Error(
      'The Temporal CLI is not installed and Go is not available to build it. Install Go (https://go.dev/dl/), ' +
        'put `temporal` on PATH, or set TEMPORAL_CLI_PATH / TEMPORAL_ADDRESS.',
    );
  }
  fs.mkdirSync(binDir, { recursive: true });
  console.error('Building the Temporal CLI from the Go module proxy (first time only, a few minutes)…');
  console.error(`  GOBIN=${binDir} ${go} install ${CLI_MODULE}`);
  const started = Date.now();
  // go prints little while compiling; a heartbeat shows the build is alive.
  const heartbeat = setInterval(() => {
    console.error(`  …still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)}s)`);
  }, 30_000);
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn(go, ['install', CLI_MODULE], {
        env: { ...process.env, GOBIN: binDir },
        // Progress goes to stderr so `scripts/temporal-cli.mjs` keeps stdout for the path alone.
        stdio: ['ignore', process.stderr, process.stderr],
      });
      child.on('error', reject);
      child.on('exit', (status, signal) => resolve(signal ? 1 : status));
    });
    if (code !== 0) throw new Error(`Building the Temporal CLI failed (go install exited with ${code})`);
  } finally {
    clearInterval(heartbeat);
  }
  console.error(
    `Temporal CLI built in ${Math.round((Date.now() - started) / 1000)}s: ${path.join(binDir, 'temporal')}`,
  );
}
