import { translateFormulaToR1C1 } from '@borgar/fx';
import { a1 } from '../a1';
import { finding, type Finding, type RuleId } from '../findings';
import { cellAt, type Cell, type SheetGrid } from '../grid';
import { sheetKey } from '../ownership';
import type { Table, TableRow } from '../tables';
import { formatMoney, placesFor } from '../money';
import { listWords, plural } from '../words';
import { cellRanges, figureAt, hasFigure, key, onSheet, rowIndex, termArea, termCells, type At } from './cells';
import { readSum, type Term } from './parse';
import { chainFault, referenceFaults, summaryChains } from './summary';
import { unsureFault, linesOf, rangeFault } from './totals';

/**
 * The formula audit: for every total the reader found, the formula behind it, where it has one.
 * A typed total will not follow its lines; a range that misses or double-counts lines is wrong even
 * when today's figures agree; one year's formula unlike the other years' is worth a look; a summary
 * line pointing into the wrong year or appendix is wrong. A workbook with no formula at all (a
 * published paper pasted as values) has nothing to audit and is left alone.
 */
export function auditFormulas(tables: readonly Table[], sheets: readonly SheetGrid[]): Finding[] {
  if (!sheets.some(hasFormulas)) return [];
  const bySheet = new Map(sheets.map((s) => [sheetKey(s.name), s]));
  const findings: Finding[] = [];
  for (const table of tables) {
    const sheet = bySheet.get(sheetKey(table.sheet));
    if (sheet) findings.push(...new TableAudit(table, sheet, tables).run());
  }
  return findings;
}

function hasFormulas(sheet: SheetGrid): boolean {
  return sheet.rows.some((row) => row?.some((cell) => cell?.formula !== undefined));
}

/** A total adding more cells than this (a whole sheet) is beyond the audit: comparing it would cost more than the check. */
const MAX_TERM_CELLS = 100_000;

/** A total cell to audit: what it is, and how to tell what its formula gets wrong. */
interface TotalCell {
  row: TableRow;
  /** Index into table.columns, and the column the figure sits in. */
  k: number;
  col: number;
  cell: Cell;
  /** The lines it should add, for the typed-total message. */
  lines: string;
  fault: (terms: Term[]) => Fault[];
}

type Fault = { rule: RuleId; text: string };
const range = (text: string | null): Fault[] => (text ? [{ rule: 'formula-range', text }] : []);
const reference = (texts: string[]): Fault[] => texts.map((text) => ({ rule: 'formula-reference', text }));

class TableAudit {
  private readonly rowAt: Map<number, number>;
  private readonly findings: Finding[] = [];
  /** Cells already called wrong: no second finding on them. */
  private readonly faulty = new Set<string>();

  constructor(
    private readonly table: Table,
    private readonly sheet: SheetGrid,
    private readonly tables: readonly Table[],
  ) {
    this.rowAt = rowIndex(table);
  }

  run(): Finding[] {
    const cells = this.totalCells();
    const typed: TotalCell[] = [];
    const beyond: { at: string; why: string }[] = [];
    for (const t of cells) {
      const at = a1(t.row.row, t.col);
      if (t.cell.formula === undefined) {
        if (isFigure(t.row, t.k)) typed.push(t);
        continue;
      }
      const reading = readSum(t.cell.formula);
      if (reading.kind === 'beyond') {
        beyond.push({ at, why: reading.why });
        continue;
      }
      if (
        reading.terms.some((term) => onSheet(term, this.table.sheet) && termArea(term, this.sheet) > MAX_TERM_CELLS)
      ) {
        beyond.push({ at, why: `a range of more than ${MAX_TERM_CELLS.toLocaleString('en-GB')} cells` });
        continue;
      }
      const faults = t.fault(reading.terms);
      if (faults.length) this.report(faults[0]!.rule, at, `=${t.cell.formula} ${faults.map((f) => f.text).join('; ')}`);
    }
    const pasted = pastedColumns(cells);
    this.reportTyped(
      typed.filter((t) => !pasted.has(t.k)),
      cells.length,
    );
    this.reportInconsistent(cells);
    this.reportBeyond(beyond.filter((b) => !this.faulty.has(b.at)));
    return this.findings;
  }

  private report(rule: RuleId, at: string, message: string): void {
    this.faulty.add(at);
    this.findings.push(finding(rule, this.table.sheet, at, message));
  }

