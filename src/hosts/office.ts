/// <reference types="office-js" />
import { rangeColumns, sheetRef } from '../engine/a1';
import type { Cell, CellValue, SheetGrid } from '../engine/grid';
import { cellValue, type ChartSpec, type OutputCell, type OutputSheet } from '../engine/output';
import { MAX_SPAN_CELLS, tooLargeSpanReason } from '../engine/limits';
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

/**
 * Bytes each read is expected to bring back, for planning before anything is loaded: the JSON
 * size of what office-js returns, worked out for MTFS-like sheets (a code, a label, money
 * columns, a note; see test/office/fixtures.ts), not measured against Excel itself. Values and
 * numberFormat together take ~13 bytes for an empty cell, ~22 for a number and ~50 for a label;
 * a cell's three font flags ~70; a row's hidden flag and font flags ~90. After each round, the
 * per-cell figure follows what that sheet actually sent (plus 15%).
 */
export const READ_BYTES = {
  cell: 32,
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
  return Math.round(Math.trunc(chars * 7 + 5) * 0.75 * 100) / 100;
}

function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** How a chart spec is drawn on this host. */
export interface ChartDrawing {
  type: 'Waterfall' | 'ColumnStacked' | 'ColumnClustered' | 'XYScatter';
  range: string;
  seriesBy: 'Auto' | 'Columns';
  /** Category labels set on every series (ExcelApi 1.7), for a source range that holds figures only. */
  categories?: string;
  /** The first series only lifts the bars above it: drawn without fill, and no legend. */
  invisibleBase?: boolean;
}

/**
 * A waterfall where ExcelApi 1.9 has one. Without it, the spec's stacked fallback: the same bridge as
 * columns stacked on an invisible base (the classic hand-made waterfall); clustered columns only
 * when the spec has no such fallback.
 */
export function chartDrawing(spec: ChartSpec, supports: (version: string) => boolean = supportsExcelApi): ChartDrawing {
  if (spec.kind === 'scatter') return { type: 'XYScatter', range: spec.range, seriesBy: 'Auto' };
  if (spec.kind === 'waterfall' && supports('1.9')) return { type: 'Waterfall', range: spec.range, seriesBy: 'Auto' };
  const fallback = spec.kind === 'waterfall' ? spec.stackedFallback : undefined;
  if (!fallback) return { type: 'ColumnClustered', range: spec.range, seriesBy: 'Auto' };
  return {
    type: 'ColumnStacked',
    range: fallback.range,
    seriesBy: 'Columns',
    invisibleBase: true,
    ...(supports('1.7') ? { categories: fallback.categories } : {}),
  };
}

function drawChart(ws: Excel.Worksheet, spec: ChartSpec, supports: (version: string) => boolean): void {
  const drawing = chartDrawing(spec, supports);
  const chart = ws.charts.add(drawing.type, ws.getRange(drawing.range), drawing.seriesBy);
  chart.title.text = spec.title;
  chart.setPosition(spec.anchor);
  if (!drawing.invisibleBase) return;
  chart.legend.visible = false;
  chart.series.getItemAt(0).format.fill.clear();
  if (!drawing.categories) return;
  const categories = ws.getRange(drawing.categories);
  for (let i = 0; i < rangeColumns(drawing.range); i++) chart.series.getItemAt(i).setXAxisValues(categories);
}

// ---- Reading --------------------------------------------------------------------------------

type FontFlag = 'bold' | 'italic' | 'underline';
const FONT_FLAGS: readonly FontFlag[] = ['bold', 'italic', 'underline'];
/** A range's font flags, as Excel gives them: null where the range's cells differ. */
type FontFlags = { bold?: boolean | null; italic?: boolean | null; underline?: unknown };

/** What a row's properties say: hidden or not, and its font flags across the used range. */
interface RowInfo {
  hidden: boolean;
  font: FontFlags | undefined;
}

