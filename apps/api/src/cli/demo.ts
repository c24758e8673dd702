import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DEMO_BRANDS } from '../demo/demo-dataset';
import { DemoModule } from '../demo/demo.module';
import { type LoadDemoProgress, LoadDemoUseCase } from '../demo/load-demo.usecase';
import { parseCliOptions, runCli, UsageError } from './run-cli';

const MIN_PROFILES = 1_000;
const MAX_PROFILES = 1_000_000;
const MAX_SEED = 4_294_967_295;

const USAGE = `Usage: demo --profiles <${MIN_PROFILES}..${MAX_PROFILES}> [--seed N] [--now <ISO date>] [--json]

Loads the two-brand demo into the database (DATABASE_URL): the workspaces "Mia(ou)m" (pet food)
and "Zoro" (fashion), a studio admin each, every scenario template of each brand (the welcome pack,
kibble stock alert, abandoned cart, repurchase delay and promoters' reward published; the detractors'
call-back left a draft: its webhook URL is a placeholder), then --profiles generated customers per
brand with about two years of history, imported as a file would be, and their computed traits and
segments. Prints the admin key, write key and studio sign-in of each workspace (shown only once).

  --profiles N   customers per brand, ${MIN_PROFILES.toLocaleString('en-US')} to ${MAX_PROFILES.toLocaleString('en-US')}
  --seed N       the data set's seed, 0 to ${MAX_SEED} (default 1): the same seed and date give the same data
  --now DATE     the date the histories end at (default: now; not in the future)
  --json         print one JSON object instead of text

Exit codes: 0 loaded, 2 bad arguments (nothing written), 1 failure.`;

interface Options {
  profiles: number;
  seed: number;
  now: Date;
  json: boolean;
}

const wholeNumber = (text: string | undefined, flag: string, min: number, max: number): number => {
  const value = text !== undefined && /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(
      `${flag} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}` +
        (text === undefined ? '' : `, not "${text}"`),
    );
  }
  return value;
};

function parseOptions(argv: string[]): Options | 'help' {
  const values = parseArgs({
    args: argv,
    options: {
      profiles: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
  if (values.help) return 'help';
  const profiles = wholeNumber(values.profiles, '--profiles', MIN_PROFILES, MAX_PROFILES);
  const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, '--seed', 0, MAX_SEED);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--now must be an ISO 8601 date, not "${values.now}"`);
  if (now.getTime() > Date.now()) throw new UsageError('--now cannot be in the future: histories end there');
  return { profiles, seed, now, json: Boolean(values.json) };
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

/** A line per step, and at most one per second while importing, on stderr. */
function progressPrinter() {
  let last = 0;
  let lastStep = '';
  return ({ brand, step, import: running }: LoadDemoProgress) => {
    const now = Date.now();
    if (`${brand} ${step}` === lastStep && now - last < 1000) return;
    last = now;
    lastStep = `${brand} ${step}`;
    const done = running ? `: ${number(running.rowsDone)} / ${number(running.rows)}` : '';
    console.error(`demo ${brand}: ${step}${done}`);
  };
}

async function main(): Promise<number> {
  const parsed = await parseCliOptions(USAGE, parseOptions);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { options } = parsed;
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set (e.g. postgres://user:pass@127.0.0.1:5432/parcours)');
    return 2;
  }

  const started = Date.now();
  const app = await NestFactory.createApplicationContext(DemoModule, { logger: ['error'] });
  try {
    const loaded = await app
      .get(LoadDemoUseCase)
      .execute(
        { profilesPerBrand: options.profiles, seed: options.seed, now: options.now },
        progressPrinter(),
      );
    const seconds = (Date.now() - started) / 1000;
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    if (options.json) {
      console.log(
        JSON.stringify({
          profilesPerBrand: options.profiles,
          seed: options.seed,
          now: options.now.toISOString(),
          seconds,
          peakRssMiB,
          ...loaded,
        }),
      );
      return 0;
    }
    console.log(
      `Demo loaded in ${seconds.toFixed(1)} s (peak RSS ${number(peakRssMiB)} MiB): ` +
        `${number(options.profiles)} customers per brand, seed ${options.seed}, histories up to ${options.now.toISOString()}`,
    );
    for (const brand of DEMO_BRANDS) {
      const workspace = loaded[brand];
      const named = (status: string) =>
        workspace.scenarios
          .filter((s) => s.status === status)
          .map((s) => s.name)
          .join(', ') || '—';
      console.log(`\n${workspace.name}: workspace ${workspace.workspaceId}`);
      console.log(`  Studio sign-in (admin): ${workspace.adminUser.email} / ${workspace.adminUser.password}`);
      console.log(`  Admin key (Authorization: Bearer …): ${workspace.adminKey}`);
      console.log(`  Write key (ingestion, HTTP Basic username): ${workspace.writeKey}`);
      console.log(`  ${number(workspace.profiles)} profiles, ${number(workspace.events)} events`);
      console.log(`  Live: ${named('live')}; draft: ${named('draft')}`);
    }
    console.log('\nKeep the keys and passwords now: they are stored hashed and cannot be shown again.');
    return 0;
  } finally {
    await app.close();
  }
}

runCli('Demo', main);
