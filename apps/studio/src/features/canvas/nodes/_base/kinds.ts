import type { NodeKind } from '../../types';

export const KINDS: readonly NodeKind[] = ['trigger', 'wait', 'split', 'condition', 'action', 'exit'];

/** Accent colour per kind, shared by node chrome and the minimap. */
export const KIND_COLORS: Record<NodeKind, string> = {
  trigger: '#0f9f6e',
  wait: '#d97706',
  split: '#0891b2',
  condition: '#7c3aed',
  action: '#2563eb',
  exit: '#64748b',
};
