import {
  type ConsentChannel,
  e164PhoneSchema,
  emailSchema,
  type Identity,
  normalizeIdentity,
  profileTraitsSchema,
} from '@parcours/domain';
import { z } from 'zod';
import { type FieldError, fieldErrors } from '../../http/validation';
import { type Cast, type ImportMapping, type Target } from './import-mapping';

/** One record of the source: its position and its cells, in file order. */
export interface SourceRecord {
  /** 1-based ordinal of the data record (the CSV header is not a row): the unit of resumption. */
  row: number;
  /** Line of the file where the record starts, for people reading the report. */
  line: number;
  cells: [column: string, value: unknown][];
  /** Set when the record is unusable as such (bad JSON, wrong field count). */
  error?: string;
}

export type ConsentStatus = 'granted' | 'revoked';

export interface ProfileRow {
  row: number;
  identities: Identity[];
  traits: Record<string, unknown>;
  consents: Partial<Record<ConsentChannel, ConsentStatus>>;
}

export interface EventRow {
  row: number;
  identities: Identity[];
  type: 'track' | 'page' | 'screen';
  name: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown> | null;
  messageId: string;
  timestamp: string | null;
}

export interface RowError {
  row: number;
  line: number;
  errors: FieldError[];
}

export const MAX_IDENTITY_LENGTH = 320;
export const MAX_USER_ID_LENGTH = 200;
const MAX_JSON_BYTES = 32_768;

const eventNameSchema = z.string().trim().min(1).max(200);
const eventTypeSchema = z.enum(['track', 'page', 'screen']);
const timestampSchema = z.iso.datetime({ offset: true });
const messageIdSchema = z.string().trim().min(1).max(200);

class Problems {
  readonly list: FieldError[] = [];
  add(path: string, code: string, message: string) {
    this.list.push({ path, code, message });
  }
}

function cast(value: unknown, to: Cast, column: string, problems: Problems): unknown {
  if (typeof value !== 'string' || to === 'string') return value;
  switch (to) {
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) problems.add(column, 'invalid_type', 'Not a number');
      return n;
    }
    case 'boolean': {
      const v = value.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(v)) return true;
      if (['false', '0', 'no'].includes(v)) return false;
      problems.add(column, 'invalid_type', 'Not a boolean (true/false, 1/0, yes/no)');
      return undefined;
    }
    case 'json':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        problems.add(column, 'invalid_type', 'Not valid JSON');
        return undefined;
      }
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

function identityValue(kind: string, raw: unknown, column: string, problems: Problems): Identity | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    problems.add(column, 'invalid_type', `An identity (${kind}) is a string`);
    return undefined;
  }
  const text = String(raw).trim();
  if (kind === 'email') {
    const parsed = emailSchema.safeParse(text);
    if (!parsed.success) return void problems.add(column, 'invalid_format', 'Not a valid email address');
    return { kind, value: parsed.data };
  }
  if (kind === 'phone') {
    const parsed = e164PhoneSchema.safeParse(text);
    if (!parsed.success) return void problems.add(column, 'invalid_format', parsed.error.issues[0].message);
    return { kind, value: parsed.data };
  }
  const max = kind === 'user_id' ? MAX_USER_ID_LENGTH : MAX_IDENTITY_LENGTH;
  if (text.length > max) return void problems.add(column, 'too_big', `At most ${max} characters`);
  return normalizeIdentity({ kind, value: text });
}

function addIdentity(identities: Identity[], identity: Identity, column: string, problems: Problems) {
  const same = identities.find((i) => i.kind === identity.kind);
  if (!same) identities.push(identity);
  else if (same.value !== identity.value) {
    problems.add(column, 'conflict', `Two different ${identity.kind} values in one row`);
  }
}

function bounded(what: string, value: Record<string, unknown>, problems: Problems) {
  if (Object.keys(value).length > 200) problems.add(what, 'too_big', `At most 200 ${what} keys`);
  else if (JSON.stringify(value).length > MAX_JSON_BYTES) {
    problems.add(what, 'too_big', `${what} must serialise to at most 32 KiB`);
  }
}

/** A record that is not data at all (bad JSON, misaligned fields): that is its only error. */
function unusable(record: SourceRecord): RowError {
  return {
    row: record.row,
    line: record.line,
    errors: [{ path: '', code: 'invalid_record', message: record.error! }],
  };
}

/**
 * Walks a record's non-blank cells (text trimmed): identities are collected (validated and
 * normalised) here, every other target is handed to `onValue`.
 */
