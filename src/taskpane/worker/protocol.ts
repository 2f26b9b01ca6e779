/**
 * What the pane's main thread and its worker say to each other. Everything here is plain data (structured-clone
 * safe: no Decimals, no classes), so the worker does the reading, checking, scoring and planning and the main thread
 * only draws. Figures cross as the words the views show.
 */
import type { PairingOverride } from '../../engine/changes';
import type { MarkStatus } from '../../engine/session/signoffs';
import type { CompareView, CorrectionItem } from '../state/compare';
import type { FindingCard, FindingCounts } from '../state/findings';
import type { ReadingChange, ReadingCorrectionItem } from '../state/reading';
import type { ReadingCorrection } from '../../engine/reader/corrections';
import type { BudgetPreview } from '../state/report';
import type { BridgeBar, YearTotal } from '../state/scenario';
import type { ScoreView } from '../state/score';
import type { ScoreAnalysisView } from '../state/score-analysis';
import type { HostKind, PlanWords, WriteTarget } from '../state/write';
import type { YearOneKey } from '../state/yearone';

/** The stage the worker's progress names once the workbook is read and its tables are being checked. */
export const CHECKING_STAGE = 'Checking every total';

// ---- What the views show ---------------------------------------------------------------------

export interface TableLine {
  id: string;
  sheet: string;
  /** "Capital programme (Appendix C)". */
  kind: string;
  range: string;
  lines: number;
  /** What the reader is unsure of, in words (shown under the table's line). */
  questions: string[];
  /**
   * Whether how it was read can be shown and corrected: asked for with a 'reading' request when the user opens the
   * table (at 20,000 lines every table's reading would double what crosses to the pane). False while the check is
   * still reading the workbook.
   */
  readable: boolean;
}

/**
 * Whether the check has something to say in green: never for an empty workbook or one without MTFS tables, nor
 * while it is still reading the workbook ('checking': what it has found so far is shown).
 */
export type Verdict = 'errors' | 'clean' | 'no-tables' | 'empty' | 'checking';

export interface CheckModel {
  /** "7 tables, 0 errors, 10 warnings, 9 rounding differences". */
  summary: string;
  /** True while the check is still reading the workbook: what it has found so far (all of it in the whole check). */
  soFar: boolean;
  department: string | null;
  verdict: Verdict;
  counts: FindingCounts;
  /** The tables the reader is unsure of first. */
  tables: TableLine[];
  cards: FindingCard[];
  /** The user's corrections to how tables were read, kept in the workbook: each applied, or refused in words. */
  readingCorrections: ReadingCorrectionItem[];
  /** "1 explained, 1 to fix, 1 mark out of date", or '' when nothing is signed off. */
  signedOff: string;
  /** Damaged entries of the workbook's record, in words (the rest is used). */
  recordProblems: string[];
}

export interface ReportModel {
  budgetSheet: string | null;
  hasProposals: boolean;
  preview: BudgetPreview;
  notes: string[];
}

export type LineSource = 'growth' | 'savings' | 'proposal';

/** One line a scenario can switch, in words; its figures per year in the years' columns (£000, cumulative). */
export interface ScenarioLineItem {
  id: string;
  source: LineSource;
  /** "G20 Data Integrity & Systems Resilience". */
  label: string;
  /** The section heading it sits under, or the proposal's band. */
  section: string;
  /** The key of the table (or the proposals) it belongs to. */
  group: string;
  effect: string[];
  inPlan: boolean;
  sheet: string;
  cell: string;
}

export interface ScenarioGroupInfo {
  key: string;
  source: LineSource;
  /** "Growth (Appendix B), Growth!A4:F15". */
  title: string;
}

export type ScenarioModel =
  { missing: string } | { years: string[]; lines: ScenarioLineItem[]; groups: ScenarioGroupInfo[] };

export interface TotalsModel {
  totals: YearTotal[];
  /** "Switched out: G20. Switched in: C2." */
  changes: string;
  bars: BridgeBar[] | null;
}

export interface CompareModel {
  previousName: string | null;
  view: CompareView | null;
  corrections: CorrectionItem[];
  correctionProblem: string | null;
}

export interface WriteModel {
  plan: PlanWords | null;
  blocked: string | null;
}

/** Year 1's fields as the worker filled them in from the workbook (after opening, re-reading, or "Use the workbook's figures"). */
export interface YearOneTexts {
  texts: Record<YearOneKey, string>;
  fromWorkbook: boolean;
  edited: boolean;
}

/** A saved scenario, as the Options view lists it. */
export interface SavedScenarioItem {
  name: string;
  /** "1 Dec 2026". */
  saved: string;
  /** "Out: G20. In: C2. Targets: 2016/17 31,000." */
  words: string;
  /** Why it cannot be applied to the workbook as it is now (a line it switched is gone), or null. */
  notApplied: string | null;
}

/** One scenario's column of the side-by-side view: each year's figures in words. */
export interface SideColumn {
  name: string;
  proposed: string[];
  fromPlan: string[];
  target: string[];
  gap: string[];
}

