import fc from 'fast-check';
import { DAY_MS, HISTORY_DAYS } from './demo-customer';
import { EventTimeline } from './event-timeline';

const NOW = Date.parse('2026-03-02T09:30:00.250Z');

describe('EventTimeline', () => {
  it('writes timestamps exactly as Date#toISOString does, to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HISTORY_DAYS * DAY_MS - 1_000 }), (ago) => {
        const timeline = new EventTimeline(NOW, 'p');
        timeline.add('e', NOW - ago);
        const [event] = timeline.events();
        expect(event.timestamp).toBe(new Date(Math.floor((NOW - ago) / 1000) * 1000).toISOString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps the window (two years back, nothing from now on), oldest first, with numbered message ids', () => {
    const timeline = new EventTimeline(NOW, 'mia-1-7');
    timeline.add('late', NOW - 1_000);
    timeline.add('future', NOW + 60_000);
    timeline.add('now', NOW);
    timeline.add('too old', NOW - (HISTORY_DAYS + 1) * DAY_MS);
    timeline.add('early', NOW - DAY_MS, { a: 1 });
    expect(timeline.events()).toEqual([
      { name: 'early', properties: { a: 1 }, timestamp: '2026-03-01T09:30:00.000Z', messageId: 'mia-1-7-0' },
      { name: 'late', properties: {}, timestamp: '2026-03-02T09:29:59.000Z', messageId: 'mia-1-7-1' },
      // Its whole second began before now.
      { name: 'now', properties: {}, timestamp: '2026-03-02T09:30:00.000Z', messageId: 'mia-1-7-2' },
    ]);
  });
});
