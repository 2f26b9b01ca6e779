import { cellAt, type SheetGrid } from '../grid';
import { sheetKey } from '../ownership';
import type { Table } from '../tables';
import {
  cellRanges,
  columnAt,
  columnName,
  figureAt,
  hasFigure,
  key,
  namedCells,
  onSheet,
  rowName,
  termCells,
  unkey,
  type At,
} from './cells';
import { readSum, type Term } from './parse';

/**
 * Whether a column total's formula adds exactly the lines the reader found for it. Both sides are
 * brought down to lines: a total the formula names counts as the lines it adds (a grand total may
 * add its section totals or all their lines alike), so a subtotal counted with its own lines shows
 * as those lines counted twice. Blank cells are nothing to add, whether left out or taken in.
 */

/** The lines a total adds, with +1 or -1 each, its subtotals opened up. */
export function linesOf(
  table: Table,
  index: number,
  sign = 1,
  out = new Map<number, number>(),
  depth = 0,
): Map<number, number> {
  const row = table.rows[index];
  if (!row) return out;
  if (row.type !== 'total' || !row.parts?.length || depth > 20) {
    out.set(index, (out.get(index) ?? 0) + sign);
    return out;
  }
  row.parts.forEach((p, k) => linesOf(table, p, sign * (row.partSigns?.[k] ?? 1), out, depth + 1));
  return out;
}

interface Tally {
  /** Cell key → how many times the formula adds it (negative: takes it away). */
  counts: Map<string, number>;
  /** Cell key → the totals' cells the formula names that brought it in. */
  via: Map<string, At[]>;
  /** Cells with a figure that are not lines of the table: headings, rows outside it. */
  strays: At[];
  /** Totals the formula names whose lines are not (all) this total's: another section's total. */
  foreign: At[];
  /** References to other sheets, as written. */
  elsewhere: string[];
}

