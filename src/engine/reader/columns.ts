import { figureKind } from '../figures';
import { cellText, isDateFormat, type Cell, type SheetGrid } from '../grid';
import { isClassification, MINUS_MARK } from '../vocabulary';
import type { Block } from './blocks';
import type { ColumnHeading } from './header';

/**
 * Stage 3 of the reader: what each column holds, decided from its heading AND its content. A
 * column headed "TDEI ref." that holds only stars is the marker column; one headed "Eff/SR/Income"
 * that holds "D62 Eff" holds the reference and the classification in one cell.
 */
export type ColumnRole =
  | 'figures'
  | 'percentages'
  | 'description'
  | 'reference'
  | 'reference-and-classification'
  | 'classification'
  | 'marker'
  | 'date'
  | 'summary-line'
  | 'text'
  /** Set by a user's correction: the column is not read at all. */
  | 'ignored';

export interface ColumnReading {
  col: number;
  role: ColumnRole;
  heading: ColumnHeading;
  /** How sure the reader is: from heading and content agreeing (high) to content alone (medium) or a guess (low). */
  confidence: 'high' | 'medium' | 'low';
  /** Why, in words: "12 of 12 cells look like 'D62 Eff'". */
  evidence: string;
  /** A column of minus signs printed apart from their figures: the column whose signs it holds. */
  signFor?: number;
}

/** "G19", "** T24", "D70 Eff/SR", "OP12", "TBC", "R1", "IS2": a line's reference, with its star and classification. */
export const REFERENCE =
  /^(\*{1,2})?\s*([A-Z]{1,3}\d{1,4}[A-Za-z]?|TBC)\s*((?:eff|sr|income)(?:\s*\/\s*(?:eff|sr|income))*)?$/i;
const REFERENCE_WITH_CLASS = /^(\*{1,2})?\s*([A-Z]{1,3}\d{1,4}[A-Za-z]?|TBC)\s+\S/i;
const MARKER = /^\*{1,2}$/;
const REFERENCE_HEADING = /\bref\b|\bref\.|reference|^no\.?$|^item$|^#$/i;
/** A column of codes (a ledger's account or cost centre, a subjective code): numbers that name, not amounts. */
const CODE_HEADING = /\b(code|account|cost cent(re|er)|subjective|objective|ledger|gl)\b/i;
/** A column of the numbers of notes, paragraphs or pages the table points to ("Note", "Para", "See note", "Page"). */
const NOTE_HEADING = /^(see\s+)?(notes?|para(graph)?s?|pages?(\s+no\.?)?)\.?$/i;
const DESCRIPTION_HEADING =
  /description|service|portfolio|directorate|department|division|project|scheme|item|proposal|funded by|detail|name/i;

/**
 * Some ledgers and older budget books print a negative figure's minus sign in a narrow column of its
 * own, left of the figure. Such a column has no heading, holds nothing but lone minus signs (two at
 * least), and each sits beside a figure other than nil in the column to its right: the signs of that
 * column's figures, not figures (a dash alone in a figure column is nil).
 */
function isSignColumn(sheet: SheetGrid, block: Block, col: number): boolean {
  let marks = 0;
  for (let r = block.top; r <= block.bottom; r++) {
    const cell = sheet.rows[r]?.[col];
    if (!cell || cell.value === null || cell.value === '') continue;
    if (typeof cell.value !== 'string' || !MINUS_MARK.test(cell.value.trim())) return false;
    const next = sheet.rows[r]?.[col + 1]?.value;
    if (typeof next !== 'number' || next === 0) return false;
    marks++;
  }
  return marks >= 2;
}

interface Tally {
  figures: number;
  texts: string[];
  dateFormatted: number;
  percentFormatted: number;
  wholeSmall: number[];
  /** Whole numbers written without thousands separators (1001, "4102"): how codes are written, not amounts. */
  plainWhole: number;
}

