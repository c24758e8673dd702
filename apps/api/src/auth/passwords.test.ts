import { generatePassword, hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
  });

  it('treats a composed and a decomposed accent as the same password', async () => {
    const stored = await hashPassword('caf\u00e9-au-lait-2024');
    expect(await verifyPassword('cafe\u0301-au-lait-2024', stored)).toBe(true);
  });

  it.each([
    ['another scheme', 'bcrypt$10$abc'],
    ['a missing hash', 'scrypt$15$8$1$c2FsdA'],
    ['an absurd cost', 'scrypt$40$8$1$c2FsdA$aGFzaA'],
    ['a fractional cost', 'scrypt$1.5$8$1$c2FsdA$aGFzaA'],
    ['nothing', ''],
  ])('refuses %s instead of throwing', async (_label, stored) => {
    expect(await verifyPassword('whatever', stored)).toBe(false);
  });

  it('generates 16-character passwords', () => {
    const passwords = new Set(Array.from({ length: 20 }, generatePassword));
    expect(passwords.size).toBe(20);
    for (const password of passwords) expect(password).toMatch(/^[\w-]{16}$/);
  });
});
