import type { Decimal } from '../../engine/money';
import type { BudgetSummary } from '../../engine/report/budget';
import { budgetBridge, bridgeBalances, stackedBars } from '../../engine/report/bridge';
import { planIds, type Scenario, type ScenarioLine, type ScenarioOutcome } from '../../engine/scenario';
import { moneyField, moneyText, type MoneyField } from './fields';

/**
 * What the user switched, as changes from the published plan: plan lines switched out, proposals switched in.
 * Kept as ids, so the choices survive re-reading the workbook (after writing a report, or "Check again").
 */
export interface ScenarioChoices {
  out: ReadonlySet<string>;
  in: ReadonlySet<string>;
}

export const PLAN: ScenarioChoices = { out: new Set(), in: new Set() };

/** The lines switched in: the published plan, less what was switched out, plus what was switched in. */
export function includedIds(scenario: Scenario, choices: ScenarioChoices): Set<string> {
  const included = planIds(scenario);
  for (const id of choices.out) included.delete(id);
  for (const line of scenario.lines) if (!line.inPlan && choices.in.has(line.id)) included.add(line.id);
  return included;
}

/** Switches one line in or out. */
export function switchLine(
  choices: ScenarioChoices,
  line: Pick<ScenarioLine, 'id' | 'inPlan'>,
  on: boolean,
): ScenarioChoices {
  return switchLines(choices, [line], on);
}

/** Switches lines in or out together (a section, a table, the lines a search found). */
export function switchLines(
  choices: ScenarioChoices,
  lines: Iterable<Pick<ScenarioLine, 'id' | 'inPlan'>>,
  on: boolean,
): ScenarioChoices {
  const out = new Set(choices.out);
  const inn = new Set(choices.in);
  for (const line of lines) {
    if (line.inPlan) {
      if (on) out.delete(line.id);
      else out.add(line.id);
    } else if (on) inn.add(line.id);
    else inn.delete(line.id);
  }
  return { out, in: inn };
}

/** Whether a line is switched in under these choices. */
export function isOn(choices: ScenarioChoices, line: Pick<ScenarioLine, 'id' | 'inPlan'>): boolean {
  return line.inPlan ? !choices.out.has(line.id) : choices.in.has(line.id);
}

/** The target budget per year as the engine reads it: null where no target (or an unreadable one) is set. */
export function targetValues(targets: MoneyField[], years: number): (Decimal | null)[] {
  return Array.from({ length: years }, (_, i) => targets[i]?.value ?? null);
}

export function editTarget(targets: MoneyField[], year: number, text: string): MoneyField[] {
  const next = [...targets];
  next[year] = moneyField(text, { example: '33,500' });
  return next;
}

export type LineGroup = 'growth' | 'savings' | 'proposal';

export const GROUP_TITLES: Record<LineGroup, string> = {
  growth: 'Growth (Appendix B)',
  savings: 'Savings (Appendix B)',
  proposal: 'Commercial proposals (as income)',
};

export interface SwitchItem {
  id: string;
  /** "G20 Data Integrity & Systems Resilience": the switch's label. */
  label: string;
  /** "Transformation" for a savings line, "Priority 1, reward 81.0" for a proposal. */
  section?: string;
  /** "200 · 200 · 200 · 200": its effect each year, cumulative, £000. */
  effect: string;
  on: boolean;
  sheet: string;
  cell: string;
}

export interface SwitchGroup {
  group: LineGroup;
  title: string;
  items: SwitchItem[];
}

/** The lines grouped growth, savings, proposals, each with its switch's state and words. */
export function switchGroups(scenario: Scenario, included: ReadonlySet<string>): SwitchGroup[] {
  return (['growth', 'savings', 'proposal'] as LineGroup[])
    .map((group) => ({
      group,
      title: GROUP_TITLES[group],
      items: scenario.lines
        .filter((l) => l.source === group)
        .map((l) => ({
          id: l.id,
          label: [l.ref, l.label].filter(Boolean).join(' '),
          section: l.section,
          effect: l.effect.map((v) => (v ? moneyText(v) : '–')).join(' · '),
          on: included.has(l.id),
          sheet: l.sheet,
          cell: l.cell,
        })),
    }))
    .filter((g) => g.items.length > 0);
}

export interface YearTotal {
  year: string;
  proposed: string;
  /** The target as read, when one is set. */
  target: string | null;
  /** "200 over", "150 under", "On target"; null without a target. */
  gap: string | null;
  gapKind: 'over' | 'under' | 'on' | null;
}

/** The proposed budget and the gap to the target each year, in words. The engine did the sums. */
export function yearTotals(outcome: ScenarioOutcome, targets: (Decimal | null)[]): YearTotal[] {
  return outcome.budget.years.map((year, i) => {
    const proposed = outcome.budget.proposed[i];
    const gap = outcome.gap[i];
    const target = targets[i];
    const gapKind = gap === null ? null : gap.isZero() ? 'on' : gap.isPositive() ? 'over' : 'under';
    return {
      year,
      proposed: proposed ? moneyText(proposed) : 'not known',
      target: target ? moneyText(target) : null,
      gap: gap === null ? null : gapKind === 'on' ? 'On target' : `${moneyText(gap.abs())} ${gapKind}`,
      gapKind,
    };
  });
}

const NAMED = 8;

/** Lines by reference, the first few only when there are many: "G20, G21 and 1,204 more". */
function namesWords(lines: ScenarioLine[]): string {
  const names = lines.slice(0, lines.length > NAMED ? NAMED - 1 : NAMED).map((l) => l.ref ?? l.label);
  const more = lines.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more.toLocaleString('en-GB')} more` : names.join(', ');
}

/** What was switched, in a line: "Switched out: G20. Switched in: C2." or that it is the published plan. */
export function changesWords(outcome: ScenarioOutcome): string {
  const parts: string[] = [];
  if (outcome.switchedOut.length) parts.push(`Switched out: ${namesWords(outcome.switchedOut)}.`);
  if (outcome.switchedIn.length) parts.push(`Switched in: ${namesWords(outcome.switchedIn)}.`);
  return parts.length ? parts.join(' ') : 'The published plan: every growth and savings line in, no proposals.';
}

export interface BridgeBar {
  label: string;
  /** As shown, house style. */
  value: string;
  /** A level (the budget) or a change up or down. */
  kind: 'level' | 'up' | 'down';
  /** Where the bar starts and ends, for drawing only (the running budget before and after this step, £000). */
  from: number;
  to: number;
}

/**
 * The budget bridge's bars: the engine's steps and bars (budgetBridge, stackedBars), each change drawn from
 * the running budget before it to the running budget after it; numbers only for drawing. Null when a step is
 * unknown, or the steps do not add up to the last level.
 */
export function bridgeBars(budget: BudgetSummary): BridgeBar[] | null {
  const steps = budgetBridge(budget);
  if (!bridgeBalances(steps)) return null;
  const bars = stackedBars(steps);
  return steps.map((step, i) => ({
    label: step.label,
    value: moneyText(step.value!),
    kind: step.level ? 'level' : step.value!.isNegative() ? 'down' : 'up',
    from: bars[i].before.toNumber(),
    to: bars[i].after.toNumber(),
  }));
}
