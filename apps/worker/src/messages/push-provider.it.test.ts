import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { compileScenario, type OutgoingPush, type ProfileSnapshot, welcomeScenario } from '@parcours/domain';
import { ApplicationFailure } from '@temporalio/activity';
import { Pool } from 'pg';
import webpush from 'web-push';
import { createTestDatabase } from '../../../../tests/support/apps';
import {
  type BrowserSubscription,
  type PushServiceStandIn,
  startPushServiceStandIn,
} from '../../../../tests/support/push-service-stand-in';
import { DestinationPolicy } from '../http/destination-policy';
import { MessageLedger } from '../persistence/message-ledger';
import { PushStore } from '../persistence/push-store';
import { DeliveryError } from './channel-provider';
import { DEFAULT_MAX_SEND_ATTEMPTS, MessageGateway } from './message-gateway';
import { pushProvider, type WebPushSettings } from './push-provider';

const message: OutgoingPush = {
  channel: 'push',
  category: 'marketing',
  title: 'Zoé, your cart 🛒',
  body: 'Still thinking about it? -10% today',
  icon: 'https://shop.example/icon.png',
  url: 'https://shop.example/cart',
};

/** Checks the VAPID JWT as a push service does: ES256 over the workspace's public key. */
function vapidClaims(authorization: string, publicKey: string): Record<string, unknown> {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(authorization);
  if (!match) throw new Error(`Not a VAPID Authorization header: ${authorization}`);
  const [, header, claims, signature, k] = match;
  expect(k).toBe(publicKey);
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = Buffer.from(`${header}.${claims}`);
  expect(
    verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
  ).toBe(true);
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
}

