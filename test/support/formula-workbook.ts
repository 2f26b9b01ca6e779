import { readFileSync } from 'node:fs';
import { a1, sheetRef } from '../../src/engine/a1';
import { checkWorkbook } from '../../src/engine/check';
import { cellAt, type SheetGrid } from '../../src/engine/grid';
import { netBudgetRows, summaryRows } from '../../src/engine/summary';
import type { Table, TableRow } from '../../src/engine/tables';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { CORPORATE_RESOURCES } from './paths';

/**
 * The published example kept as a finance team keeps it: every total a live formula. A section
 * total is `SUM` over its block of lines; a total of totals a `+` chain; the budget summary adds its
 * lines and takes growth and savings from the appendices' department totals (cumulative: this year
 * less last year); the net budget takes Appendix A's grand total in £000. Each formula is set with
 * the cell's published value as its calculated value.
 */

export interface FormulaCell {
  sheet: string;
  row: number;
  col: number;
  formula: string;
}

export async function publishedSheets(): Promise<SheetGrid[]> {
  return (await XlsxWorkbook.open(readFileSync(CORPORATE_RESOURCES))).readSheets();
}

/** The formulas a finance team would have behind the published example's totals. */
export function liveFormulas(sheets: SheetGrid[]): { formulas: FormulaCell[]; tables: Table[] } {
  const { tables } = checkWorkbook(sheets);
  const formulas: FormulaCell[] = [];
  for (const table of tables) {
    const sheet = sheets.find((s) => s.name === table.sheet)!;
    if (table.kind === 'budget-summary') formulas.push(...summaryFormulas(table, tables));
    else if (table.kind === 'net-budget') formulas.push(...netBudgetFormulas(table, tables));
    else formulas.push(...totalFormulas(table, sheet));
  }
  return { formulas, tables };
}

/** Sets formulas on (copies of) the sheets, keeping each cell's value as its calculated value. */
export function withFormulas(sheets: SheetGrid[], formulas: FormulaCell[]): SheetGrid[] {
  const copies = sheets.map((s) => ({ ...s, rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : c)) : r)) }));
  for (const f of formulas) {
    const sheet = copies.find((s) => s.name === f.sheet)!;
    const row = (sheet.rows[f.row] ??= []);
    const cell = row[f.col] ?? { value: 0 };
    row[f.col] = { ...cell, formula: f.formula };
  }
  return copies;
}

/** Whether a cell shows anything (a figure, or a figure held as text). */
const hasValue = (sheet: SheetGrid, row: number, col: number) => (cellAt(sheet, row, col)?.value ?? null) !== null;
const hasFigure = (sheet: SheetGrid, row: number, col: number) => typeof cellAt(sheet, row, col)?.value === 'number';

function totalFormulas(table: Table, sheet: SheetGrid): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const row of table.rows) {
    if (row.type !== 'total' || !row.parts?.length) continue;
    const parts = row.parts.map((p) => table.rows[p]);
    table.columns.forEach((column, k) => {
      // A misaligned row has its figures one column off its headings: the formula sits where the figure is.
      const at = row.figures[k]?.col ?? column.col;
      if (row.structure?.checked[k] === false || !hasValue(sheet, row.row, at)) return;
      const col = parts.find((p) => p.type === 'line')?.figures[k]?.col ?? column.col;
      // A column that adds up others on each row (Net, Total) is written across its row, as teams often do.
      const across = acrossColumns(table, k)?.map((c) => ({
        row: row.row,
        col: row.figures[c]?.col ?? table.columns[c].col,
      }));
      const formula = across
        ? chain(across)
        : parts.every((p) => p.type === 'line')
          ? sumOver(parts, sheet, col)
          : chain(
              parts.map((p) => ({ row: p.row, col: p.figures[k]?.col ?? column.col })),
              row,
            );
      out.push({ sheet: table.sheet, row: row.row, col: at, formula });
    });
  }
  return out;
}

/** Appendix A's Net Total (Employees + Running Expenses + both incomes) and the capital Total (the years). */
function acrossColumns(table: Table, k: number): number[] | undefined {
  const key = table.columns[k].key;
  const pick = (keys: (key: string) => boolean) => table.columns.flatMap((c, i) => (keys(c.key) ? [i] : []));
  if (table.kind === 'revenue-budget' && key === 'net')
    return pick((c) => /^(employees|running|external-income|internal-income)$/.test(c));
  if (table.kind === 'capital-programme' && key === 'total') return pick((c) => c.startsWith('year:'));
  return undefined;
}

