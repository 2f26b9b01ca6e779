/**
 * The office-js adapter's round trips, counted through the fake Excel of test/office: how many
 * `context.sync()` calls a read or a write takes and the largest request or response of any one.
 */
import type { Cell, SheetGrid } from '../src/engine/grid';
import { Decimal } from '../src/engine/money';
import { MONEY_FORMAT, type OutputSheet } from '../src/engine/output';
import { OfficeWorkbook, countSyncs } from '../src/hosts/office';
import { FakeBook, fakeExcel, type FakeCell, type FakeSheetInit } from '../test/office/fake-excel';
import { mtfsSheet } from '../test/office/fixtures';

export interface RoundTrips {
  syncs: number;
  /** Largest request or response of any one sync, in bytes (JSON, as the fake measures it). */
  largestBytes: number;
  /** Everything that crossed, both ways. */
  totalBytes: number;
}

function tally(excel: ReturnType<typeof fakeExcel>, counted: number): RoundTrips {
  const syncs = excel.contexts.flatMap((c) => c.syncs);
  if (syncs.length !== counted) throw new Error(`countSyncs saw ${counted} syncs, the fake ${syncs.length}`);
  return {
    syncs: counted,
    largestBytes: Math.max(0, ...syncs.map((s) => Math.max(s.requestBytes, s.responseBytes))),
    totalBytes: syncs.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0),
  };
}

async function read(sheets: FakeSheetInit[]): Promise<RoundTrips> {
  const excel = fakeExcel(new FakeBook(sheets));
  const counted = countSyncs(excel.run);
  await new OfficeWorkbook(counted.run).readSheets();
  return tally(excel, counted.count.syncs);
}

/** Reading an MTFS-like sheet of 8 columns (code, line, five years, note): the adapter tests' sheet. */
export function readRows(rows: number): Promise<RoundTrips> {
  return read([mtfsSheet('Revenue Budget', rows, { hideNotes: true })]);
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

/** A workbook already read by the .xlsx host, as the fake Excel holds it. */
function width(grid: SheetGrid): number {
  let cols = 1;
  for (let r = 0; r < grid.rows.length; r++) cols = Math.max(cols, grid.rows[r]?.length ?? 0);
  return cols;
}

export function fakeSheets(grids: SheetGrid[]): FakeSheetInit[] {
  return grids.map((g) => ({
    name: g.name,
    generate: { rows: g.rows.length, cols: width(g), cell: (r, c) => fakeCell(g.rows[r]?.[c]) },
    hiddenRows: [...g.hiddenRows],
    hiddenCols: [...g.hiddenCols],
  }));
}

export function readWorkbook(grids: SheetGrid[]): Promise<RoundTrips> {
  return read(fakeSheets(grids));
}

/** A report sheet of `rows` rows of 8 columns, like the adapter tests' big write. */
function reportSheet(rows: number): OutputSheet {
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
            r % 10 === 0 ? { value: 'Includes pay award', italic: true } : null,
          ],
    ),
  };
}

export async function writeRows(rows: number): Promise<RoundTrips> {
  const excel = fakeExcel(new FakeBook([]));
  const counted = countSyncs(excel.run);
  await new OfficeWorkbook(counted.run).writeSheets([{ sheet: reportSheet(rows), owned: true }], []);
  return tally(excel, counted.count.syncs);
}

/** The round trips the brief allows: 3 up to 20k rows, then one more for each further 10k. */
export function syncTarget(rows: number): number {
  return rows <= 20_000 ? 3 : 3 + Math.ceil((rows - 20_000) / 10_000);
}
