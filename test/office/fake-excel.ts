/**
 * A small fake of the office-js Excel object model, for what office-addin-mock cannot express:
 * getCellProperties/getRowProperties results, names.add, freezePanes, charts, and above all the
 * load/sync discipline and payload of each round trip.
 *
 * It behaves like Excel where the adapter depends on it:
 * - loaded properties (and ClientResult values) can only be read after a sync, else it throws;
 * - operations apply in the order they were queued, so a load sees earlier writes;
 * - a string written to a cell not formatted '@' becomes a formula when it starts with = + - @,
 *   and a number when it looks like one, as typing it would;
 * - adding a sheet or name that exists throws; deleting a sheet turns its names into #REF!;
 * - each sync records the JSON size of what was sent (writes) and what came back (loads).
 */
import { a1, a1Range, columnLetters, parseA1, sheetRef } from '../../src/engine/a1';

export interface FakeFont {
  bold?: boolean;
  italic?: boolean;
  underline?: string;
}

export interface FakeCell extends FakeFont {
  value?: string | number | boolean | null;
  /** Formula without '='. */
  formula?: string;
  /** An error value such as '#REF!', shown instead of a value. */
  error?: string;
  numberFormat?: string;
  color?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  hyperlink?: { documentReference?: string; address?: string; textToDisplay?: string };
}

export interface FakeSheetInit {
  name: string;
  /** Cells by A1 address: a plain value or a full cell. */
  cells?: Record<string, FakeCell | string | number | boolean>;
  /** A big sheet drawn by a function over a used range (0-based, from A1), not stored. */
  generate?: {
    row0?: number;
    col0?: number;
    rows: number;
    cols: number;
    cell: (r: number, c: number) => FakeCell | undefined;
  };
  hiddenRows?: number[];
  hiddenCols?: number[];
  /** Fonts of whole rows: apply to every cell of the row without its own font, empty or not. */
  rowFonts?: Record<number, FakeFont>;
}

export interface SyncLog {
  /** JSON bytes of the operations sent (values, formats, properties and their targets). */
  requestBytes: number;
  /** JSON bytes of the loaded properties and results that came back. */
  responseBytes: number;
  ops: number;
  loads: number;
}

export interface OpLog {
  /** How many syncs had happened when this operation was queued. */
  sync: number;
  op: string;
  sheet?: string;
  address?: string;
  detail?: unknown;
}

const bytes = (v: unknown) => (v === undefined ? 0 : JSON.stringify(v).length);

function looksNumeric(s: string): boolean {
  return /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/.test(s.trim());
}

export class FakeSheet {
  readonly store = new Map<number, Map<number, FakeCell>>();
  readonly hiddenRows: Set<number>;
  readonly hiddenCols: Set<number>;
  readonly rowFonts = new Map<number, FakeFont>();
  readonly columnWidths: number[] = [];
  readonly charts: FakeChart[] = [];
  frozenRows = 0;
  generate?: FakeSheetInit['generate'];

  constructor(
    public name: string,
    init: FakeSheetInit | undefined,
  ) {
    this.hiddenRows = new Set(init?.hiddenRows ?? []);
    this.hiddenCols = new Set(init?.hiddenCols ?? []);
    this.generate = init?.generate;
    for (const [r, f] of Object.entries(init?.rowFonts ?? {})) this.rowFonts.set(Number(r), f);
    for (const [addr, v] of Object.entries(init?.cells ?? {})) {
      const { row, col } = parseA1(addr);
      this.put(row, col, typeof v === 'object' ? { ...v } : { value: v });
    }
  }

  get(r: number, c: number): FakeCell | undefined {
    const stored = this.store.get(r)?.get(c);
    if (stored) return stored;
    const g = this.generate;
    if (g && r >= (g.row0 ?? 0) && r < (g.row0 ?? 0) + g.rows && c >= (g.col0 ?? 0) && c < (g.col0 ?? 0) + g.cols)
      return g.cell(r, c);
    return undefined;
  }

