import type { DemoConsentStatus } from './demo-customer';
import type { SeededRandom } from './seeded-random';

const FIRST_NAMES = [
  'Léa', 'Emma', 'Chloé', 'Manon', 'Camille', 'Inès', 'Jade', 'Louise', 'Alice', 'Lina',
  'Zoé', 'Juliette', 'Sarah', 'Anna', 'Margaux', 'Clara', 'Rose', 'Élise', 'Nour', 'Mila',
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Nathan', 'Léo', 'Adam', 'Raphaël',
  'Tom', 'Théo', 'Noah', 'Paul', 'Maël', 'Sacha', 'Yanis', 'Victor', 'Antoine', 'Mathis',
] as const; // prettier-ignore

const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Peeters',
  'Janssens', 'Maes', 'Jacobs', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dumont', 'Lemaire',
] as const; // prettier-ignore

const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

export interface DemoPerson {
  firstName: string;
  lastName: string;
  country: 'FR' | 'BE';
  timezone: string;
  locale: string;
}

export function drawPerson(random: SeededRandom, belgianShare: number): DemoPerson {
  const belgian = random.chance(belgianShare);
  return {
    firstName: random.pick(FIRST_NAMES),
    lastName: random.pick(LAST_NAMES),
    country: belgian ? 'BE' : 'FR',
    timezone: belgian ? 'Europe/Brussels' : 'Europe/Paris',
    locale: belgian ? 'fr-BE' : 'fr-FR',
  };
}

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** On reserved example domains (no real mailbox), unique through `unique` (a customer's number). */
export function emailOf(random: SeededRandom, person: DemoPerson, unique: string): string {
  return `${ascii(person.firstName)}.${ascii(person.lastName)}.${unique}@${random.pick(MAIL_DOMAINS)}`;
}

/**
 * A valid mobile number of the customer's country, unique per number (up to 10 million) within
 * its series: loaded customers and the simulator's sign-ups use different prefixes, so a new
 * sign-up never shares a phone (an identity) with a loaded customer.
 */
export function phoneOf(person: DemoPerson, number: number, series: 'loaded' | 'simulated'): string {
  const digits = String(number % 10_000_000).padStart(7, '0');
  const prefix = { loaded: { FR: '+3361', BE: '+3247' }, simulated: { FR: '+3375', BE: '+3248' } }[series];
  return `${prefix[person.country]}${digits}`;
}

/** The customer's answer on one channel: granted, revoked, or never asked (`undefined`). */
export function drawConsent(
  random: SeededRandom,
  shares: { granted: number; revoked: number },
): DemoConsentStatus | undefined {
  const draw = random.next();
  if (draw < shares.granted) return 'granted';
  return draw < shares.granted + shares.revoked ? 'revoked' : undefined;
}
