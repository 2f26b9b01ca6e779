import { capitalise } from '../compare';
import type { OutputCell } from '../output';
import {
  NOTE_KEYS,
  NOTE_NAMES,
  edgeWords,
  ENVELOPE_NOT_WATCHED,
  shownHigh,
  shownLow,
  type NoteKey,
  type Range,
  type ScoreAnalysis,
  type ScoreChanges,
  type ScoredProposal,
  type WeightSensitivity,
} from '../scoring';
import { figure, text, title, type Block } from './blocks';

/*
 * The Proposal Scores sheet's blocks for the questions asked at a board or scrutiny panel: how robust the ranking
 * is to the weights, what it would take to move a proposal up a band, who scored what, and what changed since the
 * previous scoring. Columns follow the ranking block above them: A rank, B Ref, C the wide text column, D–G
 * figures, H notes.
 */

type Row = (OutputCell | null)[];

const WEIGHT_FORMAT = '0.0##';
const bold = (value: string, style: Partial<OutputCell> = {}) => text(value, { bold: true, ...style });
const right = (value: string) => bold(value, { align: 'right', wrap: true });
const wrap = (value: string, style: Partial<OutputCell> = {}) => text(value, { wrap: true, ...style });
// A note sits in the wide third column (Project, What it would take), where it wraps to a readable measure:
// in column A it would wrap down the narrow rank column when printed.
const italic = (value: string) => text(value, { italic: true, wrap: true });

/** "Below about 10.66: C4 falls to Priority 2." for one end of a range; null when nothing changes that way. */
function firstChange(r: Range, side: 'low' | 'high'): string | null {
  const what = side === 'low' ? r.below : r.above;
  if (!what) return null;
  return `${capitalise(edgeWords(side === 'low' ? r.low : r.high, side))}: ${what.join('; ')}.`;
}

const rangeText = (r: Range) => (r.movable ? `${shownLow(r.low).toFixed()}–${shownHigh(r.high).toFixed()}` : 'fixed');

export function robustnessBlock(s: WeightSensitivity): Block {
  const envelope = s.envelope ? ` and the envelope's choice` : s.envelopeNotWatched ? ` (${ENVELOPE_NOT_WATCHED})` : '';
  const criteria: Row[] = s.weights.map((r) => [
    null,
    null,
    text(r.name),
    figure(r.weight, { format: WEIGHT_FORMAT }),
    figure(shownLow(r.low), { format: WEIGHT_FORMAT }),
    figure(shownHigh(r.high), { format: WEIGHT_FORMAT }),
    null,
    wrap(
      r.movable
        ? [firstChange(r, 'low'), firstChange(r, 'high')].filter(Boolean).join(' ') || 'Nothing changes, from 0 to 100.'
        : 'Cannot move: every other weight is 0.',
    ),
  ]);
  const proposals: Row[] = s.proposals.map((p) => [
    figure(p.rank, { format: '0' }),
    text(p.ref),
    wrap(p.verdict),
    ...p.ranges.map((r) => text(rangeText(r), { align: 'right' })),
  ]);
  return [
    title('HOW ROBUST THE ORDER IS TO THE WEIGHTS'),
    [
      null,
      null,
      italic(
        `Each weight moved on its own, the others rescaled in proportion so they still add up to ${s.total.toFixed()}: the weights over which the top ${s.topPlaces}, every band${envelope} stay as they are, and what changes first outside them. Worked out exactly, with the reward rounded as it is shown.`,
      ),
    ],
    [
      null,
      null,
      bold('Criterion'),
      right('Weight now'),
      right('Holds from'),
      right('Holds to'),
      null,
      bold('What changes first'),
    ],
    ...criteria,
    [],
    [bold('Rank'), bold('Ref'), bold('Each proposal'), ...s.weights.map((r) => right(r.name))],
    ...proposals,
  ];
}

