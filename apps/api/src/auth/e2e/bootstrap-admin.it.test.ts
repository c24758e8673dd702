import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '../../../../../tests/support/app-process';
import { createTestDatabase, startApi, type RunningApi } from '../../../../../tests/support/apps';

const run = promisify(execFile);

async function bootstrap(databaseUrl: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['apps/api/dist/cli/bootstrap.js', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bootstrap: the first studio admin', () => {
  let databaseUrl: string;
  let api: RunningApi;
  let db: Client;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    api = await startApi({ databaseUrl });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await api?.stop();
    await db?.end();
  });

  const count = async (table: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  const signIn = (email: string, password: string) =>
    fetch(`${api.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('--demo creates an admin who can sign in, and a second demo workspace gets the next email', async () => {
    const first = await bootstrap(databaseUrl, ['--name', 'Demo', '--demo', '--json']);
    expect(first.code).toBe(0);
    const demo = JSON.parse(first.stdout.trim().split('\n').pop() as string);
    expect(demo.adminUser).toEqual({
      email: 'demo@parcours.local',
      password: expect.stringMatching(/^[\w-]{16}$/),
    });
    const response = await signIn(demo.adminUser.email, demo.adminUser.password);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { user: { role: string } }).user.role).toBe('admin');
    const { rows } = await db.query(`SELECT password_hash FROM users WHERE email = 'demo@parcours.local'`);
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(rows[0].password_hash).not.toContain(demo.adminUser.password);

    const second = await bootstrap(databaseUrl, ['--name', 'Demo again', '--demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Studio sign-in \(admin\): demo-2@parcours\.local \/ [\w-]{16}/);
  });

  it('--admin-email names the admin; a bad or taken email is refused before anything is created', async () => {
    const created = await bootstrap(databaseUrl, ['--name', 'Acme', '--admin-email', 'Ops@Acme.TEST']);
    expect(created.code).toBe(0);
    const password = /ops@acme\.test \/ ([\w-]{16})/.exec(created.stdout)?.[1] as string;
    expect((await signIn('ops@acme.test', password)).status).toBe(201);

    const before = { workspaces: await count('workspaces'), users: await count('users') };
    for (const email of ['not-an-email', 'two@@acme.test', 'ops@acme.test']) {
      const refused = await bootstrap(databaseUrl, ['--name', 'Other', '--admin-email', email]);
      expect({ email, code: refused.code }).toEqual({ email, code: 2 });
      expect(refused.stderr).toMatch(/--admin-email|already exists/);
    }
    expect({ workspaces: await count('workspaces'), users: await count('users') }).toEqual(before);
  });
});
