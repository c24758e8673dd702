import type { SummaryNames, Translate } from './types';

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

const UNARY = new Set(['exists', 'not_exists']);

/** "country equals FR", "email exists", "orders is at least 3" (the domain's operators). */
export function describeComparison(path: unknown, operator: unknown, value: unknown, t: Translate): string {
  const op = asString(operator, 'equals');
  const subject = asString(path, '…');
  const verb = t.has(`operators.${op}`) ? t(`operators.${op}`) : op.replace(/_/g, ' ');
  return UNARY.has(op) ? `${subject} ${verb}` : `${subject} ${verb} ${formatValue(value)}`;
}

const UNITS = new Set(['seconds', 'minutes', 'hours', 'days']);

/** "2 seconds", "1 day". */
export function describeDuration(amount: unknown, unit: unknown, t: Translate): string {
  const n = typeof amount === 'number' ? amount : Number(amount);
  const u = asString(unit, 'seconds');
  if (!UNITS.has(u)) return `${Number.isFinite(n) ? n : '…'} ${u}`;
  return Number.isFinite(n) ? t(`duration.${u}`, { amount: n }) : `… ${t(`units.${u}`)}`;
}

/** The segment's name, or "segment 6da80758…" when this workspace has no segment with that id. */
export function segmentName(id: unknown, names: SummaryNames, t: Translate): string {
  const key = asString(id);
  return names.segments[key] ?? t('summary.segmentId', { id: key ? `${key.slice(0, 8)}…` : '…' });
}

/** "crm.example.com/api/tasks": a URL without its scheme (a Liquid template stays as it is). */
export function shortUrl(url: unknown): string {
  return asString(url, '…').replace(/^https?:\/\//, '');
}

/** "3 days" from a `{ amount, unit }` duration. */
export function describeBoundedDuration(duration: unknown, t: Translate): string {
  const { amount, unit } = (duration && typeof duration === 'object' ? duration : {}) as {
    amount?: unknown;
    unit?: unknown;
  };
  return describeDuration(amount, unit, t);
}
