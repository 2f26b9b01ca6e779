import { money } from '../compare';
import type { Decimal } from '../money';
import { listWords, plural } from '../words';
import { CRITERION_NAMES, GATE_WORDS, type ScoringModel } from './model';
import type { ColumnKey } from './proposals';
import type { ScoredProposal } from './score';
import { NOTE_KEYS, NOTE_NAMES, type NoteKey } from './score-notes';

/*
 * What changed in each proposal's scores since a previous scoring workbook, as `mtfs compare` does for MTFS lines:
 * proposals are paired by Ref (ignoring case); every input, score, result and note that differs is listed, so a
 * changed score is never silent. A changed score whose rationale did not change is marked, because that is the
 * question a scrutiny panel asks first.
 */

export type ProposalStatus = 'new' | 'removed' | 'changed' | 'unchanged' | 'incomplete now';

export interface ScoreChange {
  /** What changed, in the sheet's words: "Customer service score", "Reward score", "Deliverability rationale". */
  what: string;
  before: string;
  now: string;
  /** The cell on the Commercial Projects sheet now, when the change is to something typed there. */
  cell: string | null;
  /** A score typed by hand that changed while its rationale stayed the same (or there is none). */
  unexplained: boolean;
}

export interface ProposalChanges {
  ref: string;
  project: string;
  status: ProposalStatus;
  /** Rank now (0 when removed or incomplete now). */
  rank: number;
  changes: ScoreChange[];
  /** One line: "C4: Customer service score 3 → 4; Reward score 71.0 → 75.0". */
  words: string;
}

export interface ScoreChanges {
  proposals: ProposalChanges[];
  /** Changes to the model itself (weights, thresholds, bands, gates), which move every score. */
  model: ScoreChange[];
  /** "2 proposals changed, 1 new, 1 removed; the model changed". */
  summary: string;
}

