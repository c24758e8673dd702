import type { NodeKind } from '../../types';

export const KIND_LABELS: Record<NodeKind, string> = {
  trigger: 'Trigger',
  wait: 'Wait',
  condition: 'Condition',
  action: 'Action',
  exit: 'Exit',
};

/** Accent colour per kind, shared by node chrome and the minimap. */
export const KIND_COLORS: Record<NodeKind, string> = {
  trigger: '#0f9f6e',
  wait: '#d97706',
  condition: '#7c3aed',
  action: '#2563eb',
  exit: '#64748b',
};
