import type { NodeConfig, NodeKind } from '../../types';

/** A translator of the `canvas` messages (next-intl's `t`, or `createTranslator` in tests). */
export interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** Names summaries show rather than ids: a segment's name instead of its UUID. */
export interface SummaryNames {
  /** Segment id → name. */
  segments: Readonly<Record<string, string>>;
}

export const NO_NAMES: SummaryNames = { segments: {} };

/**
 * What the canvas knows about a node type besides the catalog: plain data and pure functions
 * (`<type>/default.ts`), usable without React.
 */
export interface NodeMeta {
  /** Used when the catalog does not list the type. */
  kind: NodeKind;
  ports: string[];
  /** One line describing the config, e.g. "country equals FR". */
  summarize(config: NodeConfig, t: Translate, names: SummaryNames): string;
  /** A second, quieter line, e.g. the trigger's filters. */
  detail?(config: NodeConfig, t: Translate, names: SummaryNames): string | undefined;
  /** Header only: the type needs no summary line (e.g. exit). */
  compact?: boolean;
}
