import { Decimal, ZERO } from '../money';
import type { BudgetSummary } from './budget';
import { headings, moneyRow, title, type Block } from './blocks';

export interface BridgeStep {
  label: string;
  value: Decimal | null;
  /** The first and last steps are levels (the budget), the others are changes. */
  level: boolean;
}

/** From year 1's Sub Total through each year's growth, savings and other changes to the last year's proposed budget. */
export function budgetBridge(s: BudgetSummary): BridgeStep[] {
  const steps: BridgeStep[] = [{ label: `Sub Total ${s.years[0]}`, value: s.subtotal[0], level: true }];
  s.years.forEach((year, i) => {
    if (i > 0) {
      const adjustments = s.other[i] && s.transfers[i] ? s.other[i]!.plus(s.transfers[i]!) : null;
      if (adjustments === null || !adjustments.isZero()) steps.push({ label: `Other changes and transfers ${year}`, value: adjustments, level: false });
    }
    steps.push({ label: `Growth ${year}`, value: s.growth[i], level: false });
    steps.push({ label: `Savings ${year}`, value: s.savings[i], level: false });
  });
  const last = s.years.length - 1;
  steps.push({ label: `Proposed budget ${s.years[last]}`, value: s.proposed[last], level: true });
  return steps;
}

export function bridgeBlock(s: BudgetSummary): Block {
  const steps = budgetBridge(s);
  return [
    title(`BUDGET BRIDGE ${s.years[0]} - ${s.years[s.years.length - 1]}, £000`),
    headings('', ['£000']),
    ...steps.map((step) => moneyRow(step.label, [step.value], step.level)),
  ];
}

/** True when the bridge's steps add up from its first level to its last, so the chart tells the truth. */
export function bridgeBalances(steps: BridgeStep[]): boolean {
  if (steps.some((s) => s.value === null)) return false;
  const changes = steps.slice(1, -1).reduce<Decimal>((sum, s) => sum.plus(s.value!), ZERO);
  return steps[0].value!.plus(changes).equals(steps[steps.length - 1].value!);
}
