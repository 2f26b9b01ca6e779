import type { Cell, CellValue, SheetGrid } from '../../engine/grid';
import { MAX_CELLS, MAX_SPAN_CELLS, tooManyCellsReason, tooWideReason } from '../../engine/limits';
import { WorkbookReadError } from '../../engine/port';
import { shiftFormula } from './formula';
import type { XlsxPackage } from './package';
import type { CellStyle } from './styles';
import { decodeExcelEscapes, decoderFor, unescapeXml, type Decoder } from './xml';

/**
 * Sheets into grids, streamed: each worksheet part is inflated piece by piece and scanned once,
 * keeping only cells with something in them. Reading stops (and the workbook is refused) the moment
 * the cells seen pass the add-in's limit, or a sheet's rows reach further than the engine can walk.
 *
 * The worksheet scanner is written for SpreadsheetML's cell grammar rather than using a general
 * XML parser: a sheet is most of a workbook's bytes, and saxes reads about 14 MB a second where
 * this reads several times that (docs/performance.md); shared strings likewise. The small parts
 * (workbook, styles, relationships, content types) are read with saxes.
 */

export interface ReadContext {
  strings: string[];
  styles: CellStyle[];
  /** Cells seen so far in the workbook, empty styled ones included: the work reading costs. */
  cellsSeen: number;
  /** The workbook counts its dates from 1904 (workbookPr date1904, old Mac Excel). */
  date1904?: boolean;
}

/** Days from 1900's day 0 to 1904's: a date stored as n in a 1904 workbook is n + 1462 in the 1900 system. */
const DAYS_1900_TO_1904 = 1462;

/**
 * The shared strings, in order: each item's text runs joined, phonetic guides left out. Read as
 * one text (the part's size is checked as a held part's is), with the scanner's approach rather
 * than saxes: a large export's shared strings are megabytes of short items.
 */
export function readSharedStrings(pkg: XlsxPackage, part: string | undefined): string[] {
  if (!part || !pkg.has(part)) return [];
  const xml = pkg.text(part) ?? '';
  if (/<!DOCTYPE/i.test(xml))
    throw new WorkbookReadError(
      'corrupt',
      'the file could not be opened as an .xlsx workbook (its shared text holds a document type declaration, which Excel never writes)',
    );
  const strings: string[] = [];
  const item = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
  for (let m = item.exec(xml); m; m = item.exec(xml)) strings.push(itemText(m[1] ?? ''));
  return strings;
}

const TEXT_RUN = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

function itemText(inner: string): string {
  const plain = /^<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>$/.exec(inner);
  if (plain) return decodeExcelEscapes(unescapeXml(plain[1]));
  const runs = inner.includes('rPh') ? inner.replace(PHONETIC, '') : inner;
  let text = '';
  TEXT_RUN.lastIndex = 0;
  for (let m = TEXT_RUN.exec(runs); m; m = TEXT_RUN.exec(runs)) text += m[1] ?? '';
  return decodeExcelEscapes(
    unescapeXml(
      text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, c: string) => c.replace(/&/g, '&amp;').replace(/</g, '&lt;')),
    ),
  );
}

// ---- The worksheet scanner -----------------------------------------------------------------

/** "BC12" → column 54 (0-based), row 11 (0-based); -1s when it is not a reference. */
function parseRef(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  const row = Number(ref.slice(i));
  return { col: col - 1, row: Number.isInteger(row) && i < ref.length ? row - 1 : -1 };
}

