import { nextScheduledRun, triggerScheduleNode } from './trigger-schedule';

const parse = (input: unknown) => triggerScheduleNode.configSchema.safeParse(input);
const SEGMENT = '0b9f3c1e-5d7a-4b2e-9c61-2f8e4a6d1b30';

describe('trigger.schedule', () => {
  it('takes a one-off date or a five-field cron in a timezone, with a default rate', () => {
    const once = parse({ segmentId: SEGMENT, schedule: { kind: 'once', at: '2026-12-24T09:00:00+01:00' } });
    expect(once.success && once.data.ratePerMinute).toBe(1_000);
    const weekly = parse({ segmentId: SEGMENT, schedule: { kind: 'recurring', cron: ' 0 9 * * 1 ' } });
    expect(weekly.success && weekly.data.schedule).toEqual({
      kind: 'recurring',
      cron: '0 9 * * 1',
      timezone: 'UTC',
    });
  });

  it.each([
    ['seconds (six fields)', { kind: 'recurring', cron: '*/5 * * * * *' }, '5 fields'],
    ['an out-of-range minute', { kind: 'recurring', cron: '61 9 * * *' }, 'Invalid cron expression'],
    ['garbage', { kind: 'recurring', cron: "'; DROP TABLE x; --" }, 'Invalid cron expression'],
    [
      'an unknown timezone',
      { kind: 'recurring', cron: '0 9 * * *', timezone: 'Mars/Olympus' },
      'IANA timezone',
    ],
    ['a date without offset', { kind: 'once', at: '2026-12-24T09:00:00' }, 'offset'],
  ])('refuses %s with a clear message', (_, schedule, message) => {
    const result = parse({ segmentId: SEGMENT, schedule });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(' ')).toContain(message);
  });

  it.each([0, 60_001, 1.5])('refuses a rate of %s per minute', (ratePerMinute) => {
    expect(
      parse({ segmentId: SEGMENT, schedule: { kind: 'once', at: '2026-12-24T09:00:00Z' }, ratePerMinute })
        .success,
    ).toBe(false);
  });

  it('fires a one-off schedule once, strictly after the given instant', () => {
    const schedule = { kind: 'once', at: '2026-12-24T09:00:00+01:00' } as const;
    expect(nextScheduledRun(schedule, new Date('2026-12-01T00:00:00Z'))).toEqual(
      new Date('2026-12-24T08:00:00Z'),
    );
    expect(nextScheduledRun(schedule, new Date('2026-12-24T08:00:00Z'))).toBeNull();
  });

  it('follows the cron in its timezone, across a daylight-saving change', () => {
    const schedule = { kind: 'recurring', cron: '0 9 * * 1', timezone: 'Europe/Paris' } as const;
    // Monday 23 March 2026 09:00 CET (UTC+1), then Monday 30 March 09:00 CEST (UTC+2).
    const first = nextScheduledRun(schedule, new Date('2026-03-20T12:00:00Z'))!;
    expect(first).toEqual(new Date('2026-03-23T08:00:00Z'));
    expect(nextScheduledRun(schedule, first)).toEqual(new Date('2026-03-30T07:00:00Z'));
  });
});
