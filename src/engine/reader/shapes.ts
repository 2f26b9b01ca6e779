import { figureKind } from '../figures';
import { cellText, headingText, isDateFormat, type Cell, type SheetGrid } from '../grid';
import { parseYear, UNIT_IN_WORDS, UNIT_ONLY } from '../vocabulary';

/** What a sheet row holds, as the reader's first stages see it. */
export interface RowShape {
  row: number;
  /** Columns holding a figure (a number, numeric text, an error or a formula without a value). */
  figures: number[];
  /** Columns holding text that is not a figure, with the text tidied. */
  texts: Map<number, string>;
  blank: boolean;
  /** Every figure is a whole number from 1990 to 2099: a year written as a number ("2002" over "2003"). */
  yearsOnly: boolean;
  /** One long sentence and nothing else: narrative between tables, never part of one. */
  narrative: boolean;
}

/** A year over a column, typed as a number or as text ("2009" over "Actual" in a budget book copied from its PDF). */
function isYearNumber(cell: Cell | undefined): boolean {
  const v = cell?.value;
  const year = typeof v === 'string' && /^\s*(19|20)\d\d\s*$/.test(v) ? Number(v) : v;
  return typeof year === 'number' && Number.isInteger(year) && year >= 1990 && year <= 2099;
}

/** A paragraph rather than a label: many words, or a full sentence. */
export function isNarrative(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean).length;
  return words >= 14 || text.length >= 100 || (words >= 7 && /[.:]$/.test(text) && !/\.\.\.$/.test(text));
}

const shapes = new WeakMap<SheetGrid, RowShape[]>();

/** A row's shape, worked out once per sheet: several stages ask about the same rows. */
export function rowShape(sheet: SheetGrid, r: number): RowShape {
  let cache = shapes.get(sheet);
  if (!cache) shapes.set(sheet, (cache = []));
  return (cache[r] ??= shapeOf(sheet, r));
}

function shapeOf(sheet: SheetGrid, r: number): RowShape {
  const cells = sheet.rows[r] ?? [];
  const figures: number[] = [];
  const texts = new Map<number, string>();
  let years = 0;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (!cell) continue;
    const kind = figureKind(cell);
    if (kind === 'number' || kind === 'error' || kind === 'no-value') {
      figures.push(c);
      if (isYearNumber(cell)) years++;
    } else if (kind === 'text') {
      const t = cellText(cell);
      if (t) texts.set(c, t);
    }
  }
  // A row whose only numbers are dates (months across a profile, balance dates) heads the columns: its dates are labels.
  if (figures.length && figures.every((c) => typeof cells[c]!.value === 'number' && isDateFormat(cells[c]!.format))) {
    for (const c of figures.splice(0)) texts.set(c, headingText(cells[c]));
  }
  // A row of column numbers under the headings ("(1)", "(2)", "(3) = (1) + (2)", or 1 2 3) names the columns: "(1)" is not minus one.
  if (isColumnNumbering(cells, figures, texts)) for (const c of figures.splice(0)) texts.set(c, cellText(cells[c]));
  // A note number under a column's heading ("Capital charges £m" over "(1)") on a row of units: a heading, not minus one.
  if (isNoteMarkerRow(cells, figures, texts)) for (const c of figures.splice(0)) texts.set(c, cellText(cells[c]));
  const onlyText = figures.length === 0 && texts.size === 1 ? [...texts.values()][0]! : '';
  return {
    row: r,
    figures,
    texts,
    blank: figures.length === 0 && texts.size === 0,
    yearsOnly: figures.length > 0 && years === figures.length && texts.size === 0,
    // A bold line is a title, however long; a paragraph is printed plain.
    narrative: onlyText !== '' && isNarrative(onlyText) && !cells.some((c) => c?.bold),
  };
}

const COLUMN_NUMBER = /^\((\d{1,2})\)$/;

/**
 * Whether a row's figures are column numbers: at least two, each typed as text in brackets, rising
 * left to right; or, on a row with no text, at least three numbers (typed as numbers or as text)
 * counting 1, 2, 3… across it.
 * Figures typed in brackets are negatives only in a ledger's print, and a ledger's are never small
 * whole numbers in order across a row; nor is a line of amounts an unlabelled 1, 2, 3.
 */
