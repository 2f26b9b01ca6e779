/**
 * A fake of the office-js Excel object model, strict where Excel is strict, for what
 * office-addin-mock cannot express: the load/sync discipline, failures at sync, request sizes.
 *
 * It behaves like Excel where the adapter depends on it:
 * - nothing happens until `context.sync()`: operations are queued and run then, in order, and a
 *   loaded property (or ClientResult value) can only be read after the sync that loaded it;
 * - an operation Excel refuses fails the sync with a RichApi.Error and its code (ItemNotFound,
 *   ItemAlreadyExists, InvalidArgument, AccessDenied, UnsupportedOperation, RangeExceedsLimit…);
 *   the operations before it in the batch stay done — a batch is not a transaction;
 * - a request or response over 5 MB fails (RequestPayloadSizeLimitExceeded before anything is
 *   done; ResponsePayloadSizeLimitExceeded after), sized as office-js builds them (fake-request.ts);
 * - a range of more than 5 million cells cannot be read (RangeExceedsLimit);
 * - a protected workbook structure refuses adding, deleting and renaming sheets, and a protected
 *   sheet refuses changes to its cells (AccessDenied);
 * - sheet names: at most 31 characters, none of \ / ? * [ ] :, not blank, no apostrophe at either
 *   end, unique without regard to case;
 * - a string written to a cell not formatted '@' becomes a formula when it starts with = + - @,
 *   and a number when it looks like one, as typing it would;
 * - `book.failAt` fails a chosen sync (after some of its operations, if asked); `book.editingCell`
 *   fails every sync as Excel does while the user is typing in a cell.
 */
import { a1, a1Range, columnLetters, parseA1, sheetRef } from '../../src/engine/a1';
import { PathNode, RequestModel, responseBytes, type ResponseResult, utf8Bytes, wireName } from './fake-request';

export const FAKE_LIMIT_BYTES = 5_000_000;
export const FAKE_LIMIT_CELLS = 5_000_000;

/** An error as office-js raises it at sync: name 'RichApi.Error', with Excel's code. */
export class FakeRichApiError extends Error {
  override name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(code: string, message: string): never {
  throw new FakeRichApiError(code, message);
}

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

export interface FakeName {
  name: string;
  formula: string;
  visible?: boolean;
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
  /** Names scoped to this sheet. */
  names?: FakeName[];
  /** Sheet protection (Review > Protect Sheet). */
  protected?: boolean;
}

export interface SyncLog {
  /** UTF-8 bytes of the request body, as office-js builds it. */
  requestBytes: number;
  /** UTF-8 bytes of the response: a result per load. */
  responseBytes: number;
  /** Operations and loads queued for this sync. */
  ops: number;
  loads: number;
  /** The code it failed with, if it did. */
  failed?: string;
}

export interface OpLog {
  /** How many syncs had happened in this batch when this operation was queued. */
  sync: number;
  op: string;
  sheet?: string;
  address?: string;
  detail?: unknown;
}

/** Sheet names Excel refuses, as it says them. */
export function sheetNameProblem(name: string): string | null {
  if (!name.trim()) return 'a sheet name cannot be blank';
  if (name.length > 31) return 'a sheet name has at most 31 characters';
  if (/[\\/?*[\]:]/.test(name)) return 'a sheet name cannot contain \\ / ? * [ ] :';
  if (name.startsWith("'") || name.endsWith("'")) return 'a sheet name cannot begin or end with an apostrophe';
  return null;
}

function looksNumeric(s: string): boolean {
  return /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/.test(s.trim());
}

let sheetIds = 0;
const guid = (n: number, kind: number) =>
  `{${String(n).padStart(8, '0')}-000${kind}-0000-0000-000000000000}`.toUpperCase();

export class FakeSheet {
  readonly id = guid(++sheetIds, 1);
  readonly store = new Map<number, Map<number, FakeCell>>();
  readonly hiddenRows: Set<number>;
  readonly hiddenCols: Set<number>;
  readonly rowFonts = new Map<number, FakeFont>();
  readonly columnWidths: number[] = [];
  readonly charts: FakeChart[] = [];
  /** Row heights in points, where set. */
  readonly rowHeights = new Map<number, number>();
  /** The print set-up as set through pageLayout: its properties, header and footer, print area, title rows. */
  readonly page: Record<string, unknown> = {};
  /** Rows (A1 of their first cell) a manual page break starts. */
  readonly pageBreaks: string[] = [];
  names: FakeName[];
  protected: boolean;
  frozenRows = 0;
  generate?: FakeSheetInit['generate'];

  constructor(
    public name: string,
    init: FakeSheetInit | undefined,
  ) {
    this.hiddenRows = new Set(init?.hiddenRows ?? []);
    this.hiddenCols = new Set(init?.hiddenCols ?? []);
    this.generate = init?.generate;
    this.names = (init?.names ?? []).map((n) => ({ visible: true, ...n }));
    this.protected = init?.protected ?? false;
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

/** A chart as the fake Excel keeps it: what was asked for. */
export interface FakeChart {
  type: string;
  source: string;
  seriesBy?: string;
  title: string;
  position?: string;
  /** The cell its bottom right covers. */
  end?: string;
  axisTitles?: { category?: string; value?: string };
  /** A series' x values and name, where set. */
  xValues?: string;
  seriesName?: string;
}

export interface FakePart {
  id: string;
  namespace: string;
  xml: string;
}

/** The workbook itself: survives across batches, as a real workbook does. */
export class FakeBook {
  sheets: FakeSheet[];
  names: FakeName[];
  parts: FakePart[] = [];
  active?: string;
  selection?: { sheet: string; address: string };
  /** Review > Protect Workbook: sheets cannot be added, deleted, renamed or moved. */
  structureProtected = false;
  /** The user is typing in a cell: Excel refuses every request. */
  editingCell = false;
  /** Fails the sync of this number (counted over the book's life, from 1) with `code`, after `afterOps` of its operations. */
  failAt?: { sync: number; code: string; afterOps?: number };
  /** Charts of these types are refused, as Excel refuses some waterfall settings (UnsupportedOperation). */
  refuseCharts: string[] = [];
  /** Page layout is refused (UnsupportedOperation), as an Excel that handles it unevenly may. */
  refusePageLayout = false;
  /** Syncs made on this book so far. */
  syncCount = 0;
  private partIds = 0;

  constructor(sheets: FakeSheetInit[], names: FakeName[] = []) {
    this.sheets = sheets.map((s) => new FakeSheet(s.name, s));
    this.names = names.map((n) => ({ visible: true, ...n }));
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.id === name);
  }

  addPart(xml: string): FakePart {
    const namespace = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? '';
    const part = { id: guid(++this.partIds, 2), namespace, xml };
    this.parts.push(part);
    return part;
  }

  checkStructure(what: string): void {
    if (this.structureProtected) refuse('AccessDenied', `The workbook's structure is protected: cannot ${what}.`);
  }

  checkNewName(name: string, except?: FakeSheet): void {
    const problem = sheetNameProblem(name);
    if (problem)
      refuse('InvalidArgument', `The argument is invalid or missing or has an incorrect format (${problem}).`);
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase()))
      refuse('ItemAlreadyExists', `A sheet called ${name} already exists.`);
  }