export interface SideBySideModel {
  years: string[];
  columns: SideColumn[];
  /** Lines switched differently: "G20 Data Integrity …", its cell, and whether each column has it in its budget. */
  differences: { label: string; cell: string; in: boolean[] }[];
  /** What was found elsewhere, left out, or not applied, in words. */
  notes: string[];
}

/** What a budget session keeps in the workbook: saved scenarios, and the side-by-side of those chosen. */
export interface SessionModel {
  scenarios: SavedScenarioItem[];
  /** The Scenario tab's switches and targets now, in words: what "Save" would save. */
  current: string;
  side: SideBySideModel | null;
  /** False where the workbook cannot keep a record (never in either host today; said rather than failing). */
  canKeep: boolean;
}

export interface PaneViews {
  workbook: { name: string; canSave: boolean } | null;
  check: CheckModel | null;
  score: ScoreView | null;
  /**
   * The Score view's second part: how robust the order is to the weights, what it would take, who scored what and
   * what changed since an earlier scoring (null unless the proposals are scored). A view of its own, worked out after
   * the others once the figures are still (serve.ts): at a hundred proposals and an envelope it takes seconds, and the
   * ranking follows each key typed in the envelope without waiting for it.
   */
  scoreAnalysis: ScoreAnalysisView | null;
  /** The scores changed and their analysis is being worked out again: until it comes, the one shown is for the figures before. */
  scoreAnalysisWorking: boolean;
  report: ReportModel | null;
  scenario: ScenarioModel | null;
  totals: TotalsModel | null;
  compare: CompareModel;
  writes: Record<WriteTarget, WriteModel>;
  written: { target: WriteTarget; sheets: string[]; message: string } | null;
  yearOne: YearOneTexts | null;
  session: SessionModel | null;
}

/** A finding, as a mark names it: the same rule on the same cell. */
export interface FindingRef {
  rule: string;
  sheet: string;
  cell: string;
}

/** A saved scenario applied to the Scenario tab: its switches and targets, for the main thread to show at once. */
export interface UsedScenario {
  out: string[];
  in: string[];
  targets: string[];
  notes: string[];
}

// ---- Requests: main thread → worker ----------------------------------------------------------

export type Request =
  | { kind: 'open'; name: string; bytes: ArrayBuffer }
  | { kind: 'connect' }
  | { kind: 'reread' }
  | { kind: 'envelope'; text: string }
  | { kind: 'year-one'; key: YearOneKey; text: string }
  | { kind: 'year-one-reset' }
  | { kind: 'lines'; ids: string[]; on: boolean }
  | { kind: 'scenario-reset' }
  | { kind: 'target'; year: number; text: string }
  | { kind: 'previous'; name: string; bytes: ArrayBuffer }
  | { kind: 'previous-scores'; name: string; bytes: ArrayBuffer }
  | { kind: 'clear-previous-scores' }
  | { kind: 'pair'; previous: string; current: string; same: boolean }
  | { kind: 'unpair'; correction: PairingOverride }
  | { kind: 'clear-corrections' }
  | { kind: 'reading'; table: string }
  | { kind: 'read-as'; table: string; change: ReadingChange }
  | { kind: 'unread'; correction: ReadingCorrection }
  | { kind: 'write'; target: WriteTarget; confirmed: boolean }
  | { kind: 'dismiss-written' }
  | { kind: 'save' }
  | { kind: 'save-scenario'; name: string }
  | { kind: 'delete-scenario'; name: string }
  | { kind: 'use-scenario'; name: string }
  | { kind: 'compare-scenarios'; names: string[] }
  | { kind: 'mark'; finding: FindingRef; status: MarkStatus; note: string }
  | { kind: 'unmark'; finding: FindingRef };

/** What a write did: asked first (the add-in's own sheets would be replaced), or wrote. */
export type WriteOutcome = { confirm: string[] } | { written: true };

/** A failure, with whether its words are meant for users (an unreadable file, a refused write) or not. */
export interface FailureWords {
  name: string;
  message: string;
  plain: boolean;
}

// ---- Messages ---------------------------------------------------------------------------------

export type ToWorker =
  | { type: 'start'; host: HostKind }
  | { type: 'request'; id: number; request: Request }
  | { type: 'port-reply'; id: number; ok: true; value: unknown }
  | { type: 'port-reply'; id: number; ok: false; error: FailureWords }
  /** The views sent with `drawn` are on screen. */
  | { type: 'drawn'; drawn: number };

export type PortMethod = 'readSheets' | 'listSheets' | 'writeSheets' | 'readStore' | 'writeStore' | 'readFormulas';

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: FailureWords }
  | { type: 'progress'; done: number; total: number; stage: string }
  /** `drawn`: the worker waits to hear these views are drawn (see serve.ts). */
  | { type: 'views'; views: Partial<PaneViews>; drawn?: number }
  | { type: 'port'; id: number; method: PortMethod; args: unknown[] };
