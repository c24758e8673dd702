import { z } from 'zod';
import type { StepKind } from '../journey/definition';
import type { NodeCategory, NodeIcon } from './define-node';
import { defaultNodeRegistry, type NodeRegistry } from './registry';

/** What the studio palette and config forms (and the API) need to know about a node type. JSON. */
export interface NodeCatalogEntry {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  /** One of `NODE_ICONS`; absent: the kind's icon. */
  icon?: NodeIcon;
  kind: StepKind;
  /** Every version the deployment can run (older ones for journeys published with them); the entry describes the latest. */
  versions: number[];
  /** Output ports of the default config. */
  ports: string[];
  /** JSON Schema (draft 2020-12) of the config as the user writes it (defaults optional). */
  configJsonSchema: Record<string, unknown>;
  defaultConfig: Record<string, unknown>;
}

export function nodeCatalog(registry: NodeRegistry = defaultNodeRegistry): NodeCatalogEntry[] {
  return registry.list().map((node) => ({
    type: node.type,
    version: node.version,
    title: node.title,
    description: node.description,
    category: node.category,
    ...(node.icon ? { icon: node.icon } : {}),
    kind: node.kind,
    versions: registry.versions(node.type),
    ports: node.ports(node.defaultConfig),
    configJsonSchema: z.toJSONSchema(node.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
    defaultConfig: JSON.parse(JSON.stringify(node.defaultConfig)) as Record<string, unknown>,
  }));
}
