/**
 * How each table was read, in the pane's words, and the user's corrections to it: the reading as the Check view's
 * "Tables found" shows it, what a choice in it becomes as a correction (reader/corrections.ts), the rows a total adds
 * up as cells to select in Excel, and the corrections kept in the workbook as a list with an undo.
 */
import { columnLetters } from '../../engine/a1';
import type { CheckResult } from '../../engine/check';
import type { CorrectionOutcome } from '../../engine/reader/correct';
import type { ColumnRole } from '../../engine/reader/columns';
import {
  describeCorrection,
  foldText,
  parseCorrections,
  parseRuns,
  type CorrectedColumnRole,
  type CorrectedRowRole,
  type CorrectedSigns,
  type CorrectedUnit,
  type ReadingCorrection,
} from '../../engine/reader/corrections';
import type { Table } from '../../engine/tables';
import { sentence } from './words';

/** What the user changes, on one table: the pane adds the table's anchor and the row's label. */
export type ReadingChange =
  | { column: string; role: CorrectedColumnRole }
  | { column: string; unit: CorrectedUnit }
  | { row: number; role: CorrectedRowRole }
  | { row: number; adds: string[] }
  | { signs: CorrectedSigns }
  | { department: string }
  | { notATable: true };

export interface ColumnView {
  column: string;
  heading: string;
  role: ColumnRole;
  /** What the heading does not say already: "2025/26, £000" under a heading "Year 1". */
  detail: string;
  /** The reader asks whether it read this column right (a question of `questions`): a click says yes. */
  asked: boolean;
  /** A column of figures: its unit can be corrected. */
  money: boolean;
  unit: string;
  confidence: 'high' | 'medium' | 'low';
  evidence: string;
}

export interface RowView {
  row: number;
  label: string;
  role: CorrectedRowRole;
  /** Why the reader took the row for a memo line, when its label does not say ("measured in another unit…"). */
  why?: string;
}

export interface TotalView {
  row: number;
  label: string;
  /** The rows it adds up, as runs ("5:6", "-8"). */
  adds: string[];
  confidence: 'high' | 'medium' | 'low';
  /** The reader asks what it adds up, or whether it adds up these rows. */
  asked: boolean;
  /** The total's figures and those of its lines, as ranges on the sheet (the total first), to select in Excel. */
  cells: string[];
}

export interface ReadingView {
  /** Where the table's heading starts ("A3") and what it says. */
  anchor: string;
  heading: string;
  /** "Read with medium confidence; lines down the rows; heading in row 3". */
  summary: string;
  confidence: 'high' | 'medium' | 'low';
  columns: ColumnView[];
  /** Every row of the table when it has at most ROWS_LISTED; otherwise its headings, totals and memo lines. */
  rows: RowView[];
  allRows: boolean;
  totals: TotalView[];
  questions: string[];
  /** The user's corrections applied to this table, in words. */
  corrections: string[];
  /** The signs correction in force, or '' when the table's signs are as the reader read them. */
  signs: CorrectedSigns | '';
  department: string;
}

/** A correction kept in the workbook, in words, with whether it was applied. */
export interface ReadingCorrectionItem {
  key: string;
  correction: ReadingCorrection;
  /** "row 7 (Staffing element) is a memo line, in no total". */
  words: string;
  /** "Growth!A3". */
  table: string;
  applied: boolean;
  /** Why it was not applied, as a sentence. */
  problem: string | null;
}

/** Tables with more rows than this list only their headings, totals and memo lines; another row is chosen by number. */
export const ROWS_LISTED = 150;

export const COLUMN_ROLE_LABELS: Record<ColumnRole, string> = {
  figures: 'Figures',
  percentages: 'Percentages (never added up)',
  description: 'Description',
  reference: 'Reference',
  'reference-and-classification': 'Reference and classification',
  classification: 'Classification',
  marker: 'Star markers',
  date: 'Dates',
  'summary-line': 'Summary line',
  text: 'Notes',
  ignored: 'Ignored',
};

export const ROW_ROLE_LABELS: Record<CorrectedRowRole, string> = {
  line: 'Line',
  heading: 'Section heading',
  total: 'Total',
  memo: 'Memo line',
};

export const SIGNS_LABELS: Record<CorrectedSigns | '', string> = {
  '': 'As read',
  'shown-positive': 'Shown positive and taken away',
  'as-printed': 'As printed',
};

function sameAnchor(c: ReadingCorrection, table: Table): boolean {
  const anchor = table.reading?.anchor;
  return (
    !!anchor &&
    foldText(c.sheet) === foldText(table.sheet) &&
    c.table.toUpperCase() === anchor.table.toUpperCase() &&
    foldText(c.heading) === foldText(anchor.heading)
  );
}

/** The figures' columns of a table, as letters: the first and the last. */
function figureSpan(table: Table): { left: string; right: string } | null {
  const cols = table.columns.map((c) => c.col);
  if (!cols.length) return null;
  return { left: columnLetters(Math.min(...cols)), right: columnLetters(Math.max(...cols)) };
}

