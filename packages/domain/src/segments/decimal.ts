// Exact decimal arithmetic for sums and averages in segment rules, so that the in-memory evaluator
// and Postgres (whose `numeric` is exact) agree: 0.1 + 0.2 is 0.3 here too. Every input is a finite
// JavaScript number, read through its shortest decimal form (what JSON and Postgres see).

/** `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const [mantissa, exponentText] = String(value).toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const exponent = Number(exponentText ?? 0);
  const scale = fraction.length - exponent;
  const units = BigInt(whole + fraction);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function multiplyDecimal(a: Decimal, factor: number): Decimal {
  return { units: a.units * BigInt(factor), scale: a.scale };
}

/** Sign of `a - b`. */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export function decimalToNumber(a: Decimal): number {
  const digits = (a.units < 0n ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const text = `${digits.slice(0, digits.length - a.scale)}.${digits.slice(digits.length - a.scale) || '0'}`;
  return (a.units < 0n ? -1 : 1) * Number(text);
}