interface SheetRead {
  name: string;
  worksheet: Excel.Worksheet;
  /** Whether the used range is known yet. */
  measured: boolean;
  /** Used range, 0-based from A1. */
  row0: number;
  col0: number;
  rows: number;
  cols: number;
  /** Bytes per cell for values and formats: the estimate, then what was seen. */
  cellBytes: number;
  /** Row properties, by row of the used range (0 = its top row), asked for rows [0, propsAsked). */
  rowInfo: RowInfo[];
  propsAsked: number;
  /** Rows of the used range whose cells are asked for: [0, dataAsked). */
  dataAsked: number;
  columnsAsked: boolean;
  grid: { name: string; rows: (Cell | undefined)[][]; hiddenRows: Set<number>; hiddenCols: Set<number> };
}

/**
 * A piece of a read, in rows of a sheet's used range (relative to its top):
 * - data: values and formats; with `fonts`, the cell fonts of the rows whose row font is mixed
 *   (their row properties came in an earlier round); without, those fonts follow next round;
 * - props: rows' hidden flags and font flags, so a later round knows which rows need cell fonts;
 * - cells: everything at once, every cell's font included (a last round, when it fits);
 * - fonts: cell fonts of rows read without them (only the flags that differ, only c0..c1).
 */
type ReadRequest =
  | { kind: 'data'; sheet: SheetRead; start: number; count: number; fonts: boolean; columns: boolean }
  | { kind: 'props'; sheet: SheetRead; start: number; count: number; columns: boolean }
  | { kind: 'cells'; sheet: SheetRead; start: number; count: number; columns: boolean }
  | { kind: 'fonts'; sheet: SheetRead; start: number; count: number; c0: number; c1: number; flags: FontFlag[] }
  | { kind: 'used'; sheet: SheetRead };

/** What was queued for a request, readable after the sync. */
interface Loaded {
  request: ReadRequest;
  range?: Excel.Range;
  rowProps?: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  colProps?: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  cellProps?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  /** Cell fonts of runs of mixed rows, for a data request with fonts. */
  runs?: {
    start: number;
    count: number;
    flags: FontFlag[];
    props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  }[];
}

function fontLoad(flags: readonly FontFlag[]) {
  return { format: { font: Object.fromEntries(flags.map((f) => [f, true])) } };
}

/** The flags a row's cells differ in (all three when its properties did not say). */
function mixedFlags(info: RowInfo | undefined): FontFlag[] {
  const font = info?.font;
  if (!font) return [...FONT_FLAGS];
  return FONT_FLAGS.filter((f) => font[f] === null || font[f] === undefined);
}

/** JSON bytes of one cell's font, asked for these flags: {"format":{"font":{"bold":false}}} and a comma. */
function fontCellBytes(flags: number): number {
  return 20 + 17 * flags;
}

/** Runs of consecutive rows, in [start, start + count), that differ in the same font flags. */
function mixedRuns(s: SheetRead, start: number, count: number): { start: number; count: number; flags: FontFlag[] }[] {
  const runs: { start: number; count: number; flags: FontFlag[] }[] = [];
  for (let i = start; i < start + count; i++) {
    const flags = mixedFlags(s.rowInfo[i]);
    const last = runs[runs.length - 1];
    if (!flags.length) continue;
    if (last && last.start + last.count === i && last.flags.join() === flags.join()) last.count++;
    else runs.push({ start: i, count: 1, flags });
  }
  return runs;
}

function requestBytes(req: ReadRequest): number {
  if (req.kind === 'used') return READ_BYTES.perSheet;
  const s = req.sheet;
  const columns = 'columns' in req && req.columns ? s.cols * READ_BYTES.column : 0;
  switch (req.kind) {
    case 'fonts':
      return req.count * (req.c1 - req.c0 + 1) * fontCellBytes(req.flags.length);
    case 'props':
      return req.count * READ_BYTES.rowWithFont + columns;
    case 'cells':
      return req.count * (s.cols * (s.cellBytes + fontCellBytes(3)) + READ_BYTES.rowHiddenOnly) + columns;
    case 'data': {
      let bytes = req.count * s.cols * s.cellBytes + columns;
      if (req.fonts)
        for (const run of mixedRuns(s, req.start, req.count))
          bytes += run.count * s.cols * fontCellBytes(run.flags.length);
      return bytes;
    }
  }
}

