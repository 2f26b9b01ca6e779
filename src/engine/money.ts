import DecimalJs from 'decimal.js';

/** Every money figure is a Decimal: exact, with round-half-up where we round. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** Hundredths kept below this, so a figure's shortest decimal form is exactly its hundredths (see exactCents). */
const CENTS_LIMIT = 2 ** 52;

/**
 * A JS number as an exact whole number of hundredths, or NaN when it is not one.
 *
 * Exact means: equal to new Decimal(x), which reads x from its shortest decimal form. When
 * c = round(100x) gives back x as c / 100 and |c| < 2^52, that form is c / 100 itself: any other
 * decimal as short would be another multiple of 0.01, at least 0.01 away, while doubles this
 * size are less than 0.008 apart. Whole pounds and pence (the house format's figures) pass;
 * 0.1 + 0.2 does not.
 */
export function exactCents(x: number): number {
  const c = Math.round(x * 100);
  return Math.abs(c) < CENTS_LIMIT && c / 100 === x ? c : NaN;
}

/**
 * A cell's number as Excel means it: to 15 significant digits, the precision Excel calculates and
 * shows. A SUM of pence Excel stores as 345.84999999999997 is the 345.85 it shows; read to the last
 * binary digit it would leave "rounding differences of 0.000" on every such total. Whole numbers and
 * exact hundredths (nearly every figure) are returned as they are, without the cost of a string.
 */
export function excelNumber(x: number): number {
  if (Number.isInteger(x) || !Number.isNaN(exactCents(x)) || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(15));
}

/**
 * Adds exact hundredths as plain numbers. This is never a float sum: every addend is a whole
 * number, and a sum of whole numbers is exact while it stays a safe integer (below 2^53), which is
 * checked after every addition. NaN when a partial sum leaves that range or an addend is NaN:
 * then the caller adds Decimals instead.
 */
export function addCents(total: number, cents: number): number {
  const next = total + cents;
  return Number.isSafeInteger(next) ? next : NaN;
}

/** A displayed step (1, 0.01, 1000) in hundredths, NaN when it is finer than a hundredth. */
export function stepCents(step: Decimal): number {
  const c = step.times(100);
  return c.isInteger() && c.lt(CENTS_LIMIT) ? c.toNumber() : NaN;
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

const MAX_SAFE = new Decimal(Number.MAX_SAFE_INTEGER);

/** 1234567.5 → "1,234,568" when places = 0; leading minus, house style. */
export function formatMoney(value: Decimal, places = 0): string {
  if (places === 0 && value.isInteger() && value.abs().lt(MAX_SAFE)) return groupWhole(value.toNumber());
  const fixed = value.toDecimalPlaces(places).toFixed(places);
  const negative = fixed.startsWith('-');
  const [whole = '', frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = frac ? `${grouped}.${frac}` : grouped;
  return negative && !/^[0,.]+$/.test(text) ? `-${text}` : text;
}

/** Shortest exact decimal string, e.g. "74499.395" or "-236". */
export function plain(value: Decimal): string {
  return value.toFixed();
}

/** Places to show so a value like 74,499.395 is not shown as a whole number. */
export function placesFor(value: Decimal, unitPlaces: number): number {
  return Math.max(unitPlaces, Math.min(value.decimalPlaces(), 3));
}

/** formatMoney for a safe whole number: thousands separators without a regular expression. */
function groupWhole(n: number): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(Math.max(0, digits.length - 3));
  for (let end = digits.length - 3; end > 0; end -= 3) out = `${digits.slice(Math.max(0, end - 3), end)},${out}`;
  return n < 0 ? `-${out}` : out;
}
