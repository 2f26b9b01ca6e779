import { capitalise } from '../../engine/compare';
import {
  edgeWords,
  ENVELOPE_NOT_WATCHED,
  NOTE_KEYS,
  NOTE_NAMES,
  scoreAnalysis,
  scoreChanges,
  shownHigh,
  shownLow,
  type PreviousScores,
  type Range,
  type ScoredProposal,
  type ScoreResult,
  type WhatItTakes,
} from '../../engine/scoring';

/*
 * The Score view's robustness chart, "what it would take", who scored what and the changes since an earlier
 * scoring, in words and plain numbers for drawing: all worked out by the engine (scoreAnalysis, scoreChanges).
 */

/** One bar of the tornado: the weights over which nothing watched changes. Numbers only for drawing; words for reading. */
export interface WeightBar {
  name: string;
  /** The weight now, and the range's ends as shown (one decimal place, inside the range). */
  weight: number;
  low: number;
  high: number;
  /** "22.3–98.3". */
  rangeText: string;
  weightText: string;
  movable: boolean;
  /** What changes first at each end, in words; null when nothing does out to 0 or the total. */
  below: string | null;
  above: string | null;
  /** The bar's name for screen readers: everything above in one sentence. */
  label: string;
}

export interface RobustnessView {
  /** The weights' total (100): the chart's scale. */
  total: number;
  /** "the top three, every band and the envelope's choice". */
  watching: string;
  /** Widest range first, as a tornado is drawn. */
  bars: WeightBar[];
  /** One line per proposal, in rank order. */
  verdicts: { ref: string; text: string }[];
}

export interface ProposalExtras {
  /** Each single change that moves it up a band, smallest first (empty in Priority 1, or when none does). */
  moves: string[];
  /** When no single change does, why, in one line. */
  noMove: string | null;
  /** Each gate that stops it: "it would need a reward score of 60 or more (now 54.0), …", and the single changes that lift it. */
  gates: { title: string; needs: string; changes: string[] }[];
  /** Who scored each criterion and why, from the optional columns. */
  notes: { label: string; scoredBy: string | null; rationale: string | null; sheet: string; cell: string | null }[];
  /** What changed since the earlier scoring, one line each; null when none was opened. */
  changes: string[] | null;
}

export interface ChangesView {
  previousName: string;
  /** "2 proposals changed, 1 new, 1 removed; the scoring model changed". */
  summary: string;
  model: string[];
  /** One line per proposal that changed, is new or has gone. */
  proposals: { ref: string; text: string }[];
}

export interface ScoreAnalysisView {
  robustness: RobustnessView | null;
  extras: Record<string, ProposalExtras>;
  changes: ChangesView | null;
}

function endWords(r: Range, side: 'low' | 'high'): string | null {
  const what = side === 'low' ? r.below : r.above;
  return what ? `${capitalise(edgeWords(side === 'low' ? r.low : r.high, side))}: ${what.join('; ')}.` : null;
}

function bar(r: Range, watching: string): WeightBar {
  const low = shownLow(r.low);
  const high = shownHigh(r.high);
  const rangeText = r.movable ? `${low.toFixed()}–${high.toFixed()}` : 'fixed';
  const below = r.movable ? endWords(r, 'low') : null;
  const above = r.movable ? endWords(r, 'high') : null;
  const holds = r.movable
    ? `${watching} hold for any weight from ${low.toFixed()} to ${high.toFixed()}`
    : 'it cannot move: every other weight is 0';
  return {
    name: r.name,
    weight: r.weight.toNumber(),
    low: low.toNumber(),
    high: high.toNumber(),
    rangeText,
    weightText: r.weight.toFixed(),
    movable: r.movable,
    below,
    above,
    label: [`${r.name} weight, now ${r.weight.toFixed()}: ${holds}.`, below, above].filter(Boolean).join(' '),
  };
}

function robustness(result: ScoreResult): RobustnessView | null {
  const analysis = scoreAnalysis(result);
  if (!analysis) return null;
  const s = analysis.sensitivity;
  const top = `the top ${s.topPlaces === 3 ? 'three' : s.topPlaces}`;
  const watching = s.envelope
    ? `${top}, every band and the envelope's choice`
    : `${top} and every band${s.envelopeNotWatched ? ` (${ENVELOPE_NOT_WATCHED})` : ''}`;
  const bars = s.weights.map((r) => bar(r, watching));
  return {
    total: s.total.toNumber(),
    watching,
    bars: bars
      .map((b, i) => ({ b, i }))
      .sort((x, y) => y.b.high - y.b.low - (x.b.high - x.b.low) || x.i - y.i)
      .map((x) => x.b),
    verdicts: s.proposals.map((p) => ({ ref: p.ref, text: p.verdict })),
  };
}

function noteLines(p: ScoredProposal): ProposalExtras['notes'] {
  return NOTE_KEYS.flatMap((key) => {
    const note = p.notes[key];
    if (!note) return [];
    const score =
      key === 'risk' ? `${p.likelihood} × ${p.impact}` : String(p.criteria.find((c) => c.id === key)?.score);
    return [
      {
        label: `${NOTE_NAMES[key]} ${score}`,
        scoredBy: note.scoredBy,
        rationale: note.rationale,
        sheet: p.sheet,
        cell: note.rationaleCell ?? note.scoredByCell,
      },
    ];
  });
}

function takes(w: WhatItTakes | undefined): Pick<ProposalExtras, 'moves' | 'noMove' | 'gates'> {
  if (!w) return { moves: [], noMove: null, gates: [] };
  const listed = new Set(w.moves.map((m) => m.words));
  return {
    moves: w.moves.map((m) => m.words),
    noMove: w.moves.length ? null : w.words,
    gates: w.gates.map((g) => ({
      title: g.title,
      needs: `${g.needs}.`,
      changes: g.changes.filter((c) => !listed.has(c.words)).map((c) => c.words),
    })),
  };
}

/** The analysis views for a scoring, and the comparison with an earlier one when it was opened. */
export function scoreAnalysisView(result: ScoreResult, previous: PreviousScores | null): ScoreAnalysisView {
  const analysis = scoreAnalysis(result);
  const changes = previous ? scoreChanges(previous, result) : null;
  const byRef = new Map(changes?.proposals.map((p) => [p.ref, p]));
  const extras: Record<string, ProposalExtras> = {};
  for (const p of result.projects) {
    const changed = byRef.get(p.ref);
    extras[p.ref] = {
      ...takes(analysis?.whatItTakes.find((w) => w.ref === p.ref)),
      notes: noteLines(p),
      changes: !changes
        ? null
        : changed?.status === 'changed'
          ? changed.changes.map(
              (c) =>
                `${c.what}: ${c.before || '(none)'} → ${c.now || '(none)'}${c.unexplained ? ' (rationale not updated)' : ''}`,
            )
          : [changed?.words ?? `${p.ref}: no change.`],
    };
  }
  return {
    robustness: robustness(result),
    extras,
    changes:
      previous && changes
        ? {
            previousName: previous.name,
            summary: `${capitalise(changes.summary)}.`,
            model: changes.model.map((c) => `${c.what}: ${c.before || '(none)'} → ${c.now || '(none)'}`),
            proposals: changes.proposals
              .filter((p) => p.status !== 'unchanged')
              .map((p) => ({ ref: p.ref, text: p.words })),
          }
        : null,
  };
}
