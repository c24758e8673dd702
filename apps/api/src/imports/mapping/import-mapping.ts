import { type ConsentChannel, identityKindSchema } from '@parcours/domain';

export type ImportKind = 'profiles' | 'events';
export type ImportFormat = 'csv' | 'ndjson';

/** How a text cell becomes a JSON value; NDJSON values keep their own JSON type. */
export type Cast = 'string' | 'number' | 'boolean' | 'json';

/** Where one column's value goes. */
export type Target =
  | { to: 'identity'; kind: string }
  | { to: 'consent'; channel: ConsentChannel }
  | { to: 'trait' | 'property' | 'context'; path: string[]; cast: Cast }
  | { to: 'event' | 'timestamp' | 'message_id' | 'type' | 'ignore' };

/** Raised for a mapping or option that cannot work, before anything is read or written. */
export class ImportArgumentError extends Error {}

const CONSENT_CHANNELS: readonly ConsentChannel[] = ['email', 'sms', 'push'];
const CASTS: readonly Cast[] = ['string', 'number', 'boolean', 'json'];

/** Column names compared loosely: `userId`, `user_id`, `User ID` are one convention. */
const loose = (column: string) => column.toLowerCase().replace(/[\s_-]/g, '');

const IDENTITY_COLUMNS: Record<string, string> = {
  userid: 'user_id',
  anonymousid: 'anonymous_id',
  email: 'email',
  phone: 'phone',
};

/** Well-known traits as CRM exports usually spell them. */
const TRAIT_ALIASES: Record<string, string> = {
  firstname: 'firstName',
  lastname: 'lastName',
  birthday: 'birthday',
  timezone: 'timezone',
  locale: 'locale',
  country: 'country',
};

/** Segment envelope fields: a profile import of an `identify` export skips them unless mapped. */
const PROFILE_ENVELOPE = new Set(['type', 'messageid', 'timestamp', 'sentat', 'context', 'integrations']);

const EVENT_COLUMNS: Record<string, Target['to']> = {
  event: 'event',
  timestamp: 'timestamp',
  messageid: 'message_id',
  type: 'type',
};

function splitPath(path: string, what: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p.length === 0 || p.length > 100)) {
    throw new ImportArgumentError(`"${path}" is not a ${what} path (dot-separated names)`);
  }
  return parts;
}

/**
 * Parses one explicit target, as written after `=` in `--map column=target`:
 * `identity.<kind>`, `user_id`, `anonymous_id`, `email`, `phone`, `traits.<path>[:cast]`,
 * `consent.<channel>`, `event`, `timestamp`, `message_id`, `type`, `properties.<path>[:cast]`,
 * `context.<path>[:cast]`, or `ignore`.
 */
export function parseTarget(text: string, kind: ImportKind): Target {
  const [spec, castText, extra] = text.trim().split(':');
  if (extra !== undefined || (castText !== undefined && !CASTS.includes(castText as Cast))) {
    throw new ImportArgumentError(`"${text}": a cast is one of ${CASTS.join(', ')} (e.g. traits.age:number)`);
  }
  const cast = (castText ?? 'string') as Cast;
  const dot = spec.indexOf('.');
  const head = dot === -1 ? spec : spec.slice(0, dot);
  const rest = dot === -1 ? '' : spec.slice(dot + 1);
  const eventsOnly = (target: Target): Target => {
    if (kind !== 'events') throw new ImportArgumentError(`"${text}" is only for event imports`);
    return target;
  };
  if (castText !== undefined && !['traits', 'trait', 'properties', 'property', 'context'].includes(head)) {
    throw new ImportArgumentError(`"${text}": only traits, properties and context take a cast`);
  }
  switch (head) {
    case 'identity': {
      const parsed = identityKindSchema.safeParse(rest);
      if (!parsed.success) throw new ImportArgumentError(`"${text}": ${parsed.error.issues[0].message}`);
      return { to: 'identity', kind: rest };
    }
    case 'user_id':
    case 'anonymous_id':
    case 'email':
    case 'phone':
      if (rest) break;
      return { to: 'identity', kind: head };
    case 'trait':
    case 'traits':
      if (kind !== 'profiles') throw new ImportArgumentError(`"${text}": event imports do not change traits`);
      return { to: 'trait', path: splitPath(rest, 'trait'), cast };
    case 'consent':
    case 'consents':
      if (kind !== 'profiles') throw new ImportArgumentError(`"${text}" is only for profile imports`);
      if (!CONSENT_CHANNELS.includes(rest as ConsentChannel)) {
        throw new ImportArgumentError(`"${text}": consent channels are ${CONSENT_CHANNELS.join(', ')}`);
      }
      return { to: 'consent', channel: rest as ConsentChannel };
    case 'property':
    case 'properties':
      return eventsOnly({ to: 'property', path: splitPath(rest, 'property'), cast });
    case 'context':
      return eventsOnly({ to: 'context', path: splitPath(rest, 'context'), cast });
    case 'event':
    case 'timestamp':
    case 'message_id':
    case 'type':
      if (rest) break;
      return eventsOnly({ to: head });
    case 'ignore':
      if (rest) break;
      return { to: 'ignore' };
  }
  throw new ImportArgumentError(
    `Unknown target "${text}": use identity.<kind>, user_id, anonymous_id, email, phone, ` +
      (kind === 'profiles'
        ? 'traits.<path>[:cast], consent.<email|sms|push> or ignore'
        : 'event, timestamp, message_id, type, properties.<path>[:cast], context.<path>[:cast] or ignore'),
  );
}

