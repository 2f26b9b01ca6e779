import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseA1 } from '../../src/engine/a1';
import type { Cell, SheetGrid } from '../../src/engine/grid';
import { BLOCK_ROWS, MAX_SYNC_BYTES, SYNC_BUDGET_BYTES, OfficeWorkbook, countSyncs } from '../../src/hosts/office';
import { WorkbookReadError } from '../../src/engine/port';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { generateWorkbook } from '../../bench/generate';
import { fakeSheets } from '../../bench/office';
import { tempDir } from '../support/workbooks';
import { FakeBook, fakeExcel, type FakeCell, type FakeSheetInit } from './fake-excel';
import { MONEY, countCells, expectedCellCount, expectedMtfsRow, mtfsSheet, sampleRows } from './fixtures';

/** A sparse row, as both hosts build them: cells only where there is something. */
function row(cells: Record<number, Cell>): (Cell | undefined)[] {
  const out: (Cell | undefined)[] = [];
  for (const [c, cell] of Object.entries(cells)) out[Number(c)] = cell;
  return out;
}

/** A budget sheet whose used range starts at C5, with every kind of cell the engine reads. */
const BUDGET: Record<string, FakeCell> = {
  C5: { value: 'Revenue Budget', bold: true },
  C6: { value: 'Line' },
  D6: { value: '2025/26' },
  E6: { value: '2026/27' },
  C7: { value: 'Employees' },
  D7: { value: 1234.5, numberFormat: MONEY },
  E7: { value: 1300, numberFormat: MONEY },
  C8: { value: 'Premises', italic: true },
  D8: { formula: 'D7/0', error: '#DIV/0!', numberFormat: MONEY },
  E8: { error: '#REF!' },
  C9: { value: 'Total', bold: true, underline: 'Single' },
  D9: { formula: 'SUM(D7:D8)', error: '#DIV/0!', numberFormat: MONEY, bold: true },
  E9: { formula: 'SUM(E7:E8)', value: 1300, numberFormat: MONEY, bold: true },
  C10: { value: '=not a formula', numberFormat: '@' },
  D10: { value: true },
  E10: { value: 45383, numberFormat: 'dd/mm/yyyy' },
  F12: { value: 'checked by JB', italic: true, underline: 'Double' },
};

function budgetSheet(): FakeSheetInit {
  // Row 6 (index 5) is bold as a whole row: its empty cells too.
  // Row 11 (index 10) is hidden but empty: like the .xlsx host, the grid does not list it.
  return { name: 'Budget', cells: BUDGET, rowFonts: { 5: { bold: true } }, hiddenRows: [7, 10], hiddenCols: [4] };
}

const EXPECTED_BUDGET: SheetGrid = {
  name: 'Budget',
  rows: (() => {
    const rows: (Cell | undefined)[][] = [];
    rows[4] = row({ 2: { value: 'Revenue Budget', bold: true } });
    rows[5] = row({
      2: { value: 'Line', bold: true },
      3: { value: '2025/26', bold: true },
      4: { value: '2026/27', bold: true },
    });
    rows[6] = row({
      2: { value: 'Employees' },
      3: { value: 1234.5, format: MONEY },
      4: { value: 1300, format: MONEY },
    });
    rows[7] = row({
      2: { value: 'Premises', italic: true },
      3: { value: null, error: '#DIV/0!', format: MONEY },
      4: { value: null, error: '#REF!' },
    });
    rows[8] = row({
      2: { value: 'Total', bold: true, underline: true },
      3: { value: null, error: '#DIV/0!', format: MONEY, bold: true },
      4: { value: 1300, format: MONEY, bold: true },
    });
    rows[9] = row({
      2: { value: '=not a formula', format: '@' },
      3: { value: true },
      // A number stays a number whatever its format: the engine decides what a date-formatted number means.
      4: { value: 45383, format: 'dd/mm/yyyy' },
    });
    rows[11] = row({ 5: { value: 'checked by JB', italic: true, underline: true } });
    return rows;
  })(),
  hiddenRows: new Set([7]),
  hiddenCols: new Set([4]),
};

