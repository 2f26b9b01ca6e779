import { a1 } from './a1';
import { money } from './compare';
import type { Finding } from './findings';
import { Decimal, ZERO } from './money';
import { compareFigures, unitPlaces, valueOf, type RuleContext } from './validate';
import { CARRIED_FORWARD, CHAIN, chained, type ChainedLine } from './budget-chain';
import { columnIndex, type Basis, type Table, type TableRow } from './tables';
import {
  lineRole,
  namesInclude,
  NET_BUDGET_LINES,
  SUMMARY_LINES,
  type NetBudgetRole,
  type SummaryRole,
} from './vocabulary';

function inCapitals(row: TableRow): boolean {
  const letters = row.label.replace(/[^A-Za-z]/g, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

/**
 * A section heading is printed in capitals (CORPORATE ITEMS), its sub-headings not (Demand & cost increases). Where
 * every heading is in capitals, capitals tell nothing: only a heading naming items opens a section.
 */
function sectionHeadings(table: Table): (row: TableRow) => boolean {
  const headings = table.rows.filter((r) => r.type === 'heading');
  if (headings.length > 1 && headings.every(inCapitals))
    return (row) => row.type === 'heading' && /\bitems\b/i.test(row.label);
  return (row) => row.type === 'heading' && inCapitals(row);
}

/** Sections of corporate items outside the department (CORPORATE ITEMS) are not in its summary. */
function outsideDepartment(heading: string, department?: string): boolean {
  if (!/\bitems\b/i.test(heading)) return false;
  return department ? !namesInclude(heading, department) : /^corporate items$/i.test(heading.trim());
}

/** Which rows of a growth or savings table are the department's own: lines outside CORPORATE ITEMS-style sections, and totals of such lines. */
export function departmentScope(table: Table, department?: string): boolean[] {
  const inScope: boolean[] = [];
  const isSectionHeading = sectionHeadings(table);
  let outside = false;
  table.rows.forEach((row, i) => {
    if (isSectionHeading(row)) outside = outsideDepartment(row.label, department);
    inScope[i] = row.type === 'line' ? !outside : false;
  });
  table.rows.forEach((row, i) => {
    if (row.type === 'total' && row.parts?.length) inScope[i] = row.parts.every((p) => inScope[p]);
  });
  return inScope;
}

/**
 * The department's own figure in each money column of a growth or savings table: its printed
 * section totals where it has them, its lines where it does not; null where a figure is unreadable.
 */
export function departmentFigures(table: Table, department?: string): (Decimal | null)[] {
  const inScope = departmentScope(table, department);
  const roots = table.rows.filter((row, i) => inScope[i] && !(row.consumedBy !== undefined && inScope[row.consumedBy]));
  return table.columns.map((_, c) => {
    let total = ZERO;
    for (const row of roots) {
      const v = valueOf(row, c);
      if (v === null) return null;
      total = total.plus(v);
    }
    return total;
  });
}

/** The grand total row of a table, or null when it has none. */
export function grandTotal(table: Table): TableRow | undefined {
  return table.rows.find((r) => r.closesTable);
}

export function summaryRows(table: Table): Partial<Record<SummaryRole, TableRow>> {
  const out: Partial<Record<SummaryRole, TableRow>> = {};
  for (const row of table.rows) {
    const role = lineRole(row.label, SUMMARY_LINES);
    if (role && !out[role]) out[role] = row;
  }
  return out;
}

export function netBudgetRows(table: Table): Partial<Record<NetBudgetRole, TableRow>> {
  const out: Partial<Record<NetBudgetRole, TableRow>> = {};
  for (const row of table.rows) {
    const role = lineRole(row.label, NET_BUDGET_LINES);
    if (role && !out[role]) out[role] = row;
  }
  return out;
}

/** Savings shown as positive figures on a "Less ..." line are taken away, not added. */
function savingsSign(row: TableRow | undefined): number {
  if (!row) return 1;
  const values = row.figures.map((f) => f?.value).filter((v): v is Decimal => !!v);
  return values.length && values.every((v) => v.gte(0)) && values.some((v) => v.gt(0)) ? -1 : 1;
}

/** What a summary line should show for a year, from an appendix's department figures. */
export function appendixIncrements(figures: (Decimal | null)[], years: number[], basis: Basis): (Decimal | null)[] {
  return years.map((col, k) => {
    const v = figures[col];
    if (v === null || v === undefined) return null;
    if (basis === 'incremental' || k === 0) return v;
    const before = figures[years[k - 1]!];
    return before === null || before === undefined ? null : v.minus(before);
  });
}

interface SummaryContext extends RuleContext {
  revenue?: Table;
  growth?: Table;
  savings?: Table;
}

function cellFor(table: Table, row: TableRow, i: number): string {
  return a1(row.row, row.figures[i]?.col ?? table.columns[i]!.col);
}

/** The budget summary's own arithmetic, its chain from year to year, and its agreement with the appendices. */
export function checkBudgetSummary(table: Table, ctx: SummaryContext): Finding[] {
  const out: Finding[] = [];
  const roles = summaryRows(table);
  const places = unitPlaces(table);
  const years = table.columns.flatMap((c, i) => (c.year ? [i] : []));
  const sign = savingsSign(roles.savings);
  const push = (f: Finding | null) => f && out.push(f);
  const compare = (
    row: TableRow,
    i: number,
    expected: Decimal,
    addends: number,
    statement: (act: string, exp: string) => string,
    step = table.step,
  ) => {
    const actual = valueOf(row, i);
    if (actual === null) return;
    push(
      compareFigures(
        {
          sheet: table.sheet,
          cell: cellFor(table, row, i),
          actual,
          expected,
          addends,
          step,
          statement: () => statement(money(actual, places), money(expected, places)),
          noun: 'figure',
          mismatchRule: 'summary-mismatch',
        },
        ctx.tolerance,
      ),
    );
  };
  /** A year's figure of each summary line, savings turned negative when the summary prints them positive. */
  const lineValue = (i: number) => (role: SummaryRole) => {
    const row = roles[role];
    if (!row) return undefined;
    const v = valueOf(row, i);
    return v && role === 'savings' ? v.times(sign) : v;
  };
  const partsPresent = (line: ChainedLine) => CHAIN[line].filter((p) => roles[p]).length;

  years.forEach((i, k) => {
    const year = table.columns[i]!.label;
    const subtotalParts = partsPresent('subtotal');
    const subtotal = chained('subtotal', lineValue(i));
    if (roles.subtotal && subtotal !== null && subtotalParts > 0) {
      compare(
        roles.subtotal,
        i,
        subtotal,
        subtotalParts,
        (a, e) =>
          `Sub Total for ${year} is ${a} but the updated original budget, other changes and transfers add up to ${e}`,
      );
    }
    const proposed = chained('proposed', lineValue(i));
    if (roles.proposed && roles.subtotal && proposed !== null) {
      compare(
        roles.proposed,
        i,
        proposed,
        CHAIN.proposed.length,
        (a, e) => `the proposed budget for ${year} is ${a} but Sub Total plus growth less savings comes to ${e}`,
      );
    }
    const carried = roles[CARRIED_FORWARD.to];
    const from = roles[CARRIED_FORWARD.from];
    if (k > 0 && carried && from) {
      const before = valueOf(from, years[k - 1]!);
      if (before !== null) {
        compare(
          carried,
          i,
          before,
          1,
          (a, e) =>
            `the updated original budget for ${year} is ${a} but the proposed budget for ${table.columns[years[k - 1]!]!.label} is ${e}; each year starts from the year before`,
        );
      }
    }
  });

  for (const [role, appendix, noun] of [
    ['growth', ctx.growth, 'growth'],
    ['savings', ctx.savings, 'savings'],
  ] as const) {
    const row = roles[role];
    if (!row || !appendix) continue;
    const basis = appendix.basis?.basis ?? 'cumulative';
    const scale = new Decimal(appendix.scale).div(table.scale);
    const figures = departmentFigures(appendix, ctx.department).map((v) => (v ? v.times(scale) : v));
    years.forEach((i, k) => {
      const year = table.columns[i]!.label;
      const col = columnIndex(appendix, table.columns[i]!.key);
      if (col < 0) return;
      const previous = k > 0 ? columnIndex(appendix, table.columns[years[k - 1]!]!.key) : -1;
      const current = figures[col];
      const before = previous >= 0 ? (figures[previous] ?? null) : null;
      if (current === null || current === undefined || (basis === 'cumulative' && k > 0 && before === null)) return;
      const expected = basis === 'cumulative' && k > 0 ? current.minus(before!) : current;
      const how =
        basis === 'cumulative' && k > 0
          ? `the department's ${noun} in ${appendix.sheet} (cumulative) goes from ${money(before!, places)} to ${money(current, places)}, an increase of ${money(expected, places)}`
          : `the department's ${noun} in ${appendix.sheet} for ${year} is ${money(expected, places)}`;
      const addends = basis === 'cumulative' && k > 0 ? 2 : 1;
      compare(
        row,
        i,
        expected.times(role === 'savings' ? sign : 1),
        addends,
        (a) => `${row.label} for ${year} is ${a} but ${how}`,
      );
    });
  }

  const revenue = ctx.revenue;
  const grand = revenue && grandTotal(revenue);
  const first = years[0];
  if (revenue && grand && first !== undefined) {
    const toSummary = new Decimal(revenue.scale).div(table.scale);
    const prior = columnIndex(revenue, 'prior');
    const net = columnIndex(revenue, 'net');
    const priorValue = prior >= 0 ? valueOf(grand, prior) : null;
    const netValue = net >= 0 ? valueOf(grand, net) : null;
    if (roles.subtotal && priorValue !== null && prior >= 0) {
      const e = priorValue.times(toSummary);
      compare(
        roles.subtotal,
        first,
        e,
        1,
        (a) =>
          `Sub Total for ${table.columns[first]!.label} is ${a} but Appendix A's ${revenue.columns[prior]!.label} total is ${money(priorValue, 0)} (${money(e, 3)} in £000)`,
      );
    }
    if (roles.proposed && netValue !== null && net >= 0) {
      const e = netValue.times(toSummary);
      compare(
        roles.proposed,
        first,
        e,
        1,
        (a) =>
          `the proposed budget for ${table.columns[first]!.label} is ${a} but Appendix A's net total is ${money(netValue, 0)} (${money(e, 3)} in £000)`,
      );
    }
  }
  return out;
}

/** The net budget's own arithmetic and its agreement with Appendix A's grand total. */
export function checkNetBudget(table: Table, ctx: SummaryContext): Finding[] {
  const out: Finding[] = [];
  const roles = netBudgetRows(table);
  const places = unitPlaces(table);
  const amount = table.columns.findIndex((c) => !c.key.startsWith('year:') || table.columns.length === 1);
  if (amount < 0) return out;
  const v = (row?: TableRow) => (row ? valueOf(row, amount) : null);
  const income = v(roles.income);
  const incomeSign = income && income.gt(0) ? -1 : 1;
  const push = (
    row: TableRow | undefined,
    expected: Decimal | null,
    addends: number,
    statement: (a: string, e: string) => string,
  ) => {
    const actual = v(row);
    if (!row || actual === null || expected === null) return;
    const f = compareFigures(
      {
        sheet: table.sheet,
        cell: cellFor(table, row, amount),
        actual,
        expected,
        addends,
        step: table.step,
        statement: () => statement(money(actual, places), money(expected, places)),
        noun: 'figure',
        mismatchRule: 'summary-mismatch',
      },
      ctx.tolerance,
    );
    if (f) out.push(f);
  };
  const add = (...xs: (Decimal | null)[]) =>
    xs.some((x) => x === null) ? null : xs.reduce<Decimal>((s, x) => s.plus(x!), ZERO);
  const employees = v(roles.employees);
  const running = v(roles.running);
  const gross = v(roles.gross);
  push(
    roles.gross,
    add(employees, running),
    2,
    (a, e) => `Gross Costs is ${a} but Employees plus Running Costs come to ${e}`,
  );
  push(
    roles.net,
    add(gross, income && income.times(incomeSign)),
    2,
    (a, e) => `Net Budget is ${a} but Gross Costs less Income comes to ${e}`,
  );

  const revenue = ctx.revenue;
  const grand = revenue && grandTotal(revenue);
  if (!revenue || !grand) return out;
  const toNet = new Decimal(revenue.scale).div(table.scale);
  const col = (key: string) => {
    const i = columnIndex(revenue, key);
    const value = i >= 0 ? valueOf(grand, i) : null;
    return value === null ? null : value.times(toNet);
  };
  const a = {
    employees: col('employees'),
    running: col('running'),
    external: col('external-income'),
    internal: col('internal-income'),
    net: col('net'),
  };
  const exact = (d: Decimal | null) => (d === null ? '' : money(d, 3));
  push(
    roles.employees,
    a.employees,
    1,
    (x) => `Employees is ${x} but Appendix A's Employees total is ${exact(a.employees)} in £000`,
  );
  push(
    roles.running,
    a.running,
    1,
    (x) => `Running Costs is ${x} but Appendix A's Running Expenses total is ${exact(a.running)} in £000`,
  );
  const grossA = add(a.employees, a.running);
  push(
    roles.gross,
    grossA,
    2,
    (x) => `Gross Costs is ${x} but Appendix A's Employees plus Running Expenses come to ${exact(grossA)} in £000`,
  );
  const incomeA = add(a.external, a.internal);
  if (incomeA)
    push(
      roles.income,
      incomeSign < 0 ? incomeA.negated() : incomeA,
      2,
      (x) => `Income is ${x} but Appendix A's External plus Internal Income come to ${exact(incomeA)} in £000`,
    );
  push(roles.net, a.net, 1, (x) => `Net Budget is ${x} but Appendix A's Net Total is ${exact(a.net)} in £000`);
  return out;
}
