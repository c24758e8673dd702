'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

interface AutosaveOptions {
  /** The state to keep saved, serialised; a new value schedules a save. */
  json: string;
  /** What is already stored. */
  initial: string;
  /** False while the state is in motion (a node being dragged): wait for it to settle. */
  enabled: boolean;
  delayMs: number;
  /** Stores one state; resolves false when that failed (the hook then reports an error). */
  save(json: string): Promise<boolean>;
}

/**
 * Debounced autosave that never runs two saves at once and always ends on the latest state: a
 * change made while a save is in flight is saved right after it.
 */
export function useAutosave({ json, initial, enabled, delayMs, save }: AutosaveOptions) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const saved = useRef(initial);
  const latest = useRef(json);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const saveRef = useRef(save);

  useEffect(() => {
    latest.current = json;
    saveRef.current = save;
  });

  const run = useCallback((): Promise<boolean> => {
    if (inFlight.current) return inFlight.current.then(() => run());
    const work = (async () => {
      while (latest.current !== saved.current) {
        const target = latest.current;
        setStatus('saving');
        if (!(await saveRef.current(target))) {
          setStatus('error');
          return false;
        }
        saved.current = target;
      }
      setStatus('saved');
      return true;
    })();
    inFlight.current = work;
    void work.finally(() => {
      if (inFlight.current === work) inFlight.current = null;
    });
    return work;
  }, []);

  useEffect(() => {
    if (json === saved.current) {
      // Back to what is stored (an undo of an unsaved change): nothing left to save.
      setStatus((current) => (current === 'pending' ? 'saved' : current));
      return;
    }
    setStatus((current) => (current === 'saving' ? current : 'pending'));
    if (!enabled) return;
    const timer = setTimeout(() => void run(), delayMs);
    return () => clearTimeout(timer);
  }, [json, enabled, delayMs, run]);

  /** Saves now what is pending (before publishing); true once the latest state is stored. */
  const flush = useCallback(() => run(), [run]);
  return { status, flush };
}