function tally(sheet: SheetGrid, block: Block, col: number): Tally {
  const t: Tally = { figures: 0, texts: [], dateFormatted: 0, percentFormatted: 0, wholeSmall: [], plainWhole: 0 };
  const repeats = new Set(block.repeats);
  for (let r = block.top; r <= block.bottom; r++) {
    if (repeats.has(r)) continue;
    const cell: Cell | undefined = sheet.rows[r]?.[col];
    if (!cell) continue;
    const kind = figureKind(cell);
    if (kind === 'number' || kind === 'error' || kind === 'no-value') {
      t.figures++;
      if (isDateFormat(cell.format)) t.dateFormatted++;
      if (cell.format?.includes('%')) t.percentFormatted++;
      if (typeof cell.value === 'number' && Number.isInteger(cell.value) && cell.value > 0 && cell.value < 1000)
        t.wholeSmall.push(cell.value);
      if (isPlainWhole(cell)) t.plainWhole++;
      // Item numbers typed as text ("1", "2") count as numbers for numbering, as the same typed as numbers do.
      if (typeof cell.value === 'string' && /^\s*\d{1,3}\s*$/.test(cell.value)) t.wholeSmall.push(Number(cell.value));
    } else if (kind === 'text') {
      const text = cellText(cell);
      if (text) t.texts.push(text);
    } else if (cell.value instanceof Date) t.dateFormatted++;
  }
  return t;
}

const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

function isPlainWhole(cell: Cell): boolean {
  const v = cell.value;
  if (typeof v === 'string') return /^\s*\d+\s*$/.test(v);
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && !(cell.format ?? '').includes(',');
}

/** Exactly 1, 2, 3… (three or more) down the rows: a list's item numbers, whatever the heading; no amounts run so. */
function isCounting(values: number[]): boolean {
  return values.length >= 3 && values.every((v, i) => v === i + 1);
}

/** Numbers 1, 2, 3… down the rows: item numbers, not amounts. */
function isNumbering(values: number[]): boolean {
  if (values.length < 2) return false;
  let rising = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[i - 1]!) rising++;
  return rising >= values.length - 1 - Math.floor(values.length / 10);
}

function textRole(
  heading: ColumnHeading,
  texts: string[],
): { role: ColumnRole; evidence: string; confidence: ColumnReading['confidence'] } | null {
  const n = texts.length;
  if (n === 0) return null;
  const count = (test: (t: string) => boolean) => texts.filter(test).length;
  const markers = count((t) => MARKER.test(t));
  const refs = count((t) => REFERENCE.test(t) || REFERENCE_WITH_CLASS.test(t) || MARKER.test(t));
  const withClass = count((t) => {
    const m = REFERENCE.exec(t);
    return !!m?.[3];
  });
  const classes = count((t) => isClassification(t));
  const headedRef = heading.house?.role === 'ref' || REFERENCE_HEADING.test(heading.text);
  const headedClass = heading.house?.role === 'classification';
  if (markers > 0 && markers === count((t) => MARKER.test(t) || /^(tdei\s+)?ref\.?$/i.test(t)))
    return {
      role: 'marker',
      evidence: `${markers} of ${n} entries are star markers (* or **)`,
      confidence: headedRef ? 'medium' : 'high',
    };
  if (withClass >= Math.max(1, 0.5 * refs) && share(refs, n) >= 0.5)
    return {
      role: 'reference-and-classification',
      evidence: `${withClass} of ${n} entries hold a reference and a classification in one cell, such as "${texts.find((t) => REFERENCE.exec(t)?.[3])}"`,
      confidence: headedClass || headedRef ? 'high' : 'medium',
    };
  if (share(refs, n) >= 0.5 && refs >= 1 && texts.every((t) => t.length <= 24))
    return {
      role: 'reference',
      evidence: `${refs} of ${n} entries look like references (${texts.find((t) => REFERENCE.test(t)) ?? texts[0]})`,
      confidence: headedRef ? 'high' : 'medium',
    };
  if (share(classes, n) >= 0.5 && classes >= 1)
    return {
      role: 'classification',
      evidence: `${classes} of ${n} entries are Eff, SR or Income`,
      confidence: headedClass ? 'high' : 'medium',
    };
  // The heading decides where the content does not: a classification column with some odd entries.
  if (headedClass) return { role: 'classification', evidence: `headed "${heading.text}"`, confidence: 'low' };
  return null;
}

