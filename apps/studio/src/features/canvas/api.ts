import { apiGet } from '@/lib/api/client';
import type { CatalogEntry, NodeCatalog, NodeKind } from './types';

const KINDS: readonly NodeKind[] = ['trigger', 'wait', 'condition', 'action', 'exit'];

/** Port lists come as names or `{ name }` objects, possibly under `outputs`. */
export function normalizePorts(raw: unknown): string[] {
  const list =
    raw && typeof raw === 'object' && !Array.isArray(raw) && 'outputs' in raw
      ? (raw as { outputs: unknown }).outputs
      : raw;
  if (!Array.isArray(list)) return [];
  return list
    .map((port) => {
      if (typeof port === 'string') return port;
      if (port && typeof port === 'object') {
        const { name, id } = port as { name?: unknown; id?: unknown };
        if (typeof name === 'string') return name;
        if (typeof id === 'string') return id;
      }
      return null;
    })
    .filter((port): port is string => !!port);
}

interface RawCatalogEntry {
  type?: unknown;
  title?: unknown;
  kind?: unknown;
  description?: unknown;
  ports?: unknown;
}

/**
 * The node catalog keyed by type. A failure is not fatal: the canvas falls back to the built-in
 * node views, so a missing catalog only costs titles of custom nodes.
 */
export async function getNodeCatalog(): Promise<NodeCatalog> {
  const result = await apiGet<RawCatalogEntry[]>('/nodes');
  if (!result.ok || !Array.isArray(result.data)) return {};
  const catalog: NodeCatalog = {};
  for (const raw of result.data) {
    if (typeof raw.type !== 'string') continue;
    const kind = KINDS.includes(raw.kind as NodeKind) ? (raw.kind as NodeKind) : 'action';
    const entry: CatalogEntry = {
      type: raw.type,
      title: typeof raw.title === 'string' && raw.title ? raw.title : raw.type,
      kind,
      ports: normalizePorts(raw.ports),
    };
    if (typeof raw.description === 'string') entry.description = raw.description;
    catalog[raw.type] = entry;
  }
  return catalog;
}