/** A total's figures and those of the rows it adds up, as ranges: "C8:E8", "C5:E6". */
export function totalCells(span: { left: string; right: string } | null, row: number, adds: string[]): string[] {
  if (!span) return [];
  const range = (from: number, to: number) => `${span.left}${from}:${span.right}${to}`;
  return [
    range(row, row),
    ...adds.map((run) => {
      const [from, to = from] = run.replace('-', '').split(':').map(Number);
      return range(from, to);
    }),
  ];
}

export function readingView(table: Table, outcomes: readonly CorrectionOutcome[]): ReadingView | null {
  const r = table.reading;
  if (!r) return null;
  const span = figureSpan(table);
  const rows: RowView[] = table.rows
    .filter((row) => table.rows.length <= ROWS_LISTED || row.type !== 'line')
    .map((row) => ({
      row: row.row + 1,
      label: row.label,
      role: row.type,
      ...(row.type === 'memo' && row.memoWhy ? { why: row.memoWhy } : {}),
    }));
  const signs = outcomes.find((o) => o.applied && 'signs' in o.correction && sameAnchor(o.correction, table));
  const heading = r.headerRows.length
    ? `heading in row${r.headerRows.length > 1 ? 's' : ''} ${r.headerRows.join(', ')}`
    : 'no heading row';
  return {
    anchor: r.anchor.table,
    heading: r.anchor.heading,
    summary: `Read with ${r.confidence} confidence; ${r.orientation}; ${heading}.`,
    confidence: r.confidence,
    columns: r.columns.map((c) => ({
      column: c.column,
      heading: c.heading,
      role: c.role,
      detail: [c.year, c.unit].filter((d): d is string => !!d && !c.heading.includes(d)).join(', '),
      asked: r.questions.some((q) => q.startsWith(`Is column ${c.column} `)),
      money: c.role === 'figures',
      unit: c.unit ?? '',
      confidence: c.confidence,
      evidence: c.evidence,
    })),
    rows,
    allRows: table.rows.length <= ROWS_LISTED,
    totals: r.totals.map((t) => ({
      row: t.row,
      label: t.label,
      adds: t.adds,
      confidence: t.confidence,
      asked: r.questions.some((q) => q.includes(`row ${t.row} `)),
      cells: totalCells(span, t.row, t.adds),
    })),
    questions: r.questions,
    corrections: r.corrections,
    signs: signs && 'signs' in signs.correction ? signs.correction.signs : '',
    department: table.department ?? '',
  };
}

/** Tables the reader is unsure of first, each keeping the workbook's order otherwise. */
export function unsureFirst<T extends { questions: readonly string[] }>(tables: readonly T[]): T[] {
  const unsure = (t: T) => t.questions.length > 0;
  return [...tables.filter(unsure), ...tables.filter((t) => !unsure(t))];
}

export function correctionItems(check: Pick<CheckResult, 'corrections'>): ReadingCorrectionItem[] {
  return check.corrections.map((o, i) => ({
    key: `${i}:${describeCorrection(o.correction)}`,
    correction: o.correction,
    words: describeCorrection(o.correction),
    table: `${o.correction.sheet}!${o.correction.table}`,
    applied: o.applied,
    problem: o.problem ? sentence(o.problem) : null,
  }));
}

/** The correction a change on this table makes, named by the table's heading and (for a row) the row's label. */
export function correctionFor(table: Table, change: ReadingChange): ReadingCorrection | { problem: string } {
  const anchor = table.reading?.anchor;
  if (!anchor) return { problem: 'this table’s reading is not known; check the workbook again' };
  const on = { sheet: table.sheet, table: anchor.table, heading: anchor.heading };
  let correction: ReadingCorrection;
  if ('row' in change) {
    const row = table.rows.find((r) => r.row + 1 === change.row);
    if (!row) return { problem: `row ${change.row} is not in the table at ${table.sheet}!${anchor.table}` };
    correction = { ...on, ...change, label: row.label };
  } else correction = { ...on, ...change };
  const problem = parseCorrections([correction]).problems[0];
  return problem ? { problem: problem.replace(/^correction 1: /, '') } : correction;
}

/**
 * What a total adds up, as typed: "5:6, -8" or "5 6 -8" (a minus for a row taken away). Null when it cannot be read,
 * with the words to say so.
 */
export function addsFromText(text: string): { adds: string[] } | { problem: string } {
  const adds = text
    .replace(/\s*:\s*/g, ':')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (!adds.length || !parseRuns(adds))
    return {
      problem:
        'List the rows it adds up, such as 5:12, 15, -18: a row number, or two joined by a colon for the rows between them, with a minus for a row taken away.',
    };
  return { adds };
}

/** The signs correction kept for a table (by its sheet and anchor), to take back when the user chooses "As read". */
export function signsCorrection(
  items: readonly ReadingCorrectionItem[],
  sheet: string,
  anchor: string,
): ReadingCorrection | null {
  const item = items.find(
    (i) =>
      'signs' in i.correction &&
      foldText(i.correction.sheet) === foldText(sheet) &&
      i.correction.table.toUpperCase() === anchor.toUpperCase(),
  );
  return item?.correction ?? null;
}