  /** The cell to change: a stored copy (of a generated cell, when there is one). */
  cellFor(r: number, c: number): FakeCell {
    let row = this.store.get(r);
    if (!row) this.store.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = { ...(this.get(r, c) ?? {}) }));
    return cell;
  }

  put(r: number, c: number, cell: FakeCell): void {
    let row = this.store.get(r);
    if (!row) this.store.set(r, (row = new Map()));
    row.set(c, cell);
  }

  font(r: number, c: number): Required<FakeFont> {
    const cell = this.get(r, c);
    const rowFont = this.rowFonts.get(r);
    return {
      bold: cell?.bold ?? rowFont?.bold ?? false,
      italic: cell?.italic ?? rowFont?.italic ?? false,
      underline: cell?.underline ?? rowFont?.underline ?? 'None',
    };
  }

  static hasContent(cell: FakeCell | undefined): boolean {
    return (
      !!cell &&
      (cell.formula !== undefined ||
        cell.error !== undefined ||
        (cell.value !== undefined && cell.value !== null && cell.value !== ''))
    );
  }

  /** Bounding box of cells with values (valuesOnly used range), or null when there are none. */
  used(): { row0: number; col0: number; rows: number; cols: number } | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    const g = this.generate;
    if (g) {
      take(g.row0 ?? 0, g.col0 ?? 0);
      take((g.row0 ?? 0) + g.rows - 1, (g.col0 ?? 0) + g.cols - 1);
    }
    for (const [r, row] of this.store) for (const [c, cell] of row) if (FakeSheet.hasContent(cell)) take(r, c);
    return bottom < 0 ? null : { row0: top, col0: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
}

/** A value readable only after a sync: the fake's load discipline. */
class Pending<T> {
  private ready = false;
  constructor(
    ctx: FakeContext,
    private readonly what: string,
    private readonly snapshot: T,
    /** JSON bytes this brings back, when not the snapshot's own JSON (collections of proxies). */
    size?: number,
  ) {
    ctx.queueLoad(() => {
      this.ready = true;
      return size ?? bytes(snapshot);
    });
  }
  get(): T {
    if (!this.ready) throw new Error(`PropertyNotLoaded: ${this.what} was read before context.sync()`);
    return this.snapshot;
  }
}

class FakeClientResult<T> {
  private readonly pending: Pending<T>;
  constructor(ctx: FakeContext, what: string, snapshot: T) {
    this.pending = new Pending(ctx, what, snapshot);
  }
  get value(): T {
    return this.pending.get();
  }
}