/** A cell whose formula is (or holds) a SUBTOTAL: a SUBTOTAL over it leaves it out, so nothing is counted twice. */
function holdsSubtotal(sheet: SheetGrid, at: At): boolean {
  return /\bSUBTOTAL\s*\(/i.test(sheet.rows[at.row]?.[at.col]?.formula ?? '');
}

const linkKey = (sheet: string, row: number, col: number) => `${sheetKey(sheet)}!${key(row, col)}`;

/**
 * The other sheets' cells the table's lines are links to (a summary line ='Adults'!F40), each with
 * the line's own cell: a total that adds the linked cell adds that line, just as its link does.
 */
function linkedLines(table: Table, sheet: SheetGrid, k: number): Map<string, At> {
  const out = new Map<string, At>();
  for (const row of table.rows) {
    if (row.type !== 'line') continue;
    const at = figureAt(table, row, k);
    const formula = cellAt(sheet, at.row, at.col)?.formula;
    if (formula === undefined) continue;
    const reading = readSum(formula);
    if (reading.kind !== 'sum' || reading.terms.length !== 1) continue;
    const [term] = reading.terms as [Term];
    if (term.sheet !== undefined && term.sign === 1 && singleCell(term))
      out.set(linkKey(term.sheet, term.top, term.left), at);
  }
  return out;
}

const singleCell = (term: Term) => term.top === term.bottom && term.left === term.right;

function tally(
  table: Table,
  sheet: SheetGrid,
  rowAt: ReadonlyMap<number, number>,
  self: At,
  terms: Term[],
  own: ReadonlySet<number>,
  column: number,
): Tally {
  const t: Tally = { counts: new Map(), via: new Map(), strays: [], foreign: [], elsewhere: [] };
  const add = (cell: string, n: number) => t.counts.set(cell, (t.counts.get(cell) ?? 0) + n);
  let links: Map<string, At> | undefined;
  for (const term of terms) {
    if (!onSheet(term, table.sheet)) {
      links ??= linkedLines(table, sheet, column);
      const line = singleCell(term) ? links.get(linkKey(term.sheet!, term.top, term.left)) : undefined;
      if (line) add(key(line.row, line.col), term.sign);
      else t.elsewhere.push(term.text);
      continue;
    }
    for (const at of termCells(term, sheet)) {
      if (at.row === self.row && at.col === self.col) continue;
      if (term.skipsSubtotals && holdsSubtotal(sheet, at)) continue;
      const i = at.row >= table.top && at.row <= table.bottom ? rowAt.get(at.row) : undefined;
      const row = i === undefined ? undefined : table.rows[i];
      const k = row ? columnAt(table, row, at.col) : -1;
      if (row?.type === 'total' && row.parts?.length && k >= 0) {
        if (![...linesOf(table, i!).keys()].every((l) => own.has(l))) {
          if (hasFigure(sheet, at)) t.foreign.push(at);
          continue;
        }
        for (const [line, n] of linesOf(table, i!, term.sign)) {
          const lineAt = figureAt(table, table.rows[line]!, k);
          const cell = key(lineAt.row, lineAt.col);
          add(cell, n);
          t.via.set(cell, [...(t.via.get(cell) ?? []), at]);
        }
      } else if (row?.type === 'line') add(key(at.row, at.col), term.sign);
      else if (hasFigure(sheet, at)) t.strays.push(at);
    }
  }
  return t;
}

/** How a column total's formula differs from its lines, cell by cell. */
interface Comparison {
  self: At;
  col: number;
  /** The lines it should add that hold a figure. */
  lines: At[];
  missed: At[];
  twice: At[];
  reversed: At[];
  others: At[];
  got: Tally;
}

function compare(
  table: Table,
  sheet: SheetGrid,
  rowAt: ReadonlyMap<number, number>,
  totalIndex: number,
  k: number,
  terms: Term[],
  own = linesOf(table, totalIndex),
): Comparison {
  const self = figureAt(table, table.rows[totalIndex]!, k);
  const expected = new Map(
    [...own].map(([line, n]) => {
      const at = figureAt(table, table.rows[line]!, k);
      return [key(at.row, at.col), n];
    }),
  );
  const got = tally(table, sheet, rowAt, self, terms, new Set(own.keys()), k);
  const c: Comparison = {
    self,
    col: table.columns[k]!.col,
    lines: [],
    missed: [],
    twice: [],
    reversed: [],
    others: [],
    got,
  };
  c.lines = [...expected.keys()].map(unkey).filter((at) => hasFigure(sheet, at));
  for (const x of new Set([...expected.keys(), ...got.counts.keys()])) {
    const want = expected.get(x) ?? 0;
    const have = got.counts.get(x) ?? 0;
    const at = unkey(x);
    if (want === have || !hasFigure(sheet, at)) continue;
    if (want === 0) c.others.push(at);
    else if (have === 0) c.missed.push(at);
    else if (Math.sign(have) === Math.sign(want)) c.twice.push(at);
    else c.reversed.push(at);
  }
  return c;
}

const extras = (c: Comparison) => c.got.strays.length + c.got.foreign.length + c.got.elsewhere.length;

/** What is wrong with a column total's formula, in words, or null when it adds exactly its lines. */
export function rangeFault(
  table: Table,
  sheet: SheetGrid,
  rowAt: ReadonlyMap<number, number>,
  totalIndex: number,
  k: number,
  terms: Term[],
): string | null {
  const c = compare(table, sheet, rowAt, totalIndex, k, terms);
  if (!c.missed.length && !c.twice.length && !c.reversed.length && !c.others.length && !extras(c)) return null;
  return inWords(table, sheet, rowAt, totalIndex, k, c);
}

/**
 * For a total whose figure no way of adding its lines gives (the reader's lines are its best guess,
 * and the check already calls the figure wrong): the formula is named only when it adds nothing but
 * those lines, and leaves some out or counts some twice. That is the slip behind the wrong figure (a
 * line added below a SUM's range, a term dropped from a chain, a SUM over section SUMs); anything
 * else might be the reader's guess being wrong, and is left to the figures. The table's last total
 * is also read as what a grand total adds (every line above it), as the reader's guess there is
 * often the section just above.
 */
export function unsureFault(
  table: Table,
  sheet: SheetGrid,
  rowAt: ReadonlyMap<number, number>,
  totalIndex: number,
  k: number,
  terms: Term[],
): string | null {
  const guesses = [{ own: linesOf(table, totalIndex), totals: table.rows[totalIndex]!.parts ?? [] }];
  if (closesTable(table, totalIndex)) guesses.push(everythingAbove(table, totalIndex));
  for (const { own, totals } of guesses) {
    const c = compare(table, sheet, rowAt, totalIndex, k, terms, own);
    const clean = !c.reversed.length && !c.others.length && !extras(c);
    const wrong = c.twice.length || (c.missed.length && c.missed.length < c.lines.length);
    if (clean && wrong) return inWords(table, sheet, rowAt, totalIndex, k, c, totals);
  }
  return null;
}

/** Whether a total is the table's last word: the grand total, or a total with no line below it. */
function closesTable(table: Table, index: number): boolean {
  return !!table.rows[index]!.closesTable || table.rows.slice(index + 1).every((r) => r.type !== 'line');
}

/** A grand total's reading: every line above it (memos apart), and the totals above as the sections it may name. */
function everythingAbove(table: Table, index: number): { own: Map<number, number>; totals: number[] } {
  const own = new Map<number, number>();
  const totals: number[] = [];
  table.rows.slice(0, index).forEach((r, i) => {
    if (r.type === 'line' && !r.memo) own.set(i, 1);
    else if (r.type === 'total' && r.parts?.length) totals.push(i);
  });
  return { own, totals };
}

function inWords(
  table: Table,
  sheet: SheetGrid,
  rowAt: ReadonlyMap<number, number>,
  totalIndex: number,
  k: number,
  c: Comparison,
  totals = table.rows[totalIndex]!.parts ?? [],
): string {
  const { col, lines, missed, twice, reversed, others, got } = c;
  const wrongColumn = others.length && others.every((o) => o.col === others[0]!.col && o.col !== col);
  if (wrongColumn && !twice.length && !reversed.length && missed.length === lines.length)
    return `adds ${columnName(table, others[0]!.col)} (${cellRanges(others)}) instead of its own lines (${cellRanges(lines)})`;
  const said: string[] = [];
  if (missed.length) said.push(`leaves out ${namedCells(wholeTotals(table, sheet, totals, k, missed), table, rowAt)}`);
  if (twice.length) said.push(`counts ${cellRanges(twice)} twice${twiceBecause(table, rowAt, got, twice)}`);
  if (reversed.length) said.push(`takes away ${namedCells(reversed, table, rowAt)}, which the total adds`);
  for (const at of got.foreign) said.push(`also adds ${namedCells([at], table, rowAt)}, a total of other lines`);
  const byColumn = new Map<number, At[]>();
  for (const at of others) byColumn.set(at.col, [...(byColumn.get(at.col) ?? []), at]);
  for (const [c, cells] of byColumn)
    if (c !== col) said.push(`also adds ${namedCells(cells, table, rowAt)} from ${columnName(table, c)}`);
    else for (const at of cells) said.push(`also adds ${otherCell(table, rowAt, at)}`);
  if (got.strays.length)
    said.push(
      `also adds ${cellRanges(got.strays)}, which ${got.strays.length === 1 ? 'is' : 'are'} not a line of the table`,
    );
  if (got.elsewhere.length) said.push(`also adds ${got.elsewhere.join(', ')} from another sheet`);
  const shown = said.length > 4 ? [...said.slice(0, 4), `${said.length - 4} more`] : said;
  return `${shown.join('; ')}: the lines it should add are ${cellRanges(lines) || 'blank'}`;
}

/** Missed lines, with those of a subtotal (one of `totals`) left out as a whole named by the subtotal instead. */
function wholeTotals(table: Table, sheet: SheetGrid, totals: number[], k: number, missed: At[]): At[] {
  const left = new Set(missed.map((at) => key(at.row, at.col)));
  const out: At[] = [];
  for (const p of totals) {
    const part = table.rows[p]!;
    if (part.type !== 'total') continue;
    const keys = [...linesOf(table, p).keys()]
      .map((l) => figureAt(table, table.rows[l]!, k))
      .filter((at) => hasFigure(sheet, at))
      .map((at) => key(at.row, at.col));
    if (keys.length && keys.every((x) => left.has(x))) {
      keys.forEach((x) => left.delete(x));
      out.push(figureAt(table, part, k));
    }
  }
  return [...out, ...[...left].map(unkey)];
}

function twiceBecause(table: Table, rowAt: ReadonlyMap<number, number>, got: Tally, twice: At[]): string {
  const totals = new Map(
    twice.flatMap((at) => got.via.get(key(at.row, at.col)) ?? []).map((at) => [key(at.row, at.col), at]),
  );
  if (!totals.size) return '';
  const named = [...totals.values()].map(
    (at) => `${cellRanges([at])} (${rowName(table.rows[rowAt.get(at.row) ?? -1], at.row)})`,
  );
  return `: ${named.join(' and ')} already ${named.length === 1 ? 'adds' : 'add'} ${twice.length === 1 ? 'it' : 'them'}`;
}

function otherCell(table: Table, rowAt: ReadonlyMap<number, number>, at: At): string {
  const named = namedCells([at], table, rowAt);
  const row = table.rows[rowAt.get(at.row) ?? -1];
  return row?.consumedBy !== undefined
    ? `${named}, a line of another total`
    : `${named}, a line this total does not add`;
}
