import { a1 } from './a1';
import { minOf } from './collections';
import { CellFigure, figureKind, readFigure, type FigureRead } from './figures';
import { finding, type Finding } from './findings';
import { cellText, type Cell, type SheetGrid } from './grid';
import { excelNumber, formatMoney } from './money';
import type { Figure, MoneyColumn, StarMarker, TableRow } from './tables';
import { isClassification, MINUS_MARK, TOTAL_LABEL } from './vocabulary';

/** Where the non-money columns of a table are, as its header row says. */
export interface Layout {
  sheet: SheetGrid;
  columns: MoneyColumn[];
  refCol?: number;
  classCol?: number;
  dateCol?: number;
  summaryLineCol?: number;
  /** A column holding only star markers (* or **), apart from the references. */
  markerCol?: number;
  /** The description column, when a user's correction names it: labels are read there first. */
  labelCol?: number;
  /** Columns a user's correction says to ignore. */
  ignoredCols?: number[];
  /** Figure column → the column left of it where its minus signs are printed apart (see reader/columns.ts). */
  signCols?: Map<number, number>;
  /** Growth and savings tables carry references (G19, ** T24, D70 Eff/SR). */
  expectRefs: boolean;
  /** Worked out by readRow on first use. */
  prepared?: Prepared;
}

const REF = /^(\*{1,2})?\s*([A-Z]{1,2}\d{1,4}[A-Za-z]?|TBC)\s*((?:eff|sr|income)(?:\s*\/\s*(?:eff|sr|income))*)?$/i;
const REF_WITH_UNKNOWN_CLASS =
  /^(\*{1,2})?\s*([A-Z]{1,2}\d{1,4}[A-Za-z]?|TBC)\s+([A-Za-z]{1,12}(?:\s*\/\s*[A-Za-z]{1,12})*)$/;
const MARKER_ONLY = /^\*{1,2}$/;
const STRAY_REF = /^(tdei\s+)?ref\.?$/i;
const DATE_TEXT = /^([A-Za-z]{3,9}[-\s/]\d{2,4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(19|20)\d\d-\d\d(-\d\d)?)$/;

interface RefParts {
  marker: StarMarker;
  ref?: string;
  classification?: string;
}

function parseRef(text: string): RefParts | null {
  const t = text.trim();
  if (MARKER_ONLY.test(t)) return { marker: t as StarMarker };
  const m = REF.exec(t) ?? REF_WITH_UNKNOWN_CLASS.exec(t);
  if (!m) return null;
  return {
    marker: (m[1] ?? '') as StarMarker,
    ref: m[2]!.toUpperCase() === 'TBC' ? 'TBC' : m[2],
    classification: m[3]?.trim(),
  };
}

function isDateCell(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.value instanceof Date) return true;
  return typeof cell.value === 'string' && DATE_TEXT.test(cell.value.trim());
}

/** The first cell with a value: its font is a row's font when the row has no label. */
function firstValue(cells: (Cell | undefined)[]): Cell | undefined {
  for (let c = 0; c < cells.length; c++) if (cells[c] && cells[c]!.value !== null) return cells[c];
  return undefined;
}

/** TOTAL_LABEL.test(label), asked only of labels with "total" in them (in any case): the rest cannot match. */
function isTotalLabel(label: string): boolean {
  for (let i = 0; i + 5 <= label.length; i++) {
    if ((label.charCodeAt(i) | 32) !== 116) continue;
    const rest = label.charCodeAt(i + 1) | 32;
    if (
      rest === 111 &&
      (label.charCodeAt(i + 2) | 32) === 116 &&
      (label.charCodeAt(i + 3) | 32) === 97 &&
      (label.charCodeAt(i + 4) | 32) === 108
    )
      return TOTAL_LABEL.test(label);
  }
  return false;
}

/** The year block of money columns, when it is contiguous: the only place figures can slip sideways. */
function contiguousMoney(columns: MoneyColumn[]): boolean {
  for (let i = 1; i < columns.length; i++) if (columns[i]!.col !== columns[i - 1]!.col + 1) return false;
  return columns.length > 1;
}

