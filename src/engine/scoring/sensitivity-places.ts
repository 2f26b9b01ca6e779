import type { BandSteps } from './band-steps';
import * as Q from './ratio';
import { earlier, earliest, reachState, sameState, tenthsIn, walk, type RewardLine, type State } from './weight-walk';

/*
 * When a proposal's own place or band first changes as one weight moves, found pair by pair rather than by walking
 * every proposal's every step.
 *
 * Whether q ranks ahead of p depends on whether each is gated and, when both are or neither is, on their rewards
 * as shown (then the tie-breaks). Two facts keep this cheap and still exact:
 *  - if q's exact reward is 0.1 or more above p's, q shows at least a tenth more, so q is ahead; 0.1 or more
 *    below, p is ahead. The difference is a straight line too, so the order can only change inside one stretch
 *    of weights (the window where the two are within 0.1) or where either's gate lifts or applies;
 *  - a quick floating-point look at each pair says how soon its order could possibly change, so only the pairs
 *    that could change first are worked out exactly.
 */

/** What a walk in one direction needs: each proposal's line, the rank tie-breaks, the bands by tenths. */
export interface Walk {
  lines: RewardLine[];
  /** Each line as floating-point numbers, only to decide which pairs to work out exactly. */
  approx: { a: number; b: number }[];
  dir: 1 | -1;
  from: Ratio;
  end: Ratio;
  tenths: number[];
  tie: number[];
  bands: BandSteps;
  /** Per proposal, the state where its gated status changes, if it does within the walk. */
  gateFlip: (State | null)[];
}
type Ratio = Q.Ratio;

/** A state inside the walk's range: from its start up to the end weight itself (nothing lies past the end). */
const within = (w: Walk, s: State) => {
  const toEnd = Q.cmp(s.t, w.end) * w.dir;
  return (toEnd < 0 || (toEnd === 0 && !s.beyond)) && Q.cmp(s.t, w.from) * w.dir >= 0;
};

/** Does q rank ahead of p, given the tenths each shows? */
function ahead(w: Walk, q: number, p: number, tq: number, tp: number): boolean {
  const gq = w.bands.gated(q, tq);
  const gp = w.bands.gated(p, tp);
  if (gq !== gp) return !gq;
  if (tq !== tp) return tq > tp;
  return w.tie[q]! < w.tie[p]!;
}

export function aheadNow(w: Walk, q: number, p: number): boolean {
  return ahead(w, q, p, w.tenths[q]!, w.tenths[p]!);
}

/** Where a proposal's gated status changes on this walk (a state), or null. */
export function gateFlipState(w: Walk, i: number): State | null {
  const from = w.bands.ungatedFrom(i);
  const line = w.lines[i]!;
  const now = w.tenths[i]!;
  const rising = Q.sign(line.b) * w.dir > 0;
  if (from === null || from === 0 || Q.sign(line.b) === 0) return null;
  const target = rising ? (now < from ? from : null) : now >= from ? from - 1 : null;
  if (target === null) return null;
  const s = reachState(line, target, w.dir);
  return within(w, s) ? s : null;
}

/** Where p's band first changes on this walk, or null. */
export function bandChange(w: Walk, p: number): State | null {
  const line = w.lines[p]!;
  if (Q.sign(line.b) === 0) return null;
  const target = w.bands.nextChange(p, w.tenths[p]!, Q.sign(line.b) * w.dir > 0);
  if (target === null) return null;
  const s = reachState(line, target, w.dir);
  return within(w, s) ? s : null;
}

/**
 * The weights (in walk order) where the order of q and p is in doubt when neither or both are gated. Say q wins a
 * tie. Wherever q's exact reward is at least p's, q shows at least as much, so it is ahead; wherever it is 0.1 or
 * more below, p shows more. Only in between (p above by less than 0.1) can rounding put either ahead, and there a
 * change comes at the first crossing of the leading line, so the walk through it is short. Null when never.
 */
function window(w: Walk, q: number, p: number): [Ratio, Ratio] | null {
  const da = Q.sub(w.lines[q]!.a, w.lines[p]!.a);
  const db = Q.sub(w.lines[q]!.b, w.lines[p]!.b);
  // Parallel lines are the same line (same scores) or at least 20 apart: the order never hangs on rounding.
  if (Q.sign(db) === 0) return null;
  const qWinsTies = w.tie[q]! < w.tie[p]!;
  const [dLow, dHigh] = qWinsTies ? [Q.ratio(-1, 10), Q.ratio(0)] : [Q.ratio(0), Q.ratio(1, 10)];
  const x = Q.div(Q.sub(dLow, da), db);
  const y = Q.div(Q.sub(dHigh, da), db);
  const [lo, hi] = Q.cmp(x, y) * w.dir < 0 ? [x, y] : [y, x];
  const first = Q.cmp(lo, w.from) * w.dir > 0 ? lo : w.from;
  const last = Q.cmp(hi, w.end) * w.dir < 0 ? hi : w.end;
  return Q.cmp(first, last) * w.dir < 0 ? [first, last] : null;
}

/**
 * The first state after `from` (no later than `limit`) at which q's being ahead of p is no longer `was`; null
 * when it stays so. Only the window and the two gate changes can change it.
 */
