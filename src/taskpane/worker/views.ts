/**
 * What each view shows, worked out in the worker from the workbench's state, in words: the main thread receives
 * these and only draws them. Each is worked out again only when what it depends on changed (compared by identity).
 */
import { checkSummary, firstFindings, type CheckResult, type CheckSoFar } from '../../engine/check';
import type { Decimal } from '../../engine/money';
import type { Scenario } from '../../engine/scenario';
import {
  markCounts,
  markCountWords,
  markFindings,
  NO_SESSION,
  resolveScenario,
  savedWords,
  dayWords,
  type SavedComparison,
  type SessionRecord,
} from '../../engine/session';
import { lineCount, TABLE_KIND_NAMES, type Table } from '../../engine/tables';
import { correctionsView, compareView } from '../state/compare';
import { reportScores, whyBlocked, type Choices, type Results } from '../state/derive';
import { plural } from '../../engine/words';
import { moneyText } from '../state/fields';
import { findingCards, findingCounts, tableTitle } from '../state/findings';
import { correctionItems, unsureFirst } from '../state/reading';
import { budgetPreview, budgetSummarySheet, reportNotes } from '../state/report';
import { scoreAnalysisView, type ScoreAnalysisView } from '../state/score-analysis';
import { bridgeBars, changesWords, GROUP_TITLES, targetValues, yearTotals } from '../state/scenario';
import { planWords, type WriteTarget } from '../state/write';
import type { YearOneState } from '../state/yearone';
import type {
  CheckModel,
  CompareModel,
  PaneViews,
  ReportModel,
  ScenarioGroupInfo,
  ScenarioModel,
  SessionModel,
  SideBySideModel,
  TableLine,
  TotalsModel,
  Verdict,
  WriteModel,
  YearOneTexts,
} from './protocol';

export function checkModel(check: CheckResult, sheetCount: number, session: SessionRecord = NO_SESSION): CheckModel {
  const counts = findingCounts(check.findings);
  const marked = markFindings(check.findings, session.signOffs);
  const verdict: Verdict =
    counts.error > 0 ? 'errors' : sheetCount === 0 ? 'empty' : check.tables.length === 0 ? 'no-tables' : 'clean';
  return {
    summary: checkSummary(check),
    soFar: false,
    department:
      check.department ??
      (check.departments.length > 1 ? `Council-wide: ${check.departments.length} departments` : null),
    verdict,
    counts,
    tables: tableLines(check.tables, true),
    cards: findingCards({ tables: check.tables, findings: marked }),
    readingCorrections: correctionItems(check),
    signedOff: markCountWords(markCounts(marked)),
    recordProblems: session.problems,
  };
}

/**
 * What the check has found so far, while it is still reading the workbook: the findings on the tables read (every
 * one of them is in the whole check's result too: see firstFindings), with the counts so far and no verdict yet.
 */
export function firstCheckModel(soFar: CheckSoFar, session: SessionRecord = NO_SESSION): CheckModel {
  const findings = firstFindings(soFar);
  const marked = markFindings(findings, session.signOffs);
  const read = `${soFar.done} of ${plural(soFar.sheets.length, 'sheet')}`;
  return {
    summary: `Still checking (${read} read): so far ${checkSummary({ tables: soFar.tables, findings })}`,
    soFar: true,
    department: null,
    verdict: findings.some((f) => f.severity === 'error') ? 'errors' : 'checking',
    counts: findingCounts(findings),
    tables: tableLines(soFar.tables, false),
    cards: findingCards({ tables: soFar.tables, findings: marked }),
    readingCorrections: [],
    signedOff: '',
    recordProblems: [],
  };
}

/** The tables found, one line each, those the reader is unsure of first. */
function tableLines(tables: readonly Table[], readable: boolean): TableLine[] {
  return unsureFirst(
    tables.map((t) => ({
      id: t.id,
      sheet: t.sheet,
      kind: TABLE_KIND_NAMES[t.kind],
      range: t.range,
      lines: lineCount(t),
      questions: t.reading?.questions ?? [],
      readable: readable && t.reading !== undefined,
    })),
  );
}

export function reportModel(c: Choices, r: Results): ReportModel | null {
  if (!c.check) return null;
  return {
    budgetSheet: budgetSummarySheet(c.check),
    hasProposals: Boolean(r.scores?.proposalsSheet),
    preview: budgetPreview(c.check, c.yearOne),
    notes: reportNotes(c.check, c.yearOne, reportScores(r.scores)),
  };
}

/** Whether the proposals were scored (not when there is no Commercial Projects sheet or a cell stops the scoring). */
export function analysable(r: Results): boolean {
  const scores = r.scores;
  return Boolean(scores?.proposalsSheet && scores.model && !scores.findings.some((f) => f.severity === 'error'));
}

/** How robust the order is, what it would take, who scored what and the changes since an earlier scoring. */
export function scoreAnalysisModel(c: Choices, r: Results): ScoreAnalysisView | null {
  return r.scores && analysable(r) ? scoreAnalysisView(r.scores, c.previousScores) : null;
}

