/**
 * The office-js adapter's round trips, run through Microsoft's own office-js runtime with a
 * recording transport answered by the fake Excel of test/office (office-runtime.ts): how many
 * `context.sync()` calls a read or a write takes, and the largest request or response of any one,
 * measured as the UTF-8 bytes of the bodies office-js really builds.
 */
import type { Cell, SheetGrid } from '../src/engine/grid';
import { readTotalFormulas } from '../src/engine/formulas/ask';
import type { OutputSheet } from '../src/engine/output';
import { OfficeWorkbook, countSyncs } from '../src/hosts/office';
import { FakeBook, type FakeCell, type FakeSheetInit } from '../test/office/fake-excel';
import { findingsSheet, mtfsSheet, reportSheet } from '../test/office/fixtures';
import { realExcel } from '../test/office/office-runtime';

export interface RoundTrips {
  /** `context.sync()` calls the adapter made. */
  syncs: number;
  /** Requests office-js sent: the syncs and the one `Excel.run` sends at the end to let go of ranges it kept. */
  requests: number;
  /** Largest request or response of any one, in UTF-8 bytes, as office-js sent it. */
  largestBytes: number;
  /** Everything that crossed, both ways. */
  totalBytes: number;
}

async function measure(sheets: FakeSheetInit[], use: (wb: OfficeWorkbook) => Promise<unknown>): Promise<RoundTrips> {
  const excel = realExcel(new FakeBook(sheets));
  const counted = countSyncs(excel.run);
  await use(new OfficeWorkbook(counted.run, { supportsExcelApi: () => true }));
  const failed = excel.requests.filter((r) => r.failed);
  if (failed.length) throw new Error(`Excel refused a request: ${failed.map((r) => r.failed).join(', ')}`);
  return {
    syncs: counted.count.syncs,
    requests: excel.requests.length,
    largestBytes: Math.max(0, ...excel.requests.map((r) => Math.max(r.bytes, r.responseBytes))),
    totalBytes: excel.requests.reduce((n, r) => n + r.bytes + r.responseBytes, 0),
  };
}

/** Reading an MTFS-like sheet of 8 columns (code, line, five years, note): the adapter tests' sheet. */
export function readRows(rows: number): Promise<RoundTrips> {
  return measure([mtfsSheet('Revenue Budget', rows, { hideNotes: true })], (wb) => wb.readSheets());
}

function fakeCell(cell: Cell | undefined): FakeCell | undefined {
  if (!cell) return undefined;
  const out: FakeCell = {};
  if (cell.error) out.error = cell.error;
  else if (cell.value instanceof Date) out.value = Math.round(cell.value.getTime() / 86_400_000 + 25_569);
  else if (cell.value !== null) out.value = cell.value;
  if (cell.formula) out.formula = cell.formula;
  if (cell.format) out.numberFormat = cell.format;
  if (cell.bold) out.bold = true;
  if (cell.italic) out.italic = true;
  if (cell.underline) out.underline = 'Single';
  return out;
}

function width(grid: SheetGrid): number {
  let cols = 1;
  for (let r = 0; r < grid.rows.length; r++) cols = Math.max(cols, grid.rows[r]?.length ?? 0);
  return cols;
}

/** A workbook already read by the .xlsx host, as the fake Excel holds it. */
export function fakeSheets(grids: SheetGrid[]): FakeSheetInit[] {
  return grids.map((g) => ({
    name: g.name,
    generate: { rows: g.rows.length, cols: width(g), cell: (r, c) => fakeCell(g.rows[r]?.[c]) },
    hiddenRows: [...g.hiddenRows],
    hiddenCols: [...g.hiddenCols],
  }));
}

export function readWorkbook(grids: SheetGrid[]): Promise<RoundTrips> {
  return measure(fakeSheets(grids), (wb) => wb.readSheets());
}

/** The same read followed by the formula audit's second read: the formulas of the totals the reader finds. */
export function readWorkbookWithFormulas(grids: SheetGrid[]): Promise<RoundTrips> {
  return measure(fakeSheets(grids), async (wb) => readTotalFormulas(wb, await wb.readSheets()));
}

function write(sheet: OutputSheet): Promise<RoundTrips> {
  return measure([{ name: 'Revenue Budget', cells: { A1: 'Revenue Budget' } }], (wb) =>
    wb.writeSheets([{ sheet, owned: true }], []),
  );
}

/** Writing a report sheet of `rows` rows of 8 columns, like the adapter tests' big write. */
export function writeRows(rows: number): Promise<RoundTrips> {
  return write(reportSheet(rows));
}

/** Writing a findings sheet of `count` findings, each with a link to its cell. */
export function writeFindings(count: number): Promise<RoundTrips> {
  return write(findingsSheet(count));
}

/** The round trips the brief allows: 3 up to 20k rows, then one more for each further 10k. */
export function syncTarget(rows: number): number {
  return rows <= 20_000 ? 3 : 3 + Math.ceil((rows - 20_000) / 10_000);
}
