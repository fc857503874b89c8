/**
 * Exact decimal sums for JOOR's money strings: parsed into scaled integers (never floats, so "0.10" + "0.20" is
 * "0.30"), added, and rounded once, half away from zero, to whole cents.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

interface ScaledDecimal {
  units: bigint;
  scale: number;
}

/** A decimal string ("210.00", "-5.5", "12") as an integer and its number of decimals; null when it is none. */
export function parseDecimal(value: string): ScaledDecimal | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) {
    return null;
  }
  const [, sign, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') {
    return null;
  }
  const magnitude = BigInt(`${whole || '0'}${fraction}`);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** The exact sum of decimal strings, rounded half away from zero to cents; null when one of them is no decimal. */
export function sumToCents(values: string[]): bigint | null {
  const parsed = values.map(parseDecimal);
  if (parsed.some((p) => p === null)) {
    return null;
  }
  const scale = Math.max(2, ...parsed.map((p) => (p as ScaledDecimal).scale));
  const total = parsed.reduce((sum, p) => sum + (p as ScaledDecimal).units * 10n ** BigInt(scale - (p as ScaledDecimal).scale), 0n);
  const divisor = 10n ** BigInt(scale - 2);
  const magnitude = total < 0n ? -total : total;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return total < 0n ? -rounded : rounded;
}

/** Cents as a decimal string with two places ("1260.00", "-0.05"). */
export function formatCents(cents: bigint): string {
  const magnitude = cents < 0n ? -cents : cents;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return cents < 0n ? `-${text}` : text;
}
