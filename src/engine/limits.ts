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

/**
 * A package's parts and their unpacked sizes, as its zip directory declares them, are checked
 * before anything is inflated. Real workbooks hold tens of parts and unpack to a few times their
 * size; a file built to exhaust memory (a zip bomb) declares far more.
 */
export const MAX_PARTS = 10_000;
export const MAX_UNPACKED_BYTES = 2_000 * 1024 * 1024;
/** Parts read whole (the workbook, relationships, styles, shared strings) are held in memory: up to this each. */
export const MAX_HELD_PART_BYTES = 200 * 1024 * 1024;

const megabytes = (x: number) => `${formatMoney(new Decimal(Math.round(x / (1024 * 1024))))} MB`;

export function tooManyPartsReason(parts: number): string {
  const n = (x: number) => formatMoney(new Decimal(x));
  return `the file holds ${n(parts)} parts and the add-in opens workbooks of up to ${n(MAX_PARTS)} (an Excel workbook has tens); it may be built to exhaust memory`;
}

export function unpackedTooLargeReason(): string {
  return `the file unpacks to more than ${megabytes(MAX_UNPACKED_BYTES)}, the most the add-in opens (an Excel workbook of 100 MB unpacks to far less); it may be built to exhaust memory`;
}

export function heldPartTooLargeReason(part: string, bytes: number): string {
  return `the part ${part} unpacks to ${megabytes(bytes)} and the add-in reads parts of up to ${megabytes(MAX_HELD_PART_BYTES)}; check each department's sheets in a workbook of their own`;
}

/** Said when the cells read so far pass MAX_CELLS: reading stops there, so the total is "more than". */
export function tooManyCellsReason(sheet: string): string {
  const n = (x: number) => formatMoney(new Decimal(x));
  return `the workbook is too large to check: its sheets hold more than ${n(MAX_CELLS)} cells (reading stopped in ${sheet}) and the add-in reads up to ${n(MAX_CELLS)}; check each department's sheets in a workbook of their own`;
}

/**
 * What the engine walks of a sheet is each row out to its last cell: a stray entry far to the
 * right on many rows makes a sheet cost that much even when it holds few cells.
 */
export function tooWideReason(sheet: string): string {
  const n = (x: number) => formatMoney(new Decimal(x));
  return `the sheet "${sheet}" spans more than ${n(MAX_SPAN_CELLS)} cells, counting each row out to its last entry, and the add-in reads up to ${n(MAX_SPAN_CELLS)} (look for stray entries far to the right of the data)`;
}
