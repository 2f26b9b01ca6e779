/// <reference types="office-js" />
import { sheetRef } from '../engine/a1';
import type { Cell, CellValue, SheetGrid } from '../engine/grid';
import { cellValue, type ChartSpec, type OutputCell, type OutputSheet } from '../engine/output';
import { OWNER_NAME_PREFIX, ownerName } from '../engine/ownership';
import { WorkbookReadError, type Progress, type WorkbookPort } from './port';

/**
 * The workbook open in Excel, through office-js: the task pane's host.
 *
 * A thin adapter: it copies cells in and out and knows nothing of budgets. What it does care
 * about is round trips. Every `context.sync()` is a round trip to Excel (a network one in Excel
 * on the web, where a request or response over 5 MB fails with PayloadTooLarge), so reads and
 * writes are queued in as few batches as fit under a payload budget, never one per row or cell.
 */

/** Runs one office-js batch: `Excel.run` in Excel, a fake context in tests and benchmarks. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel on the web rejects a request or response over 5 MB. */
export const MAX_SYNC_BYTES = 5_000_000;
/** What one sync is planned to carry at most: under the limit, with room for estimates that run low. */
export const SYNC_BUDGET_BYTES = 4_500_000;
/** The most rows read in one request. */
export const BLOCK_ROWS = 10_000;
/** Operations this small may use SMALL_OP_SLACK_BYTES of the headroom between budget and limit. */
const SMALL_OP_BYTES = 16_384;
const SMALL_OP_SLACK_BYTES = 131_072;
/** A used range bigger than this (summed over sheets) is refused rather than read for minutes. */
export const MAX_READ_CELLS = 5_000_000;

/**
 * Bytes each read is expected to bring back, for planning before anything is loaded: the JSON
 * size of what office-js returns, worked out for MTFS-like sheets (a code, a label, money
 * columns, a note; see test/office/fixtures.ts), not measured against Excel itself. Values,
 * formulas, numberFormat and valueTypes together take ~25 bytes for an empty cell, ~45 for a
 * number and ~80 for a label; a cell's font flags ~70; a row's hidden flag and font flags ~90.
 * After each round, the per-cell figure follows what that sheet actually sent (plus 15%).
 */
export const READ_BYTES = {
  cell: 48,
  cellFont: 72,
  rowWithFont: 92,
  rowHiddenOnly: 20,
  column: 24,
  /** Listing sheets, used ranges and names: a few hundred bytes per sheet. */
  perSheet: 300,
} as const;

/** One `context.sync()`: what it was for and how many bytes it was planned (and seen) to carry. */
export interface SyncRecord {
  stage: string;
  /** The adapter's estimate of the larger of request and response, made before the sync. */
  estimatedBytes: number;
  /** For reads: the JSON size of what actually came back (values, formats, properties). */
  measuredBytes?: number;
}

export interface SyncStats {
  syncs: number;
  records: SyncRecord[];
  /** Largest estimate (or measurement, when larger) of any one sync. */
  maxPayloadBytes: number;
}

/**
 * Wraps a batch runner so every `context.sync()` made through it is counted, whoever makes it.
 * For benchmarks against real Excel or a fake: `const counted = countSyncs(run)`, then
 * `new OfficeWorkbook(counted.run)` and read `counted.count.syncs` afterwards.
 */
