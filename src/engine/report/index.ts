import { a1Range, a1 } from '../a1';
import { departmentView, type CheckResult } from '../check';
import { append } from '../collections';
import { consolidate, councilSheet, type ConsolidationPart } from '../consolidate';
import type { OutputSheet } from '../output';
import { onPaper, type PaperHeading } from '../paper';
import { appendixBlock, appendixSummaries, itemCountsBlock } from './appendices';
import { composeSheet, text, type Block } from './blocks';
import { BRIDGE_BAR_COLUMNS, bridgeBalances, bridgeBlock, budgetBridge } from './bridge';
import {
  budgetSummary,
  budgetSummaryBlock,
  netBudget,
  netBudgetBlock,
  type BudgetSummary,
  type NetBudget,
  type YearOneInputs,
} from './budget';
import { capitalBlock, capitalSummaries } from './capital';
import { findingsSheet } from './findings-sheet';
import { scoreSheets } from './scores-sheet';
import type { PreviousScores, ScoreResult } from '../scoring';
import type { Decimal } from '../money';
import { runScenario, type Scenario } from '../scenario';
import { scenarioBlock } from './scenario-block';
import { markFindings, type SignOff } from '../session/signoffs';

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
  /** A previous scoring workbook's scores: the Proposal Scores sheet then says what changed since. */
  previousScores?: PreviousScores;
  /** A what-if session's choices: its budget replaces the published plan's, with what changed and the gap to the target. */
  scenario?: { scenario: Scenario; included: ReadonlySet<string>; target?: (Decimal | null)[] };
  /** The workbook's sign-offs (session/signoffs.ts): the MTFS Findings sheet shows each finding's status and note. */
  signOffs?: readonly SignOff[];
  /** The workbook's name and the day it is written, for the printed footer. */
  paper?: Pick<PaperHeading, 'source' | 'written'>;
}

export interface Report {
  sheets: { sheet: OutputSheet; owned: boolean }[];
  budget: BudgetSummary | { missing: string };
  net: NetBudget | { missing: string };
  /** Why a table could not be written, in words. */
  notes: string[];
}

const missing = <T extends object>(x: T | { missing: string }): x is { missing: string } => 'missing' in x;

interface DepartmentPart {
  blocks: Block[];
  budget: BudgetSummary | { missing: string };
  net: NetBudget | { missing: string };
  notes: string[];
}

/** One department's blocks of the MTFS Summary: budget summary (or a scenario's), net budget, appendices, capital, bridge. */
function departmentPart(view: CheckResult, options: ReportOptions): DepartmentPart {
  const chosen =
    options.scenario && runScenario(options.scenario.scenario, options.scenario.included, options.scenario.target);
  const budget = chosen ? chosen.budget : budgetSummary(view, options.yearOne);
  const net = netBudget(view);
  const who = view.department ? `${view.department}: ` : '';
  const notes: string[] = [];
  const blocks: Block[] = [];
  if (missing(budget)) notes.push(`${who}Budget summary not written: ${budget.missing}.`);
  else blocks.push(budgetSummaryBlock(budget));
  if (chosen) blocks.push(scenarioBlock(chosen, options.scenario!.target ?? []));
  if (missing(net)) notes.push(`${who}Net budget not written: ${net.missing}.`);
  else blocks.push(netBudgetBlock(net));
  const appendices = appendixSummaries(view);
  append(blocks, appendices.map(appendixBlock));
  if (appendices.length) blocks.push(itemCountsBlock(appendices));
  append(blocks, capitalSummaries(view).map(capitalBlock));
  if (!missing(budget) && bridgeBalances(budgetBridge(budget))) blocks.push(bridgeBlock(budget));
  return { blocks, budget, net, notes };
}

/**
 * The MTFS Summary sheet: each department's blocks in turn, with a budget-bridge chart below the
 * bridge's figures when there is one department (its name kept in view, and atop each page).
 */
function summarySheet(parts: DepartmentPart[], heading: PaperHeading): OutputSheet {
  const notes = parts.flatMap((p) => p.notes);
  const blocks: Block[] = [
    ...(notes.length ? [notes.map((n) => [text(n, { italic: true })])] : []),
    ...parts.flatMap((p) => p.blocks),
  ];
  const only = parts.length === 1 && !notes.length ? parts[0] : undefined;
  const { blockStarts, ...sheet } = composeSheet(SUMMARY_SHEET, blocks, { freezeRows: only ? 1 : 0 });
  const bridgeStart = blockStarts[blockStarts.length - 1]; // the bridge, when there is one, is the last block
  if (only && bridgeStart !== undefined && !missing(only.budget) && bridgeBalances(budgetBridge(only.budget))) {
    // The waterfall shows Sub Total and each change: office-js cannot mark its last bar as a total, so
    // the proposed budget is where the last change ends. The stacked fallback shows every step.
    const first = bridgeStart + 2;
    const last = first + budgetBridge(only.budget).length - 1;
    const below = sheet.rows.length + 1;
    sheet.charts = [
      {
        title: 'Budget bridge, £000',
        kind: 'waterfall',
        range: a1Range(first, 0, last - 1, 1),
        anchor: a1(below, 0),
        to: a1(below + 22, Math.max(sheet.columnWidths.length, 4 + BRIDGE_BAR_COLUMNS) - 1),
        axes: { value: '£000' },
        stackedFallback: {
          range: a1Range(first, 4, last, 4 + BRIDGE_BAR_COLUMNS - 1),
          categories: a1Range(first, 0, last, 0),
        },
      },
    ];
  }
  return onPaper(sheet, heading, blockStarts);
}

