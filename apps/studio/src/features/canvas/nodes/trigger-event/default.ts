import { asString, describeComparison } from '../_base/format';
import type { NodeMeta } from '../_base/types';

/** "where plan equals pro", "where plan equals pro and 2 more". */
export function describeFilters(filters: unknown): string | undefined {
  if (!Array.isArray(filters) || filters.length === 0) return undefined;
  const [first] = filters as { path?: unknown; operator?: unknown; value?: unknown }[];
  const head = `where ${describeComparison(first?.path, first?.operator, first?.value)}`;
  return filters.length > 1 ? `${head} and ${filters.length - 1} more` : head;
}

export const triggerEvent: NodeMeta = {
  kind: 'trigger',
  title: 'Event trigger',
  ports: ['out'],
  summarize: (config) => `When ${asString(config.event, '…')}`,
};
