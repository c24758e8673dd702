import { compileScenario } from '../graph/compile-scenario';
import type { ScenarioGraphInput } from '../graph/scenario-graph';
import type { NodeExecutionContext, OutgoingMessage, ProfileSnapshot } from '../nodes/node-execution';
import { defaultNodeRegistry } from '../nodes/registry';
import { simulateJourney } from './simulate-journey';

const graph: ScenarioGraphInput = {
  nodes: [
    { id: 'start', type: 'trigger.event', config: { event: 'signup' } },
    { id: 'wait', type: 'wait.event', config: { event: 'order', timeout: { amount: 1, unit: 'days' } } },
    { id: 'fr', type: 'condition.attribute', config: { path: 'country', operator: 'equals', value: 'FR' } },
    { id: 'mail', type: 'send.email', config: { subject: 'Bonjour {{ profile.firstName }}', text: 'x' } },
    { id: 'end', type: 'exit', config: {} },
  ],
  edges: [
    { id: 'a', source: 'start', sourcePort: 'out', target: 'wait' },
    { id: 'b', source: 'wait', sourcePort: 'received', target: 'end' },
    { id: 'c', source: 'wait', sourcePort: 'timeout', target: 'fr' },
    { id: 'd', source: 'fr', sourcePort: 'yes', target: 'mail' },
    { id: 'e', source: 'fr', sourcePort: 'no', target: 'end' },
    { id: 'f', source: 'mail', sourcePort: 'out', target: 'end' },
  ],
};

function contextFor(profile: ProfileSnapshot, sent: OutgoingMessage[]) {
  return (): NodeExecutionContext =>
    ({
      profile: async () => profile,
      templateVariables: async () => ({ profile: { ...profile.traits } }),
      send: async (message: OutgoingMessage) => {
        sent.push(message);
        return { status: 'sent' };
      },
    }) as unknown as NodeExecutionContext;
}

const profile = (country: string): ProfileSnapshot => ({
  id: 'p1',
  userId: 'u1',
  email: 'a@example.test',
  phone: null,
  timezone: null,
  traits: { country, firstName: 'Ana' },
  computed: {},
  consents: {},
});

describe('simulateJourney', () => {
  const definition = compileScenario(graph);

  it('walks the path the profile would take now, passing waits on their timeout', async () => {
    const sent: OutgoingMessage[] = [];
    const result = await simulateJourney(
      definition,
      defaultNodeRegistry,
      'p1',
      contextFor(profile('FR'), sent),
    );
    expect(result).toEqual({
      end: 'completed',
      path: [
        { nodeId: 'start', type: 'trigger.event', outcome: 'entered', port: 'out' },
        {
          nodeId: 'wait',
          type: 'wait.event',
          outcome: 'wait (for order, assumed not to come)',
          port: 'timeout',
        },
        { nodeId: 'fr', type: 'condition.attribute', outcome: 'yes', port: 'yes' },
        { nodeId: 'mail', type: 'send.email', outcome: 'sent', port: 'out' },
        { nodeId: 'end', type: 'exit', outcome: 'exited' },
      ],
    });
    expect(sent).toEqual([expect.objectContaining({ channel: 'email', subject: 'Bonjour Ana' })]);
  });

  it('takes the other branch for another profile', async () => {
    const result = await simulateJourney(
      definition,
      defaultNodeRegistry,
      'p1',
      contextFor(profile('DE'), []),
    );
    expect(result.path.map((step) => step.nodeId)).toEqual(['start', 'wait', 'fr', 'end']);
  });

  it('stops a loop after a bounded number of steps', async () => {
    const loop = compileScenario({
      nodes: [
        { id: 'start', type: 'trigger.event', config: { event: 'signup' } },
        { id: 'wait', type: 'wait.duration', config: { amount: 1, unit: 'days' } },
        {
          id: 'fr',
          type: 'condition.attribute',
          config: { path: 'country', operator: 'equals', value: 'FR' },
        },
        { id: 'end', type: 'exit', config: {} },
      ],
      edges: [
        { id: 'a', source: 'start', sourcePort: 'out', target: 'wait' },
        { id: 'b', source: 'wait', sourcePort: 'out', target: 'fr' },
        { id: 'c', source: 'fr', sourcePort: 'yes', target: 'wait' },
        { id: 'd', source: 'fr', sourcePort: 'no', target: 'end' },
      ],
    });
    const result = await simulateJourney(loop, defaultNodeRegistry, 'p1', contextFor(profile('FR'), []));
    expect(result.end).toBe('step_limit');
    expect(result.path).toHaveLength(200);
  });
});