function isColumnNumbering(cells: (Cell | undefined)[], figures: number[], texts: Map<number, string>): boolean {
  if (figures.length < 2) return false;
  // Asked of every row: a line of amounts (a label, then numbers) is told apart at its first figure.
  if (texts.size !== 0 && typeof cells[figures[0]!]!.value === 'number') return false;
  let counts = true;
  let rising = true;
  for (let i = 0; i < figures.length && counts; i++) {
    const n = countOf(cells[figures[i]!]!.value);
    if (n === undefined) counts = false;
    else if (n !== i + 1) rising = false;
  }
  if (counts) return texts.size === 0 && figures.length >= 3 && rising;
  let last = 0;
  for (const v of figures.map((c) => cells[c]!.value)) {
    const m = typeof v === 'string' ? COLUMN_NUMBER.exec(v.trim()) : null;
    if (!m || Number(m[1]) <= last) return false;
    last = Number(m[1]);
  }
  return true;
}

/**
 * Whether a row's only figures are note numbers typed as text in brackets ("(1)") on a row that is otherwise part of
 * the heading: a unit alone over a figure column ("£" under "Band D council tax equivalent"), and nothing else but a
 * word over the labels ("Service"). A heading cell printed over two lines, its note number on the second, is copied
 * so. A line of figures has amounts, not a unit, beside its bracketed figures, so "(1)" there stays minus one.
 */
function isNoteMarkerRow(cells: (Cell | undefined)[], figures: number[], texts: Map<number, string>): boolean {
  if (figures.length === 0) return false;
  if (!figures.every((c) => typeof cells[c]!.value === 'string' && COLUMN_NUMBER.test(String(cells[c]!.value).trim())))
    return false;
  const first = Math.min(...figures, ...texts.keys());
  const others = [...texts].filter(([c]) => c !== first || texts.size === 1);
  return others.length > 0 && others.every(([, t]) => isBareYearOrUnit(t));
}

/** A number, or a small whole number typed as text ("1", "2", "3" copied from a report's PDF): the same count. */
function countOf(v: Cell['value']): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v) : undefined;
}

/** Words that head figure columns in councils' budget tables. */
const HEADING_WORD =
  /\b(total|net|gross|income|expenditure|budget|estimates?|forecast|actual|outturn|variance|variation|change|costs?|spend(ing)?|employees|running|ref|reference|description|services?|portfolio|directorate|department|amount|value|year|per head|band d|previous|original|revised|approved|proposed|funding|funded|grants?|charges|requirement|precept|capital|revenue|programme|scheme|project|completion|base|efficienc(y|ies)|savings?|growth|pressures?|reserves?)\b/i;

/** A cell that names what a column holds, or its year or unit. */
export function isHeadingText(text: string): boolean {
  return parseYear(text) !== undefined || hasUnit(text) || HEADING_WORD.test(text);
}

/** A year or a unit: what most surely marks a row as a table's heading rather than a section's. */
export function hasYearOrUnit(text: string): boolean {
  return parseYear(text) !== undefined || hasUnit(text);
}

/** A unit as a heading writes it ("£000", "(£m)", "% change", "(p)", "in thousands of pounds"), not a value with one ("£1.4m", "12%"). */
export function hasUnit(text: string): boolean {
  return /£(?!\s*[\d.])|(?<![\d.]\s*)%|\(p\)/i.test(text) || UNIT_ONLY.test(text.trim()) || UNIT_IN_WORDS.test(text);
}

/** A heading that is only a year or only a unit ("2019/20", "£000", "(£)"): a table's heading, never a section's. */
export function isBareYearOrUnit(text: string): boolean {
  const t = text.trim();
  return (
    UNIT_ONLY.test(t) ||
    /^\(?£\s*['’]?\s*(000|k|m|bn|thousand|million|billion)?['’]?s?\)?$/i.test(t) ||
    (t.length <= 12 && parseYear(t) !== undefined)
  );
}
