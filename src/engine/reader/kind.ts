import type { HeaderCell } from '../headers';
import { Decimal } from '../money';
import type { TableKind, TableRow } from '../tables';
import { NET_BUDGET_LINES, rolesNamed, SUMMARY_LINES } from '../vocabulary';
import type { ColumnReading } from './columns';

/**
 * What kind of table it is. The house format's kinds (revenue budget, growth, savings, capital
 * programme, department budget summary, net budget) each need their own evidence — their headings,
 * their references, their lines; any other table of figures is a budget table, whose totals are
 * checked as the reader finds them.
 */

/** Every SUMMARY_LINES pattern needs one of these words; every NET_BUDGET_LINES pattern a label of 17 characters or fewer. */
const SUMMARY_WORD = /budget|changes|transfers|adjustments|total|growth|savings/i;
const mayBeSummaryLabel = (label: string) => SUMMARY_WORD.test(label);
const mayBeNetBudgetLabel = (label: string) => label.length <= 17;

export interface KindEvidence {
  columns: ColumnReading[];
  /** The first text of each body row. */
  labels: () => string[];
  title: string;
  /** The table's rows as read, for the references and classifications growth and savings carry. */
  rows: () => TableRow[];
}

function houseHeadings(columns: ColumnReading[]): HeaderCell[] {
  return columns.flatMap((c) => (c.heading.house ? [c.heading.house] : []));
}

export function tableKind(e: KindEvidence): TableKind {
  const headings = houseHeadings(e.columns);
  const keys = new Set(headings.flatMap((h) => (h.role === 'money' ? [h.key] : [])));
  const roles = new Set(headings.map((h) => h.role));
  const revenueKeys = ['employees', 'running', 'external-income', 'internal-income', 'net'].filter((k) => keys.has(k));
  if (revenueKeys.length >= 3) return 'revenue-budget';
  if (keys.has('gross') || roles.has('completion')) return 'capital-programme';
  if (rolesNamed(e.labels().filter(mayBeSummaryLabel), SUMMARY_LINES) >= 3) return 'budget-summary';
  if (rolesNamed(e.labels().filter(mayBeNetBudgetLabel), NET_BUDGET_LINES) >= 3) return 'net-budget';
  const years = e.columns.filter((c) => c.role === 'figures' && c.heading.year).length;
  if (years === 0) return 'budget-table';
  return growthOrSavings(e) ?? 'budget-table';
}

/**
 * Growth or savings: lines with references (G19, ** T24, D70 Eff/SR), a classification column, or
 * a title that says so. Which of the two, from the evidence; on a tie, from the sign of the figures.
 */
function growthOrSavings(e: KindEvidence): TableKind | null {
  const referenced = e.columns.some((c) => c.role === 'reference' || c.role === 'reference-and-classification');
  const classified = e.columns.some((c) => c.role === 'classification' || c.role === 'reference-and-classification');
  const titled = /saving|growth|pressure/i.test(e.title);
  const words = `${e.title} ${e.labels().join(' ')}`;
  // References alone are any list's (schemes CS01, cost centres A1001): they need the words to say growth or savings.
  const named = titled || /saving|growth|pressure/i.test(words);
  if (!classified && !named) return null;
  if (!referenced && !classified && !titled) return null;
  let savings = classified ? 3 : 0;
  let growth = 0;
  if (/saving/i.test(words)) savings += 2;
  if (/growth|pressure/i.test(words)) growth += 2;
  const lines = e.rows().filter((r) => r.type === 'line');
  for (const { ref, classification } of lines) {
    if (classification) savings += 2;
    if (ref && /^[TDEI]\d/i.test(ref)) savings += 1;
    if (ref && /^G\d/i.test(ref)) growth += 1;
  }
  if (savings !== growth) return savings > growth ? 'savings' : 'growth';
  let sign = new Decimal(0);
  for (const row of lines) for (const f of row.figures) if (f?.value) sign = sign.plus(f.value);
  return sign.isNegative() ? 'savings' : 'growth';
}

export function kindWords(kind: TableKind): string {
  return {
    'revenue-budget': 'revenue budget',
    growth: 'growth',
    savings: 'savings',
    'capital-programme': 'capital programme',
    'budget-summary': 'budget summary',
    'net-budget': 'net budget',
    'budget-table': 'budget',
  }[kind];
}
