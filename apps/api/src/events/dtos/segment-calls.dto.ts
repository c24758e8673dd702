import { MAX_TRAITS, profileTraitsSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isStorableTime, MAX_BATCH_CALLS } from '../ingestion-limits';
import { jsonObjectSchema } from './json-object';

/**
 * Segment's call shapes (https://segment.com/docs/connections/spec/), one schema per call type.
 * Fields Parcours does not use (`integrations`, `channel`, `_metadata`, `writeKey`, …) are accepted
 * and ignored, as Segment does; `null` counts as absent, since browser SDKs send `userId: null`.
 */

/**
 * Absent, `null` or a value; whoever reads the call takes `null` as absent. (Not a transform to
 * `undefined`: a pipe per field costs more than the rest of a call's validation.)
 */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const segmentId = z.string().trim().min(1).max(200);
/** ISO 8601 with a zone, within the years 0001–9999 that Postgres and `toISOString` agree on. */
const isoTime = z.iso.datetime({ offset: true }).refine((t) => {
  const ms = Date.parse(t);
  return Number.isNaN(ms) /* already refused as a format */ || isStorableTime(ms);
}, 'Must fall between the years 0001 and 9999 (UTC)');
const sentAt = optional(isoTime).meta({
  description:
    'When the client sent it; corrects client clock skew: occurred = timestamp + (received − sentAt)',
});

/**
 * Free JSON objects (properties, context, traits), bounded in keys. A single call inspects them
 * (`jsonObjectSchema`); a batch inspects each call whole before parsing it, so its item schemas
 * skip that second walk, and check only that they are objects (without copying them key by key),
 * which matters at tens of thousands of calls a second.
 */
interface JsonObjects {
  /** A free JSON object of at most `maxKeys` keys. */
  object(maxKeys?: number): z.ZodType<Record<string, unknown>>;
  /** A call's free `context` object, whose `traits` (if any) must be these. */
  context<T extends z.ZodType>(traits: T): z.ZodType<Record<string, unknown> & { traits?: z.output<T> }>;
}
const inspectedJson: JsonObjects = {
  object: (maxKeys) => jsonObjectSchema({ maxKeys }),
  context: (traits) => jsonObjectSchema().pipe(z.looseObject({ traits })),
};
const preInspectedJson: JsonObjects = {
  object: (maxKeys) =>
    z
      .looseObject({})
      .refine((o) => maxKeys === undefined || Object.keys(o).length <= maxKeys, `At most ${maxKeys} keys`),
  context: (traits) => z.looseObject({ traits }),
};

/** Who a call is about, as every Segment call names them (with `requireUserOrAnonymousId`). */
export const callerFields = {
  userId: optional(segmentId).meta({
    description: 'Your id for the user; this or anonymousId is required',
  }),
  anonymousId: optional(segmentId).meta({
    description: 'A device or visitor id, before the user is known',
  }),
};

export function requireUserOrAnonymousId(call: unknown, ctx: z.RefinementCtx): void {
  const { userId, anonymousId } = call as { userId?: string | null; anonymousId?: string | null };
  if (!userId && !anonymousId) {
    ctx.addIssue({ code: 'custom', path: ['userId'], message: 'userId or anonymousId is required' });
  }
}

/** The fields of each call type, its JSON objects made by `json`. */
function callShapes(json: JsonObjects) {
  /** Traits as the profile understands them, once the value is known to be safe JSON. */
  const traits = json.object(MAX_TRAITS).pipe(profileTraitsSchema);
  const context = json.context(
    optional(traits).meta({ description: "The user's traits; applied to the profile like an identify's" }),
  );
  const common = {
    ...callerFields,
    context: optional(context).meta({ description: 'Stored with the event as sent' }),
    timestamp: optional(isoTime).meta({ description: 'When it happened, by the client clock' }),
    originalTimestamp: optional(isoTime).meta({ description: 'Used when timestamp is absent' }),
    sentAt,
    messageId: optional(z.string().trim().min(1).max(200)).meta({
      description:
        'De-duplication key: a call whose messageId was already received stores and changes nothing',
    }),
  };
  const properties = optional(json.object(200));
  const screenOrPage = {
    ...common,
    name: optional(z.string().trim().min(1).max(200)).meta({ description: "Stored as the event's name" }),
    category: optional(z.string().trim().min(1).max(200)).meta({
      description: 'Stored in properties.category',
    }),
    properties,
  };
  return {
    identify: { ...common, traits: optional(traits) },
    track: { ...common, event: z.string().trim().min(1).max(200), properties },
    page: screenOrPage,
    screen: screenOrPage,
    group: {
      ...common,
      groupId: segmentId,
      traits: optional(json.object(200)).meta({ description: "The group's traits" }),
    },
    // Alias needs the new userId; anonymousId plays no part, so the "either id" rule is userId's own.
    alias: {
      ...common,
      userId: segmentId.meta({ description: 'The id the user is known by from now on' }),
      previousId: segmentId.meta({ description: 'The id (user or anonymous) the user was known by' }),
    },
  };
}

