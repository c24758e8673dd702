import type { NodeFigures } from '../stats/node-figures';

/** One pass of a dry run through a node: its place in the path and what it did. */
export interface PathVisit {
  /** 1-based position in the path. */
  position: number;
  outcome: string;
}

/**
 * The live stats of the canvas: by node, or `loading` while the overlay is shown and its counts
 * are on their way (the nodes keep room for them, so they do not change height when they come).
 */
export type StatsOverlay = Map<string, NodeFigures> | 'loading' | null;

/** What is drawn over one node of the canvas: live stats, a dry run's passes, or both. */
export interface NodeOverlay {
  figures: NodeFigures | 'loading' | null;
  /** null: no dry run shown; []: a dry run is shown and did not pass here. */
  path: PathVisit[] | null;
}

const NONE: NodeOverlay = { figures: null, path: null };
const NOT_VISITED: PathVisit[] = [];

/**
 * Overlays by node id, outside React Flow's state: a refresh of the stats re-renders only the
 * nodes whose figures changed (each node subscribes to its own entry and gets the same object back
 * while it is unchanged), never the flow, and never touches the draft that autosave watches.
 */
export class NodeOverlayStore {
  private figures: Map<string, { json: string; value: NodeFigures }> | 'loading' | null = null;
  private path: Map<string, PathVisit[]> | null = null;
  private snapshots = new Map<string, NodeOverlay>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The same object while the node's overlay is unchanged (what useSyncExternalStore needs). */
  get(nodeId: string): NodeOverlay {
    const figures: NodeOverlay['figures'] =
      this.figures === 'loading' ? 'loading' : (this.figures?.get(nodeId)?.value ?? null);
    const path = this.path ? (this.path.get(nodeId) ?? NOT_VISITED) : null;
    if (!figures && !path) return NONE;
    const cached = this.snapshots.get(nodeId);
    if (cached && cached.figures === figures && cached.path === path) return cached;
    const snapshot = { figures, path };
    this.snapshots.set(nodeId, snapshot);
    return snapshot;
  }

  /** Replaces the stats of every node (null hides them, `loading` keeps room for them). */
  setFigures(figures: StatsOverlay): void {
    if (figures === null || figures === 'loading') {
      if (this.figures === figures) return;
      this.figures = figures;
    } else {
      const previous = this.figures instanceof Map ? this.figures : null;
      const next = new Map<string, { json: string; value: NodeFigures }>();
      for (const [id, value] of figures) {
        const json = JSON.stringify(value);
        const kept = previous?.get(id);
        next.set(id, kept?.json === json ? kept : { json, value });
      }
      this.figures = next;
    }
    this.publish();
  }

  /** Shows a dry run's path (node ids in order, with outcomes), or hides it with null. */
  setPath(path: { nodeId: string; outcome: string }[] | null): void {
    if (!path) this.path = null;
    else {
      this.path = new Map();
      path.forEach(({ nodeId, outcome }, index) => {
        const visits = this.path!.get(nodeId) ?? [];
        visits.push({ position: index + 1, outcome });
        this.path!.set(nodeId, visits);
      });
    }
    this.publish();
  }

  private publish(): void {
    for (const listener of this.listeners) listener();
  }
}
