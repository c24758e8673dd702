import type { NodeKind } from '../types';
import type { NodeMeta } from './_base/types';
import { conditionAttribute } from './condition-attribute/default';
import { conditionConsent } from './condition-consent/default';
import { conditionEngagement } from './condition-engagement/default';
import { conditionSegment } from './condition-segment/default';
import { customMeta } from './custom/default';
import { exit } from './exit/default';
import { goal } from './goal/default';
import { sendEmail } from './send-email/default';
import { sendSms } from './send-sms/default';
import { switchAttribute } from './switch-attribute/default';
import { triggerDate } from './trigger-date/default';
import { triggerEvent } from './trigger-event/default';
import { triggerSchedule } from './trigger-schedule/default';
import { triggerSegment } from './trigger-segment/default';
import { waitDuration } from './wait-duration/default';
import { waitEvent } from './wait-event/default';
import { webhook } from './webhook/default';

/** Node type → how the canvas summarises it. Icons are in `./components`. */
export const NODE_META: Record<string, NodeMeta> = {
  'trigger.event': triggerEvent,
  'trigger.segment': triggerSegment,
  'trigger.schedule': triggerSchedule,
  'trigger.date': triggerDate,
  'wait.duration': waitDuration,
  'wait.event': waitEvent,
  goal,
  'condition.attribute': conditionAttribute,
  'condition.consent': conditionConsent,
  'condition.segment': conditionSegment,
  'condition.engagement': conditionEngagement,
  'switch.attribute': switchAttribute,
  'send.email': sendEmail,
  'send.sms': sendSms,
  webhook,
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
