import { type Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { type ImportFormat } from '../mapping/import-mapping';
import { type SourceRecord } from '../mapping/map-row';

/** A record (CSV) or line (NDJSON) larger than this is refused: it means broken quoting or no newlines. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Raised when the file itself cannot be read further (broken CSV quoting, bad header). */
export class ImportSourceError extends Error {}

export interface SourceProgress {
  /** Bytes of the source consumed so far (for a percentage when the size is known). */
  bytes: number;
}

/** Counts bytes flowing through, without holding any of them. */
class ByteCounter extends Transform {
  constructor(private readonly progress: SourceProgress) {
    super();
  }
  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback) {
    this.progress.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Streams the records of a CSV (header row first) or NDJSON source, one at a time with
 * back-pressure: only the parser's buffer is ever in memory, whatever the file's size.
 */
export function readRecords(
  source: Readable,
  format: ImportFormat,
  progress: SourceProgress = { bytes: 0 },
): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? csvRecords(source, progress) : ndjsonRecords(source, progress);
}

/** Newlines inside a record's quoted fields: the record spans that many more lines. */
function innerNewlines(record: string[]): number {
  let count = 0;
  for (const field of record) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}

async function* csvRecords(source: Readable, progress: SourceProgress): AsyncGenerator<SourceRecord> {
  // Line numbers are counted here rather than asked of the parser (its per-record info doubles
  // the parsing cost): blank lines come through as one empty field, quoted newlines are counted.
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  const records = pipeline(source, new ByteCounter(progress), parser, () => undefined);
  let header: string[] | undefined;
  let row = 0;
  let lastLine = 0;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      const line = lastLine + 1;
      lastLine = line + innerNewlines(record);
      if (record.length === 1 && record[0] === '') continue;
      if (!header) {
        header = checkHeader(record);
        continue;
      }
      row += 1;
      const cells: [string, unknown][] = [];
      for (let i = 0; i < header.length && i < record.length; i++) cells.push([header[i], record[i]]);
      const error =
        record.length === header.length
          ? undefined
          : `Expected ${header.length} fields as in the header, got ${record.length}`;
      yield { row, line, cells, error };
    }
  } catch (error) {
    const e = error as Error & { code?: string };
    if (e.code?.startsWith('CSV_')) throw new ImportSourceError(`Malformed CSV: ${e.message}`);
    throw error;
  } finally {
    records.destroy();
  }
  if (!header) throw new ImportSourceError('The CSV file is empty: a header row is expected');
}

function checkHeader(columns: string[]): string[] {
  const header = columns.map((c) => c.trim());
  const seen = new Set<string>();
  for (const column of header) {
    if (!column) throw new ImportSourceError('The CSV header has an empty column name');
    if (seen.has(column)) throw new ImportSourceError(`The CSV header repeats column "${column}"`);
    seen.add(column);
  }
  return header;
}

const NESTED_KEYS = new Set(['traits', 'properties', 'context', 'consents']);

/** A JSON object into cells: `traits`, `properties`, `context`, `consents` objects become dotted cells. */
function cellsOf(object: Record<string, unknown>): [string, unknown][] {
  const cells: [string, unknown][] = [];
  for (const [key, value] of Object.entries(object)) {
    if (NESTED_KEYS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value)) cells.push([`${key}.${sub}`, v]);
    } else {
      cells.push([key, value]);
    }
  }
  return cells;
}

function ndjsonRecord(text: string, row: number, line: number): SourceRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { row, line, cells: [], error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { row, line, cells: [], error: 'Each line must be a JSON object' };
  }
  return { row, line, cells: cellsOf(value as Record<string, unknown>) };
}

/** Lines split on byte 0x0A (never part of a multi-byte UTF-8 sequence); blank lines skipped. */
async function* ndjsonRecords(source: Readable, progress: SourceProgress): AsyncGenerator<SourceRecord> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  let row = 0;
  function* finish(last: Buffer): Generator<SourceRecord> {
    line += 1;
    if (tooLong) {
      row += 1;
      yield { row, line, cells: [], error: `Line longer than ${MAX_RECORD_BYTES} bytes` };
    } else {
      let text = (pending.length === 0 ? last : Buffer.concat([...pending, last])).toString('utf8');
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() !== '') {
        row += 1;
        yield ndjsonRecord(text, row, line);
      }
    }
    pending = [];
    pendingBytes = 0;
    tooLong = false;
  }
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    progress.bytes += buffer.length;
    let start = 0;
    for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
      const piece = buffer.subarray(start, nl);
      if (pendingBytes + piece.length > MAX_RECORD_BYTES) tooLong = true;
      yield* finish(piece);
      start = nl + 1;
    }
    const rest = buffer.subarray(start);
    pendingBytes += rest.length;
    if (pendingBytes > MAX_RECORD_BYTES) {
      tooLong = true;
      pending = [];
    } else if (rest.length > 0) {
      pending.push(Buffer.from(rest));
    }
  }
  if (pendingBytes > 0 || tooLong) yield* finish(Buffer.alloc(0));
}
