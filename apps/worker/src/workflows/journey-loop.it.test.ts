import { type WorkflowHandle } from '@temporalio/client';
import {
  type JourneyHarness,
  scenarioGraph,
  startJourneyHarness,
} from '../../../../tests/support/journey-harness';

const LOOPS = 1_000;

/**
 * A journey that loops a thousand times (wait a minute, count, check): its history would pass
 * Temporal's limits in one run, so it continues as new and keeps its state across runs.
 */
describe('a long-looping journey', () => {
  let h: JourneyHarness;
  beforeAll(async () => {
    h = await startJourneyHarness();
  });
  afterAll(async () => h?.close());

  it(`loops ${LOOPS} times across several runs, each step applied once`, async () => {
    const scenario = await h.publish(
      scenarioGraph(
        [
          ['start', 'trigger.api', {}],
          ['tick', 'wait.duration', { amount: 1, unit: 'minutes' }],
          ['count', 'update.profile', { increment: { loops: 1 } }],
          ['again', 'condition.attribute', { path: 'loops', operator: 'lt', value: LOOPS }],
          ['end', 'exit', {}],
        ],
        [
          'start.out -> tick',
          'tick.out -> count',
          'count.out -> again',
          'again.yes -> tick',
          'again.no -> end',
        ],
      ),
    );
    const profileId = await h.createCustomer();
    const journey = await h.enter(scenario, profileId);
    const outcome = await journey.result();
    expect(outcome.exitReason).toBe('completed');

    const { rows } = await h.pool.query(`SELECT traits FROM profiles WHERE id = $1`, [profileId]);
    expect(rows[0].traits).toEqual({ loops: LOOPS });
    // One row per step visit, numbered without gaps across runs: entry, 3 per loop, exit.
    const steps = await h.steps(journey.journeyId);
    expect(steps).toHaveLength(1 + 3 * LOOPS + 1);
    expect(steps.every((step, index) => step.step_index === index)).toBe(true);
    expect(steps.at(-2)).toMatchObject({ node_id: 'again', iteration: LOOPS - 1, outcome: 'no' });
    const effects = await h.pool.query(`SELECT count(*)::int AS n FROM step_effects WHERE journey_id = $1`, [
      journey.journeyId,
    ]);
    expect(effects.rows[0].n).toBe(LOOPS);

    // Walk the chain of runs back from the last one.
    const last = await journey.handle.describe();
    let runs = 0;
    let runId: string | undefined = last.runId;
    let longest = 0;
    let firstStartedAt = last.startTime;
    while (runId) {
      runs++;
      const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await h.env.client.workflow
        .getHandle(journey.workflowId, runId)
        .fetchHistory();
      const started = history.events![0];
      longest = Math.max(longest, history.events!.length);
      firstStartedAt = new Date(Number(started.eventTime!.seconds) * 1000);
      runId = started.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    }
    // A thousand one-minute waits on the workflow's (skipped) clock, not on the server's, which may
    // jump once no journey runs.
    const elapsed = last.closeTime!.getTime() - firstStartedAt.getTime();
    expect(elapsed).toBeGreaterThanOrEqual(LOOPS * 60_000 - 1_000);
    expect(elapsed).toBeLessThan(LOOPS * 60_000 + 3_600_000);
    expect(runs).toBeGreaterThan(1);
    // Far below Temporal's 50 000-event limit (the workflow continues as new past 2 000).
    expect(longest).toBeLessThan(2_500);
    console.log(`${LOOPS} loops: ${runs} runs, longest history ${longest} events`);
  }, 600_000); // about 4 000 activities against Postgres: 1.5 minutes on a quiet machine
});
