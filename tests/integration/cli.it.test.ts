import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '../support/app-process';
import { createTestDatabase } from '../support/apps';

const execFileAsync = promisify(execFile);

async function cli(script: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('operator commands: migrate and bootstrap', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  it('migrate refuses to run without DATABASE_URL, and is a no-op on a current schema', async () => {
    const missing = await cli('apps/api/dist/cli/migrate.js', [], { DATABASE_URL: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/DATABASE_URL is not set/);
    const again = await cli('apps/api/dist/cli/migrate.js', [], { DATABASE_URL: databaseUrl });
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/up to date/) });
    const unreachable = await cli('apps/api/dist/cli/migrate.js', [], {
      DATABASE_URL: 'postgres://x@127.0.0.1:1/none',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Migration failed/);
  });

  it('bootstrap explains bad arguments with exit code 2 and creates nothing', async () => {
    for (const args of [[], ['--name'], ['--name', '   '], ['--name', 'x'.repeat(201)], ['--nme', 'Acme']]) {
      const result = await cli('apps/api/dist/cli/bootstrap.js', args, { DATABASE_URL: databaseUrl });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/Usage: bootstrap/);
    }
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      expect((await db.query(`SELECT count(*)::int AS n FROM workspaces`)).rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('bootstrap prints keys once and stores only their hashes', async () => {
    const result = await cli('apps/api/dist/cli/bootstrap.js', ['--name', 'Acme'], {
      DATABASE_URL: databaseUrl,
    });
    expect(result.code).toBe(0);
    const adminKey = /(prk_admin_[\w-]+)/.exec(result.stdout)?.[1];
    const writeKey = /(prk_write_[\w-]+)/.exec(result.stdout)?.[1];
    expect(adminKey).toHaveLength(10 + 43);
    expect(writeKey).toHaveLength(10 + 43);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const dump = JSON.stringify((await db.query(`SELECT * FROM api_keys`)).rows);
      expect(dump).not.toContain(adminKey!.slice(10));
      expect(dump).not.toContain(writeKey!.slice(10));
    } finally {
      await db.end();
    }
  });
});
