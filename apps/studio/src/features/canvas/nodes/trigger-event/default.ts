import { asString, describeComparison } from '../_base/format';
import type { NodeMeta, Translate } from '../_base/types';

/** "where plan equals pro", "where plan equals pro and 2 more". */
export function describeFilters(filters: unknown, t: Translate): string | undefined {
  if (!Array.isArray(filters) || filters.length === 0) return undefined;
  const [first] = filters as { path?: unknown; operator?: unknown; value?: unknown }[];
  return t('summary.filters', {
    first: describeComparison(first?.path, first?.operator, first?.value, t),
    more: filters.length - 1,
  });
}

export const triggerEvent: NodeMeta = {
  kind: 'trigger',
  ports: ['out'],
  summarize: (config, t) => t('summary.whenEvent', { event: asString(config.event, '…') }),
  detail: (config, t) => describeFilters(config.filters, t),
};
