import 'server-only';
import { apiGet } from '@/lib/api/client';
import { listSegments } from '../segments/api';
import { KINDS } from './nodes/_base/kinds';
import { NO_NAMES, type SummaryNames } from './nodes/_base/types';
import type { CatalogEntry, JsonSchema, NodeCatalog, NodeKind } from './types';

interface RawCatalogEntry {
  type?: unknown;
  title?: unknown;
  kind?: unknown;
  category?: unknown;
  description?: unknown;
  icon?: unknown;
  ports?: unknown;
  configJsonSchema?: unknown;
  defaultConfig?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The node catalog keyed by type, in the API's order. A failure is not fatal: the canvas still
 * draws saved nodes (by kind); only the palette and the forms need the catalog.
 */
export async function getNodeCatalog(): Promise<NodeCatalog> {
  const result = await apiGet<RawCatalogEntry[]>('/nodes');
  if (!result.ok || !Array.isArray(result.data)) return {};
  const catalog: NodeCatalog = {};
  for (const raw of result.data) {
    if (typeof raw.type !== 'string') continue;
    const entry: CatalogEntry = {
      type: raw.type,
      title: typeof raw.title === 'string' && raw.title ? raw.title : raw.type,
      kind: KINDS.includes(raw.kind as NodeKind) ? (raw.kind as NodeKind) : 'action',
      category: typeof raw.category === 'string' ? raw.category : 'actions',
      description: typeof raw.description === 'string' ? raw.description : '',
      ...(typeof raw.icon === 'string' ? { icon: raw.icon } : {}),
      ports: Array.isArray(raw.ports)
        ? raw.ports.filter((port): port is string => typeof port === 'string')
        : [],
      configJsonSchema: isRecord(raw.configJsonSchema)
        ? (raw.configJsonSchema as JsonSchema)
        : { type: 'object' },
      defaultConfig: isRecord(raw.defaultConfig) ? raw.defaultConfig : {},
    };
    catalog[raw.type] = entry;
  }
  return catalog;
}

/** Segment names for the steps' summaries; without them the steps show short ids. */
export async function getSummaryNames(): Promise<SummaryNames> {
  const result = await listSegments();
  if (!result.ok) return NO_NAMES;
  return { segments: Object.fromEntries(result.data.map((segment) => [segment.id, segment.name])) };
}