/** The 0-based column of a cell reference written in buf[from..to) ("BC12" → 54), -1 when it has none. */
function columnOf(buf: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col - 1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * One attribute of a tag (buf[from..to)), found by walking the tag's attributes without building
 * the others or searching past the tag's end.
 */
function attribute(buf: string, from: number, to: number, name: string): string | undefined {
  let i = from;
  while (i < to) {
    let c = buf.charCodeAt(i);
    if (isSpace(c) || c === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && (c = buf.charCodeAt(i)) !== 61 && !isSpace(c)) i++;
    const nameEnd = i;
    while (i < to && (c = buf.charCodeAt(i)) !== 34 && c !== 39) i++;
    if (i >= to) return undefined;
    const end = buf.indexOf(c === 34 ? '"' : "'", i + 1);
    if (end < 0 || end > to) return undefined;
    if (nameEnd - nameStart === name.length && buf.startsWith(name, nameStart)) {
      const raw = buf.slice(i + 1, end);
      return raw.includes('&') ? unescapeXml(raw) : raw;
    }
    i = end + 1;
  }
  return undefined;
}

interface SharedFormula {
  formula: string;
  row: number;
  col: number;
}

/** Excel serial day for an ISO date (a cell typed "d"), in the 1900 date system. */
function serialFromIso(text: string): number | null {
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.endsWith('Z') ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : ms / 86_400_000 + 25569;
}

/** The elements the scanner acts on, told apart by their local name without building a string. */
const enum Tag {
  Other,
  Row,
  C,
  V,
  F,
  Is,
  RPh,
  T,
  Col,
  MergeCell,
  SheetData,
}

function tagAt(buf: string, start: number, end: number): Tag {
  for (let i = start; i < end; i++) if (buf.charCodeAt(i) === 58 /* : */) start = i + 1;
  const n = end - start;
  const a = buf.charCodeAt(start);
  if (n === 1) return a === 99 ? Tag.C : a === 118 ? Tag.V : a === 102 ? Tag.F : a === 116 ? Tag.T : Tag.Other;
  if (n === 3) {
    if (buf.startsWith('row', start)) return Tag.Row;
    if (buf.startsWith('rPh', start)) return Tag.RPh;
    if (buf.startsWith('col', start)) return Tag.Col;
    return Tag.Other;
  }
  if (n === 2) return buf.startsWith('is', start) ? Tag.Is : Tag.Other;
  if (n === 9) {
    if (buf.startsWith('mergeCell', start)) return Tag.MergeCell;
    if (buf.startsWith('sheetData', start)) return Tag.SheetData;
  }
  return Tag.Other;
}

/** One worksheet, scanned as its text arrives. */
class SheetScanner {
  readonly rows: (Cell | undefined)[][] = [];
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  private readonly merges: string[] = [];
  private readonly shared = new Map<string, SharedFormula>();
  private span = 0;
  private rowIndex = -1;
  private rowHidden = false;
  private rowCells: (Cell | undefined)[] | null = null;
  private nextCol = 0;
  // The cell being read (one at a time, so kept in fields rather than an object per cell).
  private inCell = false;
  private col = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private formula: string | undefined;
  private formulaType: string | undefined;
  private formulaShared: string | undefined;
  private inline = '';
  /** Whose text is being gathered: 0 none, 1 a value, 2 a formula, 3 an inline string. */
  private target = 0;
  private inInline = false;
  private phonetic = 0;
  stopped = false;
  private buf = '';

  constructor(
    private readonly name: string,
    private readonly ctx: ReadContext,
    private readonly maxRows: number,
  ) {}

  private fail(what: string): WorkbookReadError {
    return new WorkbookReadError('corrupt', `the sheet "${this.name}" could not be read: ${what}`);
  }

  private endRow(): void {
    const cells = this.rowCells;
    if (cells && cells.length) {
      this.rows[this.rowIndex] = cells;
      if (this.rowHidden) this.hiddenRows.add(this.rowIndex);
      this.span += cells.length;
      if (this.span > MAX_SPAN_CELLS) throw new WorkbookReadError('too-large', tooWideReason(this.name));
    }
    this.rowCells = null;
    if (this.rowIndex + 1 >= this.maxRows) this.stopped = true;
  }

  private endCell(): void {
    this.inCell = false;
    this.target = 0;
    if (++this.ctx.cellsSeen > MAX_CELLS) throw new WorkbookReadError('too-large', tooManyCellsReason(this.name));
    const out = this.cell();
    if (!out) return;
    if (!this.rowCells) this.rowCells = [];
    this.rowCells[this.col] = out;
  }

  private cell(): Cell | undefined {
    let formula = this.formula;
    const row = this.rowIndex;
    if (this.formulaType === 'shared' && this.formulaShared !== undefined) {
      if (formula) this.shared.set(this.formulaShared, { formula, row, col: this.col });
      else {
        const master = this.shared.get(this.formulaShared);
        if (master) formula = shiftFormula(master.formula, row - master.row, this.col - master.col);
      }
    }
    const style = this.ctx.styles[this.style];
    let value: CellValue = null;
    let error: string | undefined;
    const v = this.value;
    switch (this.type) {
      case 's': {
        if (v === '') break;
        const s = this.ctx.strings[Number(v)];
        if (s === undefined)
          throw this.fail(`cell ${columnName(this.col)}${row + 1} refers to text the file does not hold`);
        value = s;
        break;
      }
      case 'inlineStr':
        value = decodeExcelEscapes(unescapeXml(this.inline));
        break;
      case 'str':
        value = decodeExcelEscapes(unescapeXml(v));
        break;
      case 'b':
        if (v !== '') value = v === '1' || v === 'true';
        break;
      case 'e':
        if (v !== '') error = unescapeXml(v);
        break;
      case 'd':
        if (v !== '') value = serialFromIso(v) ?? v;
        break;
      default:
        if (v !== '') {
          const n = Number(v);
          value = Number.isFinite(n) ? n : unescapeXml(v);
        }
    }
    if (value === null && error === undefined && formula === undefined) return undefined;
    // The engine reads a number under a date format as a date in Excel's usual 1900 system (grid.ts):
    // a 1904 workbook's date is given as the same date there (an ISO date, t="d", is one already).
    if (style?.date && this.ctx.date1904 && typeof value === 'number' && this.type !== 'd') value += DAYS_1900_TO_1904;
    const out: Cell = { value };
    if (formula !== undefined) out.formula = unescapeXml(formula);
    if (error !== undefined) out.error = error;
    if (style) {
      if (style.quotePrefix && typeof value === 'number') out.value = String(value);
      if (style.format) out.format = style.format;
      if (style.bold) out.bold = true;
      if (style.italic) out.italic = true;
      if (style.underline) out.underline = true;
    }
    return out;
  }

  /** A cell's r, s and t, in one pass over its attributes. */
  private cellAttributes(from: number, to: number): void {
    const buf = this.buf;
    let col = -2;
    this.type = 'n';
    this.style = 0;
    let i = from;
    while (i < to) {
      let c = buf.charCodeAt(i);
      if (isSpace(c) || c === 47) {
        i++;
        continue;
      }
      const nameStart = i;
      while (i < to && (c = buf.charCodeAt(i)) !== 61 && !isSpace(c)) i++;
      const nameEnd = i;
      while (i < to && buf.charCodeAt(i) !== 34 && buf.charCodeAt(i) !== 39) i++;
      const quote = buf.charCodeAt(i);
      const end = buf.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (end < 0 || end > to) break;
      if (nameEnd - nameStart === 1) {
        const n = buf.charCodeAt(nameStart);
        if (n === 114) col = columnOf(buf, i + 1, end);
        else if (n === 115) this.style = Number(buf.slice(i + 1, end));
        else if (n === 116) this.type = end - i === 2 && buf.charCodeAt(i + 1) === 115 ? 's' : buf.slice(i + 1, end);
      }
      i = end + 1;
    }
    if (col === -2) col = this.nextCol;
    if (col < 0 || col >= 16_384)
      throw this.fail(`a cell reference is not valid near column ${this.nextCol + 1} of row ${this.rowIndex + 1}`);
    this.col = col;
    this.nextCol = col + 1;
  }

  private open(tag: Tag, from: number, to: number, selfClosing: boolean): void {
    const buf = this.buf;
    switch (tag) {
      case Tag.Row: {
        if (this.rowCells) this.endRow();
        if (this.stopped) return;
        const r = attribute(buf, from, to, 'r');
        this.rowIndex = r ? Number(r) - 1 : this.rowIndex + 1;
        if (!Number.isInteger(this.rowIndex) || this.rowIndex < 0 || this.rowIndex >= 1_048_576)
          throw this.fail(`a row number is not valid (${r})`);
        const hidden = attribute(buf, from, to, 'hidden');
        this.rowHidden = hidden === '1' || hidden === 'true';
        this.rowCells = [];
        this.nextCol = 0;
        if (selfClosing) this.endRow();
        return;
      }
      case Tag.C:
        if (selfClosing) {
          // An empty cell (only a style): counted, as it costs reading, but nothing in it to keep.
          if (++this.ctx.cellsSeen > MAX_CELLS) throw new WorkbookReadError('too-large', tooManyCellsReason(this.name));
          this.nextCol++;
          return;
        }
        this.cellAttributes(from, to);
        this.inCell = true;
        this.value = '';
        this.inline = '';
        this.formula = undefined;
        this.formulaType = undefined;
        this.formulaShared = undefined;
        return;
      case Tag.V:
        if (this.inCell && !selfClosing) this.target = 1;
        return;
      case Tag.F:
        if (this.inCell) {
          this.formulaType = attribute(buf, from, to, 't');
          this.formulaShared = attribute(buf, from, to, 'si');
          this.formula = selfClosing ? undefined : '';
          if (!selfClosing) this.target = 2;
        }
        return;
      case Tag.Is:
        this.inInline = !selfClosing;
        return;
      case Tag.RPh:
        if (!selfClosing) this.phonetic++;
        return;
      case Tag.T:
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.target = 3;
        return;
      case Tag.Col: {
        const hidden = attribute(buf, from, to, 'hidden');
        if (hidden === '1' || hidden === 'true') {
          const min = Math.max(1, Number(attribute(buf, from, to, 'min')));
          const max = Math.min(16_384, Number(attribute(buf, from, to, 'max')));
          for (let i = min; i <= max; i++) this.hiddenCols.add(i - 1);
        }
        return;
      }
      case Tag.MergeCell: {
        const ref = attribute(buf, from, to, 'ref');
        if (ref) this.merges.push(ref);
        return;
      }
    }
  }

  private close(tag: Tag): void {
    switch (tag) {
      case Tag.Row:
        this.endRow();
        return;
      case Tag.C:
        if (this.inCell) this.endCell();
        return;
      case Tag.V:
      case Tag.F:
      case Tag.T:
        this.target = 0;
        return;
      case Tag.Is:
        this.inInline = false;
        return;
      case Tag.RPh:
        this.phonetic--;
        return;
      case Tag.SheetData:
        if (this.rowCells) this.endRow();
        return;
    }
  }

  private text(from: number, to: number): void {
    const t = this.buf.slice(from, to);
    if (this.target === 1) this.value += t;
    else if (this.target === 2) this.formula = (this.formula ?? '') + t;
    else this.inline += t;
  }

  /** Scans what has arrived; an unfinished tag at the end waits for the next piece. */
  push(text: string, final: boolean): void {
    const buf = (this.buf += text);
    let pos = 0;
    while (!this.stopped) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (this.target) this.text(pos, buf.length);
        pos = buf.length;
        break;
      }
      if (lt > pos && this.target) this.text(pos, lt);
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        const skipped = this.special(lt, final);
        if (skipped < 0) {
          pos = lt;
          break;
        }
        pos = skipped;
        continue;
      }
      // XML allows '>' inside an attribute's value, but not '<': a tag cut short there leaves some of its
      // attributes as text outside any value, which is not gathered, so no cell can be misread by it.
      const gt = buf.indexOf('>', lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      pos = gt + 1;
      if (next === 63 /* ? */) continue;
      const closing = next === 47; /* / */
      let i = lt + (closing ? 2 : 1);
      const start = i;
      for (; i < gt; i++) {
        const c = buf.charCodeAt(i);
        if (c === 32 || c === 47 || (c >= 9 && c <= 13)) break;
      }
      const tag = tagAt(buf, start, i);
      if (tag === Tag.Other) continue;
      if (closing) this.close(tag);
      else this.open(tag, i, gt, buf.charCodeAt(gt - 1) === 47);
    }
    this.buf = buf.slice(pos);
    if (final && this.buf.trim() && !this.stopped) throw this.fail('it is cut short');
  }

  /** A comment or CDATA section starting at lt: where it ends, or -1 when it has not all arrived. */
  private special(lt: number, final: boolean): number {
    const buf = this.buf;
    if (buf.startsWith('<!--', lt)) {
      const end = buf.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = buf.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      // Gathered text is unescaped when its cell ends; CDATA text is literal, so it is escaped here.
      if (this.target) {
        const literal = buf
          .slice(lt + 9, end)
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;');
        if (this.target === 1) this.value += literal;
        else if (this.target === 2) this.formula = (this.formula ?? '') + literal;
        else this.inline += literal;
      }
      return end + 3;
    }
    if (lt + 9 > buf.length && !final) return -1;
    throw this.fail('it holds a document type declaration, which Excel never writes');
  }

  finish(): SheetGrid {
    if (this.rowCells) this.endRow();
    unmerge(this.rows, this.merges);
    return { name: this.name, rows: this.rows, hiddenRows: this.hiddenRows, hiddenCols: this.hiddenCols };
  }
}

