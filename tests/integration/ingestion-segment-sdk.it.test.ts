import { Analytics } from '@segment/analytics-node';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { apiClient, basic } from '../support/apps';
import { eventsOf, identitiesOf, ingestionCounts, profileBy } from './ingestion-queries';

interface SentBatch {
  body: string;
  batch: { type: string; messageId: string; timestamp: string }[];
  sentAt: string;
}

describe("Segment's own Node SDK, pointed at Parcours", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h?.close());

  it('delivers identify, track, page, screen, group and alias as sent; a retried batch stores nothing twice', async () => {
    const analytics = new Analytics({
      writeKey: h.workspace.writeKey,
      host: h.api.url,
      flushAt: 4,
      flushInterval: 60_000,
      maxRetries: 0,
    });
    const sent: SentBatch[] = [];
    const statuses: number[] = [];
    analytics.on('http_request', ({ url, body }) => {
      expect(url).toBe(`${h.api.url}/v1/batch`);
      sent.push({ body, ...(JSON.parse(body) as Omit<SentBatch, 'body'>) });
    });
    analytics.on('http_response', ({ status }) => statuses.push(status));
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));

    // The device is browsed anonymously first; its clock is an hour behind (timestamps say so).
    const inThePast = new Date('2026-01-15T10:00:00.000Z');
    analytics.screen({ anonymousId: 'device-1', name: 'Home', properties: { tab: 'new' } });
    analytics.identify({
      userId: 'ada',
      anonymousId: 'web-ada',
      traits: { email: 'Ada@Example.TEST', phone: '+33 6 12 34 56 78', firstName: 'Ada', plan: 'pro' },
    });
    analytics.track({
      userId: 'ada',
      event: 'order.placed',
      properties: { total: 42.5, items: [{ sku: 'KIB-XL', qty: 2 }] },
      timestamp: inThePast,
      context: { ip: '203.0.113.9' },
    });
    analytics.page({ userId: 'ada', category: 'Docs', name: 'Pricing', properties: { path: '/pricing' } });
    analytics.group({ userId: 'ada', groupId: 'acme', traits: { name: 'Acme', employees: 40 } });
    analytics.alias({ userId: 'ada', previousId: 'device-1' });
    analytics.track({ anonymousId: 'web-ada', event: 'newsletter.subscribed' });
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(errors).toEqual([]);
    expect(statuses).toEqual(sent.map(() => 200));
    expect(sent.length).toBe(2); // flushAt 4: one full batch, then the rest on close
    const calls = sent.flatMap((s) => s.batch);
    expect(calls.map((c) => c.type)).toEqual([
      'screen',
      'identify',
      'track',
      'page',
      'group',
      'alias',
      'track',
    ]);

    // One customer: the anonymous device was aliased into Ada, the web anonymousId identified.
    const ada = await profileBy(h.db, 'user_id', 'ada');
    expect(ada).toMatchObject({
      external_id: 'ada',
      email: 'ada@example.test',
      phone: '+33612345678',
      traits: {
        email: 'ada@example.test',
        phone: '+33612345678',
        firstName: 'Ada',
        plan: 'pro',
        groups: { acme: { name: 'Acme', employees: 40 } },
      },
    });
    expect(await identitiesOf(h.db, ada!.id)).toEqual([
      'anonymous_id:device-1',
      'anonymous_id:web-ada',
      'email:ada@example.test',
      'phone:+33612345678',
      'user_id:ada',
    ]);
    const counts = await ingestionCounts(h.db);
    expect(counts).toEqual({
      live_profiles: 1,
      merged_profiles: 1, // device-1's anonymous profile, now a pointer to Ada's
      identities: 5,
      events: 7,
      message_ids: 7,
      merges: 1,
    });

    const events = await eventsOf(h.db, ada!.id);
    const byType = (type: string, name?: string) =>
      events.find((e) => e.type === type && (name === undefined || e.name === name))!;
    expect(events.map((e) => `${e.type}:${e.name}`).sort()).toEqual([
      'alias:alias',
      'group:group',
      'identify:identify',
      'page:Pricing',
      'screen:Home',
      'track:newsletter.subscribed',
      'track:order.placed',
    ]);
    expect(events.map((e) => e.message_id).sort()).toEqual(calls.map((c) => c.messageId).sort());
    expect(byType('screen').properties).toEqual({ tab: 'new' });
    expect(byType('page').properties).toEqual({ path: '/pricing', category: 'Docs' });
    expect(byType('group').properties).toEqual({ groupId: 'acme', traits: { name: 'Acme', employees: 40 } });
    expect(byType('alias').properties).toEqual({ previousId: 'device-1' });
    expect(byType('identify').properties).toMatchObject({ email: 'ada@example.test', firstName: 'Ada' });
    const order = byType('track', 'order.placed');
    expect(order.properties).toEqual({ total: 42.5, items: [{ sku: 'KIB-XL', qty: 2 }] });
    expect(order.context).toMatchObject({ ip: '203.0.113.9', library: { name: '@segment/analytics-node' } });

    // Clock skew: occurred = timestamp + (received − sentAt), to the millisecond.
    const orderBatch = sent.find((s) => s.batch.some((c) => c.messageId === order.message_id))!;
    expect(order.occurred_at.getTime()).toBe(
      inThePast.getTime() + order.received_at.getTime() - Date.parse(orderBatch.sentAt),
    );
    expect(order.occurred_at.getTime()).toBeGreaterThanOrEqual(inThePast.getTime());

    // The SDK retries a batch whose response it did not get: the same body, the same messageIds.
    const ingest = apiClient(h.api.url, basic(h.workspace.writeKey));
    const before = { counts: await ingestionCounts(h.db), ada: await profileBy(h.db, 'user_id', 'ada') };
    for (const { body, batch } of sent) {
      expect(await ingest('POST', '/v1/batch', undefined, body)).toEqual({
        status: 200,
        body: { success: true, accepted: batch.length, errors: [] },
      });
    }
    expect(await ingestionCounts(h.db)).toEqual(before.counts);
    expect(await profileBy(h.db, 'user_id', 'ada')).toEqual(before.ada);
  });

  it("takes analytics.js's browser requests: short paths, text/plain JSON, write key in the body", async () => {
    const response = await fetch(`${h.api.url}/v1/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        writeKey: h.workspace.writeKey,
        type: 'track',
        event: 'Viewed Product',
        userId: null,
        anonymousId: 'browser-1',
        properties: { sku: 'X' },
        messageId: 'ajs-next-1',
      }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { success: true },
    });
    const visitor = await profileBy(h.db, 'anonymous_id', 'browser-1');
    expect(visitor).toMatchObject({ external_id: null });
    expect((await eventsOf(h.db, visitor!.id)).map((e) => e.name)).toEqual(['Viewed Product']);

    const wrongKey = await fetch(`${h.api.url}/v1/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: 'prk_write_nope', type: 'track', event: 'x', anonymousId: 'b' }),
    });
    expect(wrongKey.status).toBe(401);
  });
});
