import { Decimal } from '../money';
import { BandSteps } from './band-steps';
import { CRITERION_NAMES, type Band, type CriterionId, type GateId, type ScoringModel } from './model';
import * as Q from './ratio';
import type { Ratio } from './ratio';
import { byRank, judgeAt, type ScoredProposal } from './score';
import { bandChangeWords, envelopeChangeWords, orderChangeWords, placeChangeWords, verdict } from './sensitivity-words';
import { chooseAt, envelopeChange } from './sensitivity-envelope';
import { bandChange, gateFlipState, rankChange, type Walk } from './sensitivity-places';
import { earliest, moveWeight, sameState, tenthsAt, tenthsIn, type MovedWeight, type State } from './weight-walk';

/** How many places at the top of the ranking the sensitivity watches: their proposals and their order. */
export const TOP_PLACES = 3;

/** One end of a range of weights: the weight, and whether the range includes it. */
export interface Bound {
  at: Ratio;
  included: boolean;
}

/** The weights one criterion can take (the others rescaled to keep the total) before something changes. */
export interface Range {
  criterion: CriterionId;
  name: string;
  /** The weight now. */
  weight: Decimal;
  /** False when every other weight is 0, so there is nothing to rescale and this weight cannot move. */
  movable: boolean;
  low: Bound;
  high: Bound;
  /** What changes first just below `low` and just above `high`, in words; null when nothing changes out to 0 or the total. */
  below: string[] | null;
  above: string[] | null;
}

/** How robust one proposal's place and band are to each weight. */
export interface ProposalRobustness {
  ref: string;
  project: string;
  rank: number;
  band: Band;
  /** One per criterion, in the model's order; `below`/`above` say what happens to this proposal. */
  ranges: Range[];
  /** One line: the place and band it keeps, over the range of the weight it is most sensitive to. */
  verdict: string;
}

export interface WeightSensitivity {
  /** The weights' total (100). */
  total: Decimal;
  topPlaces: number;
  /** The envelope watched, when one was given (and there are few enough proposals to watch it). */
  envelope: Decimal | null;
  /** An envelope was given but not watched: there are more than ENVELOPE_WATCH_LIMIT proposals. */
  envelopeNotWatched: boolean;
  /**
   * One per criterion, in the model's order: the range over which the top places, every band and the envelope's
   * choice all stay as they are.
   */
  weights: Range[];
  /** In rank order. */
  proposals: ProposalRobustness[];
}

interface Outcome {
  top: number[];
  bands: Band[];
  gates: GateId[][];
  chosen: number[] | null;
}

const sameList = (a: readonly number[] | null, b: readonly number[] | null) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]));

/** Each proposal's place among equals: the rank's tie-breaks alone (risk rating, annual net return, sheet order). */
function tieOrder(projects: ScoredProposal[]): number[] {
  const tie: number[] = [];
  projects
    .map((p, i) => ({ p: { ...p, gates: [], reward: new Decimal(0) }, i }))
    .sort((x, y) => byRank(x.p, y.p))
    .forEach((x, place) => (tie[x.i] = place));
  return tie;
}

/** Ranks 1…n from the tenths shown: not gated first, then higher reward, then the tie-breaks (as byRank). */
function ranksOf(x: Basis, tenths: readonly number[]): number[] {
  const gated = tenths.map((t, i) => x.bands.gated(i, t));
  const order = tenths
    .map((_, i) => i)
    .sort((i, j) => Number(gated[i]) - Number(gated[j]) || tenths[j]! - tenths[i]! || x.tie[i]! - x.tie[j]!);
  const rank: number[] = [];
  order.forEach((i, place) => (rank[i] = place + 1));
  return rank;
}

/** The outcome the sensitivity watches, with the rewards shown as `tenths`. */
function outcomeAt(x: Basis, tenths: readonly number[]): Outcome {
  const rank = ranksOf(x, tenths);
  const top: number[] = [];
  rank.forEach((r, i) => r <= TOP_PLACES && (top[r - 1] = i));
  return {
    top,
    bands: tenths.map((t, i) => x.bands.band(i, t)),
    gates: tenths.map((t, i) => judgeAt(x.projects[i]!, new Decimal(t).div(10), x.model).gates),
    chosen: x.envelope ? chooseAt(x.bands, x.projects, tenths, x.envelope) : null,
  };
}

function describeOutcome(base: Outcome, now: Outcome, projects: ScoredProposal[]): string[] {
  const ref = (i: number) => projects[i]!.ref;
  const words: string[] = [];
  if (!sameList(base.top, now.top)) words.push(orderChangeWords(base.top.map(ref), now.top.map(ref)));
  now.bands.forEach((band, i) => {
    if (band !== base.bands[i])
      words.push(bandChangeWords(ref(i), base.bands[i]!, base.gates[i]!, band, now.gates[i]!));
  });
  if (!sameList(base.chosen, now.chosen)) words.push(envelopeChangeWords(base.chosen!.map(ref), now.chosen!.map(ref)));
  return words;
}

/** A range's end from the state at which something first changes: a crossing itself is left out, a stretch past it is not. */
const boundAt = (s: State): Bound => ({ at: s.t, included: s.beyond });

function fixedRange(criterion: CriterionId, weight: Decimal, movable: boolean): Range {
  const at = Q.fromDecimal(weight);
  return {
    criterion,
    name: CRITERION_NAMES[criterion],
    weight,
    movable,
    low: { at, included: true },
    high: { at, included: true },
    below: null,
    above: null,
  };
}

