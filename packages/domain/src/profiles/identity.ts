import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * How a profile is recognised. Built-in kinds come from the Segment spec (`userId`, `anonymousId`)
 * and from well-known traits (email, phone); any other lowercase kind is an external system's id
 * (e.g. `crm_id`, `loyalty_card`).
 */
export const identityKindSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'An identity kind is lowercase letters, digits and _, starting with a letter',
  );

export interface Identity {
  kind: string;
  value: string;
}

/** Kinds that name one real customer; two profiles holding different ones are never auto-merged. */
export const KNOWN_IDENTITY_KINDS: readonly string[] = ['user_id'];

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

/** A phone number in E.164 (`+33612345678`); national formats need a country to be understood. */
export const e164PhoneSchema = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const parsed = parsePhoneNumberFromString(raw.trim());
    if (!parsed?.isValid()) {
      ctx.addIssue({
        code: 'custom',
        message: 'Not a valid phone number in international format (E.164, e.g. +33612345678)',
      });
      return z.NEVER;
    }
    return parsed.number;
  });

/** The canonical form an identity is stored and looked up under. */
export function normalizeIdentity(identity: Identity): Identity {
  switch (identity.kind) {
    case 'email':
      return { kind: 'email', value: identity.value.trim().toLowerCase() };
    case 'phone': {
      const parsed = parsePhoneNumberFromString(identity.value.trim());
      return { kind: 'phone', value: parsed?.isValid() ? parsed.number : identity.value.trim() };
    }
    default:
      return { kind: identity.kind, value: identity.value.trim() };
  }
}
