import { itemAt } from '../collections';
import { Decimal, sum } from '../money';

/** What the envelope choice needs of a proposal. `reward` is a reward score as shown: one decimal place. */
export interface EnvelopeCandidate {
  reward: Decimal;
  investment: Decimal;
  annualReturn: Decimal;
}

export interface EnvelopeChoice<T> {
  /** In the order the candidates were given. */
  chosen: T[];
  totalInvestment: Decimal;
  totalReward: Decimal;
  totalReturn: Decimal;
}

/** Exact integer arithmetic: plain numbers while every sum stays below 2^53, BigInt beyond. */
interface Exact<T> {
  of(scaled: Decimal): T;
  add(a: T, b: T): T;
  less(a: T, b: T): boolean;
  zero: T;
}
const NUMBERS: Exact<number> = { of: (d) => d.toNumber(), add: (a, b) => a + b, less: (a, b) => a < b, zero: 0 };
const BIGINTS: Exact<bigint> = {
  of: (d) => BigInt(d.toFixed(0)),
  add: (a, b) => a + b,
  less: (a, b) => a < b,
  zero: 0n,
};

interface Item<T> {
  units: number;
  investment: T;
  annualReturn: T;
}

/**
 * 0/1 knapsack over total reward (in units), keeping for each total the least investment and,
 * at equal investment, the higher return. Lexicographic order is kept by addition, so the best
 * set for each total is built from the best sets for smaller totals: exact, not greedy.
 * Returns the indices of the chosen items.
 */
