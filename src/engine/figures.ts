import type { Cell } from './grid';
import { Decimal, exactCents, excelNumber } from './money';
import type { Figure } from './tables';
import { isNilText, UNIT_ONLY } from './vocabulary';

/** What a cell in a money column holds, read the way a finance manager reads it. */
export type FigureRead =
  | { kind: 'empty' }
  | { kind: 'number'; value: Decimal; asText: boolean }
  | { kind: 'error'; error: string }
  | { kind: 'no-value'; formula: string }
  | { kind: 'text'; text: string };

const EMPTY: FigureRead = { kind: 'empty' };
const DASHES = /^[-\u2012\u2013\u2014\u2212]$/;

/**
 * Numbers typed or pasted as text. Accepted: 1,450  -1,855  (500)  £1,450  -£1,450  (£500)
 * 1450.25, a ledger's credits and debits (1,855- and 1,855 Cr negative, 1,855 Dr positive) and a
 * lone dash for nil. Refused: anything with a scale or suffix (£1.4m, 5k, 12%),
 * because guessing its unit could invent a figure, and a sign inside brackets, (-200), because it
 * contradicts itself.
 */
export function parseTextNumber(raw: string): Decimal | null {
  if (!mayStartTextNumber(raw)) return null;
  let s = raw.replace(/[\s\u00a0]+/g, '');
  if (s === '' || UNIT_ONLY.test(s)) return null;
  if (DASHES.test(s)) return new Decimal(0);
  let negative = false;
  // A ledger prints a credit with a minus after the figure (1,855-) or as 1,855 Cr, a debit as 1,855 Dr.
  const ledger = /^([^-+(\u2212\u2013].*\d)(-|cr|dr)$/i.exec(s);
  if (ledger) {
    negative = ledger[2]!.toLowerCase() !== 'dr';
    s = ledger[1]!;
  }
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
    // "(-200)" says minus twice: it could be meant either way, so it is not read as a figure.
    if (/^[-+\u2212\u2013]/.test(s)) return null;
  }
  s = s.replace(/^[\u2212\u2013]/, '-');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (s.startsWith('£')) s = s.slice(1);
  if (s.startsWith('(') && s.endsWith(')') && !negative) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') && !negative) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$/.test(s)) return null;
  const value = new Decimal(s.replace(/,/g, ''));
  return negative ? value.negated() : value;
}

/**
 * Whether text could be read as a number: its first character (after spaces) must be one that
 * starts an accepted form (a digit, a point, a bracket, a sign or dash, £). Labels fail at once,
 * without the regular expressions below.
 */
function mayStartTextNumber(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x7f && /\s/.test(text.charAt(i)))) continue;
    return (
      (c >= 48 && c <= 57) ||
      c === 46 ||
      c === 40 ||
      c === 45 ||
      c === 43 ||
      c === 0xa3 ||
      c === 0x2212 ||
      c === 0x2012 ||
      c === 0x2013 ||
      c === 0x2014
    );
  }
  return false;
}

/** "nil", "n/a", "/" in a figure's place: nothing, not text (a lone dash reads as 0, see parseTextNumber). Short texts only, so labels cost nothing. */
function isNil(text: string): boolean {
  return text.trim().length <= 6 && /[a-z/]/i.test(text) && isNilText(text);
}

const ERROR_TEXT = /^#(REF!|DIV\/0!|N\/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)/i;

function isErrorText(text: string): boolean {
  return text.includes('#') && ERROR_TEXT.test(text.trim());
}

export function readFigure(cell: Cell | undefined): FigureRead {
  if (!cell) return EMPTY;
  if (cell.error) return { kind: 'error', error: cell.error };
  const v = cell.value;
  if (v === null || v === undefined) {
    return cell.formula ? { kind: 'no-value', formula: cell.formula } : EMPTY;
  }
  if (typeof v === 'number') {
    return Number.isFinite(v)
      ? { kind: 'number', value: new Decimal(excelNumber(v)), asText: false }
      : { kind: 'error', error: '#NUM!' };
  }
  if (typeof v === 'string') {
    if (v.trim() === '' || isNil(v)) return EMPTY;
    if (isErrorText(v)) return { kind: 'error', error: v.trim().toUpperCase() };
    const parsed = parseTextNumber(v);
    // A lone dash is how papers print nothing: zero, and nothing to warn about.
    return parsed
      ? { kind: 'number', value: parsed, asText: !DASHES.test(v.trim()) }
      : { kind: 'text', text: v.trim() };
  }
  if (typeof v === 'boolean') return { kind: 'text', text: String(v).toUpperCase() };
  return { kind: 'text', text: cellDateText(v) };
}

function cellDateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** readFigure(cell).kind, without building the figure: detection asks this of every cell. */
export function figureKind(cell: Cell | undefined): FigureRead['kind'] {
  if (!cell) return 'empty';
  if (cell.error) return 'error';
  const v = cell.value;
  if (v === null || v === undefined) return cell.formula ? 'no-value' : 'empty';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'error';
  if (typeof v !== 'string') return 'text';
  if (!mayStartTextNumber(v)) return v.trim() === '' || isNil(v) ? 'empty' : isErrorText(v) ? 'error' : 'text';
  return readFigure(cell).kind;
}

/** True when the text would be read as a figure (used by detection, which must not mistake "-1,855" for a label). */
export function looksLikeFigure(cell: Cell | undefined): boolean {
  const kind = figureKind(cell);
  return kind === 'number' || kind === 'error' || kind === 'no-value';
}

/**
 * A figure read from a cell. Its Decimal is made only when something asks for `value`: checking a
 * workbook compares most totals through `cents` alone (see validate.ts), and making a Decimal for
 * each of half a million figures would take longer than the whole check.
 */
export class CellFigure implements Figure {
  constructor(
    readonly row: number,
    readonly col: number,
    private readonly source: number | Decimal | null,
    /** The cell's number format, as the sheet has it (kept so the table's displayed step need not look the cell up again). */
    readonly format: string | undefined,
  ) {}

  /** The figure in hundredths as an exact integer (see exactCents), NaN when it has no such form; worked out when asked, as storing it would box a number per figure. */
  get cents(): number {
    const s = this.source;
    return s === null ? NaN : typeof s === 'number' ? exactCents(s) : decimalCents(s);
  }

  get value(): Decimal | null {
    if (typeof this.source !== 'number') return this.source;
    const value = new Decimal(this.source);
    // Not enumerable, as the getter was: equality checks and spreads see the same figure either way.
    Object.defineProperty(this, 'value', { value, enumerable: false });
    return value;
  }
}

function decimalCents(d: Decimal): number {
  const c = d.times(100);
  return c.isInteger() && c.abs().lt(2 ** 52) ? c.toNumber() : NaN;
}

/** A figure's exact hundredths: 0 for a blank, NaN when it has none (a Figure made elsewhere, or unreadable). */
export function centsOf(figure: Figure | undefined): number {
  if (!figure) return 0;
  return (figure as Partial<CellFigure>).cents ?? NaN;
}