/** What the comparison needs of each scoring: the scored proposals, the refs of incomplete rows, the model. */
export interface ScoringForComparison {
  projects: ScoredProposal[];
  incomplete: { ref: string | null }[];
  model: ScoringModel | null;
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const key = (ref: string) => ref.trim().toLowerCase();

interface Item {
  what: string;
  read: (p: ScoredProposal) => string;
  cell?: ColumnKey;
  /** A score typed by hand: its change is unexplained when its rationale did not change too. */
  note?: NoteKey;
}

const gates = (p: ScoredProposal) => (p.gates.length ? listWords(p.gates.map((g) => GATE_WORDS[g].title)) : 'None');

const ITEMS: Item[] = [
  { what: 'Project', read: (p) => p.project, cell: 'project' },
  { what: 'Category', read: (p) => p.category, cell: 'category' },
  { what: 'Inside area', read: (p) => yesNo(p.insideArea), cell: 'insideArea' },
  { what: 'Investment £000', read: (p) => money(p.investment), cell: 'investment' },
  { what: 'Annual net return £000', read: (p) => money(p.annualReturn), cell: 'annualReturn' },
  ...(['net-yield', 'scale-of-return'] as const).map((id) => ({
    what: `${CRITERION_NAMES[id]} score`,
    read: (p: ScoredProposal) => String(p.criteria.find((c) => c.id === id)?.score ?? ''),
  })),
  ...(['strategic-fit', 'customer-service', 'deliverability'] as const).map((id) => ({
    what: `${CRITERION_NAMES[id]} score`,
    read: (p: ScoredProposal) => String(p.scores[id]),
    cell: id,
    note: id,
  })),
  { what: 'Risk likelihood', read: (p) => String(p.likelihood), cell: 'likelihood', note: 'risk' },
  { what: 'Risk impact', read: (p) => String(p.impact), cell: 'impact', note: 'risk' },
  { what: 'Public service at risk', read: (p) => yesNo(p.publicServiceAtRisk), cell: 'publicServiceAtRisk' },
  { what: 'Reward score', read: (p) => p.reward.toFixed(1) },
  { what: 'Risk rating', read: (p) => `${p.riskRating} (${p.riskLevel})` },
  { what: 'Gates', read: gates },
  { what: 'Band', read: (p) => p.band },
  { what: 'Rank', read: (p) => String(p.rank) },
];

const rationale = (p: ScoredProposal, note: NoteKey) => p.notes[note]?.rationale ?? '';

function noteChanges(before: ScoredProposal, now: ScoredProposal): ScoreChange[] {
  return NOTE_KEYS.flatMap((k) => {
    const was = before.notes[k];
    const is = now.notes[k];
    const pairs = [
      {
        what: `${NOTE_NAMES[k]} scored by`,
        before: was?.scoredBy ?? '',
        now: is?.scoredBy ?? '',
        cell: is?.scoredByCell,
      },
      {
        what: `${NOTE_NAMES[k]} rationale`,
        before: was?.rationale ?? '',
        now: is?.rationale ?? '',
        cell: is?.rationaleCell,
      },
    ];
    return pairs.filter((c) => c.before !== c.now).map((c) => ({ ...c, cell: c.cell ?? null, unexplained: false }));
  });
}

function changesOf(before: ScoredProposal, now: ScoredProposal): ScoreChange[] {
  const items = ITEMS.flatMap((item) => {
    const was = item.read(before);
    const is = item.read(now);
    if (was === is) return [];
    const unexplained = !!item.note && rationale(before, item.note) === rationale(now, item.note);
    return [{ what: item.what, before: was, now: is, cell: item.cell ? now.cells[item.cell] : null, unexplained }];
  });
  return [...items, ...noteChanges(before, now)];
}

function lineOf(ref: string, status: ProposalStatus, changes: ScoreChange[]): string {
  if (status === 'new') return `${ref} is new.`;
  if (status === 'removed') return `${ref} is no longer on the sheet.`;
  if (status === 'incomplete now') return `${ref} was scored before and is incomplete now.`;
  if (status === 'unchanged') return `${ref}: no change.`;
  const listed = changes
    .filter((c) => !c.what.endsWith('scored by') && !c.what.endsWith('rationale'))
    .map((c) => `${c.what} ${c.before} → ${c.now}${c.unexplained ? ' (rationale not updated)' : ''}`);
  const notes = changes.length - listed.length;
  return `${ref}: ${[...listed, ...(notes ? [`${plural(notes, 'note')} changed`] : [])].join('; ')}.`;
}

function modelChanges(before: ScoringModel | null, now: ScoringModel | null): ScoreChange[] {
  if (!before || !now) return [];
  const figure = (d: Decimal) => d.toFixed();
  const pairs: { what: string; before: string; now: string }[] = [
    ...now.criteria.flatMap((c) => {
      const was = before.criteria.find((b) => b.id === c.id);
      if (!was) return [];
      return [
        { what: `${CRITERION_NAMES[c.id]} weight`, before: figure(was.weight), now: figure(c.weight) },
        {
          what: `${CRITERION_NAMES[c.id]} thresholds`,
          before: was.thresholds.map(figure).join(', '),
          now: c.thresholds.map(figure).join(', '),
        },
      ];
    }),
    { what: 'Priority 1 from', before: figure(before.bands.priority1), now: figure(now.bands.priority1) },
    { what: 'Priority 2 from', before: figure(before.bands.priority2), now: figure(now.bands.priority2) },
    { what: 'Low risk up to', before: figure(before.risk.lowUpTo), now: figure(now.risk.lowUpTo) },
    { what: 'Medium risk up to', before: figure(before.risk.mediumUpTo), now: figure(now.risk.mediumUpTo) },
    ...now.gates.flatMap((g) => {
      const was = before.gates.find((b) => b.id === g.id);
      if (!was) return [];
      return [
        {
          what: `${GATE_WORDS[g.id].title} setting`,
          before: was.setting ? figure(was.setting) : '',
          now: g.setting ? figure(g.setting) : '',
        },
        {
          what: `${GATE_WORDS[g.id].title} categories`,
          before: was.categories.join('; '),
          now: g.categories.join('; '),
        },
      ];
    }),
  ];
  return pairs.filter((p) => p.before !== p.now).map((p) => ({ ...p, cell: null, unexplained: false }));
}

/** Every proposal of the current scoring in rank order, then those no longer there; each with what changed. */
export function compareScores(previous: ScoringForComparison, current: ScoringForComparison): ScoreChanges {
  const before = new Map(previous.projects.map((p) => [key(p.ref), p]));
  const seen = new Set<string>();
  const proposals: ProposalChanges[] = current.projects.map((now) => {
    const was = before.get(key(now.ref));
    seen.add(key(now.ref));
    const changes = was ? changesOf(was, now) : [];
    const status: ProposalStatus = !was ? 'new' : changes.length ? 'changed' : 'unchanged';
    return {
      ref: now.ref,
      project: now.project,
      status,
      rank: now.rank,
      changes,
      words: lineOf(now.ref, status, changes),
    };
  });
  const incompleteNow = new Set(current.incomplete.flatMap((i) => (i.ref ? [key(i.ref)] : [])));
  for (const was of previous.projects) {
    if (seen.has(key(was.ref))) continue;
    const status: ProposalStatus = incompleteNow.has(key(was.ref)) ? 'incomplete now' : 'removed';
    proposals.push({
      ref: was.ref,
      project: was.project,
      status,
      rank: 0,
      changes: [],
      words: lineOf(was.ref, status, []),
    });
  }
  const model = modelChanges(previous.model, current.model);
  const count = (s: ProposalStatus) => proposals.filter((p) => p.status === s).length;
  const parts = [
    `${plural(count('changed'), 'proposal')} changed`,
    ...(count('new') ? [`${count('new')} new`] : []),
    ...(count('removed') ? [`${count('removed')} removed`] : []),
    ...(count('incomplete now') ? [`${count('incomplete now')} incomplete now`] : []),
  ];
  return { proposals, model, summary: `${parts.join(', ')}${model.length ? '; the scoring model changed' : ''}` };
}
