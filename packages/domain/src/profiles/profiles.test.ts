import { e164PhoneSchema, emailSchema, identityKindSchema, normalizeIdentity } from './identity';
import { latestConsents, profileTraitsSchema } from './profile-traits';

describe('identities', () => {
  it.each([
    [
      { kind: 'email', value: '  Ann@Example.FR ' },
      { kind: 'email', value: 'ann@example.fr' },
    ],
    [
      { kind: 'phone', value: '+33 6 12 34 56 78' },
      { kind: 'phone', value: '+33612345678' },
    ],
    [
      { kind: 'user_id', value: ' 42 ' },
      { kind: 'user_id', value: '42' },
    ],
    [
      { kind: 'crm_id', value: 'ABC' },
      { kind: 'crm_id', value: 'ABC' },
    ],
  ])('normalises %j', (input, expected) => {
    expect(normalizeIdentity(input)).toEqual(expected);
  });

  it('accepts lowercase identity kinds only', () => {
    expect(identityKindSchema.safeParse('loyalty_card').success).toBe(true);
    for (const bad of ['Email', '1id', 'a-b', '', 'x'.repeat(41), '__proto__']) {
      expect(identityKindSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('trims and lower-cases emails before checking them', () => {
    expect(emailSchema.parse(' Noa@Example.TEST ')).toBe('noa@example.test');
    expect(emailSchema.safeParse('noa@').success).toBe(false);
  });

  it('parses phones into E.164 and refuses national or garbage formats', () => {
    expect(e164PhoneSchema.parse('+1 (415) 555-2671')).toBe('+14155552671');
    for (const bad of ['0612345678', '+33 6', 'call me', '+999999999999999']) {
      expect(e164PhoneSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('profile traits', () => {
  it('normalises well-known traits and keeps any other trait as JSON', () => {
    const traits = profileTraitsSchema.parse({
      email: 'Ann@Example.FR',
      phone: '+33612345678',
      country: 'fr',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
      birthday: '1990-04-12',
      pets: ['cat'],
      nps: 9,
    });
    expect(traits).toEqual({
      email: 'ann@example.fr',
      phone: '+33612345678',
      country: 'FR',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
      birthday: '1990-04-12',
      pets: ['cat'],
      nps: 9,
    });
  });

  it.each([
    ['email', 'not-an-email'],
    ['phone', '0612'],
    ['timezone', 'Mars/Olympus'],
    ['locale', 'not a locale!'],
    ['birthday', '12/04/1990'],
    ['country', 'France'],
  ])('refuses a malformed %s with its name in the path', (key, value) => {
    const result = profileTraitsSchema.safeParse({ [key]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([key]);
  });

  it('bounds the number and size of traits', () => {
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`t${i}`, i]));
    expect(profileTraitsSchema.safeParse(many).success).toBe(false);
    expect(profileTraitsSchema.safeParse({ blob: 'x'.repeat(40_000) }).success).toBe(false);
  });
});

describe('latestConsents', () => {
  it('keeps, per channel, the most recent decision whichever set it came from', () => {
    const older = { email: { status: 'granted' as const, at: '2026-01-01T00:00:00Z' } };
    const newer = {
      email: { status: 'revoked' as const, at: '2026-06-01T00:00:00Z' },
      sms: { status: 'granted' as const, at: '2025-01-01T00:00:00Z' },
    };
    expect(latestConsents(newer, older)).toEqual({ email: newer.email, sms: newer.sms });
    expect(latestConsents(older, newer)).toEqual({ email: newer.email, sms: newer.sms });
  });
});
