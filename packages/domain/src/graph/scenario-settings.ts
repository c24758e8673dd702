import { z } from 'zod';
import type { EntryRules, ExitCriterion } from '../journey/definition';
import { propertyPredicateSchema } from '../predicates/property-predicate';
import { consentChannelSchema } from '../profiles/profile-traits';

const eventNameSchema = z.string().min(1).max(200);
const segmentIdSchema = z.uuid({ error: 'A segment id is a UUID' });

export const reentryPolicySchema = z
  .discriminatedUnion('policy', [
    z.object({ policy: z.literal('never') }),
    z.object({ policy: z.literal('after'), days: z.int().min(1).max(3650) }),
    z.object({ policy: z.literal('always') }),
  ])
  .meta({ title: 'Re-entry' });

export const entryRulesSchema = z.object({
  reentry: reentryPolicySchema.default({ policy: 'always' }),
  audienceSegmentId: segmentIdSchema.optional().meta({ title: 'Only members of segment' }),
  maxEntriesPerDay: z.int().min(1).max(100_000_000).optional().meta({ title: 'At most entries per day' }),
});

/** Ends a running journey at once, mid-wait included. Each kind compiles to an event matcher. */
export const exitCriterionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    event: eventNameSchema,
    filters: z.array(propertyPredicateSchema).max(20).default([]),
  }),
  z.object({ kind: z.literal('segment.exited'), segmentId: segmentIdSchema }),
  z.object({ kind: z.literal('unsubscribed'), channel: consentChannelSchema.optional() }),
]);

export const scenarioSettingsSchema = z.object({
  entry: entryRulesSchema.default({ reentry: { policy: 'always' } }),
  exitCriteria: z.array(exitCriterionSchema).max(20).default([]),
});

export type ScenarioSettings = z.output<typeof scenarioSettingsSchema>;
export type ExitCriterionSetting = z.output<typeof exitCriterionSchema>;

/**
 * Event names and properties the engine stores for these facts (segments and consent changes are
 * events on the profile's timeline, so exits, triggers and waits all listen the same way).
 */
export const SEGMENT_EXITED_EVENT = 'segment.exited';
export const SEGMENT_ENTERED_EVENT = 'segment.entered';
export const CONSENT_REVOKED_EVENT = 'consent.revoked';

export function compileExitCriterion(setting: ExitCriterionSetting): ExitCriterion {
  switch (setting.kind) {
    case 'event':
      return { event: setting.event, filters: setting.filters, reason: `event:${setting.event}` };
    case 'segment.exited':
      return {
        event: SEGMENT_EXITED_EVENT,
        filters: [{ path: 'segmentId', operator: 'equals', value: setting.segmentId }],
        reason: 'segment_exited',
      };
    case 'unsubscribed':
      return {
        event: CONSENT_REVOKED_EVENT,
        filters: setting.channel ? [{ path: 'channel', operator: 'equals', value: setting.channel }] : [],
        reason: 'unsubscribed',
      };
  }
}

export function compileEntryRules(entry: ScenarioSettings['entry']): EntryRules {
  return {
    reentry: entry.reentry,
    ...(entry.audienceSegmentId ? { audienceSegmentId: entry.audienceSegmentId } : {}),
    ...(entry.maxEntriesPerDay ? { maxEntriesPerDay: entry.maxEntriesPerDay } : {}),
  };
}