function parseLoad(props: string | string[]): string[] {
  return (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
}

export class FakeRange {
  private loaded = new Map<string, Pending<unknown>>();
  private nullChecked?: Pending<boolean>;

  constructor(
    private readonly ctx: FakeContext,
    readonly sheet: FakeSheet,
    readonly row0: number,
    readonly col0: number,
    readonly rows: number,
    readonly cols: number,
    private readonly isNull = false,
    nullable = false,
  ) {
    if (nullable) this.nullChecked = new Pending(ctx, 'isNullObject', isNull);
  }

  get address(): string {
    return this.read('address') as string;
  }
  get rowIndex(): number {
    return this.read('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.read('columnIndex') as number;
  }
  get rowCount(): number {
    return this.read('rowCount') as number;
  }
  get columnCount(): number {
    return this.read('columnCount') as number;
  }
  get values(): unknown[][] {
    return this.read('values') as unknown[][];
  }
  set values(v: unknown[][]) {
    this.write('values', v, (cell, x, r, c) => {
      if (x === null || x === undefined) return;
      delete cell.formula;
      delete cell.error;
      if (typeof x === 'string') {
        if (x === '') {
          delete cell.value;
          return;
        }
        if (cell.numberFormat !== '@' && looksNumeric(x)) {
          const n = Number(x.replace(/,/g, '').replace('%', ''));
          cell.value = x.endsWith('%') ? n / 100 : n;
        } else if (cell.numberFormat !== '@' && /^[=+\-@]/.test(x)) {
          cell.formula = x.replace(/^=/, '');
          cell.value = null;
        } else cell.value = x;
      } else cell.value = x as number | boolean;
      void r;
      void c;
    });
  }
  get formulas(): unknown[][] {
    return this.read('formulas') as unknown[][];
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat') as unknown[][];
  }
  set numberFormat(v: unknown[][]) {
    this.write('numberFormat', v, (cell, x) => {
      if (x !== null && x !== undefined) cell.numberFormat = typeof x === 'string' ? x : JSON.stringify(x);
    });
  }
  get valueTypes(): unknown[][] {
    return this.read('valueTypes') as unknown[][];
  }
  set hyperlink(link: FakeCell['hyperlink']) {
    this.ctx.queueRequest({ hyperlink: link, target: this.addr() });
    this.ctx.logOp('hyperlink', this.sheet.name, this.addr(), link);
    this.eachCell((cell) => {
      cell.hyperlink = link;
      if (link?.textToDisplay !== undefined) {
        cell.value = link.textToDisplay;
        delete cell.formula;
      }
    });
  }

  get isNullObject(): boolean {
    if (!this.nullChecked)
      throw new Error('isNullObject read on a range that did not come from an OrNullObject method');
    return this.nullChecked.get();
  }

  /** A1 address without the sheet. */
  addr(): string {
    return this.rows === 1 && this.cols === 1
      ? a1(this.row0, this.col0)
      : a1Range(this.row0, this.col0, this.row0 + this.rows - 1, this.col0 + this.cols - 1);
  }

  load(props: string | string[]): this {
    for (const p of parseLoad(props)) {
      if (this.isNull) {
        this.loaded.set(p, new Pending(this.ctx, p, undefined));
        continue;
      }
      this.loaded.set(p, new Pending(this.ctx, `Range.${p}`, this.snapshot(p)));
    }
    this.ctx.countLoad();
    return this;
  }

  private read(prop: string): unknown {
    if (this.isNull) throw new Error(`${prop} read on a null object`);
    const p = this.loaded.get(prop);
    if (!p) throw new Error(`PropertyNotLoaded: Range.${prop} was never loaded`);
    return p.get();
  }

  private grid<T>(f: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: T[] = new Array(this.cols);
      for (let j = 0; j < this.cols; j++) row[j] = f(this.row0 + i, this.col0 + j);
      out.push(row);
    }
    return out;
  }

  private snapshot(prop: string): unknown {
    const s = this.sheet;
    switch (prop) {
      case 'address':
        return sheetRef(s.name, this.addr());
      case 'rowIndex':
        return this.row0;
      case 'columnIndex':
        return this.col0;
      case 'rowCount':
        return this.rows;
      case 'columnCount':
        return this.cols;
      case 'values':
        return this.grid((r, c) => {
          const cell = s.get(r, c);
          if (cell?.error) return cell.error;
          return cell?.value ?? '';
        });
      case 'formulas':
        return this.grid((r, c) => {
          const cell = s.get(r, c);
          if (cell?.formula !== undefined) return `=${cell.formula}`;
          if (cell?.error) return cell.error;
          return cell?.value ?? '';
        });
      case 'numberFormat':
        return this.grid((r, c) => s.get(r, c)?.numberFormat ?? 'General');
      case 'valueTypes':
        return this.grid((r, c) => {
          const cell = s.get(r, c);
          if (cell?.error) return 'Error';
          const v = cell?.value;
          if (v === undefined || v === null || v === '') return 'Empty';
          return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
        });
      default:
        throw new Error(`The fake does not load Range.${prop}`);
    }
  }

  private eachCell(f: (cell: FakeCell, r: number, c: number) => void): void {
    for (let i = 0; i < this.rows; i++)
      for (let j = 0; j < this.cols; j++)
        f(this.sheet.cellFor(this.row0 + i, this.col0 + j), this.row0 + i, this.col0 + j);
  }

  private write(prop: string, v: unknown[][], apply: (cell: FakeCell, x: unknown, r: number, c: number) => void): void {
    if (v.length !== this.rows || v.some((row) => row.length !== this.cols)) {
      throw new Error(`InvalidArgument: ${prop} is ${v.length}x${v[0]?.length} for a ${this.rows}x${this.cols} range`);
    }
    this.ctx.queueRequest({ [prop]: v, target: this.addr() });
    this.ctx.logOp(prop, this.sheet.name, this.addr(), v);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        const x = v[i][j];
        if (x === null || x === undefined) continue;
        apply(this.sheet.cellFor(this.row0 + i, this.col0 + j), x, this.row0 + i, this.col0 + j);
      }
    }
  }

  getRowProperties(opts: {
    rowHidden?: boolean;
    format?: { font?: Record<string, boolean> };
  }): FakeClientResult<unknown[]> {
    this.ctx.countLoad();
    const out: unknown[] = [];
    for (let i = 0; i < this.rows; i++) {
      const r = this.row0 + i;
      const p: Record<string, unknown> = {};
      if (opts.rowHidden) p.rowHidden = this.sheet.hiddenRows.has(r);
      if (opts.format?.font) {
        const font: Record<string, unknown> = {};
        for (const key of Object.keys(opts.format.font) as (keyof FakeFont)[]) {
          let v: unknown = undefined;
          for (let j = 0; j < this.cols; j++) {
            const x = this.sheet.font(r, this.col0 + j)[key];
            if (j === 0) v = x;
            else if (x !== v) {
              v = null; // not the same across the row
              break;
            }
          }
          font[key] = v;
        }
        p.format = { font };
      }
      out.push(p);
    }
    return new FakeClientResult(this.ctx, 'getRowProperties', out);
  }

  getColumnProperties(opts: { columnHidden?: boolean }): FakeClientResult<unknown[]> {
    this.ctx.countLoad();
    const out = Array.from({ length: this.cols }, (_, j) =>
      opts.columnHidden ? { columnHidden: this.sheet.hiddenCols.has(this.col0 + j) } : {},
    );
    return new FakeClientResult(this.ctx, 'getColumnProperties', out);
  }

  getCellProperties(opts: { format?: { font?: Record<string, boolean> } }): FakeClientResult<unknown[][]> {
    this.ctx.countLoad();
    const keys = Object.keys(opts.format?.font ?? {}) as (keyof FakeFont)[];
    const out = this.grid((r, c) => {
      const f = this.sheet.font(r, c);
      return { format: { font: Object.fromEntries(keys.map((k) => [k, f[k]])) } };
    });
    return new FakeClientResult(this.ctx, 'getCellProperties', out);
  }

  setCellProperties(
    props: {
      format?: {
        font?: Record<string, unknown>;
        horizontalAlignment?: string;
        verticalAlignment?: string;
        wrapText?: boolean;
      };
    }[][],
  ): void {
    this.ctx.queueRequest({ setCellProperties: props, target: this.addr() });
    this.ctx.logOp('setCellProperties', this.sheet.name, this.addr(), props);
    props.forEach((row, i) =>
      row.forEach((p, j) => {
        const f = p?.format;
        if (!f) return;
        const cell = this.sheet.cellFor(this.row0 + i, this.col0 + j);
        if (f.font?.bold !== undefined) cell.bold = f.font.bold as boolean;
        if (f.font?.italic !== undefined) cell.italic = f.font.italic as boolean;
        if (f.font?.underline !== undefined) cell.underline = f.font.underline as string;
        if (f.font?.color !== undefined) cell.color = f.font.color as string;
        if (f.horizontalAlignment !== undefined) cell.horizontalAlignment = f.horizontalAlignment;
        if (f.verticalAlignment !== undefined) cell.verticalAlignment = f.verticalAlignment;
        if (f.wrapText !== undefined) cell.wrapText = f.wrapText;
      }),
    );
  }

  setColumnProperties(props: { format?: { columnWidth?: number } }[]): void {
    this.ctx.queueRequest({ setColumnProperties: props, target: this.addr() });
    this.ctx.logOp('setColumnProperties', this.sheet.name, this.addr(), props);
    props.forEach((p, j) => {
      if (p.format?.columnWidth !== undefined) this.sheet.columnWidths[this.col0 + j] = p.format.columnWidth;
    });
  }

  select(): void {
    this.ctx.queueRequest({ select: this.addr() });
    this.ctx.logOp('select', this.sheet.name, this.addr());
    this.ctx.book.selection = { sheet: this.sheet.name, address: this.addr() };
  }
}