/** SUM over the block from the first line to the last, when nothing else with a figure sits in it. */
function sumOver(parts: TableRow[], sheet: SheetGrid, col: number): string {
  const first = parts[0].row;
  const last = parts[parts.length - 1].row;
  const inside = new Set(parts.map((p) => p.row));
  for (let r = first; r <= last; r++)
    if (!inside.has(r) && hasFigure(sheet, r, col)) return chain(parts.map((p) => ({ row: p.row, col })));
  return first === last ? a1(first, col) : `SUM(${a1(first, col)}:${a1(last, col)})`;
}

function chain(cells: { row: number; col: number }[], total?: TableRow): string {
  return cells
    .map((c, i) => {
      const minus = (total?.partSigns?.[i] ?? 1) < 0;
      return `${minus ? '-' : i === 0 ? '' : '+'}${a1(c.row, c.col)}`;
    })
    .join('');
}

/** The department's own total in a growth or savings appendix: the total of its own items section. */
export function departmentTotal(table: Table): TableRow {
  const totals = table.rows.filter((r) => r.type === 'total');
  const grand = totals.find((r) => r.closesTable);
  // Growth: the grand total also adds corporate items, so the department's is the first section's total.
  return table.kind === 'growth' ? totals[0] : (grand ?? totals[totals.length - 1]);
}

function summaryFormulas(table: Table, tables: Table[]): FormulaCell[] {
  const r = summaryRows(table);
  const out: FormulaCell[] = [];
  const years = table.columns.filter((c) => c.year);
  const appendix = (kind: Table['kind']) => tables.find((t) => t.kind === kind)!;
  years.forEach((column, k) => {
    const col = column.col;
    const put = (row: TableRow | undefined, formula: string) =>
      row && out.push({ sheet: table.sheet, row: row.row, col, formula });
    if (k > 0 && r.original && r.proposed) put(r.original, a1(r.proposed.row, years[k - 1].col));
    if (r.subtotal && r.original && r.other && r.transfers)
      put(r.subtotal, `SUM(${a1(r.original.row, col)}:${a1(r.transfers.row, col)})`);
    for (const role of ['growth', 'savings'] as const) {
      const source = appendix(role);
      const total = departmentTotal(source);
      const at = (year: string) => {
        const j = source.columns.findIndex((c) => c.year === year);
        return sheetRef(source.sheet, a1(total.row, total.figures[j]?.col ?? source.columns[j].col));
      };
      put(r[role], k > 0 ? `${at(column.year!)}-${at(years[k - 1].year!)}` : at(column.year!));
    }
    if (r.proposed && r.subtotal && r.growth && r.savings)
      put(r.proposed, `${a1(r.subtotal.row, col)}+${a1(r.growth.row, col)}-${a1(r.savings.row, col)}`);
  });
  return out;
}

function netBudgetFormulas(table: Table, tables: Table[]): FormulaCell[] {
  const r = netBudgetRows(table);
  const revenue = tables.find((t) => t.kind === 'revenue-budget')!;
  const grand = revenue.rows.find((row) => row.closesTable)!;
  const col = table.columns[0].col;
  const from = (key: string) => sheetRef(revenue.sheet, a1(grand.row, revenue.columns.find((c) => c.key === key)!.col));
  const out: FormulaCell[] = [];
  const put = (row: TableRow | undefined, formula: string) =>
    row && out.push({ sheet: table.sheet, row: row.row, col, formula });
  put(r.employees, `ROUND(${from('employees')}/1000,0)`);
  put(r.running, `ROUND(${from('running')}/1000,0)`);
  put(r.income, `ROUND((${from('external-income')}+${from('internal-income')})/1000,0)`);
  if (r.gross && r.employees && r.running) put(r.gross, `${a1(r.employees.row, col)}+${a1(r.running.row, col)}`);
  if (r.net && r.gross && r.income) put(r.net, `${a1(r.gross.row, col)}+${a1(r.income.row, col)}`);
  return out;
}
