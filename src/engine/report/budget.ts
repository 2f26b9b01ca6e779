import { chainYear } from '../budget-chain';
import type { CheckResult } from '../check';
import { Decimal, ZERO } from '../money';
import { departmentFigures, grandTotal, netBudgetRows, summaryRows } from '../summary';
import { columnIndex, type Table } from '../tables';
import { valueOf } from '../validate';
import { headings, moneyRow, text, title, type Block } from './blocks';

/** Year 1's inputs to the budget summary: typed by the user, or read from the workbook's own summary. */
export interface YearOneInputs {
  originalBudget?: Decimal;
  otherChanges?: Decimal;
  transfers?: Decimal;
}

type Line = (Decimal | null)[];

export interface BudgetSummary {
  department?: string;
  /** '2015/16', … */
  years: string[];
  original: Line;
  other: Line;
  transfers: Line;
  subtotal: Line;
  growth: Line;
  savings: Line;
  proposed: Line;
  /** Where year 1's inputs came from, in words. */
  inputsFrom: string;
  notes: string[];
}

const first = (check: CheckResult, kind: Table['kind']) => check.tables.find((t) => t.kind === kind);

/** Year 1's updated original budget, other changes and transfers as the workbook's budget summary has them. */
export function yearOneFromWorkbook(check: CheckResult): YearOneInputs | undefined {
  const table = first(check, 'budget-summary');
  if (!table) return undefined;
  const rows = summaryRows(table);
  const col = table.columns.findIndex((c) => c.year);
  if (col < 0 || !rows.original) return undefined;
  const at = (row?: (typeof rows)['original']) => (row ? (valueOf(row, col) ?? undefined) : undefined);
  return {
    originalBudget: at(rows.original),
    otherChanges: at(rows.other) ?? ZERO,
    transfers: at(rows.transfers) ?? ZERO,
  };
}

export function reportYears(check: CheckResult): { key: string; label: string }[] {
  const collect = (kinds: Table['kind'][]) => {
    const keys = new Map<string, string>();
    for (const t of check.tables)
      if (kinds.includes(t.kind))
        for (const c of t.columns) if (c.year && c.key.startsWith('year:')) keys.set(c.key, c.year);
    return [...keys.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, label]) => ({ key, label }));
  };
  const fromAppendices = collect(['growth', 'savings']);
  return fromAppendices.length ? fromAppendices : collect(['budget-summary']);
}

/** A figure per report year for one line or one department, cumulative (the full-year effect against the base year), in £000. */
export type Cumulative = (Decimal | null)[];

/** A row of an appendix as cumulative £000 per report year, whatever basis the appendix states. */
export function cumulativeFor(
  table: Table,
  years: { key: string }[],
  valueAt: (col: number) => Decimal | null,
): Cumulative {
  const toThousands = new Decimal(table.scale).div(1000);
  const perYear = years.map((y) => {
    const c = columnIndex(table, y.key);
    const v = c < 0 ? null : valueAt(c);
    return v ? v.times(toThousands) : null;
  });
  if ((table.basis?.basis ?? 'cumulative') === 'cumulative') return perYear;
  return runningTotal(perYear);
}

function runningTotal(line: Line): Line {
  const out: Line = [];
  line.forEach((v, i) => (out[i] = i === 0 ? v : plus(out[i - 1]!, v)));
  return out;
}

function increments(cumulative: Cumulative): Line {
  return cumulative.map((v, i) =>
    i === 0 ? v : plus(v, cumulative[i - 1] === null ? null : cumulative[i - 1]!.negated()),
  );
}

function workbookLine(
  check: CheckResult,
  role: 'growth' | 'savings' | 'other' | 'transfers',
  years: { key: string }[],
): Line | null {
  const table = first(check, 'budget-summary');
  const row = table && summaryRows(table)[role];
  if (!table || !row) return null;
  return years.map((y) => {
    const c = columnIndex(table, y.key);
    return c < 0 ? null : valueOf(row, c);
  });
}

