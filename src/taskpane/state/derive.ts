import {
  changesSheet,
  compareWorkbooks,
  PairingError,
  type ChangesResult,
  type PairingOverride,
} from '../../engine/changes';
import type { CheckResult } from '../../engine/check';
import type { SheetGrid } from '../../engine/grid';
import { planWrite, type WritePlan } from '../../engine/ownership';
import type { OutputSheet } from '../../engine/output';
import { buildReport } from '../../engine/report';
import { isoDay } from '../../engine/paper';
import { buildScenario, ScenarioTally, type Scenario, type ScenarioOutcome } from '../../engine/scenario';
import { scoreWorkbook, type PreviousScores, type ScoreResult } from '../../engine/scoring';
import { scenariosSheet } from '../../engine/report/scenarios-sheet';
import { compareProblem, compareSaved, type SavedComparison, type SessionRecord } from '../../engine/session';
import type { MoneyField } from './fields';
import { includedIds, targetValues, type ScenarioChoices } from './scenario';
import { sentence } from './words';
import type { WriteTarget } from './write';
import { yearOneInputs, type YearOneState } from './yearone';

/**
 * Everything the Score, Report, Scenario and Compare views show is worked out here from what the user chose,
 * by the engine: the session keeps the choices, and these functions keep what follows from them up to date.
 */

/** What the views' results depend on. */
export interface Choices {
  /** The workbook's sheets as last read, and which are the add-in's own. */
  listed: { name: string; owned: boolean }[] | null;
  /** The user's sheets (the engine's input): never the add-in's own report sheets. */
  inputs: SheetGrid[] | null;
  check: CheckResult | null;
  /** The name of the open workbook, for the Changes sheet. */
  workbookName: string | null;
  envelope: MoneyField;
  yearOne: YearOneState;
  choices: ScenarioChoices;
  targets: MoneyField[];
  /** The previous MTFS to compare with, checked. */
  previous: { name: string; check: CheckResult } | null;
  /** The user's corrections to the comparison's pairings, in the order made ("these two are / are not the same line"). */
  corrections: PairingOverride[];
  /** An earlier scoring workbook, scored: the Score view and the Proposal Scores sheet say what changed since. */
  previousScores: PreviousScores | null;
  /** What the workbook's record keeps: saved scenarios and sign-offs, as last read or written. */
  session: SessionRecord;
  /** The saved scenarios chosen to compare side by side with the published plan. */
  compared: string[];
}

/** What follows from them. */
export interface Results {
  scores: ScoreResult | null;
  scenario: Scenario | { missing: string } | null;
  outcome: ScenarioOutcome | null;
  changes: ChangesResult | null;
  /** Why the user's corrections cannot be applied, in words (then there is no comparison until one is undone). */
  correctionProblem: string | null;
  /** The published plan and the chosen saved scenarios side by side, or null when none is chosen. */
  comparison: SavedComparison | null;
  /** What writing each would do, as the engine plans it, against the sheets as last read (checked again just before writing). */
  plans: Partial<Record<WriteTarget, WritePlan>>;
}

export const NO_RESULTS: Results = {
  scores: null,
  scenario: null,
  outcome: null,
  changes: null,
  correctionProblem: null,
  comparison: null,
  plans: {},
};

/** The scores the report and the scenario use: only when the workbook has a Commercial Projects sheet. */
export function reportScores(scores: ScoreResult | null): ScoreResult | undefined {
  return scores?.proposalsSheet ? scores : undefined;
}

export type Outputs = { outputs: { sheet: OutputSheet; owned: boolean }[] } | { blocked: string };

/** Why a write cannot go ahead yet, in words (a field to correct, nothing to write), or null when it can. */
export function whyBlocked(target: WriteTarget, c: Choices, r: Results): string | null {
  if (!c.check) return 'Open a workbook first.';
  if (c.check.tables.length === 0) return 'The workbook has no MTFS table, so there is no report to write.';
  if (target === 'changes' && r.correctionProblem)
    return 'Undo the correction that cannot be applied, or clear your corrections, first.';
  if (target === 'changes') return r.changes && c.previous ? null : 'Choose the previous MTFS to compare with first.';
  if (target === 'scenarios') {
    if (!c.compared.length) return 'Choose one to four saved scenarios to compare side by side first.';
    if (!r.comparison)
      return r.scenario && 'missing' in r.scenario
        ? `The scenario cannot be worked out: ${r.scenario.missing}.`
        : 'Open a workbook first.';
    return r.comparison.side.columns.length > 1
      ? null
      : 'None of the chosen scenarios applies to this workbook as it is now (see why above).';
  }
  if (c.envelope.error) return `The investment envelope: ${c.envelope.error}`;
  const year = yearOneInputs(c.yearOne);
  if ('problem' in year) return year.problem;
  if (target === 'report') return null;
  if (!r.scenario || 'missing' in r.scenario)
    return r.scenario ? `The scenario cannot be worked out: ${r.scenario.missing}.` : 'Open a workbook first.';
  const wrongTarget = c.targets.find((t) => t?.error);
  return wrongTarget ? `A target budget: ${wrongTarget.error}` : null;
}

