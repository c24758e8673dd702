import { z } from 'zod';
import { welcomeScenario } from '../fixtures/welcome-scenario';
import { defineNode } from '../nodes/define-node';
import { builtInNodes, createNodeRegistry } from '../nodes/registry';
import type { ScenarioGraph, ScenarioGraphInput } from './scenario-graph';
import { validateScenario } from './validate-scenario';
import type { ValidationCode } from './validation-issue';

const welcome = (): ScenarioGraph => JSON.parse(JSON.stringify(welcomeScenario)) as ScenarioGraph;

const codes = (input: unknown) => validateScenario(input).map((issue) => issue.code);

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config });
const edge = (source: string, sourcePort: string, target: string, id = `${source}-${sourcePort}`) => ({
  id,
  source,
  sourcePort,
  target,
});

/** trigger → wait → exit, the smallest valid journey. */
const minimal = (): ScenarioGraphInput => ({
  nodes: [
    node('start', 'trigger.event', { event: 'signup' }),
    node('pause', 'wait.duration', { amount: 1, unit: 'days' }),
    node('end', 'exit'),
  ],
  edges: [edge('start', 'out', 'pause'), edge('pause', 'out', 'end')],
});

describe('validateScenario', () => {
  it('accepts the welcome scenario and the minimal one', () => {
    expect(validateScenario(welcomeScenario)).toEqual([]);
    expect(validateScenario(minimal())).toEqual([]);
  });

  describe('garbage input: issues, never exceptions', () => {
    it.each([
      null,
      undefined,
      42,
      'graph',
      [],
      { nodes: 'x' },
      { nodes: [], edges: {} },
      { nodes: [null], edges: [1] },
    ])('%j', (input) => {
      const issues = validateScenario(input);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((issue) => issue.code === 'invalid_structure')).toBe(true);
    });

    it('maps structural errors to paths and names the node', () => {
      const graph = minimal() as unknown as { nodes: Record<string, unknown>[] };
      graph.nodes[1].position = { x: 'left', y: 0 };
      graph.nodes[2].id = 'bad id!';
      const issues = validateScenario(graph);
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'invalid_structure',
            nodeId: 'pause',
            path: ['nodes', 1, 'position', 'x'],
          }),
          expect.objectContaining({ code: 'invalid_structure', path: ['nodes', 2, 'id'] }),
        ]),
      );
      expect(issues.find((issue) => issue.path[1] === 2)?.nodeId).toBeUndefined();
    });

    it('refuses oversized graphs without looking at each node', () => {
      const nodes = Array.from({ length: 501 }, (_, i) => node(`n${i}`, 'exit'));
      expect(validateScenario({ nodes, edges: [] })).toEqual([
        expect.objectContaining({
          code: 'invalid_structure',
          path: ['nodes'],
          message: expect.stringContaining('500'),
        }),
      ]);
      const edges = Array.from({ length: 2001 }, (_, i) => edge('a', 'out', 'b', `e${i}`));
      expect(codes({ nodes: [], edges })).toEqual(['invalid_structure']);
    });

    it('refuses ids that are not safe object keys', () => {
      const graph = minimal();
      graph.nodes[2].id = '__proto__';
      graph.edges[1].target = '__proto__';
      expect(codes(graph)).toContain('invalid_structure');
    });

    it('still checks the readable nodes next to a broken one', () => {
      const graph = minimal() as unknown as { nodes: unknown[] };
      graph.nodes.push({ id: 'broken' });
      (graph.nodes[1] as { config: unknown }).config = { amount: 0, unit: 'days' };
      const issues = validateScenario(graph);
      expect(issues.map((issue) => issue.code)).toEqual(['invalid_structure', 'invalid_config']);
      expect(issues[1]).toMatchObject({ nodeId: 'pause', path: ['nodes', 1, 'config', 'amount'] });
    });
  });

  it('duplicate_node_id', () => {
    const graph = minimal();
    graph.nodes.push(node('pause', 'exit'));
    expect(validateScenario(graph)).toContainEqual({
      nodeId: 'pause',
      path: ['nodes', 3, 'id'],
      code: 'duplicate_node_id',
      message: "Node id 'pause' is used by more than one node",
    });
  });

  it('duplicate_edge_id', () => {
    const graph = minimal();
    graph.edges[1].id = graph.edges[0].id;
    expect(validateScenario(graph)).toEqual([
      expect.objectContaining({ code: 'duplicate_edge_id', edgeId: 'start-out', path: ['edges', 1, 'id'] }),
    ]);
  });

  it('unknown_node_type', () => {
    const graph = minimal();
    graph.nodes[1].type = 'wait.forever';
    expect(validateScenario(graph)).toContainEqual({
      nodeId: 'pause',
      path: ['nodes', 1, 'type'],
      code: 'unknown_node_type',
      message:
        "Node 'pause' has an unknown type 'wait.forever': no node package of this deployment provides it",
    });
  });

  it('invalid_config from the schema, with the config path', () => {
    const graph = minimal();
    graph.nodes[1].config = { amount: 400, unit: 'days' };
    expect(validateScenario(graph)).toEqual([
      {
        nodeId: 'pause',
        path: ['nodes', 1, 'config', 'amount'],
        code: 'invalid_config',
        message: "Node 'pause': amount: A wait cannot be longer than 365 days",
      },
    ]);
  });

  it('invalid_config from the node validate (template syntax)', () => {
    const graph = welcome();
    graph.nodes[3].config = { subject: 'Bonjour {{ profile.firstName | shout }}', text: 'x' };
    expect(validateScenario(graph)).toEqual([
      {
        nodeId: 'email-fr',
        path: ['nodes', 3, 'config', 'subject'],
        code: 'invalid_config',
        message: "Node 'email-fr': Subject: template error at line 1, column 9: undefined filter: shout",
      },
    ]);
  });

  it('trigger_count: none', () => {
    const graph = minimal();
    graph.nodes.shift();
    graph.edges.shift();
    expect(validateScenario(graph)).toEqual([
      expect.objectContaining({ code: 'trigger_count', path: ['nodes'] }),
    ]);
  });

  it('trigger_count: two', () => {
    const graph = minimal();
    graph.nodes.push(node('start2', 'trigger.event', { event: 'other' }));
    graph.edges.push(edge('start2', 'out', 'pause'));
    const issues = validateScenario(graph);
    expect(issues.map((issue) => [issue.code, issue.nodeId])).toEqual([
      ['trigger_count', 'start'],
      ['trigger_count', 'start2'],
    ]);
  });

  it('dangling_edge', () => {
    const graph = minimal();
    graph.edges.push(edge('ghost', 'out', 'phantom', 'lost'));
    expect(validateScenario(graph)).toEqual([
      expect.objectContaining({ code: 'dangling_edge', edgeId: 'lost', path: ['edges', 2, 'source'] }),
      expect.objectContaining({
        code: 'dangling_edge',
        edgeId: 'lost',
        path: ['edges', 2, 'target'],
        message: "Edge 'lost' leads to node 'phantom', which does not exist",
      }),
    ]);
  });

  it('unknown_port', () => {
    const graph = minimal();
    graph.edges[1].sourcePort = 'later';
    expect(validateScenario(graph)).toEqual([
      {
        nodeId: 'pause',
        edgeId: 'pause-out',
        path: ['edges', 1, 'sourcePort'],
        code: 'unknown_port',
        message: "Edge 'pause-out' leaves node 'pause' from port 'later', but its ports are out",
      },
      expect.objectContaining({ code: 'port_unconnected', nodeId: 'pause' }),
    ]);
  });

  it('edge_into_trigger', () => {
    const graph = welcome();
    graph.nodes.splice(5, 1); // drop the exit...
    graph.edges = graph.edges.filter((e) => e.target !== 'exit');
    graph.nodes.push(node('again', 'wait.duration', { amount: 1, unit: 'days' }), node('end', 'exit'));
    graph.edges.push(
      edge('email-fr', 'out', 'end'),
      edge('email-en', 'out', 'again'),
      edge('again', 'out', 'account-created'),
    );
    const issues = validateScenario(graph);
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'edge_into_trigger', edgeId: 'again-out', nodeId: 'account-created' }),
    );
  });

  it('port_unconnected', () => {
    const graph = welcome();
    graph.edges = graph.edges.filter((e) => e.id !== 'check-country-no');
    const issues = validateScenario(graph);
    expect(issues).toContainEqual({
      nodeId: 'check-country',
      path: ['nodes', 2],
      code: 'port_unconnected',
      message: "Port 'no' of node 'check-country' is not connected",
    });
  });

  it('port_multiply_connected', () => {
    const graph = welcome();
    graph.edges.push(edge('check-country', 'yes', 'email-en', 'second-yes'));
    expect(validateScenario(graph)).toEqual([
      expect.objectContaining({
        code: 'port_multiply_connected',
        nodeId: 'check-country',
        message: expect.stringContaining("Port 'yes' of node 'check-country' is connected 2 times"),
      }),
    ]);
  });

  it('unreachable_node', () => {
    const graph = minimal();
    graph.nodes.push(node('orphan', 'send.email', { subject: 'Hi', text: 'x' }));
    graph.edges.push(edge('orphan', 'out', 'end'));
    expect(validateScenario(graph)).toEqual([
      {
        nodeId: 'orphan',
        path: ['nodes', 3],
        code: 'unreachable_node',
        message: "Node 'orphan' cannot be reached from the trigger",
      },
    ]);
  });

  it('no_exit_path: a branch that loops forever', () => {
    const graph = minimal();
    graph.nodes.push(
      node('check', 'condition.attribute', { path: 'vip', operator: 'equals', value: true }),
      node('nap', 'wait.duration', { amount: 1, unit: 'hours' }),
    );
    graph.edges[0].target = 'check';
    graph.edges.push(edge('check', 'yes', 'pause'), edge('check', 'no', 'nap'), edge('nap', 'out', 'nap'));
    expect(validateScenario(graph)).toEqual([
      expect.objectContaining({
        code: 'no_exit_path',
        nodeId: 'nap',
        message: "No exit can be reached from node 'nap'",
      }),
    ]);
  });

  it('no_exit_path: no exit node at all', () => {
    const graph = minimal();
    graph.nodes.pop();
    graph.edges.pop();
    expect(codes(graph)).toEqual(['port_unconnected', 'no_exit_path']);
    expect(validateScenario(graph)[1]).toMatchObject({
      path: ['nodes'],
      message: expect.stringContaining('exit'),
    });
  });

  it('cycle_without_wait: reported once per loop', () => {
    const graph = minimal();
    graph.nodes.push(
      node('a', 'condition.attribute', { path: 'x', operator: 'exists' }),
      node('b', 'condition.attribute', { path: 'y', operator: 'exists' }),
    );
    graph.edges[0].target = 'a';
    graph.edges.push(
      edge('a', 'yes', 'pause'),
      edge('a', 'no', 'b'),
      edge('b', 'yes', 'a'),
      edge('b', 'no', 'b'),
    );
    const issues = validateScenario(graph);
    expect(issues).toEqual([
      {
        nodeId: 'a',
        path: ['nodes', 3],
        code: 'cycle_without_wait',
        message: "Nodes 'a', 'b' form a loop without a wait step",
      },
    ]);
  });

  it('cycle_without_wait: a self loop', () => {
    const graph = minimal();
    graph.nodes.push(node('c', 'condition.attribute', { path: 'x', operator: 'exists' }));
    graph.edges[1].target = 'c';
    graph.edges.push(edge('c', 'yes', 'end'), edge('c', 'no', 'c'));
    expect(validateScenario(graph)).toEqual([
      expect.objectContaining({
        code: 'cycle_without_wait',
        nodeId: 'c',
        message: "Node 'c' loops back to itself without a wait step",
      }),
    ]);
  });

  it('accepts loops that go through a wait', () => {
    const graph = minimal();
    graph.nodes.push(node('c', 'condition.attribute', { path: 'bought', operator: 'exists' }));
    graph.edges[1].target = 'c';
    graph.edges.push(edge('c', 'yes', 'end'), edge('c', 'no', 'pause'));
    expect(validateScenario(graph)).toEqual([]);
  });

  it('finds a wait-less loop even inside a loop that has a wait', () => {
    const graph = minimal();
    graph.nodes.push(
      node('a', 'condition.attribute', { path: 'x', operator: 'exists' }),
      node('b', 'condition.attribute', { path: 'y', operator: 'exists' }),
    );
    graph.edges[1].target = 'a'; // pause → a
    graph.edges.push(
      edge('a', 'yes', 'b'),
      edge('a', 'no', 'pause'),
      edge('b', 'yes', 'a'),
      edge('b', 'no', 'end'),
    );
    expect(codes(graph)).toEqual(['cycle_without_wait']);
  });

  it('returns every problem of a broken graph at once', () => {
    const graph = welcome();
    graph.nodes[1].config = { amount: 0, unit: 'days' }; // invalid_config
    graph.nodes.push(node('stray', 'sms.send')); // unknown_node_type + unreachable + no exit path
    graph.edges = graph.edges.filter((e) => e.id !== 'check-country-no'); // port_unconnected, unreachable
    graph.edges.push(edge('email-fr', 'bounce', 'exit', 'bad-port')); // unknown_port
    graph.edges.push(edge('exit', 'out', 'nowhere', 'dangling')); // dangling target + unknown port on exit
    const issues = validateScenario(graph);
    const found = new Set<ValidationCode>(issues.map((issue) => issue.code));
    expect([...found].sort()).toEqual(
      [
        'invalid_config',
        'unknown_node_type',
        'dangling_edge',
        'unknown_port',
        'port_unconnected',
        'unreachable_node',
        'no_exit_path',
      ].sort(),
    );
    expect(issues.filter((issue) => issue.code === 'unreachable_node').map((issue) => issue.nodeId)).toEqual([
      'email-en',
      'stray',
    ]);
    expect(issues.filter((issue) => issue.code === 'unknown_port').map((issue) => issue.edgeId)).toEqual([
      'bad-port',
      'dangling',
    ]);
  });

  it('uses the registry it is given', () => {
    const whatsapp = defineNode({
      type: 'send.whatsapp',
      version: 1,
      title: 'Send WhatsApp',
      description: 'Sends a WhatsApp message.',
      category: 'messages',
      kind: 'action',
      configSchema: z.object({ body: z.string().min(1).max(640) }),
      defaultConfig: { body: 'Hi' },
      ports: () => ['sent', 'failed'],
      execute: async () => ({ port: 'sent', outcome: 'sent' }),
    });
    const registry = createNodeRegistry([...builtInNodes, whatsapp]);
    const graph = minimal();
    graph.nodes.push(node('text', 'send.whatsapp', { body: 'Hello' }));
    graph.edges[1].target = 'text';
    graph.edges.push(edge('text', 'sent', 'end'));
    expect(codes(graph)).toContain('unknown_node_type');
    expect(validateScenario(graph, registry).map((issue) => issue.message)).toEqual([
      "Port 'failed' of node 'text' is not connected",
    ]);
  });

  it('reports a custom node whose validate throws instead of throwing', () => {
    const flaky = defineNode({
      type: 'flaky',
      version: 1,
      title: 'Flaky',
      description: 'Throws.',
      category: 'actions',
      kind: 'action',
      configSchema: z.object({}),
      defaultConfig: {},
      ports: () => ['out'],
      execute: async () => ({ port: 'out', outcome: 'done' }),
      validate: () => {
        throw new Error('kaboom');
      },
    });
    const graph = minimal();
    graph.nodes.push(node('f', 'flaky'));
    graph.edges[1].target = 'f';
    graph.edges.push(edge('f', 'out', 'end'));
    expect(validateScenario(graph, createNodeRegistry([...builtInNodes, flaky]))).toEqual([
      expect.objectContaining({
        code: 'invalid_config',
        nodeId: 'f',
        message: expect.stringContaining('kaboom'),
      }),
    ]);
  });
});