const plus = (...xs: (Decimal | null)[]) =>
  xs.some((x) => x === null) ? null : xs.reduce<Decimal>((s, x) => s.plus(x!), ZERO);

/** Everything the budget summary starts from: years, year 1's inputs, and the department's cumulative growth and savings. */
export interface BudgetInputs {
  department?: string;
  years: { key: string; label: string }[];
  originalBudget: Decimal;
  other: Line;
  transfers: Line;
  growth: Cumulative;
  savings: Cumulative;
  inputsFrom: string;
  notes: string[];
}

/** The department's own growth or savings, cumulative £000 for each year: from its appendix, else from its budget summary, else 0 (saying so). */
export function departmentCumulative(
  check: CheckResult,
  kind: 'growth' | 'savings',
  years: { key: string }[],
  notes: string[],
): Cumulative {
  const table = first(check, kind);
  if (table) {
    const figures = departmentFigures(table, check.department);
    return cumulativeFor(table, years, (c) => figures[c] ?? null);
  }
  const fromSummary = workbookLine(check, kind, years);
  if (fromSummary) return runningTotal(fromSummary);
  notes.push(`No ${kind} appendix was found: ${kind} is shown as 0.`);
  return years.map(() => ZERO);
}

export function budgetInputs(check: CheckResult, entered: YearOneInputs = {}): BudgetInputs | { missing: string } {
  const years = reportYears(check);
  if (years.length === 0)
    return {
      missing:
        'no growth, savings or budget summary table with year columns was found, so there are no years to summarise',
    };
  const typed = entered.originalBudget !== undefined;
  const inputs = typed ? entered : yearOneFromWorkbook(check);
  if (!inputs?.originalBudget) {
    return {
      missing:
        "year 1's updated original budget is needed: the workbook has no budget summary, so enter it (and other changes and transfers, if any)",
    };
  }
  const notes: string[] = [];
  const later = (role: 'other' | 'transfers', yearOne: Decimal | undefined): Line => {
    const fromBook = workbookLine(check, role, years);
    return years.map((_, i) => (i === 0 ? (yearOne ?? ZERO) : (fromBook?.[i] ?? ZERO)));
  };
  const cumulative = (kind: 'growth' | 'savings') => departmentCumulative(check, kind, years, notes);
  return {
    department: check.department,
    years,
    originalBudget: inputs.originalBudget,
    other: later('other', inputs.otherChanges),
    transfers: later('transfers', inputs.transfers),
    growth: cumulative('growth'),
    savings: cumulative('savings'),
    inputsFrom: typed ? 'entered by the user' : "the workbook's budget summary",
    notes,
  };
}

/**
 * The budget chain, the one place it is worked out: growth and savings lines are the year-on-year
 * increments of the cumulative figures; each later year starts from the year before's proposed budget.
 */
export function chainBudget(
  base: BudgetInputs,
  growth: Cumulative = base.growth,
  savings: Cumulative = base.savings,
): BudgetSummary {
  const growthLine = increments(growth);
  const savingsLine = increments(savings);
  const original: Line = [];
  const subtotal: Line = [];
  const proposed: Line = [];
  base.years.forEach((_, i) => {
    // Year 1 starts from its input; each later year carries the year before's proposed budget forward.
    original[i] = i === 0 ? base.originalBudget : proposed[i - 1]!;
    const year = chainYear({
      original: original[i],
      other: base.other[i],
      transfers: base.transfers[i],
      growth: growthLine[i],
      savings: savingsLine[i],
    });
    subtotal[i] = year.subtotal;
    proposed[i] = year.proposed;
  });
  return {
    department: base.department,
    years: base.years.map((y) => y.label),
    original,
    other: base.other,
    transfers: base.transfers,
    subtotal,
    growth: growthLine,
    savings: savingsLine,
    proposed,
    inputsFrom: base.inputsFrom,
    notes: base.notes,
  };
}

