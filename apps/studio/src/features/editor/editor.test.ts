import { autoLayout } from './auto-layout';
import {
  configFieldErrors,
  connectionRefusal,
  copySelection,
  diffGraphs,
  newEdgeId,
  newNodeId,
  pasteClipboard,
  problemsByNode,
} from './graph-rules';
import { record, redo, startHistory, undo } from './history';
import type { ScenarioGraph } from '../canvas/types';

const welcome: ScenarioGraph = {
  nodes: [
    { id: 't', type: 'trigger.event', config: { event: 'account.created' }, position: { x: 0, y: 0 } },
    {
      id: 'c',
      type: 'condition.attribute',
      config: { path: 'email', operator: 'exists' },
      position: { x: 0, y: 150 },
    },
    { id: 'm', type: 'send.email', config: { subject: 'Hi', text: 'Hello' }, position: { x: -150, y: 300 } },
    { id: 'x', type: 'exit', config: {}, position: { x: 0, y: 450 } },
  ],
  edges: [
    { id: 't-out', source: 't', sourcePort: 'out', target: 'c' },
    { id: 'c-yes', source: 'c', sourcePort: 'yes', target: 'm' },
    { id: 'm-out', source: 'm', sourcePort: 'out', target: 'x' },
  ],
  settings: { entry: { reentry: { policy: 'always' } }, exitCriteria: [] },
};

const nodes = [
  { id: 't', ports: ['out'], hasInput: false },
  { id: 'c', ports: ['yes', 'no'], hasInput: true },
  { id: 'm', ports: ['out'], hasInput: true },
  { id: 'x', ports: [], hasInput: true },
];

describe('connectionRefusal', () => {
  it('allows a free output port into a node that takes input', () => {
    expect(
      connectionRefusal({ source: 'c', sourceHandle: 'no', target: 'x' }, nodes, welcome.edges),
    ).toBeNull();
  });

  it.each([
    ['a second edge from a port', { source: 'c', sourceHandle: 'yes', target: 'x' }, 'port-taken'],
    ['a self-loop', { source: 'm', sourceHandle: 'out', target: 'm' }, 'self'],
    ['an edge into a trigger', { source: 'c', sourceHandle: 'no', target: 't' }, 'no-input'],
    ['a port the node does not have', { source: 'c', sourceHandle: 'maybe', target: 'x' }, 'unknown-port'],
    ['an edge out of an exit', { source: 'x', sourceHandle: 'out', target: 'm' }, 'unknown-port'],
    ['a missing end', { source: 'c', sourceHandle: 'no', target: null }, 'incomplete'],
    ['an unknown node', { source: 'c', sourceHandle: 'no', target: 'ghost' }, 'incomplete'],
  ])('refuses %s', (_label, attempt, refusal) => {
    expect(connectionRefusal(attempt, nodes, welcome.edges)).toBe(refusal);
  });
});

describe('ids', () => {
  it('numbers node ids by type past the taken ones', () => {
    expect(newNodeId('send.email', new Set(['send-email-1']))).toBe('send-email-2');
    expect(newNodeId('exit', new Set())).toBe('exit-1');
    expect(newNodeId('x'.repeat(80), new Set())).toMatch(/^x{50}-1$/);
  });

  it('names edges after their source port, unique and within 64 characters', () => {
    expect(newEdgeId('c', 'no', new Set())).toBe('c-no');
    expect(newEdgeId('c', 'no', new Set(['c-no']))).toBe('c-no-2');
    expect(newEdgeId('n'.repeat(64), 'out', new Set()).length).toBeLessThanOrEqual(64);
  });
});

