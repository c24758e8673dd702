import { waitUntilNode, waitUntilResumeAt } from './wait-until';

const parse = (input: unknown) => waitUntilNode.configSchema.parse(input);
const weekdayMornings = parse({
  until: { kind: 'window', start: '09:00', end: '12:00', weekdays: [1, 2, 3, 4, 5] },
  fallbackTimezone: 'Europe/Paris',
});
const at = (iso: string) => new Date(iso);

describe('wait.until', () => {
  it('goes on at a date, or at once when it is past', () => {
    const config = parse({ until: { kind: 'date', at: '2026-12-24T09:00:00+01:00' } });
    expect(waitUntilResumeAt(config, at('2026-12-01T00:00:00Z'), 'Asia/Tokyo')).toEqual(
      at('2026-12-24T08:00:00Z'),
    );
    expect(waitUntilResumeAt(config, at('2026-12-25T00:00:00Z'), null)).toEqual(at('2026-12-25T00:00:00Z'));
  });

  it('waits for the window’s start in the customer’s timezone: two customers, two instants', () => {
    // Friday 2026-01-16 07:00 UTC: 08:00 in Paris, 02:00 in New York.
    const now = at('2026-01-16T07:00:00Z');
    expect(waitUntilResumeAt(weekdayMornings, now, 'Europe/Paris')).toEqual(at('2026-01-16T08:00:00Z'));
    expect(waitUntilResumeAt(weekdayMornings, now, 'America/New_York')).toEqual(at('2026-01-16T14:00:00Z'));
  });

  it('lets a customer inside the window through at once', () => {
    const now = at('2026-01-16T10:30:00Z'); // 11:30 in Paris
    expect(waitUntilResumeAt(weekdayMornings, now, 'Europe/Paris')).toEqual(now);
  });

  it('skips to the next allowed weekday after the window or on a weekend', () => {
    // Friday 12:00 in Paris: the window just closed; next is Monday 09:00.
    expect(waitUntilResumeAt(weekdayMornings, at('2026-01-16T11:00:00Z'), 'Europe/Paris')).toEqual(
      at('2026-01-19T08:00:00Z'),
    );
    // Sunday evening.
    expect(waitUntilResumeAt(weekdayMornings, at('2026-01-18T20:00:00Z'), 'Europe/Paris')).toEqual(
      at('2026-01-19T08:00:00Z'),
    );
  });

  it('waits a whole week when the only allowed day just passed', () => {
    const mondays = parse({ until: { kind: 'window', start: '09:00', end: '10:00', weekdays: [1] } });
    expect(waitUntilResumeAt(mondays, at('2026-01-19T10:00:00Z'), 'UTC')).toEqual(at('2026-01-26T09:00:00Z'));
  });

  it('keeps 09:00 local across DST changes', () => {
    // Saturday 2026-03-28 in Paris (UTC+1) → Monday 2026-03-30 09:00 is UTC+2.
    expect(waitUntilResumeAt(weekdayMornings, at('2026-03-28T12:00:00Z'), 'Europe/Paris')).toEqual(
      at('2026-03-30T07:00:00Z'),
    );
    // Saturday 2026-10-31 in New York (EDT) → Monday 2026-11-02 09:00 is EST.
    expect(waitUntilResumeAt(weekdayMornings, at('2026-10-31T12:00:00Z'), 'America/New_York')).toEqual(
      at('2026-11-02T14:00:00Z'),
    );
  });

  it('uses the fallback timezone when the profile has none or an invalid one', () => {
    const now = at('2026-01-16T07:00:00Z');
    expect(waitUntilResumeAt(weekdayMornings, now, null)).toEqual(at('2026-01-16T08:00:00Z'));
    expect(waitUntilResumeAt(weekdayMornings, now, 'Not/AZone')).toEqual(at('2026-01-16T08:00:00Z'));
  });

  it('is a wait that may let customers through at once (it does not break loops)', () => {
    expect(waitUntilNode.kind).toBe('wait');
    expect(waitUntilNode.mayPassWithoutWaiting).toBe(true);
    expect(parse({ until: { kind: 'window', start: '09:00', end: '10:00' } }).until).toMatchObject({
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    });
  });

  it.each([
    ['a date without offset', { until: { kind: 'date', at: '2026-12-24T09:00:00' } }, ['until', 'at']],
    ['a date that is not one', { until: { kind: 'date', at: 'Christmas' } }, ['until', 'at']],
    [
      'a window ending before it starts',
      { until: { kind: 'window', start: '18:00', end: '09:00' } },
      ['until', 'end'],
    ],
    ['an empty window', { until: { kind: 'window', start: '09:00', end: '09:00' } }, ['until', 'end']],
    [
      'no weekday',
      { until: { kind: 'window', start: '09:00', end: '10:00', weekdays: [] } },
      ['until', 'weekdays'],
    ],
    [
      'weekday 0',
      { until: { kind: 'window', start: '09:00', end: '10:00', weekdays: [0] } },
      ['until', 'weekdays', 0],
    ],
    [
      'a weekday twice',
      { until: { kind: 'window', start: '09:00', end: '10:00', weekdays: [1, 1] } },
      ['until', 'weekdays'],
    ],
    ['25:00', { until: { kind: 'window', start: '09:00', end: '25:00' } }, ['until', 'end']],
    ['an unknown kind', { until: { kind: 'eventually' } }, ['until', 'kind']],
    [
      'an unknown timezone',
      { until: { kind: 'date', at: '2026-12-24T09:00:00Z' }, fallbackTimezone: 'CET+1' },
      ['fallbackTimezone'],
    ],
  ])('refuses %s', (_label, input, path) => {
    const result = waitUntilNode.configSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