export function countSyncs(run: ExcelRun): { run: ExcelRun; count: { syncs: number } } {
  const count = { syncs: 0 };
  const counted: ExcelRun = (batch) =>
    run((context) => {
      const proxy = new Proxy(context, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target);
          if (prop === 'sync') {
            return (...args: unknown[]) => {
              count.syncs++;
              return (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            };
          }
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      return batch(proxy);
    });
  return { run: counted, count };
}

/** JSON size of a loaded value: what crossed the wire for it. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : JSON.stringify(value).length;
}

/** The sheet a workbook name refers to, from its formula ("='MTFS Summary'!$A$1"); null for #REF!. */
export function referencedSheet(formula: string): string | null {
  const f = formula.trim().replace(/^=/, '');
  if (f.startsWith("'")) {
    let out = '';
    let i = 1;
    while (i < f.length) {
      if (f[i] === "'") {
        if (f[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        break;
      }
      out += f[i++];
    }
    return f[i + 1] === '!' ? out : null;
  }
  const m = /^([^!'"=()]+)!/.exec(f);
  return m && !m[1].startsWith('#') ? m[1] : null;
}

/** ExcelJS's rule for a date format, so both hosts turn the same cells into dates. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const f = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** An Excel serial date as ExcelJS reads it (1900 date system). */
function excelDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 24 * 3600 * 1000));
}

/** Column width in characters (ExcelJS, the OutputSheet) to points (office-js), for Calibri 11. */
export function columnWidthPoints(chars: number): number {
  return Math.round((Math.trunc(chars * 7 + 5) * 0.75) * 100) / 100;
}

function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** The chart type drawn for a spec: a waterfall where ExcelApi 1.9 has one, else clustered columns. */
export function chartType(kind: ChartSpec['kind'], supports: (version: string) => boolean = supportsExcelApi): 'Waterfall' | 'ColumnClustered' | 'XYScatter' {
  if (kind === 'scatter') return 'XYScatter';
  if (kind === 'waterfall' && supports('1.9')) return 'Waterfall';
  return 'ColumnClustered';
}

// ---- Reading --------------------------------------------------------------------------------

type FontMode = 'cells' | 'rows';

interface SheetRead {
  name: string;
  worksheet: Excel.Worksheet;
  /** Used range, 0-based from A1. */
  row0: number;
  col0: number;
  rows: number;
  cols: number;
  /** Bytes per cell for values, formulas, formats and types: the estimate, then what was seen. */
  cellBytes: number;
  grid: { name: string; rows: (Cell | undefined)[][]; hiddenRows: Set<number>; hiddenCols: Set<number> };
}

/** A piece of a read: rows of a sheet's used range (relative to it), or fonts for some cells. */
type ReadRequest =
  | { kind: 'block'; sheet: SheetRead; start: number; count: number }
  | { kind: 'fonts'; sheet: SheetRead; start: number; count: number; c0: number; c1: number };

interface Loaded {
  request: ReadRequest;
  range: Excel.Range;
  rowProps?: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  colProps?: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  cellProps?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

const FONT_LOAD = { format: { font: { bold: true, italic: true, underline: true } } } as const;

function rowBytes(req: ReadRequest, mode: FontMode): number {
  const s = req.sheet;
  if (req.kind === 'fonts') return (req.c1 - req.c0 + 1) * READ_BYTES.cellFont;
  return s.cols * (s.cellBytes + (mode === 'cells' ? READ_BYTES.cellFont : 0)) + (mode === 'cells' ? READ_BYTES.rowHiddenOnly : READ_BYTES.rowWithFont);
}

function requestBytes(req: ReadRequest, mode: FontMode): number {
  const columns = req.kind === 'block' && req.start === 0 ? req.sheet.cols * READ_BYTES.column : 0;
  return req.count * rowBytes(req, mode) + columns;
}

/**
 * Takes the next round of requests off the queue: as many as fit the budget, splitting the last
 * one by rows when only part of it fits. A round always makes progress (at least one row).
 */
function takeRound<T extends { count: number; start: number }>(
  queue: T[],
  bytesPerRow: (req: T) => number,
  fixedBytes: (req: T) => number,
  budget: number,
): { round: T[]; bytes: number } {
  const round: T[] = [];
  let bytes = 0;
  while (queue.length) {
    const req = queue[0];
    const full = fixedBytes(req) + req.count * bytesPerRow(req);
    if (bytes + full <= budget) {
      round.push(req);
      bytes += full;
      queue.shift();
      continue;
    }
    const fit = Math.floor((budget - bytes - fixedBytes(req)) / Math.max(1, bytesPerRow(req))) || 0;
    const rows = round.length === 0 ? Math.max(1, fit) : fit;
    if (rows >= 1) {
      const part = { ...req, count: Math.min(rows, req.count) };
      round.push(part);
      bytes += fixedBytes(part) + part.count * bytesPerRow(part);
      queue[0] = { ...req, start: req.start + part.count, count: req.count - part.count };
      if (queue[0].count <= 0) queue.shift();
    }
    break;
  }
  return { round, bytes };
}

function underlined(u: unknown): boolean {
  return typeof u === 'string' ? u !== 'None' : !!u;
}

function applyFont(cell: Cell, font: { bold?: boolean | null; italic?: boolean | null; underline?: unknown } | undefined): void {
  if (!font) return;
  if (font.bold) cell.bold = true;
  else delete cell.bold;
  if (font.italic) cell.italic = true;
  else delete cell.italic;
  if (font.underline !== undefined && font.underline !== null && underlined(font.underline)) cell.underline = true;
  else delete cell.underline;
}

function cellFrom(value: unknown, formula: unknown, format: unknown, type: unknown): Cell | undefined {
  const isFormula = typeof formula === 'string' && formula.startsWith('=') && formula !== value;
  if (type === 'Empty' && !isFormula) return undefined;
  const fmt = typeof format === 'string' && format !== 'General' ? format : undefined;
  let v: CellValue = null;
  const cell: Cell = { value: null };
  if (isFormula) cell.formula = (formula as string).slice(1);
  if (type === 'Error') cell.error = String(value);
  else if (type !== 'Empty' && value !== null && value !== undefined) {
    if (typeof value === 'number') v = isDateFormat(fmt) ? excelDate(value) : value;
    else if (typeof value === 'string' || typeof value === 'boolean') v = value;
    else v = String(value);
  }
  cell.value = v;
  if (fmt) cell.format = fmt;
  return cell;
}

// ---- Writing --------------------------------------------------------------------------------

const ALIGN = { left: 'Left', right: 'Right', center: 'Center' } as const;
const LINK_COLOUR = '#0563C1';

/** The arrays written for rows [r0, r1) of an output sheet. */
function writeArrays(sheet: OutputSheet, r0: number, r1: number, cols: number) {
  const values: (string | number | null)[][] = [];
  const formats: (string | null)[][] = [];
  const textFormats: (string | null)[][] = [];
  const props: Excel.SettableCellProperties[][] = [];
  const links: { row: number; col: number; text: string; link: { sheet: string; cell: string } }[] = [];
  let anyProps = false;
  let anyTextFormat = false;
  for (let r = r0; r < r1; r++) {
    const src = sheet.rows[r] ?? [];
    const vRow: (string | number | null)[] = [];
    const fRow: (string | null)[] = [];
    const tRow: (string | null)[] = [];
    const pRow: Excel.SettableCellProperties[] = [];
    for (let c = 0; c < cols; c++) {
      const cell: OutputCell | null | undefined = src[c];
      const value = cell ? cellValue(cell.value) : null;
      vRow.push(value);
      // Text is formatted '@' before it is written, so Excel keeps it as text (never a formula,
      // number or date); a text cell's own format, if any, is applied after the value.
      if (typeof value === 'string') {
        fRow.push('@');
        tRow.push(cell?.format && cell.format !== '@' ? cell.format : null);
        if (tRow[c] !== null) anyTextFormat = true;
      } else {
        fRow.push(cell?.format ?? null);
        tRow.push(null);
      }
      const p: Excel.SettableCellProperties = {};
      if (cell) {
        const font: Excel.CellPropertiesFont = {};
        if (cell.bold) font.bold = true;
        if (cell.italic) font.italic = true;
        if (cell.underline) font.underline = 'Single';
        if (cell.link) {
          font.color = LINK_COLOUR;
          font.underline = 'Single';
          links.push({ row: r, col: c, text: value === null ? '' : String(value), link: cell.link });
        }
        const format: Excel.CellPropertiesFormat = {};
        if (Object.keys(font).length) format.font = font;
        if (cell.align) format.horizontalAlignment = ALIGN[cell.align];
        if (cell.wrap) format.wrapText = true;
        if (cell.align || cell.wrap) format.verticalAlignment = 'Top';
        if (Object.keys(format).length) {
          p.format = format;
          anyProps = true;
        }
      }
      pRow.push(p);
    }
    values.push(vRow);
    formats.push(fRow);
    textFormats.push(tRow);
    props.push(pRow);
  }
  return {
    values,
    formats,
    textFormats: anyTextFormat ? textFormats : null,
    props: anyProps ? props : null,
    links,
    /** Request bytes of each part, the optional ones as if written. */
    bytes: {
      base: jsonBytes(values) + jsonBytes(formats) + links.length * 200,
      textFormats: anyTextFormat ? jsonBytes(textFormats) : 0,
      props: anyProps ? jsonBytes(props) : 0,
      textFormatsIfAny: jsonBytes(textFormats),
      propsIfAny: jsonBytes(props),
    },
  };
}

/**
 * Rows [r0, r1) of a sheet whose arrays fit `cap` bytes (at least one row), and their bytes.
 * The optional arrays (fonts, text formats) are written for the whole chunk when any row needs
 * them, so they count for every row from then on.
 */
function chunkRows(sheet: OutputSheet, r0: number, rows: number, cols: number, cap: number): { r1: number; bytes: number } {
  let base = 0;
  let text = 0;
  let props = 0;
  let anyText = false;
  let anyProps = false;
  let r1 = r0;
  while (r1 < rows) {
    const b = writeArrays(sheet, r1, r1 + 1, cols).bytes;
    const nextText: boolean = anyText || b.textFormats > 0;
    const nextProps: boolean = anyProps || b.props > 0;
    const total = base + b.base + (nextText ? text + b.textFormatsIfAny : 0) + (nextProps ? props + b.propsIfAny : 0);
    if (r1 > r0 && total > cap) break;
    base += b.base;
    text += b.textFormatsIfAny;
    props += b.propsIfAny;
    anyText = nextText;
    anyProps = nextProps;
    r1++;
  }
  return { r1, bytes: base + (anyText ? text : 0) + (anyProps ? props : 0) };
}

// ---- The adapter ----------------------------------------------------------------------------

export interface OfficeWorkbookOptions {
  /** Bytes one sync is planned to carry (default SYNC_BUDGET_BYTES). */
  syncBudgetBytes?: number;
  /** Whether an ExcelApi version is available (default: Office.context.requirements, false outside Office). */
  supportsExcelApi?: (version: string) => boolean;
}

export class OfficeWorkbook implements WorkbookPort {
  /** Syncs made by the last call, with the payload each was planned (and, for reads, seen) to carry. */
  lastStats: SyncStats = { syncs: 0, records: [], maxPayloadBytes: 0 };
  private readonly budget: number;
  private readonly supports: (version: string) => boolean;

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    this.budget = options.syncBudgetBytes ?? SYNC_BUDGET_BYTES;
    this.supports = options.supportsExcelApi ?? supportsExcelApi;
  }

  /** Runs a batch whose syncs are recorded in lastStats. */
  private batch<T>(body: (context: Excel.RequestContext, sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>) => Promise<T>): Promise<T> {
    const stats: SyncStats = { syncs: 0, records: [], maxPayloadBytes: 0 };
    this.lastStats = stats;
    return this.run(async (context) => {
      const sync = async (stage: string, estimatedBytes: number): Promise<SyncRecord> => {
        await context.sync();
        const record: SyncRecord = { stage, estimatedBytes };
        stats.syncs++;
        stats.records.push(record);
        stats.maxPayloadBytes = Math.max(stats.maxPayloadBytes, estimatedBytes);
        return record;
      };
      return body(context, sync);
    });
  }

  private measured(record: SyncRecord, bytes: number): void {
    record.measuredBytes = bytes;
    this.lastStats.maxPayloadBytes = Math.max(this.lastStats.maxPayloadBytes, bytes);
  }

  async listSheets(): Promise<{ name: string; owned: boolean }[]> {
    return this.batch(async (context, sync) => {
      const sheets = context.workbook.worksheets;
      const names = context.workbook.names;
      sheets.load('items/name');
      names.load('items/name,items/formula');
      await sync('List sheets and names', READ_BYTES.perSheet);
      const owned = new Set<string>();
      for (const n of names.items) {
        if (!n.name.startsWith(OWNER_NAME_PREFIX)) continue;
        const target = referencedSheet(n.formula ?? '');
        if (target) owned.add(target.toLowerCase());
      }
      return sheets.items.map((s) => ({ name: s.name, owned: owned.has(s.name.toLowerCase()) }));
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.batch(async (context, sync) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await sync('Select cell', 200);
    });
  }

  async readSheets(onProgress?: Progress): Promise<SheetGrid[]> {
    return this.batch(async (context, sync) => {
      // 1. The sheets: their used ranges can only be asked for once the sheets are known.
      onProgress?.(0, 1, 'Listing sheets');
      const collection = context.workbook.worksheets;
      collection.load('items/name');
      await sync('List sheets', READ_BYTES.perSheet);

      // 2. Every sheet's used range (values only, so formatting alone does not stretch it), in one sync.
      const used = collection.items.map((ws) => {
        const range = ws.getUsedRangeOrNullObject(true);
        range.load('rowIndex,columnIndex,rowCount,columnCount');
        return { ws, range };
      });
      await sync('Measure used ranges', collection.items.length * READ_BYTES.perSheet);

      const sheets: SheetRead[] = used.map(({ ws, range }) => {
        const empty = range.isNullObject;
        const index = (n: unknown): number => {
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`Excel did not report the used range of "${ws.name}" (got ${String(n)})`);
          return n;
        };
        return {
          name: ws.name,
          worksheet: ws,
          row0: empty ? 0 : index(range.rowIndex),
          col0: empty ? 0 : index(range.columnIndex),
          rows: empty ? 0 : index(range.rowCount),
          cols: empty ? 0 : index(range.columnCount),
          cellBytes: READ_BYTES.cell,
          grid: { name: ws.name, rows: [], hiddenRows: new Set<number>(), hiddenCols: new Set<number>() },
        };
      });
      const totalCells = sheets.reduce((n, s) => n + s.rows * s.cols, 0);
      if (totalCells > MAX_READ_CELLS) {
        const biggest = [...sheets].sort((a, b) => b.rows * b.cols - a.rows * a.cols)[0];
        throw new WorkbookReadError(
          'too-large',
          `the workbook's sheets span ${totalCells.toLocaleString('en-GB')} cells, more than the ${MAX_READ_CELLS.toLocaleString('en-GB')} the add-in reads; "${biggest.name}" alone spans ${biggest.rows.toLocaleString('en-GB')} rows by ${biggest.cols} columns (look for stray entries far below or to the right of the data)`,
        );
      }

      // 3. The cells, in blocks of at most BLOCK_ROWS rows, packed into as few syncs as fit the budget.
      const queue: ReadRequest[] = [];
      for (const s of sheets) {
        for (let start = 0; start < s.rows; start += BLOCK_ROWS) {
          queue.push({ kind: 'block', sheet: s, start, count: Math.min(BLOCK_ROWS, s.rows - start) });
        }
      }
      // Fonts: per cell, in the same sync as the values, whenever that costs no extra round trip;
      // otherwise per row (a row's flags when all its cells agree), with per-cell fonts only for
      // the rows whose cells differ, asked for in the next round. The last round goes per cell
      // again when what is left fits, so no round trip is spent on fonts alone.
      const total = (mode: FontMode) => queue.reduce((n, r) => n + requestBytes(r, mode), 0);
      const allCells = Math.ceil(total('cells') / this.budget) <= Math.ceil(total('rows') / this.budget);

      const totalRows = sheets.reduce((n, s) => n + s.rows, 0);
      let doneRows = 0;
      while (queue.length) {
        const mode: FontMode = allCells || total('cells') <= this.budget ? 'cells' : 'rows';
        const { round, bytes } = takeRound(queue, (r) => rowBytes(r, mode), (r) => requestBytes(r, mode) - r.count * rowBytes(r, mode), this.budget);
        const loaded = round.map((req) => this.queueLoad(req, mode));
        const names = [...new Set(round.map((r) => r.sheet.name))].join(', ');
        onProgress?.(doneRows, totalRows, `Reading ${names}`);
        const record = await sync(`Read ${names}`, bytes);
        let seen = 0;
        const followUps: ReadRequest[] = [];
        for (const l of loaded) {
          const result = this.takeLoaded(l, mode);
          seen += result.bytes;
          followUps.push(...result.followUps);
          if (l.request.kind === 'block') doneRows += l.request.count;
        }
        queue.unshift(...followUps);
        this.measured(record, seen);
      }
      onProgress?.(totalRows, totalRows, 'Read');
      return sheets.map((s) => s.grid);
    });
  }

  /** Queues the loads for one request of a round. */
  private queueLoad(request: ReadRequest, mode: FontMode): Loaded {
    const s = request.sheet;
    if (request.kind === 'fonts') {
      const range = s.worksheet.getRangeByIndexes(s.row0 + request.start, s.col0 + request.c0, request.count, request.c1 - request.c0 + 1);
      return { request, range, cellProps: range.getCellProperties(FONT_LOAD) };
    }
    const range = s.worksheet.getRangeByIndexes(s.row0 + request.start, s.col0, request.count, s.cols);
    range.load('values,formulas,numberFormat,valueTypes');
    const loaded: Loaded = {
      request,
      range,
      rowProps: range.getRowProperties(mode === 'rows' ? { rowHidden: true, ...FONT_LOAD } : { rowHidden: true }),
    };
    if (mode === 'cells') loaded.cellProps = range.getCellProperties(FONT_LOAD);
    if (request.start === 0) loaded.colProps = range.getColumnProperties({ columnHidden: true });
    return loaded;
  }

  /** Copies one loaded request into its sheet's grid; returns the bytes seen and any font follow-ups. */
  private takeLoaded(l: Loaded, mode: FontMode): { bytes: number; followUps: ReadRequest[] } {
    const req = l.request;
    const s = req.sheet;
    const grid = s.grid;
    if (req.kind === 'fonts') {
      const fonts = l.cellProps!.value;
      for (let i = 0; i < req.count; i++) {
        const row = grid.rows[s.row0 + req.start + i];
        if (!row) continue;
        for (let j = req.c0; j <= req.c1; j++) {
          const cell = row[s.col0 + j];
          if (cell) applyFont(cell, fonts[i]?.[j - req.c0]?.format?.font);
        }
      }
      return { bytes: jsonBytes(fonts), followUps: [] };
    }

    const values = l.range.values;
    const formulas = l.range.formulas;
    const formats = l.range.numberFormat;
    const types = l.range.valueTypes;
    const rowProps = l.rowProps!.value;
    const cellFonts = l.cellProps?.value;
    const dataBytes = jsonBytes(values) + jsonBytes(formulas) + jsonBytes(formats) + jsonBytes(types);
    let bytes = dataBytes + jsonBytes(rowProps) + jsonBytes(cellFonts);
    // Later rounds plan with what this sheet's cells actually cost.
    const cells = req.count * s.cols;
    if (cells > 0) s.cellBytes = Math.max(16, Math.ceil((dataBytes / cells) * 1.15));

    if (l.colProps) {
      const cols = l.colProps.value;
      bytes += jsonBytes(cols);
      cols.forEach((c, j) => {
        if (c.columnHidden) grid.hiddenCols.add(s.col0 + j);
      });
    }

    const followUps: ReadRequest[] = [];
    let mixed: { start: number; count: number; c0: number; c1: number } | null = null;
    const flush = () => {
      if (mixed) followUps.push({ kind: 'fonts', sheet: s, ...mixed });
      mixed = null;
    };
    for (let i = 0; i < req.count; i++) {
      const r = s.row0 + req.start + i;
      const props = rowProps[i];
      const rowFont = props?.format?.font;
      const uniform = mode === 'rows' && rowFont && rowFont.bold !== null && rowFont.italic !== null && rowFont.underline !== null;
      let out: (Cell | undefined)[] | undefined;
      let first = -1;
      let last = -1;
      for (let j = 0; j < s.cols; j++) {
        const cell = cellFrom(values[i][j], formulas[i][j], formats[i][j], types[i][j]);
        if (!cell) continue;
        if (mode === 'cells') applyFont(cell, cellFonts?.[i]?.[j]?.format?.font);
        else if (uniform) applyFont(cell, rowFont);
        out ??= [];
        out[s.col0 + j] = cell;
        if (first < 0) first = j;
        last = j;
      }
      if (out) grid.rows[r] = out;
      // As the .xlsx host: a hidden row counts when it has something in it.
      if (out && props?.rowHidden) grid.hiddenRows.add(r);
      // A row whose cells differ in font: ask for its non-empty cells' fonts next round.
      if (mode === 'rows' && out && !uniform) {
        const m = mixed as { start: number; count: number; c0: number; c1: number } | null;
        if (m && m.start + m.count === req.start + i) {
          m.count++;
          m.c0 = Math.min(m.c0, first);
          m.c1 = Math.max(m.c1, last);
        } else {
          flush();
          mixed = { start: req.start + i, count: 1, c0: first, c1: last };
        }
      } else flush();
    }
    flush();
    return { bytes, followUps };
  }

  async writeSheets(sheets: { sheet: OutputSheet; owned: boolean }[], replace: string[], onProgress?: Progress): Promise<void> {
    if (sheets.length === 0 && replace.length === 0) return;
    await this.batch(async (context, sync) => {
      const wb = context.workbook;
      const suspend = () => {
        const app = context.application as Excel.Application & { suspendScreenUpdatingUntilNextSync?: () => void };
        if (typeof app?.suspendScreenUpdatingUntilNextSync === 'function') app.suspendScreenUpdatingUntilNextSync();
      };

      // 1. The workbook's names: an owner name left behind (its sheet replaced or deleted by hand)
      //    would make adding the new one fail, so those are removed first.
      const needNames = replace.length > 0 || sheets.some((s) => s.owned);
      if (needNames) {
        wb.names.load('items/name,items/formula');
        await sync('Read names', READ_BYTES.perSheet);
      }

      // 2. Everything else, in one sync unless the sheets are too big for one request.
      let pending = 0;
      const flushIfOver = async (bytes: number, stage: string) => {
        // Small operations (a name, a chart, a link) may run into the headroom under the limit
        // rather than cost a round trip of their own.
        const limit = bytes <= SMALL_OP_BYTES ? this.budget + SMALL_OP_SLACK_BYTES : this.budget;
        if (pending > 0 && pending + bytes > limit) {
          await sync(stage, pending);
          pending = 0;
          suspend();
        }
        pending += bytes;
      };
      suspend();
      const replacing = new Set(replace.map((n) => n.toLowerCase()));
      const adding = new Set(sheets.filter((s) => s.owned).map((s) => ownerName(s.sheet.name)));
      for (const n of needNames ? wb.names.items : []) {
        if (!n.name.startsWith(OWNER_NAME_PREFIX)) continue;
        const target = referencedSheet(n.formula ?? '');
        if (adding.has(n.name) || (target !== null && replacing.has(target.toLowerCase()))) n.delete();
      }
      for (const name of replace) wb.worksheets.getItem(name).delete();
      pending += 100 * (replace.length + 1);

      for (const [i, { sheet, owned }] of sheets.entries()) {
        onProgress?.(i, sheets.length, `Writing ${sheet.name}`);
        await flushIfOver(200, `Write ${sheet.name}`);
        const ws = wb.worksheets.add(sheet.name);
        if (sheet.columnWidths.length) {
          const widths = sheet.columnWidths.map((w) => ({ format: { columnWidth: columnWidthPoints(w) } }));
          await flushIfOver(jsonBytes(widths), `Write ${sheet.name}`);
          ws.getRangeByIndexes(0, 0, 1, widths.length).setColumnProperties(widths);
        }
        const rows = sheet.rows.length;
        const cols = sheet.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0);
        // Rows go in chunks whose arrays fit what is left of this sync's budget (or a whole
        // budget, when little is left): one chunk for any ordinary report.
        let r0 = 0;
        while (cols > 0 && r0 < rows) {
          const room = this.budget - pending;
          const cap = room >= this.budget / 10 ? room : this.budget;
          const { r1, bytes } = chunkRows(sheet, r0, rows, cols, cap);
          await flushIfOver(bytes, `Write ${sheet.name}`);
          const a = writeArrays(sheet, r0, r1, cols);
          const range = ws.getRangeByIndexes(r0, 0, r1 - r0, cols);
          range.numberFormat = a.formats;
          range.values = a.values;
          if (a.textFormats) range.numberFormat = a.textFormats;
          if (a.props) range.setCellProperties(a.props);
          for (const l of a.links) {
            ws.getRangeByIndexes(l.row, l.col, 1, 1).hyperlink = {
              documentReference: sheetRef(l.link.sheet, l.link.cell),
              textToDisplay: l.text,
            };
          }
          r0 = r1;
        }
        if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
        for (const spec of sheet.charts ?? []) {
          await flushIfOver(300, `Write ${sheet.name}`);
          const chart = ws.charts.add(chartType(spec.kind, this.supports), ws.getRange(spec.range), 'Auto');
          chart.title.text = spec.title;
          chart.setPosition(spec.anchor);
        }
        if (owned) {
          await flushIfOver(200, `Write ${sheet.name}`);
          wb.names.add(ownerName(sheet.name), ws.getRange('A1'));
        }
      }
      await sync('Write sheets', pending);
      onProgress?.(sheets.length, sheets.length, 'Written');
    });
  }
}
