import { createECDH, randomBytes } from 'node:crypto';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic, bootstrapWorkspace } from '../../../../../tests/support/apps';
import { profileBy } from '../../../../../tests/integration/ingestion-queries';
import { browserPushSubscription, putCustomer } from '../../../../../tests/integration/profile-fixtures';

interface ErrorBody {
  statusCode: number;
  errors?: { path: string; message: string }[];
}
interface StoredSubscription {
  profile_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  expires_at: Date | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
}

describe('/v1/push-subscriptions: Web Push subscriptions on the profile', () => {
  let h: ApiHarness;
  const subscribe = (body: unknown) => h.ingest<ErrorBody>('POST', '/v1/push-subscriptions', body);
  const unsubscribe = (body: unknown) =>
    h.ingest<ErrorBody & { removed: boolean }>('DELETE', '/v1/push-subscriptions', body);
  const stored = async (endpoint: string): Promise<StoredSubscription[]> =>
    (await h.db.query(`SELECT * FROM push_subscriptions WHERE endpoint = $1`, [endpoint])).rows;
  const counts = async () =>
    (
      await h.db.query(`SELECT (SELECT count(*)::int FROM push_subscriptions) AS subscriptions,
                               (SELECT count(*)::int FROM profiles) AS profiles,
                               (SELECT count(*)::int FROM profile_identities) AS identities`)
    ).rows[0];

  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it("stores the browser's subscription on the user's profile, with its user agent", async () => {
    const subscription = { ...browserPushSubscription(), expirationTime: Date.parse('2027-01-01T00:00:00Z') };
    const res = await fetch(`${h.api.url}/v1/push-subscriptions`, {
      method: 'POST',
      headers: {
        authorization: basic(h.workspace.writeKey),
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 (Macintosh) Firefox/140.0',
      },
      body: JSON.stringify({ userId: 'lea', subscription }),
    });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { success: true } });
    const lea = (await profileBy(h.db, 'user_id', 'lea'))!;
    expect(await stored(subscription.endpoint)).toEqual([
      expect.objectContaining({
        profile_id: lea.id,
        p256dh: subscription.keys.p256dh,
        auth: subscription.keys.auth,
        expires_at: new Date('2027-01-01T00:00:00Z'),
        user_agent: 'Mozilla/5.0 (Macintosh) Firefox/140.0',
      }),
    ]);
  });

  it('keeps the keys as browsers give them (unpadded base64url), whatever padding was sent', async () => {
    const subscription = browserPushSubscription();
    const padded = {
      ...subscription,
      keys: { p256dh: `${subscription.keys.p256dh}=`, auth: `${subscription.keys.auth}==` },
    };
    expect((await subscribe({ anonymousId: 'tablet', subscription: padded })).status).toBe(200);
    expect(await stored(subscription.endpoint)).toEqual([expect.objectContaining(subscription.keys)]);
  });

  it('moves an endpoint registered again to the latest profile, with its new keys', async () => {
    const first = browserPushSubscription();
    expect((await subscribe({ userId: 'max', subscription: first })).status).toBe(200);
    const [before] = await stored(first.endpoint);
    // The same browser, another user logged in: the push service gave it new keys.
    const again = { ...browserPushSubscription(first.endpoint) };
    expect((await subscribe({ userId: 'zoe', subscription: again })).status).toBe(200);
    const zoe = (await profileBy(h.db, 'user_id', 'zoe'))!;
    const rows = await stored(first.endpoint);
    expect(rows).toEqual([
      expect.objectContaining({ profile_id: zoe.id, p256dh: again.keys.p256dh, auth: again.keys.auth }),
    ]);
    expect(rows[0].created_at).toEqual(before.created_at);
    expect(rows[0].last_seen_at.getTime()).toBeGreaterThan(before.last_seen_at.getTime());
  });

  it('resolves the ids as Segment calls do: an anonymous subscriber who logs in is one profile', async () => {
    const subscription = browserPushSubscription();
    expect((await subscribe({ anonymousId: 'visitor-77', subscription })).status).toBe(200);
    const visitor = (await profileBy(h.db, 'anonymous_id', 'visitor-77'))!;
    expect((await stored(subscription.endpoint))[0].profile_id).toBe(visitor.id);

    const known = await putCustomer(h.admin, 'ivy');
    await h.ingest('POST', '/v1/identify', { userId: 'ivy', anonymousId: 'visitor-77' });
    expect((await stored(subscription.endpoint))[0].profile_id).toBe(known);
    const view = await h.admin<{ pushSubscriptions: Record<string, unknown>[] }>('GET', '/profiles/ivy');
    expect(view.body.pushSubscriptions).toEqual([
      {
        endpoint: subscription.endpoint,
        expiresAt: null,
        userAgent: expect.any(String),
        createdAt: expect.any(String),
        lastSeenAt: expect.any(String),
      },
    ]);
  });

  it('shows the subscriptions in the 360 view (without keys) and the export (with them)', async () => {
    const [phone, laptop] = [browserPushSubscription(), browserPushSubscription()];
    await putCustomer(h.admin, 'kim');
    for (const subscription of [phone, laptop]) {
      expect((await subscribe({ userId: 'kim', subscription })).status).toBe(200);
    }
    const view = await h.admin<{ pushSubscriptions: { endpoint: string; keys?: unknown }[] }>(
      'GET',
      '/profiles/kim',
    );
    expect(view.body.pushSubscriptions.map((s) => s.endpoint)).toEqual([laptop.endpoint, phone.endpoint]);
    expect(view.body.pushSubscriptions.every((s) => s.keys === undefined)).toBe(true);

    const exported = await h.admin<{ pushSubscriptions: { endpoint: string; keys: unknown }[] }>(
      'GET',
      '/profiles/kim/export',
    );
    expect(exported.body.pushSubscriptions).toEqual([
      expect.objectContaining({ endpoint: laptop.endpoint, keys: laptop.keys }),
      expect.objectContaining({ endpoint: phone.endpoint, keys: phone.keys }),
    ]);
  });

  it('forgets a subscription by its endpoint, in its own workspace only', async () => {
    const subscription = browserPushSubscription();
    expect((await subscribe({ userId: 'noe', subscription })).status).toBe(200);
    const other = await bootstrapWorkspace(h.databaseUrl);
    const otherIngest = apiClient(h.api.url, basic(other.writeKey));
    expect(
      await otherIngest('DELETE', '/v1/push-subscriptions', { endpoint: subscription.endpoint }),
    ).toEqual({ status: 200, body: { success: true, removed: false } });
    expect(await stored(subscription.endpoint)).toHaveLength(1);

    expect(await unsubscribe({ endpoint: subscription.endpoint })).toEqual({
      status: 200,
      body: { success: true, removed: true },
    });
    expect(await stored(subscription.endpoint)).toHaveLength(0);
    expect(await unsubscribe({ endpoint: subscription.endpoint })).toEqual({
      status: 200,
      body: { success: true, removed: false },
    });
  });

  it('deletes them with the erased profile; the same user later starts afresh', async () => {
    const subscription = browserPushSubscription();
    await putCustomer(h.admin, 'eve');
    expect((await subscribe({ userId: 'eve', subscription })).status).toBe(200);
    expect((await h.admin('DELETE', '/profiles/eve')).status).toBe(204);
    expect(await stored(subscription.endpoint)).toHaveLength(0);

    expect((await subscribe({ userId: 'eve', subscription })).status).toBe(200);
    const fresh = (await profileBy(h.db, 'user_id', 'eve'))!;
    expect((await stored(subscription.endpoint))[0].profile_id).toBe(fresh.id);
  });

  it('leaves nothing on a profile merged while its subscriptions are registered', async () => {
    for (let round = 0; round < 5; round++) {
      const [keep, fold] = [`keep-push-${round}`, `fold-push-${round}`];
      const keepId = await putCustomer(h.admin, keep);
      await putCustomer(h.admin, fold);
      const subscriptions = Array.from({ length: 8 }, () => browserPushSubscription());
      const [merged, ...registered] = await Promise.all([
        h.admin('POST', '/profiles/merge', { survivor: keep, merged: fold }),
        ...subscriptions.map((subscription) => subscribe({ userId: fold, subscription })),
      ]);
      expect(merged.status).toBe(200);
      expect(registered.map((r) => r.status)).toEqual(subscriptions.map(() => 200));
      const { rows } = await h.db.query(
        `SELECT profile_id, count(*)::int AS n FROM push_subscriptions WHERE endpoint = ANY($1) GROUP BY 1`,
        [subscriptions.map((s) => s.endpoint)],
      );
      expect({ round, rows }).toEqual({ round, rows: [{ profile_id: keepId, n: 8 }] });
    }
  });

  it('refuses hostile or malformed subscriptions with the field at fault, storing nothing', async () => {
    const valid = browserPushSubscription();
    const curve = createECDH('prime256v1');
    curve.generateKeys();
    const compressed = curve.getPublicKey(null, 'compressed');
    const offCurve = Buffer.concat([Buffer.from([4]), randomBytes(64)]);
    const withKeys = (keys: Record<string, unknown>) => ({ ...valid, keys: { ...valid.keys, ...keys } });
    const cases: [unknown, string][] = [
      [{ subscription: valid }, 'userId'],
      [{ userId: '   ', subscription: valid }, 'userId'],
      [{ userId: 'u' }, 'subscription'],
      [{ userId: 'u', subscription: 'https://push.example.test/x' }, 'subscription'],
      [{ userId: 'u', subscription: [valid] }, 'subscription'],
      [
        { userId: 'u', subscription: { ...valid, endpoint: 'http://push.example.test/x' } },
        'subscription.endpoint',
      ],
      [{ userId: 'u', subscription: { ...valid, endpoint: 'not a url' } }, 'subscription.endpoint'],
      [{ userId: 'u', subscription: { ...valid, endpoint: 42 } }, 'subscription.endpoint'],
      [{ userId: 'u', subscription: { ...valid, endpoint: 'javascript:alert(1)' } }, 'subscription.endpoint'],
      [{ userId: 'u', subscription: { ...valid, endpoint: 'https://localhost/x' } }, 'subscription.endpoint'],
      [{ userId: 'u', subscription: { ...valid, endpoint: 'https://127.0.0.1/x' } }, 'subscription.endpoint'],
      [{ userId: 'u', subscription: { ...valid, endpoint: 'https://10.1.2.3/x' } }, 'subscription.endpoint'],
      [
        { userId: 'u', subscription: { ...valid, endpoint: 'https://169.254.169.254/x' } },
        'subscription.endpoint',
      ],
      [{ userId: 'u', subscription: { ...valid, endpoint: 'https://[::1]/x' } }, 'subscription.endpoint'],
      [
        { userId: 'u', subscription: { ...valid, endpoint: 'https://[::ffff:127.0.0.1]/x' } },
        'subscription.endpoint',
      ],
      [
        { userId: 'u', subscription: { ...valid, endpoint: 'https://a:b@push.example.test/x' } },
        'subscription.endpoint',
      ],
      [
        {
          userId: 'u',
          subscription: { ...valid, endpoint: `https://push.example.test/${'x'.repeat(3_000)}` },
        },
        'subscription.endpoint',
      ],
      [{ userId: 'u', subscription: { endpoint: valid.endpoint } }, 'subscription.keys'],
      [{ userId: 'u', subscription: withKeys({ p256dh: undefined }) }, 'subscription.keys.p256dh'],
      [{ userId: 'u', subscription: withKeys({ p256dh: 7 }) }, 'subscription.keys.p256dh'],
      [{ userId: 'u', subscription: withKeys({ p256dh: '' }) }, 'subscription.keys.p256dh'],
      [
        { userId: 'u', subscription: withKeys({ p256dh: offCurve.toString('base64url') }) },
        'subscription.keys.p256dh',
      ],
      [
        { userId: 'u', subscription: withKeys({ p256dh: compressed.toString('base64url') }) },
        'subscription.keys.p256dh',
      ],
      [
        { userId: 'u', subscription: withKeys({ p256dh: curve.getPublicKey().toString('base64') + '+/' }) },
        'subscription.keys.p256dh',
      ],
      [
        {
          userId: 'u',
          subscription: withKeys({ p256dh: curve.getPublicKey(null, 'hybrid').toString('base64url') }),
        },
        'subscription.keys.p256dh',
      ],
      [
        { userId: 'u', subscription: withKeys({ auth: randomBytes(15).toString('base64url') }) },
        'subscription.keys.auth',
      ],
      [
        { userId: 'u', subscription: withKeys({ auth: randomBytes(17).toString('base64url') }) },
        'subscription.keys.auth',
      ],
      [{ userId: 'u', subscription: withKeys({ auth: 'a'.repeat(10_000) }) }, 'subscription.keys.auth'],
      [
        { userId: 'u', subscription: { ...valid, expirationTime: 'tomorrow' } },
        'subscription.expirationTime',
      ],
      [{ userId: 'u', subscription: { ...valid, expirationTime: 1e20 } }, 'subscription.expirationTime'],
      [
        { userId: 'u', subscription: { ...valid, endpoint: 'https://push.example.test/\u0000' } },
        'subscription.endpoint',
      ],
    ];
    const before = await counts();
    for (const [body, path] of cases) {
      const res = await subscribe(body);
      expect({ body, status: res.status, paths: res.body.errors?.map((e) => e.path) }).toEqual({
        body,
        status: 400,
        paths: expect.arrayContaining([path]),
      });
      expect(res.body.errors?.every((e) => e.message.length > 0)).toBe(true);
    }
    for (const [body, path] of [
      [{}, 'endpoint'],
      [{ endpoint: 'ftp://push.example.test/x' }, 'endpoint'],
      [{ endpoint: ['https://push.example.test/x'] }, 'endpoint'],
    ] as const) {
      const res = await unsubscribe(body);
      expect({ body, status: res.status, paths: res.body.errors?.map((e) => e.path) }).toEqual({
        body,
        status: 400,
        paths: [path],
      });
    }
    // Not JSON objects, nested past the limit, larger than a call may be, without a key.
    const raw = async (text: string, authorization = basic(h.workspace.writeKey)) =>
      (
        await fetch(`${h.api.url}/v1/push-subscriptions`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: text,
        })
      ).status;
    expect(await raw('[1, 2]')).toBe(400);
    expect(await raw('{"userId": "u", "subscription": ')).toBe(400);
    expect(await raw(`{"userId":"u","subscription":${'['.repeat(5_000)}${']'.repeat(5_000)}}`)).toBe(400);
    expect(await raw(JSON.stringify({ userId: 'u', subscription: valid, pad: 'x'.repeat(40_000) }))).toBe(
      413,
    );
    expect(await raw(JSON.stringify({ userId: 'u', subscription: valid }), 'Basic bm9wZTo=')).toBe(401);
    expect(await counts()).toEqual(before);
  });
});