describe('pushProvider: web-push to a local push service, encrypted for the browser', () => {
  let pool: Pool;
  let service: PushServiceStandIn;
  let workspaceId: string;
  const vapid = webpush.generateVAPIDKeys();

  const settings = (overrides: Partial<WebPushSettings> = {}): WebPushSettings => ({
    subject: 'mailto:ops@shop.example',
    ttlSeconds: 3_600,
    timeoutMs: 1_000,
    policy: DestinationPolicy.fromList('127.0.0.1'),
    ca: service.ca,
    ...overrides,
  });

  /** A customer with these browsers subscribed; returns the profile as a send sees it. */
  async function customer(...browsers: BrowserSubscription[]): Promise<ProfileSnapshot> {
    const {
      rows: [{ id }],
    } = await pool.query(`INSERT INTO profiles (workspace_id, external_id) VALUES ($1, $2) RETURNING id`, [
      workspaceId,
      `user-${randomUUID()}`,
    ]);
    for (const browser of browsers) {
      await pool.query(
        `INSERT INTO push_subscriptions (workspace_id, profile_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5)`,
        [workspaceId, id, browser.endpoint, browser.keys.p256dh, browser.keys.auth],
      );
    }
    return {
      id,
      userId: null,
      email: null,
      phone: null,
      timezone: null,
      traits: {},
      computed: {},
      consents: {},
    };
  }
  const endpointsOf = async (profileId: string) =>
    (
      await pool.query(`SELECT endpoint FROM push_subscriptions WHERE profile_id = $1 ORDER BY endpoint`, [
        profileId,
      ])
    ).rows.map((r) => r.endpoint as string);
  const deliveryTo = (profile: ProfileSnapshot) => ({
    messageId: randomUUID(),
    to: profile.id,
    journeyId: randomUUID(),
    workspaceId,
  });
  const failureOf = async (promise: Promise<unknown>): Promise<DeliveryError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createTestDatabase(), max: 3 });
    service = await startPushServiceStandIn();
    ({
      rows: [{ id: workspaceId }],
    } = await pool.query(`INSERT INTO workspaces (name) VALUES ('Push') RETURNING id`));
    await pool.query(
      `INSERT INTO workspace_vapid_keys (workspace_id, public_key, private_key) VALUES ($1, $2, $3)`,
      [workspaceId, vapid.publicKey, vapid.privateKey],
    );
  });
  afterAll(async () => {
    await service?.close();
    await pool?.end();
  });

  it("pushes to every browser of the customer a payload only that browser can read, signed with the workspace's VAPID key", async () => {
    const phone = service.subscription();
    const laptop = service.subscription();
    const profile = await customer(phone, laptop);
    const provider = pushProvider(new PushStore(pool), settings());
    expect(await provider.recipient(profile)).toBe(profile.id);
    const delivery = deliveryTo(profile);

    await expect(provider.deliver(message, delivery)).resolves.toEqual({
      providerMessageId: 'web-push: 2 of 2 accepted',
    });
    for (const browser of [phone, laptop]) {
      const pushed = service.messages.find((m) => browser.endpoint.endsWith(m.path))!;
      expect(JSON.parse(browser.decrypt(pushed))).toEqual({
        title: message.title,
        body: message.body,
        icon: message.icon,
        url: message.url,
        messageId: delivery.messageId,
      });
      expect(pushed.headers).toMatchObject({
        ttl: '3600',
        'content-encoding': 'aes128gcm',
        urgency: 'normal',
      });
      expect(pushed.body.toString('utf8')).not.toContain('Zoé');
      expect(vapidClaims(String(pushed.headers.authorization), vapid.publicKey)).toMatchObject({
        aud: new URL(browser.endpoint).origin,
        sub: 'mailto:ops@shop.example',
      });
    }
    // One browser's keys cannot read what was pushed to the other.
    const laptopMessage = service.messages.find((m) => laptop.endpoint.endsWith(m.path))!;
    expect(() => phone.decrypt(laptopMessage)).toThrow();
  });

  it('forgets a subscription the push service says is gone (410, 404) and still sends to the others', async () => {
    const gone = service.subscription();
    const unknown = service.subscription();
    const alive = service.subscription();
    service.script(gone, { status: 410 });
    service.script(unknown, { status: 404 });
    const profile = await customer(gone, unknown, alive);
    const provider = pushProvider(new PushStore(pool), settings());

    await expect(provider.deliver(message, deliveryTo(profile))).resolves.toEqual({
      providerMessageId: 'web-push: 1 of 3 accepted',
    });
    expect(await endpointsOf(profile.id)).toEqual([alive.endpoint]);
  });

  it('fails for good when every subscription is gone, and the customer then has no push address', async () => {
    const gone = service.subscription();
    service.script(gone, { status: 410 });
    const profile = await customer(gone);
    const provider = pushProvider(new PushStore(pool), settings());
    expect((await failureOf(provider.deliver(message, deliveryTo(profile)))).kind).toBe('permanent');
    expect(await endpointsOf(profile.id)).toEqual([]);
    expect(await provider.recipient(profile)).toBeNull();
  });

  it('may retry a throttled (429, after its Retry-After) or failing (5xx) push service; never a refusal (4xx)', async () => {
    const browser = service.subscription();
    service.script(
      browser,
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 502 },
      { status: 413 },
    );
    const profile = await customer(browser);
    const provider = pushProvider(new PushStore(pool), settings());
    const throttled = await failureOf(provider.deliver(message, deliveryTo(profile)));
    expect({ kind: throttled.kind, retryAfterMs: throttled.retryAfterMs }).toEqual({
      kind: 'retryable',
      retryAfterMs: 30_000,
    });
    expect((await failureOf(provider.deliver(message, deliveryTo(profile)))).kind).toBe('retryable');
    expect((await failureOf(provider.deliver(message, deliveryTo(profile)))).kind).toBe('permanent');
    expect(await endpointsOf(profile.id)).toEqual([browser.endpoint]);
  });

  it('is in doubt when the push service took the request but never answered', async () => {
    const browser = service.subscription();
    service.script(browser, 'hang');
    const profile = await customer(browser);
    const provider = pushProvider(new PushStore(pool), settings());
    expect((await failureOf(provider.deliver(message, deliveryTo(profile)))).kind).toBe('in_doubt');
  });

  it('refuses endpoints on private addresses unless allowed, before sending anything', async () => {
    const literal = service.subscription();
    const named = service.subscription();
    named.endpoint = named.endpoint.replace('127.0.0.1', 'localhost');
    const before = service.messages.length;
    const provider = pushProvider(new PushStore(pool), settings({ policy: DestinationPolicy.fromList('') }));
    for (const [browser, reason] of [
      [literal, '127.0.0.1 is a private, loopback'],
      [named, 'localhost resolves to 127.0.0.1 is a private, loopback'],
    ] as const) {
      const refused = await failureOf(provider.deliver(message, deliveryTo(await customer(browser))));
      expect({ kind: refused.kind, message: refused.message }).toEqual({
        kind: 'permanent',
        message: expect.stringContaining(reason),
      });
    }
    expect(service.messages.length).toBe(before);
  });

  it('skips expired subscriptions, and cannot send without the workspace’s VAPID keys', async () => {
    const expired = service.subscription();
    const profile = await customer(expired);
    await pool.query(
      `UPDATE push_subscriptions SET expires_at = now() - interval '1 minute' WHERE endpoint = $1`,
      [expired.endpoint],
    );
    const provider = pushProvider(new PushStore(pool), settings());
    expect(await provider.recipient(profile)).toBeNull();

    const browser = service.subscription();
    const other = await customer(browser);
    const noKeys = await failureOf(
      provider.deliver(message, { ...deliveryTo(other), workspaceId: randomUUID() }),
    );
    expect(noKeys).toMatchObject({ kind: 'permanent', message: expect.stringMatching(/no VAPID keys/) });
  });

  describe('through the message gateway', () => {
    let versionId: string;
    let scenarioId: string;
    beforeAll(async () => {
      ({
        rows: [{ id: scenarioId }],
      } = await pool.query(
        `INSERT INTO scenarios (workspace_id, name, draft, status, current_version) VALUES ($1, 's', $2, 'live', 1) RETURNING id`,
        [workspaceId, welcomeScenario],
      ));
      ({
        rows: [{ id: versionId }],
      } = await pool.query(
        `INSERT INTO scenario_versions (workspace_id, scenario_id, version, graph, definition, trigger_type)
         VALUES ($1, $2, 1, $3, $4, 'trigger.api') RETURNING id`,
        [workspaceId, scenarioId, welcomeScenario, compileScenario(welcomeScenario)],
      ));
    });

    /** A send step of a running journey of this customer, with or without push consent. */
    async function step(profile: ProfileSnapshot) {
      const {
        rows: [{ id: journeyId }],
      } = await pool.query(
        `INSERT INTO journeys (workspace_id, scenario_id, scenario_version_id, profile_id, entry_key, workflow_id, status)
         VALUES ($1, $2, $3, $4, 'k', $5, 'running') RETURNING id`,
        [workspaceId, scenarioId, versionId, profile.id, `wf-${randomUUID()}`],
      );
      return { workspaceId, journeyId, nodeId: 'push', iteration: 0, profileId: profile.id, attempt: 1 };
    }
    const consenting = (profile: ProfileSnapshot): ProfileSnapshot => ({
      ...profile,
      consents: { push: { status: 'granted', at: new Date().toISOString() } },
    });
    const gateway = () => {
      const ledger = new MessageLedger(pool);
      return new MessageGateway(pool, ledger, [pushProvider(new PushStore(pool), settings())]);
    };
    const ledgerOf = async (journeyId: string) =>
      (await pool.query(`SELECT status, reason FROM message_ledger WHERE journey_id = $1`, [journeyId])).rows;

    it('needs push consent and a subscription; sends once, a retry of the step sends nothing more', async () => {
      const refusing = await customer(service.subscription());
      expect(await gateway().send(await step(refusing), refusing, message, new Date())).toEqual({
        status: 'skipped',
        reason: 'no_push_consent',
      });
      const nowhere = await customer();
      expect(await gateway().send(await step(nowhere), consenting(nowhere), message, new Date())).toEqual({
        status: 'skipped',
        reason: 'no_push_address',
      });
      const before = service.messages.length;
      const profile = await customer(service.subscription());
      const granted = await step(profile);
      const sent = await gateway().send(granted, consenting(profile), message, new Date());
      expect(sent).toEqual({ status: 'sent', providerMessageId: 'web-push: 1 of 1 accepted' });
      expect(await gateway().send(granted, consenting(profile), message, new Date())).toEqual({
        status: 'sent',
      });
      expect(service.messages.length).toBe(before + 1);
      expect(await ledgerOf(granted.journeyId)).toEqual([{ status: 'sent', reason: null }]);
    });

    it('gives up on a provider still unavailable at the last attempt, and records the failure', async () => {
      const browser = service.subscription();
      service.script(browser, { status: 503 });
      const profile = consenting(await customer(browser));
      const last = { ...(await step(profile)), attempt: DEFAULT_MAX_SEND_ATTEMPTS };
      expect(await gateway().send(last, profile, message, new Date())).toEqual({
        status: 'failed',
        reason: 'provider_unavailable',
      });
      expect(await ledgerOf(last.journeyId)).toEqual([
        {
          status: 'failed',
          reason: expect.stringContaining(`unavailable after ${DEFAULT_MAX_SEND_ATTEMPTS} attempts`),
        },
      ]);
    });

    it('hands a throttled push back to Temporal with the Retry-After, and sends on the retry', async () => {
      const browser = service.subscription();
      service.script(browser, { status: 429, headers: { 'retry-after': '12' } });
      const profile = consenting(await customer(browser));
      const throttled = await step(profile);
      const failure = await gateway()
        .send(throttled, profile, message, new Date())
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'ProviderUnavailable', nextRetryDelay: 12_000 });
      expect(await ledgerOf(throttled.journeyId)).toEqual([]);
      expect(await gateway().send(throttled, profile, message, new Date())).toMatchObject({ status: 'sent' });
      expect(service.messages.filter((m) => browser.endpoint.endsWith(m.path))).toHaveLength(2);
    });
  });
});
