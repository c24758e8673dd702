import { z } from 'zod';
import { type EventPosition } from '../../persistence/profile-records.repository';

/**
 * The timeline's opaque cursor: the exact position (microsecond occurred_at, id) of the last event
 * of a page. Clients pass it back as is; anything else is refused as a 400, never a 500.
 */
export function encodeEventCursor(position: EventPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt, position.id])).toString('base64url');
}

const position = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.uuid()]);

export const eventCursorSchema = z
  .string()
  .max(200)
  .transform((raw, ctx): EventPosition => {
    let decoded: unknown;
    try {
      decoded = /^[A-Za-z0-9_-]+$/.test(raw)
        ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
        : null;
    } catch {
      decoded = null;
    }
    const parsed = position.safeParse(decoded);
    if (!parsed.success || !isRealInstant(parsed.data[0])) {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor from this API: pass nextCursor back unchanged' });
      return z.NEVER;
    }
    return { occurredAt: parsed.data[0], id: parsed.data[1] };
  });

/** Postgres refuses 2026-02-30 where Date.parse rolls it over: check the date survives a round trip. */
function isRealInstant(iso: string): boolean {
  const time = Date.parse(iso);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === iso.slice(0, 19);
}
