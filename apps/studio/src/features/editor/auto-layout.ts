import { graphlib, layout } from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Output ports in display order, so that branches keep their order left to right. */
  ports: string[];
}

export interface LayoutEdge {
  source: string;
  sourcePort: string;
  target: string;
}

/** Top-left positions, top to bottom, by dagre's layered layout. */
export function autoLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Map<string, { x: number; y: number }> {
  const graph = new graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 56, ranksep: 72, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  const portIndex = (edge: LayoutEdge) =>
    nodes.find((n) => n.id === edge.source)?.ports.indexOf(edge.sourcePort) ?? 0;
  // Edges in port order: dagre's ordering heuristics start from insertion order.
  for (const edge of [...edges].sort((a, b) => portIndex(a) - portIndex(b))) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  try {
    layout(graph, { constraints: branchOrder(nodes, edges) });
  } catch {
    // Contradicting branch orders (two nodes sharing targets the other way round): let dagre choose.
    layout(graph);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const { x, y } = graph.node(node.id);
    positions.set(node.id, { x: Math.round(x - node.width / 2), y: Math.round(y - node.height / 2) });
  }
  return positions;
}

/** For each branching node, its targets left to right in port order (yes before no). */
function branchOrder(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): { left: string; right: string }[] {
  const constraints: { left: string; right: string }[] = [];
  for (const node of nodes) {
    if (node.ports.length < 2) continue;
    const targets = node.ports
      .map((port) => edges.find((edge) => edge.source === node.id && edge.sourcePort === port)?.target)
      .filter((target, index, all): target is string => !!target && all.indexOf(target) === index);
    for (let i = 1; i < targets.length; i++) constraints.push({ left: targets[i - 1], right: targets[i] });
  }
  return constraints;
}
