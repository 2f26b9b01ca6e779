import * as Q from './ratio';
import type { Ratio } from './ratio';
import type { ScoringModel } from './model';
import type { ScoredProposal } from './score';

/*
 * Moving one weight: the exact walk behind the weight sensitivity.
 *
 * Criterion k's weight goes to t and every other weight w_j is rescaled to w_j × (T − t) ÷ (T − w_k), so the
 * weights still add up to T (100). A proposal's reward, Σ weight × score ÷ 5, is then a straight line in t:
 *
 *   R(t) = a + b·t,  a = T·O ÷ (5·S),  b = (s_k − O ÷ S) ÷ 5,  where S = T − w_k and O = Σ_{j≠k} w_j·s_j.
 *
 * The model uses the reward as shown, to one decimal place rounding halves up, so what a proposal's band, gates,
 * rank and place in the envelope can depend on only changes where its line crosses a half-tenth (69.95, 70.05…).
 * The walk visits those crossings in order from the current weight outwards, exactly (fractions, not floats), and
 * gives each state in turn: the state at a crossing, then the state on the open stretch just past it. Both matter:
 * at a crossing a rising line already shows the higher tenth (69.95 shows as 70.0), a falling one still does.
 */

/** A proposal's reward as a line in the weight being moved: R(t) = a + b·t. */
export interface RewardLine {
  a: Ratio;
  b: Ratio;
}

export interface MovedWeight {
  lines: RewardLine[];
  /** The weights' total (100), the criterion's weight now, and the least and most it can be. */
  total: Ratio;
  now: Ratio;
}

/** The lines for moving criterion `k` (its index in the model); null when every other weight is 0, so none can be rescaled. */
export function moveWeight(projects: ScoredProposal[], model: ScoringModel, k: number): MovedWeight | null {
  const weights = model.criteria.map((c) => Q.fromDecimal(c.weight));
  const total = weights.reduce(Q.add, Q.ratio(0));
  const now = weights[k]!;
  const others = Q.sub(total, now);
  if (Q.sign(others) <= 0) return null;
  const lines = projects.map((p) => {
    const score = (j: number) => Q.ratio(p.criteria[j]!.score);
    const other = weights.reduce((o, w, j) => (j === k ? o : Q.add(o, Q.mul(w, score(j)))), Q.ratio(0));
    const perWeight = Q.div(other, others);
    return {
      a: Q.div(Q.mul(total, perWeight), Q.ratio(5)),
      b: Q.div(Q.sub(score(k), perWeight), Q.ratio(5)),
    };
  });
  return { lines, total, now };
}

export const rewardAt = (line: RewardLine, t: Ratio): Ratio => Q.add(line.a, Q.mul(line.b, t));

/** The reward as shown, in tenths: round half up to one decimal place (rewards are never negative). */
export function tenthsAt(line: RewardLine, t: Ratio): number {
  return Number(Q.floor(Q.add(Q.mul(rewardAt(line, t), Q.ratio(10)), Q.ratio(1, 2))));
}

/** The next weight beyond `t`, in direction `dir`, at which the line crosses a half-tenth; null when it is flat. */
function nextCrossing(line: RewardLine, t: Ratio, dir: 1 | -1): Ratio | null {
  const rising = Q.sign(line.b) * dir;
  if (rising === 0) return null;
  const twenty = Q.mul(rewardAt(line, t), Q.ratio(20));
  // Half-tenths are odd twentieths: the next one above (or below) the reward now, never the one it sits on.
  let odd = rising > 0 ? Q.floor(twenty) + 1n : Q.ceil(twenty) - 1n;
  if (odd % 2n === 0n) odd += rising > 0 ? 1n : -1n;
  return Q.div(Q.sub(Q.ratio(odd, 20), line.a), line.b);
}

/** A state of the walk: at weight `t` itself, or (`beyond`) on the open stretch just past it in the walk's direction. */
export interface State {
  t: Ratio;
  beyond: boolean;
}

/** True when state `x` comes before state `y` walking in direction `dir`. */
export function earlier(x: State, y: State, dir: 1 | -1): boolean {
  const c = Q.cmp(x.t, y.t) * dir;
  return c < 0 || (c === 0 && !x.beyond && y.beyond);
}

export const sameState = (x: State, y: State) => Q.eq(x.t, y.t) && x.beyond === y.beyond;

/** The earliest of some states (nulls ignored), or null. */
export function earliest(states: (State | null)[], dir: 1 | -1): State | null {
  return states.reduce<State | null>((best, s) => (s && (!best || earlier(s, best, dir)) ? s : best), null);
}