/** What readRow works out once per layout rather than once per row. */
interface Prepared {
  isMoney: boolean[];
  firstMoney: number;
  contiguous: boolean;
}

function prepare(layout: Layout): Prepared {
  if (!layout.prepared) {
    const isMoney: boolean[] = [];
    for (const m of layout.columns) isMoney[m.col] = true;
    layout.prepared = {
      isMoney,
      firstMoney: minOf(layout.columns.map((c) => c.col)),
      contiguous: contiguousMoney(layout.columns),
    };
  }
  return layout.prepared;
}

/** True when a string has something other than spaces, without trimming it. */
function hasText(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 32 && first !== 0xa0 && first < 0x1680) return true;
  return text.trim() !== '';
}

/** What readRow's first test asks: is there anything in the row (cellText(c) !== '', an error or a formula)? */
function anyContent(cells: (Cell | undefined)[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (!c) continue;
    if (c.error || c.formula) return true;
    const v = c.value;
    if (v !== null && v !== undefined && (typeof v !== 'string' || hasText(v))) return true;
  }
  return false;
}

export interface ReadRow {
  row: TableRow;
  findings: Finding[];
}

const rowFindings: Finding[] = [];

/** Shared by every row without findings; frozen, so no caller can add to it by mistake. */
const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];

/** An item's number or letter before its words: "1. ", "2) ", "(a) ", "b. ", "(iv) ". */
const ITEM_NUMBER = /^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\))\s+(?=\S)/i;

/** A note pointed to after the words: "(note 2)", "(see note 4a)", "(Notes 3 and 4)". */
const NOTE_AFTER = /\s*\((?:see\s+)?notes?\s+\d+[a-z]?(?:\s*(?:,|and|&)\s*\d+[a-z]?)*\)$/i;

/**
 * A label without the item number a report puts before it ("2. Minus Fees & Charges", "(b) Less: business rates")
 * or the note it points to after it ("Grand Total (note 2)"): the words say what the line is (taken away, a total),
 * and a number around them must not hide them.
 */
function withoutItemNumber(label: string): string {
  const c = label.charCodeAt(0);
  const noted = label.endsWith(')') ? label.replace(NOTE_AFTER, '') : label;
  // Labels start with a letter, and few with a digit or a bracket: only those can carry a number.
  if (!(c === 40 || (c >= 48 && c <= 57) || label.charAt(1) === '.' || label.charAt(1) === ')')) return noted;
  return noted.replace(ITEM_NUMBER, '');
}

