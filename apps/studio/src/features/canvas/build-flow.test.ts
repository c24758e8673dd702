import { createTranslator } from 'use-intl/core';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import { buildFlow, nodeAriaLabel } from './build-flow';
import { layoutByDepth } from './layout';
import type { Translate } from './nodes/_base/types';
import type { CatalogEntry, NodeCatalog, ScenarioGraph } from './types';

const canvasT = (messages: typeof en, locale: string) =>
  createTranslator({ locale, messages, namespace: 'canvas' }) as unknown as Translate;
const t = canvasT(en, 'en');

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

const entry = (type: string, title: string, kind: CatalogEntry['kind'], ports: string[]): CatalogEntry => ({
  type,
  title,
  kind,
  ports,
  category: 'actions',
  description: '',
  configJsonSchema: { type: 'object' },
  defaultConfig: {},
});

const catalog: NodeCatalog = {
  'condition.attribute': entry('condition.attribute', 'Profile attribute', 'condition', ['yes', 'no']),
  'loyalty.award': entry('loyalty.award', 'Loyalty points', 'action', ['out']),
  'split.random': entry('split.random', 'Random split', 'split', ['a', 'b']),
  'wait.duration': entry('wait.duration', 'Wait', 'wait', ['out']),
  'send.email': entry('send.email', 'Send email', 'action', ['out']),
};