/** A chart as the fake Excel keeps it: what was asked for, series by index. */
export interface FakeChart {
  type: string;
  source: string;
  seriesBy?: string;
  title: string;
  position?: string;
  legendVisible?: boolean;
  unfilledSeries?: number[];
  categories?: Record<number, string>;
}

export class FakeWorksheet {
  private nameLoaded?: Pending<string>;
  readonly freezePanes = {
    freezeRows: (n: number) => {
      this.ctx.queueRequest({ freezeRows: n });
      this.ctx.logOp('freezeRows', this.sheet.name, undefined, n);
      this.sheet.frozenRows = n;
    },
  };
  readonly charts = {
    add: (type: string, source: FakeRange, seriesBy?: string) => {
      this.ctx.queueRequest({ chart: type, source: source.addr() });
      this.ctx.logOp('addChart', this.sheet.name, source.addr(), type);
      const chart: FakeChart = { type, source: source.addr(), seriesBy, title: '', position: undefined };
      this.sheet.charts.push(chart);
      const ctx = this.ctx;
      const edit = (change: Partial<FakeChart>) => {
        ctx.queueRequest({ chartEdit: change });
        Object.assign(chart, change);
      };
      return {
        title: {
          set text(t: string) {
            chart.title = t;
          },
        },
        legend: {
          set visible(v: boolean) {
            edit({ legendVisible: v });
          },
        },
        series: {
          getItemAt: (i: number) => ({
            format: { fill: { clear: () => edit({ unfilledSeries: [...(chart.unfilledSeries ?? []), i] }) } },
            setXAxisValues: (range: FakeRange) => edit({ categories: { ...chart.categories, [i]: range.addr() } }),
          }),
        },
        setPosition: (start: string) => {
          chart.position = start;
        },
      };
    },
  };

