import { type ApiHarness, startApiHarness } from '../../../../../tests/support/api-harness';
import { apiClient, basic, startApi } from '../../../../../tests/support/apps';
import { waitFor } from '../../../../../tests/support/ports';
import { trackEvent } from '../../../../../tests/support/track-event';

interface Segment {
  id: string;
  version: number;
  builtVersion: number | null;
}

// Repeat buyers who never asked for a refund: entering takes a second order, leaving a refund.
const REPEAT_BUYERS = {
  type: 'and',
  rules: [
    {
      type: 'event',
      event: 'order.completed',
      within: { amount: 90, unit: 'days' },
      operator: 'gte',
      value: 2,
    },
    { type: 'not', rule: { type: 'event', event: 'order.refunded', operator: 'gte', value: 1 } },
  ],
};

describe('segment membership follows the data, one event per change', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    // No periodic sweep: what changes membership here is the update that follows ingestion.
    h = await startApiHarness({ env: { SEGMENT_SWEEP_MS: '0', DISPATCH_ENABLED: 'false' } });
  });
  afterAll(() => h?.close());

  const track = (
    userId: string,
    event: string,
    properties: Record<string, unknown> = {},
    client = h.ingest,
  ) => trackEvent(client, userId, event, properties);
  const createSegment = async (name: string, rule: unknown) => {
    const res = await h.admin<Segment>('POST', '/segments', { name, rule });
    expect(res.status).toBe(201);
    return waitFor(`segment ${name} to be built`, async () => {
      const { body } = await h.admin<Segment>('GET', `/segments/${res.body.id}`);
      return body.builtVersion === body.version ? body : undefined;
    });
  };
  const membership = async (segmentId: string, userId: string) => {
    const { rows } = await h.db.query(
      `SELECT m.segment_version FROM segment_memberships m JOIN profiles p ON p.id = m.profile_id
       WHERE m.segment_id = $1 AND p.external_id = $2`,
      [segmentId, userId],
    );
    return rows.length > 0;
  };
  const membershipEvents = async (userId: string) => {
    const { rows } = await h.db.query(
      `SELECT e.type, e.name, e.properties, (o.event_id IS NOT NULL) AS queued
       FROM events e JOIN profiles p ON p.id = e.profile_id LEFT JOIN event_outbox o ON o.event_id = e.id
       WHERE p.external_id = $1 AND e.name LIKE 'segment.%' ORDER BY e.received_at, e.id`,
      [userId],
    );
    return rows;
  };

  it('enters on the second order and leaves on a refund, each change stored once as a track event', async () => {
    const segment = await createSegment('Repeat buyers', REPEAT_BUYERS);
    await track('ann', 'order.completed', { total: 20 });
    await track('ann', 'page.viewed');
    // Give the refresh of the first order time to (wrongly) act.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await membership(segment.id, 'ann')).toBe(false);

    await track('ann', 'order.completed', { total: 35 });
    await waitFor('ann to enter', async () => ((await membership(segment.id, 'ann')) ? true : undefined));
    // The profile 360 lists the membership.
    const profile = await h.admin<{ segments: unknown[] }>('GET', '/profiles/ann');
    expect(profile.body.segments).toEqual([
      { id: segment.id, name: 'Repeat buyers', segmentVersion: 1, enteredAt: expect.any(String) },
    ]);
    await track('ann', 'order.refunded');
    await waitFor('ann to leave', async () => ((await membership(segment.id, 'ann')) ? undefined : true));
    // Sweeps keep running: nothing more must happen.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const properties = { segmentId: segment.id, segmentName: 'Repeat buyers', segmentVersion: 1 };
    expect(await membershipEvents('ann')).toEqual([
      { type: 'track', name: 'segment.entered', properties, queued: true },
      { type: 'track', name: 'segment.exited', properties, queued: true },
    ]);
    const { rows: history } = await h.db.query(
      `SELECT change, reason, segment_version, event_id IS NOT NULL AS has_event FROM segment_membership_history
       WHERE segment_id = $1 ORDER BY id`,
      [segment.id],
    );
    expect(history).toEqual([
      { change: 'entered', reason: 'rule', segment_version: 1, has_event: true },
      { change: 'exited', reason: 'rule', segment_version: 1, has_event: true },
    ]);
  });

  it('records one entry however many concurrent events, API processes and sweeps race to make it', async () => {
    // A second API process on the same database, sweeping every 300 ms.
    const sweeping = await startApi({
      databaseUrl: h.databaseUrl,
      env: { SEGMENT_SWEEP_MS: '300', DISPATCH_ENABLED: 'false' },
    });
    try {
      const other = apiClient(sweeping.url, basic(h.workspace.writeKey));
      const segment = await createSegment('Buyers', {
        type: 'event',
        event: 'order.completed',
        operator: 'gte',
        value: 1,
      });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          track('bob', 'order.completed', { total: 1 }, i % 2 ? other : h.ingest),
        ),
      );
      await waitFor('bob to enter', async () => ((await membership(segment.id, 'bob')) ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const entered = (await membershipEvents('bob')).filter((e) => e.properties.segmentId === segment.id);
      expect(entered.map((e) => e.name)).toEqual(['segment.entered']);
    } finally {
      await sweeping.stop();
    }
  });

  it('builds a new segment from who already matches, silently, then tracks changes', async () => {
    await track('cleo', 'newsletter.subscribed');
    await waitFor('cleo to exist', async () =>
      (await h.db.query(`SELECT 1 FROM profiles WHERE external_id = 'cleo'`)).rowCount ? true : undefined,
    );
    const subscribers = await createSegment('Subscribers', {
      type: 'event',
      event: 'newsletter.subscribed',
      operator: 'gte',
      value: 1,
    });
    expect(await membership(subscribers.id, 'cleo')).toBe(true);
    expect((await membershipEvents('cleo')).filter((e) => e.properties.segmentId === subscribers.id)).toEqual(
      [],
    );
    const { rows } = await h.db.query(`SELECT reason FROM segment_membership_history WHERE segment_id = $1`, [
      subscribers.id,
    ]);
    expect(rows).toEqual([{ reason: 'built' }]);

    // A new rule is a new version: who no longer matches leaves, with the version in the event.
    const changed = await h.admin<Segment>('PUT', `/segments/${subscribers.id}`, {
      rule: { type: 'event', event: 'newsletter.subscribed', operator: 'gte', value: 2 },
    });
    expect(changed.body.version).toBe(2);
    await waitFor('cleo to leave', async () =>
      (await membership(subscribers.id, 'cleo')) ? undefined : true,
    );
    expect((await membershipEvents('cleo')).filter((e) => e.properties.segmentId === subscribers.id)).toEqual(
      [
        {
          type: 'track',
          name: 'segment.exited',
          properties: { segmentId: subscribers.id, segmentName: 'Subscribers', segmentVersion: 2 },
          queued: true,
        },
      ],
    );
  });
});
