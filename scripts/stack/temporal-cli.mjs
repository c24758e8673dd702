// Locates the Temporal binaries built from Go (the CLI, which embeds the dev server we use locally
// and in tests; the full server and its SQL schema tool for the production-like stack), building
// them from the Go module proxy on first use because that is the only source reachable everywhere we run.
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

/** The `go` command, or undefined when Go is not installed. */
export function findGo() {
  return findOnPath('go') || (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/**
 * Absolute path of the binary `name` that `go install <module>` produces, taken from `$<pathEnv>`
 * if set, from PATH if `lookOnPath`, else from the cache (built there on first use).
 */
export async function ensureGoBinary({ name, module, title, pathEnv, lookOnPath = false }) {
  if (pathEnv && process.env[pathEnv]) {
    const given = path.resolve(process.env[pathEnv]);
    if (!isExecutable(given)) throw new Error(`${pathEnv}=${given} is not an executable file`);
    return given;
  }
  const onPath = lookOnPath ? findOnPath(name) : undefined;
  if (onPath) return onPath;

  const binDir = path.join(cacheDir(), 'bin');
  const cached = path.join(binDir, name);
  if (isExecutable(cached)) return cached;

  await buildWithGo({ binDir, module, title, pathEnv });
  if (!isExecutable(cached)) throw new Error(`go install finished but ${cached} is missing`);
  return cached;
}

/** Absolute path of a usable `temporal` CLI binary; builds it into the cache if needed. */
export function ensureTemporalCli() {
  return ensureGoBinary({
    name: 'temporal',
    module: CLI_MODULE,
    title: 'the Temporal CLI',
    pathEnv: 'TEMPORAL_CLI_PATH',
    lookOnPath: true,
  });
}

async function buildWithGo({ binDir, module, title, pathEnv }) {
  const go = findGo();
  if (!go) {
    throw new Error(
      `${title} is not installed and Go is not available to build it. Install Go (https://go.dev/dl/)` +
        `${pathEnv ? `, or set ${pathEnv}` : ''}, or set TEMPORAL_ADDRESS to a running Temporal.`,
    );
  }
  fs.mkdirSync(binDir, { recursive: true });
  console.error(`Building ${title} from the Go module proxy (first time only, a few minutes)…`);
  console.error(`  GOBIN=${binDir} ${go} install ${module}`);
  const started = Date.now();
  // go prints little while compiling; a heartbeat shows the build is alive.
  const heartbeat = setInterval(() => {
    console.error(`  …still building ${title} (${Math.round((Date.now() - started) / 1000)}s)`);
  }, 30_000);
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn(go, ['install', module], {
        env: { ...process.env, GOBIN: binDir },
        // Progress goes to stderr so `scripts/temporal-cli.mjs` keeps stdout for the path alone.
        stdio: ['ignore', process.stderr, process.stderr],
      });
      child.on('error', reject);
      child.on('exit', (status, signal) => resolve(signal ? 1 : status));
    });
    if (code !== 0) throw new Error(`Building ${title} failed (go install exited with ${code})`);
  } finally {
    clearInterval(heartbeat);
  }
  console.error(`Built ${title} in ${Math.round((Date.now() - started) / 1000)}s into ${binDir}`);
}