/** Reads one sheet row of a table: label, reference, marker, classification, figures. */
export function readRow(layout: Layout, r: number): ReadRow | null {
  const { sheet, columns } = layout;
  const cells = sheet.rows[r];
  if (!cells || !anyContent(cells)) return null;
  const { isMoney, firstMoney, contiguous } = prepare(layout);
  // A scratch list, emptied for each row: most rows have no findings.
  const findings = rowFindings;
  if (findings.length) findings.length = 0;
  // Columns taken by a reference, marker or classification: none in most tables, made when needed.
  const used: number[] = [];

  let marker: StarMarker | undefined;
  let ref: string | undefined;
  let classification: string | undefined;
  let classificationCol: number | undefined;
  let summaryLine: string | undefined;

  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell || typeof cell.value !== 'string' || isMoney[c] || !hasText(cell.value)) continue;
    if (layout.ignoredCols?.includes(c)) continue;
    if (c === layout.summaryLineCol) {
      summaryLine = cell.value.trim();
      used.push(c);
      continue;
    }
    const inRefZone = layout.refCol !== undefined ? c <= layout.refCol + 1 && c !== layout.classCol : c < firstMoney;
    if (layout.expectRefs && !ref && inRefZone) {
      const text = cell.value.trim();
      if (c === layout.refCol || layout.refCol === undefined || MARKER_ONLY.test(text) || c === layout.refCol + 1) {
        const parts = parseRef(text);
        if (parts && (parts.ref || parts.marker)) {
          if (parts.marker && !parts.ref) {
            marker = parts.marker;
            used.push(c);
            continue;
          }
          if (c === layout.refCol || layout.refCol === undefined || marker !== undefined) {
            ref = parts.ref;
            marker = parts.marker || marker || '';
            if (parts.classification) {
              classification = parts.classification;
              classificationCol = c;
            }
            used.push(c);
            continue;
          }
        }
      }
    }
    if (c === layout.refCol && STRAY_REF.test(cell.value.trim())) used.push(c);
  }

  if (layout.classCol !== undefined && cells[layout.classCol] && typeof cells[layout.classCol]!.value === 'string') {
    const text = cellText(cells[layout.classCol]);
    if (text && (isClassification(text) || (ref !== undefined && !TOTAL_LABEL.test(text)))) {
      classification = text;
      classificationCol = layout.classCol;
      used.push(layout.classCol);
    }
  }

  // The label: the first text that is not a reference, marker, classification, date or figure.
  let labelCol = -1;
  if (layout.labelCol !== undefined && labelCandidate(layout, cells, layout.labelCol, used)) labelCol = layout.labelCol;
  for (let c = 0; c < cells.length && labelCol < 0; c++)
    if (!isMoney[c] && labelCandidate(layout, cells, c, used)) labelCol = c;
  for (let c = 0; c < cells.length && labelCol < 0; c++)
    if (isMoney[c] && labelCandidate(layout, cells, c, used)) labelCol = c;
  const label = labelCol >= 0 ? withoutItemNumber(cellText(cells[labelCol])) : '';

  const figures = new Array<Figure | undefined>(columns.length);
  let blanks = false;
  for (let i = 0; i < columns.length; i++) {
    const m = columns[i]!;
    figures[i] = m.col === labelCol ? undefined : figureAt(sheet.name, r, m, m.col, cells[m.col], findings);
    if (!figures[i]) blanks = true;
  }

  if (blanks && contiguous) realign(layout, r, cells, labelCol, used, figures, findings);
  if (layout.signCols) signFromMarks(layout, r, cells, figures);

  // Text left in a numeric cell outside the money columns of a line is not lost silently.
  const fontCell = labelCol >= 0 ? cells[labelCol] : firstValue(cells);
  const hasFigures = columns.length > 0 && (!blanks || figures.some((f) => f !== undefined));
  const isTotal = isTotalLabel(label) || (!label && !ref && hasFigures);
  const type = isTotal ? 'total' : hasFigures || ref !== undefined ? 'line' : 'heading';
  const hasRef = ref !== undefined || !!marker;
  const hasClass = classification !== undefined;
  // Every row has every field from the start (unset ones undefined): rows then share one shape, and
  // what buildStructure adds later fits in the object instead of costing an allocation per row.
  const row: TableRow = {
    row: r,
    type,
    label,
    labelCol,
    figures,
    ref: hasRef ? ref : undefined,
    marker: hasRef ? (marker ?? '') : undefined,
    classification: hasClass ? classification : undefined,
    classificationCol: hasClass ? classificationCol : undefined,
    summaryLine,
    bold: !!fontCell?.bold,
    italic: !!fontCell?.italic,
    underline: !!fontCell?.underline,
    hidden: sheet.hiddenRows.has(r),
    rank: undefined,
    parts: undefined,
    spanStart: undefined,
    closesTable: undefined,
    consumedBy: undefined,
    name: undefined,
    section: undefined,
  };
  return { row, findings: type === 'heading' || findings.length === 0 ? NO_FINDINGS : findings.slice() };
}

/** A minus sign printed in its own column left of a figure makes that figure negative. */
function signFromMarks(layout: Layout, r: number, cells: (Cell | undefined)[], figures: (Figure | undefined)[]): void {
  layout.columns.forEach((m, i) => {
    const s = layout.signCols!.get(m.col);
    const mark = s === undefined ? undefined : cells[s]?.value;
    const f = figures[i];
    if (typeof mark !== 'string' || !MINUS_MARK.test(mark.trim()) || !f?.value || f.col !== m.col) return;
    figures[i] = new CellFigure(r, m.col, f.value.neg(), (f as CellFigure).format);
  });
}

