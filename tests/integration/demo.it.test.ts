import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { type DemoBrand, demoCustomers } from '../../apps/api/src/demo/demo-dataset';
import { DEMO_PUBLISHED_TEMPLATES } from '../../apps/api/src/demo/load-demo.usecase';
import { repoRoot } from '../support/app-process';
import { createTestDatabase, type RunningApi, startApi } from '../support/apps';

const execFileAsync = promisify(execFile);
const DAY_MS = 86_400_000;
const PROFILES = 1_000;
const SEED = 7;
// Yesterday, midnight UTC: fixed for both runs, never in the future.
const NOW = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS);

async function cli(script: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function query<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

interface LoadedWorkspace {
  name: string;
  workspaceId: string;
  adminKey: string;
  writeKey: string;
  adminUser: { email: string; password: string };
  scenarios: { templateId: string; scenarioId: string; name: string; status: string }[];
  profiles: number;
  events: number;
}
type LoadedDemo = Record<DemoBrand, LoadedWorkspace> & {
  profilesPerBrand: number;
  seed: number;
  now: string;
};

const loadDemo = async (databaseUrl: string) => {
  const result = await cli(
    'apps/api/dist/cli/demo.js',
    ['--profiles', String(PROFILES), '--seed', String(SEED), '--now', NOW.toISOString(), '--json'],
    { DATABASE_URL: databaseUrl },
  );
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
    code: 0,
    stderr: '',
  });
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as LoadedDemo;
};

/** What the generator says the loaded data is, per brand: events by name (count, total), profiles. */
function expectedData(brand: DemoBrand) {
  const events: Record<string, { count: number; total: number }> = {};
  let withEmail = 0;
  let emailGranted = 0;
  for (const customer of demoCustomers({ brand, count: PROFILES, seed: SEED, now: NOW })) {
    if (customer.email) withEmail += 1;
    if (customer.consents.email === 'granted') emailGranted += 1;
    for (const event of customer.events) {
      events[event.name] ??= { count: 0, total: 0 };
      events[event.name].count += 1;
      events[event.name].total += typeof event.properties.total === 'number' ? event.properties.total : 0;
    }
  }
  for (const name of Object.keys(events)) events[name].total = Math.round(events[name].total * 100) / 100;
  return { events, withEmail, emailGranted };
}

/** The stored data of a workspace, in the same shape (segment membership events apart). */
async function storedData(databaseUrl: string, workspaceId: string) {
  const rows = await query<{ name: string; count: number; total: string }>(
    databaseUrl,
    `SELECT name, count(*)::int AS count, coalesce(sum((properties ->> 'total')::numeric), 0)::text AS total
     FROM events WHERE workspace_id = $1 AND name NOT LIKE 'segment.%' GROUP BY name`,
    [workspaceId],
  );
  const [profiles] = await query<{ all: number; withEmail: number; emailGranted: number }>(
    databaseUrl,
    `SELECT count(*)::int AS all, count(email)::int AS "withEmail",
            count(*) FILTER (WHERE consents -> 'email' ->> 'status' = 'granted')::int AS "emailGranted"
     FROM profiles WHERE workspace_id = $1`,
    [workspaceId],
  );
  return {
    events: Object.fromEntries(rows.map((r) => [r.name, { count: r.count, total: Number(r.total) }])),
    withEmail: profiles.withEmail,
    emailGranted: profiles.emailGranted,
    profiles: profiles.all,
  };
}

