import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell, CellValue, SheetGrid } from '../../src/engine/grid';
import { XlsxWorkbook } from '../../src/hosts/xlsx';

export async function readGrids(file: string): Promise<SheetGrid[]> {
  return (await XlsxWorkbook.open(readFileSync(file))).readSheets();
}

export function tempDir(prefix = 'mtfs-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes grids to a real .xlsx with ExcelJS: values, formulas with cached results, formats, fonts, hidden rows. */
export async function writeGrids(grids: SheetGrid[], file: string): Promise<void> {
  writeFileSync(file, await gridsToBuffer(grids));
}

/** `names`: named ranges to define, name → reference ("'Public Health'!$B$4:$B$8"). */
export async function gridsToBuffer(grids: SheetGrid[], names: Record<string, string> = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, ref] of Object.entries(names)) wb.definedNames.add(ref, name);
  for (const grid of grids) {
    const ws = wb.addWorksheet(grid.name);
    grid.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell) return;
        const target = ws.getCell(r + 1, c + 1);
        if (cell.error)
          target.value = cell.formula
            ? ({ formula: cell.formula, result: { error: cell.error } } as ExcelJS.CellValue)
            : ({ error: cell.error } as ExcelJS.CellValue);
        else if (cell.formula) target.value = { formula: cell.formula, result: cell.value ?? undefined };
        else target.value = cell.value;
        if (cell.format) target.numFmt = cell.format;
        if (cell.bold || cell.italic || cell.underline)
          target.font = { bold: cell.bold, italic: cell.italic, underline: cell.underline };
      });
    });
    for (const r of grid.hiddenRows) ws.getRow(r + 1).hidden = true;
    for (const c of grid.hiddenCols) ws.getColumn(c + 1).hidden = true;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function cloneGrids(grids: SheetGrid[]): SheetGrid[] {
  return grids.map((g) => ({
    name: g.name,
    rows: g.rows.map((row) => row?.map((c) => (c ? { ...c } : undefined))),
    hiddenRows: new Set(g.hiddenRows),
    hiddenCols: new Set(g.hiddenCols),
  }));
}

/** Shorthand for building sheets in tests: a string or number is a plain cell; an object is a full cell. */
export type Spec = (CellValue | Cell | undefined)[][];

export function sheet(name: string, rows: Spec, hiddenRows: number[] = []): SheetGrid {
  return {
    name,
    rows: rows.map((row) =>
      row.map((v) => {
        if (v === undefined || v === null) return undefined;
        if (typeof v === 'object' && !(v instanceof Date)) return v;
        return { value: v as CellValue, format: typeof v === 'number' ? '#,##0;-#,##0' : undefined };
      }),
    ),
    hiddenRows: new Set(hiddenRows),
    hiddenCols: new Set(),
  };
}

export const b = (value: CellValue): Cell => ({
  value,
  bold: true,
  format: typeof value === 'number' ? '#,##0;-#,##0' : undefined,
});
export const bu = (value: string): Cell => ({ value, bold: true, underline: true });
export const bi = (value: string): Cell => ({ value, bold: true, italic: true });

/** Two sections, the first's total labelled "Total Highways" though it closes Education: a label to warn of, at A5. */
export function mislabelledSectionTotal(): SheetGrid {
  return sheet('Services', [
    [undefined, b('2026/27 £000')],
    [b('Education')],
    ['Schools', 100],
    ['Transport', 50],
    [b('Total Highways'), b(150)],
    [b('Highways')],
    ['Roads', 70],
    ['Bridges', 30],
    [b('Total Highways'), b(100)],
  ]);
}