export function nextFlip(w: Walk, q: number, p: number, from: State, was: boolean, limit: State): State | null {
  const lq = w.lines[q]!;
  const lp = w.lines[p]!;
  const flipsAt = (s: State) => ahead(w, q, p, tenthsIn(lq, s, w.dir), tenthsIn(lp, s, w.dir)) !== was;
  const gate = [w.gateFlip[q] ?? null, w.gateFlip[p] ?? null]
    .filter((s): s is State => !!s && earlier(from, s, w.dir) && !earlier(limit, s, w.dir) && flipsAt(s))
    .sort((x, y) => (earlier(x, y, w.dir) ? -1 : 1))[0];
  let found: State | null = gate ?? null;
  const win = window(w, q, p);
  if (win) {
    const start = Q.cmp(win[0], from.t) * w.dir > 0 ? win[0] : from.t;
    const stopAt = found ?? limit;
    const stop = Q.cmp(win[1], stopAt.t) * w.dir < 0 ? win[1] : stopAt.t;
    if (Q.cmp(start, stop) * w.dir < 0) {
      walk([lq, lp], start, stop, w.dir, (_, at, beyond, t) => {
        const s = { t: at, beyond };
        if (!earlier(from, s, w.dir) || ahead(w, q, p, t[0]!, t[1]!) === was) return false;
        found = earliest([found, s], w.dir);
        return true;
      });
    }
  }
  return found && !earlier(limit, found, w.dir) ? found : null;
}

/** A floating-point distance (in weight, from the start) before which q and p cannot change order; never more than the truth. */
function soonest(w: Walk, q: number, p: number, from: number, gateDistance: number[]): number {
  const aq = w.approx[q]!;
  const ap = w.approx[p]!;
  const slope = (aq.b - ap.b) * w.dir;
  // The difference q − p now, and the stretch of differences where rounding decides (see window), widened a little.
  const d0 = aq.a - ap.a + (aq.b - ap.b) * from;
  const [lo, hi] = w.tie[q]! < w.tie[p]! ? [-0.1, 0] : [0, 0.1];
  const slack = 1e-9;
  let windowDistance: number;
  if (d0 > lo - slack && d0 < hi + slack) windowDistance = 0;
  else if (Math.abs(slope) < 1e-9) windowDistance = aq.a === ap.a && aq.b === ap.b ? Infinity : 0;
  else {
    const target = d0 <= lo ? lo : hi;
    const distance = (target - d0) / slope;
    windowDistance =
      distance < 0 ? Infinity : Math.max(0, (Math.abs(target - d0) - slack) / Math.abs(slope)) * (1 - 1e-6);
  }
  return Math.min(windowDistance, gateDistance[q]!, gateDistance[p]!);
}

function distance(w: Walk, s: State | null): number {
  if (!s) return Infinity;
  const t = Q.toNumber(s.t);
  return Math.max(0, (t - Q.toNumber(w.from)) * w.dir - 1e-9);
}

/**
 * The first state at which p's rank changes on this walk, and the rank it then has; null when it keeps its rank to
 * the end. Pairs are worked out exactly in order of how soon they could change; when changes at one state cancel
 * out (one proposal passes p as p passes another), the walk goes on.
 */
export function rankChange(w: Walk, p: number, rank: number): { state: State; rank: number } | null {
  const n = w.lines.length;
  const gateDistance = w.gateFlip.map((s) => distance(w, s));
  const start = Q.toNumber(w.from);
  const pending = Array.from({ length: n }, (_, q) => q)
    .filter((q) => q !== p)
    .map((q) => ({ q, soonest: soonest(w, q, p, start, gateDistance) }))
    .filter((x) => x.soonest < Infinity)
    .sort((x, y) => x.soonest - y.soonest);
  const was = new Map(pending.map(({ q }) => [q, aheadNow(w, q, p)]));
  const flips: { q: number; s: State }[] = [];
  // Pairs searched only up to an earlier change, and found not to change by then.
  const deferred: typeof pending = [];
  const end = { t: w.end, beyond: true };
  let best: State | null = null;
  let bestDistance = Infinity;
  const found = (q: number, s: State) => {
    flips.push({ q, s });
    if (!best || earlier(s, best, w.dir)) {
      best = s;
      bestDistance = distance(w, s);
    }
  };
  let from: State = { t: w.from, beyond: false };
  let cursor = 0;
  for (;;) {
    // Work out every pair that could change no later than the earliest change found so far.
    while (cursor < pending.length && pending[cursor]!.soonest <= bestDistance + 1e-9) {
      const pair = pending[cursor++]!;
      const s = nextFlip(w, pair.q, p, from, was.get(pair.q)!, best ?? end);
      if (s) found(pair.q, s);
      else if (best) deferred.push(pair);
    }
    const at: State | null = best;
    if (!at) return null;
    const group = flips.filter((f) => sameState(f.s, at));
    const net = group.reduce((sum, f) => sum + (was.get(f.q) ? 1 : -1), 0);
    // A proposal that was ahead and no longer is moves p up a place; one newly ahead moves it down.
    if (net !== 0) return { state: at, rank: rank - net };
    // The changes cancel out: p keeps its rank, so go on from here, searching the deferred pairs again.
    from = at;
    pending.splice(0, cursor, ...deferred.splice(0));
    pending.sort((x, y) => x.soonest - y.soonest);
    cursor = 0;
    for (const f of group) flips.splice(flips.indexOf(f), 1);
    best = earliest(
      flips.map((f) => f.s),
      w.dir,
    );
    bestDistance = distance(w, best);
    for (const f of group) {
      was.set(f.q, !was.get(f.q));
      const s = nextFlip(w, f.q, p, at, was.get(f.q)!, end);
      if (s) found(f.q, s);
    }
  }
}
