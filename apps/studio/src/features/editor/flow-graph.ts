import { describeNode, nodeAriaLabel } from '../canvas/build-flow';
import type { SummaryNames, Translate } from '../canvas/nodes/_base/types';
import type { CanvasEdge, CanvasNode, GraphNode, NodeCatalog, ScenarioGraph } from '../canvas/types';

/** The draft as saved: the canvas's nodes and edges without view state, settings passed through. */
export function toGraph(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  settings: unknown,
): ScenarioGraph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.data.nodeType,
      config: node.data.config,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      ...(node.data.label ? { label: node.data.label } : {}),
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourcePort: edge.sourceHandle ?? 'out',
      target: edge.target,
    })),
    ...(settings === undefined ? {} : { settings }),
  };
}

export function toGraphNode(node: CanvasNode): GraphNode {
  return {
    id: node.id,
    type: node.data.nodeType,
    config: node.data.config,
    position: node.position,
    ...(node.data.label ? { label: node.data.label } : {}),
  };
}

/**
 * The node with a new config or label: summary and title follow; ports stay until the API says
 * what the new config's ports are; problems stay until the next validation.
 */
export function editNode(
  node: CanvasNode,
  change: { config?: GraphNode['config']; label?: string },
  catalog: NodeCatalog,
  t: Translate,
  names: SummaryNames,
): CanvasNode {
  const graphNode: GraphNode = {
    ...toGraphNode(node),
    ...(change.config !== undefined ? { config: change.config } : {}),
  };
  if (change.label !== undefined) graphNode.label = change.label || undefined;
  const data = {
    ...describeNode(graphNode, catalog, t, { knownPorts: node.data.ports, names }),
    problems: node.data.problems,
  };
  if (!data.label) delete data.label;
  return { ...node, data, ariaLabel: nodeAriaLabel(data, t) };
}

/**
 * The node after a validation: its problems, and its ports as the API computed them for the saved
 * config (a split's branches) — plus any port an edge still leaves from, so the edge stays drawn
 * (the validator reports it). The same object when nothing changed, so React Flow skips it.
 */
export function withValidation(
  node: CanvasNode,
  problems: string[],
  ports: string[] | undefined,
  usedPorts: string[],
  t: Translate,
): CanvasNode {
  const nextPorts = ports
    ? [...ports, ...usedPorts.filter((port) => !ports.includes(port))]
    : node.data.ports;
  const same =
    JSON.stringify(problems) === JSON.stringify(node.data.problems) &&
    JSON.stringify(nextPorts) === JSON.stringify(node.data.ports);
  if (same) return node;
  const data = { ...node.data, problems, ports: nextPorts };
  return { ...node, data, ariaLabel: nodeAriaLabel(data, t) };
}
