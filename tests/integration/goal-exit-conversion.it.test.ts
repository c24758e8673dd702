import { type ScenarioGraphInput } from '@parcours/domain';
import { type ScenarioStats } from '@parcours/domain/journey';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { explainedBy } from '../support/app-process';
import { useJourneyStack } from '../support/journey-stack';
import { waitFor } from '../support/ports';
import { trackEvent } from '../support/track-event';

const EXIT_REASON = 'event:order.completed';

/**
 * `trigger` → goal `order.completed` within a day → exit, the version exiting on any
 * `order.completed` too: the order both converts and ends the journey.
 */
function cartScenario(trigger: string, goal: Record<string, unknown>): ScenarioGraphInput {
  const config = { event: 'order.completed', revenueProperty: 'total', within: { amount: 1, unit: 'days' } };
  const endJourney = goal.endJourney === true;
  return {
    nodes: [
      { id: 'start', type: 'trigger.event', config: { event: trigger } },
      { id: 'bought', type: 'goal', config: { ...config, ...goal } },
      { id: 'end', type: 'exit', config: {} },
    ],
    edges: [
      { id: 'e0', source: 'start', sourcePort: 'out', target: 'bought' },
      { id: 'e1', source: 'bought', sourcePort: 'not_converted', target: 'end' },
      ...(endJourney ? [] : [{ id: 'e2', source: 'bought', sourcePort: 'converted', target: 'end' }]),
    ],
    settings: {
      entry: { reentry: { policy: 'always' } },
      exitCriteria: [{ kind: 'event', event: 'order.completed' }],
    },
  } as ScenarioGraphInput;
}