describe('buildFlow', () => {
  const { nodes, edges } = buildFlow(demo, catalog, t);
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

  it('speaks French too', () => {
    const french = buildFlow(demo, catalog, canvasT(fr, 'fr'));
    expect(french.nodes.map((node) => node.data.summary)).toEqual([
      'Quand account.created',
      'Attendre 2 secondes',
      'country est égal à FR',
      'E-mail : Bonjour {{ profile.firstName }}',
      'E-mail : Hello',
      'Sortie',
    ]);
    expect(french.nodes[2].ariaLabel).toBe('Condition : country est égal à FR');
  });

  it('summarises the templates’ node types, with segment names rather than ids', () => {
    const segmentId = '6da80758-064b-41ff-bf7a-3a1c0f6b2d11';
    const unknownId = '453a01dd-765f-4352-b004-9d6a2c1e0f55';
    const graph: ScenarioGraph = {
      nodes: [
        { id: 'a', type: 'trigger.segment', config: { segmentId, when: 'entered' } },
        { id: 'b', type: 'trigger.segment', config: { segmentId: unknownId, when: 'exited' } },
        {
          id: 'c',
          type: 'trigger.schedule',
          config: {
            segmentId,
            schedule: { kind: 'recurring', cron: '0 19 * * *', timezone: 'Europe/Paris' },
          },
        },
        {
          id: 'd',
          type: 'trigger.date',
          config: {
            date: { kind: 'event', event: 'order.completed', where: [{ path: 'product', value: 'kibble' }] },
            offset: { days: 14, direction: 'after' },
            at: '10:00',
          },
        },
        {
          id: 'e',
          type: 'trigger.date',
          config: { date: { kind: 'trait', trait: 'birthday', every: 'year' }, offset: { days: 0 } },
        },
        { id: 'f', type: 'condition.consent', config: { channel: 'sms' } },
        { id: 'g', type: 'condition.engagement', config: { nodeId: 'welcome-email', engagement: 'opened' } },
        {
          id: 'h',
          type: 'switch.attribute',
          config: { source: 'trigger', path: 'packSize', cases: [{ value: 'XL', port: 'xl' }] },
        },
        { id: 'i', type: 'send.sms', config: { body: 'Bienvenue {{ profile.firstName }}' } },
        { id: 'j', type: 'webhook', config: { method: 'POST', url: 'https://crm.example.com/api/tasks' } },
        { id: 'k', type: 'goal', config: { event: 'order.completed', within: { amount: 14, unit: 'days' } } },
        {
          id: 'l',
          type: 'wait.event',
          config: { event: 'order.completed', timeout: { amount: 3, unit: 'days' } },
        },
        { id: 'm', type: 'condition.segment', config: { segmentId } },
      ],
      edges: [],
    };
    const names = { segments: { [segmentId]: 'Mia(ou)m newcomers' } };
    const built = buildFlow(graph, catalog, t, { names });
    expect(built.nodes.map((node) => node.data.summary)).toEqual([
      'When entering Mia(ou)m newcomers',
      'When leaving segment 453a01dd…',
      'Everyone in Mia(ou)m newcomers',
      '14 days after the last order.completed',
      'On birthday, every year',
      'Contactable by SMS',
      'Opened: welcome-email',
      'Event’s packSize: XL',
      'SMS: Bienvenue {{ profile.firstName }}',
      'POST crm.example.com/api/tasks',
      'order.completed within 14 days',
      'Until order.completed, at most 3 days',
      'In Mia(ou)m newcomers',
    ]);
    expect(built.nodes[2].data.detail).toBe('cron 0 19 * * *, Europe/Paris');
    expect(built.nodes[3].data.detail).toBe('at 10:00 · where product equals kibble');
    const french = buildFlow(graph, catalog, canvasT(fr, 'fr'), { names });
    expect(french.nodes.slice(3, 6).map((node) => node.data.summary)).toEqual([
      '14 jours après le dernier order.completed',
      'Le jour de birthday, chaque année',
      'Joignable par SMS',
    ]);
  });

  it('names every node for assistive technology', () => {
    expect(byId.c.ariaRole).toBe('group');
    expect(byId.c.ariaLabel).toBe('Condition: country equals FR');
    expect(byId.w.ariaLabel).toBe('Wait: Wait 2 seconds');
    expect(byId.x.ariaLabel).toBe('Exit');
  });

  it('shows the author’s label, and the type’s title in the studio’s language', () => {
    const labelled = buildFlow(
      { nodes: [{ ...demo.nodes[2], label: 'Lives in France?' }], edges: [] },
      catalog,
      t,
    );
    expect(labelled.nodes[0].data.label).toBe('Lives in France?');
    expect(labelled.nodes[0].ariaLabel).toBe('Condition: country equals FR (Lives in France?)');
    expect(byId.c.data.title).toBe('Profile attribute');
    expect(byId.w.data.title).toBe('Wait');
    expect(buildFlow(demo, catalog, canvasT(fr, 'fr')).nodes[3].data.title).toBe('Envoyer un e-mail');
  });

  it('counts problems in the accessible name', () => {
    const data = { ...byId.c.data, label: 'Lives in France?', problems: ["Port 'no' is not connected"] };
    expect(nodeAriaLabel(data, t)).toBe('Condition: country equals FR (Lives in France?), 1 problem');
    expect(nodeAriaLabel({ ...data, problems: ['a', 'b'] }, canvasT(fr, 'fr'))).toBe(
      'Condition : country equals FR (Lives in France?), 2 problèmes',
    );
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
    expect(edges.find((edge) => edge.id === 'e3')).toMatchObject({
      sourceHandle: 'yes',
      ariaLabel: 'Profile attribute (yes) to Send email',
    });
  });

  it('takes the ports the API computed for a config, keeping those edges still use', () => {
    const split = {
      nodes: [
        { id: 's', type: 'split.random', config: { branches: [{ port: 'promo', percent: 100 }] } },
        { id: 'x', type: 'exit', config: {} },
      ],
      edges: [{ id: 'e', source: 's', sourcePort: 'a', target: 'x' }],
    };
    expect(buildFlow(split, catalog, t).nodes[0].data.ports).toEqual(['a', 'b']);
    expect(buildFlow(split, catalog, t, { ports: { s: ['promo'] } }).nodes[0].data.ports).toEqual([
      'promo',
      'a',
    ]);
  });

  it('is read-only unless asked otherwise', () => {
    expect(byId.c).toMatchObject({ draggable: false, connectable: false, deletable: false });
    const editable = buildFlow(demo, catalog, t, { editable: true }).nodes[2];
    expect(editable).toMatchObject({ draggable: true, connectable: true, deletable: true });
  });

  it('renders custom node types by their catalog kind with a generic summary', () => {
    const flow = buildFlow(
      {
        nodes: [{ id: 'l', type: 'loyalty.award', config: { points: 20, reason: 'welcome', tags: [] } }],
        edges: [],
      },
      catalog,
      t,
    );
    expect(flow.nodes[0].data).toMatchObject({
      kind: 'action',
      title: 'Loyalty points',
      summary: 'points: 20 · reason: welcome',
    });
    const unknown = buildFlow({ nodes: [{ id: 'u', type: 'wait.until', config: {} }], edges: [] }, {}, t);
    expect(unknown.nodes[0].data).toMatchObject({
      kind: 'wait',
      summary: 'No settings',
      title: 'wait.until',
    });
  });

  it('describes trigger filters on a second line', () => {
    const filtered = buildFlow(
      {
        nodes: [
          {
            id: 't',
            type: 'trigger.event',
            config: {
              event: 'order.completed',
              filters: [
                { path: 'total', operator: 'gt', value: 50 },
                { path: 'country', operator: 'exists' },
              ],
            },
          },
        ],
        edges: [],
      },
      catalog,
      t,
    );
    expect(filtered.nodes[0].data.detail).toBe('where total is greater than 50 and 1 more');
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
      t,
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
