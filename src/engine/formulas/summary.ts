import { a1, sheetRef } from '../a1';
import type { SheetGrid } from '../grid';
import { sameSheet } from '../ownership';
import { netBudgetRows, summaryRows } from '../summary';
import type { Table, TableRow } from '../tables';
import { listWords } from '../words';
import { cellRanges, columnAt, hasFigure, onSheet, termCells, type At } from './cells';
import type { Term } from './parse';

/**
 * The budget summary's and net budget's formulas: each chain adds the lines its rule names (Sub Total =
 * updated original budget + other changes + transfers, and so on), and each line taken from an
 * appendix points at the appendix's total in the same year (or, for a cumulative appendix, that year
 * less the year before) and, for growth and savings, at the right appendix.
 */

/** A summary row that adds others on its own sheet, with the rows it should add. */
export interface Chain {
  row: TableRow;
  /** The rows it adds, in the same column. */
  adds: TableRow[];
}

export function summaryChains(table: Table): Chain[] {
  const chains: Chain[] = [];
  const push = (row: TableRow | undefined, adds: (TableRow | undefined)[]) => {
    const present = adds.filter((r): r is TableRow => !!r);
    if (row && present.length) chains.push({ row, adds: present });
  };
  if (table.kind === 'budget-summary') {
    const r = summaryRows(table);
    push(r.subtotal, [r.original, r.other, r.transfers]);
    push(r.proposed, [r.subtotal, r.growth, r.savings]);
  } else if (table.kind === 'net-budget') {
    const r = netBudgetRows(table);
    push(r.gross, [r.employees, r.running]);
    push(r.net, [r.gross, r.income]);
  }
  return chains;
}

/** What a chain's formula gets wrong, or null: it must add exactly its rows' cells in the same column. */
export function chainFault(table: Table, sheet: SheetGrid, chain: Chain, col: number, terms: Term[]): string | null {
  if (terms.some((t) => !onSheet(t, table.sheet))) return null; // taken from another sheet: see referenceFaults
  const want = new Map(chain.adds.map((r) => [r.row, r]));
  const seen = new Set<number>();
  const extra: At[] = [];
  for (const term of terms)
    for (const at of termCells(term, sheet)) {
      if (at.col === col && want.has(at.row)) seen.add(at.row);
      else if (hasFigure(sheet, at)) extra.push(at);
    }
  const missed = [...want.values()].filter((r) => !seen.has(r.row) && hasFigure(sheet, { row: r.row, col }));
  if (!missed.length && !extra.length) return null;
  const said: string[] = [];
  if (missed.length) said.push(`leaves out ${missed.map((r) => `${a1(r.row, col)} (${r.label})`).join(', ')}`);
  if (extra.length) said.push(`also adds ${cellRanges(extra)}`);
  return `${said.join('; ')}: ${chain.row.label} should add ${chain.adds.map((r) => r.label).join(', ')}`;
}

/** The year column a summary line's year should point at, and the appendix it should point into. */
interface Target {
  table: Table;
  row: TableRow;
  column?: Table['columns'][number];
  term: Term;
  at: At;
}

function targetOf(term: Term, tables: readonly Table[]): Target | undefined {
  const at = { row: term.top, col: term.left };
  for (const table of tables) {
    if (!sameSheet(table.sheet, term.sheet!) || at.row < table.top || at.row > table.bottom) continue;
    if (at.col < table.left || at.col > table.right) continue;
    const row = table.rows.find((r) => r.row === at.row);
    if (row) return { table, row, column: table.columns[columnAt(table, row, at.col)], term, at };
  }
  return undefined;
}

const ROLE_KIND: Record<string, Table['kind']> = { growth: 'growth', savings: 'savings' };
const NET_COLUMNS: Record<string, RegExp> = { employees: /^employees$/, running: /^running/, income: /income/ };

/** Faults in a summary line's references to an appendix (another sheet), each in words. */
export function referenceFaults(
  table: Table,
  row: TableRow,
  col: number,
  terms: Term[],
  tables: readonly Table[],
): string[] {
  const year = table.columns.find((c) => c.col === col)?.year;
  const role = roleOf(table, row);
  const targets = terms.filter((t) => !onSheet(t, table.sheet)).map((t) => targetOf(t, tables));
  const faults: string[] = [];
  const wrongYears: Target[] = [];
  for (const target of targets) {
    if (!target) continue;
    const where = sheetRef(target.table.sheet, a1(target.at.row, target.at.col));
    const kind = role && ROLE_KIND[role];
    if (kind && target.table.kind !== kind)
      faults.push(`the ${role} line refers to ${where}, in the ${target.table.kind} table, not the ${kind} table`);
    else if (kind && target.row.type !== 'total')
      faults.push(`the ${role} line refers to ${where}, a single line (${target.row.label}), not the table's total`);
    const netColumn = table.kind === 'net-budget' && role ? NET_COLUMNS[role] : undefined;
    if (netColumn && target.column && !netColumn.test(target.column.key))
      faults.push(`the ${row.label} line refers to ${where}, the ${target.column.label} column`);
    const theirs = target.column?.year;
    if (year && theirs && theirs !== year && !isIncrement(target, targets, year)) wrongYears.push(target);
  }
  if (wrongYears.length) {
    const where = wrongYears.map((t) => sheetRef(t.table.sheet, a1(t.at.row, t.at.col)));
    const years = [...new Set(wrongYears.map((t) => t.column!.year!))];
    faults.push(
      `refers to ${listWords(where)}, in ${years.length === 1 ? `the ${years[0]} column` : `the ${listWords(years)} columns`}, from the ${year} column`,
    );
  }
  return faults;
}

/** A cumulative appendix's year-on-year change: this year's cell less last year's, in the same row. */
function isIncrement(target: Target, all: (Target | undefined)[], year: string): boolean {
  const columns = target.table.columns.filter((c) => c.year);
  const k = columns.findIndex((c) => c.year === year);
  if (k < 1 || target.column?.year !== columns[k - 1]!.year) return false;
  return all.some(
    (o) =>
      o &&
      o.table === target.table &&
      o.row === target.row &&
      o.column?.year === year &&
      o.term.sign === -target.term.sign,
  );
}

function roleOf(table: Table, row: TableRow): string | undefined {
  const rows: Partial<Record<string, TableRow>> =
    table.kind === 'budget-summary' ? summaryRows(table) : netBudgetRows(table);
  return Object.entries(rows).find(([, r]) => r === row)?.[0];
}
