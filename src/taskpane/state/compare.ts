import {
  amendmentWords,
  comparableTables,
  fullLineName,
  linesOf,
  pairingNote,
  summaryWords,
  tableName,
  type Change,
  type ChangesResult,
  type LineChange,
  type LineKind,
  type MtfsLine,
  type PairingOverride,
} from '../../engine/changes';
import type { CheckResult } from '../../engine/check';
import { groupBy } from '../../engine/collections';
import type { Finding } from '../../engine/findings';
import { money } from '../../engine/compare';
import { headerCell } from '../../engine/tables';
import { sentence } from './words';

export const CHANGE_LABELS: Record<Change, string> = {
  new: 'New',
  amended: 'Amended',
  unchanged: 'Unchanged',
  removed: 'Removed',
};

/** One line of the comparison as the Compare view lists it. */
export interface ChangeItem {
  key: string;
  change: Change;
  label: string;
  /** "G25 Data Integrity & Systems Resilience". */
  name: string;
  /** Amended: "2016/17 60 → 75"; new: its figures; removed: where it was. */
  amounts: string;
  /**
   * The same figures for a small table, one row a year: the previous MTFS's and this one's (amended: the years that
   * changed; new: this MTFS's only; removed: the previous MTFS's only).
   */
  figures: { year: string; previous: string | null; current: string | null }[];
  /** Removed lines: where the line was in the previous MTFS. */
  was: string | null;
  /** The star typed disagrees with the comparison: the finding's words. */
  marker: string | null;
  /** How it was paired, when that needs saying ("matched by description (84% alike)"). */
  note: string | null;
  /** Where choosing it goes: the line in this MTFS, or for a removed line the table it would be in; null when this MTFS has no such table. */
  at: { sheet: string; cell: string } | null;
  /** A line paired by a description less than identical: the two lines, for "Not the same line". */
  unpair: { previous: string; current: string; previousName: string } | null;
  /** A new line, when the previous MTFS has removed lines of its kind: which of them it could be the same line as. */
  pairWith: { current: string; removed: { id: string; label: string }[] } | null;
}

export interface ChangeTable {
  key: string;
  title: string;
  /** "This MTFS: Growth!A4:F15; previous MTFS: Growth!A4:F14". */
  where: string;
  /** Every line that is not unchanged, and unchanged lines whose star disagrees or whose pairing needs a word. */
  items: ChangeItem[];
  unchanged: number;
  /** Nothing to compare this table with, in words. */
  note: string | null;
}

export interface CompareView {
  /** "3 new, 2 amended, 14 unchanged, 1 removed; 1 marker disagrees". */
  summary: string;
  disagreements: number;
  tables: ChangeTable[];
}

function figuresWords(line: LineChange, side: 'previous' | 'current'): string {
  return line.figures
    .filter((f) => f[side] !== null)
    .map((f) => `${f.label} ${money(f[side]!)}`)
    .join(', ');
}

function figureRows(line: LineChange): ChangeItem['figures'] {
  const shown = (v: LineChange['figures'][number]['previous']) => (v === null ? null : money(v));
  if (line.change === 'amended')
    return line.figures
      .filter((f) => f.status === 'changed')
      .map((f) => ({ year: f.label, previous: shown(f.previous), current: shown(f.current) }));
  if (line.change === 'new')
    return line.figures
      .filter((f) => f.current !== null)
      .map((f) => ({ year: f.label, previous: null, current: shown(f.current) }));
  if (line.change === 'removed')
    return line.figures
      .filter((f) => f.previous !== null)
      .map((f) => ({ year: f.label, previous: shown(f.previous), current: null }));
  return [];
}

function amounts(line: LineChange): string {
  if (line.change === 'amended') return amendmentWords(line.figures);
  if (line.change === 'new') return figuresWords(line, 'current');
  if (line.change === 'removed')
    return `Was at ${line.previous!.sheet}!${line.previous!.cell} in the previous MTFS: ${figuresWords(line, 'previous')}`;
  return '';
}

function unpair(line: LineChange): ChangeItem['unpair'] {
  if (line.match?.by !== 'description' || line.match.confidence >= 1) return null;
  return { previous: line.previous!.id, current: line.current!.id, previousName: fullLineName(line.previous!) };
}

type RemovedChoices = Map<LineKind, NonNullable<ChangeItem['pairWith']>['removed']>;

/**
 * The removed lines of each kind, as "Same line as…" offers them. Each new line of a kind gets the same list, not a
 * copy: with thousands of new and removed lines, copies made a view of hundreds of megabytes, while the worker's
 * message carries a list shared this way once.
 */
function removedChoices(lines: LineChange[]): RemovedChoices {
  const removed = lines.filter((l) => l.change === 'removed');
  return new Map(
    [...groupBy(removed, (r) => r.kind)].map(([kind, own]) => [
      kind,
      own.map((r) => ({ id: r.previous!.id, label: `${fullLineName(r.previous!)} (${r.previous!.id})` })),
    ]),
  );
}

