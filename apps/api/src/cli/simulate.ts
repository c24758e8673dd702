import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DEMO_BRANDS, type DemoBrand } from '../demo/demo-dataset';
import { loadedDemoFileSchema, type LoadedDemoFile } from '../demo/demo-file';
import { DemoSimulator, type SimulatedAction } from '../demo/demo-simulator';
import { readerFetches, trackingLinks } from '../demo/email-engagement';
import { mixSeed, SeededRandom } from '../demo/seeded-random';
import { parseCliOptions, runCli, UsageError } from './run-cli';

const MAX_RATE = 50;
// A timer holds at most 2^31 - 1 ms (24.8 days).
const MAX_DURATION = 24 * 86_400;

const USAGE = `Usage: simulate --demo-file <path> [--api <url>] [--rate N] [--duration <seconds>] [--seed N] [--mail-viewer <url>]

Plays the demo's customers live against a running API, through its public routes: sign-ups
(PUT /profiles with the admin key, for their consents, then account.created or
newsletter.subscribed), product and page views, abandoned carts, orders, NPS answers (POST
/v1/batch with the write key). Returning customers are the loaded ones, acting as their history
suggests. One line a minute on stdout; Ctrl-C or SIGTERM stops it.

  --demo-file PATH    what \`demo --json\` printed (npm run up keeps it in .parcours/demo-workspace.json)
  --api URL           the API (default http://127.0.0.1:4000)
  --rate N            customer actions per second and brand, 0.1 to ${MAX_RATE} (default 1; an action is 1-3 calls)
  --duration SECONDS  stops after this long, 1 to ${MAX_DURATION} (default 86400: a day)
  --seed N            the simulation's seed (default 1)
  --mail-viewer URL   the local SMTP sink's viewer (npm run up's): opens and clicks some emails it received

Exit codes: 0 done or stopped, 2 bad arguments or demo file, 1 the API refused the keys.`;

interface Options {
  demo: LoadedDemoFile;
  api: string;
  rate: number;
  durationMs: number;
  seed: number;
  mailViewer: string | null;
}

/** The API refused a key: nothing this process does can succeed. */
class RefusedKeyError extends Error {}

const httpUrl = (text: string, flag: string): string => {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString().replace(/\/+$/, '');
  } catch {
    // Reported below.
  }
  throw new UsageError(`${flag} must be an http(s) URL, not "${text}"`);
};

const numberIn = (text: string, flag: string, min: number, max: number, whole: boolean): number => {
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max) || (whole && !Number.isInteger(value))) {
    throw new UsageError(
      `${flag} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}, not "${text}"`,
    );
  }
  return value;
};

async function parseOptions(argv: string[]): Promise<Options | 'help'> {
  const values = parseArgs({
    args: argv,
    options: {
      'demo-file': { type: 'string' },
      api: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      seed: { type: 'string' },
      'mail-viewer': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
  if (values.help) return 'help';
  const path = values['demo-file'];
  if (!path) throw new UsageError('--demo-file <path> is required');
  let demo: LoadedDemoFile;
  try {
    const parsed = loadedDemoFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${issue.path.join('.') || 'the file'}: ${issue.message} (is it what \`demo --json\` printed?)`,
      );
    }
    demo = parsed.data;
  } catch (error) {
    throw new UsageError(`Cannot use the demo file ${path}: ${(error as Error).message}`);
  }
  return {
    demo,
    api: httpUrl(values.api ?? 'http://127.0.0.1:4000', '--api'),
    rate: values.rate === undefined ? 1 : numberIn(values.rate, '--rate', 0.1, MAX_RATE, false),
    durationMs:
      1000 *
      (values.duration === undefined
        ? 86_400
        : numberIn(values.duration, '--duration', 1, MAX_DURATION, true)),
    seed: values.seed === undefined ? 1 : numberIn(values.seed, '--seed', 0, 4_294_967_295, true),
    mailViewer: values['mail-viewer'] === undefined ? null : httpUrl(values['mail-viewer'], '--mail-viewer'),
  };
}

/** What happened since the last log line. */
class Tally {
  actions = new Map<string, number>();
  accepted = 0;
  refused = 0;
  unreachable = 0;
  problems = new Set<string>();

  countAction(kind: string) {
    this.actions.set(kind, (this.actions.get(kind) ?? 0) + 1);
  }

  refuse(problem: string) {
    this.refused += 1;
    if (this.problems.size < 3) this.problems.add(problem.slice(0, 300));
  }

  reset() {
    this.actions.clear();
    this.accepted = this.refused = this.unreachable = 0;
    this.problems.clear();
  }

  describe(name: string): string {
    const total = [...this.actions.values()].reduce((a, b) => a + b, 0);
    const kinds = [...this.actions].map(([kind, n]) => `${kind} ${n}`).join(', ');
    return (
      `${name} ${total} actions (${kinds || 'none'}), ${this.accepted} calls accepted, ${this.refused} refused` +
      (this.unreachable > 0 ? `, ${this.unreachable} unreachable` : '') +
      (this.problems.size > 0 ? ` [${[...this.problems].join(' | ')}]` : '')
    );
  }
}

async function send(
  api: string,
  keys: { adminKey: string; writeKey: string },
  action: SimulatedAction,
  tally: Tally,
): Promise<void> {
  const post = async (method: string, path: string, authorization: string, body: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${api}${path}`, {
        method,
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      tally.unreachable += 1;
      return undefined;
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new RefusedKeyError(
        `${method} ${path} answered ${response.status}: are the demo file's keys from this database?`,
      );
    }
    if (!response.ok) tally.refuse(`${method} ${path} ${response.status}: ${text}`);
    return response.ok ? (JSON.parse(text) as unknown) : undefined;
  };
  tally.countAction(action.kind);
  if (action.profile) {
    const written = await post(
      'PUT',
      `/profiles/${encodeURIComponent(action.profile.userId)}`,
      `Bearer ${keys.adminKey}`,
      action.profile.body,
    );
    if (written === undefined) return;
    tally.accepted += 1;
  }
  if (action.calls.length === 0) return;
  const result = (await post(
    'POST',
    '/v1/batch',
    `Basic ${Buffer.from(`${keys.writeKey}:`).toString('base64')}`,
    {
      batch: action.calls,
    },
  )) as { accepted: number; errors: { index: number; errors: { message: string }[] }[] } | undefined;
  if (!result) return;
  tally.accepted += result.accepted;
  for (const error of result.errors)
    tally.refuse(`call ${error.index}: ${error.errors.map((e) => e.message).join('; ')}`);
}

