import { Decimal } from '../money';
import { listWords } from '../words';
import { BANDS, GATE_WORDS, type Band, type GateId } from './model';
import * as Q from './ratio';
import type { Bound, Range } from './sensitivity';
import type { ScoredProposal } from './score';

/** The weight-sensitivity results in words: one place for the command line, the sheet and the pane. */

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** 1 → "first" … 10 → "tenth", then 11th, 22nd, 103rd. */
export function ordinal(n: number): string {
  const word = ORDINALS[n - 1];
  if (word) return word;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const numberWord = (n: number) => NUMBER_WORDS[n - 1] ?? String(n);
const refs = (list: string[]) => (list.length ? listWords(list) : 'nothing');

/**
 * The least weight shown to one decimal place that is inside the range: never a weight the range leaves out, so
 * "from 10 to 37.9" is true of every weight it names.
 */
export function shownLow(b: Bound): Decimal {
  const up = Q.toDecimal(b.at, 1, 'up');
  return !b.included && Q.isDecimal(b.at, 1) ? up.plus('0.1') : up;
}

/** The greatest weight shown to one decimal place that is inside the range. */
export function shownHigh(b: Bound): Decimal {
  const down = Q.toDecimal(b.at, 1, 'down');
  return !b.included && Q.isDecimal(b.at, 1) ? down.minus('0.1') : down;
}

/** A bound's weight for the words "at 38", "above about 37.67". */
function edge(b: Bound): string {
  return Q.isDecimal(b.at, 2)
    ? Q.toDecimal(b.at, 2, 'down').toFixed()
    : `about ${Q.toDecimal(b.at, 2, 'down').toFixed()}`;
}

/** Where the change comes: "at 38" when the range stops short of 38, "above 38" (or "below 10") when it includes it. */
export function edgeWords(b: Bound, side: 'low' | 'high'): string {
  return `${b.included ? (side === 'low' ? 'below' : 'above') : 'at'} ${edge(b)}`;
}

const isEnd = (b: Bound, at: Decimal) => b.included && Q.eq(b.at, Q.fromDecimal(at));

/** "for any Customer service weight from 10 to 37.9", "… up to 38", "… of 12 or more", "for any … weight". */
export function rangeWords(r: Range, total: Decimal): string {
  const name = `${r.name} weight`;
  if (!r.movable) return `only at this ${name} (${r.weight.toFixed()}): every other weight is 0, so it cannot move`;
  const fromZero = isEnd(r.low, new Decimal(0));
  const toTotal = isEnd(r.high, total);
  const lo = shownLow(r.low);
  const hi = shownHigh(r.high);
  if (fromZero && toTotal) return `for any ${name}`;
  if (lo.gt(hi)) return `only for a ${name} very close to ${r.weight.toFixed()}`;
  if (fromZero) return `for any ${name} up to ${hi.toFixed()}`;
  if (toTotal) return `for any ${name} of ${lo.toFixed()} or more`;
  return lo.eq(hi)
    ? `only for a ${name} of ${lo.toFixed()}`
    : `for any ${name} from ${lo.toFixed()} to ${hi.toFixed()}`;
}

/** "the order of the top three becomes C2, C4 and C1 (was C2, C1 and C4)". */
export function orderChangeWords(before: string[], after: string[]): string {
  if (after.length === 1) return `${after[0]} takes first place (was ${before[0]})`;
  return `the order of the top ${numberWord(after.length)} becomes ${listWords(after)} (was ${listWords(before)})`;
}

const gateTitles = (gates: GateId[]) => listWords(gates.map((g) => GATE_WORDS[g].title));

/** "C4 falls to Priority 2", "C6 falls to Not supported (Risk not proportionate to reward)". */
export function bandChangeWords(ref: string, from: Band, fromGates: GateId[], to: Band, toGates: GateId[]): string {
  const rises = BANDS.indexOf(to) < BANDS.indexOf(from);
  if (to === 'Not supported') return `${ref} falls to Not supported (${gateTitles(toGates)})`;
  if (from === 'Not supported') return `${ref} rises to ${to} (no longer stopped by ${gateTitles(fromGates)})`;
  return `${ref} ${rises ? 'rises' : 'falls'} to ${to}`;
}

export function envelopeChangeWords(before: string[], after: string[]): string {
  return `the envelope chooses ${refs(after)} (was ${refs(before)})`;
}

/** What happens to one proposal: "moves down to second", "becomes Priority 2", or both. */
export function placeChangeWords(before: { rank: number; band: Band }, after: { rank: number; band: Band }): string {
  const words: string[] = [];
  if (after.rank !== before.rank)
    words.push(`moves ${after.rank < before.rank ? 'up' : 'down'} to ${ordinal(after.rank)}`);
  if (after.band !== before.band) words.push(`becomes ${after.band}`);
  return words.join(' and ');
}

/** How close a range comes to a change, on its nearer side: the distance from the weight now, or null when none. */
function nearest(r: Range): { side: 'low' | 'high'; distance: Q.Ratio } | null {
  const now = Q.fromDecimal(r.weight);
  const sides = [
    r.below ? { side: 'low' as const, distance: Q.sub(now, r.low.at) } : null,
    r.above ? { side: 'high' as const, distance: Q.sub(r.high.at, now) } : null,
  ].filter((s) => s !== null);
  return sides.sort((a, b) => Q.cmp(a.distance, b.distance))[0] ?? null;
}

/**
 * One line for a proposal: the place and band it keeps, over the range of the weight it is closest to losing them
 * on, and what happens first at that end. "C2 stays first (Priority 1) for any Customer service weight from 10 to
 * 37.9 (now 20); at 38 it moves down to second."
 */
export function verdict(p: ScoredProposal, ranges: Range[], total: Decimal): string {
  const keeps = `${p.ref} stays ${ordinal(p.rank)} (${p.band})`;
  const closest = ranges
    .map((r) => ({ r, near: nearest(r) }))
    .filter((x) => x.near && x.r.movable)
    .sort((a, b) => Q.cmp(a.near!.distance, b.near!.distance))[0];
  if (!closest) return `${keeps} whichever one weight moves, anywhere from 0 to ${total.toFixed()}.`;
  const { r, near } = closest;
  const side = near!.side === 'low' ? { bound: r.low, what: r.below! } : { bound: r.high, what: r.above! };
  return `${keeps} ${rangeWords(r, total)} (now ${r.weight.toFixed()}); ${edgeWords(side.bound, near!.side)} it ${side.what.join('; ')}.`;
}
