import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const at = z.string().datetime();
const json = z.record(z.string(), z.unknown());
const consent = z.object({ status: z.enum(['granted', 'revoked']), source: z.string().optional(), at });
const mergedFrom = z
  .string()
  .uuid()
  .nullable()
  .describe(
    'Set when the reference named a merged-away profile (by `id:`, or by an identity that came in a merge): its id. The profile returned is its survivor.',
  );

const summary = z.object({
  id: z.string().uuid(),
  userId: z.string().nullable().describe('null for an anonymous profile'),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  traits: json,
  consents: z.record(z.string(), consent).describe('The current decision per channel (email, sms, push).'),
  createdAt: at,
  updatedAt: at,
});

export class ProfileLookupDto extends createZodDto(summary.extend({ mergedFrom })) {}

const journey = z.object({
  id: z.string().uuid(),
  scenarioId: z.string().uuid(),
  scenarioName: z.string(),
  version: z.number().int(),
  status: z.enum(['pending', 'running', 'completed', 'failed', 'exited']),
  exitReason: z.string().nullable().describe('Why an exited journey ended early: `merged`, `erased`, …'),
  currentStep: z
    .object({ nodeId: z.string(), nodeType: z.string().nullable(), label: z.string().nullable() })
    .nullable()
    .describe('The node the journey is on (active) or ended on.'),
  enteredAt: at,
  endedAt: at.nullable(),
});

const message = z.object({
  id: z.string().uuid(),
  journeyId: z.string().uuid(),
  scenarioId: z.string().uuid().nullable(),
  channel: z.enum(['email', 'sms', 'push']),
  nodeId: z.string(),
  status: z.enum(['sending', 'sent', 'failed', 'skipped']),
  recipient: z.string().nullable(),
  reason: z.string().nullable().describe('Why it was skipped or failed (`no_email_consent`, …).'),
  at,
});

const identity = z.object({
  kind: z.string(),
  value: z.string(),
  since: at,
  mergedFrom: z.string().uuid().nullable().describe('The profile it belonged to before a merge.'),
});

const consentHistoryEntry = z.object({
  channel: z.enum(['email', 'sms', 'push']),
  status: z.enum(['granted', 'revoked']),
  source: z.string().nullable(),
  at,
  recordedAt: at,
});

const pushSubscription = z.object({
  endpoint: z.string().describe('The push service URL of a browser that subscribed to Web Push.'),
  expiresAt: at.nullable().describe('When the push service drops it, if it said.'),
  userAgent: z.string().nullable().describe('The browser that registered it last.'),
  createdAt: at,
  lastSeenAt: at.describe('When it was last registered.'),
});

const merge = z.object({
  mergedId: z.string().uuid(),
  reason: z.enum(['identify', 'alias', 'api']),
  at,
  moved: z.record(z.string(), z.number()).describe('How many rows of each kind moved to this profile.'),
});

export class Profile360Dto extends createZodDto(
  summary.extend({
    mergedFrom,
    computedTraits: json.describe('Filled by segment computation.'),
    identities: z.array(identity),
    consentHistory: z.array(consentHistoryEntry).describe('The 50 most recent consent decisions.'),
    segments: z
      .array(
        z.object({
          id: z.string().uuid(),
          name: z.string(),
          segmentVersion: z.number().int().describe('The rule version it entered (or was built) under.'),
          enteredAt: at,
        }),
      )
      .describe('The segments the profile is a member of now, by name.'),
    journeys: z
      .array(journey)
      .describe('Every active journey, then the 50 most recent ended ones, newest first.'),
    messages: z.array(message).describe('The 50 most recent message-ledger rows, newest first.'),
    pushSubscriptions: z
      .array(pushSubscription)
      .describe("Web Push subscriptions of the person's browsers, most recently registered first."),
    merges: z.array(merge).describe('The 50 most recent merges into this profile.'),
  }),
) {}

const event = z.object({
  id: z.string().uuid(),
  type: z.enum(['track', 'page', 'screen', 'identify', 'group', 'alias']),
  name: z.string(),
  properties: json,
  context: json.nullable(),
  messageId: z.string().nullable(),
  occurredAt: at,
  receivedAt: at,
});

export class ProfileEventsPageDto extends createZodDto(
  z.object({
    events: z.array(event).describe('Newest first (by occurredAt, then id).'),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `before` for the next (older) page; null on the last page.'),
  }),
) {}

export class MergeOutcomeDto extends createZodDto(
  z.object({
    survivorId: z.string().uuid(),
    mergedId: z.string().uuid(),
    moved: z.object({
      identities: z.number().int(),
      events: z.number().int(),
      journeys: z.number().int(),
      messages: z.number().int(),
      consentRecords: z.number().int(),
      pushSubscriptions: z.number().int(),
    }),
    exitedJourneys: z
      .array(z.string().uuid())
      .describe(
        'Journeys of the merged profile in a scenario the survivor was already in: ended, not run twice.',
      ),
  }),
) {}

export class ProfileExportDto extends createZodDto(
  z.object({
    format: z.literal('parcours.profile-export/1'),
    exportedAt: at,
    profile: summary.extend({
      computedTraits: json,
      mergedProfileIds: z.array(z.string().uuid()).describe('Profiles merged into this one (now pointers).'),
    }),
    identities: z.array(identity),
    consentHistory: z.array(consentHistoryEntry).describe('Every consent decision, newest first.'),
    journeys: z.array(
      journey.extend({
        steps: z.array(
          z.object({
            index: z.number().int(),
            nodeId: z.string(),
            nodeType: z.string(),
            outcome: z.string().nullable(),
            at,
          }),
        ),
      }),
    ),
    messages: z.array(
      message.extend({ providerMessageId: z.string().nullable(), attempts: z.number().int(), updatedAt: at }),
    ),
    pushSubscriptions: z.array(
      pushSubscription.extend({
        keys: z.object({ p256dh: z.string(), auth: z.string() }).describe('As the browser gave them.'),
      }),
    ),
    merges: z.array(merge),
    events: z.array(event).describe('Every event, newest first; streamed in pages, last in the document.'),
  }),
) {}
