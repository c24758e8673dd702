import { evaluateSegmentRule, type SegmentSubject } from './evaluate-segment-rule';
import { type SegmentRule } from './segment-rule';

const NOW = new Date('2027-02-28T15:00:00Z'); // 2027 has no 29 February
const customer = (overrides: Partial<SegmentSubject> = {}): SegmentSubject => ({
  traits: {},
  computedTraits: {},
  consents: {},
  email: null,
  phone: null,
  events: [],
  ...overrides,
});
const holds = (rule: SegmentRule, subject: SegmentSubject, now = NOW) =>
  evaluateSegmentRule(rule, subject, { now });
const order = (occurredAt: string, properties: Record<string, unknown> = {}) => ({
  name: 'order.completed',
  properties,
  occurredAt,
});

describe('evaluateSegmentRule', () => {
  it('reads dates relative to now', () => {
    const ordered = (at: string) => customer({ traits: { lastOrderAt: at } });
    const moreThan14Days = {
      type: 'trait',
      path: 'lastOrderAt',
      operator: 'more_than_ago',
      value: { amount: 14, unit: 'days' },
    } as const;
    expect(holds(moreThan14Days, ordered('2027-02-14T14:59:59Z'))).toBe(true);
    expect(holds(moreThan14Days, ordered('2027-02-14T15:00:00Z'))).toBe(false);
    const next7Days = {
      type: 'trait',
      path: 'renewal',
      operator: 'within_next',
      value: { amount: 7, unit: 'days' },
    } as const;
    expect(holds(next7Days, customer({ traits: { renewal: '2027-03-07' } }))).toBe(true);
    expect(holds(next7Days, customer({ traits: { renewal: '2027-02-27' } }))).toBe(false);
    const fourteenDaysAgo = { type: 'trait', path: 'lastOrderAt', operator: 'days_ago', value: 14 } as const;
    expect(holds(fourteenDaysAgo, ordered('2027-02-14T00:00:00Z'))).toBe(true);
    expect(holds(fourteenDaysAgo, ordered('2027-02-14T23:59:59.999Z'))).toBe(true);
    expect(holds(fourteenDaysAgo, ordered('2027-02-15T00:00:00Z'))).toBe(false);
  });

  it('celebrates 29 February birthdays on 28 February in other years', () => {
    const birthdayToday = {
      type: 'trait',
      path: 'birthday',
      operator: 'anniversary',
      value: { withinDays: 0 },
    } as const;
    expect(holds(birthdayToday, customer({ traits: { birthday: '1992-02-29' } }))).toBe(true);
    expect(holds(birthdayToday, customer({ traits: { birthday: '1990-02-28' } }))).toBe(true);
    expect(holds(birthdayToday, customer({ traits: { birthday: '1990-03-01' } }))).toBe(false);
    expect(
      holds(
        birthdayToday,
        customer({ traits: { birthday: '1992-02-29' } }),
        new Date('2028-02-28T10:00:00Z'),
      ),
    ).toBe(false);
  });

  it('measures events over a window, exactly', () => {
    const spent = (value: number) =>
      ({
        type: 'event',
        event: 'order.completed',
        within: { amount: 90, unit: 'days' },
        measure: 'sum',
        of: 'total',
        operator: 'equals',
        value,
      }) as const;
    const buyer = customer({
      events: [
        order('2027-02-01T00:00:00Z', { total: 0.1 }),
        order('2027-01-01T00:00:00Z', { total: 0.2 }),
        order('2026-01-01T00:00:00Z', { total: 50 }),
        order('2027-02-02T00:00:00Z', { total: 'n/a' }),
      ],
    });
    expect(holds(spent(0.3), buyer)).toBe(true);
    const average = {
      type: 'event',
      event: 'order.completed',
      measure: 'avg',
      of: 'total',
      operator: 'gt',
      value: 16.7,
    } as const;
    expect(holds(average, buyer)).toBe(true); // (0.1 + 0.2 + 50) / 3 = 16.766…
    expect(holds({ ...average, value: 16.8 }, buyer)).toBe(false);
    expect(holds(average, customer())).toBe(false); // no average without orders
  });

  it('treats "did not" as a count of zero, which a customer without events passes', () => {
    const didNotOrder = {
      type: 'event',
      event: 'order.completed',
      within: { amount: 30, unit: 'days' },
      operator: 'equals',
      value: 0,
    } as const;
    expect(holds(didNotOrder, customer())).toBe(true);
    expect(holds(didNotOrder, customer({ events: [order('2027-02-20T00:00:00Z')] }))).toBe(false);
    expect(holds(didNotOrder, customer({ events: [order('2026-12-20T00:00:00Z')] }))).toBe(true);
  });

  it('tells consent from contactability', () => {
    const granted = { email: { status: 'granted', at: '2027-01-01T00:00:00Z' } };
    expect(
      holds({ type: 'consent', channel: 'email', status: 'granted' }, customer({ consents: granted })),
    ).toBe(true);
    expect(holds({ type: 'contactable', channel: 'email' }, customer({ consents: granted }))).toBe(false);
    expect(
      holds({ type: 'contactable', channel: 'email' }, customer({ consents: granted, email: 'a@b.test' })),
    ).toBe(true);
    expect(holds({ type: 'consent', channel: 'sms', status: 'none' }, customer({ consents: granted }))).toBe(
      true,
    );
  });
});
