import type { NodeKind } from '../types';
import type { NodeMeta } from './_base/types';
import { conditionAttribute } from './condition-attribute/default';
import { customMeta } from './custom/default';
import { exit } from './exit/default';
import { sendEmail } from './send-email/default';
import { triggerEvent } from './trigger-event/default';
import { waitDuration } from './wait-duration/default';

/** Node type → how the canvas summarises it. Icons are in `./components`. */
export const NODE_META: Record<string, NodeMeta> = {
  'trigger.event': triggerEvent,
  'wait.duration': waitDuration,
  'condition.attribute': conditionAttribute,
  'send.email': sendEmail,
  exit,
};

const CUSTOM: Record<NodeKind, NodeMeta> = {
  trigger: customMeta('trigger'),
  wait: customMeta('wait'),
  split: customMeta('split'),
  condition: customMeta('condition'),
  action: customMeta('action'),
  exit: customMeta('exit'),
};

export function resolveMeta(type: string, kind: NodeKind = 'action'): NodeMeta {
  return NODE_META[type] ?? CUSTOM[kind];
}