describe('copy and paste', () => {
  it('copies the selected nodes with the edges between them, and pastes them with fresh ids', () => {
    const clipboard = copySelection(welcome, new Set(['c', 'm']));
    expect(clipboard.nodes.map((n) => n.id)).toEqual(['c', 'm']);
    expect(clipboard.edges.map((e) => e.id)).toEqual(['c-yes']);

    const pasted = pasteClipboard(clipboard, welcome, { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['condition-attribute-1', 'send-email-1']);
    expect(pasted.nodes[1].position).toEqual({ x: -110, y: 340 });
    expect(pasted.edges).toEqual([
      {
        id: 'condition-attribute-1-yes',
        source: 'condition-attribute-1',
        sourcePort: 'yes',
        target: 'send-email-1',
      },
    ]);
    // The clipboard is a copy: pasting twice gives new ids again and the original is untouched.
    const again = pasteClipboard(
      clipboard,
      { ...welcome, nodes: [...welcome.nodes, ...pasted.nodes] },
      { x: 80, y: 80 },
    );
    expect(again.nodes.map((n) => n.id)).toEqual(['condition-attribute-2', 'send-email-2']);
    expect(welcome.nodes[1].id).toBe('c');
  });
});

describe('diffGraphs', () => {
  it('lists added, removed and changed nodes, ignoring positions', () => {
    const after: ScenarioGraph = structuredClone(welcome);
    after.nodes = after.nodes.filter((n) => n.id !== 'm');
    after.edges = after.edges.filter((e) => e.source !== 'm' && e.target !== 'm');
    after.nodes.push({ id: 'w', type: 'wait.duration', config: { amount: 1, unit: 'days' } });
    after.edges.push({ id: 'c-yes-2', source: 'c', sourcePort: 'yes', target: 'w' });
    after.nodes[0].position = { x: 999, y: 999 };
    after.nodes[0].label = 'Signed up';
    const diff = diffGraphs(welcome, after);
    expect(diff.added.map((n) => n.id)).toEqual(['w']);
    expect(diff.removed.map((n) => n.id)).toEqual(['m']);
    expect(diff.changed.map((c) => [c.node.id, c.what])).toEqual([
      ['t', ['label']],
      ['c', ['connections']],
    ]);
    expect(diff.empty).toBe(false);
  });

  it('sees config changes whatever the key order, and nothing when only positions moved', () => {
    const moved = structuredClone(welcome);
    moved.nodes.forEach((node) => (node.position = { x: 1, y: 1 }));
    moved.nodes[2].config = { text: 'Hello', subject: 'Hi' };
    expect(diffGraphs(welcome, moved)).toMatchObject({ empty: true, changed: [] });
    moved.nodes[2].config = { text: 'Hello!', subject: 'Hi' };
    expect(diffGraphs(welcome, moved).changed).toEqual([{ node: moved.nodes[2], what: ['settings'] }]);
  });

  it('counts everything as added on a first publish, and notices scenario settings', () => {
    expect(diffGraphs(null, welcome)).toMatchObject({ removed: [], changed: [], settingsChanged: false });
    expect(diffGraphs(null, welcome).added).toHaveLength(4);
    const stricter = { ...welcome, settings: { entry: { reentry: { policy: 'never' } }, exitCriteria: [] } };
    expect(diffGraphs(welcome, stricter)).toMatchObject({ settingsChanged: true, empty: false });
  });
});

describe('validation issues', () => {
  const issues = [
    { nodeId: 'm', path: ['nodes', 2, 'config', 'subject'], code: 'invalid_config', message: 'Too short' },
    {
      nodeId: 'm',
      path: ['nodes', 2, 'config', 'timeout', 'amount'],
      code: 'invalid_config',
      message: 'Too big',
    },
    { nodeId: 'c', path: ['nodes', 1], code: 'port_unconnected', message: "Port 'no' is not connected" },
    { edgeId: 'm-out', path: ['edges', 2], code: 'unknown_port', message: 'Bad port' },
    { path: [], code: 'trigger_count', message: 'One trigger' },
  ];

  it('maps config issues to form fields', () => {
    expect(configFieldErrors(issues, 'm')).toEqual({ subject: 'Too short', 'timeout.amount': 'Too big' });
    expect(configFieldErrors(issues, 'c')).toEqual({});
  });

  it('puts node issues on their node and edge issues on the edge’s source', () => {
    const byNode = problemsByNode(issues, welcome);
    expect(Object.fromEntries(byNode)).toEqual({
      m: ['Too short', 'Too big', 'Bad port'],
      c: ["Port 'no' is not connected"],
    });
  });
});

describe('history', () => {
  it('undoes and redoes settled snapshots, and a new step drops the redo stack', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(h).toEqual({ past: ['a', 'b'], present: 'c', future: [] });
    h = undo(undo(h));
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h).toEqual({ past: ['a'], present: 'b', future: ['c'] });
    h = record(h, 'd');
    expect(h).toEqual({ past: ['a', 'b'], present: 'd', future: [] });
    expect(redo(h)).toBe(h);
  });

  it('keeps the last 100 steps', () => {
    let h = startHistory('0');
    for (let i = 1; i <= 150; i++) h = record(h, String(i));
    expect(h.past).toHaveLength(100);
    expect(h.past[0]).toBe('50');
  });
});

describe('autoLayout', () => {
  const size = { width: 272, height: 90 };
  const layoutWithPorts = (ports: string[]) =>
    autoLayout(
      [
        { id: 't', ports: ['out'], ...size },
        { id: 'c', ports, ...size },
        { id: 'yes', ports: ['out'], ...size },
        { id: 'no', ports: ['out'], ...size },
        { id: 'x', ports: [], ...size },
      ],
      [
        { source: 't', sourcePort: 'out', target: 'c' },
        { source: 'c', sourcePort: 'no', target: 'no' },
        { source: 'c', sourcePort: 'yes', target: 'yes' },
        { source: 'yes', sourcePort: 'out', target: 'x' },
        { source: 'no', sourcePort: 'out', target: 'x' },
      ],
    );

  it('places nodes top to bottom by depth, branches side by side in port order', () => {
    const positions = layoutWithPorts(['yes', 'no']);
    const at = (id: string) => positions.get(id) as { x: number; y: number };
    expect(at('c').y).toBeGreaterThan(at('t').y);
    expect(at('yes').y).toBe(at('no').y);
    expect(at('yes').y).toBeGreaterThan(at('c').y);
    expect(at('x').y).toBeGreaterThan(at('yes').y);
    expect(at('yes').x).toBeLessThan(at('no').x);
    // No two nodes overlap.
    const boxes = [...positions.values()];
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b) expect(Math.abs(a.x - b.x) >= 272 || Math.abs(a.y - b.y) >= 90).toBe(true);
    const swapped = layoutWithPorts(['no', 'yes']);
    expect(swapped.get('no')!.x).toBeLessThan(swapped.get('yes')!.x);
  });
});
