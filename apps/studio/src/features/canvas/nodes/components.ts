import type { NodeKind } from '../types';
import { BoltIcon, BranchIcon, ClockIcon, CubeIcon, ExitIcon, MailIcon } from './_base/icons';
import type { NodeView } from './_base/types';
import { ConditionAttributeNode } from './condition-attribute/node';
import { CustomNode } from './custom/node';
import { ExitNode } from './exit/node';
import { SendEmailNode } from './send-email/node';
import { TriggerEventNode } from './trigger-event/node';
import { WaitDurationNode } from './wait-duration/node';

/** Node type → its view. Adding a built-in node type: a folder, a line here and one in `./registry`. */
export const NODE_COMPONENTS: Record<string, NodeView> = {
  'trigger.event': { Icon: BoltIcon, Body: TriggerEventNode },
  'wait.duration': { Icon: ClockIcon, Body: WaitDurationNode },
  'condition.attribute': { Icon: BranchIcon, Body: ConditionAttributeNode },
  'send.email': { Icon: MailIcon, Body: SendEmailNode },
  exit: { Icon: ExitIcon, Body: ExitNode },
};

const CUSTOM: Record<NodeKind, NodeView> = {
  trigger: { Icon: BoltIcon, Body: CustomNode },
  wait: { Icon: ClockIcon, Body: CustomNode },
  condition: { Icon: BranchIcon, Body: CustomNode },
  action: { Icon: CubeIcon, Body: CustomNode },
  exit: { Icon: ExitIcon, Body: CustomNode },
};

export function resolveView(type: string, kind: NodeKind): NodeView {
  return NODE_COMPONENTS[type] ?? CUSTOM[kind];
}