/** The sheets a write produces, from the current choices, or why it cannot be written yet, in words. */
export function outputsFor(target: WriteTarget, c: Choices, r: Results): Outputs {
  const blocked = whyBlocked(target, c, r);
  if (blocked) return { blocked };
  const check = c.check!;
  if (target === 'changes')
    return {
      outputs: [
        {
          sheet: changesSheet(r.changes!, { previous: c.previous!.name, current: c.workbookName ?? undefined }),
          owned: true,
        },
      ],
    };
  if (target === 'scenarios') {
    const compared = r.comparison!;
    const notes = [...compared.notes, ...compared.notApplied];
    return {
      outputs: [
        { sheet: scenariosSheet(compared.side, { department: check.department ?? undefined, notes }), owned: true },
      ],
    };
  }
  const year = yearOneInputs(c.yearOne);
  const yearOne = 'yearOne' in year ? year.yearOne : undefined;
  const scores = reportScores(r.scores);
  const previousScores = c.previousScores ?? undefined;
  const signOffs = c.session.signOffs;
  const paper = { source: c.workbookName ?? undefined, written: isoDay(new Date()) };
  if (target === 'report')
    return { outputs: buildReport(check, { yearOne, scores, previousScores, signOffs, paper }).sheets };
  const scenario = r.scenario as Scenario;
  const chosen = {
    scenario,
    included: includedIds(scenario, c.choices),
    target: targetValues(c.targets, scenario.base.years.length),
  };
  return { outputs: buildReport(check, { yearOne, scores, previousScores, scenario: chosen, signOffs, paper }).sheets };
}

/** The chosen saved scenarios side by side with the published plan; null when none is chosen (or none can be). */
function sideBySideOf(scenario: Results['scenario'], c: Choices): SavedComparison | null {
  if (!scenario || 'missing' in scenario || !c.compared.length) return null;
  if (compareProblem(c.session.scenarios, c.compared)) return null;
  return compareSaved(scenario, c.session.scenarios, c.compared);
}

/** The comparison with the user's corrections; a correction that cannot apply (a line no longer at its cell) leaves no comparison, and says why. */
function comparison(c: Choices): Pick<Results, 'changes' | 'correctionProblem'> {
  if (!c.previous || !c.check) return { changes: null, correctionProblem: null };
  try {
    return { changes: compareWorkbooks(c.previous.check, c.check, c.corrections), correctionProblem: null };
  } catch (e) {
    if (e instanceof PairingError) return { changes: null, correctionProblem: sentence(e.message) };
    throw e;
  }
}

function plansFor(c: Choices, r: Pick<Results, 'scores' | 'changes' | 'comparison'>): Results['plans'] {
  if (!c.listed || !c.check) return {};
  // The report and a scenario's report write the same sheets; only what is in them differs.
  const report = planWrite(c.listed, buildReport(c.check, { scores: reportScores(r.scores) }).sheets);
  const plans: Results['plans'] = { report, scenario: report };
  if (r.comparison) plans.scenarios = planWrite(c.listed, [{ sheet: scenariosSheet(r.comparison.side), owned: true }]);
  if (r.changes && c.previous)
    plans.changes = planWrite(c.listed, [
      { sheet: changesSheet(r.changes, { previous: c.previous.name }), owned: true },
    ]);
  return plans;
}

const tallies = new WeakMap<Scenario, { tally: ScenarioTally; choices: ScenarioChoices }>();

/** The scenario's running totals, brought to `choices` by switching only the lines that differ from the last choices. */
function tallyFor(scenario: Scenario, choices: ScenarioChoices): ScenarioTally {
  const kept = tallies.get(scenario);
  if (!kept) {
    const tally = new ScenarioTally(scenario, includedIds(scenario, choices));
    tallies.set(scenario, { tally, choices });
    return tally;
  }
  if (kept.choices !== choices) {
    const { out, in: inn } = kept.choices;
    kept.tally.set(
      [...out].filter((id) => !choices.out.has(id)),
      true,
    );
    kept.tally.set(
      [...choices.out].filter((id) => !out.has(id)),
      false,
    );
    kept.tally.set(
      [...inn].filter((id) => !choices.in.has(id)),
      false,
    );
    kept.tally.set(
      [...choices.in].filter((id) => !inn.has(id)),
      true,
    );
    kept.choices = choices;
  }
  return kept.tally;
}

/**
 * Brings the results up to date with the choices, working out again only what depends on something that changed
 * (the scenario's totals follow each switch through its ScenarioTally; scoring runs when the inputs or the envelope change).
 */
export function derive(prev: { c: Choices; r: Results } | null, c: Choices): Results {
  const p = prev?.c;
  const was = prev?.r ?? NO_RESULTS;
  const scores =
    p && p.inputs === c.inputs && p.envelope.value === c.envelope.value && was.scores
      ? was.scores
      : c.inputs
        ? scoreWorkbook(c.inputs, { envelope: c.envelope.value ?? undefined })
        : null;
  const yearOne = yearOneInputs(c.yearOne);
  const scenario =
    p && p.check === c.check && was.scores === scores && p.yearOne === c.yearOne && was.scenario
      ? was.scenario
      : c.check
        ? buildScenario(c.check, reportScores(scores), 'yearOne' in yearOne ? yearOne.yearOne : undefined)
        : null;
  const outcome =
    p && was.scenario === scenario && p.choices === c.choices && p.targets === c.targets && was.outcome
      ? was.outcome
      : scenario && !('missing' in scenario)
        ? tallyFor(scenario, c.choices).outcome(targetValues(c.targets, scenario.base.years.length))
        : null;
  const compared =
    p && p.previous === c.previous && p.check === c.check && p.corrections === c.corrections
      ? { changes: was.changes, correctionProblem: was.correctionProblem }
      : comparison(c);
  const changes = compared.changes;
  const side =
    p && was.scenario === scenario && p.session === c.session && p.compared === c.compared
      ? was.comparison
      : sideBySideOf(scenario, c);
  const plans =
    p &&
    p.listed === c.listed &&
    p.check === c.check &&
    was.scores?.proposalsSheet === scores?.proposalsSheet &&
    was.changes === changes &&
    was.comparison === side &&
    prev.r.plans.report
      ? was.plans
      : plansFor(c, { scores, changes, comparison: side });
  return { scores, scenario, outcome, ...compared, comparison: side, plans };
}
