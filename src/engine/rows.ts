import { a1 } from './a1';
import { minOf } from './collections';
import { readFigure, type FigureRead } from './figures';
import { finding, type Finding } from './findings';
import { cellText, type Cell, type SheetGrid } from './grid';
import { formatMoney } from './money';
import type { Figure, MoneyColumn, StarMarker, TableRow } from './tables';

/** Where the non-money columns of a table are, as its header row says. */
export interface Layout {
  sheet: SheetGrid;
  columns: MoneyColumn[];
  refCol?: number;
  classCol?: number;
  dateCol?: number;
  summaryLineCol?: number;
  /** Growth and savings tables carry references (G19, ** T24, D70 Eff/SR). */
  expectRefs: boolean;
}

const REF = /^(\*{1,2})?\s*([A-Z]{1,2}\d{1,4}[A-Za-z]?|TBC)\s*((?:eff|sr|income)(?:\s*\/\s*(?:eff|sr|income))*)?$/i;
const REF_WITH_UNKNOWN_CLASS = /^(\*{1,2})?\s*([A-Z]{1,2}\d{1,4}[A-Za-z]?|TBC)\s+([A-Za-z]{1,12}(?:\s*\/\s*[A-Za-z]{1,12})*)$/;
const MARKER_ONLY = /^\*{1,2}$/;
const STRAY_REF = /^(tdei\s+)?ref\.?$/i;
const DATE_TEXT = /^([A-Za-z]{3,9}[-\s/]\d{2,4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(19|20)\d\d-\d\d(-\d\d)?)$/;
export const CLASS_TOKEN = /^(eff|sr|income)$/i;

export const TOTAL_LABEL = /^(grand\s+)?(sub[\s-]?total|total)s?\b|\btotals?:?$/i;

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
  return { marker: (m[1] ?? '') as StarMarker, ref: m[2].toUpperCase() === 'TBC' ? 'TBC' : m[2], classification: m[3]?.trim() };
}

function isDateCell(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.value instanceof Date) return true;
  return typeof cell.value === 'string' && DATE_TEXT.test(cell.value.trim());
}

function fontOf(cell: Cell | undefined) {
  return { bold: !!cell?.bold, italic: !!cell?.italic, underline: !!cell?.underline };
}

function numericCell(cell: Cell | undefined): boolean {
  const r = readFigure(cell);
  return r.kind === 'number';
}

/** The year block of money columns, when it is contiguous: the only place figures can slip sideways. */
function contiguousMoney(columns: MoneyColumn[]): boolean {
  for (let i = 1; i < columns.length; i++) if (columns[i].col !== columns[i - 1].col + 1) return false;
  return columns.length > 1;
}

export interface ReadRow {
  row: TableRow;
  findings: Finding[];
}

