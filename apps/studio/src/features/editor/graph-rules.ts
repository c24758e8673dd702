import type { GraphEdge, GraphNode, ScenarioGraph } from '../canvas/types';

/** What the editor needs to know of a node to judge a connection. */
export interface Connectable {
  id: string;
  ports: string[];
  hasInput: boolean;
}

export interface ConnectionAttempt {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

export type ConnectionRefusal = 'incomplete' | 'self' | 'no-input' | 'unknown-port' | 'port-taken';

/**
 * Why a connection may not be drawn, or null when it may: one edge per output port, no edge from
 * a node to itself, and only into nodes that take an input (triggers do not).
 */
export function connectionRefusal(
  attempt: ConnectionAttempt,
  nodes: readonly Connectable[],
  edges: readonly Pick<GraphEdge, 'source' | 'sourcePort'>[],
): ConnectionRefusal | null {
  const { source, target, sourceHandle } = attempt;
  if (!source || !target || !sourceHandle) return 'incomplete';
  if (source === target) return 'self';
  const from = nodes.find((node) => node.id === source);
  const to = nodes.find((node) => node.id === target);
  if (!from || !to) return 'incomplete';
  if (!to.hasInput) return 'no-input';
  if (!from.ports.includes(sourceHandle)) return 'unknown-port';
  if (edges.some((edge) => edge.source === source && edge.sourcePort === sourceHandle)) return 'port-taken';
  return null;
}

/** `send-email-3`: the type as an id, numbered past the ids already taken. */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 50) || 'node';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function newEdgeId(source: string, port: string, taken: ReadonlySet<string>): string {
  const base = `${source}-${port}`.slice(0, 58);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export interface Clipboard {
  nodes: GraphNode[];
  /** Only the edges between copied nodes. */
  edges: GraphEdge[];
}

export function copySelection(graph: ScenarioGraph, selected: ReadonlySet<string>): Clipboard {
  return structuredClone({
    nodes: graph.nodes.filter((node) => selected.has(node.id)),
    edges: graph.edges.filter((edge) => selected.has(edge.source) && selected.has(edge.target)),
  });
}

/** The clipboard's nodes and edges with fresh ids, moved by `offset`, ready to add to `graph`. */
export function pasteClipboard(
  clipboard: Clipboard,
  graph: ScenarioGraph,
  offset: { x: number; y: number },
): Clipboard {
  const takenNodes = new Set(graph.nodes.map((node) => node.id));
  const takenEdges = new Set(graph.edges.map((edge) => edge.id));
  const renamed = new Map<string, string>();
  const nodes = clipboard.nodes.map((node) => {
    const id = newNodeId(node.type, takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    const position = node.position ?? { x: 0, y: 0 };
    return { ...structuredClone(node), id, position: { x: position.x + offset.x, y: position.y + offset.y } };
  });
  const edges = clipboard.edges.map((edge) => {
    const source = renamed.get(edge.source) as string;
    const id = newEdgeId(source, edge.sourcePort, takenEdges);
    takenEdges.add(id);
    return { id, source, sourcePort: edge.sourcePort, target: renamed.get(edge.target) as string };
  });
  return { nodes, edges };
}

export type NodeChangeKind = 'type' | 'settings' | 'label' | 'connections';

export interface GraphDiff {
  added: GraphNode[];
  removed: GraphNode[];
  changed: { node: GraphNode; what: NodeChangeKind[] }[];
  /** Entry rules or exit criteria of the scenario. */
  settingsChanged: boolean;
  /** Nothing a customer would notice: positions do not count. */
  empty: boolean;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

function wiring(graph: ScenarioGraph, nodeId: string): string[] {
  return graph.edges
    .filter((edge) => edge.source === nodeId)
    .map((edge) => `${edge.sourcePort}→${edge.target}`)
    .sort();
}

/** What publishing `after` changes compared with the last published `before` (none: all new). */
export function diffGraphs(before: ScenarioGraph | null, after: ScenarioGraph): GraphDiff {
  const previous = before ?? { nodes: [], edges: [] };
  const old = new Map(previous.nodes.map((node) => [node.id, node]));
  const current = new Set(after.nodes.map((node) => node.id));
  const added = after.nodes.filter((node) => !old.has(node.id));
  const removed = previous.nodes.filter((node) => !current.has(node.id));
  const changed = after.nodes.flatMap((node) => {
    const was = old.get(node.id);
    if (!was) return [];
    const what: NodeChangeKind[] = [];
    if (was.type !== node.type) what.push('type');
    if (!sameJson(was.config ?? {}, node.config ?? {})) what.push('settings');
    if ((was.label ?? '') !== (node.label ?? '')) what.push('label');
    if (!sameJson(wiring(previous, node.id), wiring(after, node.id))) what.push('connections');
    return what.length > 0 ? [{ node, what }] : [];
  });
  const settingsChanged = before !== null && !sameJson(previous.settings ?? null, after.settings ?? null);
  return {
    added,
    removed,
    changed,
    settingsChanged,
    empty: added.length === 0 && removed.length === 0 && changed.length === 0 && !settingsChanged,
  };
}

export interface ValidationIssue {
  nodeId?: string;
  edgeId?: string;
  path: (string | number)[];
  code: string;
  message: string;
}

/** A node's config problems by field path (`timeout.amount`), from the validator's issues. */
export function configFieldErrors(
  issues: readonly ValidationIssue[],
  nodeId: string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.nodeId !== nodeId) continue;
    const [list, , section, ...rest] = issue.path;
    if (list !== 'nodes' || section !== 'config' || rest.length === 0) continue;
    fields[rest.join('.')] ??= issue.message;
  }
  return fields;
}

/** Problems to show on each node: every issue naming it, and an edge's issues on its source. */
export function problemsByNode(
  issues: readonly ValidationIssue[],
  graph: ScenarioGraph,
): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  const add = (id: string, message: string) => byNode.set(id, [...(byNode.get(id) ?? []), message]);
  for (const issue of issues) {
    if (issue.nodeId) add(issue.nodeId, issue.message);
    else if (issue.edgeId) {
      const edge = graph.edges.find((e) => e.id === issue.edgeId);
      if (edge) add(edge.source, issue.message);
    }
  }
  return byNode;
}
