import { evaluatePredicate } from '../predicates/evaluate-predicate';
import { matchesEventTrigger } from '../predicates/matches-event-trigger';
import {
  compileEntryRules,
  compileExitCriterion,
  CONSENT_REVOKED_EVENT,
  SEGMENT_EXITED_EVENT,
  scenarioSettingsSchema,
} from './scenario-settings';

const SEGMENT = '0190a0b1-0000-7000-8000-000000000001';

describe('scenario settings', () => {
  it('defaults to re-entry always and no exit criteria', () => {
    expect(scenarioSettingsSchema.parse({})).toEqual({
      entry: { reentry: { policy: 'always' } },
      exitCriteria: [],
    });
    expect(scenarioSettingsSchema.parse({ entry: {} }).entry).toEqual({ reentry: { policy: 'always' } });
  });

  it('compiles entry rules, leaving out what is not set', () => {
    const { entry } = scenarioSettingsSchema.parse({
      entry: { reentry: { policy: 'after', days: 30 }, audienceSegmentId: SEGMENT, maxEntriesPerDay: 500 },
    });
    expect(compileEntryRules(entry)).toEqual({
      reentry: { policy: 'after', days: 30 },
      audienceSegmentId: SEGMENT,
      maxEntriesPerDay: 500,
    });
    expect(compileEntryRules({ reentry: { policy: 'never' } })).toEqual({ reentry: { policy: 'never' } });
  });

  it('compiles an event exit criterion to a matcher named after the event', () => {
    const [setting] = scenarioSettingsSchema.parse({
      exitCriteria: [
        { kind: 'event', event: 'order.completed', filters: [{ path: 'total', operator: 'gt', value: 0 }] },
      ],
    }).exitCriteria;
    const criterion = compileExitCriterion(setting);
    expect(criterion.reason).toBe('event:order.completed');
    expect(matchesEventTrigger(criterion, { name: 'order.completed', properties: { total: 12 } })).toBe(true);
    expect(matchesEventTrigger(criterion, { name: 'order.completed', properties: { total: 0 } })).toBe(false);
  });

  it('compiles leaving a segment to the segment.exited event of that segment only', () => {
    const criterion = compileExitCriterion({ kind: 'segment.exited', segmentId: SEGMENT });
    expect(criterion).toMatchObject({ event: SEGMENT_EXITED_EVENT, reason: 'segment_exited' });
    expect(
      matchesEventTrigger(criterion, { name: SEGMENT_EXITED_EVENT, properties: { segmentId: SEGMENT } }),
    ).toBe(true);
    expect(
      matchesEventTrigger(criterion, { name: SEGMENT_EXITED_EVENT, properties: { segmentId: 'other' } }),
    ).toBe(false);
  });

  it('compiles unsubscribing, on one channel or any', () => {
    const email = compileExitCriterion({ kind: 'unsubscribed', channel: 'email' });
    const any = compileExitCriterion({ kind: 'unsubscribed' });
    const smsRevoked = { name: CONSENT_REVOKED_EVENT, properties: { channel: 'sms' } };
    expect(email.reason).toBe('unsubscribed');
    expect(matchesEventTrigger(email, smsRevoked)).toBe(false);
    expect(matchesEventTrigger(any, smsRevoked)).toBe(true);
    expect(email.filters!.every((f) => evaluatePredicate(f, { channel: 'email' }))).toBe(true);
  });

  it.each([
    ['re-entry after 0 days', { entry: { reentry: { policy: 'after', days: 0 } } }],
    ['re-entry after without days', { entry: { reentry: { policy: 'after' } } }],
    ['an unknown re-entry policy', { entry: { reentry: { policy: 'sometimes' } } }],
    ['an audience that is not a UUID', { entry: { audienceSegmentId: 'vip' } }],
    ['0 entries per day', { entry: { maxEntriesPerDay: 0 } }],
    ['an unknown exit kind', { exitCriteria: [{ kind: 'moon.phase' }] }],
    ['an exit event without a name', { exitCriteria: [{ kind: 'event', event: '' }] }],
    ['an unknown unsubscribe channel', { exitCriteria: [{ kind: 'unsubscribed', channel: 'fax' }] }],
    ['21 exit criteria', { exitCriteria: Array(21).fill({ kind: 'unsubscribed' }) }],
  ])('refuses %s', (_label, input) => {
    expect(scenarioSettingsSchema.safeParse(input).success).toBe(false);
  });
});
