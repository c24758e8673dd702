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
  get(type: string): AnyNodeDefinition | undefined;
  /** In registration order. */
  list(): readonly AnyNodeDefinition[];
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
