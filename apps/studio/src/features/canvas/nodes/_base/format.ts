// Small, pure helpers shared by the node summaries.

export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '…';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

const OPERATORS: Record<string, string> = {
  eq: 'equals',
  equals: 'equals',
  '=': 'equals',
  '==': 'equals',
  neq: 'does not equal',
  ne: 'does not equal',
  not_equals: 'does not equal',
  notEquals: 'does not equal',
  '!=': 'does not equal',
  gt: 'is greater than',
  '>': 'is greater than',
  gte: 'is at least',
  '>=': 'is at least',
  lt: 'is less than',
  '<': 'is less than',
  lte: 'is at most',
  '<=': 'is at most',
  contains: 'contains',
  not_contains: 'does not contain',
  notContains: 'does not contain',
  starts_with: 'starts with',
  startsWith: 'starts with',
  ends_with: 'ends with',
  endsWith: 'ends with',
  in: 'is one of',
  not_in: 'is not one of',
  notIn: 'is not one of',
  exists: 'exists',
  not_exists: 'does not exist',
  notExists: 'does not exist',
  is_set: 'is set',
  isSet: 'is set',
  is_not_set: 'is not set',
  isNotSet: 'is not set',
};

const UNARY = new Set(['exists', 'not_exists', 'notExists', 'is_set', 'isSet', 'is_not_set', 'isNotSet']);

/** "country equals FR", "email exists", "orders is at least 3". */
export function describeComparison(path: unknown, operator: unknown, value: unknown): string {
  const op = asString(operator, 'equals');
  const subject = asString(path, '…');
  const verb = OPERATORS[op] ?? op.replace(/_/g, ' ');
  return UNARY.has(op) ? `${subject} ${verb}` : `${subject} ${verb} ${formatValue(value)}`;
}

const UNITS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  sec: ['second', 'seconds'],
  second: ['second', 'seconds'],
  seconds: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  min: ['minute', 'minutes'],
  minute: ['minute', 'minutes'],
  minutes: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  hour: ['hour', 'hours'],
  hours: ['hour', 'hours'],
  d: ['day', 'days'],
  day: ['day', 'days'],
  days: ['day', 'days'],
  w: ['week', 'weeks'],
  week: ['week', 'weeks'],
  weeks: ['week', 'weeks'],
};

/** "2 seconds", "1 day". */
export function describeDuration(amount: unknown, unit: unknown): string {
  const n = typeof amount === 'number' ? amount : Number(amount);
  const u = asString(unit, 'seconds');
  const names = UNITS[u.toLowerCase()];
  if (!Number.isFinite(n)) return `… ${names ? names[1] : u}`;
  return `${n} ${names ? names[n === 1 ? 0 : 1] : u}`;
}
