import { Decimal, formatMoney, placesFor, ZERO } from './money';
import { likelyRoundingLimit, roundingVerdict } from './rounding';

/** How strictly totals are judged: by rounding (half a displayed unit per addend) or exactly. */
export type Tolerance = 'rounding' | 'zero';

/** Equal; a rounding difference; one larger than rounding usually gives (within what rounding can give); a mismatch. */
export type Verdict = 'equal' | 'rounding' | 'unusual' | 'mismatch';

export interface Judgement {
  verdict: Verdict;
  difference: Decimal;
  allowance: Decimal;
}

/**
 * The one rule for every comparison of a shown figure with what it should be: equal when it is the
 * exact figure or that figure rounded to the displayed unit; beyond half a displayed unit per addend
 * a mismatch, as no rounding can explain it; within that, a rounding difference when rounding gives
 * such a difference with a reasonable chance, and otherwise one larger than rounding usually gives
 * (see rounding.ts).
 */
export function judge(
  actual: Decimal,
  expected: Decimal,
  addends: number,
  step: Decimal,
  tolerance: Tolerance,
): Judgement {
  const difference = actual.minus(expected);
  const allowance = tolerance === 'zero' ? ZERO : step.times(Math.max(addends, 1)).div(2);
  if (difference.isZero() || actual.equals(expected.toNearest(step, Decimal.ROUND_HALF_UP))) {
    return { verdict: 'equal', difference, allowance };
  }
  if (tolerance === 'zero' || step.isZero()) return { verdict: 'mismatch', difference, allowance };
  const units = difference.abs().div(step).toNumber();
  const verdict = roundingVerdict(units, addends);
  return { verdict: verdict === 'beyond' ? 'mismatch' : verdict, difference, allowance };
}

/**
 * True when judge() would say 'equal', worked out in exact hundredths (see exactCents and
 * addCents) without making a Decimal: the shown figure is the expected one, or that figure
 * rounded half up to the displayed step. False means "not shown equal this way": judge() decides.
 */
export function equalInCents(actual: number, expected: number, stepCents: number): boolean {
  if (actual === expected) return Number.isSafeInteger(actual);
  if (
    !Number.isSafeInteger(actual) ||
    !Number.isSafeInteger(expected) ||
    !Number.isSafeInteger(stepCents) ||
    stepCents <= 0
  )
    return false;
  return actual === nearestMultiple(expected, stepCents);
}

/** The multiple of `step` nearest to `n`, halves away from zero (Decimal's toNearest with ROUND_HALF_UP), for safe integers. */
function nearestMultiple(n: number, step: number): number {
  const size = Math.abs(n);
  const rest = size % step;
  const down = size - rest;
  const near = rest * 2 >= step ? down + step : down;
  return n < 0 ? -near : near;
}

/** "a rounding difference of 1, within ±2 for 4 lines" */
export function roundingWords(j: Judgement, addends: number, noun: string, unitPlaces: number): string {
  const d = j.difference.abs();
  return `a rounding difference of ${formatMoney(d, placesFor(d, unitPlaces))}, within ±${j.allowance.toFixed()} for ${addends} ${noun}${addends === 1 ? '' : 's'}`;
}

/** "a difference of 6, larger than rounding usually gives for 12 lines (up to 3): check it" */
export function unusualRoundingWords(
  j: Judgement,
  addends: number,
  noun: string,
  unitPlaces: number,
  step: Decimal,
): string {
  const d = j.difference.abs();
  const usual = step.times(likelyRoundingLimit(Math.max(addends, 1)));
  return `a difference of ${formatMoney(d, placesFor(d, unitPlaces))}, larger than rounding usually gives for ${addends} ${noun}${addends === 1 ? '' : 's'} (up to ${formatMoney(usual, placesFor(usual, unitPlaces))}): check it`;
}

export function money(value: Decimal, unitPlaces = 0): string {
  return formatMoney(value, placesFor(value, unitPlaces));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * judge()'s verdict on exact whole numbers of a table's finest unit (see reader/exact.ts), for the
 * reader, which tries many ways of adding a total up before it settles on one.
 */
export function judgeExact(
  actual: number,
  expected: number,
  stepUnits: number,
  addends: number,
  tolerance: Tolerance,
): Verdict {
  if (actual === expected) return 'equal';
  if (Number.isSafeInteger(stepUnits) && stepUnits > 0 && actual === nearestMultiple(expected, stepUnits))
    return 'equal';
  if (tolerance === 'zero' || !(stepUnits > 0)) return 'mismatch';
  const verdict = roundingVerdict(Math.abs(actual - expected) / stepUnits, addends);
  return verdict === 'beyond' ? 'mismatch' : verdict;
}
