/**
 * Segment's limits, so a client built for Segment never meets a surprise here: a single call is at
 * most 32 KiB, a batch request at most 500 KiB and 2 500 calls, each call in it at most 32 KiB.
 */
export const MAX_CALL_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
export const MAX_BATCH_CALLS = 2_500;
/** Nesting deeper than this is refused before anything walks the value recursively. */
export const MAX_JSON_DEPTH = 32;

/** Routes that take a whole batch; every other `/v1` route takes one call. */
export const BATCH_ROUTES = ['batch', 'import', 'b'] as const;

export const LIMITS_DESCRIPTION =
  'Limits (as Segment): 32 KiB per call, 500 KiB and 2 500 calls per batch request, 32 KiB per call in a ' +
  'batch; a larger body is refused with 413. JSON nesting is limited to 32 levels.';

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Within the years 0001–9999, where Postgres and `Date#toISOString` speak the same format. */
export function isStorableTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST;
}