describe('an exit criterion on the event a goal waits for, over Postgres + Temporal', () => {
  const stack = useJourneyStack();

  const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
    explainedBy(waitFor(what, probe, { timeoutMs: 60_000 }), stack.api.process, stack.worker.process);

  /** A new customer whose journey in the scenario waits at its goal (its step recorded `waiting`). */
  async function waitingAtGoal(userId: string, trigger: string): Promise<{ journeyId: string }> {
    expect(
      (await stack.admin('PUT', `/profiles/${userId}`, { email: `${userId}@example.test` })).status,
    ).toBe(200);
    await trackEvent(stack.ingest, userId, trigger, { items: 2 });
    return until(`${userId} to wait at the goal`, async () => {
      const { rows } = await stack.db.query(
        `SELECT j.id AS "journeyId" FROM journeys j JOIN profiles p ON p.id = j.profile_id
         JOIN journey_steps s ON s.journey_id = j.id AND s.node_id = 'bought' AND s.outcome = 'waiting'
         WHERE p.external_id = $1`,
        [userId],
      );
      return rows[0];
    });
  }

  async function ended(journeyId: string) {
    return until(`journey ${journeyId} to end`, async () => {
      const { rows } = await stack.db.query(
        `SELECT status, exit_reason AS "exitReason", workflow_id AS "workflowId" FROM journeys
         WHERE id = $1 AND status NOT IN ('pending', 'running')`,
        [journeyId],
      );
      return rows[0] as { status: string; exitReason: string; workflowId: string } | undefined;
    });
  }

  /** `node:outcome` of each recorded step, in order, with the goal step's detail. */
  async function stepsOf(journeyId: string) {
    const { rows } = await stack.db.query(
      `SELECT node_id || ':' || outcome AS step, detail, finished_at IS NOT NULL AS finished
       FROM journey_steps WHERE journey_id = $1 ORDER BY step_index`,
      [journeyId],
    );
    return rows as { step: string; detail: Record<string, unknown> | null; finished: boolean }[];
  }

  async function orderOf(userId: string): Promise<{ id: string; occurredAt: string }> {
    const { rows } = await stack.db.query(
      `SELECT e.id, e.occurred_at FROM events e JOIN profiles p ON p.id = e.profile_id
       WHERE p.external_id = $1 AND e.name = 'order.completed'`,
      [userId],
    );
    expect(rows).toHaveLength(1);
    return { id: rows[0].id, occurredAt: rows[0].occurred_at.toISOString() };
  }

  const statsOf = async (scenarioId: string) => {
    const res = await stack.admin<ScenarioStats>('GET', `/scenarios/${scenarioId}/stats`);
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Lets a racing workflow write whatever it still would (it must not). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

  it('counts the conversion, with its revenue, and exits the journey for the criterion', async () => {
    const scenarioId = await stack.publish(
      'Cart, ending at the order',
      cartScenario('cart.abandoned', { endJourney: true }),
    );
    const { journeyId } = await waitingAtGoal('ana', 'cart.abandoned');
    await trackEvent(stack.ingest, 'ana', 'order.completed', { total: 42.5 });

    const journey = await ended(journeyId);
    expect(journey).toMatchObject({ status: 'exited', exitReason: EXIT_REASON });
    const order = await orderOf('ana');
    await settle();
    expect(await stepsOf(journeyId)).toEqual([
      { step: 'start:entered', detail: null, finished: true },
      {
        step: 'bought:converted',
        detail: { eventId: order.id, occurredAt: order.occurredAt, revenue: 42.5 },
        finished: true,
      },
    ]);
    const stats = await statsOf(scenarioId);
    expect(stats.journeys).toMatchObject({ entered: 1, active: 0, exited: 1, completed: 0 });
    expect(stats.nodes.bought).toMatchObject({
      outcomes: { converted: 1 },
      conversions: 1,
      revenue: 42.5,
      ended: { [EXIT_REASON]: 1 },
    });
    // Ended at once, not when its window would have closed.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const described = await new TemporalClient({ connection }).workflow
        .getHandle(journey.workflowId)
        .describe();
      expect(described.status.name).toBe('TERMINATED');
    } finally {
      await connection.close();
    }
  });

  it('exits without a conversion when the goal does not accept the exiting event', async () => {
    const scenarioId = await stack.publish(
      'Cart, coupon orders only',
      cartScenario('checkout.abandoned', {
        endJourney: false,
        filters: [{ path: 'coupon', operator: 'exists' }],
      }),
    );
    const { journeyId } = await waitingAtGoal('bob', 'checkout.abandoned');
    await trackEvent(stack.ingest, 'bob', 'order.completed', { total: 30 }); // no coupon

    expect(await ended(journeyId)).toMatchObject({ status: 'exited', exitReason: EXIT_REASON });
    await settle();
    const steps = await stepsOf(journeyId);
    expect(steps.map((s) => s.step)).toEqual(['start:entered', 'bought:waiting']);
    expect(steps[1]).toMatchObject({ detail: null, finished: false });
    const stats = await statsOf(scenarioId);
    expect(stats.nodes.bought).toMatchObject({ conversions: 0, revenue: 0, ended: { [EXIT_REASON]: 1 } });
  });

  it('counts a conversion whose revenue property is not a number, without revenue, and no 500', async () => {
    const scenarioId = await stack.publish(
      'Cart, odd totals',
      cartScenario('basket.abandoned', { endJourney: false }),
    );
    const { journeyId } = await waitingAtGoal('cyd', 'basket.abandoned');
    await trackEvent(stack.ingest, 'cyd', 'order.completed', {
      total: { amount: '1e309', currency: 'EUR' },
      note: "'); DROP TABLE journey_steps; --",
    });

    expect(await ended(journeyId)).toMatchObject({ status: 'exited', exitReason: EXIT_REASON });
    const order = await orderOf('cyd');
    await settle();
    const steps = await stepsOf(journeyId);
    expect(steps.map((s) => s.step)).toEqual(['start:entered', 'bought:converted']);
    expect(steps[1].detail).toEqual({ eventId: order.id, occurredAt: order.occurredAt });
    const stats = await statsOf(scenarioId);
    expect(stats.nodes.bought).toMatchObject({ conversions: 1, revenue: 0 });
  });
});