  /** Every total of the table in every column it is checked in, and each summary line taken from an appendix. */
  private totalCells(): TotalCell[] {
    const { table, sheet } = this;
    const out: TotalCell[] = [];
    const add = (row: TableRow, k: number, lines: string, fault: TotalCell['fault']) => {
      const { col } = figureAt(table, row, k);
      const cell = cellAt(sheet, row.row, col);
      if (cell && !cell.error && (cell.formula !== undefined || isFigure(row, k)))
        out.push({ row, k, col, cell, lines, fault });
    };
    const summary = table.kind === 'budget-summary' || table.kind === 'net-budget';
    if (!summary)
      table.rows.forEach((row, i) => {
        if (row.type !== 'total' || !row.parts?.length) return;
        const sure = row.structure?.confidence !== 'low';
        table.columns.forEach((_, k) => {
          if (table.additive?.[k] === false) return;
          // A column not checked (its lines hold an error value) can still be typed; its range is not compared.
          const compared = row.structure?.checked[k] !== false;
          const lines = cellRanges([...linesOf(table, i).keys()].map((l) => figureAt(table, table.rows[l]!, k)));
          add(row, k, lines, (terms) => {
            if (!compared) return [];
            if (!sure) return range(unsureFault(table, sheet, this.rowAt, i, k, terms));
            const across = acrossFault(table, sheet, row, k, terms);
            return range(across === undefined ? rangeFault(table, sheet, this.rowAt, i, k, terms) : across);
          });
        });
      });
    else {
      const chains = summaryChains(table);
      for (const chain of chains)
        table.columns.forEach((column, k) =>
          add(chain.row, k, chain.adds.map((r) => a1(r.row, column.col)).join(', '), (terms) => [
            ...range(chainFault(table, sheet, chain, column.col, terms)),
            ...reference(referenceFaults(table, chain.row, column.col, terms, this.tables)),
          ]),
        );
      for (const row of table.rows)
        if (!chains.some((c) => c.row === row))
          table.columns.forEach((column, k) => {
            const cell = cellAt(sheet, row.row, column.col);
            const fault = (terms: Term[]) => reference(referenceFaults(table, row, column.col, terms, this.tables));
            if (cell?.formula !== undefined) out.push({ row, k, col: column.col, cell, lines: '', fault });
          });
    }
    return out;
  }

  /** A table whose every total is typed says so once; otherwise each typed total among formulas is named. */
  private reportTyped(typed: TotalCell[], audited: number): void {
    if (!typed.length) return;
    const first = typed[0]!;
    if (typed.length === audited && audited > 1) {
      this.report(
        'hard-coded-total',
        a1(first.row.row, first.col),
        `every total in this table is a typed number, not a formula (${plural(typed.length, 'cell')}, from ${a1(first.row.row, first.col)}): none will follow a change in its lines`,
      );
      return;
    }
    for (const t of typed)
      this.report(
        'hard-coded-total',
        a1(t.row.row, t.col),
        `${t.row.label || 'the total'} is a typed number (${typedFigure(t)}), not a formula: it will not follow a change in ${t.lines ? `the lines it adds (${t.lines})` : 'its lines'}`,
      );
  }

  private reportBeyond(beyond: { at: string; why: string }[]): void {
    if (!beyond.length) return;
    const whys = [...new Set(beyond.map((b) => b.why))].slice(0, 3);
    const cells = beyond.map((b) => b.at);
    this.findings.push(
      finding(
        'formula-unclear',
        this.table.sheet,
        cells[0]!,
        `the formula audit does not read ${cells.length === 1 ? 'this formula' : `the formulas of ${listWords(cells.slice(0, 5))}${cells.length > 5 ? ` and ${cells.length - 5} more` : ''}`} (${listWords(whys)}): which lines ${cells.length === 1 ? 'it adds was' : 'they add were'} not compared; the figures still are`,
      ),
    );
  }

