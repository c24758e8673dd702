import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, bearer } from '../../../../../tests/support/apps';
import { addMember } from '../../../../../tests/support/users';

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string }[];
}

describe('sign-in, sessions and sign-out', () => {
  let h: ApiHarness;
  let anonymous: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    h = await startApiHarness();
    anonymous = apiClient(h.api.url, '');
  });
  afterAll(() => h?.close());

  const failures = async (userId: string) =>
    (await h.db.query(`SELECT failed_sign_ins AS n FROM users WHERE id = $1`, [userId])).rows[0].n as number;

  it('signs in with email and password, acts with the role, and signs out', async () => {
    const editor = await addMember(h, 'editor');
    const res = await anonymous<{ token: string; expiresAt: string; user: object }>('POST', '/auth/session', {
      email: `  ${editor.email.toUpperCase()} `,
      password: editor.password,
    });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^prs_[\w-]{43}$/);
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect(res.body.user).toEqual({
      id: editor.id,
      email: editor.email,
      name: 'A editor',
      role: 'editor',
      createdAt: expect.any(String),
    });

    const session = apiClient(h.api.url, bearer(res.body.token));
    expect((await session('GET', '/auth/session')).body).toEqual({
      user: res.body.user,
      workspace: { id: h.workspace.workspaceId, name: 'Test workspace' },
    });
    expect((await session('POST', '/scenarios', { name: 'By an editor' })).status).toBe(201);

    // Only a hash of the token is stored.
    const stored = JSON.stringify((await h.db.query(`SELECT * FROM user_sessions`)).rows);
    expect(stored).not.toContain(res.body.token.slice(4));

    expect((await session('DELETE', '/auth/session')).status).toBe(204);
    const after = await session<ErrorBody>('GET', '/scenarios');
    expect(after).toMatchObject({ status: 401, body: { message: expect.stringMatching(/sign in again/) } });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const viewer = await addMember(h, 'viewer');
    const wrong = await anonymous<ErrorBody>('POST', '/auth/session', {
      email: viewer.email,
      password: 'nope',
    });
    const unknown = await anonymous<ErrorBody>('POST', '/auth/session', {
      email: 'nobody@example.test',
      password: 'nope',
    });
    expect(wrong).toEqual({
      status: 401,
      body: expect.objectContaining({ message: 'Email or password is incorrect' }),
    });
    expect(unknown).toEqual(wrong);
  });

  it('refuses every attempt after 5 failures in 15 minutes, the right password included, then lets it in again', async () => {
    const admin = await addMember(h, 'admin');
    for (let i = 0; i < 5; i++) {
      const res = await anonymous('POST', '/auth/session', { email: admin.email, password: `guess ${i}` });
      expect(res.status).toBe(401);
    }
    const response = await fetch(`${h.api.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await response.json()).toMatchObject({
      message: 'Too many failed sign-ins for this account: try again in 15 minutes',
    });
    expect(await failures(admin.id)).toBe(5);

    // The window closes 15 minutes after the first failure.
    await h.db.query(`UPDATE users SET failed_sign_ins_since = now() - interval '16 minutes' WHERE id = $1`, [
      admin.id,
    ]);
    const again = await anonymous('POST', '/auth/session', { email: admin.email, password: admin.password });
    expect(again.status).toBe(201);
    expect(await failures(admin.id)).toBe(0);
  });

  it('counts concurrent guesses one by one', async () => {
    const target = await addMember(h, 'viewer');
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        anonymous('POST', '/auth/session', { email: target.email, password: `parallel ${i}` }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses.sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await failures(target.id)).toBe(5);
  });

  it('refuses an expired or unknown session token', async () => {
    const viewer = await addMember(h, 'viewer');
    const session = await viewer.signIn();
    expect((await session('GET', '/scenarios')).status).toBe(200);
    await h.db.query(`UPDATE user_sessions SET expires_at = now() - interval '1 second'`);
    expect((await session('GET', '/scenarios')).status).toBe(401);
    const forged = apiClient(h.api.url, bearer(`prs_${'A'.repeat(43)}`));
    expect((await forged('GET', '/scenarios')).status).toBe(401);
    expect((await forged('GET', '/auth/session')).status).toBe(401);
  });

  it('tells an API key that /auth/session is about users', async () => {
    expect(await h.admin<ErrorBody>('GET', '/auth/session')).toMatchObject({
      status: 403,
      body: { message: expect.stringMatching(/session token, not an API key/) },
    });
  });

  it('answers hostile sign-in bodies with field-level 400s and stores no session', async () => {
    const member = await addMember(h, 'editor');
    const sessions = async () => (await h.db.query(`SELECT count(*)::int AS n FROM user_sessions`)).rows[0].n;
    const before = await sessions();
    const cases: [unknown, string[]][] = [
      [{}, ['email', 'password']],
      [{ email: member.email }, ['password']],
      [{ email: member.email, password: 'x'.repeat(257) }, ['password']],
      [{ email: 'x'.repeat(255), password: 'x' }, ['email']],
      [{ email: ['a'], password: 'x' }, ['email']],
      [{ email: member.email, password: member.password, role: 'admin' }, ['']],
    ];
    for (const [body, paths] of cases) {
      const res = await anonymous<ErrorBody>('POST', '/auth/session', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors?.map((e) => e.path).sort()).toEqual(paths);
    }
    const nul = await anonymous<ErrorBody>('POST', '/auth/session', {
      email: 'a\u0000@x.test',
      password: 'x',
    });
    expect(nul.status).toBe(400);
    expect(await sessions()).toBe(before);
    expect(await failures(member.id)).toBe(0);
  });
});