  deleteSheet(sheet: FakeSheet): void {
    this.sheets = this.sheets.filter((s) => s !== sheet);
    const ref = sheetRef(sheet.name, '');
    for (const n of this.names) if (n.formula.startsWith(`=${ref}`)) n.formula = '=#REF!$A$1';
  }
}

/** Something read at a sync: its value can be read only after that sync. */
class Loaded<T> {
  private done = false;
  private value?: T;
  constructor(private readonly what: string) {}
  set(value: T): void {
    this.value = value;
    this.done = true;
  }
  get(): T {
    if (!this.done) throw new Error(`PropertyNotLoaded: ${this.what} was read before context.sync()`);
    return this.value as T;
  }
}

class FakeClientResult<T> {
  constructor(private readonly loaded: Loaded<T>) {}
  get value(): T {
    return this.loaded.get();
  }
}

function parseLoad(props: string | string[]): string[] {
  return (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
}

/** An object of the fake's object model: its context and its path in the request. */
abstract class FakeObject {
  constructor(
    readonly ctx: FakeContext,
    readonly node: PathNode,
  ) {}
}

export class FakeRange extends FakeObject {
  private loaded = new Map<string, Loaded<unknown>>();
  private nullLoaded?: Loaded<boolean>;

  constructor(
    ctx: FakeContext,
    node: PathNode,
    private readonly target: () => { sheet: FakeSheet; row0: number; col0: number; rows: number; cols: number } | null,
    private readonly nullable = false,
    /** Its sheet and place as known when it was asked for, for the operations log. */
    private readonly label?: { sheet?: string; row0: number; col0: number; rows: number; cols: number },
  ) {
    super(ctx, node);
  }

  /** Where the range is, known when it is used at sync. */
  private at() {
    const t = this.target();
    if (!t) refuse('ItemNotFound', 'The requested resource does not exist.');
    return t;
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
  /** Each cell's formula ('=SUM(C6:C9)'), or its value where it has none, as Excel gives them. */
  get formulas(): unknown[][] {
    return this.read('formulas') as unknown[][];
  }
  set values(v: unknown[][]) {
    this.write('values', v, (cell, x) => {
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
    });
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat') as unknown[][];
  }
  set numberFormat(v: unknown[][]) {
    this.write('numberFormat', v, (cell, x) => {
      cell.numberFormat = typeof x === 'string' ? x : JSON.stringify(x);
    });
  }
  set hyperlink(link: FakeCell['hyperlink']) {
    this.ctx.model.setProperty(this.node, 'hyperlink', link);
    this.ctx.logOp('hyperlink', this.sheetName(), this.addrNow(), link);
    this.ctx.queue(() => {
      const t = this.at();
      this.checkEditable(t.sheet);
      for (let i = 0; i < t.rows; i++)
        for (let j = 0; j < t.cols; j++) {
          const cell = t.sheet.cellFor(t.row0 + i, t.col0 + j);
          cell.hyperlink = link;
          if (link?.textToDisplay !== undefined) {
            cell.value = link.textToDisplay;
            delete cell.formula;
          }
        }
    });
  }

  get isNullObject(): boolean {
    if (!this.nullLoaded) throw new Error('isNullObject read on a range that did not come from an OrNullObject method');
    return this.nullLoaded.get();
  }

  private sheetName(): string | undefined {
    return this.label?.sheet;
  }

  /** A1 address without the sheet, as known when queued (for the operations log). */
  private addrNow(): string | undefined {
    return this.label ? addr(this.label) : undefined;
  }

  load(props: string | string[]): this {
    const wanted = parseLoad(props);
    const id = this.ctx.model.query(this.node, wanted);
    const slots = wanted.map((p) => {
      const slot = new Loaded<unknown>(`Range.${p}`);
      this.loaded.set(p, slot);
      return [p, slot] as const;
    });
    const nullSlot = this.nullable ? new Loaded<boolean>('isNullObject') : undefined;
    if (nullSlot) this.nullLoaded = nullSlot;
    this.ctx.load(id, () => {
      const t = this.target();
      nullSlot?.set(t === null);
      if (!t) {
        if (!this.nullable) refuse('ItemNotFound', 'The requested resource does not exist.');
        for (const [, slot] of slots) slot.set(undefined);
        return null;
      }
      const out: Record<string, unknown> = {};
      for (const [p, slot] of slots) {
        const v = snapshot(t, p);
        slot.set(v);
        out[wireName(p)] = v;
      }
      return out;
    });
    return this;
  }

  private read(prop: string): unknown {
    const p = this.loaded.get(prop);
    if (!p) throw new Error(`PropertyNotLoaded: Range.${prop} was never loaded`);
    const v = p.get();
    if (this.nullLoaded?.get()) throw new Error(`${prop} read on a null object`);
    return v;
  }

  private checkEditable(sheet: FakeSheet): void {
    if (sheet.protected) refuse('AccessDenied', `The sheet ${sheet.name} is protected.`);
  }

  private write(prop: string, v: unknown[][], apply: (cell: FakeCell, x: unknown) => void): void {
    if (!this.ctx.model.setInPieces(this.node, prop, v)) this.ctx.model.setProperty(this.node, prop, v);
    this.ctx.logOp(prop, this.sheetName(), this.addrNow(), v);
    this.ctx.queue(() => {
      const t = this.at();
      if (v.length !== t.rows || v.some((row) => row.length !== t.cols))
        refuse('InvalidArgument', `${prop} is ${v.length}x${v[0]?.length} for a ${t.rows}x${t.cols} range`);
      this.checkEditable(t.sheet);
      for (let i = 0; i < t.rows; i++)
        for (let j = 0; j < t.cols; j++) {
          const x = v[i][j];
          if (x === null || x === undefined) continue;
          apply(t.sheet.cellFor(t.row0 + i, t.col0 + j), x);
        }
    });
  }

  private result<T>(
    name: string,
    args: unknown[],
    compute: (t: ReturnType<FakeRange['at']>) => T,
  ): FakeClientResult<T> {
    const id = this.ctx.model.call(this.node, name, args);
    const slot = new Loaded<T>(name);
    this.ctx.load(id, () => {
      const v = compute(this.at());
      slot.set(v);
      return v;
    });
    return new FakeClientResult(slot);
  }

  getRowProperties(opts: {
    rowHidden?: boolean;
    format?: { font?: Record<string, boolean> };
  }): FakeClientResult<unknown[]> {
    return this.result('getRowProperties', [opts], (t) => {
      checkCells(t.rows * t.cols);
      const out: unknown[] = [];
      for (let i = 0; i < t.rows; i++) {
        const r = t.row0 + i;
        const p: Record<string, unknown> = {};
        if (opts.rowHidden) p.rowHidden = t.sheet.hiddenRows.has(r);
        if (opts.format?.font) {
          const font: Record<string, unknown> = {};
          for (const key of Object.keys(opts.format.font) as (keyof FakeFont)[]) {
            let v: unknown = undefined;
            for (let j = 0; j < t.cols; j++) {
              const x = t.sheet.font(r, t.col0 + j)[key];
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
      return out;
    });
  }

  getColumnProperties(opts: { columnHidden?: boolean }): FakeClientResult<unknown[]> {
    return this.result('getColumnProperties', [opts], (t) =>
      Array.from({ length: t.cols }, (_, j) =>
        opts.columnHidden ? { columnHidden: t.sheet.hiddenCols.has(t.col0 + j) } : {},
      ),
    );
  }

  getCellProperties(opts: { format?: { font?: Record<string, boolean> } }): FakeClientResult<unknown[][]> {
    const keys = Object.keys(opts.format?.font ?? {}) as (keyof FakeFont)[];
    return this.result('getCellProperties', [opts], (t) =>
      grid(t, (r, c) => {
        const f = t.sheet.font(r, c);
        return { format: { font: Object.fromEntries(keys.map((k) => [k, f[k]])) } };
      }),
    );
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
    this.ctx.model.call(this.node, 'setCellProperties', [props]);
    this.ctx.logOp('setCellProperties', this.sheetName(), this.addrNow(), props);
    this.ctx.queue(() => {
      const t = this.at();
      this.checkEditable(t.sheet);
      props.forEach((row, i) =>
        row.forEach((p, j) => {
          const f = p?.format;
          if (!f) return;
          const cell = t.sheet.cellFor(t.row0 + i, t.col0 + j);
          if (f.font?.bold !== undefined) cell.bold = f.font.bold as boolean;
          if (f.font?.italic !== undefined) cell.italic = f.font.italic as boolean;
          if (f.font?.underline !== undefined) cell.underline = f.font.underline as string;
          if (f.font?.color !== undefined) cell.color = f.font.color as string;
          if (f.horizontalAlignment !== undefined) cell.horizontalAlignment = f.horizontalAlignment;
          if (f.verticalAlignment !== undefined) cell.verticalAlignment = f.verticalAlignment;
          if (f.wrapText !== undefined) cell.wrapText = f.wrapText;
        }),
      );
    });
  }

  /** The range's format (ExcelApi 1.1): only what the add-in sets, its vertical alignment, applied to every cell. */
  get format(): { verticalAlignment: string } {
    const node = this.ctx.model.property(this.node, 'format');
    const align = (v: string) => {
      this.ctx.model.setProperty(node, 'verticalAlignment', v);
      this.ctx.logOp('verticalAlignment', this.sheetName(), this.addrNow(), v);
      this.ctx.queue(() => {
        const t = this.at();
        this.checkEditable(t.sheet);
        for (let i = 0; i < t.rows; i++)
          for (let j = 0; j < t.cols; j++) t.sheet.cellFor(t.row0 + i, t.col0 + j).verticalAlignment = v;
      });
    };
    return {
      get verticalAlignment(): string {
        throw new Error('the fake reads no range format');
      },
      set verticalAlignment(v: string) {
        align(v);
      },
    };
  }

  setColumnProperties(props: { format?: { columnWidth?: number } }[]): void {
    this.ctx.model.call(this.node, 'setColumnProperties', [props]);
    this.ctx.logOp('setColumnProperties', this.sheetName(), this.addrNow(), props);
    this.ctx.queue(() => {
      const t = this.at();
      props.forEach((p, j) => {
        if (p.format?.columnWidth !== undefined) t.sheet.columnWidths[t.col0 + j] = p.format.columnWidth;
      });
    });
  }

  setRowProperties(props: { format?: { rowHeight?: number } }[]): void {
    this.ctx.model.call(this.node, 'setRowProperties', [props]);
    this.ctx.logOp('setRowProperties', this.sheetName(), this.addrNow(), props);
    this.ctx.queue(() => {
      const t = this.at();
      if (props.length !== t.rows) refuse('InvalidArgument', `${props.length} rows' properties for ${t.rows} rows`);
      props.forEach((p, i) => {
        if (p.format?.rowHeight !== undefined) t.sheet.rowHeights.set(t.row0 + i, p.format.rowHeight);
      });
    });
  }

  select(): void {
    this.ctx.model.call(this.node, 'select', []);
    this.ctx.logOp('select', this.sheetName(), this.addrNow());
    this.ctx.queue(() => {
      const t = this.at();
      this.ctx.book.selection = { sheet: t.sheet.name, address: addr(t) };
    });
  }

  /** office-js checks a big array's size before setting it in pieces. */
  _ValidateArraySize(rows: number, cols: number): void {
    this.ctx.queue(() => {
      const t = this.at();
      if (t.rows !== rows || t.cols !== cols)
        refuse('InvalidArgument', `an array of ${rows}x${cols} for a ${t.rows}x${t.cols} range`);
    });
  }

  /** A row of the range (office-js uses these to set a big array in pieces). */
  getRow(i: number): FakeRange {
    const node = this.ctx.model.method(this.node, 'getRow', [i], { kept: true });
    return new FakeRange(this.ctx, node, () => ({ ...this.at(), row0: this.at().row0 + i, rows: 1 }));
  }

  /** The smallest range holding this one and another on the same sheet. */
  getBoundingRect(other: FakeRange): FakeRange {
    const node = this.ctx.model.method(this.node, 'getBoundingRect', [other.node.info.Id], {
      kept: true,
      argPaths: [other.node],
    });
    return new FakeRange(this.ctx, node, () => {
      const a = this.at();
      const b = other.resolve();
      const row0 = Math.min(a.row0, b.row0);
      const col0 = Math.min(a.col0, b.col0);
      return {
        sheet: a.sheet,
        row0,
        col0,
        rows: Math.max(a.row0 + a.rows, b.row0 + b.rows) - row0,
        cols: Math.max(a.col0 + a.cols, b.col0 + b.cols) - col0,
      };
    });
  }

  /** The range's sheet and place, for the bridge to real office-js. */
  resolve() {
    return this.at();
  }
}

type RangeAt = { sheet: FakeSheet; row0: number; col0: number; rows: number; cols: number };

function addr(t: { row0: number; col0: number; rows: number; cols: number }): string {
  return t.rows === 1 && t.cols === 1
    ? a1(t.row0, t.col0)
    : a1Range(t.row0, t.col0, t.row0 + t.rows - 1, t.col0 + t.cols - 1);
}

function checkCells(cells: number): void {
  if (cells > FAKE_LIMIT_CELLS)
    refuse('RangeExceedsLimit', 'The cell count in the range has exceeded the maximum supported number.');
}

function grid<T>(t: RangeAt, f: (r: number, c: number) => T): T[][] {
  checkCells(t.rows * t.cols);
  const out: T[][] = [];
  for (let i = 0; i < t.rows; i++) {
    const row: T[] = new Array(t.cols);
    for (let j = 0; j < t.cols; j++) row[j] = f(t.row0 + i, t.col0 + j);
    out.push(row);
  }
  return out;
}

function snapshot(t: RangeAt, prop: string): unknown {
  const s = t.sheet;
  switch (prop) {
    case 'address':
      return sheetRef(s.name, addr(t));
    case 'rowIndex':
      return t.row0;
    case 'columnIndex':
      return t.col0;
    case 'rowCount':
      return t.rows;
    case 'columnCount':
      return t.cols;
    case 'values':
      return grid(t, (r, c) => {
        const cell = s.get(r, c);
        if (cell?.error) return cell.error;
        return cell?.value ?? '';
      });
    case 'formulas':
      return grid(t, (r, c) => {
        const cell = s.get(r, c);
        if (cell?.formula !== undefined) return `=${cell.formula}`;
        if (cell?.error) return cell.error;
        return cell?.value ?? '';
      });
    case 'numberFormat':
      return grid(t, (r, c) => s.get(r, c)?.numberFormat ?? 'General');
    default:
      throw new Error(`The fake does not load Range.${prop}`);
  }
}

/** A named item: a workbook's or a sheet's. */
export class FakeNamedItem extends FakeObject {
  private loaded = new Map<string, Loaded<unknown>>();
  constructor(
    ctx: FakeContext,
    node: PathNode,
    readonly target: () => { list: () => FakeName[]; name: FakeName; sheet?: FakeSheet },
  ) {
    super(ctx, node);
  }
  get name(): string {
    return this.read('name') as string;
  }
  get formula(): string {
    return this.read('formula') as string;
  }
  get visible(): boolean {
    return this.read('visible') as boolean;
  }
  set visible(v: boolean) {
    this.ctx.model.setProperty(this.node, 'visible', v);
    this.ctx.logOp('nameVisible', undefined, undefined, v);
    this.ctx.queue(() => {
      this.target().name.visible = v;
    });
  }
  private read(p: string): unknown {
    const slot = this.loaded.get(p);
    if (!slot) throw new Error(`PropertyNotLoaded: NamedItem.${p} was never loaded`);
    return slot.get();
  }
  /** Fills loaded properties from a collection load. */
  fill(p: string, v: unknown): void {
    const slot = new Loaded<unknown>(`NamedItem.${p}`);
    slot.set(v);
    this.loaded.set(p, slot);
  }
  delete(): void {
    this.ctx.model.call(this.node, 'delete', []);
    this.ctx.logOp('deleteName', undefined, undefined, this.loaded.get('name')?.get());
    this.ctx.queue(() => {
      const t = this.target();
      if (t.sheet) t.sheet.names = t.sheet.names.filter((n) => n !== t.name);
      else this.ctx.book.names = this.ctx.book.names.filter((n) => n !== t.name);
    });
  }
}

/** A collection whose items are loaded at sync (sheets, names, parts). */
class FakeItems<T> {
  private slot?: Loaded<T[]>;
  constructor(private readonly what: string) {}
  expect(): Loaded<T[]> {
    this.slot = new Loaded<T[]>(`${this.what}.items`);
    return this.slot;
  }
  get items(): T[] {
    if (!this.slot) throw new Error(`PropertyNotLoaded: ${this.what}.items was never loaded`);
    return this.slot.get();
  }
}

/** The names of the workbook or of one sheet. */
export class FakeNameCollection extends FakeObject {
  private readonly list = new FakeItems<FakeNamedItem>('names');
  constructor(
    ctx: FakeContext,
    node: PathNode,
    private readonly scope: () => { names: () => FakeName[]; set: (n: FakeName[]) => void; sheet?: FakeSheet },
  ) {
    super(ctx, node);
  }
  get items(): FakeNamedItem[] {
    return this.list.items;
  }
  load(props: string | string[]): this {
    const wanted = parseLoad(props).map((p) => p.replace(/^items\//, ''));
    for (const p of wanted)
      if (!['name', 'formula', 'visible', 'type', 'value'].includes(p))
        throw new Error(`The fake does not load names ${p}`);
    const id = this.ctx.model.query(this.node, wanted);
    const slot = this.list.expect();
    this.ctx.load(id, () => {
      const scope = this.scope();
      const names = scope.names();
      const items = names.map((n) => {
        const item = new FakeNamedItem(this.ctx, this.ctx.model.indexer(this.node, n.name), () => ({
          list: () => this.scope().names(),
          name: n,
          sheet: scope.sheet,
        }));
        for (const p of wanted)
          item.fill(p, p === 'type' ? 'String' : p === 'value' ? n.formula : n[p as keyof FakeName]);
        return item;
      });
      slot.set(items);
      return {
        _Items: names.map((n) => Object.fromEntries(wanted.map((p) => [wireName(p), n[p as keyof FakeName] ?? null]))),
      };
    });
    return this;
  }
  /** An item by name (the bridge's indexer). */
  getItem(key: string): FakeNamedItem {
    const find = () => {
      const scope = this.scope();
      const name = scope.names().find((n) => n.name.toLowerCase() === key.toLowerCase());
      if (!name) refuse('ItemNotFound', `There is no name ${key}.`);
      return { list: () => scope.names(), name, sheet: scope.sheet };
    };
    return new FakeNamedItem(this.ctx, this.ctx.model.indexer(this.node, key), find);
  }

  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    const formula = typeof reference === 'string' ? reference : undefined;
    const node = this.ctx.model.method(
      this.node,
      'add',
      [name, typeof reference === 'string' ? reference : reference.node.info.Id, comment ?? null],
      {
        argPaths: typeof reference === 'string' ? [] : [reference.node],
      },
    );
    let made: FakeName | undefined;
    this.ctx.logOp('addName', undefined, undefined, name);
    this.ctx.queue(() => {
      const scope = this.scope();
      if (scope.names().some((n) => n.name.toLowerCase() === name.toLowerCase()))
        refuse('ItemAlreadyExists', `The name ${name} already exists.`);
      let f = formula;
      if (f === undefined) {
        const t = (reference as FakeRange).resolve();
        f = `=${sheetRef(t.sheet.name, `$${columnLetters(t.col0)}$${t.row0 + 1}`)}`;
      }
      made = { name, formula: f, visible: true };
      scope.set([...scope.names(), made]);
    });
    return new FakeNamedItem(this.ctx, node, () => {
      if (!made) refuse('ItemNotFound', 'The requested resource does not exist.');
      return { list: () => this.scope().names(), name: made, sheet: this.scope().sheet };
    });
  }
}

export class FakeWorksheet extends FakeObject {
  private nameSlot?: Loaded<string>;
  readonly names: FakeNameCollection;

  constructor(
    ctx: FakeContext,
    node: PathNode,
    /** The sheet, known when the batch runs (ItemNotFound when it is not there). */
    readonly sheet: () => FakeSheet,
    /** What the sheet is called when the object is made, for the operations log. */
    private readonly label?: string,
  ) {
    super(ctx, node);
    this.names = new FakeNameCollection(ctx, ctx.model.property(node, 'names'), () => {
      const s = this.sheet();
      return { names: () => s.names, set: (n) => (s.names = n), sheet: s };
    });
  }

  get name(): string {
    if (!this.nameSlot) throw new Error('PropertyNotLoaded: Worksheet.name was never loaded');
    return this.nameSlot.get();
  }
  set name(name: string) {
    this.ctx.model.setProperty(this.node, 'name', name);
    this.ctx.logOp('renameSheet', this.peekName(), undefined, name);
    this.ctx.queue(() => {
      const s = this.sheet();
      if (s.name === name) return;
      this.ctx.book.checkStructure('rename a sheet');
      this.ctx.book.checkNewName(name, s);
      for (const n of this.ctx.book.names) n.formula = n.formula.split(sheetRef(s.name, '')).join(sheetRef(name, ''));
      s.name = name;
    });
  }

  /** The sheet's name when the object was made, for the operations log (it may not exist yet). */
  private peekName(): string | undefined {
    return this.label;
  }

  readonly protection = (() => {
    let slot: Loaded<boolean> | undefined;
    const node = this.ctx.model.property(this.node, 'protection');
    return {
      load: (props: string) => {
        if (parseLoad(props).join() !== 'protected') throw new Error(`The fake loads only protection.protected`);
        const id = this.ctx.model.query(node, ['protected']);
        const s = (slot = new Loaded<boolean>('WorksheetProtection.protected'));
        this.ctx.load(id, () => {
          s.set(this.sheet().protected);
          return { Protected: this.sheet().protected };
        });
      },
      get protected(): boolean {
        if (!slot) throw new Error('PropertyNotLoaded: WorksheetProtection.protected was never loaded');
        return slot.get();
      },
    };
  })();

  /** Fills the name from a collection load. */
  fillName(name: string): void {
    this.nameSlot = new Loaded<string>('Worksheet.name');
    this.nameSlot.set(name);
  }

  load(props: string): this {
    const wanted = parseLoad(props);
    if (wanted.some((p) => p !== 'name')) throw new Error(`The fake only loads a worksheet's name, not ${props}`);
    const id = this.ctx.model.query(this.node, ['name']);
    const slot = (this.nameSlot = new Loaded<string>('Worksheet.name'));
    this.ctx.load(id, () => {
      const s = this.sheet();
      slot.set(s.name);
      return { Name: s.name, Id: s.id };
    });
    return this;
  }

  readonly freezePanes = {
    freezeRows: (n: number) => {
      this.ctx.model.call(this.ctx.model.property(this.node, 'freezePanes'), 'freezeRows', [n]);
      this.ctx.logOp('freezeRows', this.peekName(), undefined, n);
      this.ctx.queue(() => {
        this.sheet().frozenRows = n;
      });
    },
  };

  /** The page layout (ExcelApi 1.9): each property set is kept on the sheet's `page`. */
  readonly pageLayout = (() => {
    const ctx = this.ctx;
    const node = ctx.model.property(this.node, 'pageLayout');
    const keep = (on: PathNode, key: string, value: unknown) => {
      ctx.model.setProperty(on, key, value);
      ctx.logOp('pageLayout', this.peekName(), undefined, { [key]: value });
      ctx.queue(() => {
        if (ctx.book.refusePageLayout) refuse('UnsupportedOperation', 'This operation is not supported.');
        this.sheet().page[key] = value;
      });
    };
    const settable = (on: PathNode, keys: string[]) => {
      const target: Record<string, unknown> = {};
      for (const key of keys)
        Object.defineProperty(target, key, { set: (v: unknown) => keep(on, key, v), enumerable: true });
      return target;
    };
    const layout = settable(node, [
      'orientation',
      'paperSize',
      'zoom',
      'leftMargin',
      'rightMargin',
      'topMargin',
      'bottomMargin',
      'headerMargin',
      'footerMargin',
    ]);
    const all = ctx.model.property(ctx.model.property(node, 'headersFooters'), 'defaultForAllPages');
    return Object.assign(layout, {
      headersFooters: {
        defaultForAllPages: settable(all, [
          'leftHeader',
          'centerHeader',
          'rightHeader',
          'leftFooter',
          'centerFooter',
          'rightFooter',
        ]),
      },
      setPrintArea: (area: string) => {
        ctx.model.call(node, 'setPrintArea', [area]);
        ctx.queue(() => {
          this.sheet().page.printArea = area;
        });
      },
      setPrintTitleRows: (rows: string) => {
        ctx.model.call(node, 'setPrintTitleRows', [rows]);
        ctx.queue(() => {
          this.sheet().page.printTitleRows = rows;
        });
      },
    });
  })();

  readonly horizontalPageBreaks = {
    add: (cell: string) => {
      this.ctx.model.call(this.ctx.model.property(this.node, 'horizontalPageBreaks'), 'add', [cell]);
      this.ctx.queue(() => {
        this.sheet().pageBreaks.push(cell);
      });
    },
  };

  readonly charts = {
    add: (type: string, source: FakeRange, seriesBy?: string) => {
      const charts = this.ctx.model.property(this.node, 'charts');
      const node = this.ctx.model.method(charts, 'add', [type, source.node.info.Id, seriesBy ?? 'Auto'], {
        argPaths: [source.node],
      });
      const chart: FakeChart = { type, source: '', seriesBy, title: '', position: undefined };
      this.ctx.logOp('addChart', this.peekName(), undefined, type);
      this.ctx.queue(() => {
        const t = source.resolve();
        if (this.ctx.book.refuseCharts.includes(type))
          refuse('UnsupportedOperation', `This operation is not supported for a ${type} chart.`);
        chart.source = addr(t);
        this.sheet().charts.push(chart);
      });
      const ctx = this.ctx;
      return {
        title: {
          set text(text: string) {
            ctx.model.setProperty(ctx.model.property(node, 'title'), 'text', text);
            ctx.queue(() => {
              chart.title = text;
            });
          },
        },
        setPosition: (start: string, end?: string) => {
          ctx.model.call(node, 'setPosition', [start, end ?? null]);
          ctx.queue(() => {
            chart.position = start;
            chart.end = end;
          });
        },
        axes: (() => {
          const axes = ctx.model.property(node, 'axes');
          const axis = (which: 'category' | 'value') => {
            const title = ctx.model.property(ctx.model.property(axes, `${which}Axis`), 'title');
            return {
              title: {
                set text(text: string) {
                  ctx.model.setProperty(title, 'text', text);
                  ctx.queue(() => {
                    if (chart.type === 'Waterfall')
                      refuse('UnsupportedOperation', 'This operation is not supported for a Waterfall chart.');
                    chart.axisTitles = { ...chart.axisTitles, [which]: text };
                  });
                },
              },
            };
          };
          return { categoryAxis: axis('category'), valueAxis: axis('value') };
        })(),
        series: {
          getItemAt: (i: number) => {
            const item = ctx.model.method(ctx.model.property(node, 'series'), 'getItemAt', [i]);
            return {
              setXAxisValues: (range: FakeRange) => {
                ctx.model.call(item, 'setXAxisValues', [range.node.info.Id]);
                ctx.queue(() => {
                  chart.xValues = addr(range.resolve());
                });
              },
              set name(name: string) {
                ctx.model.setProperty(item, 'name', name);
                ctx.queue(() => {
                  chart.seriesName = name;
                });
              },
            };
          },
        },
      };
    },
  };

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (!valuesOnly) throw new Error('the adapter should ask for the values-only used range');
    const node = this.ctx.model.method(this.node, 'getUsedRangeOrNullObject', [valuesOnly], { kept: true });
    return new FakeRange(
      this.ctx,
      node,
      () => {
        const s = this.sheet();
        const u = s.used();
        return u ? { sheet: s, ...u } : null;
      },
      true,
      undefined,
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    const node = this.ctx.model.method(this.node, 'getRangeByIndexes', [row, col, rows, cols], { kept: true });
    this.ctx.rangesMade++;
    return new FakeRange(
      this.ctx,
      node,
      () => {
        if (rows < 1 || cols < 1) refuse('InvalidArgument', `getRangeByIndexes(${row}, ${col}, ${rows}, ${cols})`);
        return { sheet: this.sheet(), row0: row, col0: col, rows, cols };
      },
      false,
      { sheet: this.label, row0: row, col0: col, rows, cols },
    );
  }

  getRange(address: string): FakeRange {
    const node = this.ctx.model.method(this.node, 'getRange', [address], { kept: true });
    const [from, to = from] = address.split(':');
    const a = parseA1(from);
    const b = parseA1(to);
    const at = { row0: a.row, col0: a.col, rows: b.row - a.row + 1, cols: b.col - a.col + 1 };
    return new FakeRange(this.ctx, node, () => ({ sheet: this.sheet(), ...at }), false, { sheet: this.label, ...at });
  }

  /** Several ranges of the sheet ("C8:E8,C5:E6"), as RangeAreas (ExcelApi 1.9); only selecting them is faked. */
  getRanges(address: string): { select(): void } {
    const node = this.ctx.model.method(this.node, 'getRanges', [address], { kept: true });
    const areas = address.split(/[,;]/).map((a) => a.trim());
    return {
      select: () => {
        this.ctx.model.call(node, 'select', []);
        this.ctx.logOp('select', this.peekName(), areas.join(','));
        this.ctx.queue(() => {
          const sheet = this.sheet();
          for (const a of areas) parseA1(a.split(':')[0]);
          this.ctx.book.selection = { sheet: sheet.name, address: areas.join(',') };
        });
      },
    };
  }

  activate(): void {
    this.ctx.model.call(this.node, 'activate', []);
    this.ctx.logOp('activate', this.peekName());
    this.ctx.queue(() => {
      this.ctx.book.active = this.sheet().name;
    });
  }

  delete(): void {
    this.ctx.model.call(this.node, 'delete', []);
    this.ctx.logOp('deleteSheet', this.peekName());
    this.ctx.queue(() => {
      const s = this.sheet();
      this.ctx.book.checkStructure('delete a sheet');
      this.ctx.book.deleteSheet(s);
    });
  }
}

/**
 * A sheet looked up by name or id when the batch first uses it (ItemNotFound when there is none),
 * and that sheet from then on, as Excel binds an object when it instantiates it: renaming it, or
 * giving its name to another sheet, does not make the object another sheet.
 */
function sheetNamed(book: FakeBook, key: string): () => FakeSheet {
  let bound: FakeSheet | undefined;
  return () => {
    bound ??= book.sheet(key) ?? refuse('ItemNotFound', `The requested resource does not exist (no sheet ${key}).`);
    return stillThere(book, bound)();
  };
}

function stillThere(book: FakeBook, sheet: FakeSheet): () => FakeSheet {
  return () => (book.sheets.includes(sheet) ? sheet : refuse('ItemNotFound', 'The requested resource does not exist.'));
}

export class FakeCustomXmlPart extends FakeObject {
  constructor(
    ctx: FakeContext,
    node: PathNode,
    readonly part: () => FakePart,
  ) {
    super(ctx, node);
  }
  getXml(): FakeClientResult<string> {
    const id = this.ctx.model.call(this.node, 'getXml', []);
    const slot = new Loaded<string>('getXml');
    this.ctx.load(id, () => {
      const xml = this.part().xml;
      slot.set(xml);
      return xml;
    });
    return new FakeClientResult(slot);
  }
  setXml(xml: string): void {
    this.ctx.model.call(this.node, 'setXml', [xml]);
    this.ctx.logOp('setXml', undefined, undefined, xml);
    this.ctx.queue(() => {
      this.part().xml = xml;
    });
  }
  delete(): void {
    this.ctx.model.call(this.node, 'delete', []);
    this.ctx.logOp('deletePart');
    this.ctx.queue(() => {
      const p = this.part();
      this.ctx.book.parts = this.ctx.book.parts.filter((x) => x !== p);
    });
  }
}

function partThere(book: FakeBook, part: FakePart): () => FakePart {
  return () => (book.parts.includes(part) ? part : refuse('ItemNotFound', 'The requested resource does not exist.'));
}

export class FakeContext {
  readonly syncs: SyncLog[] = [];
  readonly ops: OpLog[] = [];
  readonly model = new RequestModel();
  rangesMade = 0;
  private queued: (() => void)[] = [];
  /** Done after a sync succeeds: objects Excel identified are found by id in later requests. */
  private identified: (() => void)[] = [];
  private results: { id: number; value: () => unknown }[] = [];
  private opCount = 0;
  private loadCount = 0;
  readonly application: { suspendScreenUpdatingUntilNextSync: () => void };
  readonly workbook: {
    worksheets: {
      load: (props: string) => void;
      readonly items: FakeWorksheet[];
      getFirst: () => FakeWorksheet;
      getItem: (name: string) => FakeWorksheet;
      add: (name: string) => FakeWorksheet;
    };
    names: FakeNameCollection;
    protection: { load: (props: string) => void; readonly protected: boolean };
    customXmlParts: {
      add: (xml: string) => FakeCustomXmlPart;
      getByNamespace: (ns: string) => {
        load: (props: string) => void;
        readonly items: FakeCustomXmlPart[];
        getItem: (id: string) => FakeCustomXmlPart;
      };
    };
  };

  /** Set by the bridge to real office-js, which measures the real request itself. */
  bridged = false;

  constructor(readonly book: FakeBook) {
    const model = this.model;
    const wbNode = model.root;
    const appNode = model.property(wbNode, 'application');
    this.application = {
      suspendScreenUpdatingUntilNextSync: () => {
        model.call(appNode, 'suspendScreenUpdatingUntilNextSync', []);
        this.logOp('suspendScreenUpdating');
      },
    };
    const sheetsNode = model.property(wbNode, 'worksheets');
    const sheetItems = new FakeItems<FakeWorksheet>('worksheets');
    let protectionSlot: Loaded<boolean> | undefined;
    const protectionNode = model.property(wbNode, 'protection');
    const partsNode = model.property(wbNode, 'customXmlParts');
    this.workbook = {
      worksheets: {
        load: (props: string) => {
          const wanted = parseLoad(props);
          if (!wanted.every((p) => p === 'items/name'))
            throw new Error(`The fake only loads worksheets items/name, not ${props}`);
          const id = model.query(sheetsNode, ['name']);
          const slot = sheetItems.expect();
          this.load(id, () => {
            const items = book.sheets.map((s) => {
              const ws = new FakeWorksheet(this, model.indexer(sheetsNode, s.id), stillThere(book, s), s.name);
              ws.fillName(s.name);
              return ws;
            });
            slot.set(items);
            return { _Items: book.sheets.map((s) => ({ Name: s.name, Id: s.id })) };
          });
        },
        get items() {
          return sheetItems.items;
        },
        getFirst: () => {
          const node = model.method(sheetsNode, 'getFirst', [false]);
          return new FakeWorksheet(
            this,
            node,
            () => book.sheets[0] ?? refuse('ItemNotFound', 'The workbook has no sheets.'),
            book.sheets[0]?.name,
          );
        },
        getItem: (name: string) =>
          new FakeWorksheet(
            this,
            model.indexer(sheetsNode, name),
            sheetNamed(book, name),
            book.sheet(name)?.name ?? name,
          ),
        add: (name: string) => {
          const node = model.method(sheetsNode, 'add', [name]);
          let made: FakeSheet | undefined;
          this.logOp('addSheet', name);
          this.queue(() => {
            book.checkStructure('add a sheet');
            book.checkNewName(name);
            const sheet = (made = new FakeSheet(name, undefined));
            book.sheets.push(sheet);
            this.identified.push(() => model.identify(node, sheetsNode, sheet.id));
          });
          return new FakeWorksheet(
            this,
            node,
            () => {
              if (!made || !book.sheets.includes(made))
                refuse('ItemNotFound', 'The requested resource does not exist.');
              return made;
            },
            name,
          );
        },
      },
      names: new FakeNameCollection(this, model.property(wbNode, 'names'), () => ({
        names: () => book.names,
        set: (n) => (book.names = n),
      })),
      protection: {
        load: (props: string) => {
          if (parseLoad(props).join() !== 'protected') throw new Error('The fake loads only protection.protected');
          const id = model.query(protectionNode, ['protected']);
          const slot = (protectionSlot = new Loaded<boolean>('WorkbookProtection.protected'));
          this.load(id, () => {
            slot.set(book.structureProtected);
            return { Protected: book.structureProtected };
          });
        },
        get protected() {
          if (!protectionSlot) throw new Error('PropertyNotLoaded: WorkbookProtection.protected was never loaded');
          return protectionSlot.get();
        },
      },
      customXmlParts: {
        add: (xml: string) => {
          const node = model.method(partsNode, 'add', [xml]);
          let made: FakePart | undefined;
          this.logOp('addPart', undefined, undefined, xml);
          this.queue(() => {
            made = book.addPart(xml);
          });
          return new FakeCustomXmlPart(this, node, () => made ?? refuse('ItemNotFound', 'The part was not added.'));
        },
        getByNamespace: (ns: string) => {
          const node = model.method(partsNode, 'getByNamespace', [ns]);
          const items = new FakeItems<FakeCustomXmlPart>('customXmlParts');
          return {
            load: (props: string) => {
              if (parseLoad(props).join() !== 'items/id')
                throw new Error(`The fake loads only items/id of parts, not ${props}`);
              const id = model.query(node, ['id']);
              const slot = items.expect();
              this.load(id, () => {
                const parts = book.parts.filter((p) => p.namespace === ns);
                slot.set(parts.map((p) => new FakeCustomXmlPart(this, model.indexer(node, p.id), partThere(book, p))));
                return { _Items: parts.map((p) => ({ Id: p.id })) };
              });
            },
            get items() {
              return items.items;
            },
            getItem: (id: string) =>
              new FakeCustomXmlPart(this, model.indexer(node, id), () => {
                const p = book.parts.find((x) => x.id === id && x.namespace === ns);
                return p ?? refuse('ItemNotFound', 'The requested resource does not exist.');
              }),
          };
        },
      },
    };
  }

  /** Queues an operation, run at the next sync in order. */
  queue(op: () => void): void {
    this.queued.push(op);
    this.opCount++;
  }

  /** Queues a load: its result comes back in the response under the action's id. */
  load(actionId: number, value: () => unknown): void {
    this.loadCount++;
    this.queued.push(() => {
      const v = value();
      this.results.push({ id: actionId, value: () => v });
    });
  }

  logOp(op: string, sheet?: string, address?: string, detail?: unknown): void {
    this.ops.push({ sync: this.syncs.length, op, sheet, address, detail });
  }

  /** What the last sync's response held, as Excel sends it (for the bridge to real office-js). */
  lastResults: ResponseResult[] = [];

  async sync(): Promise<void> {
    const { bytes: requestBytes, kept } = this.model.take();
    const ops = this.queued;
    this.queued = [];
    this.results = [];
    const log: SyncLog = { requestBytes, responseBytes: 0, ops: this.opCount, loads: this.loadCount };
    this.opCount = 0;
    this.loadCount = 0;
    this.syncs.push(log);
    const book = this.book;
    const fail = (e: unknown): never => {
      log.failed = e instanceof FakeRichApiError ? e.code : 'GeneralException';
      throw e;
    };
    if (book.editingCell)
      fail(new FakeRichApiError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.'));
    if (!this.bridged && requestBytes > FAKE_LIMIT_BYTES)
      fail(new FakeRichApiError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.'));
    const number = ++book.syncCount;
    const failing = book.failAt?.sync === number ? book.failAt : undefined;
    try {
      for (const [i, op] of ops.entries()) {
        if (failing && i >= (failing.afterOps ?? 0)) refuse(failing.code, `The fake was told to fail sync ${number}.`);
        op();
      }
      if (failing) refuse(failing.code, `The fake was told to fail sync ${number}.`);
    } catch (e) {
      fail(e);
    }
    for (const node of kept) this.model.referenced(node, this.model.nextReference());
    for (const f of this.identified.splice(0)) f();
    this.lastResults = this.results.map((r) => ({ ActionId: r.id, Value: r.value() }));
    log.responseBytes = responseBytes(this.lastResults);
    if (!this.bridged && log.responseBytes > FAKE_LIMIT_BYTES)
      fail(
        new FakeRichApiError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.'),
      );
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

export { utf8Bytes };
