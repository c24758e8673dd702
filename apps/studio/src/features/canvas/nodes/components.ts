import type { ComponentType } from 'react';
import type { NodeKind } from '../types';
import { BoltIcon, BranchIcon, ClockIcon, CubeIcon, ExitIcon, MailIcon, SplitIcon } from './_base/icons';

/** Node type → its icon; other types get their kind's. */
const TYPE_ICONS: Record<string, ComponentType> = {
  'send.email': MailIcon,
};

const KIND_ICONS: Record<NodeKind, ComponentType> = {
  trigger: BoltIcon,
  wait: ClockIcon,
  split: SplitIcon,
  condition: BranchIcon,
  action: CubeIcon,
  exit: ExitIcon,
};

export function resolveIcon(type: string, kind: NodeKind): ComponentType {
  return TYPE_ICONS[type] ?? KIND_ICONS[kind] ?? CubeIcon;
}
