import { conditionAttributeNode } from './condition-attribute';
import { conditionConsentNode } from './condition-consent';
import { conditionEngagementNode } from './condition-engagement';
import { conditionSegmentNode } from './condition-segment';
import type { NodeDefinition } from './define-node';
import { exitNode } from './exit';
import { goalNode } from './goal';
import { sendEmailNode } from './send-email';
import { sendPushNode } from './send-push';
import { sendSmsNode } from './send-sms';
import { splitRandomNode } from './split-random';
import { switchAttributeNode } from './switch-attribute';
import { triggerApiNode } from './trigger-api';
import { triggerDateNode } from './trigger-date';
import { triggerEventNode } from './trigger-event';
import { triggerScheduleNode } from './trigger-schedule';
import { triggerSegmentNode } from './trigger-segment';
import { updateProfileNode } from './update-profile';
import { waitDurationNode } from './wait-duration';
import { waitEventNode } from './wait-event';
import { waitUntilNode } from './wait-until';
import { webhookNode } from './webhook';

/** A node definition of any config type, as registries hold them. */
export type AnyNodeDefinition = NodeDefinition;

export interface NodeRegistry {
  /** The given version of a type, or its latest without one. */
  get(type: string, version?: number): AnyNodeDefinition | undefined;
  /** The latest version of each type, in registration order. */
  list(): readonly AnyNodeDefinition[];
  /** The versions the registry has of a type, ascending (`[]` for an unknown type). */
  versions(type: string): number[];
}

export const builtInNodes: readonly AnyNodeDefinition[] = [
  triggerEventNode,
  triggerApiNode,
  triggerSegmentNode,
  triggerScheduleNode,
  triggerDateNode,
  waitDurationNode,
  waitEventNode,
  waitUntilNode,
  goalNode,
  splitRandomNode,
  conditionAttributeNode,
  conditionConsentNode,
  conditionSegmentNode,
  conditionEngagementNode,
  switchAttributeNode,
  sendEmailNode,
  sendSmsNode,
  sendPushNode,
  updateProfileNode,
  webhookNode,
  exitNode,
];

/**
 * A registry over the given nodes, e.g. `createNodeRegistry([...builtInNodes, myCrmTaskNode])`.
 * A type may come in several versions (journeys published with an older one keep running it).
 */
export function createNodeRegistry(nodes: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, Map<number, AnyNodeDefinition>>();
  for (const node of nodes) {
    const versions = byType.get(node.type) ?? new Map<number, AnyNodeDefinition>();
    if (versions.has(node.version))
      throw new Error(`Node type '${node.type}' version ${node.version} is registered twice`);
    byType.set(node.type, versions.set(node.version, node));
  }
  const latest = new Map(
    [...byType].map(([type, versions]) => [type, versions.get(Math.max(...versions.keys()))!]),
  );
  const list = Object.freeze([...latest.values()]);
  return {
    get: (type, version) => (version === undefined ? latest.get(type) : byType.get(type)?.get(version)),
    list: () => list,
    versions: (type) => [...(byType.get(type)?.keys() ?? [])].sort((a, b) => a - b),
  };
}

export const defaultNodeRegistry: NodeRegistry = createNodeRegistry(builtInNodes);
