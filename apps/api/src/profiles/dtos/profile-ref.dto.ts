import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { identityRefSchema, PROFILE_REF_DESCRIPTION, profileRefSchema } from '../refs/profile-ref';
import { eventCursorSchema } from '../usecases/list-profile-events/event-cursor';

const ref = profileRefSchema.describe(PROFILE_REF_DESCRIPTION);

export class ProfileRefParams extends createZodDto(z.object({ ref })) {}

export class FindProfileQuery extends createZodDto(
  z
    .object({
      identity: identityRefSchema.describe(
        'The identity to look up as `kind:value` (`email:ann@example.test`, `user_id:ann`, `crm_id:42`).',
      ),
    })
    .strict(),
) {}

export const MAX_EVENTS_PAGE = 200;

export class ProfileEventsQuery extends createZodDto(
  z
    .object({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_EVENTS_PAGE)
        .default(50)
        .describe(`Events per page, at most ${MAX_EVENTS_PAGE}.`),
      before: eventCursorSchema
        .optional()
        .describe("The previous page's `nextCursor`: the events strictly older than that page."),
    })
    .strict(),
) {}

const MERGE_REF =
  'A userId, `kind:value` or `id:<uuid>`; both must name distinct live profiles (a merged-away or erased one is a 409).';

export class MergeProfilesDto extends createZodDto(
  z
    .object({
      survivor: profileRefSchema.describe(`The profile that remains. ${MERGE_REF}`),
      merged: profileRefSchema.describe(
        `The profile folded into the survivor; it remains as a pointer to it. ${MERGE_REF}`,
      ),
    })
    .strict(),
) {}
