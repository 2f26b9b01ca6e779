import { basename } from 'node:path';
import { capitalise } from '../engine/compare';
import {
  edgeWords,
  ENVELOPE_NOT_WATCHED,
  NOTE_KEYS,
  NOTE_NAMES,
  previousScoresFrom,
  shownHigh,
  shownLow,
  type PreviousScores,
  type Range,
  type ScoreAnalysis,
  type ScoreChanges,
  type ScoredProposal,
} from '../engine/scoring';
import { WorkbookReadError } from '../engine/port';
import { CommandFailure, openWorkbook } from './io';
import { out } from './output';

/** The readable parts of mtfs score for --sensitivity and --previous, and who scored what. */

/** Reads and scores a previous scoring workbook; a file that cannot be scored stops the command with the reason. */
export async function previousScores(file: string): Promise<PreviousScores> {
  let sheets;
  try {
    sheets = await (await openWorkbook(file)).readSheets();
  } catch (e) {
    if (e instanceof WorkbookReadError)
      throw new CommandFailure(`cannot read the previous workbook ${file}: ${e.message}`);
    throw e;
  }
  const previous = previousScoresFrom(basename(file), sheets);
  if ('problem' in previous) throw new CommandFailure(previous.problem);
  return previous;
}

function changeAtEnd(r: Range, side: 'low' | 'high'): string | null {
  const what = side === 'low' ? r.below : r.above;
  return what ? `${edgeWords(side === 'low' ? r.low : r.high, side)}: ${what.join('; ')}` : null;
}

export function printAnalysis(a: ScoreAnalysis): void {
  const s = a.sensitivity;
  out(
    `How robust the order is to the weights (each weight moved alone, the others rescaled to keep ${s.total.toFixed()}; watching the top ${s.topPlaces}, every band${s.envelope ? ' and the envelope' : ''}):`,
  );
  if (s.envelopeNotWatched) out(`  Note: ${ENVELOPE_NOT_WATCHED}.`);
  out(
    `  ${'Criterion'.padEnd(18)}${'Weight'.padStart(7)}${'Holds from'.padStart(12)}${'to'.padStart(7)}  What changes first`,
  );
  for (const r of s.weights) {
    const first = r.movable ? [changeAtEnd(r, 'low'), changeAtEnd(r, 'high')].filter(Boolean).join('; ') : '';
    out(
      `  ${r.name.padEnd(18)}${r.weight.toFixed().padStart(7)}${shownLow(r.low).toFixed().padStart(12)}${shownHigh(r.high).toFixed().padStart(7)}  ${first || (r.movable ? 'nothing, from 0 to 100' : 'cannot move: every other weight is 0')}`,
    );
  }
  out('Each proposal:');
  s.proposals.forEach((p) => out(`  ${p.verdict}`));
  out('What it would take to move up a band:');
  if (!a.whatItTakes.length) out('  Every proposal is in Priority 1.');
  for (const w of a.whatItTakes) {
    out(`  ${w.ref.padEnd(8)}${w.words}`);
    w.moves.slice(1).forEach((m) => out(`  ${' '.repeat(8)}or: ${m.words}`));
    const listed = new Set(w.moves.map((m) => m.words));
    for (const g of w.gates) {
      out(`  ${' '.repeat(8)}To lift ${g.title}, ${g.needs}.`);
      g.changes.filter((c) => !listed.has(c.words)).forEach((c) => out(`  ${' '.repeat(10)}${c.words}`));
    }
  }
}

export function printWhoScored(projects: ScoredProposal[]): void {
  const lines = projects.flatMap((p) =>
    NOTE_KEYS.flatMap((key) => {
      const note = p.notes[key];
      if (!note) return [];
      const score =
        key === 'risk' ? `${p.likelihood} × ${p.impact}` : String(p.criteria.find((c) => c.id === key)?.score);
      const by = note.scoredBy ? `scored by ${note.scoredBy}` : 'scorer not given';
      return [
        `  ${p.ref.padEnd(8)}${`${NOTE_NAMES[key]} ${score}`.padEnd(22)}${by}${note.rationale ? `: ${note.rationale}` : ''}`,
      ];
    }),
  );
  if (!lines.length) return;
  out('Who scored what:');
  lines.forEach(out);
}

export function printChanges(previous: string, changes: ScoreChanges): void {
  out(`Changes since ${previous}: ${changes.summary}.`);
  changes.model.forEach((c) => out(`  Model: ${c.what} ${c.before} → ${c.now}`));
  for (const p of changes.proposals) {
    out(`  ${p.words}`);
    p.changes
      .filter((c) => c.what.endsWith('scored by') || c.what.endsWith('rationale'))
      .forEach((c) => out(`    ${capitalise(c.what)}: ${c.before || '(none)'} → ${c.now || '(none)'}`));
  }
}
