// `npm run up`: the whole product on one machine with nothing installed but Node (and Go once, for
// the Temporal CLI). Every backing service is embedded by default and replaceable by an env var:
// DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL, TWILIO_ACCOUNT_SID (SMS: a local stand-in without it).
// State lives in PARCOURS_STATE_DIR (default .parcours). The first run loads the two-brand demo
// (PARCOURS_DEMO_PROFILES customers per brand, default 2 000; PARCOURS_DEMO_SEED), and a simulator
// plays its customers live (PARCOURS_SIMULATE_RATE actions a second per brand, default 1; 0: off).
// Ctrl-C stops everything in reverse order.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { API_NODE_ARGS } from './stack/api-node-args.mjs';
import { canConnect } from './stack/ports.mjs';
import { startPostgres } from './stack/postgres.mjs';
import { isRunning, linePrinter, spawnLogged, stopChild } from './stack/processes.mjs';
import { startSmtpSink } from './stack/smtp-sink.mjs';
import { startTemporalDevServer } from './stack/temporal.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = path.resolve(root, process.env.PARCOURS_STATE_DIR || '.parcours');
const demoFile = path.join(stateDir, 'demo-workspace.json');
const portFromEnv = (name, fallback) => Number(process.env[name] || fallback);
const ports = {
  postgres: portFromEnv('PARCOURS_PG_PORT', 54329),
  temporal: portFromEnv('PARCOURS_TEMPORAL_PORT', 7233),
  temporalUi: portFromEnv('PARCOURS_TEMPORAL_UI_PORT', 8233),
  smtp: portFromEnv('PARCOURS_SMTP_PORT', 1025),
  mailViewer: portFromEnv('PARCOURS_MAIL_VIEWER_PORT', 1080),
  sms: portFromEnv('PARCOURS_SMS_PORT', 1081),
  api: portFromEnv('API_PORT', 4000),
  studio: portFromEnv('STUDIO_PORT', 3000),
};

const demoSettings = {
  profiles: process.env.PARCOURS_DEMO_PROFILES || '2000',
  seed: process.env.PARCOURS_DEMO_SEED || '1',
  simulateRate: Number(process.env.PARCOURS_SIMULATE_RATE ?? 1),
};

const apps = {
  migrate: path.join(root, 'apps/api/dist/cli/migrate.js'),
  demo: path.join(root, 'apps/api/dist/cli/demo.js'),
  simulate: path.join(root, 'apps/api/dist/cli/simulate.js'),
  api: path.join(root, 'apps/api/dist/main.js'),
  worker: path.join(root, 'apps/worker/dist/main.js'),
  studioDir: path.join(root, 'apps/studio'),
};

// Shutdown order: app processes first (all at once), then services in reverse start order.
const children = new Set();
const services = [];
let stopping = false;

async function shutdown(code, message) {
  if (stopping) return;
  stopping = true;
  if (message) console.error(`\n${message}`);
  console.log('Stopping…');
  await Promise.all([...children].map((child) => stopChild(child, { timeoutMs: 15_000 })));
  for (const { name, stop } of services.reverse()) {
    try {
      await stop();
    } catch (err) {
      console.error(`Stopping ${name} failed: ${err instanceof Error ? err.message : err}`);
    }
  }
  console.log('Stopped.');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // A second Ctrl-C while stopping: give up waiting; exit hooks still signal what is left.
    if (stopping) process.exit(130);
    void shutdown(0);
  });
}

function fail(err) {
  void shutdown(1, `up failed: ${err instanceof Error ? err.message : err}`);
}

/** A long-running app process: its death while we are not stopping takes the whole stack down. */
function startApp(name, command, args, options) {
  const child = spawnLogged(name, command, args, options);
  children.add(child);
  child.on('error', (err) => fail(`${name} could not start: ${err.message}`));
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping)
      fail(
        `${name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); stopping the rest.`,
      );
  });
  return child;
}

/** A companion process (the simulator): stopped with the stack, but its end does not stop the stack. */
function startCompanion(name, args, options) {
  const child = spawnLogged(name, process.execPath, args, options);
  children.add(child);
  child.on('error', (err) => console.error(`[${name}] could not start: ${err.message}`));
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping)
      console.error(`[${name}] ended (${signal ? `signal ${signal}` : `code ${code}`}); the rest runs on.`);
  });
  return child;
}