/** What every walk shares: the proposals, the model, the envelope, the rank's tie-breaks, the bands by reward. */
interface Basis {
  projects: ScoredProposal[];
  model: ScoringModel;
  envelope: Decimal | null;
  tie: number[];
  bands: BandSteps;
}

interface Shared extends Basis {
  /** The outcome and ranks with the weights as they are (every walk starts from the rewards shown now). */
  base: Outcome;
  rank: number[];
}

/** One direction of one weight: fills in the `side` end of the overall range and of every proposal's range. */
function walkSide(x: Shared, moved: MovedWeight, dir: 1 | -1, weight: Range, perProposal: Range[]): void {
  const { projects } = x;
  const end = dir < 0 ? Q.ratio(0) : moved.total;
  const tenths = moved.lines.map((l) => tenthsAt(l, moved.now));
  const w: Walk = {
    lines: moved.lines,
    approx: moved.lines.map((l) => ({ a: Q.toNumber(l.a), b: Q.toNumber(l.b) })),
    dir,
    from: moved.now,
    end,
    tenths,
    tie: x.tie,
    bands: x.bands,
    gateFlip: [],
  };
  w.gateFlip = moved.lines.map((_, i) => gateFlipState(w, i));
  const { base, rank } = x;
  const side = dir < 0 ? ('low' as const) : ('high' as const);
  const words = dir < 0 ? ('below' as const) : ('above' as const);
  const last: Bound = { at: end, included: true };
  const bandChanges = projects.map((_, p) => bandChange(w, p));
  const rankChanges = projects.map((_, p) => rankChange(w, p, rank[p]!));
  projects.forEach((_, p) => {
    const moves = rankChanges[p];
    const first = earliest([bandChanges[p]!, moves?.state ?? null], dir);
    const r = perProposal[p]!;
    r[side] = first ? boundAt(first) : last;
    if (!first) return;
    const after = {
      rank: moves && sameState(moves.state, first) ? moves.rank : rank[p]!,
      band: x.bands.band(p, tenthsIn(moved.lines[p]!, first, dir)),
    };
    r[words] = [placeChangeWords({ rank: rank[p]!, band: base.bands[p]! }, after)];
  });
  const other = earliest([...base.top.map((p) => rankChanges[p]?.state ?? null), ...bandChanges], dir);
  const limit = other ?? { t: end, beyond: false };
  const envelopeMoves = x.envelope ? envelopeChange(w, projects, x.envelope, base.chosen!, limit) : null;
  const first = earliest([other, envelopeMoves], dir);
  weight[side] = first ? boundAt(first) : last;
  if (first) {
    const now = outcomeAt(
      x,
      moved.lines.map((l) => tenthsIn(l, first, dir)),
    );
    weight[words] = describeOutcome(base, now, projects);
  }
}

function analyseCriterion(x: Shared, k: number): { weight: Range; perProposal: Range[] } {
  const criterion = x.model.criteria[k]!;
  const moved = moveWeight(x.projects, x.model, k);
  const range = (movable: boolean) => fixedRange(criterion.id, criterion.weight, movable);
  const weight = range(!!moved);
  const perProposal = x.projects.map(() => range(!!moved));
  if (moved) for (const dir of [-1, 1] as const) walkSide(x, moved, dir, weight, perProposal);
  return { weight, perProposal };
}

/**
 * How far each weight can move (the others rescaled in proportion, so the total stays 100) before the top places,
 * any band or the envelope's choice changes, and which change comes first; and for each proposal, how far each
 * weight can move before its own place or band changes. Exact: see weight-walk.ts.
 */
/**
 * Watching the envelope's choice means choosing the best set again wherever it could change: exact, but with
 * hundreds of proposals it takes minutes (300 proposals, an envelope choosing 51: about four minutes), which the
 * pane, the report and the command line would all wait for. Beyond this many proposals it is not watched, and
 * the words say so (ENVELOPE_NOT_WATCHED).
 */
export const ENVELOPE_WATCH_LIMIT = 60;
export const ENVELOPE_NOT_WATCHED = `the envelope's choice is not watched with more than ${ENVELOPE_WATCH_LIMIT} proposals: working it out across every weight would take minutes`;

export function weightSensitivity(projects: ScoredProposal[], model: ScoringModel, given?: Decimal): WeightSensitivity {
  const envelope = given && projects.length <= ENVELOPE_WATCH_LIMIT ? given : undefined;
  const total = model.criteria.reduce((t, c) => t.plus(c.weight), new Decimal(0));
  const basis: Basis = {
    projects,
    model,
    envelope: envelope ?? null,
    tie: tieOrder(projects),
    bands: new BandSteps(projects, model, total.times(10).ceil().toNumber()),
  };
  const tenths = projects.map((p) => p.reward.times(10).toNumber());
  const shared: Shared = { ...basis, base: outcomeAt(basis, tenths), rank: ranksOf(basis, tenths) };
  const analyses = model.criteria.map((_, k) => analyseCriterion(shared, k));
  const proposals = projects
    .map((p, i) => {
      const ranges = analyses.map((a) => a.perProposal[i]!);
      return { ref: p.ref, project: p.project, rank: p.rank, band: p.band, ranges, verdict: verdict(p, ranges, total) };
    })
    .sort((a, b) => a.rank - b.rank);
  return {
    total,
    topPlaces: TOP_PLACES,
    envelope: envelope ?? null,
    envelopeNotWatched: !!given && !envelope,
    weights: analyses.map((a) => a.weight),
    proposals,
  };
}
