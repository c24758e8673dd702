import type { ComponentType } from 'react';
import type { NodeConfig, NodeKind } from '../../types';

/**
 * What the canvas knows about a node type besides the catalog: plain data and pure functions
 * (`<type>/default.ts`), usable without React.
 */
export interface NodeMeta {
  /** Used when the catalog does not list the type. */
  kind: NodeKind;
  title: string;
  ports: string[];
  /** One line of plain text describing the config, e.g. "country equals FR". */
  summarize(config: NodeConfig): string;
  /** Header only: the type needs no summary line (e.g. exit). */
  compact?: boolean;
}

export interface NodeBodyProps {
  config: NodeConfig;
  /** The one-line summary produced by the type's `summarize`. */
  summary: string;
}

/** How a node type looks (`<type>/node.tsx` and its icon). */
export interface NodeView {
  Icon: ComponentType;
  Body: ComponentType<NodeBodyProps>;
}
