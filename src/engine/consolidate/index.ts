import { departmentView, type CheckResult } from '../check';
import { itemAt } from '../collections';
import { Decimal, ZERO } from '../money';
import type { OutputSheet } from '../output';
import { composeSheet, headings, moneyRow, text, title, type Block } from '../report/blocks';
import {
  budgetSummary,
  departmentCumulative,
  netBudget,
  reportYears,
  type BudgetSummary,
  type Cumulative,
  type NetBudget,
  type YearOneInputs,
} from '../report/budget';
import { capitalSummaries } from '../report/capital';

export const COUNCIL_SHEET = 'Council Summary';

type Figures = (Decimal | null)[];

/** One department's summaries, on the council's years. */
export interface DepartmentSummary {
  name: string;
  /** The workbook it came from, when departments come from several files. */
  source?: string;
  budget: BudgetSummary | { missing: string };
  net: NetBudget | { missing: string };
  /** The department's own growth and savings, cumulative £000, on the council's years. */
  growth: Cumulative;
  savings: Cumulative;
  /** Each capital programme block's total, on the council's years, then the programme total. */
  capital: { name: string; figures: Figures }[];
}

export interface Consolidation {
  years: string[];
  departments: DepartmentSummary[];
  notes: string[];
}

export interface ConsolidationPart {
  check: CheckResult;
  source?: string;
  yearOne?: YearOneInputs;
}

function onYears(values: Figures, from: string[], years: string[]): Figures {
  return years.map((y) => {
    const i = from.indexOf(y);
    return i < 0 ? null : (values[i] ?? null);
  });
}

/** Every department of every part, each summarised exactly as its own report does, on the union of their years. */
export function consolidate(parts: ConsolidationPart[]): Consolidation {
  const views = parts.flatMap((p) => p.check.departments.map((d) => ({ view: departmentView(p.check, d), part: p })));
  const years = [...new Set(views.flatMap(({ view }) => reportYears(view).map((y) => y.label)))].sort();
  const notes: string[] = [];
  const departments = views.map(({ view, part }, i) => {
    const own = reportYears(view);
    const labels = own.map((y) => y.label);
    const budget = budgetSummary(view, part.yearOne);
    const name = view.department ?? `Department ${i + 1}`;
    if ('missing' in budget) notes.push(`${name}: budget summary left out of the council total: ${budget.missing}.`);
    else if (labels.join() !== years.join())
      notes.push(
        `${name} covers ${labels[0]} to ${labels[labels.length - 1]}; its other years are blank and the council totals for them are left blank.`,
      );
    const cumulative = (kind: 'growth' | 'savings') =>
      onYears(departmentCumulative(view, kind, own, []), labels, years);
    return {
      name,
      source: part.source,
      budget,
      net: netBudget(view),
      growth: cumulative('growth'),
      savings: cumulative('savings'),
      capital: capitalSummaries(view).map((c) => ({
        name: c.name,
        figures: [...onYears(c.total.slice(0, -1), c.years, years), c.total[c.total.length - 1] ?? null],
      })),
    };
  });
  notes.push(...countedTwice(departments));
  return { years, departments, notes };
}

/** The same department from several workbooks (two drafts, or a file given twice) would be added into the council total more than once: say so. */
function countedTwice(departments: DepartmentSummary[]): string[] {
  const byName = new Map<string, DepartmentSummary[]>();
  for (const d of departments) {
    const key = d.name.trim().toUpperCase();
    byName.set(key, [...(byName.get(key) ?? []), d]);
  }
  return [...byName.values()]
    .filter((same) => same.length > 1)
    .map((same) => {
      const where = same.map((d) => d.source ?? 'this workbook').join(', ');
      const { name } = itemAt(same, 0); // kept only when there are at least two
      return `${name} appears ${same.length} times (${where}) and each is added into the council totals; if they are versions of the same department, leave out all but one.`;
    });
}

/** Adds figure lists year by year, exactly; a year any of them leaves blank stays blank. */
export function addUp(lists: Figures[], length: number): Figures {
  return Array.from({ length }, (_, y) => {
    let total = ZERO;
    for (const list of lists) {
      const v = list[y];
      if (v === null || v === undefined) return null;
      total = total.plus(v);
    }
    return total;
  });
}

