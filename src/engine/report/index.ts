import { a1Range, a1 } from '../a1';
import type { CheckResult } from '../check';
import type { OutputSheet } from '../output';
import { appendixBlock, appendixSummaries, itemCountsBlock } from './appendices';
import { composeSheet, text, type Block } from './blocks';
import { bridgeBalances, bridgeBlock, budgetBridge } from './bridge';
import { budgetSummary, budgetSummaryBlock, netBudget, netBudgetBlock, type BudgetSummary, type NetBudget, type YearOneInputs } from './budget';
import { capitalBlock, capitalSummaries } from './capital';
import { findingsSheet } from './findings-sheet';
import { scoreSheets } from './scores-sheet';
import type { ScoreResult } from '../scoring';
import type { Decimal } from '../money';
import { runScenario, type Scenario } from '../scenario';
import { scenarioBlock } from './scenario-block';

export { FINDINGS_SHEET } from './findings-sheet';
export { SCORES_SHEET } from './scores-sheet';
export type { YearOneInputs } from './budget';
export { yearOneFromWorkbook } from './budget';

export const SUMMARY_SHEET = 'MTFS Summary';

export interface ReportOptions {
  /** Year 1's inputs typed by the user; otherwise they come from the workbook's own budget summary. */
  yearOne?: YearOneInputs;
  /** The proposals scored from the workbook's Commercial Projects sheet, when it has one. */
  scores?: ScoreResult;
  /** A what-if session's choices: its budget replaces the published plan's, with what changed and the gap to the target. */
  scenario?: { scenario: Scenario; included: ReadonlySet<string>; target?: (Decimal | null)[] };
}

export interface Report {
  sheets: { sheet: OutputSheet; owned: boolean }[];
  budget: BudgetSummary | { missing: string };
  net: NetBudget | { missing: string };
  /** Why a table could not be written, in words. */
  notes: string[];
}

const missing = <T extends object>(x: T | { missing: string }): x is { missing: string } => 'missing' in x;

/** Builds the house-format report sheets from a checked workbook: pure data for any host to write. */
export function buildReport(check: CheckResult, options: ReportOptions = {}): Report {
  const chosen = options.scenario && runScenario(options.scenario.scenario, options.scenario.included, options.scenario.target);
  const budget = chosen ? chosen.budget : budgetSummary(check, options.yearOne);
  const net = netBudget(check);
  const notes: string[] = [];
  const blocks: Block[] = [];
  if (missing(budget)) notes.push(`Budget summary not written: ${budget.missing}.`);
  else blocks.push(budgetSummaryBlock(budget));
  if (chosen) blocks.push(scenarioBlock(chosen, options.scenario!.target ?? []));
  if (missing(net)) notes.push(`Net budget not written: ${net.missing}.`);
  else blocks.push(netBudgetBlock(net));
  const appendices = appendixSummaries(check);
  blocks.push(...appendices.map(appendixBlock));
  if (appendices.length) blocks.push(itemCountsBlock(appendices));
  blocks.push(...capitalSummaries(check).map(capitalBlock));
  const bridge = !missing(budget) && bridgeBalances(budgetBridge(budget));
  if (bridge) blocks.push(bridgeBlock(budget as BudgetSummary));
  if (notes.length) blocks.unshift(notes.map((n) => [text(n, { italic: true })]));
  const summary = composeSheet(SUMMARY_SHEET, blocks, { freezeRows: 0 });
  const { blockStarts, ...sheet } = summary;
  if (bridge) {
    const start = blockStarts[blockStarts.length - 1];
    const steps = budgetBridge(budget as BudgetSummary).length;
    sheet.charts = [{ title: 'Budget bridge, £000', kind: 'waterfall', range: a1Range(start + 2, 0, start + 1 + steps, 1), anchor: a1(0, 7) }];
  }
  const sheets = [
    { sheet, owned: true },
    ...(options.scores ? scoreSheets(options.scores) : []),
    { sheet: findingsSheet(check, options.scores?.findings), owned: true },
  ];
  return {
    // Sheets the user keeps come first: a re-run re-adds the add-in's own sheets after them, in the same order.
    sheets: [...sheets.filter((s) => !s.owned), ...sheets.filter((s) => s.owned)],
    budget,
    net,
    notes,
  };
}
