import { DateTime } from 'luxon';
import {
  type JourneyHarness,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';

const DAY = 86_400_000;

/** Workspace pressure rules (workspaces.pressure_rules) applied by the send gateway, on skipped time. */
describe('marketing pressure in running journeys', () => {
  let h: JourneyHarness;
  beforeAll(async () => {
    h = await startJourneyHarness();
  });
  afterAll(async () => h?.close());

  const mailJourney = (name: string, category = 'marketing') =>
    h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['mail', 'send.email', { subject: name, text: 'Hello', category }],
          ['end', 'exit', {}],
        ],
        ['start.out -> mail', 'mail.out -> end'],
      ),
      name,
    );
  const ledgerOf = async (journeyId: string) =>
    (await h.pool.query(`SELECT status, created_at FROM message_ledger WHERE journey_id = $1`, [journeyId]))
      .rows;
  const deferralsOf = async (journeyId: string) =>
    (
      await h.pool.query(`SELECT reason, until FROM message_deferrals WHERE journey_id = $1 ORDER BY id`, [
        journeyId,
      ])
    ).rows;

  it('defers a marketing email sent in quiet hours to 08:00 in the customer’s timezone', async () => {
    await h.setPressureRules({ quietHours: { start: '21:00', end: '08:00' } });
    const scenario = await mailJourney('Evening offer');
    const transactional = await mailJourney('Your receipt', 'transactional');
    // 21:30 UTC: 22:30 or 23:30 in Paris (quiet), 16:30 or 17:30 in New York (not quiet).
    const now = DateTime.fromJSDate(await h.now(), { zone: 'UTC' });
    let evening = now.set({ hour: 21, minute: 30, second: 0, millisecond: 0 });
    if (evening <= now) evening = evening.plus({ days: 1 });
    await h.skipTo(evening.toJSDate());

    const paris = await h.createCustomer({
      email: 'p@example.test',
      consents: ['email'],
      traits: { timezone: 'Europe/Paris' },
    });
    const newYork = await h.createCustomer({
      email: 'ny@example.test',
      consents: ['email'],
      traits: { timezone: 'America/New_York' },
    });
    const journeys = [
      await h.enter(scenario, paris),
      await h.enter(scenario, newYork),
      await h.enter(transactional, paris),
    ];
    await Promise.all(journeys.map((journey) => journey.result()));

    const parisMorning = evening
      .setZone('Europe/Paris')
      .plus({ days: 1 })
      .set({ hour: 8, minute: 0 })
      .toJSDate();
    expect(await deferralsOf(journeys[0].journeyId)).toEqual([
      { reason: 'quiet_hours', until: parisMorning },
    ]);
    const [held] = await ledgerOf(journeys[0].journeyId);
    expect(held.status).toBe('sent');
    expect(held.created_at.getTime() - parisMorning.getTime()).toBeGreaterThanOrEqual(0);
    expect(held.created_at.getTime() - parisMorning.getTime()).toBeLessThan(60_000);
    // Not quiet in New York; a receipt is never held back.
    for (const journey of journeys.slice(1)) {
      expect(await deferralsOf(journey.journeyId)).toEqual([]);
      const [sent] = await ledgerOf(journey.journeyId);
      expect(sent.status).toBe('sent');
      expect(sent.created_at.getTime() - evening.toMillis()).toBeLessThan(60_000);
    }
    const mail = (await h.steps(journeys[0].journeyId)).find((step) => step.node_id === 'mail')!;
    expect(mail.outcome).toBe('sent');
  });

  it('holds the second scenario’s email a day when the customer may get one marketing email a day', async () => {
    await h.setPressureRules({ caps: [{ channel: 'email', max: 1, per: 'day' }] });
    const [welcome, promo] = [await mailJourney('Welcome'), await mailJourney('Promo')];
    const profileId = await h.createCustomer({ email: 'capped@example.test', consents: ['email'] });
    // Both journeys reach their send at the same moment: one gets the day's slot, the other waits.
    const journeys = [await h.enter(welcome, profileId), await h.enter(promo, profileId)];
    await Promise.all(journeys.map((journey) => journey.result()));

    const [first, second] = await Promise.all(journeys.map(async (j) => (await ledgerOf(j.journeyId))[0]));
    const [deferredFirst, deferredSecond] = await Promise.all(journeys.map((j) => deferralsOf(j.journeyId)));
    const [early, late, lateDeferrals, earlyDeferrals] =
      first.created_at < second.created_at
        ? [first, second, deferredSecond, deferredFirst]
        : [second, first, deferredFirst, deferredSecond];
    expect([early.status, late.status]).toEqual(['sent', 'sent']);
    expect(earlyDeferrals).toEqual([]);
    // Released when the first send leaves the 24-hour window, and sent then.
    expect(lateDeferrals).toEqual([
      { reason: 'frequency_cap', until: new Date(early.created_at.getTime() + DAY) },
    ]);
    expect(late.created_at.getTime() - early.created_at.getTime()).toBeGreaterThanOrEqual(DAY);
    expect(late.created_at.getTime() - early.created_at.getTime()).toBeLessThan(DAY + 60_000);
  });
});
