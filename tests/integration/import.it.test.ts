import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '../support/app-process';
import { bootstrapWorkspace, createTestDatabase, type TestWorkspace } from '../support/apps';

const execFileAsync = promisify(execFile);

/** The bulk import command, run as an operator would, on small files: mapping, errors, re-runs. */
describe('import CLI: profiles and events from CSV and NDJSON', () => {
  let databaseUrl: string;
  let workspace: TestWorkspace;
  let db: Client;
  let dir: string;

  async function importCli(...args: string[]) {
    return importCliWith({ DATABASE_URL: databaseUrl }, ...args);
  }

  async function importCliWith(env: NodeJS.ProcessEnv, ...args: string[]) {
    try {
      const { stdout, stderr } = await execFileAsync(
        process.execPath,
        ['apps/api/dist/cli/import.js', ...args],
        {
          cwd: repoRoot,
          env: { ...process.env, ...env },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  function file(name: string, lines: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  const query = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await db.query(sql, params)).rows as T[];

  type Counts = Record<'profiles' | 'identities' | 'consents' | 'events' | 'outbox' | 'errors', number>;
  const counts = async () =>
    (
      await query<Counts>(
        `SELECT (SELECT count(*)::int FROM profiles WHERE merged_into IS NULL) AS profiles,
                (SELECT count(*)::int FROM profile_identities) AS identities,
                (SELECT count(*)::int FROM consent_history) AS consents,
                (SELECT count(*)::int FROM events) AS events,
                (SELECT count(*)::int FROM event_outbox) AS outbox,
                (SELECT count(*)::int FROM import_errors) AS errors`,
      )
    )[0];

  interface ProfileRow {
    id: string;
    external_id: string;
    traits: Record<string, unknown>;
    consents: Record<string, { status: string }>;
  }
  const profileOf = async (userId: string) =>
    (
      await query<ProfileRow>(
        `SELECT p.* FROM profiles p JOIN profile_identities i ON i.profile_id = p.id
         WHERE i.kind = 'user_id' AND i.value = $1`,
        [userId],
      )
    )[0];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    workspace = await bootstrapWorkspace(databaseUrl);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    dir = mkdtempSync(join(tmpdir(), 'parcours-import-'));
  });
  afterAll(async () => {
    await db?.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports profiles from CSV: identities, typed traits, consents; bad rows reported, good rows kept', async () => {
    const csv = file('crm.csv', [
      'user_id,Email,phone,first_name,country,consent_email,consent_sms,Plan,age,traits.address.city',
      'u-1,Ann@Example.TEST,+33612345678,Ann,fr,granted,revoked,pro,31,Paris',
      'u-2,bob@example.test,,Bob,BE,revoked,,free,,',
      'u-3,not-an-email,,Carl,FR,,,,,',
      ',,,Nobody,FR,granted,,,,',
      'u-4,dan@example.test,12345,Dan,FR,,,,,',
      'u-5,eve@example.test,,Eve,FRA,maybe,,,forty,',
      '"u-6","fay@example.test",,"Fay, the second",FR,,,,,',
    ]);
    const report = join(dir, 'crm-errors.ndjson');
    const result = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', csv],
      ...['--map', 'Plan=traits.plan', '--map', 'age=traits.age:number', '--errors', report],
    );
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/completed: 7 rows/) });
    expect(result.stderr).toContain(`4 rows failed and were not imported; report (4 rows): ${report}`);

    const errors = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(errors).toEqual([
      { row: 3, line: 4, errors: [expect.objectContaining({ path: 'Email', code: 'invalid_format' })] },
      { row: 4, line: 5, errors: [expect.objectContaining({ code: 'missing_identity' })] },
      { row: 5, line: 6, errors: [expect.objectContaining({ path: 'phone', code: 'invalid_format' })] },
      {
        row: 6,
        line: 7,
        errors: [
          expect.objectContaining({ path: 'consent_email', code: 'invalid_value' }),
          expect.objectContaining({ path: 'age', code: 'invalid_type' }),
          expect.objectContaining({ path: 'traits.country' }),
        ],
      },
    ]);

    const ann = await profileOf('u-1');
    expect(ann).toMatchObject({
      external_id: 'u-1',
      email: 'ann@example.test',
      phone: '+33612345678',
      traits: {
        email: 'ann@example.test',
        phone: '+33612345678',
        firstName: 'Ann',
        country: 'FR',
        plan: 'pro',
        age: 31,
        address: { city: 'Paris' },
      },
      consents: { email: { status: 'granted' }, sms: { status: 'revoked' } },
    });
    expect((await profileOf('u-6')).traits).toMatchObject({ firstName: 'Fay, the second' });
    expect(await profileOf('u-3')).toBeUndefined();
    expect(
      await query(`SELECT kind, value FROM profile_identities WHERE profile_id = $1 ORDER BY kind`, [ann.id]),
    ).toEqual([
      { kind: 'email', value: 'ann@example.test' },
      { kind: 'phone', value: '+33612345678' },
      { kind: 'user_id', value: 'u-1' },
    ]);
    expect(
      await query(`SELECT channel, status, source FROM consent_history ORDER BY channel, status`),
    ).toEqual([
      { channel: 'email', status: 'granted', source: expect.stringMatching(/^import:/) },
      { channel: 'email', status: 'revoked', source: expect.stringMatching(/^import:/) },
      { channel: 'sms', status: 'revoked', source: expect.stringMatching(/^import:/) },
    ]);
    const [job] = await query(`SELECT * FROM import_jobs`);
    expect(job).toMatchObject({ kind: 'profiles', status: 'completed', rows_done: '7', rows_failed: '4' });

    // The same file again: the same job, replayed; nothing changes, not even the consent history.
    const before = await counts();
    const again = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', csv],
      ...['--map', 'Plan=traits.plan', '--map', 'age=traits.age:number', '--errors', report],
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/again \(import [0-9a-f-]{36}\)/);
    expect(await counts()).toEqual(before);
    expect(await query(`SELECT id, rows_done, rows_failed, status FROM import_jobs`)).toEqual([
      { id: job.id, rows_done: '7', rows_failed: '4', status: 'completed' },
    ]);
  });

  it('imports NDJSON profiles: Segment-style keys, nested traits, a custom identity, merges by identity', async () => {
    const ndjson = file('identify.ndjson', [
      JSON.stringify({ type: 'identify', userId: 'u-1', traits: { lastName: 'Martin', vip: true } }),
      '',
      JSON.stringify({ anonymousId: 'device-9', traits: { visits: 3 } }),
      '{ not json',
      JSON.stringify({ crm: 'C-77', email: 'bob@example.test', consents: { push: 'granted' } }),
      JSON.stringify(['not', 'an', 'object']),
      // Known customer u-6 seen on device-9 (anonymous until now): the anonymous profile merges into u-6.
      JSON.stringify({ userId: 'u-6', anonymousId: 'device-9', traits: { nickname: 'Fay' } }),
    ]);
    const result = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', ndjson],
      ...['--map', 'crm=identity.crm_id', '--json', '--errors', join(dir, 'identify-errors.ndjson')],
    );
    expect(result.code).toBe(0);
    const job = JSON.parse(result.stdout);
    expect(job).toMatchObject({ status: 'completed', rowsDone: 6, rowsFailed: 2, format: 'ndjson' });
    expect(result.stderr).toMatch(/2 rows failed/);

    expect((await profileOf('u-1')).traits).toMatchObject({
      firstName: 'Ann',
      lastName: 'Martin',
      vip: true,
    });
    expect((await profileOf('u-1')).traits).not.toHaveProperty('type');
    const bob = await profileOf('u-2');
    expect(bob.consents).toMatchObject({ push: { status: 'granted' }, email: { status: 'revoked' } });
    expect(
      await query(`SELECT profile_id FROM profile_identities WHERE kind = 'crm_id' AND value = 'C-77'`),
    ).toEqual([{ profile_id: bob.id }]);
    const fay = await profileOf('u-6');
    expect(fay.traits).toMatchObject({ firstName: 'Fay, the second', nickname: 'Fay', visits: 3 });
    expect(
      await query(
        `SELECT profile_id FROM profile_identities WHERE kind = 'anonymous_id' AND value = 'device-9'`,
      ),
    ).toEqual([{ profile_id: fay.id }]);
    expect(await query(`SELECT survivor_id, reason FROM profile_merges`)).toEqual([
      { survivor_id: fay.id, reason: 'identify' },
    ]);
  });

  it('applies rows in file order although batches are written two at a time: the last row wins', async () => {
    // 7 customers in every one of 6 batches; traits and consents change all along the file.
    const customers = 7;
    const rows = Array.from({ length: 6000 }, (_, i) => {
      const n = i + 1;
      return {
        user: `o-${n % customers}`,
        plan: `p${n}`,
        consent: Math.floor(n / 650) % 2 ? 'granted' : 'revoked',
      };
    });
    const csv = file('order.csv', [
      'user_id,plan,consent_email',
      ...rows.map((r) => `${r.user},${r.plan},${r.consent}`),
    ]);
    const result = await importCli('--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', csv);
    expect(result.code).toBe(0);

    const expected = new Map<string, { plan: string; consent: string; changes: number }>();
    for (const r of rows) {
      const last = expected.get(r.user);
      const changes = (last?.changes ?? 0) + (last?.consent === r.consent ? 0 : 1);
      expected.set(r.user, { plan: r.plan, consent: r.consent, changes });
    }
    const stored = await query<{ user: string; plan: string; consent: string; changes: number }>(
      `SELECT p.external_id AS user, p.traits->>'plan' AS plan, p.consents->'email'->>'status' AS consent,
              (SELECT count(*)::int FROM consent_history h WHERE h.profile_id = p.id) AS changes
       FROM profiles p WHERE p.external_id LIKE 'o-%' ORDER BY p.external_id`,
    );
    expect(stored).toEqual([...expected.entries()].sort().map(([user, e]) => ({ user, ...e })));
    // Consent history in order too: the latest record of each customer is its current status.
    const latest = await query<{ user: string; status: string }>(
      `SELECT DISTINCT ON (p.external_id) p.external_id AS user, h.status FROM consent_history h
       JOIN profiles p ON p.id = h.profile_id WHERE p.external_id LIKE 'o-%' ORDER BY p.external_id, h.id DESC`,
    );
    expect(latest).toEqual([...expected.entries()].sort().map(([user, e]) => ({ user, status: e.consent })));
  });

  it('imports events from CSV with timestamps and properties, triggering journeys unless told not to', async () => {
    const before = await counts();
    const csv = file('orders.csv', [
      'userId,event,timestamp,message_id,Amount,properties.sku,context.ip',
      'u-1,order.completed,2025-03-01T10:00:00Z,,42.5,sku-1,10.0.0.1',
      'u-1,order.completed,2025-03-02T10:00:00+02:00,m-fixed,10,sku-2,',
      'u-new,order.completed,2025-03-03T10:00:00Z,,1,sku-3,',
      'u-2,,2025-03-03T10:00:00Z,,1,sku-4,',
      'u-2,order.completed,yesterday,,1,sku-5,',
      ',order.completed,2025-03-03T10:00:00Z,,1,sku-6,',
    ]);
    const result = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'events', '--file', csv],
      ...[
        '--map',
        'Amount=properties.amount:number',
        '--json',
        '--errors',
        join(dir, 'orders-errors.ndjson'),
      ],
    );
    expect(result.code).toBe(0);
    const job = JSON.parse(result.stdout);
    expect(job).toMatchObject({ rowsDone: 6, rowsFailed: 3, rowsSkipped: 0, trigger: true });

    const events = await query(
      `SELECT e.name, e.type, e.properties, e.context, e.message_id, e.occurred_at, i.value AS user_id
       FROM events e JOIN profile_identities i ON i.profile_id = e.profile_id AND i.kind = 'user_id'
       ORDER BY e.occurred_at`,
    );
    expect(events).toEqual([
      {
        name: 'order.completed',
        type: 'track',
        properties: { amount: 42.5, sku: 'sku-1' },
        context: { ip: '10.0.0.1' },
        message_id: `import:${job.sourceSha256}:1`,
        occurred_at: new Date('2025-03-01T10:00:00Z'),
        user_id: 'u-1',
      },
      expect.objectContaining({ message_id: 'm-fixed', occurred_at: new Date('2025-03-02T08:00:00Z') }),
      expect.objectContaining({ user_id: 'u-new', message_id: `import:${job.sourceSha256}:3` }),
    ]);
    const after = await counts();
    expect(after).toMatchObject({ events: before.events + 3, outbox: before.outbox + 3 });
    expect(after.profiles).toBe(before.profiles + 1); // u-new

    // Again: every event is already there under its message id.
    const again = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'events', '--file', csv],
      ...[
        '--map',
        'Amount=properties.amount:number',
        '--json',
        '--errors',
        join(dir, 'orders-errors.ndjson'),
      ],
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ id: job.id, rowsSkipped: 3, rowsFailed: 3 });
    expect(await counts()).toEqual(after);
  });

  it('imports NDJSON events with --no-trigger: stored, but no journey is started', async () => {
    const before = await counts();
    const ndjson = file('pages.jsonl', [
      JSON.stringify({ userId: 'u-2', type: 'page', event: 'pricing', properties: { path: '/pricing' } }),
      JSON.stringify({ userId: 'u-2', event: 'plan.viewed', timestamp: '2025-04-01T00:00:00.000Z' }),
    ]);
    const result = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'events', '--file', ndjson, '--no-trigger'],
    );
    expect(result.code).toBe(0);
    expect(await counts()).toMatchObject({ events: before.events + 2, outbox: before.outbox });
    expect(await query(`SELECT type, properties FROM events WHERE name = 'pricing'`)).toEqual([
      { type: 'page', properties: { path: '/pricing' } },
    ]);
  });

  it('refuses bad arguments and unreadable files with exit code 2, before writing anything', async () => {
    const csv = file('ok.csv', ['user_id', 'u-9']);
    const jobsBefore = (await query(`SELECT count(*)::int AS n FROM import_jobs`))[0].n;
    const ws = workspace.workspaceId;
    const cases: [string[], RegExp][] = [
      [['--kind', 'profiles', '--file', csv], /--workspace <uuid> is required/],
      [['--workspace', ws, '--kind', 'users', '--file', csv], /--kind profiles\|events/],
      [['--workspace', ws, '--kind', 'profiles'], /--file <path> is required/],
      [['--workspace', ws, '--kind', 'profiles', '--file', join(dir, 'missing.csv')], /Cannot read .*ENOENT/],
      [
        ['--workspace', ws, '--kind', 'profiles', '--file', dir, '--format', 'csv'],
        /Cannot read .*not a regular file/,
      ],
      [['--workspace', ws, '--kind', 'profiles', '--file', join(dir, 'x.txt')], /Cannot tell the format/],
      [
        ['--workspace', ws, '--kind', 'profiles', '--file', csv, '--map', 'a=nowhere'],
        /Unknown target "nowhere"/,
      ],
      [
        ['--workspace', ws, '--kind', 'profiles', '--file', csv, '--map', 'a=event'],
        /only for event imports/,
      ],
      [['--workspace', ws, '--kind', 'profiles', '--file', csv, '--map', 'a=identity.Bad'], /identity kind/],
      [['--workspace', ws, '--kind', 'profiles', '--file', csv, '--no-trigger'], /--no-trigger is for event/],
      [['--workspace', ws, '--kind', 'profiles', '--file', csv, '--bogus'], /Unknown option '--bogus'/],
      [
        ['--workspace', '00000000-0000-4000-8000-000000000000', '--kind', 'profiles', '--file', csv],
        /Workspace 00000000-0000-4000-8000-000000000000 does not exist/,
      ],
    ];
    cases.push([
      ['--workspace', ws, '--kind', 'profiles', '--file', csv, '--errors', join(dir, 'nowhere', 'r.ndjson')],
      /Cannot write the error report/,
    ]);
    for (const [args, message] of cases) {
      const result = await importCli(...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
    }
    const noDatabase = await importCliWith(
      { DATABASE_URL: '' },
      '--workspace',
      ws,
      '--kind',
      'events',
      '--file',
      csv,
    );
    expect(noDatabase).toMatchObject({ code: 2, stderr: expect.stringMatching(/DATABASE_URL is not set/) });
    expect((await query(`SELECT count(*)::int AS n FROM import_jobs`))[0].n).toBe(jobsBefore);
  });

  it('fails with exit code 1 on a malformed file, keeping the rows committed before it', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `m-${i + 1},Name ${i + 1}`);
    const csv = file('broken.csv', ['user_id,first_name', ...rows, 'm-x,"unclosed quote']);
    const result = await importCli('--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', csv);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Import failed: Malformed CSV: .*quote/i);
    const [job] = await query(
      `SELECT status, rows_done, error FROM import_jobs WHERE source_name = 'broken.csv'`,
    );
    expect(job).toMatchObject({ status: 'failed', rows_done: '2000', error: expect.stringMatching(/quote/) });
    expect((await query(`SELECT count(*)::int AS n FROM profiles WHERE external_id LIKE 'm-%'`))[0].n).toBe(
      2000,
    );

    // An unfinished import resumes only with the options it started with, or starts over if told.
    const other = await importCli(
      ...[
        '--workspace',
        workspace.workspaceId,
        '--kind',
        'profiles',
        '--file',
        csv,
        '--map',
        'first_name=ignore',
      ],
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/stopped at row 2000 with other options .*restart it from row 1/);
    const restarted = await importCli(
      ...['--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', csv],
      ...['--map', 'first_name=ignore', '--restart'],
    );
    expect(restarted.code).toBe(1);
    expect(restarted.stderr).toMatch(/Importing broken.csv again/);
  });

  it('refuses to run an import that another process is running (exit code 1)', async () => {
    const csv = file('busy.csv', ['user_id', 'busy-1']);
    const args = ['--workspace', workspace.workspaceId, '--kind', 'profiles', '--file', csv];
    expect((await importCli(...args)).code).toBe(0);
    const [job] = await query<{ id: string }>(`SELECT id FROM import_jobs WHERE source_name = 'busy.csv'`);
    // What a running CLI holds for the whole import: a session lock on the job.
    const holder = new Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`import_job:${job.id}`]);
      const busy = await importCli(...args);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`Import ${job.id} of this file is running in another process`);
    } finally {
      await holder.end();
    }
    expect((await importCli(...args)).code).toBe(0);
  });
});