/** A call on its own endpoint: `type` optional (the path says it), JSON inspected. */
const single = <K extends string, S extends z.ZodRawShape>(type: K, shape: S) =>
  z.object({ type: z.literal(type).optional(), ...shape });
/** A call inside a batch: `type` required, JSON inspected beforehand. */
const item = <K extends string, S extends z.ZodRawShape>(type: K, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

const singleShapes = callShapes(inspectedJson);
export const singleCallSchemas = {
  identify: single('identify', singleShapes.identify).superRefine(requireUserOrAnonymousId),
  track: single('track', singleShapes.track).superRefine(requireUserOrAnonymousId),
  page: single('page', singleShapes.page).superRefine(requireUserOrAnonymousId),
  screen: single('screen', singleShapes.screen).superRefine(requireUserOrAnonymousId),
  group: single('group', singleShapes.group).superRefine(requireUserOrAnonymousId),
  alias: single('alias', singleShapes.alias),
};
const itemShapes = callShapes(preInspectedJson);
export const batchCallSchemas = {
  identify: item('identify', itemShapes.identify).superRefine(requireUserOrAnonymousId),
  track: item('track', itemShapes.track).superRefine(requireUserOrAnonymousId),
  page: item('page', itemShapes.page).superRefine(requireUserOrAnonymousId),
  screen: item('screen', itemShapes.screen).superRefine(requireUserOrAnonymousId),
  group: item('group', itemShapes.group).superRefine(requireUserOrAnonymousId),
  alias: item('alias', itemShapes.alias),
};
export type CallType = keyof typeof batchCallSchemas;
export const CALL_TYPES = Object.keys(batchCallSchemas) as CallType[];

/** A call inside a batch, told apart by its `type` (the batch parser picks the schema by `type` itself). */
export const batchItemSchema = z.discriminatedUnion('type', [
  batchCallSchemas.identify,
  batchCallSchemas.track,
  batchCallSchemas.page,
  batchCallSchemas.screen,
  batchCallSchemas.group,
  batchCallSchemas.alias,
]);
export type BatchItem = z.output<typeof batchItemSchema>;

/** The batch envelope; its items are validated one by one so one bad call does not sink the rest. */
export const batchEnvelopeSchema = z.object({
  batch: z.array(z.unknown()).min(1).max(MAX_BATCH_CALLS),
  sentAt,
  context: optional(jsonObjectSchema()).meta({
    description: "Merged into each call's context (the call wins)",
  }),
});

export class IdentifyDto extends createZodDto(singleCallSchemas.identify) {}
export class TrackDto extends createZodDto(singleCallSchemas.track) {}
export class PageDto extends createZodDto(singleCallSchemas.page) {}
export class ScreenDto extends createZodDto(singleCallSchemas.screen) {}
export class GroupDto extends createZodDto(singleCallSchemas.group) {}
export class AliasDto extends createZodDto(singleCallSchemas.alias) {}
/** For the OpenAPI document only: the controller validates items one by one. */
export class BatchDto extends createZodDto(
  batchEnvelopeSchema.extend({ batch: z.array(batchItemSchema).min(1).max(MAX_BATCH_CALLS) }),
) {}

const fieldError = z.object({ path: z.string(), code: z.string(), message: z.string() });

export class SuccessDto extends createZodDto(z.object({ success: z.literal(true) })) {}
export class BatchResultDto extends createZodDto(
  z.object({
    success: z.boolean().meta({ description: 'false (with status 400) when no call in the batch was valid' }),
    accepted: z
      .number()
      .int()
      .meta({ description: 'Valid calls, stored (or already stored: same messageId)' }),
    errors: z.array(z.object({ index: z.number().int(), errors: z.array(fieldError) })),
  }),
) {}
