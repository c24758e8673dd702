import { pressureRulesSchema } from '@parcours/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ScenarioRuntimeParams extends createZodDto(z.object({ id: z.uuid() })) {}

export const MAX_ENTRIES_PER_CALL = 1000;

export class EnterProfilesDto extends createZodDto(
  z
    .object({
      profileIds: z
        .array(z.uuid({ error: 'Profile ids are UUIDs' }))
        .min(1)
        .max(MAX_ENTRIES_PER_CALL, { error: `At most ${MAX_ENTRIES_PER_CALL} profiles per call` }),
      /** Makes the call safe to retry: the same key never enters a customer twice. */
      idempotencyKey: z.string().min(1).max(200).optional(),
    })
    .strict(),
) {}

const entryOutcome = z.object({
  profileId: z.uuid(),
  entered: z.boolean(),
  journeyId: z.uuid().optional(),
  reason: z.string().optional().describe('Why the customer did not enter'),
});

export class EntriesResultDto extends createZodDto(z.object({ results: z.array(entryOutcome) })) {}

export class LifecycleResultDto extends createZodDto(
  z.object({
    status: z.enum(['live', 'paused', 'stopped']),
    exitedJourneys: z.number().int().describe('Journeys in flight ended by a stop'),
  }),
) {}

export class PressureRulesDto extends createZodDto(pressureRulesSchema) {}

export class StatsQueryDto extends createZodDto(
  z
    .object({
      version: z.coerce.number().int().min(1).max(1_000_000).optional(),
      from: z.iso.datetime({ offset: true, error: 'from is an ISO 8601 date-time' }).optional(),
      to: z.iso.datetime({ offset: true, error: 'to is an ISO 8601 date-time' }).optional(),
    })
    .strict()
    .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
      path: ['to'],
      error: 'to must be after from',
    }),
) {}

export class DryRunDto extends createZodDto(
  z
    .object({
      profileId: z.uuid({ error: 'profileId is a profile id (UUID)' }),
      version: z.int().min(1).max(1_000_000).optional(),
    })
    .strict(),
) {}

export class JourneyIdParams extends createZodDto(z.object({ id: z.uuid() })) {}