const fallingIn = (line: RewardLine, dir: 1 | -1) => Q.sign(line.b) * dir < 0;

/** The reward as shown, in tenths, in a state. */
export function tenthsIn(line: RewardLine, s: State, dir: 1 | -1): number {
  const at = tenthsAt(line, s.t);
  return s.beyond && fallingIn(line, dir) && onHalfTenth(line, s.t) ? at - 1 : at;
}

/**
 * The state at which the line, walking in direction `dir`, first shows `target` tenths (a value it is heading
 * towards): a rising line shows it at the crossing itself, a falling one just past it.
 */
export function reachState(line: RewardLine, target: number, dir: 1 | -1): State {
  const falling = fallingIn(line, dir);
  const half = Q.ratio(2 * target + (falling ? 1 : -1), 20);
  return { t: Q.div(Q.sub(half, line.a), line.b), beyond: falling };
}

/** True when the line sits exactly on a half-tenth at t. */
function onHalfTenth(line: RewardLine, t: Ratio): boolean {
  const twenty = Q.mul(rewardAt(line, t), Q.ratio(20));
  return twenty.d === 1n && twenty.n % 2n !== 0n;
}

/**
 * Called for each state in turn: `at` is a crossing (or the start) and `beyond` says whether the state is the one
 * at that weight or on the open stretch just past it. `changed` lists the proposals whose tenths changed since the
 * state before. Returns true to stop the walk (everything watched has found its first change).
 */
export type Step = (changed: number[], at: Ratio, beyond: boolean, tenths: readonly number[]) => boolean;

/** A small binary heap of crossings, nearest first in the walk's direction. */
class Crossings {
  private readonly heap: { t: Ratio; i: number }[] = [];
  constructor(private readonly dir: 1 | -1) {}
  private before(x: Ratio, y: Ratio): boolean {
    return Q.cmp(x, y) * this.dir < 0;
  }
  push(t: Ratio, i: number): void {
    const h = this.heap;
    h.push({ t, i });
    for (let c = h.length - 1; c > 0;) {
      const parent = (c - 1) >> 1;
      if (!this.before(h[c]!.t, h[parent]!.t)) break;
      [h[c], h[parent]] = [h[parent]!, h[c]!];
      c = parent;
    }
  }
  peek(): Ratio | null {
    return this.heap[0]?.t ?? null;
  }
  pop(): number {
    const h = this.heap;
    const top = h[0]!.i;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let c = 0; ;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < h.length && this.before(h[l]!.t, h[m]!.t)) m = l;
        if (r < h.length && this.before(h[r]!.t, h[m]!.t)) m = r;
        if (m === c) break;
        [h[c], h[m]] = [h[m]!, h[c]!];
        c = m;
      }
    }
    return top;
  }
}

/**
 * Walks from `from` to `end` (inclusive) in direction `dir`, calling `step` for every state after the one at `from`
 * (which the caller works out with tenthsAt), until `step` returns true or `end` is reached.
 */
export function walk(lines: RewardLine[], from: Ratio, end: Ratio, dir: 1 | -1, step: Step): void {
  if (Q.eq(from, end)) return;
  const tenths = lines.map((l) => tenthsAt(l, from));
  const falling = (i: number) => fallingIn(lines[i]!, dir);
  // Just past the start: a line sitting on a half-tenth and falling drops to the tenth below.
  const leaving = lines.flatMap((l, i) => (onHalfTenth(l, from) && falling(i) ? [i] : []));
  leaving.forEach((i) => (tenths[i] = tenths[i]! - 1));
  if (step(leaving, from, true, tenths)) return;
  const queue = new Crossings(dir);
  const reaches = (t: Ratio) => Q.cmp(t, end) * dir <= 0;
  const enqueue = (i: number, t: Ratio) => {
    const next = nextCrossing(lines[i]!, t, dir);
    if (next && reaches(next)) queue.push(next, i);
  };
  lines.forEach((_, i) => enqueue(i, from));
  for (let at = queue.peek(); at; at = queue.peek()) {
    const crossing: number[] = [];
    while (queue.peek() && Q.eq(queue.peek()!, at)) crossing.push(queue.pop());
    // At the crossing every line shows the higher tenth: a rising line has just reached it.
    const rising = crossing.filter((i) => !falling(i));
    rising.forEach((i) => (tenths[i] = tenths[i]! + 1));
    if (step(rising, at, false, tenths)) return;
    if (Q.eq(at, end)) return;
    const dropping = crossing.filter(falling);
    dropping.forEach((i) => (tenths[i] = tenths[i]! - 1));
    if (step(dropping, at, true, tenths)) return;
    crossing.forEach((i) => enqueue(i, at));
  }
}
