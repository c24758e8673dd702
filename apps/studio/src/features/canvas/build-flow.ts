import type { MarkerType } from '@xyflow/react';
import { layoutByDepth } from './layout';
import { resolveMeta, NODE_META } from './nodes/registry';
import { NO_NAMES, type SummaryNames, type Translate } from './nodes/_base/types';
import type {
  CanvasEdge,
  CanvasNode,
  CanvasNodeData,
  GraphEdge,
  GraphNode,
  NodeCatalog,
  NodeKind,
  ScenarioGraph,
} from './types';

export const EDGE_COLOR = '#98a2b3';
// `MarkerType.ArrowClosed`, spelled out to keep this module free of React Flow's runtime.
const ARROW_CLOSED = 'arrowclosed' as MarkerType;

function guessKind(type: string): NodeKind {
  const prefix = type.split('.')[0];
  if (
    prefix === 'trigger' ||
    prefix === 'wait' ||
    prefix === 'split' ||
    prefix === 'condition' ||
    prefix === 'exit'
  )
    return prefix;
  return 'action';
}

/** Message key of a node type's own title and description: `types.send_email.title`. */
export function typeMessageKey(type: string): string {
  return `types.${type.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** The type's title in the studio's language when it has one, else the catalog's, else the type. */
export function typeTitle(type: string, catalog: NodeCatalog, t: Translate): string {
  const key = `${typeMessageKey(type)}.title`;
  if (t.has(key)) return t(key);
  return catalog[type]?.title || type;
}

export function typeDescription(type: string, catalog: NodeCatalog, t: Translate): string {
  const key = `${typeMessageKey(type)}.description`;
  if (t.has(key)) return t(key);
  return catalog[type]?.description ?? '';
}

/**
 * What a node shows: kind, title, summary and its output ports. `knownPorts` are the ports the
 * API computed for this node's config (a split's branches); without them, the catalog's default
 * ports, plus any port an existing edge leaves from so that every edge has a handle.
 */
export function describeNode(
  node: GraphNode,
  catalog: NodeCatalog,
  t: Translate,
  {
    usedPorts = [],
    knownPorts,
    names = NO_NAMES,
  }: { usedPorts?: string[]; knownPorts?: string[]; names?: SummaryNames } = {},
): CanvasNodeData {
  const entry = catalog[node.type];
  const kind = entry?.kind ?? NODE_META[node.type]?.kind ?? guessKind(node.type);
  const meta = resolveMeta(node.type, kind);
  const config = node.config && typeof node.config === 'object' ? node.config : {};
  const declared = knownPorts ?? entry?.ports ?? meta.ports;
  const ports = [...declared, ...usedPorts.filter((port) => !declared.includes(port))];
  const title = typeTitle(node.type, catalog, t);
  const summary = meta.summarize(config, t, names);
  return {
    nodeType: node.type,
    kind,
    ...(entry?.icon ? { icon: entry.icon } : {}),
    title,
    ...(node.label ? { label: node.label } : {}),
    summary,
    detail: meta.detail?.(config, t, names),
    config,
    ports,
    hasInput: kind !== 'trigger',
    // Header only when there is nothing to add under it (an exit, or a name repeating the summary).
    compact: !!meta.compact || node.label === summary,
    problems: [],
  };
}

/** "Condition: country equals FR (Lives in France?), 1 problem" — the node's accessible name. */
export function nodeAriaLabel(data: CanvasNodeData, t: Translate): string {
  const kind = t(`kinds.${data.kind}`);
  const base = data.summary === kind ? kind : t('aria.node', { kind, summary: data.summary });
  const named =
    data.label && data.label !== data.summary && data.label !== kind
      ? t('aria.named', { base, label: data.label })
      : base;
  return data.problems.length > 0
    ? t('aria.withProblems', { name: named, count: data.problems.length })
    : named;
}

export function toCanvasNode(
  node: GraphNode,
  data: CanvasNodeData,
  position: { x: number; y: number },
  t: Translate,
  editable: boolean,
): CanvasNode {
  return {
    id: node.id,
    type: 'parcours',
    position,
    data,
    ariaRole: 'group',
    ariaLabel: nodeAriaLabel(data, t),
    draggable: editable,
    connectable: editable,
    deletable: editable,
  };
}

export function toCanvasEdge(
  edge: GraphEdge,
  source: CanvasNodeData,
  target: CanvasNodeData,
  t: Translate,
): CanvasEdge {
  const branching = source.ports.length > 1;
  const sourceName = source.label || source.title;
  const targetName = target.label || target.title;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourcePort,
    type: 'smoothstep',
    label: branching ? edge.sourcePort : undefined,
    ariaLabel: branching
      ? t('edgeLabelPort', { source: sourceName, port: edge.sourcePort, target: targetName })
      : t('edgeLabel', { source: sourceName, target: targetName }),
    markerEnd: { type: ARROW_CLOSED, width: 16, height: 16, color: EDGE_COLOR },
    style: { stroke: EDGE_COLOR, strokeWidth: 1.5 },
    labelStyle: { fill: '#475467', fontSize: 11, fontWeight: 600 },
    labelBgStyle: { fill: '#ffffff', stroke: '#e4e7ec' },
    labelBgPadding: [6, 3] as [number, number],
    labelBgBorderRadius: 6,
  };
}

/** Turns a scenario graph (plus the node catalog) into React Flow nodes and edges. */
export function buildFlow(
  graph: ScenarioGraph,
  catalog: NodeCatalog,
  t: Translate,
  {
    editable = false,
    ports = {},
    names = NO_NAMES,
  }: { editable?: boolean; ports?: Record<string, string[]>; names?: SummaryNames } = {},
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const graphNodes = Array.isArray(graph?.nodes) ? graph.nodes : [];
  const ids = new Set(graphNodes.map((node) => node.id));
  const graphEdges = (Array.isArray(graph?.edges) ? graph.edges : []).filter(
    (edge) => ids.has(edge.source) && ids.has(edge.target),
  );

  const data = new Map<string, CanvasNodeData>();
  for (const node of graphNodes) {
    const usedPorts = [...new Set(graphEdges.filter((e) => e.source === node.id).map((e) => e.sourcePort))];
    data.set(node.id, describeNode(node, catalog, t, { usedPorts, knownPorts: ports[node.id], names }));
  }

  const needsLayout = graphNodes.some(
    (node) => !node.position || !Number.isFinite(node.position.x) || !Number.isFinite(node.position.y),
  );
  // Saved positions are the author's layout and are shown exactly as saved.
  const layout = needsLayout
    ? layoutByDepth(graphNodes, graphEdges, (id, port) => data.get(id)?.ports.indexOf(port) ?? 0)
    : null;

  const nodes = graphNodes.map((node) =>
    toCanvasNode(
      node,
      data.get(node.id) as CanvasNodeData,
      layout?.get(node.id) ?? node.position ?? { x: 0, y: 0 },
      t,
      editable,
    ),
  );
  const edges = graphEdges.map((edge) =>
    toCanvasEdge(edge, data.get(edge.source) as CanvasNodeData, data.get(edge.target) as CanvasNodeData, t),
  );
  return { nodes, edges };
}
