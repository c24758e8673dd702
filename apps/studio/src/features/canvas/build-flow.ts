import type { MarkerType } from '@xyflow/react';
import { layoutByDepth } from './layout';
import { KIND_LABELS } from './nodes/_base/kinds';
import { NODE_META, resolveMeta } from './nodes/registry';
import type { CanvasEdge, CanvasNode, CanvasNodeData, NodeCatalog, NodeKind, ScenarioGraph } from './types';

const EDGE_COLOR = '#98a2b3';
// `MarkerType.ArrowClosed`, spelled out to keep this module free of React Flow's runtime.
const ARROW_CLOSED = 'arrowclosed' as MarkerType;

function guessKind(type: string): NodeKind {
  const prefix = type.split('.')[0];
  if (prefix === 'trigger' || prefix === 'wait' || prefix === 'condition' || prefix === 'exit') return prefix;
  return 'action';
}

/** Turns a scenario graph (plus the node catalog) into React Flow nodes and edges. */
export function buildFlow(
  graph: ScenarioGraph,
  catalog: NodeCatalog,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const graphNodes = Array.isArray(graph?.nodes) ? graph.nodes : [];
  const ids = new Set(graphNodes.map((node) => node.id));
  const graphEdges = (Array.isArray(graph?.edges) ? graph.edges : []).filter(
    (edge) => ids.has(edge.source) && ids.has(edge.target),
  );

  const data = new Map<string, CanvasNodeData>();
  for (const node of graphNodes) {
    const entry = catalog[node.type];
    const kind = entry?.kind ?? NODE_META[node.type]?.kind ?? guessKind(node.type);
    const meta = resolveMeta(node.type, kind);
    const config = node.config && typeof node.config === 'object' ? node.config : {};

    // Every edge needs a handle to start from. A branching node keeps its declared ports in order
    // (yes, no) plus any port an edge uses that was not declared; a single-port node takes whatever
    // name its edges use, since that name is never shown.
    const declared = entry ? entry.ports : meta.ports;
    const used = [
      ...new Set(graphEdges.filter((edge) => edge.source === node.id).map((edge) => edge.sourcePort)),
    ];
    const ports =
      declared.length > 1
        ? [...declared, ...used.filter((port) => !declared.includes(port))]
        : used.length > 0
          ? used
          : [...declared];

    const title = node.label || entry?.title || meta.title;
    const summary = meta.summarize(config);
    data.set(node.id, {
      nodeType: node.type,
      kind,
      title,
      summary,
      config,
      ports,
      hasInput: kind !== 'trigger',
      compact: !!meta.compact || summary === title,
    });
  }

  const needsLayout = graphNodes.some(
    (node) => !node.position || !Number.isFinite(node.position.x) || !Number.isFinite(node.position.y),
  );
  // Saved positions are the author's layout and are shown exactly as saved.
  const layout = needsLayout
    ? layoutByDepth(graphNodes, graphEdges, (id, port) => data.get(id)?.ports.indexOf(port) ?? 0)
    : new Map(graphNodes.map((node) => [node.id, node.position as { x: number; y: number }]));

  const nodes: CanvasNode[] = graphNodes.map((node) => {
    const d = data.get(node.id) as CanvasNodeData;
    const kindLabel = KIND_LABELS[d.kind];
    const ariaLabel = d.summary === kindLabel ? kindLabel : `${kindLabel}: ${d.summary}`;
    return {
      id: node.id,
      type: 'parcours',
      position: layout?.get(node.id) ?? node.position ?? { x: 0, y: 0 },
      data: d,
      ariaRole: 'group',
      // The user's label, when it says something the summary does not.
      ariaLabel:
        node.label && node.label !== d.summary && node.label !== kindLabel
          ? `${ariaLabel} (${node.label})`
          : ariaLabel,
      draggable: false,
      connectable: false,
    };
  });

  const edges: CanvasEdge[] = graphEdges.map((edge) => {
    const source = data.get(edge.source) as CanvasNodeData;
    const target = data.get(edge.target) as CanvasNodeData;
    const branching = source.ports.length > 1;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourcePort,
      type: 'smoothstep',
      label: branching ? edge.sourcePort : undefined,
      ariaLabel: `${source.title}${branching ? ` (${edge.sourcePort})` : ''} to ${target.title}`,
      markerEnd: { type: ARROW_CLOSED, width: 16, height: 16, color: EDGE_COLOR },
      style: { stroke: EDGE_COLOR, strokeWidth: 1.5 },
      labelStyle: { fill: '#475467', fontSize: 11, fontWeight: 600 },
      labelBgStyle: { fill: '#ffffff', stroke: '#e4e7ec' },
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 6,
    };
  });

  return { nodes, edges };
}
