import { capReleaseAt, pressureRulesSchema, quietHoursEnd } from './pressure-rules';

const quiet = (start: string, end: string, defaultTimezone = 'UTC') =>
  pressureRulesSchema.parse({ quietHours: { start, end, defaultTimezone } }).quietHours!;
const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe('quietHoursEnd', () => {
  const night = quiet('21:00', '08:00');

  it('is null outside quiet hours, in the customer’s timezone', () => {
    // 10:00 in Paris (winter, UTC+1) and 04:00 in New York: quiet in New York only.
    expect(quietHoursEnd(night, at('2026-01-15T09:00:00Z'), 'Europe/Paris')).toBeNull();
    expect(quietHoursEnd(night, at('2026-01-15T09:00:00Z'), 'America/New_York')).toEqual(
      at('2026-01-15T13:00:00Z'),
    );
  });

  it('ends the next morning when the quiet period started in the evening', () => {
    expect(quietHoursEnd(night, at('2026-01-15T22:30:00Z'), 'Europe/Paris')).toEqual(
      at('2026-01-16T07:00:00Z'),
    );
    // 23:59 is quiet, 21:00 is quiet, 08:00 is not.
    expect(quietHoursEnd(night, at('2026-01-15T20:00:00Z'), 'Europe/Paris')).toEqual(
      at('2026-01-16T07:00:00Z'),
    );
    expect(quietHoursEnd(night, at('2026-01-16T07:00:00Z'), 'Europe/Paris')).toBeNull();
  });

  it('keeps 08:00 local across the spring DST change, in Paris and in New York', () => {
    // Paris springs forward on 2026-03-29 at 02:00: 22:00 UTC+1 the evening before → 08:00 UTC+2.
    expect(quietHoursEnd(night, at('2026-03-28T21:30:00Z'), 'Europe/Paris')).toEqual(
      at('2026-03-29T06:00:00Z'),
    );
    // New York springs forward on 2026-03-08: 23:00 EST the evening before → 08:00 EDT.
    expect(quietHoursEnd(night, at('2026-03-08T04:00:00Z'), 'America/New_York')).toEqual(
      at('2026-03-08T12:00:00Z'),
    );
  });

  it('keeps 08:00 local across the autumn DST change, in Paris and in New York', () => {
    // Paris falls back on 2026-10-25: 23:00 UTC+2 the evening before → 08:00 UTC+1, a 10-hour night.
    expect(quietHoursEnd(night, at('2026-10-24T21:00:00Z'), 'Europe/Paris')).toEqual(
      at('2026-10-25T07:00:00Z'),
    );
    // New York falls back on 2026-11-01: 22:00 EDT the evening before → 08:00 EST.
    expect(quietHoursEnd(night, at('2026-11-01T02:00:00Z'), 'America/New_York')).toEqual(
      at('2026-11-01T13:00:00Z'),
    );
  });

  it('handles a daytime period and falls back to the default timezone', () => {
    const lunch = quiet('12:00', '14:00', 'Asia/Tokyo');
    // 12:30 in Tokyo (UTC+9): unknown and invalid zones fall back to Tokyo.
    expect(quietHoursEnd(lunch, at('2026-05-01T03:30:00Z'), null)).toEqual(at('2026-05-01T05:00:00Z'));
    expect(quietHoursEnd(lunch, at('2026-05-01T03:30:00Z'), 'Mars/Olympus')).toEqual(
      at('2026-05-01T05:00:00Z'),
    );
    expect(quietHoursEnd(lunch, at('2026-05-01T05:00:00Z'), null)).toBeNull();
  });

  it.each([
    ['equal start and end', { quietHours: { start: '08:00', end: '08:00' } }],
    ['24:00', { quietHours: { start: '21:00', end: '24:00' } }],
    ['a time without minutes', { quietHours: { start: '21', end: '08:00' } }],
    ['an unknown timezone', { quietHours: { start: '21:00', end: '08:00', defaultTimezone: 'Paris' } }],
    ['an unknown key', { quietHours: { start: '21:00', end: '08:00' }, weekends: true }],
    ['a cap of 0', { caps: [{ channel: 'email', max: 0, per: 'day' }] }],
    ['a monthly cap', { caps: [{ channel: 'email', max: 1, per: 'month' }] }],
  ])('refuses %s', (_label, input) => {
    expect(pressureRulesSchema.safeParse(input).success).toBe(false);
  });
});

describe('capReleaseAt', () => {
  const now = at('2026-06-10T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('is null under every cap, and ignores other channels and sends out of the window', () => {
    const caps = pressureRulesSchema.parse({ caps: [{ channel: 'email', max: 2, per: 'day' }] }).caps;
    expect(capReleaseAt(caps, 'email', [ago(3_600_000)], now)).toBeNull();
    expect(capReleaseAt(caps, 'sms', [ago(1), ago(2), ago(3)], now)).toBeNull();
    expect(capReleaseAt(caps, 'email', [ago(DAY), ago(DAY + 1), ago(1)], now)).toBeNull();
  });

  it('releases when the max-th most recent send leaves the window, whatever their order', () => {
    const caps = pressureRulesSchema.parse({ caps: [{ channel: 'email', max: 2, per: 'day' }] }).caps;
    const sends = [ago(2 * 3_600_000), ago(10 * 3_600_000), ago(5 * 3_600_000)];
    // The two most recent are 2 h and 5 h old: a slot frees when the 5-hour-old one is a day old.
    expect(capReleaseAt(caps, 'email', sends, now)).toEqual(new Date(ago(5 * 3_600_000).getTime() + DAY));
    expect(capReleaseAt(caps, 'email', [...sends].reverse(), now)).toEqual(
      new Date(ago(5 * 3_600_000).getTime() + DAY),
    );
  });

  it('takes the latest release when several caps bind', () => {
    const caps = pressureRulesSchema.parse({
      caps: [
        { channel: 'email', max: 1, per: 'day' },
        { channel: 'email', max: 2, per: 'week' },
      ],
    }).caps;
    const sends = [ago(3_600_000), ago(3 * DAY)];
    expect(capReleaseAt(caps, 'email', sends, now)).toEqual(new Date(ago(3 * DAY).getTime() + 7 * DAY));
  });
});
