import type { CheckResult } from '../../engine/check';
import { buildReport } from '../../engine/report';
import { budgetSummary, type BudgetSummary } from '../../engine/report/budget';
import type { ScoreResult } from '../../engine/scoring';
import { moneyText } from './fields';
import { yearOneInputs, type YearOneState } from './yearone';

/** One year of the budget summary as the Report and Scenario views show it (£000, house style). */
export interface BudgetYear {
  year: string;
  subtotal: string;
  growth: string;
  savings: string;
  proposed: string;
}

export type BudgetPreview = { years: BudgetYear[]; inputsFrom: string; notes: string[] } | { missing: string };

const show = (v: BudgetSummary['proposed'][number]) => (v ? moneyText(v) : '–');

export function budgetYears(s: BudgetSummary): BudgetYear[] {
  return s.years.map((year, i) => ({
    year,
    subtotal: show(s.subtotal[i]),
    growth: show(s.growth[i]),
    savings: show(s.savings[i]),
    proposed: show(s.proposed[i]),
  }));
}

/** The budget summary the report will write, from the engine, with year 1's inputs as the fields have them. */
export function budgetPreview(check: CheckResult, yearOne: YearOneState): BudgetPreview {
  const inputs = yearOneInputs(yearOne);
  if ('problem' in inputs) return { missing: "Correct year 1's figures above to see the budget summary." };
  const summary = budgetSummary(check, inputs.yearOne);
  if ('missing' in summary) return { missing: `The budget summary cannot be worked out: ${summary.missing}.` };
  return { years: budgetYears(summary), inputsFrom: summary.inputsFrom, notes: summary.notes };
}

/** The sheet holding the workbook's own budget summary, when it has one. */
export function budgetSummarySheet(check: CheckResult): string | null {
  return check.tables.find((t) => t.kind === 'budget-summary')?.sheet ?? null;
}

/** What the report will say it could not write, or how it reads the workbook (the engine's notes), before it is written. */
export function reportNotes(check: CheckResult, yearOne: YearOneState, scores: ScoreResult | undefined): string[] {
  const inputs = yearOneInputs(yearOne);
  if ('problem' in inputs) return [];
  return buildReport(check, { yearOne: inputs.yearOne, scores }).notes;
}