describe('demo: the two-brand demo loader', () => {
  let databaseUrl: string;
  let demo: LoadedDemo;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  it('explains bad flags with exit code 2 and writes nothing', async () => {
    const hostile = [
      [],
      ['--profiles', '0'],
      ['--profiles', 'abc'],
      ['--profiles', '2000000'],
      ['--profiles', '999'],
      ['--profiles', '1e3'],
      ['--profiles', '1000', '--seed', '-1'],
      ['--profiles', '1000', '--seed', 'x'],
      ['--profiles', '1000', '--now', 'tomorrow'],
      ['--profiles', '1000', '--now', '2999-01-01T00:00:00Z'],
      ['--profiles', '1000', '--profile', '5'],
      ['--profiles', '1000', 'extra'],
    ];
    for (const args of hostile) {
      const result = await cli('apps/api/dist/cli/demo.js', args, { DATABASE_URL: databaseUrl });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/Usage: demo/);
    }
    expect((await cli('apps/api/dist/cli/demo.js', ['--profiles', '0'], {})).stderr).toMatch(
      /--profiles must be a whole number from 1,000 to 1,000,000, not "0"/,
    );
    expect(await query(databaseUrl, `SELECT id FROM workspaces`)).toEqual([]);
  });

  it('loads two workspaces with their templates, the chosen scenarios live, and exactly the generated data', async () => {
    demo = await loadDemo(databaseUrl);
    expect(demo).toMatchObject({ profilesPerBrand: PROFILES, seed: SEED, now: NOW.toISOString() });
    const workspaces = await query<{ name: string }>(
      databaseUrl,
      `SELECT name FROM workspaces ORDER BY name`,
    );
    expect(workspaces.map((w) => w.name)).toEqual(['Mia(ou)m', 'Zoro']);

    const scenarios = await query<{ workspace: string; name: string; status: string; versions: number }>(
      databaseUrl,
      `SELECT w.name AS workspace, s.name, s.status,
                (SELECT count(*)::int FROM scenario_versions v WHERE v.scenario_id = s.id) AS versions
         FROM scenarios s JOIN workspaces w ON w.id = s.workspace_id ORDER BY 1, 2`,
    );
    expect(scenarios).toEqual([
      { workspace: 'Mia(ou)m', name: 'Mia(ou)m kibble stock alert', status: 'live', versions: 1 },
      { workspace: 'Mia(ou)m', name: 'Mia(ou)m welcome pack', status: 'live', versions: 1 },
      { workspace: 'Zoro', name: 'Call back high-basket detractors', status: 'draft', versions: 0 },
      { workspace: 'Zoro', name: 'Reward top promoters', status: 'live', versions: 1 },
      { workspace: 'Zoro', name: 'Zoro abandoned cart', status: 'live', versions: 1 },
      { workspace: 'Zoro', name: 'Zoro repurchase delay exceeded', status: 'live', versions: 1 },
    ]);
    const live = [...demo.miaoum.scenarios, ...demo.zoro.scenarios].filter((s) => s.status === 'live');
    expect(new Set(live.map((s) => s.templateId))).toEqual(DEMO_PUBLISHED_TEMPLATES);

    for (const brand of ['miaoum', 'zoro'] as const) {
      const expected = expectedData(brand);
      const stored = await storedData(databaseUrl, demo[brand].workspaceId);
      expect(stored).toEqual({ ...expected, profiles: PROFILES });
      const generatedEvents = Object.values(expected.events).reduce((n, e) => n + e.count, 0);
      expect(demo[brand]).toMatchObject({ profiles: PROFILES, events: generatedEvents });
      const [admin] = await query(
        databaseUrl,
        `SELECT role FROM users WHERE email = $1 AND workspace_id = $2`,
        [demo[brand].adminUser.email, demo[brand].workspaceId],
      );
      expect(admin).toEqual({ role: 'admin' });
    }
    const imports = await query<{ kind: string; status: string; rows_failed: string }>(
      databaseUrl,
      `SELECT kind, status, rows_failed FROM import_jobs ORDER BY kind`,
    );
    expect(imports).toHaveLength(4);
    expect(imports.every((job) => job.status === 'completed' && Number(job.rows_failed) === 0)).toBe(true);

    // Traits computed and segments built over the whole base: the journeys have people to start with.
    const members = await query<{ name: string; members: number }>(
      databaseUrl,
      `SELECT s.name, (SELECT count(*)::int FROM segment_memberships m WHERE m.segment_id = s.id) AS members
         FROM segments s ORDER BY s.name`,
    );
    expect(
      members.find((s) => s.name === '3-month RF buyers past their repurchase date')!.members,
    ).toBeGreaterThan(50);
    expect(members.find((s) => s.name === 'Top revenue customers and promoters')!.members).toBeGreaterThan(5);
    const [traits] = await query<{ nps: number; rfm: number }>(
      databaseUrl,
      `SELECT count(*) FILTER (WHERE computed_traits -> 'nps' ->> 'category' IS NOT NULL)::int AS nps,
                count(*) FILTER (WHERE computed_traits -> 'rfm' ->> 'm' IS NOT NULL)::int AS rfm
         FROM profiles WHERE workspace_id = $1`,
      [demo.zoro.workspaceId],
    );
    expect(traits.nps).toBeGreaterThan(100);
    expect(traits.rfm).toBeGreaterThan(400);
  }, 900_000);

  it('loads the same data again from the same seed, in another database', async () => {
    const otherUrl = await createTestDatabase();
    const again = await loadDemo(otherUrl);
    for (const brand of ['miaoum', 'zoro'] as const) {
      expect(await storedData(otherUrl, again[brand].workspaceId)).toEqual(
        await storedData(databaseUrl, demo[brand].workspaceId),
      );
      const profilesOf = (url: string, workspaceId: string) =>
        query(
          url,
          `SELECT external_id, email, phone, traits, consents -> 'email' ->> 'status' AS email_consent
             FROM profiles WHERE workspace_id = $1 ORDER BY external_id LIMIT 50`,
          [workspaceId],
        );
      expect(await profilesOf(otherUrl, again[brand].workspaceId)).toEqual(
        await profilesOf(databaseUrl, demo[brand].workspaceId),
      );
    }
  }, 900_000);

  describe('simulate', () => {
    let api: RunningApi;
    let dir: string;
    let demoFile: string;

    beforeAll(async () => {
      api = await startApi({ databaseUrl });
      dir = await mkdtemp(join(tmpdir(), 'parcours-demo-'));
      demoFile = join(dir, 'demo.json');
      await writeFile(demoFile, JSON.stringify(demo));
    });

    afterAll(async () => {
      await api?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('refuses bad flags and a file that is not a demo with exit code 2', async () => {
      await writeFile(join(dir, 'not-demo.json'), JSON.stringify({ workspaceId: 'x' }));
      for (const args of [
        [],
        ['--demo-file', join(dir, 'missing.json')],
        ['--demo-file', join(dir, 'not-demo.json')],
        ['--demo-file', demoFile, '--rate', '0'],
        ['--demo-file', demoFile, '--rate', '51'],
        ['--demo-file', demoFile, '--duration', '0'],
        ['--demo-file', demoFile, '--api', 'ftp://x'],
      ]) {
        const result = await cli('apps/api/dist/cli/simulate.js', args, {});
        expect({ args, code: result.code }).toEqual({ args, code: 2 });
        expect(result.stderr).toMatch(/Usage: simulate/);
      }
    });

    it('plays customers through the public API: every call accepted, stored, with sign-ups', async () => {
      const before = await query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'sim-%'`,
      );
      expect(before[0].n).toBe(0);
      const result = await cli(
        'apps/api/dist/cli/simulate.js',
        ['--demo-file', demoFile, '--api', api.url, '--rate', '8', '--duration', '5', '--seed', '3'],
        {},
      );
      expect(result.code).toBe(0);
      const summary =
        /simulate: stopped; since the last line: (.*)/.exec(result.stdout)?.[1] ?? result.stdout;
      expect(summary).toMatch(/^Mia\(ou\)m \d+ actions .*; Zoro \d+ actions /);
      expect([...summary.matchAll(/(\d+) refused/g)].map((m) => Number(m[1]))).toEqual([0, 0]);
      expect(summary).not.toMatch(/unreachable/);
      const accepted = [...summary.matchAll(/(\d+) calls accepted/g)].map((m) => Number(m[1]));
      expect(accepted).toEqual([expect.any(Number), expect.any(Number)]);
      expect(Math.min(...accepted)).toBeGreaterThan(5);

      const stored = await query<{ workspace_id: string; n: number }>(
        databaseUrl,
        `SELECT workspace_id, count(*)::int AS n FROM events WHERE message_id LIKE 'sim-%' GROUP BY 1`,
      );
      expect(new Set(stored.map((s) => s.workspace_id))).toEqual(
        new Set([demo.miaoum.workspaceId, demo.zoro.workspaceId]),
      );
      // Profile writes (sign-ups) count as accepted calls too, and store no event.
      const signUps = await query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM profiles WHERE external_id LIKE '%-sim-%'`,
      );
      expect(signUps[0].n).toBeGreaterThan(0);
      expect(stored.reduce((n, s) => n + s.n, 0)).toBe(accepted.reduce((a, b) => a + b, 0) - signUps[0].n);
    });

    it('stops with exit code 1 when the API refuses the keys', async () => {
      const forged = {
        ...demo,
        miaoum: { ...demo.miaoum, writeKey: 'prk_write_nope', adminKey: 'prk_admin_nope' },
        zoro: { ...demo.zoro, writeKey: 'prk_write_nope', adminKey: 'prk_admin_nope' },
      };
      await writeFile(join(dir, 'forged.json'), JSON.stringify(forged));
      const result = await cli(
        'apps/api/dist/cli/simulate.js',
        ['--demo-file', join(dir, 'forged.json'), '--api', api.url, '--duration', '30'],
        {},
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/answered 401/);
    });
  });
});
