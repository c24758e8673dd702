import { Readable } from 'node:stream';
import { type SourceRecord } from '../mapping/map-row';
import { ImportSourceError, MAX_RECORD_BYTES, readRecords } from './read-records';

async function read(chunks: (string | Buffer)[], format: 'csv' | 'ndjson'): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of readRecords(Readable.from(chunks, { objectMode: false }), format)) {
    records.push(record);
  }
  return records;
}

describe('reading records from a stream', () => {
  it('reads CSV: header, BOM, quotes, a multi-line field (its first line reported), CRLF, blank lines, wrong field counts', async () => {
    const csv = '\uFEFFid,name\r\n1,"Ann ""A"", Jr"\r\n\r\n2,"two\nlines"\r\n3\r\n4,x,extra\r\n';
    const records = await read([csv.slice(0, 10), csv.slice(10)], 'csv');
    expect(records).toEqual([
      {
        row: 1,
        line: 2,
        cells: [
          ['id', '1'],
          ['name', 'Ann "A", Jr'],
        ],
        error: undefined,
      },
      {
        row: 2,
        line: 4,
        cells: [
          ['id', '2'],
          ['name', 'two\nlines'],
        ],
        error: undefined,
      },
      { row: 3, line: 6, cells: [['id', '3']], error: 'Expected 2 fields as in the header, got 1' },
      {
        row: 4,
        line: 7,
        cells: [
          ['id', '4'],
          ['name', 'x'],
        ],
        error: 'Expected 2 fields as in the header, got 3',
      },
    ]);
  });

  it('refuses a CSV without a header, with a repeated column, or with broken quoting', async () => {
    await expect(read([''], 'csv')).rejects.toThrow(/empty: a header row is expected/);
    await expect(read(['a,b,a\n1,2,3\n'], 'csv')).rejects.toThrow(/repeats column "a"/);
    await expect(read(['a,b\n1,"open\n'], 'csv')).rejects.toThrow(ImportSourceError);
  });

  it('reads NDJSON line by line, whatever the chunk boundaries, multi-byte characters included', async () => {
    const text = '{"a":"é"}\n\n  \n[1]\n{"traits":{"x":1},"b":2}\n{bad\n{"last":true}';
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(await read(chunks, 'ndjson')).toEqual([
      { row: 1, line: 1, cells: [['a', 'é']] },
      { row: 2, line: 4, cells: [], error: 'Each line must be a JSON object' },
      {
        row: 3,
        line: 5,
        cells: [
          ['traits.x', 1],
          ['b', 2],
        ],
      },
      { row: 4, line: 6, cells: [], error: expect.stringMatching(/^Not valid JSON/) },
      { row: 5, line: 7, cells: [['last', true]] },
    ]);
  });

  it('refuses an NDJSON line longer than the limit without holding it', async () => {
    const long = `{"a":"${'x'.repeat(MAX_RECORD_BYTES)}"}`;
    const records = await read([long.slice(0, 500_000), long.slice(500_000), '\n{"b":1}\n'], 'ndjson');
    expect(records).toEqual([
      { row: 1, line: 1, cells: [], error: `Line longer than ${MAX_RECORD_BYTES} bytes` },
      { row: 2, line: 2, cells: [['b', 1]] },
    ]);
  });
});