/** The period the report covers: from the first year of any department's budget summary to the last. */
function paperHeading(
  parts: DepartmentPart[],
  department: string | undefined,
  paper: ReportOptions['paper'] = {},
): PaperHeading {
  const years = parts.flatMap((p) => (missing(p.budget) ? [] : p.budget.years)).sort();
  const period = years.length ? (years[0] === years.at(-1) ? years[0] : `${years[0]} - ${years.at(-1)}`) : undefined;
  return { department, period, ...paper };
}

/** Every sheet of a report laid out as a paper (those that lay out their own blocks already are). */
function onPapers(heading: PaperHeading, sheets: { sheet: OutputSheet; owned: boolean }[]) {
  return sheets.map((s) => ({ ...s, sheet: s.sheet.page ? s.sheet : onPaper(s.sheet, heading) }));
}

/** The department whose budget and net budget the report returns: its first (a workbook always has one). */
function firstPart(parts: DepartmentPart[]): DepartmentPart {
  const [first] = parts;
  if (!first) throw new Error('a report needs at least one department workbook');
  return first;
}

function departmentViews(check: CheckResult): CheckResult[] {
  return check.departments.length > 1 ? check.departments.map((d) => departmentView(check, d)) : [check];
}

/** Sheets the user keeps come first: a re-run re-adds the add-in's own sheets after them, in the same order. */
function ordered(sheets: { sheet: OutputSheet; owned: boolean }[]): { sheet: OutputSheet; owned: boolean }[] {
  return [...sheets.filter((s) => !s.owned), ...sheets.filter((s) => s.owned)];
}

/**
 * Builds the house-format report sheets from a checked workbook: pure data for any host to write.
 * A workbook holding several departments gets each department's summaries and a Council Summary;
 * year 1's typed inputs and a scenario apply when it holds one.
 */
export function buildReport(check: CheckResult, options: ReportOptions = {}): Report {
  const views = departmentViews(check);
  const several = views.length > 1;
  const parts = views.map((v) => departmentPart(v, several ? {} : options));
  const council = several ? consolidate([{ check }]) : null;
  const heading = paperHeading(parts, several ? 'Council' : check.department, options.paper);
  const sheets = onPapers(heading, [
    { sheet: summarySheet(parts, heading), owned: true },
    ...(council ? [{ sheet: councilSheet(council), owned: true }] : []),
    ...(options.scores ? scoreSheets(options.scores, options.previousScores, heading) : []),
    { sheet: findingsSheet(check, options.scores?.findings, options.signOffs), owned: true },
  ]);
  const notes = [...parts.flatMap((p) => p.notes), ...(council?.notes ?? [])];
  if (several && (options.yearOne || options.scenario))
    notes.push(
      'Year 1 inputs and scenarios apply to a workbook of one department; each department here uses its own budget summary.',
    );
  const { budget, net } = firstPart(parts);
  return { sheets: ordered(sheets), budget, net, notes };
}

/** A department workbook in a council report, with the sign-offs kept in it. */
export type CouncilInput = ConsolidationPart & { signOffs?: readonly SignOff[] };

/**
 * A council-wide report from several department workbooks: every department's summaries, the Council Summary and
 * every finding with its workbook and, where that workbook signed it off, its mark (matched within its own workbook:
 * two departments' "Growth" sheets are not one sheet).
 */
export function buildCouncilReport(inputs: CouncilInput[], paper: Pick<PaperHeading, 'written'> = {}): Report {
  const parts = inputs.flatMap((input) =>
    departmentViews(input.check).map((v) => departmentPart(v, { yearOne: input.yearOne })),
  );
  const findings = inputs.flatMap((input) =>
    markFindings(input.check.findings, input.signOffs ?? []).map((f) => ({ ...f, workbook: input.source })),
  );
  const council = consolidate(inputs);
  const heading = paperHeading(parts, 'Council', {
    source: inputs.length === 1 ? inputs[0]!.source : `${inputs.length} department workbooks`,
    ...paper,
  });
  const sheets = onPapers(heading, [
    { sheet: summarySheet(parts, heading), owned: true },
    { sheet: councilSheet(council), owned: true },
    {
      sheet: findingsSheet({ tables: inputs.flatMap((i) => i.check.tables), findings, department: 'COUNCIL' }),
      owned: true,
    },
  ]);
  const { budget, net } = firstPart(parts);
  return { sheets, budget, net, notes: [...parts.flatMap((p) => p.notes), ...council.notes] };
}