function visitCells(
  record: SourceRecord,
  mapping: ImportMapping,
  problems: Problems,
  onValue: (target: Exclude<Target, { to: 'identity' }>, value: unknown, column: string) => void,
): Identity[] {
  const identities: Identity[] = [];
  for (const [column, raw] of record.cells) {
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (isBlank(value)) continue;
    const target = mapping.target(column);
    if (target.to !== 'identity') {
      onValue(target, value, column);
      continue;
    }
    const identity = identityValue(target.kind, value, column, problems);
    if (identity) addIdentity(identities, identity, column, problems);
  }
  return identities;
}

/** Turns a record into a profile change, or says everything wrong with it at once. */
export function mapProfileRow(record: SourceRecord, mapping: ImportMapping): ProfileRow | RowError {
  if (record.error) return unusable(record);
  const problems = new Problems();
  const traits: Record<string, unknown> = {};
  const consents: ProfileRow['consents'] = {};
  const identities = visitCells(record, mapping, problems, (target, value, column) => {
    if (target.to === 'trait') {
      setPath(traits, target.path, cast(value, target.cast, column, problems));
    } else if (target.to === 'consent') {
      const status = typeof value === 'object' ? (value as { status?: unknown }).status : value;
      const text = typeof status === 'string' ? status.trim().toLowerCase() : status;
      if (text === 'granted' || text === 'revoked') consents[target.channel] = text;
      else problems.add(column, 'invalid_value', 'A consent is "granted" or "revoked"');
    }
  });
  // As with the API: an email or phone is both a trait and a way to find the profile.
  for (const kind of ['email', 'phone'] as const) {
    const identity = identities.find((i) => i.kind === kind);
    if (identity && traits[kind] === undefined) traits[kind] = identity.value;
    else if (!identity && typeof traits[kind] === 'string') {
      const fromTrait = identityValue(kind, traits[kind], `traits.${kind}`, problems);
      if (fromTrait) identities.push(fromTrait);
    }
  }
  const parsed = profileTraitsSchema.safeParse(traits);
  if (!parsed.success) {
    for (const e of fieldErrors(parsed.error)) problems.add(`traits.${e.path}`, e.code, e.message);
  }
  if (identities.length === 0) {
    problems.add(
      '',
      'missing_identity',
      'No identity: give user_id, anonymous_id, email, phone or identity.*',
    );
  }
  if (problems.list.length > 0 || !parsed.success) {
    return { row: record.row, line: record.line, errors: problems.list };
  }
  return { row: record.row, identities, traits: parsed.data, consents };
}

/** Turns a record into an event (with its profile's identities), or says what is wrong with it. */
export function mapEventRow(
  record: SourceRecord,
  mapping: ImportMapping,
  defaultMessageId: (row: number) => string,
): EventRow | RowError {
  if (record.error) return unusable(record);
  const problems = new Problems();
  const properties: Record<string, unknown> = {};
  let context: Record<string, unknown> | null = null;
  let name: unknown;
  let type: unknown = 'track';
  let messageId: unknown;
  let timestamp: unknown;
  const identities = visitCells(record, mapping, problems, (target, value, column) => {
    switch (target.to) {
      case 'property':
        setPath(properties, target.path, cast(value, target.cast, column, problems));
        break;
      case 'context':
        setPath((context ??= {}), target.path, cast(value, target.cast, column, problems));
        break;
      case 'event':
        name = value;
        break;
      case 'type':
        type = typeof value === 'string' ? value.toLowerCase() : value;
        break;
      case 'message_id':
        messageId = typeof value === 'number' ? String(value) : value;
        break;
      case 'timestamp':
        timestamp = value;
        break;
    }
  });
  const check = <T>(schema: z.ZodType<T>, value: unknown, path: string): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    problems.add(path, parsed.error.issues[0].code, parsed.error.issues[0].message);
    return undefined;
  };
  const eventName = check(eventNameSchema, name, 'event');
  const eventType = check(eventTypeSchema, type, 'type');
  const at = timestamp === undefined ? null : check(timestampSchema, timestamp, 'timestamp');
  const id =
    messageId === undefined ? defaultMessageId(record.row) : check(messageIdSchema, messageId, 'message_id');
  bounded('properties', properties, problems);
  if (context) bounded('context', context, problems);
  if (identities.length === 0) {
    problems.add(
      '',
      'missing_identity',
      'No identity: give user_id, anonymous_id, email, phone or identity.*',
    );
  }
  if (problems.list.length > 0) return { row: record.row, line: record.line, errors: problems.list };
  return {
    row: record.row,
    identities,
    type: eventType!,
    name: eventName!,
    properties,
    context,
    messageId: id!,
    timestamp: at ?? null,
  };
}

export const isRowError = (row: ProfileRow | EventRow | RowError): row is RowError => 'errors' in row;