/** Reads one sheet row of a table: label, reference, marker, classification, figures. */
export function readRow(layout: Layout, r: number): ReadRow | null {
  const { sheet, columns } = layout;
  const cells = sheet.rows[r];
  if (!cells || !cells.some((c) => c && (c.error || c.formula || cellText(c) !== ''))) return null;
  const moneyCols = new Set(columns.map((c) => c.col));
  const findings: Finding[] = [];
  const used = new Set<number>();

  let marker: StarMarker | undefined;
  let ref: string | undefined;
  let classification: string | undefined;
  let classificationCol: number | undefined;
  let summaryLine: string | undefined;
  const firstMoney = minOf(columns.map((c) => c.col));

  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell || typeof cell.value !== 'string' || moneyCols.has(c)) continue;
    const text = cell.value.trim();
    if (!text) continue;
    if (c === layout.summaryLineCol) {
      summaryLine = text;
      used.add(c);
      continue;
    }
    const inRefZone = layout.refCol !== undefined ? c <= layout.refCol + 1 && c !== layout.classCol : c < firstMoney;
    if (layout.expectRefs && !ref && inRefZone && (c === layout.refCol || layout.refCol === undefined || MARKER_ONLY.test(text) || c === layout.refCol + 1)) {
      const parts = parseRef(text);
      if (parts && (parts.ref || parts.marker)) {
        if (parts.marker && !parts.ref) {
          marker = parts.marker;
          used.add(c);
          continue;
        }
        if (c === layout.refCol || layout.refCol === undefined || marker !== undefined) {
          ref = parts.ref;
          marker = (parts.marker || marker || '') as StarMarker;
          if (parts.classification) {
            classification = parts.classification;
            classificationCol = c;
          }
          used.add(c);
          continue;
        }
      }
    }
    if (c === layout.refCol && STRAY_REF.test(text)) used.add(c);
  }

  if (layout.classCol !== undefined && cells[layout.classCol] && typeof cells[layout.classCol]!.value === 'string') {
    const text = cellText(cells[layout.classCol]);
    const tokens = text.split('/').every((t) => CLASS_TOKEN.test(t.trim()));
    if (text && (tokens || (ref !== undefined && !TOTAL_LABEL.test(text)))) {
      classification = text;
      classificationCol = layout.classCol;
      used.add(layout.classCol);
    }
  }

  // The label: the first text that is not a reference, marker, classification, date or figure.
  let labelCol = -1;
  const labelCandidate = (c: number) => {
    const cell = cells[c];
    if (!cell || used.has(c) || typeof cell.value !== 'string' || !cell.value.trim()) return false;
    if (c === layout.dateCol && isDateCell(cell)) return false;
    return readFigure(cell).kind === 'text';
  };
  for (let c = 0; c < cells.length && labelCol < 0; c++) if (!moneyCols.has(c) && labelCandidate(c)) labelCol = c;
  for (let c = 0; c < cells.length && labelCol < 0; c++) if (moneyCols.has(c) && labelCandidate(c)) labelCol = c;
  const label = labelCol >= 0 ? cellText(cells[labelCol]) : '';

  const figures: (Figure | undefined)[] = columns.map((m) => {
    if (m.col === labelCol) return undefined;
    return figureFrom(sheet.name, r, m, readFigure(cells[m.col]), findings);
  });

  if (figures.some((f) => f === undefined) && contiguousMoney(columns)) {
    realign(layout, r, cells, labelCol, used, figures, findings);
  }

  // Text left in a numeric cell outside the money columns of a line is not lost silently.
  const font = fontOf(labelCol >= 0 ? cells[labelCol] : cells.find((c) => c && c.value !== null));
  const hasFigures = figures.some((f) => f !== undefined);
  const isTotal = TOTAL_LABEL.test(label) || (!label && !ref && hasFigures);
  const type = isTotal ? 'total' : hasFigures || ref !== undefined ? 'line' : 'heading';
  const row: TableRow = {
    row: r,
    type,
    label,
    labelCol,
    figures,
    bold: font.bold,
    italic: font.italic,
    underline: font.underline,
    hidden: sheet.hiddenRows.has(r),
  };
  if (ref !== undefined || marker) {
    row.ref = ref;
    row.marker = marker ?? '';
  }
  if (classification !== undefined) {
    row.classification = classification;
    row.classificationCol = classificationCol;
  }
  if (summaryLine !== undefined) row.summaryLine = summaryLine;
  return { row, findings: type === 'heading' ? [] : findings };
}

function figureFrom(sheetName: string, r: number, m: MoneyColumn, read: FigureRead, out: Finding[]): Figure | undefined {
  const at = a1(r, m.col);
  switch (read.kind) {
    case 'empty':
      return undefined;
    case 'number':
      if (read.asText) {
        out.push(
          finding('text-number', sheetName, at, `${m.label} holds the figure ${formatMoney(read.value, read.value.decimalPlaces())} as text; it is read as a number`, {
            actual: read.value.toFixed(),
          }),
        );
      }
      return { value: read.value, row: r, col: m.col };
    case 'error':
      out.push(finding('error-value', sheetName, at, `${m.label} shows ${read.error} instead of a figure; the totals that include it are not checked`));
      return { value: null, row: r, col: m.col };
    case 'no-value':
      out.push(
        finding('no-cached-value', sheetName, at, `${m.label} has a formula (=${read.formula}) with no calculated value saved; open and save the file in Excel, then check again`),
      );
      return { value: null, row: r, col: m.col };
    case 'text':
      out.push(finding('not-a-figure', sheetName, at, `${m.label} holds the text "${read.text}" where a figure is expected; the totals that include it are not checked`));
      return { value: null, row: r, col: m.col };
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
  used: Set<number>,
  figures: (Figure | undefined)[],
  findings: Finding[],
) {
  const { columns, sheet } = layout;
  const numericCols: number[] = [];
  for (let c = 0; c < cells.length; c++) {
    if (c !== labelCol && !used.has(c) && c !== layout.dateCol && numericCell(cells[c])) numericCols.push(c);
  }
  if (numericCols.length !== columns.length) return;
  const shift = numericCols[0] - columns[0].col;
  if (shift === 0 || Math.abs(shift) > 2) return;
  if (!numericCols.every((c, i) => c === columns[i].col + shift)) return;
  findings.length = 0;
  columns.forEach((m, i) => {
    figures[i] = figureFrom(sheet.name, r, { ...m, col: numericCols[i] }, readFigure(cells[numericCols[i]]), findings);
  });
  const side = shift < 0 ? 'left' : 'right';
  const n = Math.abs(shift);
  findings.push(
    finding(
      'figures-misaligned',
      sheet.name,
      a1(r, numericCols[0]),
      `the figures on this row sit ${n} column${n > 1 ? 's' : ''} ${side} of their headings; ${a1(r, numericCols[0])}:${a1(r, numericCols[numericCols.length - 1])} are read as ${columns[0].label} to ${columns[columns.length - 1].label}`,
    ),
  );
}
