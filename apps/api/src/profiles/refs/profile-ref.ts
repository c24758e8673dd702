import { e164PhoneSchema, emailSchema, identityKindSchema, normalizeIdentity } from '@parcours/domain';
import { z } from 'zod';
import { externalIdSchema } from '../dtos/profile.dto';

/**
 * How a route names a profile:
 * - `ann` — a userId (the default: anything without a colon);
 * - `kind:value` — any identity: `email:ann@example.test`, `anonymous_id:abc`, `crm_id:42`,
 *   `user_id:ann` (the way to name a userId that itself contains a colon);
 * - `id:<uuid>` — the profile's own id.
 */
export type ProfileRef =
  { by: 'id'; id: string; raw: string } | { by: 'identity'; kind: string; value: string; raw: string };

export const PROFILE_REF_DESCRIPTION =
  'A profile reference: the userId (default), `kind:value` for any identity (`email:ann@example.test`, ' +
  '`anonymous_id:abc`, `crm_id:42`; `user_id:<userId>` for a userId containing a colon), or `id:<uuid>`. ' +
  'A reference to a merged-away profile leads to its survivor; an erased profile is not found.';

const identityValue = (kind: string): z.ZodType<string, string> => {
  switch (kind) {
    case 'user_id':
      return externalIdSchema;
    case 'email':
      return emailSchema;
    case 'phone':
      return e164PhoneSchema;
    default:
      return z.string().trim().min(1, 'An identity value cannot be empty').max(320);
  }
};

/** Parses a reference, reporting what is wrong with it as zod issues (→ 400 with the field path). */
export const profileRefSchema = z
  .string()
  .max(400)
  .transform((raw, ctx): ProfileRef => {
    const colon = raw.indexOf(':');
    const [kind, value] = colon < 0 ? ['user_id', raw] : [raw.slice(0, colon), raw.slice(colon + 1)];
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (kind === 'id') {
      const id = z.uuid().safeParse(value);
      return id.success ? { by: 'id', id: id.data.toLowerCase(), raw } : fail('`id:` takes a profile uuid');
    }
    if (!identityKindSchema.safeParse(kind).success) {
      return fail(
        `Unknown reference form: '${kind.slice(0, 40)}' is not an identity kind (lowercase letters, digits and _, starting with a letter); use user_id:<value> for a userId containing a colon`,
      );
    }
    const parsed = identityValue(kind).safeParse(value);
    if (!parsed.success) return fail(`Invalid ${kind}: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
    return { by: 'identity', ...normalizeIdentity({ kind, value: parsed.data }), raw };
  });

/** Same, but a bare value is refused: `GET /profiles?identity=` names the identity kind explicitly. */
export const identityRefSchema = z
  .string()
  .max(400)
  .refine((raw) => raw.includes(':'), 'Expected kind:value, e.g. email:ann@example.test or user_id:ann')
  .pipe(profileRefSchema);
