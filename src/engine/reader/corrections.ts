import type { ColumnRole } from './columns';

/**
 * A user's correction to how a table was read: "column B is the classification", "row 12 is a memo
 * line", "the savings are shown as positive figures", "this is not a budget table". Kept in the
 * workbook (the add-in's record, store.ts, under `readingCorrections`) and given to the command
 * line in a file (`mtfs check --reading`), in the same form.
 *
 * Each names its table by where its heading starts (`table`, "A4") and what the heading says
 * (`heading`), and a row by its number and its label: when the sheet has changed under it (rows
 * inserted, a heading renamed) the correction is refused in words instead of applied to other rows.
 */
export type ReadingCorrection = TableAnchor &
  (
    | { column: string; role: CorrectedColumnRole; unit?: never }
    | { column: string; unit: CorrectedUnit; role?: never }
    | { row: number; label: string; role: CorrectedRowRole }
    | { row: number; label: string; adds: string[] }
    | { signs: CorrectedSigns }
    | { department: string }
    | { notATable: true }
  );

export interface TableAnchor {
  sheet: string;
  /** The table's top-left heading cell when the correction was made. */
  table: string;
  /** The table's heading as the correction saw it (`tableHeading`). */
  heading: string;
}

export type CorrectedColumnRole = Exclude<ColumnRole, 'summary-line'>;
export type CorrectedRowRole = 'line' | 'heading' | 'total' | 'memo';
export type CorrectedUnit = '£' | '£000' | '£m';
/** shown-positive: figures printed positive that are taken away (savings); as-printed: read every figure's sign as printed. */
export type CorrectedSigns = 'shown-positive' | 'as-printed';

export const COLUMN_ROLES: readonly CorrectedColumnRole[] = [
  'figures',
  'percentages',
  'description',
  'reference',
  'reference-and-classification',
  'classification',
  'marker',
  'date',
  'text',
  'ignored',
];
export const ROW_ROLES: readonly CorrectedRowRole[] = ['line', 'heading', 'total', 'memo'];
export const UNITS: readonly CorrectedUnit[] = ['£', '£000', '£m'];
export const SIGNS: readonly CorrectedSigns[] = ['shown-positive', 'as-printed'];
export const UNIT_SCALE: Record<CorrectedUnit, number> = { '£': 1, '£000': 1000, '£m': 1_000_000 };

const COLUMN_WORDS: Record<CorrectedColumnRole, string> = {
  figures: 'figures',
  percentages: 'percentages (never added up)',
  description: 'the description',
  reference: 'the reference',
  'reference-and-classification': 'the reference and classification',
  classification: 'the classification',
  marker: 'the star markers',
  date: 'dates',
  text: 'notes',
  ignored: 'ignored',
};

const ROW_WORDS: Record<CorrectedRowRole, string> = {
  line: 'a line',
  heading: 'a heading',
  total: 'a total',
  memo: 'a memo line, in no total',
};

/** A correction in words: "column C is the classification", "row 12 (Total) is a memo line, in no total". */
export function describeCorrection(c: ReadingCorrection): string {
  if ('column' in c) {
    if (c.unit) return `column ${c.column}'s figures are in ${c.unit}`;
    return c.role === 'ignored' ? `column ${c.column} is ignored` : `column ${c.column} is ${COLUMN_WORDS[c.role]}`;
  }
  if ('row' in c) {
    const row = `row ${c.row}${c.label ? ` (${c.label})` : ''}`;
    return 'adds' in c ? `${row} adds up rows ${c.adds.join(', ')}` : `${row} is ${ROW_WORDS[c.role]}`;
  }
  if ('signs' in c)
    return c.signs === 'shown-positive'
      ? 'its figures are shown positive and taken away'
      : "its figures' signs are read as printed";
  if ('department' in c) return `it belongs to ${c.department}`;
  return 'it is not a budget table';
}

/** Folds a heading or label for comparison: case and runs of spaces do not count. */
export function foldText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The rows a total adds up, as written in a correction ("6:12", "15", "-18" for a row taken
 * away), as 1-based rows with signs; null when an entry is not a row or a run of rows.
 */
export function parseRuns(runs: readonly string[]): { row: number; sign: 1 | -1 }[] | null {
  const out: { row: number; sign: 1 | -1 }[] = [];
  for (const run of runs) {
    const m = /^\s*(-)?\s*(\d+)\s*(?::\s*(\d+))?\s*$/.exec(run);
    if (!m) return null;
    const from = Number(m[2]);
    const to = m[3] ? Number(m[3]) : from;
    if (from < 1 || to < from || to - from > 100_000) return null;
    for (let r = from; r <= to; r++) out.push({ row: r, sign: m[1] ? -1 : 1 });
  }
  return out;
}

