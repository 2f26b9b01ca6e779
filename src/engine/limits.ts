import { formatMoney, Decimal } from './money';

/**
 * The largest workbook the add-in reads: a council-wide export of 200,000 lines of ten columns fits
 * with room to spare; beyond it the task pane (and Excel on the web) would run out of memory first.
 */
export const MAX_CELLS = 3_000_000;

/** Says, before anything is read, that a workbook is too large — or null when it is not. */
export function tooLargeReason(cellsBySheet: { sheet: string; cells: number }[]): string | null {
  const total = cellsBySheet.reduce((n, s) => n + s.cells, 0);
  if (total <= MAX_CELLS) return null;
  // Over the limit, so there is at least one sheet; of equals, the first.
  const largest = cellsBySheet.reduce((a, b) => (b.cells > a.cells ? b : a));
  const n = (x: number) => formatMoney(new Decimal(x));
  return `the workbook is too large to check: its sheets hold ${n(total)} cells (${largest.sheet} alone ${n(largest.cells)}) and the add-in reads up to ${n(MAX_CELLS)}; check each department's sheets in a workbook of their own`;
}

/**
 * Inside Excel the add-in sees each sheet's used range, empty cells included, so a stray entry far
 * below or to the right of the data makes a sheet look huge. Spans up to this are read (empty cells
 * cost little); beyond it nothing is read.
 */
export const MAX_SPAN_CELLS = 5_000_000;

/** Says, once every sheet's used range is known, that they span too many cells to read — or null. */
export function tooLargeSpanReason(spans: { sheet: string; rows: number; cols: number }[]): string | null {
  const total = spans.reduce((n, s) => n + s.rows * s.cols, 0);
  if (total <= MAX_SPAN_CELLS) return null;
  // Over the limit, so there is at least one sheet; of equals, the first.
  const largest = spans.reduce((a, b) => (b.rows * b.cols > a.rows * a.cols ? b : a));
  const n = (x: number) => formatMoney(new Decimal(x));
  return `the workbook's sheets span ${n(total)} cells, more than the ${n(MAX_SPAN_CELLS)} the add-in reads; "${largest.sheet}" alone spans ${n(largest.rows)} rows by ${largest.cols} columns (look for stray entries far below or to the right of the data)`;
}

/** An .xlsx file this large holds far more than MAX_CELLS: refused before it is opened. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export function tooLargeFileReason(bytes: number): string {
  const mb = (x: number) => `${Math.round(x / (1024 * 1024))} MB`;
  return `the file is ${mb(bytes)} and the add-in opens .xlsx files up to ${mb(MAX_FILE_BYTES)}; check each department's sheets in a workbook of their own`;
}
