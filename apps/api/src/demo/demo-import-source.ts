import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type SourceDigest } from '../imports/sources/source-files';
import { type DemoCustomer, demoCustomers, type DemoOptions } from './demo-dataset';

export type DemoSourceKind = 'profiles' | 'events';

/** One profile as an NDJSON import line (user_id, email, phone, traits.*, consents.*). */
function profileLine(customer: DemoCustomer): string {
  return `${JSON.stringify({
    userId: customer.userId,
    ...(customer.email && { email: customer.email }),
    ...(customer.phone && { phone: customer.phone }),
    traits: customer.traits,
    consents: customer.consents,
  })}\n`;
}

/** The customer's events as NDJSON import lines (track calls with their own message ids). */
function eventLines(customer: DemoCustomer): string {
  let lines = '';
  for (const event of customer.events) {
    lines += `${JSON.stringify({
      userId: customer.userId,
      event: event.name,
      timestamp: event.timestamp,
      messageId: event.messageId,
      properties: event.properties,
    })}\n`;
  }
  return lines;
}

const LINES_OF: Record<DemoSourceKind, (customer: DemoCustomer) => string> = {
  profiles: profileLine,
  events: eventLines,
};

/** Lines gathered into chunks of about this size: fewer, larger writes into the import's parser. */
const CHUNK_CHARS = 64 * 1024;

function* chunks(options: DemoOptions, kind: DemoSourceKind): Generator<string> {
  const lines = LINES_OF[kind];
  let chunk = '';
  for (const customer of demoCustomers(options)) {
    chunk += lines(customer);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * The generated data set as an NDJSON import source, produced as the import reads it (back-pressure:
 * nothing is held but the chunk in flight), so a million customers never exist in memory at once.
 */
export function demoImportSource(options: DemoOptions, kind: DemoSourceKind): Readable {
  return Readable.from(chunks(options, kind), { objectMode: false, highWaterMark: 1 });
}

export interface DemoSourceDigest extends SourceDigest {
  /** Lines: one per profile, or one per event. */
  rows: number;
}

/**
 * What the import of a source needs before reading it (its identity for resuming is its SHA-256,
 * as for a file): both sources hashed in one pass over the generator.
 */
export function digestDemoSources(options: DemoOptions): Record<DemoSourceKind, DemoSourceDigest> {
  const hashes = { profiles: createHash('sha256'), events: createHash('sha256') };
  const digests = {
    profiles: { sha256: '', bytes: 0, rows: 0 },
    events: { sha256: '', bytes: 0, rows: 0 },
  };
  for (const customer of demoCustomers(options)) {
    for (const kind of ['profiles', 'events'] as const) {
      const text = LINES_OF[kind](customer);
      hashes[kind].update(text);
      digests[kind].bytes += Buffer.byteLength(text);
    }
    digests.profiles.rows += 1;
    digests.events.rows += customer.events.length;
  }
  for (const kind of ['profiles', 'events'] as const) digests[kind].sha256 = hashes[kind].digest('hex');
  return digests;
}
