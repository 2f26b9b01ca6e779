import { Decimal, formatMoney, placesFor, ZERO } from './money';

/** How strictly totals are judged: by rounding (half a displayed unit per addend) or exactly. */
export type Tolerance = 'rounding' | 'zero';

export type Verdict = 'equal' | 'rounding' | 'mismatch';

export interface Judgement {
  verdict: Verdict;
  difference: Decimal;
  allowance: Decimal;
}

/**
 * The one rule for every comparison of a shown figure with what it should be: equal when it is the
 * exact figure or that figure rounded to the displayed unit; a rounding difference when it is off by
 * at most half a displayed unit per addend; otherwise a real mismatch.
 */
export function judge(actual: Decimal, expected: Decimal, addends: number, step: Decimal, tolerance: Tolerance): Judgement {
  const difference = actual.minus(expected);
  const allowance = tolerance === 'zero' ? ZERO : step.times(Math.max(addends, 1)).div(2);
  if (difference.isZero() || actual.equals(expected.toNearest(step, Decimal.ROUND_HALF_UP))) {
    return { verdict: 'equal', difference, allowance };
  }
  return { verdict: difference.abs().lte(allowance) ? 'rounding' : 'mismatch', difference, allowance };
}

/** "a rounding difference of 1, within ±2 for 4 lines" */
export function roundingWords(j: Judgement, addends: number, noun: string, unitPlaces: number): string {
  const d = j.difference.abs();
  return `a rounding difference of ${formatMoney(d, placesFor(d, unitPlaces))}, within ±${j.allowance.toFixed()} for ${addends} ${noun}${addends === 1 ? '' : 's'}`;
}

export function money(value: Decimal, unitPlaces = 0): string {
  return formatMoney(value, placesFor(value, unitPlaces));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
