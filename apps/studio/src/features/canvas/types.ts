import type { Edge, Node } from '@xyflow/react';

// View types for the read-only canvas. They mirror the API contract (and, later, `@parcours/domain`)
// but are kept local so the studio does not depend on the domain package yet.

export type NodeKind = 'trigger' | 'wait' | 'condition' | 'action' | 'exit';

export type NodeConfig = Record<string, unknown>;

export interface GraphNode {
  id: string;
  type: string;
  config: NodeConfig;
  position?: { x: number; y: number };
  label?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
}

export interface ScenarioGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** One entry of `GET /nodes`, reduced to what the canvas shows. */
export interface CatalogEntry {
  type: string;
  title: string;
  kind: NodeKind;
  description?: string;
  /** Output port names, in display order. */
  ports: string[];
}

export type NodeCatalog = Record<string, CatalogEntry>;

/** Data carried by every React Flow node of the canvas. */
export interface CanvasNodeData extends Record<string, unknown> {
  nodeType: string;
  kind: NodeKind;
  title: string;
  summary: string;
  config: NodeConfig;
  ports: string[];
  hasInput: boolean;
  /** Header only: nothing to add under the title (an exit, or a label that repeats the summary). */
  compact: boolean;
}

export type CanvasNode = Node<CanvasNodeData, 'parcours'>;
export type CanvasEdge = Edge;