function labelCandidate(layout: Layout, cells: (Cell | undefined)[], c: number, used: number[]): boolean {
  const cell = cells[c];
  if (!cell || typeof cell.value !== 'string' || !hasText(cell.value) || used.includes(c)) return false;
  if (layout.ignoredCols?.includes(c)) return false;
  if (c === layout.dateCol && isDateCell(cell)) return false;
  return figureKind(cell) === 'text';
}

/** The figure in one money cell: a plain number the quick way, anything else as readFigure reads it. */
function figureAt(
  sheetName: string,
  r: number,
  m: MoneyColumn,
  col: number,
  cell: Cell | undefined,
  out: Finding[],
): Figure | undefined {
  if (!cell) return undefined;
  const v = cell.value;
  if (typeof v === 'number' && !cell.error && Number.isFinite(v))
    return new CellFigure(r, col, excelNumber(v), cell.format);
  return figureFrom(sheetName, r, col === m.col ? m : { ...m, col }, readFigure(cell), out, cell.format);
}

function figureFrom(
  sheetName: string,
  r: number,
  m: MoneyColumn,
  read: FigureRead,
  out: Finding[],
  format: string | undefined,
): Figure | undefined {
  const at = () => a1(r, m.col);
  switch (read.kind) {
    case 'empty':
      return undefined;
    case 'number':
      if (read.asText) {
        out.push(
          finding(
            'text-number',
            sheetName,
            at(),
            `${m.label} holds the figure ${formatMoney(read.value, read.value.decimalPlaces())} as text; it is read as a number`,
            {
              actual: read.value.toFixed(),
            },
          ),
        );
      }
      return new CellFigure(r, m.col, read.value, format);
    case 'error':
      out.push(
        finding(
          'error-value',
          sheetName,
          at(),
          `${m.label} shows ${read.error} instead of a figure; the totals that include it are not checked`,
        ),
      );
      return new CellFigure(r, m.col, null, format);
    case 'no-value':
      out.push(
        finding(
          'no-cached-value',
          sheetName,
          at(),
          `${m.label} has a formula (=${read.formula}) with no calculated value saved; open and save the file in Excel, then check again`,
        ),
      );
      return new CellFigure(r, m.col, null, format);
    case 'text':
      out.push(
        finding(
          'not-a-figure',
          sheetName,
          at(),
          `${m.label} holds the text "${read.text}" where a figure is expected; the totals that include it are not checked`,
        ),
      );
      return new CellFigure(r, m.col, null, format);
  }
}

/**
 * Published tables pasted from PDF sometimes have a row's figures one column to the left or right
 * of their headings. When a row has exactly as many figures as year columns, next to each other
 * but shifted, read them in order and say so.
 */
function realign(
  layout: Layout,
  r: number,
  cells: (Cell | undefined)[],
  labelCol: number,
  used: number[],
  figures: (Figure | undefined)[],
  findings: Finding[],
) {
  const { columns, sheet } = layout;
  const numericCols: number[] = [];
  for (let c = 0; c < cells.length; c++) {
    if (
      c !== labelCol &&
      !used.includes(c) &&
      c !== layout.dateCol &&
      !layout.ignoredCols?.includes(c) &&
      figureKind(cells[c]) === 'number'
    )
      numericCols.push(c);
  }
  const first = numericCols[0];
  const firstColumn = columns[0];
  if (numericCols.length !== columns.length || first === undefined || !firstColumn) return;
  const shift = first - firstColumn.col;
  if (shift === 0 || Math.abs(shift) > 2) return;
  if (!numericCols.every((c, i) => c === columns[i]!.col + shift)) return;
  findings.length = 0;
  columns.forEach((m, i) => {
    figures[i] = figureAt(sheet.name, r, m, numericCols[i]!, cells[numericCols[i]!], findings);
  });
  const side = shift < 0 ? 'left' : 'right';
  const n = Math.abs(shift);
  findings.push(
    finding(
      'figures-misaligned',
      sheet.name,
      a1(r, first),
      `the figures on this row sit ${n} column${n > 1 ? 's' : ''} ${side} of their headings; ${a1(r, first)}:${a1(r, numericCols[numericCols.length - 1]!)} are read as ${firstColumn.label} to ${columns[columns.length - 1]!.label}`,
    ),
  );
}
