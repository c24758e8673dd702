import { z } from 'zod';
import { MAX_CALL_BYTES, MAX_JSON_DEPTH } from '../ingestion-limits';

export interface JsonProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

// A UTF-16 surrogate without its pair: valid in a JS string and in JSON text, refused by Postgres.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badString(s: string, allowNul: boolean): string | null {
  if (!allowNul && s.includes('\u0000')) return 'NUL characters (\\u0000) are not allowed';
  if (LONE_SURROGATE.test(s)) return 'Unpaired UTF-16 surrogates are not allowed';
  return null;
}

/**
 * The first thing in a parsed JSON value that Postgres or a recursive walk would choke on: nesting
 * deeper than `maxDepth`, a NUL character or an unpaired surrogate in a key or string, a
 * `__proto__` key, or (with `maxBytes`) a serialised size above it. The walk stops descending at
 * `maxDepth`, so a hostile 100 000-level value costs 32 frames of stack, not 100 000.
 */
export function inspectJson(
  value: unknown,
  {
    maxDepth = MAX_JSON_DEPTH,
    allowNul = false,
    maxBytes,
  }: { maxDepth?: number; allowNul?: boolean; maxBytes?: number } = {},
): JsonProblem | null {
  // An upper bound of the UTF-8 JSON size (6 bytes per UTF-16 unit covers \u escapes), so the
  // exact size is only computed for values that might be too big.
  let bound = 0;
  const walk = (current: unknown, depth: number): JsonProblem | null => {
    if (typeof current === 'string') {
      const problem = badString(current, allowNul);
      if (problem) return { path: [], code: 'invalid_string', message: problem };
      bound += 6 * current.length + 3;
      return null;
    }
    if (current === null || typeof current !== 'object') {
      bound += 25;
      return null;
    }
    if (depth >= maxDepth)
      return { path: [], code: 'too_deep', message: `JSON may nest at most ${maxDepth} levels` };
    bound += 2;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const problem = walk(current[i], depth + 1);
        if (problem) return { ...problem, path: [i, ...problem.path] };
      }
      return null;
    }
    for (const key in current) {
      if (!Object.hasOwn(current, key)) continue;
      const keyProblem = key === '__proto__' ? 'The key __proto__ is not allowed' : badString(key, allowNul);
      if (keyProblem) return { path: [key], code: 'invalid_key', message: keyProblem };
      bound += 6 * key.length + 4;
      const problem = walk((current as Record<string, unknown>)[key], depth + 1);
      if (problem) return { ...problem, path: [key, ...problem.path] };
    }
    return null;
  };
  const problem = walk(value, 0);
  if (problem) return problem;
  if (maxBytes !== undefined && bound > maxBytes && jsonBytes(value) > maxBytes) {
    return { path: [], code: 'too_big', message: `Must serialise to at most ${maxBytes / 1024} KiB` };
  }
  return null;
}

/** UTF-8 size of a value's JSON; call only on values `inspectJson` accepted. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * A free JSON object (event properties, context, group traits): safe to store and bounded, every
 * problem reported at its own path.
 */
export function jsonObjectSchema({
  maxKeys,
  maxBytes = MAX_CALL_BYTES,
}: { maxKeys?: number; maxBytes?: number } = {}) {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = inspectJson(value, { maxBytes });
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        path: problem.path,
        message: problem.message,
        params: { reason: problem.code },
      });
    }
    if (maxKeys !== undefined && Object.keys(value).length > maxKeys) {
      ctx.addIssue({ code: 'custom', message: `At most ${maxKeys} keys` });
    }
  });
}
