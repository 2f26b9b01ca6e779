/**
 * What the pane's main thread and its worker say to each other. Everything here is plain data (structured-clone
 * safe: no Decimals, no classes), so the worker does the reading, checking, scoring and planning and the main thread
 * only draws. Figures cross as the words the views show.
 */
import type { PairingOverride } from '../../engine/changes';
import type { CompareView, CorrectionItem } from '../state/compare';
import type { FindingCard, FindingCounts } from '../state/findings';
import type { BudgetPreview } from '../state/report';
import type { BridgeBar, YearTotal } from '../state/scenario';
import type { ScoreView } from '../state/score';
import type { HostKind, PlanWords, WriteTarget } from '../state/write';
import type { YearOneKey } from '../state/yearone';

// ---- What the views show ---------------------------------------------------------------------

export interface TableLine {
  id: string;
  sheet: string;
  /** "Capital programme (Appendix C)". */
  kind: string;
  range: string;
  lines: number;
}

/** Whether the check has something to say in green: never for an empty workbook or one without MTFS tables. */
export type Verdict = 'errors' | 'clean' | 'no-tables' | 'empty';

export interface CheckModel {
  /** "7 tables, 0 errors, 10 warnings, 9 rounding differences". */
  summary: string;
  department: string | null;
  verdict: Verdict;
  counts: FindingCounts;
  tables: TableLine[];
  cards: FindingCard[];
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

export interface PaneViews {
  workbook: { name: string; canSave: boolean } | null;
  check: CheckModel | null;
  score: ScoreView | null;
  report: ReportModel | null;
  scenario: ScenarioModel | null;
  totals: TotalsModel | null;
  compare: CompareModel;
  writes: Record<WriteTarget, WriteModel>;
  written: { target: WriteTarget; sheets: string[]; message: string } | null;
  yearOne: YearOneTexts | null;
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
  | { kind: 'pair'; previous: string; current: string; same: boolean }
  | { kind: 'unpair'; correction: PairingOverride }
  | { kind: 'clear-corrections' }
  | { kind: 'write'; target: WriteTarget; confirmed: boolean }
  | { kind: 'dismiss-written' }
  | { kind: 'save' };

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
  | { type: 'port-reply'; id: number; ok: false; error: FailureWords };

export type PortMethod = 'readSheets' | 'listSheets' | 'writeSheets' | 'readFormulas';

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: FailureWords }
  | { type: 'progress'; done: number; total: number; stage: string }
  | { type: 'views'; views: Partial<PaneViews> }
  | { type: 'port'; id: number; method: PortMethod; args: unknown[] };
