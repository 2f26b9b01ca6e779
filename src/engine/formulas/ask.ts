import { a1 } from '../a1';
import type { SheetGrid } from '../grid';
import type { CellFormula, FormulaRanges, Progress, WorkbookPort } from '../port';
import { readTables } from '../reader';
import { isScoringSheet } from '../scoring/model';
import type { Table } from '../tables';

/**
 * Inside Excel the sheets come as values only; reading every cell's formula too would double the
 * read. The audit needs only the totals' formulas (and the budget summary's, whose lines point into
 * the appendices), so those rows are asked for in a second, small read, once the reader has found them.
 */
export async function readTotalFormulas(port: WorkbookPort, sheets: SheetGrid[], onProgress?: Progress): Promise<void> {
  if (!port.readFormulas || sheets.some((s) => s.rows.some((row) => row?.some((c) => c?.formula !== undefined))))
    return;
  const asked = formulaRanges(sheets);
  if (!asked.length) return;
  onProgress?.(0, 0, 'Reading the totals’ formulas');
  applyFormulas(sheets, await port.readFormulas(asked));
}

/** The rows whose formulas the audit reads: each table's totals, and every row of a budget summary or net budget. */
export function formulaRanges(sheets: readonly SheetGrid[]): FormulaRanges[] {
  const out: FormulaRanges[] = [];
  for (const sheet of sheets) {
    if (isScoringSheet(sheet.name)) continue;
    const ranges = new Set<string>();
    for (const table of readTables(sheet).tables) for (const range of tableRanges(table)) ranges.add(range);
    if (ranges.size) out.push({ sheet: sheet.name, ranges: [...ranges] });
  }
  return out;
}

function tableRanges(table: Table): string[] {
  const summary = table.kind === 'budget-summary' || table.kind === 'net-budget';
  const ranges: string[] = [];
  for (const row of table.rows) {
    if (!summary && row.type !== 'total') continue;
    const cols = row.figures.flatMap((f, k) => (f ? [f.col] : [table.columns[k]!.col]));
    if (!cols.length) continue;
    let left = cols[0]!;
    let right = left;
    for (const c of cols) {
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
    ranges.push(left === right ? a1(row.row, left) : `${a1(row.row, left)}:${a1(row.row, right)}`);
  }
  return ranges;
}

/** Puts each formula on its cell; a cell that shows nothing has nothing to audit and is left out. */
export function applyFormulas(sheets: SheetGrid[], formulas: readonly CellFormula[]): void {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  for (const f of formulas) {
    const sheet = byName.get(f.sheet);
    if (!sheet) continue;
    const row = sheet.rows[f.row];
    const cell = row?.[f.col];
    if (row && cell) row[f.col] = { ...cell, formula: f.formula };
  }
}
