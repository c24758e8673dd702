// A throwaway Parcours for scripted browser work (the studio benchmark, the docs screenshots):
// embedded Postgres in a temporary directory, migrations, one workspace with an admin user, the
// API and the studio's production build, and Debian's chromium driven by playwright-core. No
// Temporal and no worker: nothing here runs journeys. Needs `npm run build` first.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { API_NODE_ARGS } from './api-node-args.mjs';
import { chromiumLaunchOptions } from './chromium.cjs';
import { freePort } from './ports.mjs';
import { startPostgres } from './postgres.mjs';
import { isRunning, spawnChild, stopChild } from './processes.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = {
  migrate: path.join(root, 'apps/api/dist/cli/migrate.js'),
  bootstrap: path.join(root, 'apps/api/dist/cli/bootstrap.js'),
  api: path.join(root, 'apps/api/dist/main.js'),
  studioBuild: path.join(root, 'apps/studio/.next/BUILD_ID'),
};
const ADMIN_EMAIL = 'studio-admin@parcours.local';

/** A child process whose output is kept for the error message if it dies or never answers. */
function startProcess(name, args, { cwd = root, env }) {
  const output = [];
  const child = spawnChild(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(String(chunk)));
  const ready = async (url, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!isRunning(child)) throw new Error(`${name} exited:\n${output.join('')}`);
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s:\n${output.join('')}`);
  };
  return { child, ready };
}

/**
 * Starts everything; `stop()` ends it all and removes the temporary data. Returns the URLs, an
 * admin-key API client, the admin user's credentials, the browser and a sign-in helper.
 */
export async function startStudioStack({ workspaceName = 'Studio' } = {}) {
  const missing = Object.values(dist).filter((file) => !fs.existsSync(file));
  if (missing.length > 0)
    throw new Error(
      `Build first (npm run build): missing ${missing.map((f) => path.relative(root, f)).join(', ')}`,
    );

  const cleanups = [];
  const stop = async () => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()();
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
  };
  try {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-studio-'));
    fs.chmodSync(tempDir, 0o755); // as root, Postgres runs as `postgres` and must reach its data dir
    cleanups.push(async () => fs.rmSync(tempDir, { recursive: true, force: true }));
    const postgres = await startPostgres({
      dataDir: path.join(tempDir, 'pgdata'),
      port: await freePort(),
      database: 'parcours_studio',
      detached: false,
      fast: true,
    });
    cleanups.push(() => postgres.stop());

    const env = { ...process.env, DATABASE_URL: postgres.url };
    await run(process.execPath, [dist.migrate], { env });
    const { stdout } = await run(
      process.execPath,
      [dist.bootstrap, '--name', workspaceName, '--admin-email', ADMIN_EMAIL, '--json'],
      { env },
    );
    const workspace = JSON.parse(stdout.trim().split('\n').pop());

    const apiPort = await freePort();
    const api = startProcess('the API', [...API_NODE_ARGS, dist.api], {
      env: {
        DATABASE_URL: postgres.url,
        API_PORT: String(apiPort),
        API_HOST: '127.0.0.1',
        // No journeys run here: nothing drains the outbox.
        DISPATCH_ENABLED: 'false',
      },
    });
    cleanups.push(() => stopChild(api.child));
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    const studioPort = await freePort();
    const nextBin = createRequire(path.join(root, 'apps/studio/package.json')).resolve('next/dist/bin/next');
    const studio = startProcess(
      'the studio',
      [nextBin, 'start', 'apps/studio', '--port', String(studioPort), '--hostname', '127.0.0.1'],
      { env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PARCOURS_API_URL: apiUrl } },
    );
    cleanups.push(() => stopChild(studio.child));
    const studioUrl = `http://127.0.0.1:${studioPort}`;
    // Not /health: it reports Temporal, which nothing here needs.
    await Promise.all([api.ready(`${apiUrl}/docs/openapi.json`), studio.ready(`${studioUrl}/sign-in`)]);

    const browser = await chromium.launch(chromiumLaunchOptions());
    cleanups.push(() => browser.close());

    /** The API with the workspace's admin key; throws on anything but a 2xx. */
    const apiCall = async (method, route, body) => {
      const response = await fetch(`${apiUrl}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${workspace.adminKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    };

    /** Signs `page` in through the sign-in page, as a person would. */
    const signIn = async (page, user = workspace.adminUser) => {
      await page.goto(`${studioUrl}/sign-in`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${studioUrl}/scenarios`);
    };

    return { apiUrl, studioUrl, adminUser: workspace.adminUser, api: apiCall, browser, signIn, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs `work(stack)` and always stops the stack, Ctrl-C included. */
export async function withStudioStack(options, work) {
  const stack = await startStudioStack(options);
  const interrupted = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await work(stack);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await stack.stop();
  }
}
