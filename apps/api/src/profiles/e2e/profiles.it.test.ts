import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic } from '../../../../../tests/support/apps';

describe('PUT /profiles/:userId: minimal upsert', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('creates then merges traits and consents without losing earlier values', async () => {
    const first = await h.admin('PUT', '/profiles/ann', {
      email: 'ann@example.test',
      traits: { firstName: 'Ann', country: 'FR' },
      consents: { email: { status: 'granted', source: 'signup' } },
    });
    expect(first).toMatchObject({ status: 200, body: { userId: 'ann', email: 'ann@example.test' } });
    const second = await h.admin<{
      traits: object;
      consents: Record<string, { status: string; at: string }>;
    }>('PUT', '/profiles/ann', {
      traits: { country: 'BE', pets: ['cat'] },
      consents: { sms: { status: 'revoked' } },
    });
    expect(second.body.traits).toEqual({
      email: 'ann@example.test',
      firstName: 'Ann',
      country: 'BE',
      pets: ['cat'],
    });
    expect(second.body.consents.email.status).toBe('granted');
    expect(second.body.consents.sms).toMatchObject({ status: 'revoked', at: expect.any(String) });
    expect((await h.admin('GET', '/profiles/ann')).body).toMatchObject({ email: 'ann@example.test' });
    expect((await h.admin('GET', '/profiles/nobody')).status).toBe(404);
  });

  it('refuses hostile input and wrong keys, storing nothing', async () => {
    const before = await h.counts();
    const bodies: unknown[] = [
      { email: 'not-an-email' },
      { traits: [] },
      { consents: { email: { status: 'maybe' } } },
      { consents: { fax: { status: 'granted' } } },
      { traits: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`t${i}`, i])) },
      { unknown: 1 },
      { traits: { nickname: 'nul\u0000byte' } },
      { traits: { 'key\u0000': 1 } },
      { email: 'not-an-email', traits: { phone: '12' } },
      { traits: { phone: '+33 6 00', timezone: 'Mars/Olympus' } },
    ];
    for (const body of bodies) {
      const res = await h.admin<{ errors: unknown[] }>('PUT', '/profiles/zed', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect((await h.admin('PUT', `/profiles/${'z'.repeat(201)}`, {})).status).toBe(400);
    expect((await h.admin('PUT', `/profiles/nul%00id`, {})).status).toBe(400);
    const writeKeyClient = apiClient(h.api.url, basic(h.workspace.writeKey));
    expect((await writeKeyClient('PUT', '/profiles/zed', {})).status).toBe(401);
    expect(await h.counts()).toEqual(before);
  });
});
