import { inspectJson } from './json-object';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('inspectJson', () => {
  it('accepts ordinary JSON', () => {
    expect(inspectJson({ a: [1, { b: 'ok', c: null }], 'clé 🐈': 'été 🐈' })).toBeNull();
    expect(inspectJson(nested(31))).toBeNull();
  });

  it('finds nesting too deep for the stack or Postgres, without recursing', () => {
    expect(inspectJson(nested(33))).toMatchObject({ code: 'too_deep' });
    expect(inspectJson({ a: nested(200_000) })).toMatchObject({
      code: 'too_deep',
      path: ['a', ...Array(31).fill(0)],
    });
  });

  it('finds NUL characters, unpaired surrogates and __proto__ keys, with their path', () => {
    expect(inspectJson({ a: { b: ['x', 'nul\u0000'] } })).toMatchObject({
      path: ['a', 'b', 1],
      code: 'invalid_string',
    });
    expect(inspectJson({ a: 'half \ud83d' })).toMatchObject({ path: ['a'], code: 'invalid_string' });
    expect(inspectJson({ a: '\udc08 alone' })).toMatchObject({ path: ['a'] });
    expect(inspectJson({ ['k\u0000']: 1 })).toMatchObject({ code: 'invalid_key' });
    expect(inspectJson(JSON.parse('{"x": {"__proto__": {"polluted": true}}}'))).toMatchObject({
      path: ['x', '__proto__'],
      code: 'invalid_key',
    });
  });
});

describe('inspectJson size limit', () => {
  it('refuses a value whose JSON is over maxBytes, exactly, counting UTF-8 bytes and escapes', () => {
    const limit = 100;
    const fits = { t: 'x'.repeat(limit - 10) }; // {"t":"…"} is 8 bytes more
    expect(inspectJson(fits, { maxBytes: limit })).toBeNull();
    expect(inspectJson({ t: 'x'.repeat(limit - 7) }, { maxBytes: limit })).toMatchObject({
      code: 'too_big',
      path: [],
    });
    expect(inspectJson({ t: 'é'.repeat(46) }, { maxBytes: limit })).toBeNull(); // 92 + 8 bytes
    expect(inspectJson({ t: 'é'.repeat(47) }, { maxBytes: limit })).toMatchObject({ code: 'too_big' });
    expect(inspectJson({ t: '\u0001'.repeat(16) }, { maxBytes: limit })).toMatchObject({ code: 'too_big' }); // \u0001 is 6 bytes
  });
});
