import { encodeEventCursor, eventCursorSchema } from './event-cursor';

describe('event timeline cursor', () => {
  const position = { occurredAt: '2026-03-01T10:00:00.123456Z', id: '0b7a4c1e-2f7d-4f6e-9a51-5a3c0f7e9d10' };

  it('round-trips the exact position, microseconds included', () => {
    const cursor = encodeEventCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(eventCursorSchema.parse(cursor)).toEqual(position);
  });

  it.each([
    ['garbage', 'not base64 json'],
    ['!!!', 'not base64url'],
    [Buffer.from('{"a":1}').toString('base64url'), 'an object'],
    [Buffer.from('["2026-03-01T10:00:00.123Z","x"]').toString('base64url'), 'millisecond time, no uuid'],
    [
      Buffer.from('["2026-13-45T10:00:00.123456Z","0b7a4c1e-2f7d-4f6e-9a51-5a3c0f7e9d10"]').toString(
        'base64url',
      ),
      'an impossible date',
    ],
    [
      Buffer.from('["2026-02-30T10:00:00.123456Z","0b7a4c1e-2f7d-4f6e-9a51-5a3c0f7e9d10"]').toString(
        'base64url',
      ),
      'February 30th',
    ],
    ['x'.repeat(201), 'too long'],
  ])('refuses %s (%s)', (raw) => {
    expect(eventCursorSchema.safeParse(raw).success).toBe(false);
  });
});
