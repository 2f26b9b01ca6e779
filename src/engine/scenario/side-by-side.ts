import type { Decimal } from '../money';
import { planIds, runScenario, type Scenario, type ScenarioLine, type ScenarioOutcome } from '.';

/** One column of a side-by-side comparison: the published plan, or a saved scenario as it applies to this workbook. */
export interface ScenarioColumn {
  name: string;
  included: ReadonlySet<string>;
  target: readonly (Decimal | null)[];
}

export interface ComparedColumn {
  name: string;
  outcome: ScenarioOutcome;
  target: (Decimal | null)[];
  /** Proposed budget less the published plan's, each year (null where either is unknown). */
  fromPlan: (Decimal | null)[];
}

/** A line switched differently in at least two of the columns. */
export interface LineDifference {
  line: ScenarioLine;
  /** Whether each column has the line in its budget. */
  in: boolean[];
}

export interface SideBySide {
  years: string[];
  columns: ComparedColumn[];
  differences: LineDifference[];
}

export const PLAN_NAME = 'Published plan';

/** The published plan as a column: every plan line in, no proposal, no target. */
export function planColumn(s: Scenario): ScenarioColumn {
  return { name: PLAN_NAME, included: planIds(s), target: [] };
}

/**
 * Scenarios side by side, year by year: each one's budget and gap to its target, how far it is from the published
 * plan, and the lines they switch differently. The budgets are runScenario's, so each column is exactly what that
 * scenario shows on its own.
 */
export function sideBySide(s: Scenario, columns: readonly ScenarioColumn[]): SideBySide {
  const plan = runScenario(s, planIds(s)).budget.proposed;
  const compared = columns.map((c) => {
    const target = s.base.years.map((_, y) => c.target[y] ?? null);
    const outcome = runScenario(s, c.included, target);
    const fromPlan = outcome.budget.proposed.map((p, y) => {
      const base = plan[y];
      return p === null || base === null || base === undefined ? null : p.minus(base);
    });
    return { name: c.name, outcome, target, fromPlan };
  });
  const differences: LineDifference[] = [];
  for (const line of s.lines) {
    const inn = columns.map((c) => c.included.has(line.id));
    if (inn.some((v) => v !== inn[0])) differences.push({ line, in: inn });
  }
  return { years: s.base.years.map((y) => y.label), columns: compared, differences };
}
