import type { Cell } from './grid';
import { Decimal } from './money';

/** What a cell in a money column holds, read the way a finance manager reads it. */
export type FigureRead =
  | { kind: 'empty' }
  | { kind: 'number'; value: Decimal; asText: boolean }
  | { kind: 'error'; error: string }
  | { kind: 'no-value'; formula: string }
  | { kind: 'text'; text: string };

const EMPTY: FigureRead = { kind: 'empty' };
const DASHES = /^[-\u2012\u2013\u2014\u2212]$/;
/** "£000", "(£000)", "£k": a unit heading, not a figure of zero. */
const UNIT_LABEL = /^\(?£('?000|k|m)?\)?$/i;

/**
 * Numbers typed or pasted as text. Accepted: 1,450  -1,855  (500)  £1,450  -£1,450  (£500)
 * 1450.25  and a lone dash for nil. Refused: anything with a scale or suffix (£1.4m, 5k, 12%),
 * because guessing its unit could invent a figure.
 */
export function parseTextNumber(raw: string): Decimal | null {
  let s = raw.replace(/[\s\u00a0]+/g, '');
  if (s === '' || UNIT_LABEL.test(s)) return null;
  if (DASHES.test(s)) return new Decimal(0);
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
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

export function readFigure(cell: Cell | undefined): FigureRead {
  if (!cell) return EMPTY;
  if (cell.error) return { kind: 'error', error: cell.error };
  const v = cell.value;
  if (v === null || v === undefined) {
    return cell.formula ? { kind: 'no-value', formula: cell.formula } : EMPTY;
  }
  if (typeof v === 'number') {
    return Number.isFinite(v) ? { kind: 'number', value: new Decimal(v), asText: false } : { kind: 'error', error: '#NUM!' };
  }
  if (typeof v === 'string') {
    if (v.trim() === '') return EMPTY;
    if (/^#(REF!|DIV\/0!|N\/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)/i.test(v.trim())) {
      return { kind: 'error', error: v.trim().toUpperCase() };
    }
    const parsed = parseTextNumber(v);
    return parsed ? { kind: 'number', value: parsed, asText: true } : { kind: 'text', text: v.trim() };
  }
  if (typeof v === 'boolean') return { kind: 'text', text: String(v).toUpperCase() };
  return { kind: 'text', text: cellDateText(v) };
}

function cellDateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** True when the text would be read as a figure (used by detection, which must not mistake "-1,855" for a label). */
export function looksLikeFigure(cell: Cell | undefined): boolean {
  const r = readFigure(cell);
  return r.kind === 'number' || r.kind === 'error' || r.kind === 'no-value';
}
