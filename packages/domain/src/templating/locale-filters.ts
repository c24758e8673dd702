// Dates and money in the customer's own language and timezone: the `profile.locale` trait (BCP 47,
// e.g. `fr-FR`) and `profile.timezone` (IANA) of the rendering scope, English and UTC otherwise.
import { type Liquid } from 'liquidjs';

const DEFAULT_LOCALE = 'en';
const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;
type DateStyle = (typeof DATE_STYLES)[number];

interface Audience {
  locale: string;
  timeZone: string;
}

function supportedLocale(value: unknown): string {
  if (typeof value !== 'string' || value.length > 35) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(value.replace('_', '-'))[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function supportedTimeZone(value: unknown): string {
  if (typeof value !== 'string' || value.length > 64) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return 'UTC';
  }
}

/** The locale and timezone of the customer being rendered for (an explicit argument wins). */
function audienceOf(scope: { get(path: string[]): unknown }, locale?: unknown): Audience {
  return {
    locale: supportedLocale(locale ?? scope.get(['profile', 'locale'])),
    timeZone: supportedTimeZone(scope.get(['profile', 'timezone'])),
  };
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value);
  if (typeof value === 'string' && value.trim() !== '') {
    const date = new Date(value.trim() === 'now' ? Date.now() : value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** Intl formatters are costly to build and every customer of a locale needs the same ones. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
const FORMATTER_CACHE_SIZE = 1_000;

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = build();
    if (formatters.size >= FORMATTER_CACHE_SIZE) formatters.delete(formatters.keys().next().value!);
    formatters.set(key, formatter);
  }
  return formatter;
}

function dateStyle(value: unknown): DateStyle {
  return DATE_STYLES.includes(value as DateStyle) ? (value as DateStyle) : 'long';
}

/** Leaves the input as it was when it is not a date or a number: a template never fails on data. */
export function registerLocaleFilters(liquid: Liquid): void {
  liquid.registerFilter('localized_date', function (value: unknown, style?: unknown, locale?: unknown) {
    const date = toDate(value);
    if (!date) return value;
    const { locale: tag, timeZone } = audienceOf(this.context, locale);
    const options = { dateStyle: dateStyle(style), timeZone } as const;
    return cached(
      `d:${tag}:${options.dateStyle}:${timeZone}`,
      () => new Intl.DateTimeFormat(tag, options),
    ).format(date);
  });
  liquid.registerFilter('localized_datetime', function (value: unknown, style?: unknown, locale?: unknown) {
    const date = toDate(value);
    if (!date) return value;
    const { locale: tag, timeZone } = audienceOf(this.context, locale);
    const options = { dateStyle: dateStyle(style), timeStyle: 'short', timeZone } as const;
    return cached(
      `dt:${tag}:${options.dateStyle}:${timeZone}`,
      () => new Intl.DateTimeFormat(tag, options),
    ).format(date);
  });
  liquid.registerFilter('money', function (value: unknown, currency?: unknown, locale?: unknown) {
    const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return value;
    const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency : 'EUR';
    const { locale: tag } = audienceOf(this.context, locale);
    const currencyCode = code.toUpperCase();
    return cached(
      `m:${tag}:${currencyCode}`,
      () => new Intl.NumberFormat(tag, { style: 'currency', currency: currencyCode }),
    ).format(amount);
  });
  liquid.registerFilter('format_number', function (value: unknown, decimals?: unknown) {
    const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return value;
    const digits = typeof decimals === 'number' ? Math.min(Math.max(Math.trunc(decimals), 0), 10) : undefined;
    const { locale: tag } = audienceOf(this.context);
    return cached(
      `n:${tag}:${digits}`,
      () => new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits ?? 3 }),
    ).format(amount);
  });
}