/**
 * The department budget summary in the house layout: year 1's inputs, growth and savings as
 * year-on-year increments of the department's own appendix totals, later years chained from the
 * year before. Returns a reason instead when year 1's updated original budget is unknown.
 */
export function budgetSummary(check: CheckResult, entered: YearOneInputs = {}): BudgetSummary | { missing: string } {
  const base = budgetInputs(check, entered);
  return 'missing' in base ? base : chainBudget(base);
}

export function budgetSummaryBlock(s: BudgetSummary): Block {
  const span = s.years.length > 1 ? `${s.years[0]} - ${s.years[s.years.length - 1]}` : s.years[0];
  return [
    [text(s.department ? `${s.department} DEPARTMENT` : 'DEPARTMENT', { bold: true })],
    title(`MTFS ${span} BUDGET SUMMARY`),
    headings(
      '',
      s.years.map((y) => `${y} £000`),
    ),
    moneyRow('Updated original budget', s.original),
    moneyRow('Other changes', s.other),
    moneyRow('Budget Transfers and Adjustments', s.transfers),
    moneyRow('Sub Total', s.subtotal, true),
    moneyRow('Add proposed growth (Appendix B)', s.growth),
    moneyRow('Less proposed savings (Appendix B)', s.savings),
    moneyRow('Proposed/Provisional budget (Appendix A)', s.proposed, true),
    ...s.notes.map((note) => [text(note, { italic: true })]),
  ];
}

export interface NetBudget {
  year?: string;
  employees: Decimal | null;
  running: Decimal | null;
  gross: Decimal | null;
  income: Decimal | null;
  net: Decimal | null;
}

/**
 * The net budget from Appendix A's grand total, in £000. Each line is rounded to £000 and the
 * totals are sums of the rounded lines, so the table adds up as printed (Gross Costs 74,500).
 */
export function netBudget(check: CheckResult): NetBudget | { missing: string } {
  const revenue = first(check, 'revenue-budget');
  const grand = revenue && grandTotal(revenue);
  if (!revenue || !grand) return { missing: 'no revenue budget (Appendix A) with a grand total was found' };
  const toThousands = new Decimal(revenue.scale).div(1000);
  const col = (key: string) => {
    const i = columnIndex(revenue, key);
    const v = i >= 0 ? valueOf(grand, i) : ZERO;
    return v === null ? null : v.times(toThousands);
  };
  const round = (v: Decimal | null) => (v === null ? null : v.toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
  const employees = round(col('employees'));
  const running = round(col('running'));
  const income = round(plus(col('external-income'), col('internal-income')));
  const gross = plus(employees, running);
  const net = plus(gross, income);
  const year = /(?:19|20)\d\d\/\d\d/.exec(revenue.title.join(' '))?.[0];
  return { year, employees, running, gross, income, net };
}

/** What the workbook's own net budget table shows, for comparison in the task pane. */
export function workbookNetBudget(check: CheckResult): NetBudget | undefined {
  const table = first(check, 'net-budget');
  if (!table) return undefined;
  const rows = netBudgetRows(table);
  const v = (r?: (typeof rows)['net']) => (r ? valueOf(r, 0) : null);
  return {
    employees: v(rows.employees),
    running: v(rows.running),
    gross: v(rows.gross),
    income: v(rows.income),
    net: v(rows.net),
  };
}

export function netBudgetBlock(n: NetBudget): Block {
  return [
    title(`NET BUDGET${n.year ? ` ${n.year}` : ''}`),
    headings('', ['£000']),
    moneyRow('Employees', [n.employees]),
    moneyRow('Running Costs', [n.running]),
    moneyRow('Gross Costs', [n.gross], true),
    moneyRow('Income', [n.income]),
    moneyRow('Net Budget', [n.net], true),
  ];
}
