import type { ComponentType } from 'react';
import type { NodeKind } from '../types';
import {
  BellIcon,
  BoltIcon,
  BranchIcon,
  ClockIcon,
  CubeIcon,
  ExitIcon,
  GlobeIcon,
  MailIcon,
  MessageIcon,
  SplitIcon,
  StarIcon,
  UserIcon,
} from './_base/icons';

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

/** The icons a node definition may name (the domain's `NODE_ICONS`): drawn here, never sent as markup. */
const NAMED_ICONS: Record<string, ComponentType> = {
  bolt: BoltIcon,
  clock: ClockIcon,
  branch: BranchIcon,
  split: SplitIcon,
  mail: MailIcon,
  message: MessageIcon,
  bell: BellIcon,
  globe: GlobeIcon,
  user: UserIcon,
  star: StarIcon,
  cube: CubeIcon,
  exit: ExitIcon,
};

export function resolveIcon(type: string, kind: NodeKind, icon?: string): ComponentType {
  return (icon ? NAMED_ICONS[icon] : undefined) ?? TYPE_ICONS[type] ?? KIND_ICONS[kind] ?? CubeIcon;
}