/** `--map column=target` options into a column → target text record (stored with the job). */
export function parseMapOptions(options: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const option of options) {
    const eq = option.lastIndexOf('=');
    const column = option.slice(0, eq).trim();
    if (eq <= 0 || !column) throw new ImportArgumentError(`--map "${option}" is not column=target`);
    if (column in mapping) throw new ImportArgumentError(`Column "${column}" is mapped twice`);
    mapping[column] = option.slice(eq + 1).trim();
  }
  return mapping;
}

/** The conventional target of a column nobody mapped explicitly. */
export function conventionalTarget(column: string, kind: ImportKind): Target {
  const name = loose(column);
  const identity = IDENTITY_COLUMNS[name];
  if (identity) return { to: 'identity', kind: identity };
  const dot = column.indexOf('.');
  const prefix = dot === -1 ? '' : loose(column.slice(0, dot));
  const rest = column.slice(dot + 1);
  if (kind === 'profiles') {
    if (PROFILE_ENVELOPE.has(name) || PROFILE_ENVELOPE.has(prefix)) return { to: 'ignore' };
    const consent = /^consents?(email|sms|push)$/.exec(name.replace('.', ''));
    if (consent) return { to: 'consent', channel: consent[1] as ConsentChannel };
    if (prefix === 'traits' && rest) return { to: 'trait', path: splitPath(rest, 'trait'), cast: 'string' };
    const alias = TRAIT_ALIASES[name];
    if (alias) return { to: 'trait', path: [alias], cast: 'string' };
    return { to: 'trait', path: splitPath(column, 'trait'), cast: 'string' };
  }
  const field = EVENT_COLUMNS[name];
  if (field) return { to: field } as Target;
  if (prefix === 'properties' && rest) {
    return { to: 'property', path: splitPath(rest, 'property'), cast: 'string' };
  }
  if (prefix === 'context' && rest)
    return { to: 'context', path: splitPath(rest, 'context'), cast: 'string' };
  return { to: 'property', path: splitPath(column, 'property'), cast: 'string' };
}

/**
 * Column → target for one import: explicit `--map` entries first, conventions for the rest.
 * Resolutions are cached (NDJSON lines may each carry different keys).
 */
export class ImportMapping {
  private readonly explicit = new Map<string, Target>();
  private readonly cache = new Map<string, Target>();

  constructor(
    readonly kind: ImportKind,
    readonly options: Record<string, string>,
  ) {
    for (const [column, target] of Object.entries(options)) {
      this.explicit.set(column, parseTarget(target, kind));
    }
  }

  target(column: string): Target {
    let target = this.explicit.get(column) ?? this.cache.get(column);
    if (!target) {
      try {
        target = conventionalTarget(column, this.kind);
      } catch {
        target = { to: 'ignore' };
      }
      if (this.cache.size < 10_000) this.cache.set(column, target);
    }
    return target;
  }
}
