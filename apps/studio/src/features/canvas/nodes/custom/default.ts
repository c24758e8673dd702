import { formatValue } from '../_base/format';
import type { NodeMeta, Translate } from '../_base/types';
import type { NodeConfig, NodeKind } from '../../types';

/** "tier: gold · points: 20" — the first settings of a node type the studio has no summary for. */
export function summarizeConfig(config: NodeConfig, t: Translate): string {
  const entries = Object.entries(config ?? {}).filter(
    ([, value]) =>
      value !== undefined &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0) &&
      !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
  );
  if (entries.length === 0) return t('summary.noSettings');
  return entries
    .slice(0, 3)
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join(' · ');
}

/** Fallback for node types without a summary of their own, by kind. */
export function customMeta(kind: NodeKind): NodeMeta {
  return {
    kind,
    ports: kind === 'exit' ? [] : kind === 'condition' ? ['yes', 'no'] : ['out'],
    summarize: summarizeConfig,
  };
}
