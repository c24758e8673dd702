import { z } from 'zod';
import { e164PhoneSchema, emailSchema } from './identity';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const isLocale = (locale: string) => {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
};

/**
 * Traits every profile understands, typed and normalised on the way in; any other trait is kept
 * as JSON. Unknown traits never fail; a malformed well-known one does, with its name.
 */
export const wellKnownTraitsSchema = z.object({
  email: emailSchema.optional(),
  phone: e164PhoneSchema.optional(),
  firstName: z.string().trim().max(200).optional(),
  lastName: z.string().trim().max(200).optional(),
  locale: z.string().refine(isLocale, 'Not a BCP 47 locale (e.g. fr-FR)').optional(),
  timezone: z.string().refine(isTimeZone, 'Not an IANA time zone (e.g. Europe/Paris)').optional(),
  birthday: z.iso.date().optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'Not an ISO 3166-1 alpha-2 country code (e.g. FR)')
    .transform((c) => c.toUpperCase())
    .optional(),
  address: z
    .object({
      street: z.string().max(500).optional(),
      city: z.string().max(200).optional(),
      postalCode: z.string().max(40).optional(),
      state: z.string().max(200).optional(),
      country: z.string().max(100).optional(),
    })
    .optional(),
});

export const MAX_TRAITS = 200;
export const MAX_TRAITS_BYTES = 32_768;

/** Traits as sent by a client: well-known ones validated, the rest bounded but free. */
export const profileTraitsSchema = wellKnownTraitsSchema
  .catchall(z.unknown())
  .refine((t) => Object.keys(t).length <= MAX_TRAITS, `At most ${MAX_TRAITS} traits`)
  .refine((t) => JSON.stringify(t).length <= MAX_TRAITS_BYTES, `Traits must serialise to at most 32 KiB`);

export type ProfileTraits = z.output<typeof profileTraitsSchema>;

export const consentChannelSchema = z.enum(['email', 'sms', 'push']);
export type ConsentChannel = z.infer<typeof consentChannelSchema>;

export interface ConsentRecord {
  status: 'granted' | 'revoked';
  source?: string;
  at: string;
}

/** Per channel, the most recent decision wins — whichever profile or source it came from. */
export function latestConsents(
  ...sets: Partial<Record<ConsentChannel, ConsentRecord>>[]
): Partial<Record<ConsentChannel, ConsentRecord>> {
  const result: Partial<Record<ConsentChannel, ConsentRecord>> = {};
  for (const set of sets) {
    for (const [channel, record] of Object.entries(set) as [ConsentChannel, ConsentRecord][]) {
      const current = result[channel];
      if (!current || Date.parse(record.at) >= Date.parse(current.at)) result[channel] = record;
    }
  }
  return result;
}