  constructor(
    private readonly ctx: FakeContext,
    readonly sheet: FakeSheet,
  ) {}

  get name(): string {
    if (!this.nameLoaded) throw new Error('PropertyNotLoaded: Worksheet.name was never loaded');
    return this.nameLoaded.get();
  }

  loadName(): void {
    this.nameLoaded = new Pending(this.ctx, 'Worksheet.name', this.sheet.name, bytes({ name: this.sheet.name }));
  }

  load(props: string): this {
    if (parseLoad(props).some((p) => p !== 'name'))
      throw new Error(`The fake only loads a worksheet's name, not ${props}`);
    this.ctx.countLoad();
    this.loadName();
    return this;
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (!valuesOnly) throw new Error('the adapter should ask for the values-only used range');
    this.ctx.queueRequest({ usedRange: this.sheet.name });
    const u = this.sheet.used();
    return u
      ? new FakeRange(this.ctx, this.sheet, u.row0, u.col0, u.rows, u.cols, false, true)
      : new FakeRange(this.ctx, this.sheet, 0, 0, 0, 0, true, true);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    if (rows < 1 || cols < 1) throw new Error(`InvalidArgument: getRangeByIndexes(${row}, ${col}, ${rows}, ${cols})`);
    this.ctx.queueRequest({ range: [row, col, rows, cols] });
    this.ctx.rangesMade++;
    return new FakeRange(this.ctx, this.sheet, row, col, rows, cols);
  }

  getRange(address: string): FakeRange {
    const [from, to = from] = address.split(':');
    const a = parseA1(from);
    const b = parseA1(to);
    this.ctx.queueRequest({ range: address });
    return new FakeRange(this.ctx, this.sheet, a.row, a.col, b.row - a.row + 1, b.col - a.col + 1);
  }

  activate(): void {
    this.ctx.queueRequest({ activate: this.sheet.name });
    this.ctx.logOp('activate', this.sheet.name);
    this.ctx.book.active = this.sheet.name;
  }

  delete(): void {
    this.ctx.queueRequest({ deleteSheet: this.sheet.name });
    this.ctx.logOp('deleteSheet', this.sheet.name);
    this.ctx.book.deleteSheet(this.sheet);
  }
}

export interface FakeName {
  name: string;
  formula: string;
}

/** The workbook itself: survives across batches, as a real workbook does. */
export class FakeBook {
  sheets: FakeSheet[];
  names: FakeName[];
  active?: string;
  selection?: { sheet: string; address: string };

  constructor(sheets: FakeSheetInit[], names: FakeName[] = []) {
    this.sheets = sheets.map((s) => new FakeSheet(s.name, s));
    this.names = names.map((n) => ({ ...n }));
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  deleteSheet(sheet: FakeSheet): void {
    this.sheets = this.sheets.filter((s) => s !== sheet);
    const ref = `${sheetRef(sheet.name, '')}`;
    for (const n of this.names) if (n.formula.startsWith(`=${ref}`)) n.formula = '=#REF!$A$1';
  }
}

export class FakeContext {
  readonly syncs: SyncLog[] = [];
  readonly ops: OpLog[] = [];
  rangesMade = 0;
  private pendingLoads: (() => number)[] = [];
  private requestBytes = 0;
  private opCount = 0;
  private loadCount = 0;
  readonly application = {
    suspendScreenUpdatingUntilNextSync: () => {
      this.logOp('suspendScreenUpdating');
      this.queueRequest({ suspend: true });
    },
  };
  readonly workbook: {
    worksheets: {
      load: (props: string) => void;
      readonly items: FakeWorksheet[];
      getFirst: () => FakeWorksheet;
      getItem: (name: string) => FakeWorksheet;
      add: (name: string) => FakeWorksheet;
    };
    names: {
      load: (props: string) => void;
      readonly items: { name: string; formula: string; delete: () => void }[];
      add: (name: string, reference: FakeRange) => void;
    };
  };

