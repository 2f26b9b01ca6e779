import { a1 } from '../a1';
import type { CheckResult } from '../check';
import type { Decimal } from '../money';
import {
  budgetInputs,
  chainBudget,
  cumulativeFor,
  type BudgetInputs,
  type BudgetSummary,
  type Cumulative,
  type YearOneInputs,
} from '../report/budget';
import type { ScoreResult } from '../scoring';
import { departmentScope } from '../summary';
import { valueOf } from '../validate';

/** One thing a session can switch in or out: a growth or savings line, or a commercial proposal as an income line. */
export interface ScenarioLine {
  id: string;
  source: 'growth' | 'savings' | 'proposal';
  ref?: string;
  label: string;
  section?: string;
  /** Where it is in the workbook, so the user can go to it. */
  sheet: string;
  cell: string;
  /** Its effect on the budget in each report year, cumulative, £000: growth adds, savings and income take away. */
  effect: Cumulative;
  /** In the published plan (appendix lines); proposals start out. */
  inPlan: boolean;
}

export interface Scenario {
  base: BudgetInputs;
  lines: ScenarioLine[];
}

export interface ScenarioOutcome {
  budget: BudgetSummary;
  /** Proposed budget above (positive) or below (negative) the target, each year; null where no target is set. */
  gap: (Decimal | null)[];
  switchedOut: ScenarioLine[];
  switchedIn: ScenarioLine[];
}

function appendixLines(check: CheckResult, base: BudgetInputs): ScenarioLine[] {
  const out: ScenarioLine[] = [];
  for (const table of check.tables) {
    if (table.kind !== 'growth' && table.kind !== 'savings') continue;
    const scope = departmentScope(table, check.department);
    table.rows.forEach((row, i) => {
      if (row.type !== 'line' || !scope[i]) return;
      out.push({
        id: `${table.sheet}!${a1(row.row, Math.max(row.labelCol, 0))}`,
        source: table.kind as 'growth' | 'savings',
        ref: row.ref,
        label: row.label,
        section: row.section,
        sheet: table.sheet,
        cell: a1(row.row, Math.max(row.labelCol, 0)),
        effect: cumulativeFor(table, base.years, (c) => valueOf(row, c)),
        inPlan: true,
      });
    });
  }
  return out;
}

/** A proposal's annual net return as income from year 1 onwards (its full-year effect); its investment is capital, not revenue. */
function proposalLines(scores: ScoreResult | undefined, years: number): ScenarioLine[] {
  if (!scores) return [];
  return scores.projects
    .filter((p) => p.gates.length === 0)
    .map((p) => ({
      id: `proposal:${p.ref}`,
      source: 'proposal' as const,
      ref: p.ref,
      label: p.project,
      section: `${p.band}, reward ${p.reward.toFixed(1)}`,
      sheet: p.sheet,
      cell: p.cells.annualReturn,
      effect: Array.from({ length: years }, () => p.annualReturn.negated()),
      inPlan: false,
    }));
}

/** The lines a budget-setting session can switch: the department's own growth and savings lines, and proposals no gate stops. */
export function buildScenario(
  check: CheckResult,
  scores?: ScoreResult,
  entered?: YearOneInputs,
): Scenario | { missing: string } {
  const base = budgetInputs(check, entered);
  if ('missing' in base) return base;
  return { base, lines: [...appendixLines(check, base), ...proposalLines(scores, base.years.length)] };
}

/** The ids switched in when a session starts: the published plan. */
export function planIds(s: Scenario): Set<string> {
  return new Set(s.lines.filter((l) => l.inPlan).map((l) => l.id));
}

function adjust(start: Cumulative, lines: ScenarioLine[], sign: 1 | -1): Cumulative {
  return start.map((v, y) => {
    let total = v;
    for (const line of lines) {
      const e = line.effect[y];
      total = total === null || e === null || e === undefined ? null : total.plus(sign === 1 ? e : e.negated());
    }
    return total;
  });
}

/**
 * The department's budget with some lines switched: the published totals less the plan lines
 * switched out, plus the proposals switched in, so with nothing switched it is exactly the
 * published budget summary.
 */
export function runScenario(
  s: Scenario,
  included: ReadonlySet<string>,
  target: (Decimal | null)[] = [],
): ScenarioOutcome {
  const switchedOut = s.lines.filter((l) => l.inPlan && !included.has(l.id));
  const switchedIn = s.lines.filter((l) => !l.inPlan && included.has(l.id));
  const of = (lines: ScenarioLine[], source: ScenarioLine['source'][]) =>
    lines.filter((l) => source.includes(l.source));
  const growth = adjust(s.base.growth, of(switchedOut, ['growth']), -1);
  const savings = adjust(adjust(s.base.savings, of(switchedOut, ['savings']), -1), of(switchedIn, ['proposal']), 1);
  const budget = chainBudget(s.base, growth, savings);
  const gap = budget.proposed.map((p, y) => (p === null || !target[y] ? null : p.minus(target[y])));
  return { budget, gap, switchedOut, switchedIn };
}