export function scenarioModel(scenario: Scenario | { missing: string }, check: CheckResult): ScenarioModel {
  if ('missing' in scenario) return { missing: `The scenario cannot be worked out: ${scenario.missing}.` };
  const tables = new Map(check.tables.map((t) => [t.id, t]));
  const groups = new Map<string, ScenarioGroupInfo>();
  const lines = scenario.lines.map((l) => {
    const table = l.table ? tables.get(l.table) : undefined;
    const key = table ? `table:${table.id}` : `source:${l.source}`;
    if (!groups.has(key))
      groups.set(key, {
        key,
        source: l.source,
        title: table ? `${tableTitle(table)} on ${table.sheet}` : GROUP_TITLES[l.source],
      });
    return {
      id: l.id,
      source: l.source,
      label: [l.ref, l.label].filter(Boolean).join(' '),
      section: l.section ?? '',
      group: key,
      effect: l.effect.map((v) => (v ? moneyText(v) : '–')),
      inPlan: l.inPlan,
      sheet: l.sheet,
      cell: l.cell,
    };
  });
  return { years: scenario.base.years.map((y) => y.label), lines, groups: [...groups.values()] };
}

export function totalsModel(c: Choices, r: Results): TotalsModel | null {
  if (!r.outcome || !r.scenario || 'missing' in r.scenario) return null;
  return {
    totals: yearTotals(r.outcome, targetValues(c.targets, r.scenario.base.years.length)),
    changes: changesWords(r.outcome),
    bars: bridgeBars(r.outcome.budget),
  };
}

export function compareModel(c: Choices, r: Results): CompareModel {
  return {
    previousName: c.previous?.name ?? null,
    view: r.changes ? compareView(r.changes) : null,
    corrections: correctionsView(c.corrections, c.previous?.check ?? null, c.check),
    correctionProblem: r.correctionProblem,
  };
}

export function writesModel(c: Choices, r: Results): Record<WriteTarget, WriteModel> {
  const one = (target: WriteTarget): WriteModel => {
    // Without an MTFS table there is nothing to write: no plan is offered, only why.
    const plan = c.check?.tables.length ? r.plans[target] : undefined;
    return { plan: plan ? planWords(plan) : null, blocked: whyBlocked(target, c, r) };
  };
  return {
    report: one('report'),
    scenario: one('scenario'),
    changes: one('changes'),
    scenarios: one('scenarios'),
  };
}

export function yearOneTexts(state: YearOneState): YearOneTexts {
  const f = state.fields;
  return {
    texts: { originalBudget: f.originalBudget.text, otherChanges: f.otherChanges.text, transfers: f.transfers.text },
    fromWorkbook: state.fromWorkbook,
    edited: state.edited,
  };
}

const figures = (values: readonly (Decimal | null)[]) => values.map((v) => (v ? moneyText(v) : '–'));

export function sideBySideModel(compared: SavedComparison): SideBySideModel {
  const { side } = compared;
  return {
    years: side.years,
    columns: side.columns.map((c) => ({
      name: c.name,
      proposed: figures(c.outcome.budget.proposed),
      fromPlan: figures(c.fromPlan),
      target: figures(c.target),
      gap: figures(c.outcome.gap),
    })),
    differences: side.differences.map((d) => ({
      label: [d.line.ref, d.line.label].filter(Boolean).join(' '),
      cell: `${d.line.sheet}!${d.line.cell}`,
      in: d.in,
    })),
    notes: [...compared.notes, ...compared.notApplied].map((n) => `${n.name}: ${n.words}`),
  };
}

/** The Options view: the saved scenarios (each against the workbook as it is now), what Save would save, the side by side. */
export function sessionModel(c: Choices, r: Results, canKeep: boolean): SessionModel | null {
  if (!c.check) return null;
  const scenario = r.scenario && !('missing' in r.scenario) ? r.scenario : null;
  return {
    scenarios: c.session.scenarios.map((s) => {
      const missing = scenario ? resolveScenario(scenario, s).missing : [];
      return {
        name: s.name,
        saved: dayWords(s.savedAt),
        words: savedWords(s, moneyText),
        notApplied: missing.length ? `Not applied: ${missing.join('; ')}.` : null,
      };
    }),
    current: r.outcome ? changesWords(r.outcome) : 'The scenario cannot be worked out for this workbook.',
    side: r.comparison ? sideBySideModel(r.comparison) : null,
    canKeep,
  };
}

/** Remembers what was last sent, and gives only the views whose inputs changed since. */
export class ViewsSent {
  private last = new Map<keyof PaneViews, unknown[]>();

  /** Adds `key` to `out` when any of `deps` differs from what it was last time (by identity). */
  changed<K extends keyof PaneViews>(out: Partial<PaneViews>, key: K, deps: unknown[], make: () => PaneViews[K]): void {
    const before = this.last.get(key);
    if (before && before.length === deps.length && before.every((d, i) => d === deps[i])) return;
    this.last.set(key, deps);
    out[key] = make();
  }

  /** The view `key` was sent from elsewhere (the check's findings so far): the next call sends it again. */
  forget(key: keyof PaneViews): void {
    this.last.delete(key);
  }
}