  constructor(readonly book: FakeBook) {
    // The fake's nested objects (workbook, worksheets) reach back to their context, as office-js objects do.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    let sheetItems: Pending<FakeWorksheet[]> | undefined;
    let nameItems: Pending<{ name: string; formula: string; delete: () => void }[]> | undefined;
    this.workbook = {
      worksheets: {
        load(props: string) {
          const wanted = parseLoad(props);
          if (!wanted.every((p) => p === 'items/name'))
            throw new Error(`The fake only loads worksheets items/name, not ${props}`);
          const items = book.sheets.map((s) => {
            const ws = new FakeWorksheet(ctx, s);
            ws.loadName();
            return ws;
          });
          ctx.countLoad();
          sheetItems = new Pending(ctx, 'worksheets.items', items, 0);
        },
        get items() {
          if (!sheetItems) throw new Error('PropertyNotLoaded: worksheets.items was never loaded');
          return sheetItems.get();
        },
        getFirst() {
          // Excel always has a sheet; so must the fake's workbook when asked for its first.
          if (!book.sheets.length) throw new Error('ItemNotFound: the workbook has no sheets');
          ctx.queueRequest({ getFirst: true });
          return new FakeWorksheet(ctx, book.sheets[0]);
        },
        getItem(name: string) {
          const s = book.sheet(name);
          if (!s) throw new Error(`ItemNotFound: no sheet called ${name}`);
          ctx.queueRequest({ getItem: name });
          return new FakeWorksheet(ctx, s);
        },
        add(name: string) {
          if (book.sheet(name)) throw new Error(`ItemAlreadyExists: a sheet called ${name} exists`);
          ctx.queueRequest({ addSheet: name });
          ctx.logOp('addSheet', name);
          const s = new FakeSheet(name, undefined);
          book.sheets.push(s);
          return new FakeWorksheet(ctx, s);
        },
      },
      names: {
        load(props: string) {
          const wanted = parseLoad(props);
          if (!wanted.every((p) => p === 'items/name' || p === 'items/formula' || p === 'items/type'))
            throw new Error(`The fake does not load names ${props}`);
          const items = book.names.map((n) => ({
            name: n.name,
            formula: n.formula,
            delete() {
              ctx.queueRequest({ deleteName: n.name });
              ctx.logOp('deleteName', undefined, undefined, n.name);
              book.names = book.names.filter((x) => x !== n);
            },
          }));
          ctx.countLoad();
          nameItems = new Pending(ctx, 'names.items', items, bytes(book.names));
        },
        get items() {
          if (!nameItems) throw new Error('PropertyNotLoaded: names.items was never loaded');
          return nameItems.get();
        },
        add(name: string, reference: FakeRange) {
          if (book.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
            throw new Error(`InvalidArgument: the name ${name} already exists`);
          const formula = `=${sheetRef(reference.sheet.name, `$${columnLetters(reference.col0)}$${reference.row0 + 1}`)}`;
          ctx.queueRequest({ addName: name, formula });
          ctx.logOp('addName', reference.sheet.name, reference.addr(), name);
          book.names.push({ name, formula });
        },
      },
    };
  }

  queueLoad(resolve: () => number): void {
    this.pendingLoads.push(resolve);
  }
  queueRequest(op: unknown): void {
    this.requestBytes += bytes(op) + 16;
    this.opCount++;
  }
  countLoad(): void {
    this.loadCount++;
  }
  logOp(op: string, sheet?: string, address?: string, detail?: unknown): void {
    this.ops.push({ sync: this.syncs.length, op, sheet, address, detail });
  }

  async sync(): Promise<void> {
    let responseBytes = 0;
    for (const resolve of this.pendingLoads) responseBytes += resolve();
    this.syncs.push({ requestBytes: this.requestBytes, responseBytes, ops: this.opCount, loads: this.loadCount });
    this.pendingLoads = [];
    this.requestBytes = 0;
    this.opCount = 0;
    this.loadCount = 0;
  }

  /** The largest request or response of any sync. */
  maxPayload(): number {
    return Math.max(0, ...this.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
  }
}

/** A batch runner over a fake workbook, keeping every context it made for inspection. */
export function fakeExcel(book: FakeBook) {
  const contexts: FakeContext[] = [];
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(book);
    contexts.push(ctx);
    return batch(ctx as unknown as Excel.RequestContext);
  };
  return {
    run,
    contexts,
    last: () => contexts[contexts.length - 1],
  };
}
