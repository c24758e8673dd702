import { compileScenario, welcomeScenario } from '@parcours/domain';
import { type JourneyContext } from '@parcours/domain/journey';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { type createJourneyActivities } from '../activities/journey.activities';
import { journeyWorkflow } from './journey.workflow';

type Activities = ReturnType<typeof createJourneyActivities>;

/**
 * The interpreter alone: real Temporal (dev server), activities replaced by recorders, so the test
 * shows which steps run in which order for a given profile, and that a recorded history replays.
 */
describe('journeyWorkflow', () => {
  const address = process.env.TEMPORAL_ADDRESS!;
  let connection: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    connection = await NativeConnection.connect({ address });
    client = new Client({ connection: await Connection.connect({ address }) });
  });
  afterAll(async () => {
    await client?.connection.close();
    await connection?.close();
  });

  function fakeActivities(country: string, calls: string[]): Activities {
    const definition = structuredClone(compileScenario(welcomeScenario));
    definition.steps['wait-2s'].config = { amount: 1, unit: 'seconds' };
    const context: JourneyContext = {
      workspaceId: 'w',
      journeyId: 'j',
      scenarioId: 's',
      scenarioVersionId: 'v',
      profileId: 'p',
      enteredAt: new Date().toISOString(),
    };
    return {
      loadJourney: async () => ({ context, definition }),
      recordStep: async ({ step, outcome }) => void calls.push(`${step.id}:${outcome}`),
      evaluateStep: async ({ step }) => {
        const port = country === 'FR' ? 'yes' : 'no';
        calls.push(`${step.id}:${port}`);
        return { port, outcome: port };
      },
      executeStep: async ({ step }) => {
        calls.push(`${step.id}:sent`);
        return { port: 'out', outcome: 'sent' };
      },
      completeJourney: async ({ step, exitReason }) => void calls.push(`${step.id}:${exitReason}`),
      resolveWaitUntil: async () => {
        throw new Error('this scenario has no wait.until');
      },
      findConversion: async () => {
        throw new Error('this scenario has no goal');
      },
    };
  }

  it.each([
    ['FR', ['email-fr']],
    ['US', ['email-en']],
  ])('walks the graph for a %s customer and replays deterministically', async (country, emails) => {
    const taskQueue = `wf-test-${randomUUID()}`;
    const calls: string[] = [];
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowsPath: require.resolve('./index'),
      activities: fakeActivities(country, calls),
    });
    const workflowId = `journey-test-${randomUUID()}`;
    const started = Date.now();
    const result = await worker.runUntil(
      client.workflow.execute(journeyWorkflow, { taskQueue, workflowId, args: [{ journeyId: 'j' }] }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(result.path).toEqual(['wait-2s', 'check-country', ...emails, 'exit']);
    expect(calls).toEqual([
      'wait-2s:waiting',
      'wait-2s:waited',
      `check-country:${country === 'FR' ? 'yes' : 'no'}`,
      `${emails[0]}:sent`,
      'exit:completed',
    ]);

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowsPath: require.resolve('./index') }, history, workflowId),
    ).resolves.toBeUndefined();
  });
});