/**
 * The .xlsx host's grids with dates as Excel's serial numbers, as Excel gives them to the add-in.
 * (The .xlsx reader is being changed to keep numbers too; then this changes nothing.)
 */
function serialDates(grids: SheetGrid[]): SheetGrid[] {
  for (const g of grids)
    for (const row of g.rows)
      for (const cell of row ?? [])
        if (cell && cell.value instanceof Date) cell.value = cell.value.getTime() / 86_400_000 + 25_569;
  return grids;
}

/** The same sheet as an .xlsx file, for the ExcelJS host. */
async function budgetXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Budget');
  for (const [addr, c] of Object.entries(BUDGET)) {
    const cell = ws.getCell(addr);
    const result = c.error ? { error: c.error } : c.value;
    if (c.formula) cell.value = { formula: c.formula, result } as ExcelJS.CellFormulaValue;
    else if (c.error) cell.value = { error: c.error } as ExcelJS.CellErrorValue;
    else if (c.numberFormat === 'dd/mm/yyyy')
      cell.value = new Date(Date.UTC(1899, 11, 30) + (c.value as number) * 86_400_000);
    else cell.value = c.value;
    if (c.numberFormat) cell.numFmt = c.numberFormat;
    const { row: r } = parseA1(addr);
    const bold = c.bold || r === 5;
    if (bold || c.italic || c.underline) {
      cell.font = {
        bold,
        italic: c.italic,
        underline: c.underline === 'Double' ? 'double' : c.underline ? 'single' : undefined,
      };
    }
  }
  ws.getRow(8).hidden = true;
  ws.getRow(11).hidden = true;
  ws.getColumn(5).hidden = true;
  wb.addWorksheet('Empty');
  wb.addWorksheet('Notes').getCell('A1').value = 'x';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('OfficeWorkbook.readSheets', () => {
  it("reads values (a formula's calculated value), errors, formats, fonts and hidden rows and columns, anchoring an offset used range at A1", async () => {
    const excel = fakeExcel(new FakeBook([budgetSheet(), { name: 'Empty' }, { name: 'Notes', cells: { A1: 'x' } }]));
    const grids = await new OfficeWorkbook(excel.run).readSheets();
    expect(grids.map((g) => g.name)).toEqual(['Budget', 'Empty', 'Notes']);
    expect(grids[0]).toStrictEqual(EXPECTED_BUDGET);
    expect(grids[1]).toStrictEqual({ name: 'Empty', rows: [], hiddenRows: new Set(), hiddenCols: new Set() });
    expect(grids[2].rows).toStrictEqual([[{ value: 'x' }]]);
  });

  /** Inside Excel the host reads values only; the .xlsx host also gives each formula's text (grid.ts). */
  const valuesOnly = (grids: SheetGrid[]): SheetGrid[] =>
    grids.map((g) => ({
      ...g,
      rows: g.rows.map((row) =>
        row?.map((c) => {
          if (!c) return c;
          const { formula, ...rest } = c;
          void formula;
          return rest;
        }),
      ),
    }));

  it('gives the engine the same grid as the .xlsx host gives for the same workbook', async () => {
    const fromXlsx = await (await XlsxWorkbook.open(await budgetXlsx())).readSheets();
    const excel = fakeExcel(new FakeBook([budgetSheet(), { name: 'Empty' }, { name: 'Notes', cells: { A1: 'x' } }]));
    const fromExcel = await new OfficeWorkbook(excel.run).readSheets();
    expect(fromExcel).toStrictEqual(valuesOnly(fromXlsx));
  });

  it("reads a small workbook of several sheets in three syncs: the sheets and the first one's used range; the others' used ranges and the first one's cells; then every other cell at once", async () => {
    const sheets = ['Revenue', 'Capital', 'Reserves', 'Savings', 'Pressures', 'Fees'].map((n) => mtfsSheet(n, 300));
    const excel = fakeExcel(new FakeBook(sheets));
    const counted = countSyncs(excel.run);
    const wb = new OfficeWorkbook(counted.run);
    const grids = await wb.readSheets();
    expect(counted.count.syncs).toBe(3);
    expect(excel.last().syncs).toHaveLength(3);
    expect(wb.lastStats.syncs).toBe(3);
    expect(wb.lastStats.records.map((r) => r.stage)).toEqual([
      'List sheets',
      'Read Revenue',
      'Read Capital, Reserves, Savings, Pressures, Fees',
    ]);
    for (const g of grids) {
      for (const r of sampleRows(300)) expect(g.rows[r], `${g.name} row ${r}`).toStrictEqual(expectedMtfsRow(r));
      expect([...g.hiddenRows]).toEqual([97, 194, 291]);
    }
  });

  it('reports progress from 0 to all rows', async () => {
    const excel = fakeExcel(new FakeBook([mtfsSheet('A', 25_000), mtfsSheet('B', 100)]));
    const seen: [number, number, string][] = [];
    await new OfficeWorkbook(excel.run).readSheets((done, total, stage) => seen.push([done, total, stage]));
    expect(seen[0]).toEqual([0, 1, 'Listing sheets']);
    const reading = seen.slice(1);
    expect(reading.at(-1)).toEqual([25_100, 25_100, 'Read']);
    for (let i = 1; i < reading.length; i++) expect(reading[i][0]).toBeGreaterThanOrEqual(reading[i - 1][0]);
    expect(reading.length).toBeGreaterThan(2);
  });

  it('refuses, with the reason, a workbook whose used ranges are too big to read', async () => {
    const huge: FakeSheetInit = { name: 'Stray', cells: { A1: 'Budget', XFD400: 'oops' } }; // 400 rows x 16,384 columns
    const excel = fakeExcel(new FakeBook([huge]));
    const err = await new OfficeWorkbook(excel.run).readSheets().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookReadError);
    expect((err as WorkbookReadError).reason).toBe('too-large');
    expect((err as Error).message).toMatch(/"Stray" alone spans 400 rows by 16384 columns/);
    expect(excel.last().syncs).toHaveLength(1); // found out from the (first and only) sheet's used range, before reading any cell
  });

  describe('round trips and payload, for an MTFS sheet of 8 columns', () => {
    const runs = new Map<
      number,
      { syncs: number; maxRequest: number; maxResponse: number; total: number; estimates: number[]; measured: number[] }
    >();

    for (const rows of [1_000, 20_000, 100_000]) {
      it(`reads ${rows.toLocaleString('en-GB')} rows correctly, in few syncs, none carrying over 5 MB`, async () => {
        const excel = fakeExcel(new FakeBook([mtfsSheet('Revenue Budget', rows, { hideNotes: true })]));
        const counted = countSyncs(excel.run);
        const wb = new OfficeWorkbook(counted.run);
        const [grid] = await wb.readSheets();
        const ctx = excel.last();

        // The cells: right, including fonts of rows whose cells differ (headings, totals).
        expect(countCells(grid)).toBe(expectedCellCount(rows));
        for (const r of sampleRows(rows)) expect(grid.rows[r], `row ${r}`).toStrictEqual(expectedMtfsRow(r));
        expect(grid.hiddenCols).toEqual(new Set([7]));
        expect(grid.hiddenRows.size).toBe(Math.floor((rows - 1) / 97));

        // The syncs: counted three ways, all agreeing.
        expect(counted.count.syncs).toBe(ctx.syncs.length);
        expect(wb.lastStats.syncs).toBe(ctx.syncs.length);
        const maxRequest = Math.max(...ctx.syncs.map((s) => s.requestBytes));
        const maxResponse = Math.max(...ctx.syncs.map((s) => s.responseBytes));
        expect(maxRequest).toBeLessThanOrEqual(MAX_SYNC_BYTES);
        expect(maxResponse).toBeLessThanOrEqual(MAX_SYNC_BYTES);
        // The adapter's own accounting matches what the fake saw come back (after the first sync, which lists the sheets).
        ctx.syncs.slice(1).forEach((s, i) => {
          const rec = wb.lastStats.records[i + 1];
          // What the adapter measured is the values it read; Excel's response wraps them in a little more.
          expect(rec.measuredBytes).toBeLessThanOrEqual(s.responseBytes);
          expect(s.responseBytes).toBeLessThanOrEqual(rec.measuredBytes! + s.loads * 80 + 2_000);
          expect(rec.estimatedBytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
          expect(s.responseBytes).toBeLessThanOrEqual(rec.estimatedBytes * 1.02); // estimates do not run low
        });
        const total = ctx.syncs.reduce((n, s) => n + s.responseBytes, 0);
        runs.set(rows, {
          syncs: ctx.syncs.length,
          maxRequest,
          maxResponse,
          total,
          estimates: wb.lastStats.records.map((r) => r.estimatedBytes),
          measured: ctx.syncs.map((s) => s.responseBytes),
        });

        // One sync finds the sheet and its used range; the rest carry cells, each round as full
        // as the budget allows: never one per block of rows, let alone per row or cell.
        const dataRounds = ctx.syncs.length - 1;
        expect(dataRounds).toBeLessThanOrEqual(Math.ceil(total / SYNC_BUDGET_BYTES) + 1);
        expect(dataRounds).toBeLessThan(Math.ceil(rows / BLOCK_ROWS) * 2);
      });
    }

    it('uses at most 3 syncs up to 20k rows, and one more for each 10k rows beyond', () => {
      expect(runs.size).toBe(3);
      const syncs = [...runs.values()].map((r) => r.syncs);
      console.log(
        [...runs]
          .map(
            ([rows, r]) =>
              `${rows} rows: ${r.syncs} syncs, largest response ${(r.maxResponse / 1e6).toFixed(2)} MB, largest request ${(r.maxRequest / 1e3).toFixed(1)} kB, ${(r.total / 1e6).toFixed(1)} MB in all`,
          )
          .join('\n'),
      );
      expect(syncs[0]).toBeLessThanOrEqual(3);
      expect(syncs[1]).toBeLessThanOrEqual(3);
      expect(syncs[2]).toBeLessThanOrEqual(3 + Math.ceil((100_000 - 20_000) / 10_000));
    });
  });

  it('reads a council-wide workbook of 41 sheets as the .xlsx host does, in 3 syncs', async () => {
    const made = await generateWorkbook({ lines: 1000, dir: tempDir('mtfs-office-test-') });
    const fromXlsx = serialDates(await (await XlsxWorkbook.open(readFileSync(made.file))).readSheets());
    const excel = fakeExcel(new FakeBook(fakeSheets(fromXlsx)));
    const counted = countSyncs(excel.run);
    const fromExcel = await new OfficeWorkbook(counted.run).readSheets();
    expect(fromXlsx).toHaveLength(41);
    expect(fromExcel).toStrictEqual(fromXlsx);
    expect(counted.count.syncs).toBe(3);
  });

  it('plans smaller rounds with a smaller budget and still reads every cell', async () => {
    const defaultBudget = fakeExcel(new FakeBook([mtfsSheet('Revenue Budget', 3_000)]));
    await new OfficeWorkbook(defaultBudget.run).readSheets();
    const excel = fakeExcel(new FakeBook([mtfsSheet('Revenue Budget', 3_000)]));
    const wb = new OfficeWorkbook(excel.run, { syncBudgetBytes: 400_000 });
    const [grid] = await wb.readSheets();
    const ctx = excel.last();
    expect(ctx.syncs.length).toBeGreaterThan(defaultBudget.last().syncs.length + 1);
    for (const s of ctx.syncs) expect(s.responseBytes).toBeLessThanOrEqual(440_000);
    expect(countCells(grid)).toBe(expectedCellCount(3_000));
    for (const r of sampleRows(3_000)) expect(grid.rows[r], `row ${r}`).toStrictEqual(expectedMtfsRow(r));
  });
});
