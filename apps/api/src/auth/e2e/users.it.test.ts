import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, bearer, bootstrapWorkspace } from '../../../../../tests/support/apps';
import { addMember } from '../../../../../tests/support/users';

interface User {
  id: string;
  email: string;
  name: string;
  role: string;
}
interface ErrorBody {
  message: string;
  errors?: { path: string; message: string }[];
}

describe('users of a workspace', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  const userCount = async () =>
    (await h.db.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n as number;

  it('are created by an admin key, listed without secrets, and unique by email', async () => {
    const created = await h.admin<User>('POST', '/users', {
      email: ' Ana@Example.TEST ',
      name: 'Ana',
      role: 'viewer',
      password: 'twelve chars!',
    });
    expect(created).toMatchObject({
      status: 201,
      body: { email: 'ana@example.test', name: 'Ana', role: 'viewer' },
    });
    expect(Object.keys(created.body).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'role']);

    const taken = await h.admin<ErrorBody>('POST', '/users', {
      email: 'ANA@example.test',
      name: 'Other Ana',
      role: 'admin',
      password: 'twelve chars!',
    });
    expect(taken).toMatchObject({ status: 409, body: { message: expect.stringMatching(/already exists/) } });

    const list = await h.admin<User[]>('GET', '/users');
    expect(list.body.map((u) => u.email)).toContain('ana@example.test');
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);
    const { rows } = await h.db.query(`SELECT password_hash FROM users WHERE email = 'ana@example.test'`);
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
  });

  it('answers hostile bodies with field-level 400s and stores nothing', async () => {
    const before = await userCount();
    const valid = { email: 'bob@example.test', name: 'Bob', role: 'editor', password: 'twelve chars!' };
    const cases: [unknown, string][] = [
      [{ ...valid, email: 'not-an-email' }, 'email'],
      [{ ...valid, password: 'short' }, 'password'],
      [{ ...valid, password: 'x'.repeat(257) }, 'password'],
      [{ ...valid, role: 'owner' }, 'role'],
      [{ ...valid, name: '   ' }, 'name'],
      [{ ...valid, name: 'x'.repeat(201) }, 'name'],
      [{ ...valid, workspaceId: h.workspace.workspaceId }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await h.admin<ErrorBody>('POST', '/users', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors?.map((e) => e.path)).toContain(path);
    }
    const short = await h.admin<ErrorBody>('POST', '/users', { ...valid, password: 'short' });
    expect(short.body.errors?.[0].message).toBe('A password has at least 12 characters');
    expect((await h.admin('PATCH', '/users/not-a-uuid', { name: 'x' })).status).toBe(400);
    expect((await h.admin('PATCH', `/users/${crypto.randomUUID()}`, {})).status).toBe(400);
    expect((await h.admin('PATCH', `/users/${crypto.randomUUID()}`, { name: 'x' })).status).toBe(404);
    expect(await userCount()).toBe(before);
  });

  it('are managed by admins only', async () => {
    const admin = await (await addMember(h, 'admin')).signIn();
    const editor = await (await addMember(h, 'editor')).signIn();
    const viewer = await (await addMember(h, 'viewer')).signIn();
    expect((await admin('GET', '/users')).status).toBe(200);
    const created = await admin<User>('POST', '/users', {
      email: `made-by-admin-${Date.now()}@example.test`,
      name: 'New',
      role: 'viewer',
      password: 'twelve chars!',
    });
    expect(created.status).toBe(201);
    for (const [client, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const) {
      const refused = await client<ErrorBody>('GET', '/users');
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe(
        `Your role (${role}) can only ${role === 'editor' ? 'create, edit and publish' : 'read'}: this needs the admin role (manage users)`,
      );
      expect((await client('DELETE', `/users/${created.body.id}`)).status).toBe(403);
    }
  });

  it('take a new role at their next request, and a new password signs them out everywhere', async () => {
    const member = await addMember(h, 'viewer');
    const session = await member.signIn();
    expect((await session('POST', '/scenarios', { name: 'Not yet' })).status).toBe(403);
    expect((await h.admin<User>('PATCH', `/users/${member.id}`, { role: 'editor' })).body.role).toBe(
      'editor',
    );
    expect((await session('POST', '/scenarios', { name: 'Now' })).status).toBe(201);

    expect((await h.admin('PATCH', `/users/${member.id}`, { password: 'a brand new password' })).status).toBe(
      200,
    );
    expect((await session('GET', '/scenarios')).status).toBe(401);
    const old = await fetch(`${h.api.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(old.status).toBe(401);
  });

  it('keep at least one admin in a workspace that has some', async () => {
    const other = await bootstrapWorkspace(h.databaseUrl);
    const otherAdmin = apiClient(h.api.url, bearer(other.adminKey));
    const first = await otherAdmin<User>('POST', '/users', {
      email: `only-admin-${Date.now()}@example.test`,
      name: 'Only admin',
      role: 'admin',
      password: 'twelve chars!',
    });
    const demote = await otherAdmin<ErrorBody>('PATCH', `/users/${first.body.id}`, { role: 'editor' });
    expect(demote).toMatchObject({ status: 409, body: { message: expect.stringMatching(/at least one/) } });
    expect((await otherAdmin('DELETE', `/users/${first.body.id}`)).status).toBe(409);

    const second = await otherAdmin<User>('POST', '/users', {
      email: `second-admin-${Date.now()}@example.test`,
      name: 'Second admin',
      role: 'admin',
      password: 'twelve chars!',
    });
    // Two admins demoting each other at once: one of them stays admin.
    const both = await Promise.all([
      otherAdmin('PATCH', `/users/${first.body.id}`, { role: 'viewer' }),
      otherAdmin('PATCH', `/users/${second.body.id}`, { role: 'viewer' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n FROM users WHERE workspace_id = $1 AND role = 'admin'`,
      [other.workspaceId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('are invisible to other workspaces', async () => {
    const member = await addMember(h, 'viewer');
    const other = await bootstrapWorkspace(h.databaseUrl);
    const stranger = apiClient(h.api.url, bearer(other.adminKey));
    expect((await stranger<User[]>('GET', '/users')).body.map((u) => u.id)).not.toContain(member.id);
    expect((await stranger('PATCH', `/users/${member.id}`, { role: 'admin' })).status).toBe(404);
    expect((await stranger('DELETE', `/users/${member.id}`)).status).toBe(404);
    expect((await h.admin<User[]>('GET', '/users')).body.find((u) => u.id === member.id)?.role).toBe(
      'viewer',
    );
  });
});