/**
 * Reads one worksheet part into a grid. `maxRows` stops after that many rows of the sheet (used
 * to look at a sheet's title without reading it all).
 */
export function readSheet(
  pkg: XlsxPackage,
  part: string,
  name: string,
  ctx: ReadContext,
  maxRows = Infinity,
): SheetGrid {
  const scanner = new SheetScanner(name, ctx, maxRows);
  let decoder: Decoder | undefined;
  pkg.stream(part, (chunk) => {
    // UTF-8 or UTF-16, told from the part's first bytes (xml.ts).
    decoder ??= decoderFor(chunk);
    scanner.push(decoder.decode(chunk, { stream: true }), false);
    return !scanner.stopped;
  });
  if (!scanner.stopped) scanner.push(decoder ? decoder.decode() : '', true);
  return scanner.finish();
}

export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Merged cells read from their top-left cell, as Excel shows them: the others are left empty. */
function unmerge(rows: (Cell | undefined)[][], merges: string[]): void {
  for (const ref of merges) {
    const [a, b] = ref.split(':');
    if (!a || !b) continue;
    const from = parseRef(a);
    const to = parseRef(b);
    for (let r = from.row; r <= to.row && r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = from.col; c <= to.col && c < row.length; c++) {
        if (r === from.row && c === from.col) continue;
        row[c] = undefined;
      }
    }
  }
}