function knapsack<T>(items: Item<T>[], capacity: T, ex: Exact<T>): number[] {
  // Tables by total reward, 0 to the sum of all units: every total looked up below is within them.
  const states = items.reduce((n, it) => n + it.units, 0) + 1;
  const reached = new Uint8Array(states);
  const investment: T[] = new Array<T>(states).fill(ex.zero);
  const annualReturn: T[] = new Array<T>(states).fill(ex.zero);
  // One bit per item and total: set when the best set for that total takes the item.
  const words = Math.ceil(states / 32);
  const took = new Uint32Array(items.length * words);
  const word = (i: number, t: number) => i * words + (t >>> 5);
  const take = (i: number, t: number) => {
    const w = word(i, t);
    took[w] = (took[w] ?? 0) | (1 << (t & 31));
  };
  const takes = (i: number, t: number) => ((took[word(i, t)] ?? 0) & (1 << (t & 31))) !== 0;
  // Whether a set with this investment and return beats the best set reaching total t: it invests
  // less, or as much for a higher return. A total's figures are set once reached (they start at zero).
  const beats = (inv: T, ret: T, t: number) => {
    const was = investment[t] ?? ex.zero;
    return ex.less(inv, was) || (inv === was && ex.less(annualReturn[t] ?? ex.zero, ret));
  };
  reached[0] = 1;
  let reach = 0;
  items.forEach((item, i) => {
    for (let r = reach; r >= 0; r--) {
      if (!reached[r]) continue;
      const inv = ex.add(investment[r] ?? ex.zero, item.investment);
      if (ex.less(capacity, inv)) continue;
      const ret = ex.add(annualReturn[r] ?? ex.zero, item.annualReturn);
      const t = r + item.units;
      if (reached[t] && !beats(inv, ret, t)) continue;
      reached[t] = 1;
      investment[t] = inv;
      annualReturn[t] = ret;
      take(i, t);
    }
    reach += item.units;
  });
  let best = reach;
  while (!reached[best]) best--;
  const chosen: number[] = [];
  items.reduceRight((r, item, i) => {
    if (!takes(i, r)) return r;
    chosen.push(i);
    return r - item.units;
  }, best);
  return chosen.reverse();
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Reward in tenths, divided by their common factor (with whole-number weights every reward is a multiple of 0.2) to keep the table small. */
function rewardUnits(rewards: Decimal[]): number[] {
  return rewardScale(rewards).units;
}

function rewardScale(rewards: Decimal[]): { units: number[]; tenthsPerUnit: number } {
  const tenths = rewards.map((r) => {
    const t = r.times(10);
    if (!t.isInteger() || t.isNegative())
      throw new RangeError(
        `a reward score for the envelope must be shown to one decimal place and not be negative: ${r.toFixed()}`,
      );
    return t.toNumber();
  });
  const common = tenths.reduce(gcd, 0) || 1;
  return { units: tenths.map((t) => t / common), tenthsPerUnit: common };
}

/**
 * Among the candidates, the set with the largest total reward whose total investment fits the
 * envelope (£000); ties go to the smaller total investment, then the higher total annual return.
 * Money is scaled to whole numbers by the most decimal places any figure has, so every
 * comparison is exact.
 */
export function chooseWithinEnvelope<T extends EnvelopeCandidate>(
  candidates: T[],
  envelope: Decimal,
): EnvelopeChoice<T> {
  if (envelope.isNegative()) throw new RangeError(`the envelope cannot be negative: ${envelope.toFixed()}`);
  const fitting = candidates.filter((c) => c.investment.lte(envelope));
  const figures = [envelope, ...fitting.flatMap((c) => [c.investment, c.annualReturn])];
  const scale = new Decimal(10).pow(Math.max(...figures.map((f) => f.decimalPlaces())));
  const largest = Decimal.max(envelope.times(2), sum(fitting.map((c) => c.annualReturn.abs()))).times(scale);
  const units = rewardUnits(fitting.map((c) => c.reward));
  const run = <N>(ex: Exact<N>) =>
    knapsack(
      fitting.map((c, i) => ({
        units: itemAt(units, i), // one per candidate
        investment: ex.of(c.investment.times(scale)),
        annualReturn: ex.of(c.annualReturn.times(scale)),
      })),
      ex.of(envelope.times(scale)),
      ex,
    );
  const taken = new Set(largest.lte(Number.MAX_SAFE_INTEGER) ? run(NUMBERS) : run(BIGINTS));
  const chosen = fitting.filter((_, i) => taken.has(i));
  return {
    chosen,
    totalInvestment: sum(chosen.map((c) => c.investment)),
    totalReward: sum(chosen.map((c) => c.reward)),
    totalReturn: sum(chosen.map((c) => c.annualReturn)),
  };
}

/** Money scaled to whole numbers by the most decimal places any figure has, as the choice does. */
function moneyScale(envelope: Decimal, fitting: EnvelopeCandidate[]): { scale: Decimal; largest: Decimal } {
  const figures = [envelope, ...fitting.flatMap((c) => [c.investment, c.annualReturn])];
  const scale = new Decimal(10).pow(Math.max(...figures.map((f) => f.decimalPlaces())));
  return { scale, largest: Decimal.max(envelope.times(2), sum(fitting.map((c) => c.investment))).times(scale) };
}

/**
 * Over sets that differ from `chosen`, the least investment reaching each total reward: the 0/1 table of the
 * choice, plus at each item the chosen set's prefix with that one decision turned the other way.
 */
function bestOther<T>(items: Item<T>[], inChosen: boolean[], capacity: T, ex: Exact<T>): number {
  const states = items.reduce((n, it) => n + it.units, 0) + 1;
  const reached = new Uint8Array(states);
  const investment: T[] = new Array<T>(states).fill(ex.zero);
  const offer = (t: number, inv: T) => {
    if (ex.less(capacity, inv)) return;
    if (reached[t] && !ex.less(inv, investment[t] ?? ex.zero)) return;
    reached[t] = 1;
    investment[t] = inv;
  };
  let prefix = { units: 0, investment: ex.zero };
  let reach = 0;
  items.forEach((item, i) => {
    for (let r = reach; r >= 0; r--)
      if (reached[r]) offer(r + item.units, ex.add(investment[r] ?? ex.zero, item.investment));
    const taken = { units: prefix.units + item.units, investment: ex.add(prefix.investment, item.investment) };
    if (inChosen[i]) offer(prefix.units, prefix.investment);
    else offer(taken.units, taken.investment);
    if (inChosen[i]) prefix = taken;
    reach += item.units;
  });
  let best = reach;
  while (best >= 0 && !reached[best]) best--;
  return best;
}

/**
 * How far the chosen set's total reward is ahead of the best other set that fits the envelope, in tenths of a
 * reward point: 0 when another set ties it on reward (the tie-breaks decide), null when no other set fits. While
 * the rewards move by less than this in all (against the chosen set), the same set stays the choice: the weight
 * sensitivity uses it to avoid choosing again at every step.
 */
export function envelopeMargin<T extends EnvelopeCandidate>(
  candidates: T[],
  envelope: Decimal,
  chosen: T[],
): number | null {
  const fitting = candidates.filter((c) => c.investment.lte(envelope));
  const { scale, largest } = moneyScale(envelope, fitting);
  const { units, tenthsPerUnit } = rewardScale(fitting.map((c) => c.reward));
  const inChosen = fitting.map((c) => chosen.includes(c));
  const chosenUnits = units.reduce((t, u, i) => t + (inChosen[i] ? u : 0), 0);
  const run = <N>(ex: Exact<N>) =>
    bestOther(
      fitting.map((c, i) => ({
        units: itemAt(units, i),
        investment: ex.of(c.investment.times(scale)),
        annualReturn: ex.zero,
      })),
      inChosen,
      ex.of(envelope.times(scale)),
      ex,
    );
  const other = largest.lte(Number.MAX_SAFE_INTEGER) ? run(NUMBERS) : run(BIGINTS);
  return other < 0 ? null : Math.max(0, chosenUnits - other) * tenthsPerUnit;
}