function underlined(u: unknown): boolean {
  return typeof u === 'string' ? u !== 'None' : !!u;
}

function applyFont(cell: Cell, font: FontFlags | undefined): void {
  if (!font) return;
  if (font.bold) cell.bold = true;
  else delete cell.bold;
  if (font.italic) cell.italic = true;
  else delete cell.italic;
  if (font.underline !== undefined && font.underline !== null && underlined(font.underline)) cell.underline = true;
  else delete cell.underline;
}

/** The font flags a row has throughout, or null when its cells differ in some. */
function uniformFont(info: RowInfo | undefined): FontFlags | null {
  return mixedFlags(info).length ? null : info!.font!;
}

const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
]);

/**
 * A cell from its value and number format. Excel gives every formula's calculated value and an
 * error as its text (#REF!), so formulas and value types are not read: the engine needs a
 * formula's text only where a file saved without calculating has no value, which Excel never has.
 */
function cellFrom(value: unknown, format: unknown): Cell | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  const fmt = typeof format === 'string' && format !== 'General' ? format : undefined;
  let v: CellValue = null;
  const cell: Cell = { value: null };
  if (typeof value === 'string' && EXCEL_ERRORS.has(value)) cell.error = value;
  else if (typeof value === 'number') v = isDateFormat(fmt) ? excelDate(value) : value;
  else if (typeof value === 'string' || typeof value === 'boolean') v = value;
  else v = String(value);
  cell.value = v;
  if (fmt) cell.format = fmt;
  return cell;
}

/**
 * Reads every sheet in few round trips, each as full as the payload budget allows:
 * 1. the sheets, and the first sheet's used range (it always exists, so it needs no name);
 * 2. the other sheets' used ranges, with the first sheet's cells;
 * 3. onwards, rounds of rows. A row's font comes from its row properties when its cells agree,
 *    from its cells' fonts when they differ; row properties are asked for a round ahead, so a
 *    round asks for the cell fonts of its mixed rows along with their values. Rows whose
 *    properties come in the same round are read too (when there is room), their mixed rows'
 *    fonts following next round; a last round that fits asks for every cell's font at once.
 */
