import { a1Range } from '../a1';
import { itemAt } from '../collections';
import type { ChartSpec } from '../output';
import { Decimal, ZERO } from '../money';
import type { BudgetSummary } from './budget';
import { figure, headings, moneyRow, text, title, type Block } from './blocks';

export interface BridgeStep {
  label: string;
  value: Decimal | null;
  /** The first and last steps are levels (the budget), the others are changes. */
  level: boolean;
}

/** From year 1's Sub Total through each year's growth, savings and other changes to the last year's proposed budget. */
export function budgetBridge(s: BudgetSummary): BridgeStep[] {
  // Each line has a figure for every year; one it lacked would be a blank step, like a blank figure.
  const at = (line: (Decimal | null)[], i: number) => line[i] ?? null;
  const steps: BridgeStep[] = [{ label: `Sub Total ${s.years[0]}`, value: at(s.subtotal, 0), level: true }];
  s.years.forEach((year, i) => {
    if (i > 0) {
      const other = at(s.other, i);
      const transfers = at(s.transfers, i);
      const adjustments = other && transfers ? other.plus(transfers) : null;
      if (adjustments === null || !adjustments.isZero())
        steps.push({ label: `Other changes and transfers ${year}`, value: adjustments, level: false });
    }
    steps.push({ label: `Growth ${year}`, value: at(s.growth, i), level: false });
    steps.push({ label: `Savings ${year}`, value: at(s.savings, i), level: false });
  });
  const last = s.years.length - 1;
  steps.push({ label: `Proposed budget ${s.years[last]}`, value: at(s.proposed, last), level: true });
  return steps;
}

/**
 * The bars of a bridge drawn as stacked columns: an invisible base lifts each change to the
 * running total it starts from; levels stand on the axis. Exact, from the Decimal steps.
 */
export interface StackedBar {
  base: Decimal;
  level: Decimal;
  increase: Decimal;
  decrease: Decimal;
  /** The running budget before and after the step (a level stands on the axis: 0 to the level). */
  before: Decimal;
  after: Decimal;
}

export function stackedBars(steps: BridgeStep[]): StackedBar[] {
  let running = ZERO;
  return steps.map((step) => {
    const v = step.value ?? ZERO;
    if (step.level) {
      running = v;
      return { base: ZERO, level: v, increase: ZERO, decrease: ZERO, before: ZERO, after: v };
    }
    const before = running;
    running = running.plus(v);
    const bar = v.gte(0)
      ? { base: before, level: ZERO, increase: v, decrease: ZERO }
      : { base: running, level: ZERO, increase: ZERO, decrease: v.negated() };
    return { ...bar, before, after: running };
  });
}

/** Columns C and D stay free; the chart's stacked-column bars sit in E to H, labelled as such. */
export const BRIDGE_BAR_COLUMNS = 4;

export function bridgeBlock(s: BudgetSummary): Block {
  const steps = budgetBridge(s);
  const bars = stackedBars(steps);
  const chartHeading = (h: string) => text(h, { italic: true, align: 'right', wrap: true });
  return [
    title(`BUDGET BRIDGE ${s.years[0]} - ${s.years[s.years.length - 1]}, £000`),
    [
      ...headings('', ['£000']),
      null,
      null,
      ...['Chart: base', 'Chart: level', 'Chart: increase', 'Chart: decrease'].map(chartHeading),
    ],
    ...steps.map((step, i) => {
      const bar = itemAt(bars, i); // one bar per step
      return [
        ...moneyRow(step.label, [step.value], step.level),
        null,
        null,
        ...[bar.base, bar.level, bar.increase, bar.decrease].map((v) => figure(v, { italic: true })),
      ];
    }),
  ];
}

/** True when the bridge's steps add up from its first level to its last, so the chart tells the truth. */
export function bridgeBalances(steps: BridgeStep[]): boolean {
  const first = steps[0]?.value;
  const last = steps[steps.length - 1]?.value;
  if (!first || !last || steps.some((s) => s.value === null)) return false;
  const changes = steps.slice(1, -1).reduce<Decimal>((sum, s) => sum.plus(s.value!), ZERO);
  return first.plus(changes).equals(last);
}

/**
 * The chart of a bridge block that starts at row `start` (its title; headings below it): the waterfall over Sub Total
 * and each change (office-js cannot mark the last bar as a total, so the proposed budget is where the last change
 * ends), and the stacked fallback over every step for hosts without a waterfall. As the MTFS Summary's bridge.
 */
export function bridgeChart(start: number, budget: BudgetSummary, title: string, anchor: string): ChartSpec {
  const first = start + 2;
  const last = first + budgetBridge(budget).length - 1;
  return {
    title,
    kind: 'waterfall',
    range: a1Range(first, 0, last - 1, 1),
    anchor,
    stackedFallback: {
      range: a1Range(first, 4, last, 4 + BRIDGE_BAR_COLUMNS - 1),
      categories: a1Range(first, 0, last, 0),
    },
  };
}