/** Any removed line of the same kind (growth, savings, capital) can be the same line as a new one: the engine pairs across a kind's tables. */
function pairWith(line: LineChange, removed: RemovedChoices): ChangeItem['pairWith'] {
  if (line.change !== 'new') return null;
  const candidates = removed.get(line.kind);
  return candidates ? { current: line.current!.id, removed: candidates } : null;
}

/** The comparison in the Compare view's words: the summary line, then each table's changed lines. */
export function compareView(result: ChangesResult): CompareView {
  const removed = removedChoices(result.lines);
  const linesByTable = groupBy(result.lines, (l) => l.table);
  const markers = new Map<string, Finding>();
  for (const f of result.findings) {
    const at = `${f.sheet}!${f.cell}`;
    if (f.rule === 'marker-mismatch' && !markers.has(at)) markers.set(at, f);
  }
  const tables = result.tables.map((pair, t): ChangeTable => {
    const lines = linesByTable.get(pair) ?? [];
    const header = pair.current ? { sheet: pair.current.sheet, cell: headerCell(pair.current) } : null;
    const items: ChangeItem[] = [];
    lines.forEach((line) => {
      const source = (line.current ?? line.previous)!;
      const markerFinding = line.current && markers.get(line.current.id);
      const note = pairingNote(line);
      if (line.change === 'unchanged' && !markerFinding && !note) return;
      items.push({
        key: line.current ? line.current.id : `previous ${line.previous!.id}`,
        change: line.change,
        label: CHANGE_LABELS[line.change],
        name: fullLineName(source),
        amounts: amounts(line),
        figures: figureRows(line),
        was:
          line.change === 'removed'
            ? `Was at ${line.previous!.sheet}!${line.previous!.cell} in the previous MTFS`
            : null,
        marker: markerFinding ? sentence(markerFinding.message) : null,
        note: note && line.change !== 'removed' ? note : null,
        at: line.current ? { sheet: line.current.sheet, cell: line.current.cell } : header,
        unpair: unpair(line),
        pairWith: pairWith(line, removed),
      });
    });
    const noPrevious =
      header &&
      result.findings.find((f) => f.rule === 'no-previous-table' && f.sheet === header.sheet && f.cell === header.cell);
    const at = (x: typeof pair.current) => (x ? `${x.sheet}!${x.range}` : 'none');
    return {
      key: String(t),
      title: tableName(pair),
      where: `This MTFS: ${at(pair.current)}; previous MTFS: ${at(pair.previous)}`,
      items,
      unchanged: lines.filter((l) => l.change === 'unchanged').length,
      note: noPrevious ? sentence(noPrevious.message) : null,
    };
  });
  return { summary: summaryWords(result.summary), disagreements: result.summary.markerDisagreements, tables };
}

/** The user's word on two lines (ids such as "Growth!A9"), with the lines' names as they are now, so that a later edit of the sheet cannot move it onto other lines. */
export function correctionOf(
  previous: CheckResult,
  current: CheckResult,
  ids: { previous: string; current: string },
  same: boolean,
): PairingOverride {
  const nameAt = (check: CheckResult, id: string) => {
    const line = linesOf(comparableTables(check)).find((l) => l.id === id);
    return line ? fullLineName(line) : '';
  };
  return { ...ids, same, seen: { previous: nameAt(previous, ids.previous), current: nameAt(current, ids.current) } };
}

/** The corrections with one more: a later word on the same two lines replaces the earlier one. */
export function withCorrection(corrections: PairingOverride[], correction: PairingOverride): PairingOverride[] {
  return [...withoutCorrection(corrections, correction), correction];
}

export function withoutCorrection(corrections: PairingOverride[], correction: PairingOverride): PairingOverride[] {
  return corrections.filter((c) => c.previous !== correction.previous || c.current !== correction.current);
}

/** One of the user's corrections, in words. */
export interface CorrectionItem {
  key: string;
  /** "G21 Development of Digital Services (Growth!A9 in the previous MTFS) is the same line as G23 Digital inclusion programme (Growth!A9)". */
  words: string;
  correction: PairingOverride;
}

function named(lines: MtfsLine[], id: string, seen: string | undefined, where: string): string {
  const line = lines.find((l) => l.id === id);
  const name = seen || (line && fullLineName(line));
  return name ? `${name} (${id}${where})` : `${id}${where}`;
}

/** The corrections as the view lists them, each line named by its reference and description where it can still be found. */
export function correctionsView(
  corrections: PairingOverride[],
  previous: CheckResult | null,
  current: CheckResult | null,
): CorrectionItem[] {
  const previousLines = previous ? linesOf(comparableTables(previous)) : [];
  const currentLines = current ? linesOf(comparableTables(current)) : [];
  return corrections.map((c) => ({
    key: `${c.previous}=${c.current}`,
    words: `${named(previousLines, c.previous, c.seen?.previous, ' in the previous MTFS')} ${c.same === false ? 'is not' : 'is'} the same line as ${named(currentLines, c.current, c.seen?.current, '')}`,
    correction: c,
  }));
}
