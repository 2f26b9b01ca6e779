import { a1, columnLetters } from '../a1';
import { cellAt, isEmptyCell, lastColumn, type SheetGrid } from '../grid';
import { sameSheet } from '../ownership';
import type { Table, TableRow } from '../tables';
import { listWords } from '../words';
import type { Term } from './parse';

/** A cell of the sheet the total is on: its row and column, 0-based. */
export interface At {
  row: number;
  col: number;
}

export const key = (row: number, col: number) => `${row}:${col}`;

export function unkey(k: string): At {
  const [row, col] = k.split(':').map(Number);
  return { row: row ?? 0, col: col ?? 0 };
}

/** Whether a cell holds something that adds up: a figure, a formula or an error. */
export function hasFigure(sheet: SheetGrid, at: At): boolean {
  const cell = cellAt(sheet, at.row, at.col);
  if (isEmptyCell(cell)) return false;
  return typeof cell!.value === 'number' || !!cell!.formula || !!cell!.error;
}

/** Whether a term points at the sheet the formula is on. */
export function onSheet(term: Term, sheet: string): boolean {
  return term.sheet === undefined || sameSheet(term.sheet, sheet);
}

/** Every cell of a term on the formula's own sheet, whole columns and rows cut to the sheet's used part. */
export function* termCells(term: Term, sheet: SheetGrid): Generator<At> {
  const bottom = Math.min(term.bottom, sheet.rows.length - 1);
  const right = Math.min(term.right, lastColumn(sheet));
  for (let row = term.top; row <= bottom; row++) for (let col = term.left; col <= right; col++) yield { row, col };
}

/** How many cells of the sheet's used part a term covers (a whole column is as long as the sheet). */
export function termArea(term: Term, sheet: SheetGrid): number {
  const rows = Math.min(term.bottom, sheet.rows.length - 1) - term.top + 1;
  const cols = Math.min(term.right, lastColumn(sheet)) - term.left + 1;
  return Math.max(0, rows) * Math.max(0, cols);
}

/** Cells as Excel ranges, consecutive rows of a column joined: "F7:F9, F12". */
export function cellRanges(cells: readonly At[]): string {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const out: string[] = [];
  let start: At | undefined;
  let end: At | undefined;
  const flush = () => {
    if (start && end)
      out.push(
        start.row === end.row ? a1(start.row, start.col) : `${a1(start.row, start.col)}:${a1(end.row, end.col)}`,
      );
  };
  for (const c of sorted) {
    if (end && c.col === end.col && c.row === end.row + 1) end = c;
    else {
      flush();
      start = end = c;
    }
  }
  flush();
  return out.join(', ');
}

/** A row as a reader of the paper names it: its reference and label ("D72 Adjustment"), or its row number. */
export function rowName(row: TableRow | undefined, sheetRow: number): string {
  const words = [row?.ref, row?.label].filter(Boolean).join(' ');
  if (!words) return `row ${sheetRow + 1}`;
  return words.length > 48 ? `${words.slice(0, 47)}…` : words;
}

/** "F22 (D72 Adjustment)"; "F20:F22 (Rent, Rates and Fees)"; with more than three, "F9:F20 (12 lines)". */
export function namedCells(cells: readonly At[], table: Table, rowAt: ReadonlyMap<number, number>): string {
  const names = [...new Set(cells.map((c) => rowName(table.rows[rowAt.get(c.row) ?? -1], c.row)))];
  const said = names.length <= 3 ? listWords(names) : `${cells.length} lines`;
  return `${cellRanges(cells)} (${said})`;
}

/** Where a row's figure for money column k sits: under its heading, or where a misaligned row has it. */
export function figureAt(table: Table, row: TableRow, k: number): At {
  return { row: row.row, col: row.figures[k]?.col ?? table.columns[k]!.col };
}

/** The money column (index into table.columns) a row's cell at `col` is read as, or -1. */
export function columnAt(table: Table, row: TableRow, col: number): number {
  const k = row.figures.findIndex((f) => f?.col === col);
  return k >= 0 ? k : table.columns.findIndex((c) => c.col === col);
}

/** Sheet row → index into table.rows. */
export function rowIndex(table: Table): Map<number, number> {
  return new Map(table.rows.map((r, i) => [r.row, i]));
}

export function columnName(table: Table, col: number): string {
  const column = table.columns.find((c) => c.col === col);
  return column ? `the ${column.year ?? column.label} column` : `column ${columnLetters(col)}`;
}