/** Reads what each column from `left` to `right` holds. */
export function readColumns(sheet: SheetGrid, block: Block, headings: ColumnHeading[]): ColumnReading[] {
  const out: ColumnReading[] = [];
  for (const heading of headings) {
    const { col } = heading;
    if (!heading.text && isSignColumn(sheet, block, col)) {
      out.push({
        col,
        role: 'ignored',
        heading,
        confidence: 'medium',
        evidence: 'minus signs printed apart, left of the figures they belong to',
        signFor: col + 1,
      });
      continue;
    }
    const t = tally(sheet, block, col);
    const house = heading.house;
    const headedRef = house?.role === 'ref' || REFERENCE_HEADING.test(heading.text);
    if (house?.role === 'summary-line') {
      out.push({ col, role: 'summary-line', heading, confidence: 'high', evidence: 'headed "Summary line"' });
      continue;
    }
    if (
      house?.role === 'completion' ||
      (t.dateFormatted > 0 && t.dateFormatted >= t.figures * 0.8 && t.dateFormatted > t.texts.length)
    ) {
      out.push({ col, role: 'date', heading, confidence: 'high', evidence: `${t.dateFormatted} dates` });
      continue;
    }
    if (t.figures > 0 && t.figures >= t.texts.length) {
      // Note numbers (1, 4, 2, 5…, in any order and on totals too) point to the notes: never figures to add up,
      // and never a reference, even when they count 1, 2, 3 down the table.
      if (NOTE_HEADING.test(heading.text) && t.wholeSmall.length === t.figures && t.wholeSmall.every((v) => v < 100)) {
        out.push({
          col,
          role: 'ignored',
          heading,
          confidence: 'high',
          evidence: `${t.figures} note numbers under "${heading.text}": not figures`,
        });
        continue;
      }
      const numbered = t.wholeSmall.length === t.figures;
      if (numbered && ((headedRef && isNumbering(t.wholeSmall)) || isCounting(t.wholeSmall))) {
        out.push({
          col,
          role: 'reference',
          heading,
          confidence: headedRef ? 'high' : 'medium',
          evidence: `numbered 1, 2, 3…${heading.text ? ` under "${heading.text}"` : ''}`,
        });
        continue;
      }
      // Codes (account 1001, cost centre 4102) under a heading that says so, none written as an amount is.
      if (CODE_HEADING.test(heading.text) && !heading.unit.scale && t.plainWhole === t.figures) {
        out.push({
          col,
          role: 'ignored',
          heading,
          confidence: 'high',
          evidence: `${t.figures} codes under "${heading.text}": not figures`,
        });
        continue;
      }
      const percent = heading.unit.percent || t.percentFormatted > t.figures / 2;
      out.push({
        col,
        role: percent ? 'percentages' : 'figures',
        heading,
        confidence: heading.text ? 'high' : 'medium',
        evidence: `${t.figures} figure${t.figures === 1 ? '' : 's'}${percent ? ', percentages' : ''}${heading.text ? ` under "${heading.text}"` : ''}`,
      });
      continue;
    }
    const text = textRole(heading, t.texts);
    if (text) {
      out.push({ col, heading, ...text });
      continue;
    }
    out.push({
      col,
      role: t.texts.length ? 'text' : 'text',
      heading,
      confidence: 'low',
      evidence: `${t.texts.length} text entries`,
    });
  }
  chooseDescription(out);
  return out;
}

/** The description column: the text column with the most entries (the longest, on a tie), or the one headed so. */
function chooseDescription(columns: ColumnReading[]): void {
  const texts = columns.filter((c) => c.role === 'text');
  if (!texts.length) return;
  const headed = texts.find((c) => DESCRIPTION_HEADING.test(c.heading.text));
  const best =
    headed ?? texts.reduce((a, b) => (entries(b) > entries(a) || (entries(b) === entries(a) && b.col < a.col) ? b : a));
  best.role = 'description';
  best.confidence = headed ? 'high' : 'medium';
  best.evidence = headed ? `headed "${best.heading.text}"` : `${best.evidence}: the most text of any column`;
}

function entries(c: ColumnReading): number {
  const m = /^(\d+)/.exec(c.evidence);
  return m ? Number(m[1]) : 0;
}
