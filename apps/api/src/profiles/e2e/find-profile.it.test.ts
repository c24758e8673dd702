import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic } from '../../../../../tests/support/apps';
import { putCustomer } from '../../../../../tests/integration/profile-fixtures';

interface ErrorBody {
  errors?: { path: string; message: string }[];
}

describe('GET /profiles?identity=kind:value — who holds an identity', () => {
  let h: ApiHarness;
  let annId: string;
  const find = (query: string) => h.admin<Record<string, unknown> & ErrorBody>('GET', `/profiles${query}`);

  beforeAll(async () => {
    h = await startApiHarness();
    annId = await putCustomer(h.admin, 'ann', { traits: { firstName: 'Ann' } });
    await h.db.query(
      `INSERT INTO profile_identities (workspace_id, kind, value, profile_id) VALUES ($1, 'loyalty_card', 'LC 0042', $2)`,
      [h.workspace.workspaceId, annId],
    );
  });
  afterAll(() => h?.close());

  it('returns the summary of the profile holding the identity', async () => {
    const summary = {
      id: annId,
      userId: 'ann',
      email: 'ann@example.test',
      phone: null,
      traits: { firstName: 'Ann', email: 'ann@example.test' },
      consents: { email: { status: 'granted', source: 'test', at: expect.any(String) } },
      mergedFrom: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    };
    for (const identity of [
      'email:ann@example.test',
      'email:Ann@Example.Test',
      'user_id:ann',
      'loyalty_card:LC 0042',
    ]) {
      const res = await find(`?identity=${encodeURIComponent(identity)}`);
      expect({ identity, ...res }).toEqual({ identity, status: 200, body: summary });
    }
  });

  it('finds a merged-away customer’s identity on the survivor', async () => {
    const bobId = await putCustomer(h.admin, 'bob');
    const beaId = await putCustomer(h.admin, 'bea');
    await h.admin('POST', '/profiles/merge', { survivor: 'bob', merged: 'bea' });
    expect((await find('?identity=user_id:bea')).body).toMatchObject({
      id: bobId,
      userId: 'bob',
      mergedFrom: beaId,
    });
  });

  it('404s an identity nobody holds, or held by an erased profile', async () => {
    expect((await find('?identity=email:nobody@example.test')).status).toBe(404);
    expect((await find('?identity=crm_id:1')).status).toBe(404);
    await putCustomer(h.admin, 'zoe');
    await h.admin('DELETE', '/profiles/zoe');
    expect((await find('?identity=user_id:zoe')).status).toBe(404);
    expect((await find('?identity=email:zoe@example.test')).status).toBe(404);
  });

  it('refuses a missing or malformed identity with a 400 naming it', async () => {
    for (const query of [
      '',
      '?identity=',
      '?identity=ann',
      '?identity=Email:ann@example.test',
      '?identity=crm-id:1',
      '?identity=email:not-an-email',
      '?identity=phone:123',
      '?identity=id:nope',
      `?identity=crm_id:${'x'.repeat(400)}`,
      '?identity=email:ann@example.test&identity=user_id:ann',
      '?identity=user_id:ann&extra=1',
      '?identity=user_id:a%00b',
    ]) {
      const res = await find(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    expect((await find('?identity=ann')).body.errors?.[0]).toMatchObject({
      path: 'identity',
      message: /kind:value/,
    });
    expect(
      (await apiClient(h.api.url, basic(h.workspace.writeKey))('GET', '/profiles?identity=user_id:ann'))
        .status,
    ).toBe(401);
  });
});