/** One brand's customers, at `rate` actions a second, until `signal` aborts. */
async function playBrand(
  options: Options,
  brand: DemoBrand,
  runId: string,
  tally: Tally,
  signal: AbortSignal,
) {
  const { demo } = options;
  const simulator = new DemoSimulator(
    { brand, seed: demo.seed, profiles: demo.profilesPerBrand, loadedAt: new Date(demo.now), runId },
    new SeededRandom(mixSeed(options.seed, brand === 'miaoum' ? 1 : 2)),
  );
  const interval = 1000 / options.rate;
  for (let next = Date.now(); !signal.aborted;) {
    await send(options.api, demo[brand], simulator.next(), tally);
    next += interval;
    await sleep(Math.max(0, next - Date.now()), undefined, { signal }).catch(() => undefined);
  }
}

/** Opens and clicks some of the emails the local sink received, as their readers would. */
async function readEmails(
  api: string,
  viewer: string,
  seed: number,
  counts: { opened: number; clicked: number },
  signal: AbortSignal,
) {
  const random = new SeededRandom(mixSeed(seed, 3));
  const seen = new Set<string>();
  while (!signal.aborted) {
    try {
      const response = await fetch(`${viewer}/messages.json`, { signal: AbortSignal.timeout(10_000) });
      const messages = (await response.json()) as { id: string; html?: string }[];
      for (const message of messages.reverse()) {
        if (seen.has(message.id) || signal.aborted) continue;
        seen.add(message.id);
        if (seen.size > 5_000) seen.delete(seen.values().next().value!);
        for (const link of readerFetches(random, trackingLinks(message.html ?? ''))) {
          // Through --api: the public URL in the email (PUBLIC_API_URL) may not be reachable from here.
          const url = `${api}${link.slice(link.indexOf('/t/'))}`;
          const fetched = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
          await fetched.arrayBuffer();
          if (fetched.status < 400) counts[link.includes('/t/o/') ? 'opened' : 'clicked'] += 1;
        }
      }
    } catch {
      // The sink or the API is not there (yet): try again at the next round.
    }
    await sleep(5_000, undefined, { signal }).catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const parsed = await parseCliOptions(USAGE, parseOptions);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { options } = parsed;
  const stop = new AbortController();
  const stopNow = () => stop.abort();
  process.once('SIGINT', stopNow);
  process.once('SIGTERM', stopNow);
  const deadline = setTimeout(stopNow, options.durationMs);

  const runId = Date.now().toString(36);
  const tallies = { miaoum: new Tally(), zoro: new Tally() };
  const emails = { opened: 0, clicked: 0 };
  const log = (when: string) => {
    const line = DEMO_BRANDS.map((brand) => tallies[brand].describe(options.demo[brand].name)).join('; ');
    console.log(
      `simulate: ${when}: ${line}` +
        (options.mailViewer ? `; emails opened ${emails.opened}, clicked ${emails.clicked}` : ''),
    );
    for (const brand of DEMO_BRANDS) tallies[brand].reset();
    emails.opened = emails.clicked = 0;
  };
  const minutes = setInterval(() => log('last minute'), 60_000);
  console.log(
    `simulate: ${options.rate} actions/s per brand against ${options.api} for up to ${options.durationMs / 1000} s (run ${runId})`,
  );
  try {
    await Promise.all([
      ...DEMO_BRANDS.map((brand) =>
        playBrand(options, brand, runId, tallies[brand], stop.signal).catch((error: Error) => {
          stop.abort();
          throw error;
        }),
      ),
      ...(options.mailViewer
        ? [readEmails(options.api, options.mailViewer, options.seed, emails, stop.signal)]
        : []),
    ]);
  } catch (error) {
    if (error instanceof RefusedKeyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    clearTimeout(deadline);
    clearInterval(minutes);
    log('stopped; since the last line');
  }
  return 0;
}

runCli('Simulate', main);