/** A one-shot step (migrations, demo data); resolves with its stdout if `captureStdout`. */
function runStep(name, args, { env, captureStdout = false }) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    // Captured stdout is data (the demo's JSON), not log output.
    const child = spawnLogged(name, process.execPath, args, { cwd: root, env, logStdout: !captureStdout });
    if (captureStdout) child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    children.add(child);
    child.on('error', reject);
    // 'close' rather than 'exit': all of stdout has been read by then.
    child.on('close', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve(stdout);
      else {
        if (stdout) console.error(`[${name}] stdout:\n${stdout.trim()}`);
        reject(new Error(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
      }
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function waitFor(what, check, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (!stopping) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s`);
    await sleep(500);
  }
  // Shutting down already: park here until process.exit.
  await new Promise(() => {});
}

/** The two-brand demo as `demo --json` describes it; an older single-workspace file is not. */
const isTwoBrandDemo = (demo) =>
  Boolean(
    demo?.miaoum?.workspaceId && demo?.zoro?.workspaceId && demo.miaoum.adminUser && demo.zoro.adminUser,
  );

function parseDemoOutput(stdout) {
  const text = stdout.trim();
  const line = text
    .split('\n')
    .reverse()
    .find((candidate) => candidate.trim().startsWith('{'));
  try {
    const demo = JSON.parse(line ?? '');
    if (isTwoBrandDemo(demo)) return demo;
  } catch {
    // Reported below.
  }
  throw new Error(`demo did not print the two workspaces as JSON; got:\n${text}`);
}

function printBox(title, lines) {
  const width = Math.max(title.length, ...lines.map((line) => line.length));
  const row = (text) => `│ ${text.padEnd(width)} │`;
  console.log(
    [
      '',
      `┌${'─'.repeat(width + 2)}┐`,
      row(title),
      row(''),
      ...lines.map(row),
      `└${'─'.repeat(width + 2)}┘`,
      '',
    ].join('\n'),
  );
}

function assertBuilt() {
  let nextBin;
  try {
    nextBin = createRequire(path.join(apps.studioDir, 'package.json')).resolve('next/dist/bin/next');
  } catch {
    throw new Error('Next.js is not installed; run `npm install`.');
  }
  const missing = [
    apps.migrate,
    apps.demo,
    apps.simulate,
    apps.api,
    apps.worker,
    path.join(apps.studioDir, '.next'),
  ].filter((file) => !fs.existsSync(file));
  if (missing.length) {
    throw new Error(
      `Not built (missing ${missing.map((f) => path.relative(root, f)).join(', ')}); run \`npm run build\`.`,
    );
  }
  return nextBin;
}

async function main() {
  if (!(demoSettings.simulateRate >= 0)) {
    throw new Error('PARCOURS_SIMULATE_RATE is a number of actions per second and brand (0: no simulation)');
  }
  const nextBin = assertBuilt();
  fs.mkdirSync(stateDir, { recursive: true });

  let databaseUrl = process.env.DATABASE_URL;
  let freshDatabase = false;
  if (databaseUrl) console.log('Postgres: using DATABASE_URL');
  else {
    const dataDir = path.join(stateDir, 'postgres');
    console.log(
      `Starting Postgres on 127.0.0.1:${ports.postgres} (data in ${path.relative(root, dataDir)})…`,
    );
    const postgres = await startPostgres({ dataDir, port: ports.postgres });
    services.push({ name: 'Postgres', stop: postgres.stop });
    databaseUrl = postgres.url;
    freshDatabase = postgres.created;
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi;
  if (temporalAddress) console.log(`Temporal: using TEMPORAL_ADDRESS=${temporalAddress}`);
  else {
    console.log(`Starting the Temporal dev server on 127.0.0.1:${ports.temporal}…`);
    const temporal = await startTemporalDevServer({
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFile: path.join(stateDir, 'temporal.db'),
      onLine: linePrinter('temporal'),
    });
    services.push({ name: 'Temporal', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUi = `http://localhost:${ports.temporalUi}`;
  }

  let smtpUrl = process.env.SMTP_URL;
  let mailViewer;
  if (smtpUrl) console.log('SMTP: using SMTP_URL');
  else {
    const sink = await startSmtpSink({ smtpPort: ports.smtp, httpPort: ports.mailViewer });
    services.push({ name: 'SMTP sink', stop: sink.stop });
    smtpUrl = sink.smtpUrl;
    mailViewer = sink.viewerUrl;
  }
  if (stopping) return;

  // Where tracking links point and Twilio's webhooks go: the apps' default is port 4000, whatever API_PORT says.
  const publicApiUrl = process.env.PUBLIC_API_URL || `http://localhost:${ports.api}`;
  let smsSink;
  if (process.env.TWILIO_ACCOUNT_SID) console.log('SMS: using TWILIO_ACCOUNT_SID');
  else {
    // Loaded only when used: it reads the built domain package.
    const { startSmsSink } = await import('./stack/sms-sink.cjs');
    smsSink = await startSmsSink({ port: ports.sms, publicApiUrl });
    services.push({ name: 'SMS sink', stop: smsSink.stop });
  }
  if (stopping) return;

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    PUBLIC_API_URL: publicApiUrl,
    // The fake account's SID, token, sender and the sink's URL, for the worker and the API.
    ...smsSink?.env,
  };
  await runStep('migrate', [apps.migrate], { env });

  // A brand-new embedded cluster cannot hold the workspaces an old demo file describes.
  if (freshDatabase && fs.existsSync(demoFile)) fs.rmSync(demoFile);
  let demo = fs.existsSync(demoFile) ? JSON.parse(fs.readFileSync(demoFile, 'utf8')) : undefined;
  if (demo && !isTwoBrandDemo(demo)) {
    console.log(
      `${path.relative(root, demoFile)} describes the older one-workspace demo: loading the two-brand demo`,
    );
    demo = undefined;
  }
  if (!demo) {
    console.log(`Loading the demo: ${demoSettings.profiles} customers per brand (PARCOURS_DEMO_PROFILES)…`);
    const stdout = await runStep(
      'demo',
      [apps.demo, '--profiles', demoSettings.profiles, '--seed', demoSettings.seed, '--json'],
      { env, captureStdout: true },
    );
    demo = parseDemoOutput(stdout);
    fs.writeFileSync(demoFile, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
    console.log(
      `Demo loaded in ${Math.round(demo.seconds)} s; keys saved in ${path.relative(root, demoFile)}`,
    );
  }
  if (stopping) return;
  for (const brand of ['miaoum', 'zoro'])
    smsSink?.addInboundWorkspace(demo[brand].name, demo[brand].workspaceId);

  startApp('api', process.execPath, [...API_NODE_ARGS, apps.api], {
    cwd: root,
    env: { ...env, API_PORT: String(ports.api) },
  });
  startApp('worker', process.execPath, [apps.worker], { cwd: root, env });
  startApp('studio', process.execPath, [nextBin, 'start', '-p', String(ports.studio)], {
    cwd: apps.studioDir,
    env: {
      ...env,
      NEXT_TELEMETRY_DISABLED: '1',
      PARCOURS_API_URL: `http://127.0.0.1:${ports.api}`,
    },
  });

  await waitFor(
    'API /health',
    async () => (await httpStatus(`http://127.0.0.1:${ports.api}/health`)) === 200,
  );
  await waitFor('Studio', () => canConnect(ports.studio));
  if (stopping || ![...children].every(isRunning)) return;

  if (demoSettings.simulateRate > 0) {
    startCompanion(
      'simulate',
      [
        apps.simulate,
        '--demo-file',
        demoFile,
        '--api',
        `http://127.0.0.1:${ports.api}`,
        '--rate',
        String(demoSettings.simulateRate),
        '--duration',
        String(24 * 86_400), // simulate's longest run
        ...(mailViewer ? ['--mail-viewer', mailViewer] : []),
      ],
      { cwd: root, env },
    );
  }

  const scenarioOf = (brand, templateId) =>
    demo[brand].scenarios.find((scenario) => scenario.templateId === templateId)?.scenarioId;
  const workspaceLines = (brand, journey) => [
    `${demo[brand].name.padEnd(13)} sign in ${demo[brand].adminUser.email} / ${demo[brand].adminUser.password}`,
    `  journey     http://localhost:${ports.studio}/scenarios/${scenarioOf(brand, journey)}`,
    `  admin key   ${demo[brand].adminKey}`,
    `  write key   ${demo[brand].writeKey}`,
  ];
  printBox('Parcours is up — Ctrl-C stops everything', [
    `Studio        http://localhost:${ports.studio}`,
    `API           http://localhost:${ports.api}`,
    `OpenAPI docs  http://localhost:${ports.api}/docs`,
    `Temporal UI   ${temporalUi ?? `(external: ${temporalAddress})`}`,
    `Mail viewer   ${mailViewer ?? '(external SMTP_URL)'}`,
    `SMS viewer    ${smsSink?.url ?? '(Twilio: TWILIO_ACCOUNT_SID)'}`,
    '',
    `Demo: ${demo.profilesPerBrand} customers per brand (seed ${demo.seed}), ` +
      (demoSettings.simulateRate > 0
        ? `${demoSettings.simulateRate} live action(s)/s per brand`
        : 'no live simulation'),
    ...workspaceLines('miaoum', 'miaoum-welcome-pack'),
    ...workspaceLines('zoro', 'zoro-abandoned-cart'),
    `(saved in ${path.relative(root, demoFile)}; delete it to load the demo again)`,
  ]);
}

main().catch(fail);
