/** Undo/redo stacks of settled snapshots (the graph as JSON). */
export interface History {
  past: string[];
  present: string;
  future: string[];
}

const LIMIT = 100;

export function startHistory(present: string): History {
  return { past: [], present, future: [] };
}

/** A new settled state; the same as the present is no step. A new step forgets what was undone. */
export function record(history: History, snapshot: string): History {
  if (snapshot === history.present) return history;
  return { past: [...history.past, history.present].slice(-LIMIT), present: snapshot, future: [] };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}
