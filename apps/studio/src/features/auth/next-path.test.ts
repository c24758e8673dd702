import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/scenarios/abc?version=2', '/scenarios/abc?version=2'],
    ['/scenarios', '/scenarios'],
    ['/', '/scenarios'],
    ['/sign-in', '/scenarios'],
    ['/sign-in?next=/x', '/scenarios'],
    ['//evil.test/x', '/scenarios'],
    ['/\\evil.test', '/scenarios'],
    ['https://evil.test', '/scenarios'],
    ['javascript:alert(1)', '/scenarios'],
    ['/scenarios\n/x', '/scenarios'],
    ['', '/scenarios'],
    [undefined, '/scenarios'],
    [['/a'], '/scenarios'],
  ])('%j → %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });
});
