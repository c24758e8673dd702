import { emptyNodeStats } from '@parcours/domain/journey';
import { NodeOverlayStore } from '../node-overlay/overlay-store';
import { figuresByNode, nodeFigures, rangeStart } from './node-figures';
import type { NodeStats } from './types';

const { messages } = emptyNodeStats();
const stats = (over: Partial<NodeStats>): NodeStats => ({ ...emptyNodeStats(), ...over });

describe('nodeFigures', () => {
  it('gives a condition its branches by share of visits, most frequent first', () => {
    const figures = nodeFigures(stats({ entered: 12, passed: 12, outcomes: { no: 4, yes: 8 } }));
    expect(figures.outcomes).toEqual([
      { outcome: 'yes', count: 8, share: 8 / 12 },
      { outcome: 'no', count: 4, share: 4 / 12 },
    ]);
    expect(figures.messages).toBeNull();
  });

  it('rates a send node over deliveries when there are some, else over messages sent', () => {
    const noFeedback = nodeFigures(
      stats({ entered: 10, messages: { ...messages, sent: 10, opened: 5, clicked: 2 } }),
    );
    expect(noFeedback.messages).toMatchObject({ openRate: 0.5, clickRate: 0.2 });
    const delivered = nodeFigures(
      stats({ entered: 10, messages: { ...messages, sent: 10, delivered: 8, opened: 4, clicked: 2 } }),
    );
    expect(delivered.messages).toMatchObject({ openRate: 0.5, clickRate: 0.25 });
  });

  it('shows a send node that only skipped (no consent) with no rates rather than 0 %', () => {
    const figures = nodeFigures(stats({ entered: 3, messages: { ...messages, skipped: 3 } }));
    expect(figures.messages).toMatchObject({ skipped: 3, openRate: null, clickRate: null });
  });

  it('sums the journeys that ended on a node, with each reason, and rates conversions', () => {
    const figures = nodeFigures(
      stats({ entered: 4, conversions: 1, revenue: 30, ended: { completed: 3, stopped: 1, merged: 0 } }),
    );
    expect(figures.ended).toBe(4);
    expect(figures.endedBy.map((e) => e.outcome)).toEqual(['completed', 'stopped']);
    expect(figures.conversionRate).toBe(0.25);
    expect(nodeFigures(stats({})).conversionRate).toBeNull();
  });
});

describe('figuresByNode', () => {
  it('gives zeros to canvas nodes the range never reached and drops nodes no longer on the canvas', () => {
    const map = figuresByNode({ a: stats({ entered: 2 }), gone: stats({ entered: 9 }) }, ['a', 'b']);
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect(map.get('a')?.entered).toBe(2);
    expect(map.get('b')).toMatchObject({ entered: 0, current: 0, messages: null });
  });
});

describe('rangeStart', () => {
  it('counts back from now', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(rangeStart('1h', now).toISOString()).toBe('2025-03-10T11:00:00.000Z');
    expect(rangeStart('7d', now).toISOString()).toBe('2025-03-03T12:00:00.000Z');
  });
});

describe('NodeOverlayStore', () => {
  it('hands a node the same snapshot while its figures are unchanged, a new one when they change', () => {
    const store = new NodeOverlayStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.setFigures(figuresByNode({ a: stats({ entered: 1 }), b: stats({ entered: 1 }) }, ['a', 'b']));
    const [a1, b1] = [store.get('a'), store.get('b')];
    store.setFigures(figuresByNode({ a: stats({ entered: 1 }), b: stats({ entered: 2 }) }, ['a', 'b']));
    expect(store.get('a')).toBe(a1);
    expect(store.get('b')).not.toBe(b1);
    expect(store.get('b').figures).toMatchObject({ entered: 2 });
    expect(notified).toBe(2);
    store.setFigures(null);
    expect(store.get('a')).toEqual({ figures: null, path: null });
  });

  it('keeps room on every node while the counts load, until they come or the overlay is hidden', () => {
    const store = new NodeOverlayStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.setFigures('loading');
    store.setFigures('loading');
    expect(notified).toBe(1);
    expect(store.get('a').figures).toBe('loading');
    expect(store.get('a')).toBe(store.get('a'));
    store.setFigures(figuresByNode({ a: stats({ entered: 3 }) }, ['a', 'b']));
    expect(store.get('a').figures).toMatchObject({ entered: 3 });
    expect(store.get('b').figures).toMatchObject({ entered: 0 });
    // A node the counts do not cover (added to the draft since) has no band.
    expect(store.get('new').figures).toBeNull();
    store.setFigures('loading');
    expect(store.get('a').figures).toBe('loading');
    store.setFigures(null);
    expect(store.get('a')).toEqual({ figures: null, path: null });
    expect(notified).toBe(4);
  });

  it('marks the nodes of a path with their positions, and every other node as not visited', () => {
    const store = new NodeOverlayStore();
    store.setPath([
      { nodeId: 'start', outcome: 'entered' },
      { nodeId: 'check', outcome: 'no' },
      { nodeId: 'start', outcome: 'entered' },
    ]);
    expect(store.get('start').path).toEqual([
      { position: 1, outcome: 'entered' },
      { position: 3, outcome: 'entered' },
    ]);
    expect(store.get('elsewhere').path).toEqual([]);
    expect(store.get('elsewhere')).toBe(store.get('elsewhere'));
    store.setPath(null);
    expect(store.get('check').path).toBeNull();
  });
});
