import { Decimal } from '../money';

/**
 * An exact fraction of two big integers, for the weight-sensitivity maths. A weight moved to t,
 * with the others rescaled by (100 − t) ÷ (100 − w), gives weights such as 4 × (100 − t) ÷ 15 that
 * no decimal holds exactly; where the reward crosses a rounding or band threshold must still be
 * found exactly, or two proposals crossing at the same weight would look as if one went first.
 * The denominator is always positive.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

function make(n: bigint, d: bigint): Ratio {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

export const ratio = (n: bigint | number, d: bigint | number = 1n): Ratio => make(BigInt(n), BigInt(d));

/** A finite Decimal, exactly. */
export function fromDecimal(value: Decimal): Ratio {
  const places = value.decimalPlaces();
  return make(BigInt(value.times(new Decimal(10).pow(places)).toFixed(0)), 10n ** BigInt(places));
}

export const add = (a: Ratio, b: Ratio): Ratio => make(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Ratio, b: Ratio): Ratio => make(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Ratio, b: Ratio): Ratio => make(a.n * b.n, a.d * b.d);
export const div = (a: Ratio, b: Ratio): Ratio => make(a.n * b.d, a.d * b.n);

export function cmp(a: Ratio, b: Ratio): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Ratio, b: Ratio) => cmp(a, b) === 0;
export const sign = (a: Ratio) => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
export const mid = (a: Ratio, b: Ratio) => div(add(a, b), ratio(2));

/** The greatest whole number not above it. */
export function floor(a: Ratio): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** The least whole number not below it. */
export function ceil(a: Ratio): bigint {
  return -floor(make(-a.n, a.d));
}

/** As a Decimal to `places` decimal places, rounded down or up (never to nearest: callers say which side is safe). */
export function toDecimal(a: Ratio, places: number, direction: 'down' | 'up'): Decimal {
  const scaled = mul(a, ratio(10n ** BigInt(places)));
  const whole = direction === 'down' ? floor(scaled) : ceil(scaled);
  return new Decimal(whole.toString()).div(new Decimal(10).pow(places));
}

/** True when the fraction is a decimal with at most `places` places. */
export function isDecimal(a: Ratio, places: number): boolean {
  return (a.n * 10n ** BigInt(places)) % a.d === 0n;
}

/** "38", "37.5" or "113/3": exact, for the JSON document. */
export function ratioText(a: Ratio): string {
  for (let places = 0; places <= 12; places++) {
    if (isDecimal(a, places)) return toDecimal(a, places, 'down').toFixed(places);
  }
  return `${a.n}/${a.d}`;
}

/** The nearest floating-point number, roughly: only for deciding what to work out exactly, never for a result. */
export function toNumber(a: Ratio): number {
  const n = Number(a.n);
  const d = Number(a.d);
  return Number.isFinite(n) && Number.isFinite(d) ? n / d : toDecimal(a, 12, 'down').toNumber();
}
