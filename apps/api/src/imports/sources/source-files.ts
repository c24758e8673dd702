import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SourceDigest {
  sha256: string;
  bytes: number;
}

/** The file's SHA-256 (its identity for resuming and for derived message ids), streamed. */
export async function digestFile(path: string): Promise<SourceDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Raised when an upload is larger than allowed. */
export class SourceTooLargeError extends Error {}

export interface SpooledSource extends SourceDigest {
  path: string;
  remove(): Promise<void>;
}

/**
 * Writes an upload to a temporary file while hashing it: the import needs the hash before its
 * first row (to find an earlier job of the same file) and reads the file once more afterwards.
 */
export async function spoolToTempFile(body: Readable, maxBytes: number): Promise<SpooledSource> {
  const path = join(tmpdir(), `parcours-import-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new SourceTooLargeError(`The upload exceeds ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const remove = () => unlink(path).catch(() => undefined);
  try {
    await pipeline(body, meter, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, sha256: hash.digest('hex'), bytes, remove };
}
