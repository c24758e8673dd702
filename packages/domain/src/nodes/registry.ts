import { conditionAttributeNode } from './condition-attribute';
import type { NodeDefinition } from './define-node';
import { exitNode } from './exit';
import { sendEmailNode } from './send-email';
import { triggerEventNode } from './trigger-event';
import { waitDurationNode } from './wait-duration';

/** A node definition of any config type, as registries hold them. */
export type AnyNodeDefinition = NodeDefinition;

export interface NodeRegistry {
  get(type: string): AnyNodeDefinition | undefined;
  /** In registration order. */
  list(): readonly AnyNodeDefinition[];
}

export const builtInNodes: readonly AnyNodeDefinition[] = [
  triggerEventNode,
  waitDurationNode,
  conditionAttributeNode,
  sendEmailNode,
  exitNode,
];

/** A registry over the given nodes, e.g. `createNodeRegistry([...builtInNodes, myCrmTaskNode])`. */
export function createNodeRegistry(nodes: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, AnyNodeDefinition>();
  for (const node of nodes) {
    if (byType.has(node.type)) throw new Error(`Node type '${node.type}' is registered twice`);
    byType.set(node.type, node);
  }
  const list = Object.freeze([...byType.values()]);
  return { get: (type) => byType.get(type), list: () => list };
}

export const defaultNodeRegistry: NodeRegistry = createNodeRegistry(builtInNodes);
