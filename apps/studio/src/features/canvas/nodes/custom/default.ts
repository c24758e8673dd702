import { formatValue } from '../_base/format';
import type { NodeMeta } from '../_base/types';
import type { NodeConfig, NodeKind } from '../../types';

/** "tier: gold · points: 20" — the first settings of a node type the studio has no view for. */
export function summarizeConfig(config: NodeConfig): string {
  const entries = Object.entries(config ?? {}).filter(([, value]) => value !== undefined && value !== '');
  if (entries.length === 0) return 'No settings';
  return entries
    .slice(0, 3)
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join(' · ');
}

/** Fallback for custom (developer-registered) node types, by kind. */
export function customMeta(kind: NodeKind): NodeMeta {
  return {
    kind,
    title: 'Custom step',
    ports: kind === 'exit' ? [] : kind === 'condition' ? ['yes', 'no'] : ['out'],
    summarize: summarizeConfig,
  };
}
