export const VALIDATION_CODES = [
  /** The input is not shaped like a scenario graph (wrong types, bad ids, too many nodes, ...). */
  'invalid_structure',
  'duplicate_node_id',
  'duplicate_edge_id',
  'unknown_node_type',
  /** The node names a version of its type that this deployment does not have. */
  'unknown_node_version',
  /** The node's config fails its schema or its own `validate` (e.g. a template syntax error). */
  'invalid_config',
  /** Not exactly one trigger. */
  'trigger_count',
  /** An edge's source or target is not a node of the graph. */
  'dangling_edge',
  /** An edge leaves from a port its source node does not have. */
  'unknown_port',
  'edge_into_trigger',
  'port_unconnected',
  'port_multiply_connected',
  'unreachable_node',
  'no_exit_path',
  'cycle_without_wait',
  /** A node's config names another node that is missing, of the wrong kind, or not before it. */
  'invalid_reference',
] as const;

export type ValidationCode = (typeof VALIDATION_CODES)[number];

export interface ValidationIssue {
  nodeId?: string;
  edgeId?: string;
  /** Where in the graph JSON, e.g. `['nodes', 2, 'config', 'subject']`; `[]` for the whole graph. */
  path: (string | number)[];
  code: ValidationCode;
  /** Human readable, e.g. "Port 'no' of node 'check-country' is not connected". */
  message: string;
}
