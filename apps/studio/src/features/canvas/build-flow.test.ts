import { buildFlow } from './build-flow';
import { layoutByDepth } from './layout';
import type { NodeCatalog, ScenarioGraph } from './types';

const demo: ScenarioGraph = {
  nodes: [
    { id: 't', type: 'trigger.event', config: { event: 'account.created', filters: [] } },
    { id: 'w', type: 'wait.duration', config: { amount: 2, unit: 'seconds' } },
    { id: 'c', type: 'condition.attribute', config: { path: 'country', operator: 'equals', value: 'FR' } },
    { id: 'fr', type: 'send.email', config: { subject: 'Bonjour {{ profile.firstName }}', text: 'Salut' } },
    { id: 'en', type: 'send.email', config: { subject: 'Hello', text: 'Hi' } },
    { id: 'x', type: 'exit', config: {} },
  ],
  edges: [
    { id: 'e1', source: 't', sourcePort: 'out', target: 'w' },
    { id: 'e2', source: 'w', sourcePort: 'out', target: 'c' },
    { id: 'e3', source: 'c', sourcePort: 'yes', target: 'fr' },
    { id: 'e4', source: 'c', sourcePort: 'no', target: 'en' },
    { id: 'e5', source: 'fr', sourcePort: 'out', target: 'x' },
    { id: 'e6', source: 'en', sourcePort: 'out', target: 'x' },
  ],
};

const catalog: NodeCatalog = {
  'condition.attribute': {
    type: 'condition.attribute',
    title: 'Profile attribute',
    kind: 'condition',
    ports: ['yes', 'no'],
  },
  'loyalty.award': { type: 'loyalty.award', title: 'Loyalty points', kind: 'action', ports: ['out'] },
};

describe('buildFlow', () => {
  const { nodes, edges } = buildFlow(demo, catalog);
  const byId = Object.fromEntries(nodes.map((node) => [node.id, node]));

  it('summarises each built-in node type in one line', () => {
    expect(nodes.map((node) => node.data.summary)).toEqual([
      'When account.created',
      'Wait 2 seconds',
      'country equals FR',
      'Email: Bonjour {{ profile.firstName }}',
      'Email: Hello',
      'Exit',
    ]);
  });

  it('names every node for assistive technology', () => {
    expect(byId.c.ariaRole).toBe('group');
    expect(byId.c.ariaLabel).toBe('Condition: country equals FR');
    expect(byId.w.ariaLabel).toBe('Wait: Wait 2 seconds');
    expect(byId.x.ariaLabel).toBe('Exit');
  });

  it('takes titles from the label, then the catalog, then the built-in view', () => {
    const labelled = buildFlow(
      { nodes: [{ ...demo.nodes[2], label: 'Lives in France?' }], edges: [] },
      catalog,
    );
    expect(labelled.nodes[0].data.title).toBe('Lives in France?');
    expect(labelled.nodes[0].ariaLabel).toBe('Condition: country equals FR (Lives in France?)');
    expect(byId.c.data.title).toBe('Profile attribute');
    expect(byId.w.data.title).toBe('Wait');
  });

  it('gives branching nodes their ports in order and labels only their edges', () => {
    expect(byId.c.data.ports).toEqual(['yes', 'no']);
    expect(byId.w.data.ports).toEqual(['out']);
    expect(byId.x.data.ports).toEqual([]);
    expect(byId.t.data.hasInput).toBe(false);
    const labels = Object.fromEntries(edges.map((edge) => [edge.id, edge.label]));
    expect(labels).toEqual({
      e1: undefined,
      e2: undefined,
      e3: 'yes',
      e4: 'no',
      e5: undefined,
      e6: undefined,
    });
    expect(edges.every((edge) => edge.type === 'smoothstep')).toBe(true);
    expect(edges.find((edge) => edge.id === 'e3')?.sourceHandle).toBe('yes');
  });

  it('uses the port name the edges use for single-port nodes', () => {
    const flow = buildFlow(
      {
        nodes: [demo.nodes[0], demo.nodes[5]],
        edges: [{ id: 'e', source: 't', sourcePort: 'next', target: 'x' }],
      },
      { 'trigger.event': { type: 'trigger.event', title: 'Event', kind: 'trigger', ports: ['out'] } },
    );
    expect(flow.nodes[0].data.ports).toEqual(['next']);
  });

  it('renders custom node types by their catalog kind with a generic summary', () => {
    const flow = buildFlow(
      { nodes: [{ id: 'l', type: 'loyalty.award', config: { points: 20, reason: 'welcome' } }], edges: [] },
      catalog,
    );
    expect(flow.nodes[0].data).toMatchObject({
      kind: 'action',
      title: 'Loyalty points',
      summary: 'points: 20 · reason: welcome',
    });
    const unknown = buildFlow({ nodes: [{ id: 'u', type: 'wait.until', config: {} }], edges: [] }, {});
    expect(unknown.nodes[0].data).toMatchObject({ kind: 'wait', summary: 'No settings' });
  });

  it('lays out nodes without positions top to bottom by depth, yes left of no', () => {
    expect(byId.t.position.y).toBe(0);
    expect(byId.w.position.y).toBeGreaterThan(byId.t.position.y);
    expect(byId.fr.position.y).toBe(byId.en.position.y);
    expect(byId.fr.position.x).toBeLessThan(byId.en.position.x);
    expect(byId.x.position.y).toBeGreaterThan(byId.fr.position.y);
    expect(byId.x.position.x).toBe(byId.t.position.x);
  });

  it('keeps saved positions', () => {
    const placed = buildFlow(
      {
        nodes: demo.nodes.map((node, i) => ({ ...node, position: { x: i * 10, y: i * 200 } })),
        edges: demo.edges,
      },
      catalog,
    );
    expect(placed.nodes.map((node) => node.position)).toEqual(
      demo.nodes.map((_, i) => ({ x: i * 10, y: i * 200 })),
    );
  });
});

describe('layout', () => {
  it('puts nodes of a cycle unreachable from an entry on rows of their own', () => {
    const positions = layoutByDepth(
      [
        { id: 'a', type: 'trigger.event', config: {} },
        { id: 'b', type: 'exit', config: {} },
        { id: 'c', type: 'wait.duration', config: {} },
      ],
      [
        { id: '1', source: 'a', sourcePort: 'out', target: 'b' },
        { id: '2', source: 'c', sourcePort: 'out', target: 'c' },
      ],
    );
    expect([...positions.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(positions.get('c')?.y).toBeGreaterThan(positions.get('b')?.y ?? Infinity);
  });
});
