import type { GraphEdge, GraphNode } from './types';

export const NODE_WIDTH = 272;
const COLUMN_GAP = 64;
const ROW_HEIGHT = 170;

/**
 * Top-to-bottom positions by BFS depth from the entry nodes (no incoming edge, triggers first).
 * Children are visited in the order of `portOrder` so that, e.g., "yes" lands left of "no".
 * Nodes unreachable from any entry (cycles) go on extra rows at the bottom.
 */
export function layoutByDepth(
  nodes: GraphNode[],
  edges: GraphEdge[],
  portOrder: (nodeId: string, port: string) => number = () => 0,
): Map<string, { x: number; y: number }> {
  const ids = new Set(nodes.map((node) => node.id));
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  }

  const isTrigger = (node: GraphNode) => node.type.startsWith('trigger');
  const roots = nodes
    .filter((node) => !incoming.get(node.id))
    .sort((a, b) => Number(isTrigger(b)) - Number(isTrigger(a)));

  const depth = new Map<string, number>();
  const rows: string[][] = [];
  const place = (id: string, d: number) => {
    depth.set(id, d);
    (rows[d] ??= []).push(id);
  };

  const queue: string[] = [];
  for (const root of roots) {
    place(root.id, 0);
    queue.push(root.id);
  }
  const visit = () => {
    while (queue.length > 0) {
      const id = queue.shift() as string;
      const children = [...(outgoing.get(id) ?? [])].sort(
        (a, b) => portOrder(id, a.sourcePort) - portOrder(id, b.sourcePort),
      );
      for (const edge of children) {
        if (depth.has(edge.target)) continue;
        place(edge.target, (depth.get(id) ?? 0) + 1);
        queue.push(edge.target);
      }
    }
  };
  visit();
  for (const node of nodes) {
    if (depth.has(node.id)) continue;
    place(node.id, rows.length);
    queue.push(node.id);
    visit();
  }

  const positions = new Map<string, { x: number; y: number }>();
  rows.forEach((row, d) => {
    row.forEach((id, i) => {
      const offset = (i - (row.length - 1) / 2) * (NODE_WIDTH + COLUMN_GAP);
      positions.set(id, { x: Math.round(offset - NODE_WIDTH / 2), y: d * ROW_HEIGHT });
    });
  });
  return positions;
}