export function whatItTakesBlock(a: ScoreAnalysis): Block {
  const rows: Row[] = a.whatItTakes.flatMap((w) => {
    const [first, ...others] = w.moves;
    const lead: Row = [
      figure(w.rank, { format: '0' }),
      text(w.ref),
      wrap(w.words),
      text(w.band),
      text(first?.band ?? ''),
    ];
    const more: Row[] = others.map((m) => [null, text(w.ref), wrap(`Or: ${m.words}`), null, text(m.band)]);
    const listed = new Set(w.moves.map((m) => m.words));
    const gates: Row[] = w.gates.flatMap((g) => [
      [null, text(w.ref), wrap(`To lift ${g.title}, ${g.needs}.`, { italic: true })],
      ...g.changes
        .filter((c) => !listed.has(c.words))
        .map((c): Row => [null, text(w.ref), wrap(`  ${c.words}`), null, text(c.band)]),
    ]);
    return [lead, ...more, ...gates];
  });
  return [
    title('WHAT IT WOULD TAKE TO MOVE UP A BAND'),
    [
      null,
      null,
      italic(
        'For each proposal not in Priority 1: the least change to one score or figure that moves it up a band (each worked out by scoring it again), smallest first; for a gated proposal, what would lift each gate.',
      ),
    ],
    [bold('Rank'), bold('Ref'), bold('What it would take'), bold('Band now'), bold('Would be')],
    ...(rows.length ? rows : [[null, null, italic('Every proposal is in Priority 1.')]]),
  ];
}

function noteScore(p: ScoredProposal, key: NoteKey): string {
  if (key === 'risk') return `${p.likelihood} × ${p.impact} = ${p.riskRating}`;
  return String(p.criteria.find((c) => c.id === key)?.score ?? '');
}

/** Who scored what: one row per proposal and criterion with a scorer or a rationale. Null when the sheet has no such columns filled in. */
export function whoScoredBlock(projects: ScoredProposal[]): Block | null {
  const rows: Row[] = projects.flatMap((p) =>
    NOTE_KEYS.flatMap((key): Row[] => {
      const note = p.notes[key];
      if (!note) return [];
      const cell = note.rationaleCell ?? note.scoredByCell;
      return [
        [
          figure(p.rank, { format: '0' }),
          text(p.ref),
          text(NOTE_NAMES[key], cell ? { link: { sheet: p.sheet, cell } } : {}),
          text(noteScore(p, key), { align: 'right' }),
          note.scoredBy ? text(note.scoredBy) : null,
          null,
          null,
          note.rationale ? wrap(note.rationale) : null,
        ],
      ];
    }),
  );
  if (!rows.length) return null;
  return [
    title('WHO SCORED WHAT'),
    [bold('Rank'), bold('Ref'), bold('Criterion'), right('Score'), bold('Scored by'), null, null, bold('Rationale')],
    ...rows,
  ];
}

export function changesBlock(previous: string, changes: ScoreChanges, sheet: string): Block {
  const change = (ref: string, c: ScoreChanges['model'][number]): Row => [
    null,
    text(ref),
    text(c.what, c.cell ? { link: { sheet, cell: c.cell } } : {}),
    c.before ? text(c.before, { align: 'right', wrap: true }) : null,
    c.now ? text(c.now, { align: 'right', wrap: true }) : null,
    null,
    null,
    c.unexplained ? wrap('Score changed but its rationale did not') : null,
  ];
  const rows: Row[] = changes.proposals.flatMap((p) =>
    p.status === 'changed' ? p.changes.map((c) => change(p.ref, c)) : [[null, text(p.ref), wrap(p.words)]],
  );
  return [
    title(`CHANGES SINCE ${previous}`),
    [null, null, italic(`${capitalise(changes.summary)}. Proposals are paired by Ref.`)],
    [null, bold('Ref'), bold('What changed'), right('Before'), right('Now'), null, null, bold('Note')],
    ...changes.model.map((c) => change('Model', c)),
    ...rows,
  ];
}
