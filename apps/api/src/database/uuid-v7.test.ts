import { uuidV7 } from './uuid-v7';

describe('uuidV7', () => {
  it('is a version 7 UUID ordered by creation time', () => {
    const ids = Array.from({ length: 600 }, (_, i) => uuidV7(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(600);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    const id = uuidV7(Date.parse('2026-11-22T10:00:00Z'));
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-22T10:00:00Z'));
    expect(new Set(Array.from({ length: 1000 }, () => uuidV7(0))).size).toBe(1000);
  });
});
