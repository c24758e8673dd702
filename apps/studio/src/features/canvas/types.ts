import type { Edge, Node } from '@xyflow/react';

// View types of the canvas. They mirror the API contract but stay local, so the studio does not
// depend on the domain package (nor bundle its zod schemas).

export type NodeKind = 'trigger' | 'wait' | 'split' | 'condition' | 'action' | 'exit';

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
  /** Scenario-wide settings (entry rules, exit criteria): kept as they are by the editor. */
  settings?: unknown;
}

/** One entry of `GET /nodes`. */
export interface CatalogEntry {
  type: string;
  title: string;
  kind: NodeKind;
  category: string;
  description: string;
  /** One of the icons the studio draws (`NODE_ICONS` of the domain); absent: the kind's. */
  icon?: string;
  /** Output ports of the default config, in display order. */
  ports: string[];
  /** JSON Schema of the config, as the user writes it. */
  configJsonSchema: JsonSchema;
  defaultConfig: NodeConfig;
}

export type NodeCatalog = Record<string, CatalogEntry>;

/** The subset of JSON Schema (draft 2020-12) the node catalog uses. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

/** Data carried by every React Flow node of the canvas. */
export interface CanvasNodeData extends Record<string, unknown> {
  nodeType: string;
  kind: NodeKind;
  icon?: string;
  title: string;
  /** The author's name for this step, if any. */
  label?: string;
  summary: string;
  detail?: string;
  config: NodeConfig;
  ports: string[];
  hasInput: boolean;
  /** Header only: nothing to add under the title (an exit, or a label that repeats the summary). */
  compact: boolean;
  /** Validation problems of this node, as shown on it. */
  problems: string[];
}

export type CanvasNode = Node<CanvasNodeData, 'parcours'>;
export type CanvasEdge = Edge;
