import type { SimulatedStep } from './types';

interface FlowEdge {
  id: string;
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/** The canvas edges a dry run walked: from each step, by the port it left from, to the next step. */
export function pathEdgeIds(path: readonly SimulatedStep[], edges: readonly FlowEdge[]): Set<string> {
  const walked = new Set<string>();
  path.forEach((step, index) => {
    const next = path[index + 1];
    if (!next || !step.port) return;
    const edge = edges.find(
      (e) => e.source === step.nodeId && (e.sourceHandle ?? 'out') === step.port && e.target === next.nodeId,
    );
    if (edge) walked.add(edge.id);
  });
  return walked;
}