class SheetReader {
  private sheets: SheetRead[] = [];
  private followUps: ReadRequest[] = [];
  private doneRows = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>,
    private readonly budget: number,
    private readonly measured: (record: SyncRecord, bytes: number) => void,
    private readonly onProgress?: Progress,
  ) {}

  async read(): Promise<SheetGrid[]> {
    this.onProgress?.(0, 1, 'Listing sheets');
    const collection = this.context.workbook.worksheets;
    collection.load('items/name');
    const first = collection.getFirst();
    first.load('name');
    const firstUsed = first.getUsedRangeOrNullObject(true);
    firstUsed.load('rowIndex,columnIndex,rowCount,columnCount');
    await this.sync('List sheets', READ_BYTES.perSheet * 2);
    this.sheets = collection.items.map((ws) => ({
      name: ws.name,
      worksheet: ws,
      measured: false,
      row0: 0,
      col0: 0,
      rows: 0,
      cols: 0,
      cellBytes: READ_BYTES.cell,
      rowInfo: [],
      propsAsked: 0,
      dataAsked: 0,
      columnsAsked: false,
      grid: { name: ws.name, rows: [], hiddenRows: new Set<number>(), hiddenCols: new Set<number>() },
    }));
    const head = this.sheets.find((s) => s.name === first.name);
    if (head) this.measure(head, firstUsed);
    while (this.sheets.some((s) => !s.measured || s.dataAsked < s.rows) || this.followUps.length) await this.round();
    this.onProgress?.(this.totalRows(), this.totalRows(), 'Read');
    return this.sheets.map((s) => s.grid);
  }

  private totalRows(): number {
    return this.sheets.reduce((n, s) => n + s.rows, 0);
  }

  /** Takes a sheet's used range; refuses, before reading a cell more, a workbook too large to read. */
  private measure(s: SheetRead, range: Excel.Range): void {
    const index = (n: unknown): number => {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
        throw new Error(`Excel did not report the used range of "${s.name}" (got ${String(n)})`);
      return n;
    };
    const empty = range.isNullObject;
    s.measured = true;
    s.row0 = empty ? 0 : index(range.rowIndex);
    s.col0 = empty ? 0 : index(range.columnIndex);
    s.rows = empty ? 0 : index(range.rowCount);
    s.cols = empty ? 0 : index(range.columnCount);
    if (this.sheets.every((x) => x.measured)) this.refuseTooLarge();
  }

  private refuseTooLarge(): void {
    const reason = tooLargeSpanReason(this.sheets.map((s) => ({ sheet: s.name, rows: s.rows, cols: s.cols })));
    if (reason) throw new WorkbookReadError('too-large', reason);
  }

  /** Sheets whose cells may be read now: measured, and not too large on their own while others are unmeasured. */
  private readable(): SheetRead[] {
    const all = this.sheets.every((s) => s.measured);
    return this.sheets.filter((s) => s.measured && s.rows > 0 && (all || s.rows * s.cols <= MAX_SPAN_CELLS));
  }

  private async round(): Promise<void> {
    const { requests, bytes } = this.plan();
    const loaded = requests.map((r) => this.queue(r));
    const names = [...new Set(requests.filter((r) => r.kind !== 'used').map((r) => r.sheet.name))];
    const stage = names.length ? `Read ${names.join(', ')}` : 'Measure used ranges';
    this.onProgress?.(this.doneRows, Math.max(1, this.totalRows()), stage);
    const record = await this.sync(stage, bytes);
    let seen = 0;
    // Row properties first: the rows read in the same round need them.
    for (const l of loaded) if (l.request.kind === 'used') this.measure(l.request.sheet, l.range!);
    for (const l of loaded) if (l.request.kind === 'props') seen += this.takeProps(l);
    for (const l of loaded) if (l.request.kind !== 'props' && l.request.kind !== 'used') seen += this.take(l);
    if (seen > 0) this.measured(record, seen);
  }

  /** The next round: as much as fits the budget, in the order that saves round trips. */
  private plan(): { requests: ReadRequest[]; bytes: number } {
    const requests: ReadRequest[] = [];
    let bytes = 0;
    const room = () => this.budget - bytes;
    const add = (r: ReadRequest) => {
      requests.push(r);
      bytes += requestBytes(r);
    };
    for (const s of this.sheets) if (!s.measured) add({ kind: 'used', sheet: s });
    while (this.followUps.length && (requestBytes(this.followUps[0]) <= room() || requests.length === 0))
      add(this.followUps.shift()!);
    const sheets = this.readable();
    // Rows whose row properties are known, with the cell fonts of their mixed rows.
    for (const s of sheets) this.takeRows(s, 'data', s.propsAsked, room, add, true);
    // A last round that fits: every cell's font at once, no round for fonts after it.
    const rest = sheets.filter((s) => s.dataAsked < s.rows);
    const restBytes = rest.reduce(
      (n, s) => n + requestBytes(this.rowsRequest(s, 'cells', s.dataAsked, s.rows - s.dataAsked, false)),
      0,
    );
    if (rest.length && rest.every((s) => s.dataAsked === s.propsAsked) && restBytes <= room()) {
      for (const s of rest) this.takeRows(s, 'cells', s.rows, room, add);
      return { requests, bytes };
    }
    // Row properties for later rounds, then the rows they cover, their mixed rows' fonts to follow.
    for (const s of sheets) this.takeRows(s, 'props', s.rows, room, add);
    for (const s of sheets) this.takeRows(s, 'data', s.propsAsked, room, add, false);
    // A budget too small for one row still reads one row a round.
    const s = requests.length ? undefined : sheets.find((x) => x.dataAsked < x.rows);
    if (s && s.propsAsked > s.dataAsked) add(this.rowsRequest(s, 'data', s.dataAsked++, 1, true));
    else if (s) add(this.rowsRequest(s, 'props', s.propsAsked++, 1, false));
    if (s) s.columnsAsked = true;
    return { requests, bytes };
  }

  private rowsRequest(
    s: SheetRead,
    kind: 'data' | 'props' | 'cells',
    start: number,
    count: number,
    fonts: boolean,
  ): ReadRequest {
    const columns = !s.columnsAsked;
    return kind === 'data'
      ? { kind, sheet: s, start, count, fonts, columns }
      : { kind, sheet: s, start, count, columns };
  }

  /** Adds requests for a sheet's rows up to `end`, in blocks of at most BLOCK_ROWS, as many as fit. */
  private takeRows(
    s: SheetRead,
    kind: 'data' | 'props' | 'cells',
    end: number,
    room: () => number,
    add: (r: ReadRequest) => void,
    fonts = false,
  ): void {
    const at = () => (kind === 'props' ? s.propsAsked : s.dataAsked);
    while (at() < end) {
      const start = at();
      let count = Math.min(BLOCK_ROWS, end - start);
      const fits = (n: number) => requestBytes(this.rowsRequest(s, kind, start, n, fonts)) <= room();
      if (!fits(count)) {
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (fits(mid)) lo = mid;
          else hi = mid - 1;
        }
        count = lo;
      }
      if (count === 0) return;
      add(this.rowsRequest(s, kind, start, count, fonts));
      s.columnsAsked = true;
      if (kind === 'props') s.propsAsked += count;
      else s.dataAsked += count;
      if (kind === 'cells') s.propsAsked = s.dataAsked;
    }
  }

  /** Queues the loads of one request. */
  private queue(request: ReadRequest): Loaded {
    if (request.kind === 'used') {
      const range = request.sheet.worksheet.getUsedRangeOrNullObject(true);
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      return { request, range };
    }
    const s = request.sheet;
    const rows = (start: number, count: number, c0 = 0, c1 = s.cols - 1) =>
      s.worksheet.getRangeByIndexes(s.row0 + start, s.col0 + c0, count, c1 - c0 + 1);
    if (request.kind === 'fonts') {
      const range = rows(request.start, request.count, request.c0, request.c1);
      return { request, range, cellProps: range.getCellProperties(fontLoad(request.flags)) };
    }
    const range = rows(request.start, request.count);
    const loaded: Loaded = { request, range };
    if (request.columns) loaded.colProps = range.getColumnProperties({ columnHidden: true });
    if (request.kind === 'props') {
      loaded.rowProps = range.getRowProperties({ rowHidden: true, ...fontLoad(FONT_FLAGS) });
      return loaded;
    }
    range.load('values,numberFormat');
    if (request.kind === 'cells') {
      loaded.rowProps = range.getRowProperties({ rowHidden: true });
      loaded.cellProps = range.getCellProperties(fontLoad(FONT_FLAGS));
    } else if (request.fonts) {
      loaded.runs = mixedRuns(s, request.start, request.count).map((run) => ({
        ...run,
        props: rows(run.start, run.count).getCellProperties(fontLoad(run.flags)),
      }));
    }
    return loaded;
  }

  private takeColumns(l: Loaded): number {
    if (!l.colProps) return 0;
    const s = l.request.sheet;
    l.colProps.value.forEach((c, j) => {
      if (c.columnHidden) s.grid.hiddenCols.add(s.col0 + j);
    });
    return jsonBytes(l.colProps.value);
  }

  private takeProps(l: Loaded): number {
    const req = l.request as Extract<ReadRequest, { kind: 'props' }>;
    const props = l.rowProps!.value;
    props.forEach((p, i) => {
      req.sheet.rowInfo[req.start + i] = { hidden: !!p.rowHidden, font: p.format?.font as FontFlags | undefined };
    });
    return jsonBytes(props) + this.takeColumns(l);
  }

  /** Copies a request's cells into its sheet's grid; returns the bytes seen. */
  private take(l: Loaded): number {
    const req = l.request;
    const s = req.sheet;
    if (req.kind === 'fonts') {
      const fonts = l.cellProps!.value;
      for (let i = 0; i < req.count; i++) {
        const row = s.grid.rows[s.row0 + req.start + i];
        const rowFont = s.rowInfo[req.start + i]?.font;
        for (let j = req.c0; row && j <= req.c1; j++) {
          const cell = row[s.col0 + j];
          if (cell) applyFont(cell, { ...rowFont, ...fonts[i]?.[j - req.c0]?.format?.font });
        }
      }
      return jsonBytes(fonts);
    }
    if (req.kind !== 'data' && req.kind !== 'cells') return 0;
    const values = l.range!.values;
    const formats = l.range!.numberFormat;
    const dataBytes = jsonBytes(values) + jsonBytes(formats);
    let bytes = dataBytes + this.takeColumns(l);
    // Later rounds plan with what this sheet's cells actually cost.
    if (req.count * s.cols > 0) s.cellBytes = Math.max(16, Math.ceil((dataBytes / (req.count * s.cols)) * 1.15));
    const cellFonts = new Map<number, FontFlags[]>();
    if (req.kind === 'cells') {
      const rowProps = l.rowProps!.value;
      bytes += jsonBytes(rowProps) + jsonBytes(l.cellProps!.value);
      rowProps.forEach((p, i) => (s.rowInfo[req.start + i] = { hidden: !!p.rowHidden, font: undefined }));
      l.cellProps!.value.forEach((row, i) =>
        cellFonts.set(
          req.start + i,
          row.map((c) => c?.format?.font as FontFlags),
        ),
      );
    }
    for (const run of l.runs ?? []) {
      bytes += jsonBytes(run.props.value);
      run.props.value.forEach((row, i) =>
        cellFonts.set(
          run.start + i,
          row.map((c) => c?.format?.font as FontFlags),
        ),
      );
    }
    for (let i = 0; i < req.count; i++)
      this.takeRow(s, req.start + i, values[i], formats[i], cellFonts.get(req.start + i));
    this.doneRows += req.count;
    return bytes;
  }

  /** One row of the used range into the grid, with its fonts: the row's, the cells' own, or asked for next round. */
  private takeRow(
    s: SheetRead,
    i: number,
    values: unknown[],
    formats: unknown[],
    cellFonts: FontFlags[] | undefined,
  ): void {
    const info = s.rowInfo[i];
    const rowFont = uniformFont(info);
    let out: (Cell | undefined)[] | undefined;
    let first = -1;
    let last = -1;
    for (let j = 0; j < s.cols; j++) {
      const cell = cellFrom(values[j], formats[j]);
      if (!cell) continue;
      if (rowFont) applyFont(cell, rowFont);
      else if (cellFonts) applyFont(cell, { ...info?.font, ...cellFonts[j] });
      out ??= [];
      out[s.col0 + j] = cell;
      if (first < 0) first = j;
      last = j;
    }
    if (!out) return;
    const r = s.row0 + i;
    s.grid.rows[r] = out;
    // As the .xlsx host: a hidden row counts when it has something in it.
    if (info?.hidden) s.grid.hiddenRows.add(r);
    if (!rowFont && !cellFonts) this.followUp(s, i, first, last, mixedFlags(info));
  }

  /** Asks next round for the cell fonts of a row read without them, joined to the row before when they match. */
  private followUp(s: SheetRead, i: number, c0: number, c1: number, flags: FontFlag[]): void {
    const last = this.followUps[this.followUps.length - 1];
    if (
      last &&
      last.kind === 'fonts' &&
      last.sheet === s &&
      last.start + last.count === i &&
      last.flags.join() === flags.join()
    ) {
      last.count++;
      last.c0 = Math.min(last.c0, c0);
      last.c1 = Math.max(last.c1, c1);
    } else this.followUps.push({ kind: 'fonts', sheet: s, start: i, count: 1, c0, c1, flags });
  }
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
function chunkRows(
  sheet: OutputSheet,
  r0: number,
  rows: number,
  cols: number,
  cap: number,
): { r1: number; bytes: number } {
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
  private batch<T>(
    body: (
      context: Excel.RequestContext,
      sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>,
    ) => Promise<T>,
  ): Promise<T> {
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
    return this.batch((context, sync) =>
      new SheetReader(context, sync, this.budget, (record, bytes) => this.measured(record, bytes), onProgress).read(),
    );
  }

  async writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<void> {
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
          drawChart(ws, spec, this.supports);
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
