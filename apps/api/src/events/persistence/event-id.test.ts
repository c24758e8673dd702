import { newEventId } from './event-id';

describe('newEventId', () => {
  it('makes RFC 9562 version 7 UUIDs that sort by creation time', () => {
    const id = newEventId(Date.parse('2026-11-22T10:00:00Z'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-22T10:00:00Z'));
    const ids = [1, 2, 3, 1_000_000].map((ms) => newEventId(1_763_800_000_000 + ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => newEventId(0))).size).toBe(1000);
  });
});
