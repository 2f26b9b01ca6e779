import { a1 } from '../a1';
import type { CheckResult } from '../check';
import { addCents, Decimal, exactCents, ZERO } from '../money';
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
  /** The id of the table it is a line of (growth and savings lines), so a whole table can be switched at once. */
  table?: string;
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
        table: table.id,
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

/** A line's effect in whole hundredths each year (NaN where not exact), worked out once per line. */
function centsOf(line: ScenarioLine): number[] {
  return line.effect.map((e) => (e === null || e === undefined ? NaN : exactCents(e.toNumber())));
}

/**
 * The scenario's totals kept up to date as lines are switched: a switch costs the lines it switches, not the whole
 * list, so a budget session can switch one line or a whole table of thousands and see the budget at once. Changes
 * are added in exact hundredths where a line's figures are whole hundredths (the house format's), as Decimals
 * otherwise; `outcome` is always what runScenario gives for the same lines switched.
 */
export class ScenarioTally {
  private readonly included: Set<string>;
  private readonly byId: Map<string, ScenarioLine>;
  private readonly cents = new Map<string, number[]>();
  /** Per year: hundredths switched on growth and savings, Decimals for lines not exact in hundredths, unknown years. */
  private readonly growth: Change[];
  private readonly savings: Change[];

  constructor(
    readonly scenario: Scenario,
    included: ReadonlySet<string> = planIds(scenario),
  ) {
    this.included = planIds(scenario);
    this.byId = new Map(scenario.lines.map((l) => [l.id, l]));
    const years = scenario.base.years.length;
    const fresh = () => Array.from({ length: years }, (): Change => ({ cents: 0, extra: ZERO, unknown: 0 }));
    this.growth = fresh();
    this.savings = fresh();
    const ids = new Set(included);
    this.set(
      scenario.lines.filter((l) => !ids.has(l.id)).map((l) => l.id),
      false,
    );
    this.set(
      scenario.lines.filter((l) => ids.has(l.id)).map((l) => l.id),
      true,
    );
  }

  has(id: string): boolean {
    return this.included.has(id);
  }

  /** Switches lines in (`on`) or out; ids of no line, or already so, are left alone. */
  set(ids: Iterable<string>, on: boolean): void {
    for (const id of ids) {
      const line = this.byId.get(id);
      if (!line || this.included.has(id) === on) continue;
      if (on) this.included.add(id);
      else this.included.delete(id);
      // A plan line switched out takes its effect away from growth or savings; a proposal switched in adds its
      // income to savings. Either way, switching in adds the line's effect and switching out takes it away.
      const fromPlan = line.inPlan ? !on : on;
      this.apply(line, line.source === 'growth' ? this.growth : this.savings, on ? 1 : -1, fromPlan ? 1 : -1);
    }
  }

  private apply(line: ScenarioLine, changes: Change[], sign: 1 | -1, unknown: 1 | -1): void {
    let cents = this.cents.get(line.id);
    if (!cents) this.cents.set(line.id, (cents = centsOf(line)));
    changes.forEach((c, y) => {
      const e = line.effect[y];
      if (e === null || e === undefined) {
        c.unknown += unknown;
        return;
      }
      const next = addCents(c.cents, sign * (cents[y] ?? NaN));
      if (Number.isNaN(next)) c.extra = sign === 1 ? c.extra.plus(e) : c.extra.minus(e);
      else c.cents = next;
    });
  }

  /** The budget with the lines as now switched, and the gap to `target`: the same as runScenario's. */
  outcome(target: (Decimal | null)[] = []): ScenarioOutcome {
    const s = this.scenario;
    const total = (base: Cumulative, changes: Change[]): Cumulative =>
      base.map((v, y) => {
        const c = changes[y];
        if (v === null || !c || c.unknown !== 0) return v === null || !c ? v : null;
        return c.cents === 0 && c.extra.isZero() ? v : v.plus(new Decimal(c.cents).div(100)).plus(c.extra);
      });
    const budget = chainBudget(s.base, total(s.base.growth, this.growth), total(s.base.savings, this.savings));
    const gap = budget.proposed.map((p, y) => (p === null || !target[y] ? null : p.minus(target[y])));
    const switchedOut = s.lines.filter((l) => l.inPlan && !this.included.has(l.id));
    const switchedIn = s.lines.filter((l) => !l.inPlan && this.included.has(l.id));
    return { budget, gap, switchedOut, switchedIn };
  }
}

interface Change {
  cents: number;
  extra: Decimal;
  unknown: number;
}
