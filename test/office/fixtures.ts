import type { Cell, SheetGrid } from '../../src/engine/grid';
import { Decimal } from '../../src/engine/money';
import { MONEY_FORMAT, type OutputCell, type OutputSheet } from '../../src/engine/output';
import type { FakeCell, FakeSheetInit } from './fake-excel';

export const MONEY = '#,##0;-#,##0';
const YEARS = ['2025/26', '2026/27', '2027/28', '2028/29', '2029/30'];

/**
 * An MTFS-like budget sheet of `rows` rows by 8 columns (code, line, five years, note), drawn
 * on demand: a bold title, a bold header row, then sections of 25 rows, each a bold heading in
 * column A, 23 lines and a bold total row of SUM formulas. Every 10th line has a note, every
 * 500th a #REF! error, every 97th is hidden; column H (notes) is hidden when `hideNotes`.
 */
export function mtfsSheet(name: string, rows: number, options: { hideNotes?: boolean } = {}): FakeSheetInit {
  const hiddenRows: number[] = [];
  for (let r = 97; r < rows; r += 97) hiddenRows.push(r);
  return {
    name,
    generate: { rows, cols: 8, cell: (r, c) => mtfsCell(r, c) },
    hiddenRows,
    hiddenCols: options.hideNotes ? [7] : [],
    rowFonts: { 1: { bold: true } },
  };
}

function mtfsCell(r: number, c: number): FakeCell | undefined {
  if (r === 0) return c === 0 ? { value: 'Revenue Budget 2025/26 to 2029/30', bold: true } : undefined;
  if (r === 1) return { value: ['Code', 'Line', ...YEARS, 'Note'][c] };
  const k = (r - 2) % 25;
  const section = Math.floor((r - 2) / 25) + 1;
  if (k === 0) return c === 0 ? { value: `Service ${section}`, bold: true } : undefined;
  if (k === 24) {
    if (c === 1) return { value: `Total Service ${section}`, bold: true };
    if (c >= 2 && c <= 6) {
      const col = 'CDEFG'[c - 2];
      return {
        formula: `SUM(${col}${r - 22}:${col}${r})`,
        value: 23 * 1000 * (c - 1) + section,
        numberFormat: MONEY,
        bold: true,
      };
    }
    return undefined;
  }
  if (c === 0) return { value: `R${String(r).padStart(6, '0')}` };
  if (c === 1) return { value: `Line item ${r}: staff and running costs` };
  if (c >= 2 && c <= 6) {
    if (r % 500 === 3 && c === 4) return { error: '#REF!', formula: 'C3+#REF!', numberFormat: MONEY };
    return { value: 1000 * (c - 1) + (r % 7) * 13.5, numberFormat: MONEY };
  }
  if (c === 7 && r % 10 === 0) return { value: 'Includes pay award at 3%', italic: true };
  return undefined;
}

/** The grid the engine should get for mtfsSheet(name, rows): worked out from the same rules. */
export function expectedMtfsRow(r: number): (Cell | undefined)[] | undefined {
  const out: (Cell | undefined)[] = [];
  let any = false;
  for (let c = 0; c < 8; c++) {
    const f = mtfsCell(r, c);
    if (!f) continue;
    const cell: Cell = { value: f.error ? null : (f.value ?? null) };
    // Excel gives every formula a value or an error: the grid keeps a formula's text only where it has neither.
    if (f.formula !== undefined && cell.value === null && !f.error) cell.formula = f.formula;
    if (f.error) cell.error = f.error;
    if (f.numberFormat) cell.format = f.numberFormat;
    if (f.bold || r === 1) cell.bold = true;
    if (f.italic) cell.italic = true;
    out[c] = cell;
    any = true;
  }
  return any ? out : undefined;
}

/** Rows of a read sheet, compared row by row for a sample (whole-sheet deep equality is slow at 100k). */
export function sampleRows(rows: number): number[] {
  const picks = new Set<number>([0, 1, 2, 3, 26, 27, 97, 503, rows - 1, rows - 2]);
  for (let r = 0; r < rows; r += Math.max(1, Math.floor(rows / 200))) picks.add(r);
  for (const b of [9_999, 10_000, 10_001, 19_999, 20_000]) if (b < rows) picks.add(b);
  return [...picks].filter((r) => r >= 0 && r < rows).sort((a, b) => a - b);
}

export function countCells(grid: SheetGrid): number {
  let n = 0;
  for (const row of grid.rows) if (row) for (const cell of row) if (cell) n++;
  return n;
}

export function expectedCellCount(rows: number): number {
  let n = 0;
  for (let r = 0; r < rows; r++) n += (expectedMtfsRow(r) ?? []).filter(Boolean).length;
  return n;
}

/** A report sheet of `rows` rows of 8 columns, pounds signs and all. */
export function reportSheet(rows: number): OutputSheet {
  return {
    name: 'All Lines',
    columnWidths: [12, 40, 14, 14, 14, 14, 14, 30],
    freezeRows: 1,
    rows: Array.from({ length: rows }, (_, r) =>
      r === 0
        ? ['Code', 'Line', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Note'].map((v) => ({ value: v, bold: true }))
        : [
            { value: `R${r}` },
            { value: `Line item ${r}: staff and running costs` },
            ...[1, 2, 3, 4, 5].map((y) => ({
              value: new Decimal(r * y).div(7).toDecimalPlaces(2),
              format: MONEY_FORMAT,
            })),
            r % 10 === 0 ? { value: 'Includes £250k pay award', italic: true } : null,
          ],
    ),
  };
}

/** A findings sheet of `count` findings, each with a link to its cell, as the report writes them. */
export function findingsSheet(count: number): OutputSheet {
  const bold = (value: string): OutputCell => ({ value, bold: true });
  return {
    name: 'MTFS Findings',
    columnWidths: [10, 30, 90, 24],
    freezeRows: 4,
    rows: [
      [{ value: 'MTFS FINDINGS', bold: true, underline: true }],
      [{ value: `${count} findings` }],
      [],
      [bold('Severity'), bold('Rule'), bold('Message'), bold('Cell')],
      ...Array.from({ length: count }, (_, i) => {
        const row = 10 + i;
        return [
          { value: i % 3 ? 'Warning' : 'Error', bold: i % 3 === 0 },
          { value: 'Column total' },
          {
            value: `The total in C${row} is £${(1000 + i).toLocaleString('en-GB')} but its lines add up to £${(999 + i).toLocaleString('en-GB')}: a difference of £1.`,
          },
          { value: `Revenue Budget!C${row}`, link: { sheet: 'Revenue Budget', cell: `C${row}` } },
        ];
      }),
    ],
  };
}
