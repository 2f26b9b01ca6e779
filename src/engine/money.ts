import DecimalJs from 'decimal.js';

/** Every money figure is a Decimal: exact, with round-half-up where we round. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** 1234567.5 → "1,234,568" when places = 0; leading minus, house style. */
export function formatMoney(value: Decimal, places = 0): string {
  const fixed = value.toDecimalPlaces(places).toFixed(places);
  const negative = fixed.startsWith('-');
  const [whole, frac] = (negative ? fixed.slice(1) : fixed).split('.');
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
