import { DateTime } from 'luxon';
import {
  type JourneyHarness,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';

const DAY = 86_400_000;

/** Waits over the time-skipping server: days pass in seconds, activities see the skipped clock. */
describe('journey waits', () => {
  let h: JourneyHarness;
  beforeAll(async () => {
    h = await startJourneyHarness();
  });
  afterAll(async () => h?.close());

  const sentAt = async (journeyId: string) =>
    (
      await h.pool.query(`SELECT created_at FROM message_ledger WHERE journey_id = $1 AND status = 'sent'`, [
        journeyId,
      ])
    ).rows.map((row) => row.created_at as Date);

  it('ends a journey whose exit was recorded while it waited, before its next step acts', async () => {
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['wait', 'wait.duration', { amount: 3, unit: 'days' }],
          ['mail', 'send.email', { subject: 'Still there?', text: 'Hello' }],
          ['end', 'exit', {}],
        ],
        ['start.out -> wait', 'wait.out -> mail', 'mail.out -> end'],
      ),
    );
    const profileId = await h.createCustomer({ email: 'leaving@example.test', consents: ['email'] });
    const journey = await h.enter(scenario, profileId);
    await h.waitForStep(journey.journeyId, 'wait', 'waiting');
    // What the API records when an exit criterion matches (it also terminates the workflow; left
    // running here, the journey must still stop: every step re-reads the row before acting).
    await h.pool.query(
      `UPDATE journeys SET status = 'exited', exit_reason = 'event:order.completed', ended_at = now() WHERE id = $1`,
      [journey.journeyId],
    );
    const outcome = await journey.result();
    expect(outcome.exitReason).toBe('event:order.completed');
    expect(await sentAt(journey.journeyId)).toEqual([]);
    const { rows } = await h.pool.query(`SELECT status, exit_reason FROM journeys WHERE id = $1`, [
      journey.journeyId,
    ]);
    expect(rows[0]).toEqual({ status: 'exited', exit_reason: 'event:order.completed' });
    expect(h.smtp.messages.filter((m) => m.subject === 'Still there?')).toEqual([]);
  });

  describe('wait.event with sameAsTrigger', () => {
    let scenario: Awaited<ReturnType<JourneyHarness['publish']>>;
    beforeAll(async () => {
      scenario = await h.publish(
        scenarioGraph(
          [
            ['start', 'trigger.event', { event: 'cart.abandoned' }],
            [
              'checkout',
              'wait.event',
              { event: 'checkout.completed', sameAsTrigger: 'cartId', timeout: { amount: 3, unit: 'days' } },
            ],
            [
              'bought',
              'update.profile',
              { fromVariables: { last_checkout_total: 'checkout.properties.total' } },
            ],
            ['reminder', 'send.email', { subject: 'Your cart is waiting', text: 'Free delivery today' }],
            ['end', 'exit', {}],
          ],
          [
            'start.out -> checkout',
            'checkout.received -> bought',
            'checkout.timeout -> reminder',
            'bought.out -> end',
            'reminder.out -> end',
          ],
        ),
      );
      expect(scenario.definition.listensFor).toEqual(['checkout.completed']);
    });

    async function abandon(email: string) {
      const profileId = await h.createCustomer({ email, consents: ['email'] });
      const trigger = await h.storeEvent(profileId, 'cart.abandoned', { cartId: 'cart-1' });
      const journey = await h.enter(scenario, profileId, { triggerEvent: trigger });
      await h.waitForStep(journey.journeyId, 'checkout', 'waiting');
      return { profileId, journey };
    }

    it('goes on at once when the same cart is checked out, ignoring another cart', async () => {
      const { profileId, journey } = await abandon('buyer@example.test');
      const other = await h.storeEvent(profileId, 'checkout.completed', { cartId: 'cart-2', total: 10 });
      const same = await h.storeEvent(profileId, 'checkout.completed', { cartId: 'cart-1', total: 64 });
      await h.signal(journey, other);
      await h.signal(journey, same);
      const outcome = await journey.result();
      expect(outcome.path).toEqual(['checkout', 'bought', 'end']);
      expect((await h.steps(journey.journeyId)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual([
        'start:entered',
        'checkout:received',
        'bought:updated',
        'end:exited',
      ]);
      // The received event's properties became a journey variable the next step used.
      const { rows } = await h.pool.query(`SELECT traits FROM profiles WHERE id = $1`, [profileId]);
      expect(rows[0].traits.last_checkout_total).toBe(64);
      // Without waiting for the timeout (the server's clock may jump once no journey runs: read the run's own).
      const { startTime, closeTime } = await journey.handle.describe();
      expect(closeTime!.getTime() - startTime.getTime()).toBeLessThan(DAY);
    });

    it('times out after 3 days of (skipped) time when only another cart is checked out', async () => {
      const { profileId, journey } = await abandon('hesitant@example.test');
      const waitingSince = await h.now();
      await h.signal(journey, await h.storeEvent(profileId, 'checkout.completed', { cartId: 'cart-9' }));
      const outcome = await journey.result();
      expect(outcome.path).toEqual(['checkout', 'reminder', 'end']);
      const [sent] = await sentAt(journey.journeyId);
      // The timer started just before the step was seen waiting: allow that minute either side.
      expect(Math.abs(sent.getTime() - waitingSince.getTime() - 3 * DAY)).toBeLessThan(60_000);
    });
  });

  it('wait.until: the next weekday window at 09:00 in each customer’s timezone', async () => {
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          [
            'morning',
            'wait.until',
            { until: { kind: 'window', start: '09:00', end: '10:00', weekdays: [1, 2, 3, 4, 5] } },
          ],
          ['mail', 'send.email', { subject: 'Good morning', text: 'Hello' }],
          ['end', 'exit', {}],
        ],
        ['start.out -> morning', 'morning.out -> mail', 'mail.out -> end'],
      ),
    );
    // Next Wednesday 12:00 UTC: 13:00 or 14:00 in Paris (past the window), 07:00 or 08:00 in New York.
    const now = DateTime.fromJSDate(await h.now(), { zone: 'UTC' });
    const wednesday = now
      .plus({ days: (3 - now.weekday + 7) % 7 || 7 })
      .set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
    await h.skipTo(wednesday.toJSDate());

    const paris = await h.createCustomer({
      email: 'paris@example.test',
      consents: ['email'],
      traits: { timezone: 'Europe/Paris' },
    });
    const newYork = await h.createCustomer({
      email: 'ny@example.test',
      consents: ['email'],
      traits: { timezone: 'America/New_York' },
    });
    const journeys = [await h.enter(scenario, paris), await h.enter(scenario, newYork)];
    await Promise.all(journeys.map((journey) => journey.result()));

    const expected = [
      wednesday.setZone('Europe/Paris').plus({ days: 1 }).set({ hour: 9, minute: 0 }),
      wednesday.setZone('America/New_York').set({ hour: 9, minute: 0 }),
    ];
    for (const [i, journey] of journeys.entries()) {
      // Sent when the timer fired: the workflow task that follows starts a few ms later.
      const [sent] = await sentAt(journey.journeyId);
      expect(sent.getTime() - expected[i].toMillis()).toBeGreaterThanOrEqual(0);
      expect(sent.getTime() - expected[i].toMillis()).toBeLessThan(60_000);
      const wait = (await h.steps(journey.journeyId)).find((step) => step.node_id === 'morning')!;
      expect(wait).toMatchObject({ outcome: 'waited', detail: { until: expected[i].toUTC().toISO() } });
    }
  });
});
