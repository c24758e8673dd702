import { chooseSplitBranch, HOLDOUT_PORT } from '@parcours/domain/journey';
import {
  type JourneyHarness,
  type PublishedScenario,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';

const DAY = 86_400_000;

describe('split.random and goal over the time-skipping server', () => {
  let h: JourneyHarness;
  beforeAll(async () => {
    h = await startJourneyHarness();
  });
  afterAll(async () => h?.close());

  const traitsOf = async (profileId: string) =>
    (await h.pool.query(`SELECT traits FROM profiles WHERE id = $1`, [profileId])).rows[0].traits;

  it('split.random: each customer takes the branch of their bucket, every time; the holdout leaves, counted', async () => {
    const branches = [
      { port: 'a', percent: 45 },
      { port: 'b', percent: 45 },
    ];
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['ab', 'split.random', { branches, holdoutPercent: 10 }],
          ['variant-a', 'update.profile', { set: { variant: 'a' }, increment: { visits_a: 1 } }],
          ['variant-b', 'update.profile', { set: { variant: 'b' }, increment: { visits_b: 1 } }],
          ['end', 'exit', {}],
        ],
        [
          'start.out -> ab',
          'ab.a -> variant-a',
          'ab.b -> variant-b',
          'variant-a.out -> end',
          'variant-b.out -> end',
        ],
      ),
    );
    // Customers until every branch has two (the expected branch is known before they enter).
    const customers: { profileId: string; expected: string }[] = [];
    const count = (port: string) => customers.filter((c) => c.expected === port).length;
    while (['a', 'b', HOLDOUT_PORT].some((port) => count(port) < 2)) {
      expect(customers.length).toBeLessThan(200);
      const profileId = await h.createCustomer();
      customers.push({
        profileId,
        expected: chooseSplitBranch([{ port: HOLDOUT_PORT, percent: 10 }, ...branches], profileId, 'ab'),
      });
    }
    // Everyone twice (re-entry), all at once: the same branch both times.
    for (let round = 0; round < 2; round++) {
      const journeys = await Promise.all(customers.map((c) => h.enter(scenario, c.profileId)));
      const outcomes = await Promise.all(journeys.map((journey) => journey.result()));
      for (const [i, { expected }] of customers.entries()) {
        if (expected === HOLDOUT_PORT) {
          expect(outcomes[i]).toMatchObject({ path: ['ab'], exitReason: 'holdout' });
        } else {
          expect(outcomes[i]).toMatchObject({
            path: ['ab', `variant-${expected}`, 'end'],
            exitReason: 'completed',
          });
        }
        const split = (await h.steps(journeys[i].journeyId)).find((step) => step.node_id === 'ab')!;
        expect(split.outcome).toBe(expected === HOLDOUT_PORT ? 'exited:holdout' : expected);
      }
    }
    for (const { profileId, expected } of customers) {
      const traits = await traitsOf(profileId);
      if (expected === HOLDOUT_PORT) expect(traits).toEqual({});
      else expect(traits).toEqual({ variant: expected, [`visits_${expected}`]: 2 });
    }
    const { rows } = await h.pool.query(
      `SELECT exit_reason, count(*)::int AS n FROM journeys WHERE scenario_id = $1 GROUP BY exit_reason ORDER BY 1`,
      [scenario.scenarioId],
    );
    expect(rows).toEqual([
      { exit_reason: 'holdout', n: 2 * count(HOLDOUT_PORT) },
      { exit_reason: null, n: 2 * (count('a') + count('b')) },
    ]);
  });

  describe('goal', () => {
    let ending: PublishedScenario;
    let goingOn: PublishedScenario;
    const goal = (endJourney: boolean) => ({
      event: 'order.completed',
      filters: [{ path: 'total', operator: 'gt', value: 0 }],
      revenueProperty: 'total',
      within: { amount: 2, unit: 'days' },
      endJourney,
    });

    beforeAll(async () => {
      // cart abandoned → wait 1 hour → goal (ends the journey) | not converted → reminder.
      ending = await h.publish(
        scenarioGraph(
          [
            ['start', 'trigger.api', {}],
            ['pause', 'wait.duration', { amount: 1, unit: 'hours' }],
            ['bought', 'goal', goal(true)],
            ['reminder', 'send.email', { subject: 'Still thinking about it?', text: 'Hello' }],
            ['end', 'exit', {}],
          ],
          [
            'start.out -> pause',
            'pause.out -> bought',
            'bought.not_converted -> reminder',
            'reminder.out -> end',
          ],
        ),
      );
      expect(ending.definition.listensFor).toEqual(['order.completed']);
      goingOn = await h.publish(
        scenarioGraph(
          [
            ['start', 'trigger.api', {}],
            ['bought', 'goal', goal(false)],
            ['thank', 'update.profile', { set: { thanked: true } }],
            ['end', 'exit', {}],
          ],
          [
            'start.out -> bought',
            'bought.converted -> thank',
            'bought.not_converted -> end',
            'thank.out -> end',
          ],
        ),
      );
    });

    it('counts a conversion that happened since entry, with its revenue, and ends the journey', async () => {
      const profileId = await h.createCustomer({ email: 'converted@example.test', consents: ['email'] });
      const journey = await h.enter(ending, profileId);
      await h.waitForStep(journey.journeyId, 'pause', 'waiting');
      await h.storeEvent(profileId, 'order.completed', { total: 0 }); // filtered out
      const order = await h.storeEvent(profileId, 'order.completed', { total: 42.5 });
      const outcome = await journey.result();
      expect(outcome).toMatchObject({ path: ['pause', 'bought'], exitReason: 'goal' });
      const steps = await h.steps(journey.journeyId);
      expect(steps.slice(-2)).toEqual([
        expect.objectContaining({
          node_id: 'bought',
          outcome: 'converted',
          detail: { eventId: order.id, occurredAt: order.occurredAt, revenue: 42.5 },
        }),
        expect.objectContaining({ node_id: 'bought', outcome: 'exited:goal' }),
      ]);
      const { rows } = await h.pool.query(`SELECT status, exit_reason FROM journeys WHERE id = $1`, [
        journey.journeyId,
      ]);
      expect(rows[0]).toEqual({ status: 'exited', exit_reason: 'goal' });
    });

    it('waits for the conversion within the window and goes on through converted', async () => {
      const profileId = await h.createCustomer();
      const journey = await h.enter(goingOn, profileId);
      await h.waitForStep(journey.journeyId, 'bought', 'waiting');
      const before = await h.now();
      // Delivered by signal only (as the event router does for a journey listening for it).
      await h.signal(journey, {
        id: '0190a0b1-0000-7000-8000-00000000beef',
        name: 'order.completed',
        properties: { total: 19.9 },
        occurredAt: before.toISOString(),
      });
      const outcome = await journey.result();
      expect(outcome).toMatchObject({ path: ['bought', 'thank', 'end'], exitReason: 'completed' });
      const bought = (await h.steps(journey.journeyId)).find((step) => step.node_id === 'bought')!;
      expect(bought).toMatchObject({ outcome: 'converted', detail: { revenue: 19.9 } });
      expect(await traitsOf(profileId)).toEqual({ thanked: true });
    });

    it('goes on through not_converted once the window has passed', async () => {
      const profileId = await h.createCustomer({ email: 'window-shopper@example.test', consents: ['email'] });
      const enteredAt = await h.now();
      const journey = await h.enter(ending, profileId);
      const outcome = await journey.result();
      expect(outcome).toMatchObject({
        path: ['pause', 'bought', 'reminder', 'end'],
        exitReason: 'completed',
      });
      const { rows } = await h.pool.query(`SELECT created_at FROM message_ledger WHERE journey_id = $1`, [
        journey.journeyId,
      ]);
      // The hour's pause, then the two-day window.
      expect(rows[0].created_at.getTime() - enteredAt.getTime()).toBeGreaterThanOrEqual(2 * DAY + 3_600_000);
      expect((await h.steps(journey.journeyId)).find((s) => s.node_id === 'bought')?.outcome).toBe(
        'not_converted',
      );
    });
  });
});