/** The rows of a run list, written back as runs: rows 6,7,8,10 with signs as ["6:8", "10"]. */
export function toRuns(rows: readonly { row: number; sign: number }[]): string[] {
  const out: string[] = [];
  let start = 0;
  for (let k = 1; k <= rows.length; k++) {
    const a = rows[k - 1]!;
    const b = rows[k];
    if (b && b.row === a.row + 1 && b.sign === a.sign) continue;
    const first = rows[start]!;
    const minus = first.sign < 0 ? '-' : '';
    out.push(first.row === a.row ? `${minus}${a.row}` : `${minus}${first.row}:${a.row}`);
    start = k;
  }
  return out;
}

/**
 * Reads corrections from JSON (the stored record's entry, or a `--reading` file): `{ "corrections":
 * [...] }` or the list alone. Each bad entry is said in words, naming it; the good ones are kept.
 */
export function parseCorrections(value: unknown): { corrections: ReadingCorrection[]; problems: string[] } {
  const list = Array.isArray(value)
    ? (value as unknown[])
    : typeof value === 'object' && value !== null && Array.isArray((value as { corrections?: unknown }).corrections)
      ? (value as { corrections: unknown[] }).corrections
      : null;
  if (!list) return { corrections: [], problems: ['expected { "corrections": [ … ] }, a list of corrections'] };
  const corrections: ReadingCorrection[] = [];
  const problems: string[] = [];
  list.forEach((entry, i) => {
    const problem = correctionProblem(entry);
    if (problem) problems.push(`correction ${i + 1}: ${problem}`);
    else corrections.push(entry as ReadingCorrection);
  });
  return { corrections, problems };
}

const CHANGE_KEYS = ['column', 'row', 'signs', 'department', 'notATable'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function listWords(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

function correctionProblem(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'is not an object';
  const e = entry as Record<string, unknown>;
  if (typeof e.sheet !== 'string' || !e.sheet.trim()) return '"sheet" must name the sheet the table is on';
  if (typeof e.table !== 'string' || !/^[A-Z]{1,3}[1-9]\d*$/i.test(e.table))
    return '"table" must be the cell where the table\'s heading starts, such as "A4"';
  if (typeof e.heading !== 'string') return '"heading" must be the table\'s heading, as mtfs check --explain prints it';
  const changes = CHANGE_KEYS.filter((k) => e[k] !== undefined);
  if (changes.length !== 1)
    return `must say one thing to change: one of ${listWords(CHANGE_KEYS)}${changes.length ? ` (it has ${listWords(changes)})` : ''}`;
  if (e.column !== undefined) {
    if (typeof e.column !== 'string' || !/^[A-Z]{1,3}$/i.test(e.column))
      return '"column" must be a column letter such as "C"';
    if ((e.role === undefined) === (e.unit === undefined)) return 'a column correction gives either "role" or "unit"';
    if (e.role !== undefined && !oneOf(e.role, COLUMN_ROLES)) return `"role" must be one of ${listWords(COLUMN_ROLES)}`;
    if (e.unit !== undefined && !oneOf(e.unit, UNITS)) return `"unit" must be one of ${listWords(UNITS)}`;
    return null;
  }
  if (e.row !== undefined) {
    if (typeof e.row !== 'number' || !Number.isInteger(e.row) || e.row < 1)
      return '"row" must be a row number, such as 12';
    if (typeof e.label !== 'string') return '"label" must be the row\'s label as it reads now ("" when it has none)';
    if ((e.role === undefined) === (e.adds === undefined)) return 'a row correction gives either "role" or "adds"';
    if (e.role !== undefined && !oneOf(e.role, ROW_ROLES)) return `"role" must be one of ${listWords(ROW_ROLES)}`;
    if (e.adds !== undefined) {
      if (!Array.isArray(e.adds) || !e.adds.length || !e.adds.every((a) => typeof a === 'string'))
        return '"adds" must list the rows the total adds up, such as ["6:12", "15"]';
      if (!parseRuns(e.adds))
        return '"adds" must list rows or runs of rows, such as ["6:12", "15", "-18"] (a minus for a row taken away)';
    }
    return null;
  }
  if (e.signs !== undefined) return oneOf(e.signs, SIGNS) ? null : `"signs" must be one of ${listWords(SIGNS)}`;
  if (e.department !== undefined)
    return typeof e.department === 'string' && e.department.trim() ? null : '"department" must name the department';
  return e.notATable === true ? null : '"notATable" must be true';
}

/** Whether two corrections change the same thing (the later one replaces the earlier). */
export function sameSubject(a: ReadingCorrection, b: ReadingCorrection): boolean {
  if (foldText(a.sheet) !== foldText(b.sheet) || a.table.toUpperCase() !== b.table.toUpperCase()) return false;
  if ('column' in a && 'column' in b)
    return a.column.toUpperCase() === b.column.toUpperCase() && (a.unit === undefined) === (b.unit === undefined);
  if ('row' in a && 'row' in b) return a.row === b.row;
  return CHANGE_KEYS.some((k) => k in a && k in b && k !== 'column' && k !== 'row');
}

/** The list after one more correction: it replaces any earlier one of the same thing. */
export function withCorrection(list: readonly ReadingCorrection[], c: ReadingCorrection): ReadingCorrection[] {
  return [...list.filter((o) => !sameSubject(o, c)), c];
}
