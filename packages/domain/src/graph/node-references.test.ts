import type { ScenarioGraph } from './scenario-graph';
import { validateScenario } from './validate-scenario';

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config });
const edge = (source: string, sourcePort: string, target: string) => ({
  id: `${source}-${sourcePort}`,
  source,
  sourcePort,
  target,
});

/** signup → mail → wait → opened? (reads `nodeId`) → exit either way. */
const engagementJourney = (nodeId: string): ScenarioGraph => ({
  nodes: [
    node('start', 'trigger.event', { event: 'signup' }),
    node('mail', 'send.email', { subject: 'Welcome', text: 'Hello' }),
    node('pause', 'wait.duration', { amount: 2, unit: 'days' }),
    node('opened', 'condition.engagement', { nodeId, engagement: 'opened' }),
    node('reminder', 'send.email', { subject: 'Reminder', text: 'Hello again' }),
    node('end', 'exit'),
  ],
  edges: [
    edge('start', 'out', 'mail'),
    edge('mail', 'out', 'pause'),
    edge('pause', 'out', 'opened'),
    edge('opened', 'yes', 'end'),
    edge('opened', 'no', 'reminder'),
    edge('reminder', 'out', 'end'),
  ],
  settings: { entry: { reentry: { policy: 'always' } }, exitCriteria: [] },
});

describe('node references', () => {
  it('accepts an engagement condition on an earlier send', () => {
    expect(validateScenario(engagementJourney('mail'))).toEqual([]);
  });

  it.each([
    ['a node that does not exist', 'ghost', 'does not exist'],
    ['a node that is not a send', 'pause', 'is not a node of the messages category'],
    ['a send that comes after it', 'reminder', 'does not come before it'],
  ])('refuses a reference to %s, at the config field', (_label, nodeId, problem) => {
    expect(validateScenario(engagementJourney(nodeId))).toEqual([
      {
        nodeId: 'opened',
        path: ['nodes', 3, 'config', 'nodeId'],
        code: 'invalid_reference',
        message: `Node 'opened' refers to node '${nodeId}', which ${problem}`,
      },
    ]);
  });
});

describe('waits that may not pause', () => {
  /** start → wait → update → check → (loop back to the wait | exit). */
  const loopThrough = (waitType: string, config: Record<string, unknown>): ScenarioGraph => ({
    nodes: [
      node('start', 'trigger.api'),
      node('wait', waitType, config),
      node('bump', 'update.profile', { increment: { loops: 1 } }),
      node('check', 'condition.attribute', { path: 'loops', operator: 'lt', value: 10 }),
      node('end', 'exit'),
    ],
    edges: [
      edge('start', 'out', 'wait'),
      edge('wait', waitType === 'goal' ? 'not_converted' : 'out', 'bump'),
      ...(waitType === 'goal' ? [edge('wait', 'converted', 'end')] : []),
      edge('bump', 'out', 'check'),
      edge('check', 'yes', 'wait'),
      edge('check', 'no', 'end'),
    ],
    settings: { entry: { reentry: { policy: 'always' } }, exitCriteria: [] },
  });

  it('a wait.duration breaks a loop', () => {
    expect(validateScenario(loopThrough('wait.duration', { amount: 1, unit: 'minutes' }))).toEqual([]);
  });

  it.each([
    ['wait.until', { until: { kind: 'date', at: '2026-01-01T00:00:00Z' } }],
    ['goal', { event: 'order.completed', within: { amount: 1, unit: 'days' } }],
  ])('a %s does not (it may let the customer through at once)', (type, config) => {
    expect(validateScenario(loopThrough(type, config)).map((issue) => issue.code)).toEqual([
      'cycle_without_wait',
    ]);
  });
});
