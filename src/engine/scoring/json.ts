import type { Decimal } from '../money';
import type { ScoreAnalysis } from './analysis';
import { ratioText, toNumber } from './ratio';
import type { ScoredProposal } from './score';
import type { ScoreChanges } from './score-changes';
import type { NoteKey } from './score-notes';
import type { Range } from './sensitivity';
import { shownHigh, shownLow } from './sensitivity-words';
import type { SingleChange } from './what-it-takes';

/** The parts of the mtfs score --json document for --sensitivity and --previous, and the notes on each criterion. */

export const noteJson = (p: ScoredProposal, key: NoteKey) => {
  const note = p.notes[key];
  return note ? { scoredBy: note.scoredBy, rationale: note.rationale } : {};
};

const boundJson = (b: Range['low'], shown: (b: Range['low']) => Decimal) => ({
  value: toNumber(b.at),
  exact: ratioText(b.at),
  included: b.included,
  shown: shown(b).toNumber(),
});

const rangeJson = (r: Range) => ({
  criterion: r.criterion,
  name: r.name,
  weight: r.weight.toNumber(),
  movable: r.movable,
  low: boundJson(r.low, shownLow),
  high: boundJson(r.high, shownHigh),
  below: r.below,
  above: r.above,
});

const changeJson = (c: SingleChange) => ({
  lever: c.lever,
  input: c.input,
  from: c.from,
  to: c.to,
  ...(c.anyAbove ? { anyAbove: c.anyAbove.toNumber() } : {}),
  scores: c.scores.map((s) => ({ name: s.name, from: s.from, to: s.to })),
  gatesLifted: c.gatesLifted,
  band: c.band,
  reward: c.reward.toNumber(),
  words: c.words,
});

/** The --sensitivity part of the --json document. */
export function analysisJson(analysis: ScoreAnalysis) {
  const s = analysis.sensitivity;
  return {
    sensitivity: {
      total: s.total.toNumber(),
      topPlaces: s.topPlaces,
      envelope: s.envelope?.toNumber() ?? null,
      weights: s.weights.map(rangeJson),
      proposals: s.proposals.map((p) => ({
        ref: p.ref,
        rank: p.rank,
        band: p.band,
        verdict: p.verdict,
        ranges: p.ranges.map(rangeJson),
      })),
    },
    whatItTakes: analysis.whatItTakes.map((w) => ({
      ref: w.ref,
      band: w.band,
      reward: w.reward.toNumber(),
      words: w.words,
      moves: w.moves.map(changeJson),
      gates: w.gates.map((g) => ({ gate: g.gate, title: g.title, needs: g.needs, changes: g.changes.map(changeJson) })),
    })),
  };
}

/** The --previous part of the --json document. */
export function changesJson(previous: string, changes: ScoreChanges) {
  const change = (c: ScoreChanges['model'][number]) => ({
    what: c.what,
    before: c.before,
    now: c.now,
    cell: c.cell,
    ...(c.unexplained ? { rationaleNotUpdated: true } : {}),
  });
  return {
    previous,
    summary: changes.summary,
    model: changes.model.map(change),
    proposals: changes.proposals.map((p) => ({
      ref: p.ref,
      status: p.status,
      words: p.words,
      changes: p.changes.map(change),
    })),
  };
}