const BUDGET_LINES: [keyof BudgetSummary, string, boolean][] = [
  ['original', 'Updated original budget', false],
  ['other', 'Other changes', false],
  ['transfers', 'Budget Transfers and Adjustments', false],
  ['subtotal', 'Sub Total', true],
  ['growth', 'Add proposed growth (Appendix B)', false],
  ['savings', 'Less proposed savings (Appendix B)', false],
  ['proposed', 'Proposed/Provisional budget (Appendix A)', true],
];

function budgetBlock(c: Consolidation): Block {
  const withBudget = c.departments.filter((d) => !('missing' in d.budget));
  const line = (d: DepartmentSummary, key: keyof BudgetSummary) =>
    onYears((d.budget as BudgetSummary)[key] as Figures, (d.budget as BudgetSummary).years, c.years);
  const block: Block = [
    title('COUNCIL BUDGET SUMMARY, £000'),
    headings(
      '',
      c.years.map((y) => `${y} £000`),
    ),
  ];
  for (const d of withBudget) {
    block.push([text(d.name, { bold: true })]);
    for (const [key, label, bold] of BUDGET_LINES) block.push(moneyRow(label, line(d, key), bold));
  }
  block.push([text('COUNCIL TOTAL', { bold: true, underline: true })]);
  for (const [key, label, bold] of BUDGET_LINES)
    block.push(
      moneyRow(
        label,
        addUp(
          withBudget.map((d) => line(d, key)),
          c.years.length,
        ),
        bold,
      ),
    );
  return block;
}

const NET_LINES: [keyof NetBudget, string][] = [
  ['employees', 'Employees'],
  ['running', 'Running Costs'],
  ['gross', 'Gross Costs'],
  ['income', 'Income'],
  ['net', 'Net Budget'],
];

function netBlock(c: Consolidation): Block {
  const withNet = c.departments.filter((d) => !('missing' in d.net));
  const row = (d: DepartmentSummary) => NET_LINES.map(([key]) => (d.net as NetBudget)[key] as Decimal | null);
  return [
    title('NET BUDGET BY DEPARTMENT, £000'),
    headings(
      '',
      NET_LINES.map(([, label]) => label),
    ),
    ...withNet.map((d) => moneyRow(d.name, row(d))),
    moneyRow('Council total', addUp(withNet.map(row), NET_LINES.length), true),
  ];
}

function appendixBlock(c: Consolidation, kind: 'growth' | 'savings'): Block {
  const word = kind === 'growth' ? 'GROWTH' : 'SAVINGS';
  return [
    title(`${word} BY DEPARTMENT, £000, cumulative (each department's own items)`),
    headings(
      '',
      c.years.map((y) => `${y} £000`),
    ),
    ...c.departments.map((d) => moneyRow(d.name, d[kind])),
    moneyRow(
      `Council total ${kind}`,
      addUp(
        c.departments.map((d) => d[kind]),
        c.years.length,
      ),
      true,
    ),
  ];
}

function capitalBlock(c: Consolidation): Block {
  const width = c.years.length + 1;
  const block: Block = [
    title('CAPITAL PROGRAMME BY DEPARTMENT, £000'),
    headings('', [...c.years.map((y) => `${y} £000`), 'Total £000']),
  ];
  const departmentTotals: Figures[] = [];
  for (const d of c.departments) {
    if (!d.capital.length) continue;
    const total = addUp(
      d.capital.map((p) => p.figures),
      width,
    );
    departmentTotals.push(total);
    block.push(
      [text(d.name, { bold: true })],
      ...d.capital.map((p) => moneyRow(p.name, p.figures)),
      moneyRow(`Total ${d.name}`, total, true),
    );
  }
  block.push(moneyRow('Council total', addUp(departmentTotals, width), true));
  return block;
}

/** The council-wide summary: each department a row group, then the council total, every total an exact sum of the departments'. */
export function councilSheet(c: Consolidation): OutputSheet {
  const names = c.departments.map((d) => (d.source ? `${d.name} (${d.source})` : d.name));
  const blocks: Block[] = [
    [
      [text('COUNCIL-WIDE MTFS SUMMARY', { bold: true, underline: true })],
      [text(`${c.departments.length} departments: ${names.join('; ')}.`, { italic: true })],
      ...c.notes.map((n) => [text(n, { italic: true })]),
    ],
    budgetBlock(c),
    netBlock(c),
    appendixBlock(c, 'growth'),
    appendixBlock(c, 'savings'),
    capitalBlock(c),
  ];
  const { blockStarts: _, ...sheet } = composeSheet(COUNCIL_SHEET, blocks);
  return sheet;
}
