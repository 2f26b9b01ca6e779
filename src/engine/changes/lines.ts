import { a1 } from '../a1';
import type { CheckResult } from '../check';
import { TABLE_KIND_NAMES, type StarMarker, type Table, type TableKind, type TableRow } from '../tables';

/** The lines the comparison looks at: growth, savings and capital programme lines. */
export type LineKind = 'growth' | 'savings' | 'capital';

const KIND_OF: Partial<Record<TableKind, LineKind>> = {
  growth: 'growth',
  savings: 'savings',
  'capital-programme': 'capital',
};

export const KIND_WORDS: Record<LineKind, string> = {
  growth: 'growth',
  savings: 'savings',
  capital: 'capital programme',
};

/** One growth, savings or capital line of a workbook. */
export interface MtfsLine {
  /** "Savings!A8": the sheet and the line's reference cell (its description cell when it has no reference). Stable for a workbook, so a user's pairing can name it. */
  id: string;
  kind: LineKind;
  table: Table;
  row: TableRow;
  sheet: string;
  cell: string;
  /** As typed, TBC included; undefined when the line has none. */
  ref?: string;
  description: string;
  section?: string;
  /** The star typed before the reference ('' = none); undefined in a capital programme, which has no stars. */
  marker?: StarMarker;
  /** Position among the lines of its kind in the workbook, for a stable order. */
  index: number;
}

export function lineKind(table: Table): LineKind | undefined {
  return KIND_OF[table.kind];
}

/** A reference the matcher can rely on: TBC is a placeholder, not a reference. */
export function matchingRef(line: MtfsLine): string | undefined {
  const ref = line.ref?.trim().toUpperCase();
  return ref && ref !== 'TBC' ? ref : undefined;
}

function lineCell(table: Table, row: TableRow): string {
  const hasRef = row.ref !== undefined || !!row.marker;
  const col = hasRef && table.refCol !== undefined ? table.refCol : row.labelCol >= 0 ? row.labelCol : table.left;
  return a1(row.row, col);
}

function tableLines(table: Table, kind: LineKind, start: number): MtfsLine[] {
  return table.rows
    .filter((row) => row.type === 'line')
    .map((row, i) => {
      const cell = lineCell(table, row);
      return {
        id: `${table.sheet}!${cell}`,
        kind,
        table,
        row,
        sheet: table.sheet,
        cell,
        ref: row.ref,
        description: row.label,
        section: row.section,
        marker: kind === 'capital' ? undefined : (row.marker ?? ''),
        index: start + i,
      };
    });
}

/** A table the check marked as repeating an earlier one on another sheet: compared once, as the check uses it once. */
function isRepeat(result: CheckResult, table: Table): boolean {
  const header = a1(table.headerRow, table.left);
  return result.findings.some((f) => f.rule === 'repeated-table' && f.sheet === table.sheet && f.cell === header);
}

/** The workbook's growth, savings and capital programme tables, in workbook order, repeats left out. */
export function comparableTables(result: CheckResult): Table[] {
  return result.tables.filter((t) => lineKind(t) !== undefined && !isRepeat(result, t));
}

/** Every line of the given tables, with the table it sits in. */
export function linesOf(tables: Table[]): MtfsLine[] {
  const lines: MtfsLine[] = [];
  for (const table of tables) lines.push(...tableLines(table, lineKind(table)!, lines.length));
  return lines;
}

/** A table of this MTFS and the table of the previous one it is compared with (either may be missing). */
export interface TablePair {
  kind: LineKind;
  previous?: Table;
  current?: Table;
}

/** A table's title without its years, so "CAPITAL PROGRAMME 2015/16 - 2018/19" pairs with last year's "2014/15 - 2017/18". */
export function titleKey(table: Table): string {
  return table.title
    .join(' ')
    .toLowerCase()
    .replace(/\b\d{4}\s*\/\s*\d{2,4}\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function pairKind(kind: LineKind, previous: Table[], current: Table[]): TablePair[] {
  const left = [...previous];
  const take = (i: number) => (i >= 0 ? left.splice(i, 1)[0] : undefined);
  const byTitle = current.map((t) => take(left.findIndex((p) => titleKey(p) !== '' && titleKey(p) === titleKey(t))));
  const pairs: TablePair[] = current.map((t, i) => ({ kind, current: t, previous: byTitle[i] }));
  for (const pair of pairs) if (!pair.previous) pair.previous = take(0);
  return [...pairs, ...left.map((p) => ({ kind, previous: p }))];
}

/** Pairs tables of the same kind: by title (years aside) first, then in order. A table left over is compared with nothing. */
export function pairTables(previous: Table[], current: Table[]): TablePair[] {
  const kinds: LineKind[] = ['growth', 'savings', 'capital'];
  return kinds.flatMap((kind) =>
    pairKind(
      kind,
      previous.filter((t) => lineKind(t) === kind),
      current.filter((t) => lineKind(t) === kind),
    ),
  );
}

/** "Growth (Appendix B)", or "Capital programme (Appendix C): CORPORATE PROGRAMME", naming the programme by the last line of its title. */
export function tableName(pair: TablePair): string {
  const table = (pair.current ?? pair.previous)!;
  const base = TABLE_KIND_NAMES[table.kind];
  const last = table.title[table.title.length - 1];
  return pair.kind === 'capital' && last ? `${base}: ${last}` : base;
}

/** "T24 Review of Operational ICT", or the description alone, or where the line is when it has neither. */
export function fullLineName(line: MtfsLine): string {
  return [line.ref, line.description].filter(Boolean).join(' ') || `the line at ${line.id}`;
}

/** How many lines carry each reference, to tell a reference that names one line from one shared by several. */
export function refCounts(lines: MtfsLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const ref = matchingRef(l);
    if (ref) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return counts;
}

/** "G20" when the reference is the line's alone in its table (`tableRefs`: refCounts of the table's lines); otherwise its full name. */
export function lineName(line: MtfsLine, tableRefs: ReadonlyMap<string, number>): string {
  const ref = matchingRef(line);
  return ref && tableRefs.get(ref) === 1 ? line.ref! : fullLineName(line);
}
