import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic, bearer, bootstrapWorkspace } from '../../../../../tests/support/apps';
import {
  browserPushSubscription,
  publishWelcome,
  type Published,
  putCustomer,
  seedJourney,
} from '../../../../../tests/integration/profile-fixtures';

interface Profile360 {
  id: string;
  userId: string | null;
  mergedFrom: string | null;
  identities: { kind: string; value: string; since: string; mergedFrom: string | null }[];
  merges: { mergedId: string; reason: string; at: string }[];
  [key: string]: unknown;
}
interface ErrorBody {
  statusCode: number;
  errors?: { path: string; code: string; message: string }[];
}

describe('GET /profiles/:ref — the profile 360', () => {
  let h: ApiHarness;
  let welcome: Published;
  let annId: string;
  const get = (ref: string) => h.admin<Profile360>('GET', `/profiles/${encodeURIComponent(ref)}`);

  beforeAll(async () => {
    h = await startApiHarness();
    welcome = await publishWelcome(h.admin, { name: 'Welcome FR' });
    annId = await putCustomer(h.admin, 'ann', { traits: { firstName: 'Ann', country: 'FR' } });
    await h.admin('PUT', '/profiles/ann', { consents: { sms: { status: 'revoked', source: 'sms-stop' } } });
    await h.db.query(
      `INSERT INTO profile_identities (workspace_id, kind, value, profile_id) VALUES ($1, 'crm_id', '42', $2)`,
      [h.workspace.workspaceId, annId],
    );
  });
  afterAll(() => h?.close());

  it('shows traits, identities, consents with history, segments, journeys with their step, messages, push subscriptions, merges', async () => {
    const ws = h.workspace.workspaceId;
    const subscription = browserPushSubscription();
    expect((await h.ingest('POST', '/v1/push-subscriptions', { userId: 'ann', subscription })).status).toBe(
      200,
    );
    const old = await seedJourney(h.db, ws, annId, welcome, {
      status: 'completed',
      currentNodeId: 'exit',
      enteredAt: '2026-01-02T10:00:00Z',
      endedAt: '2026-01-02T10:00:03Z',
      steps: [
        ['account-created', 'trigger.event', 'entered'],
        ['wait-2s', 'wait.duration', 'waiting'],
        ['check-country', 'condition.attribute', 'yes'],
        ['email-fr', 'send.email', 'sent'],
        ['exit', 'exit', 'exited'],
      ],
      message: { nodeId: 'email-fr', status: 'sent', recipient: 'ann@example.test' },
    });
    const merged = await seedJourney(h.db, ws, annId, welcome, {
      status: 'exited',
      exitReason: 'merged',
      currentNodeId: 'wait-2s',
      enteredAt: '2026-01-03T10:00:00Z',
      endedAt: '2026-01-03T10:00:01Z',
    });
    const active = await seedJourney(h.db, ws, annId, welcome, {
      status: 'running',
      currentNodeId: 'wait-2s',
      enteredAt: '2026-01-01T10:00:00Z',
      steps: [
        ['account-created', 'trigger.event', 'entered'],
        ['wait-2s', 'wait.duration', 'waiting'],
      ],
    });

    const res = await get('ann');
    expect(res.status).toBe(200);
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(res.body).toEqual({
      id: annId,
      userId: 'ann',
      email: 'ann@example.test',
      phone: null,
      mergedFrom: null,
      traits: { firstName: 'Ann', country: 'FR', email: 'ann@example.test' },
      computedTraits: {},
      consents: {
        email: { status: 'granted', source: 'test', at },
        sms: { status: 'revoked', source: 'sms-stop', at },
      },
      consentHistory: [
        { channel: 'sms', status: 'revoked', source: 'sms-stop', at, recordedAt: at },
        { channel: 'email', status: 'granted', source: 'test', at, recordedAt: at },
      ],
      identities: expect.arrayContaining([
        { kind: 'user_id', value: 'ann', since: at, mergedFrom: null },
        { kind: 'email', value: 'ann@example.test', since: at, mergedFrom: null },
        { kind: 'crm_id', value: '42', since: at, mergedFrom: null },
      ]),
      segments: [],
      // Active first, then the ended ones newest first.
      journeys: [
        {
          id: active,
          scenarioId: welcome.scenarioId,
          scenarioName: 'Welcome FR',
          version: 1,
          status: 'running',
          exitReason: null,
          currentStep: { nodeId: 'wait-2s', nodeType: 'wait.duration', label: 'Wait 2 seconds' },
          enteredAt: '2026-01-01T10:00:00.000Z',
          endedAt: null,
        },
        expect.objectContaining({ id: merged, status: 'exited', exitReason: 'merged' }),
        expect.objectContaining({
          id: old,
          status: 'completed',
          currentStep: { nodeId: 'exit', nodeType: 'exit', label: 'Exit' },
          endedAt: '2026-01-02T10:00:03.000Z',
        }),
      ],
      messages: [
        {
          id: expect.any(String),
          journeyId: old,
          scenarioId: welcome.scenarioId,
          channel: 'email',
          nodeId: 'email-fr',
          status: 'sent',
          recipient: 'ann@example.test',
          reason: null,
          at,
        },
      ],
      pushSubscriptions: [
        {
          endpoint: subscription.endpoint,
          expiresAt: null,
          userAgent: expect.any(String),
          createdAt: at,
          lastSeenAt: at,
        },
      ],
      merges: [],
      createdAt: at,
      updatedAt: at,
    });
    expect(res.body.identities).toHaveLength(3);
  });

  it('finds the same profile by userId, any identity or its id', async () => {
    for (const ref of [
      'ann',
      'user_id:ann',
      'email:ann@example.test',
      'email:ANN@Example.TEST',
      'crm_id:42',
      `id:${annId}`,
      `id:${annId.toUpperCase()}`,
    ]) {
      const res = await get(ref);
      expect({ ref, status: res.status, id: res.body.id }).toEqual({ ref, status: 200, id: annId });
    }
    for (const ref of ['nobody', 'crm_id:43', 'email:nobody@example.test', `id:${randomUUID()}`]) {
      expect({ ref, status: (await get(ref)).status }).toEqual({ ref, status: 404 });
    }
    // A userId with a slash or a colon in it.
    const slashId = await putCustomer(h.admin, 'team/ann', { email: 'team-ann@example.test' });
    expect((await get('team/ann')).body.id).toBe(slashId);
    const colonId = await putCustomer(h.admin, 'urn:acme:7', { email: 'acme-7@example.test' });
    expect((await get('user_id:urn:acme:7')).body.id).toBe(colonId);
  });

  it('leads a merged-away profile to its survivor and says so', async () => {
    const bobId = await putCustomer(h.admin, 'bob');
    const beaId = await putCustomer(h.admin, 'bea');
    expect((await h.admin('POST', '/profiles/merge', { survivor: 'bob', merged: 'bea' })).status).toBe(200);

    for (const ref of ['bea', `id:${beaId}`, 'email:bea@example.test']) {
      const res = await get(ref);
      expect({ ref, status: res.status, id: res.body.id, mergedFrom: res.body.mergedFrom }).toEqual({
        ref,
        status: 200,
        id: bobId,
        mergedFrom: beaId,
      });
    }
    const bob = (await get('bob')).body;
    expect(bob).toMatchObject({ id: bobId, userId: 'bob', mergedFrom: null });
    expect(bob.merges).toEqual([
      { mergedId: beaId, reason: 'api', at: expect.any(String), moved: expect.any(Object) },
    ]);
    expect(bob.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'user_id', value: 'bob', mergedFrom: null }),
        expect.objectContaining({ kind: 'user_id', value: 'bea', mergedFrom: beaId }),
      ]),
    );
  });

  it('does not find an erased profile, nor another workspace’s', async () => {
    const zoeId = await putCustomer(h.admin, 'zoe');
    expect((await h.admin('DELETE', '/profiles/zoe')).status).toBe(204);
    expect((await get('zoe')).status).toBe(404);
    expect((await get(`id:${zoeId}`)).status).toBe(404);

    const other = await bootstrapWorkspace(h.databaseUrl);
    const otherAdmin = apiClient(h.api.url, bearer(other.adminKey));
    expect((await otherAdmin('GET', '/profiles/ann')).status).toBe(404);
    expect((await otherAdmin('GET', `/profiles/id:${annId}`)).status).toBe(404);
  });

  it('refuses malformed references with a 400 naming the parameter, never a 500', async () => {
    for (const ref of [
      'Email:ann@example.test',
      'e-mail:ann@example.test',
      ':ann',
      '9kind:x',
      `${'k'.repeat(41)}:v`,
      'id:42',
      'id:',
      'email:',
      'email:not-an-email',
      'phone:12',
      'crm_id: ',
      'z'.repeat(201),
    ]) {
      const res = await h.admin<ErrorBody>('GET', `/profiles/${encodeURIComponent(ref)}`);
      expect({ ref, status: res.status, path: res.body.errors?.[0]?.path }).toEqual({
        ref,
        status: 400,
        path: 'ref',
      });
    }
    expect((await h.admin('GET', '/profiles/nul%00id')).status).toBe(400);
    expect((await h.admin('GET', `/profiles/${'x'.repeat(5_000)}`)).status).toBe(400);
    expect((await apiClient(h.api.url, basic(h.workspace.writeKey))('GET', '/profiles/ann')).status).toBe(
      401,
    );
  });
});