  /** Within each row, the year columns' formulas should be one formula copied across. */
  private reportInconsistent(cells: TotalCell[]): void {
    const columns = this.table.columns;
    const firstYear = columns.findIndex((c) => c.year);
    const summary = this.table.kind === 'budget-summary' || this.table.kind === 'net-budget';
    const rows = new Map<TableRow, TotalCell[]>();
    for (const t of cells)
      if (t.cell.formula !== undefined && columns[t.k]!.year && !(summary && t.k === firstYear))
        rows.set(t.row, [...(rows.get(t.row) ?? []), t]);
    for (const group of rows.values()) {
      if (group.length < 3) continue;
      const shapes = group.map((t) => shapeOf(t));
      const counts = new Map<string, number>();
      for (const s of shapes) counts.set(s, (counts.get(s) ?? 0) + 1);
      const [common, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      if (n < 2 || n === group.length || [...counts.values()].filter((c) => c === n).length > 1) continue;
      const model = group[shapes.indexOf(common)]!;
      group.forEach((t, k) => {
        const at = a1(t.row.row, t.col);
        if (shapes[k] === common || this.faulty.has(at)) return;
        this.report(
          'formula-inconsistent',
          at,
          `=${t.cell.formula} is not the same formula as the other years' (=${model.cell.formula} in ${a1(model.row.row, model.col)}): check it adds the same rows`,
        );
      });
    }
  }
}

/**
 * The money columns pasted as values among live ones: every total in the column typed (two at least),
 * while other columns' totals are formulas. A team pastes a whole column of closed figures (the
 * outturn, last year's approved budget) from the ledger on purpose; one total typed over by mistake
 * leaves its column's other totals formulas, and is still said.
 */
function pastedColumns(cells: readonly TotalCell[]): Set<number> {
  const byColumn = new Map<number, TotalCell[]>();
  for (const t of cells) byColumn.set(t.k, [...(byColumn.get(t.k) ?? []), t]);
  const typed = (list: TotalCell[]) => list.every((t) => t.cell.formula === undefined);
  const live = [...byColumn.values()].some((list) => !typed(list));
  return new Set([...byColumn].filter(([, list]) => live && list.length >= 2 && typed(list)).map(([k]) => k));
}

function typedFigure(t: TotalCell): string {
  const value = t.row.figures[t.k]?.value;
  return value ? formatMoney(value, placesFor(value, 0)) : String(t.cell.value);
}

/**
 * A total in a column that adds up others on each row (Net = Employees + … + Income; Total = the
 * years) may be written across its own row instead of down its column. A formula whose cells all
 * sit on its own row is judged that way: undefined when it is not written across (or the column
 * adds nothing across), null when it adds exactly the row's cells of the columns the rule names.
 */
function acrossFault(
  table: Table,
  sheet: SheetGrid,
  row: TableRow,
  k: number,
  terms: Term[],
): string | null | undefined {
  const rules = acrossParts(table, k);
  const self = figureAt(table, row, k);
  const cells = new Map<string, At>();
  for (const term of terms) {
    if (!onSheet(term, table.sheet)) return undefined;
    for (const at of termCells(term, sheet)) {
      if (at.row !== row.row) return undefined;
      if (at.col !== self.col && hasFigure(sheet, at)) cells.set(key(at.row, at.col), at);
    }
  }
  if (!rules.length || !cells.size) return undefined;
  let best: string | null = 'x';
  for (const parts of rules) {
    const want = parts.map((p) => ({ at: figureAt(table, row, p), p })).filter((w) => hasFigure(sheet, w.at));
    const missed = want.filter((w) => !cells.has(key(w.at.row, w.at.col)));
    const wanted = new Set(want.map((w) => key(w.at.row, w.at.col)));
    const extra = [...cells.entries()].filter(([x]) => !wanted.has(x)).map(([, at]) => at);
    if (!missed.length && !extra.length) return null;
    const said: string[] = [];
    if (missed.length)
      said.push(
        `leaves out ${listWords(missed.map((w) => `${a1(w.at.row, w.at.col)} (${table.columns[w.p]!.label})`))}`,
      );
    if (extra.length) said.push(`also adds ${cellRanges(extra)}`);
    best = `${said.join('; ')}: across its row it should add ${listWords(parts.map((p) => table.columns[p]!.label))}`;
  }
  return best;
}

/** The columns a column adds up on each row: the house format's own (Appendix A's Net, the capital Total) or as the reader found them. */
function acrossParts(table: Table, k: number): number[][] {
  const found = (table.rowRules ?? []).filter((r) => r.total === k).map((r) => r.parts.map((p) => p.column));
  const key = table.columns[k]?.key;
  const columns = (test: (c: Table['columns'][number]) => boolean) =>
    table.columns.flatMap((c, i) => (test(c) ? [i] : []));
  if (table.kind === 'revenue-budget' && key === 'net')
    found.push(columns((c) => ['employees', 'running', 'external-income', 'internal-income'].includes(c.key)));
  if (table.kind === 'capital-programme' && key === 'total') found.push(columns((c) => !!c.year));
  return found;
}

/** Whether the reader took the cell as a figure (a number, or a number held as text). */
function isFigure(row: TableRow, k: number): boolean {
  return row.figures[k]?.value !== null && row.figures[k]?.value !== undefined;
}

/** A formula with its references made relative to its own cell (R1C1), so a formula copied across gives one shape. */
function shapeOf(t: TotalCell): string {
  try {
    return translateFormulaToR1C1(`=${t.cell.formula}`, a1(t.row.row, t.col));
  } catch {
    return t.cell.formula ?? '';
  }
}
