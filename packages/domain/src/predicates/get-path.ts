// Reads a dotted path ('address.city', 'orders.0.total') from plain data, following own properties
// only, so no path can reach a prototype (`__proto__`, `constructor`, ...). In a list only an index
// written canonically ('0', '12') reads an element, never 'length'.

export const FORBIDDEN_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
]);

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

const CANONICAL_INDEX = /^(0|[1-9][0-9]*)$/;

export function getPath(subject: unknown, path: string | readonly string[]): unknown {
  const segments = typeof path === 'string' ? path.split('.') : path;
  let current: unknown = subject;
  for (const segment of segments) {
    if (typeof segment !== 'string' || segment === '' || FORBIDDEN_PATH_SEGMENTS.has(segment))
      return undefined;
    if (typeof current !== 'object' || current === null || !hasOwn(current, segment)) return undefined;
    if (Array.isArray(current) && !CANONICAL_INDEX.test(segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
