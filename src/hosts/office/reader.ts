/// <reference types="office-js" />
import type { Cell, SheetGrid } from '../../engine/grid';
import { MAX_SPAN_CELLS, tooLargeSpanReason } from '../../engine/limits';
import { WorkbookReadError, type Progress } from '../../engine/port';
import { cellFrom } from './cells';
import { BLOCK_ROWS, jsonBytes, READ_BYTES, type SyncRecord } from './sync';

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
  const columns = 'columns' in req && req.columns ? s.cols * READ_BYTES.column + READ_BYTES.result : 0;
  switch (req.kind) {
    case 'fonts':
      return req.count * (req.c1 - req.c0 + 1) * fontCellBytes(req.flags.length) + READ_BYTES.result;
    case 'props':
      return req.count * READ_BYTES.rowWithFont + columns + READ_BYTES.result;
    case 'cells':
      return (
        req.count * (s.cols * (s.cellBytes + fontCellBytes(3)) + READ_BYTES.rowHiddenOnly) +
        columns +
        3 * READ_BYTES.result
      );
    case 'data': {
      let bytes = req.count * s.cols * s.cellBytes + columns + READ_BYTES.result;
      if (req.fonts)
        for (const run of mixedRuns(s, req.start, req.count))
          bytes += run.count * s.cols * fontCellBytes(run.flags.length) + READ_BYTES.result;
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
export class SheetReader {
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
    // `sync` above is context.sync(), which this rule cannot see through the wrapper.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
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
      req.sheet.rowInfo[req.start + i] = { hidden: !!p.rowHidden, font: p.format?.font };
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
