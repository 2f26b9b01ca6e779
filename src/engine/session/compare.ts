import type { Decimal } from '../money';
import type { Scenario } from '../scenario';
import { planColumn, sideBySide, type ScenarioColumn, type SideBySide } from '../scenario/side-by-side';
import { listWords } from '../words';
import { findSaved, resolveScenario, type SavedScenario } from './scenarios';
import { sameWords } from './entries';

/** At most this many saved scenarios side by side (with the published plan, five column blocks: still readable). */
export const MAX_COMPARED = 4;

/** What was said about a scenario in the comparison: a line that moved, a target left out, or why it was not applied. */
export interface ScenarioNote {
  name: string;
  words: string;
}

export interface SavedComparison {
  /** The published plan first, then each scenario that applies to this workbook. */
  side: SideBySide;
  notes: ScenarioNote[];
  /** Scenarios not applied because lines they switched are no longer in the workbook, with which. */
  notApplied: ScenarioNote[];
}

/** Why these names cannot be compared, in words, or null. */
export function compareProblem(saved: readonly SavedScenario[], names: readonly string[]): string | null {
  if (names.length === 0) return 'Choose at least one saved scenario to compare with the published plan.';
  if (names.length > MAX_COMPARED)
    return `Choose at most ${MAX_COMPARED} saved scenarios to compare side by side (${names.length} were chosen).`;
  const unknown = names.filter((n) => !findSaved(saved, n));
  if (unknown.length)
    return `There is no saved scenario called ${listWords(unknown.map((n) => `“${n}”`))} in this workbook${saved.length ? ` (saved: ${listWords(saved.map((s) => `“${s.name}”`))})` : ''}.`;
  const twice = names.filter((n, i) => names.findIndex((m) => sameWords(m, n)) !== i);
  if (twice.length) return `“${twice[0]}” is chosen twice.`;
  return null;
}

/** "Not applied: G20 … is no longer in the workbook.": why a scenario is left out, in a sentence. */
export function notAppliedWords(missing: readonly string[]): string {
  return `not applied, because ${listWords([...missing])}. Save it again from the current workbook, or delete it.`;
}

/**
 * The published plan and the named saved scenarios side by side, each applied to the workbook as it is now. A
 * scenario with a line that is no longer there is not applied (never another line in its place): it is left out of
 * the columns and said in `notApplied`. Call compareProblem first for the names.
 */
export function compareSaved(
  scenario: Scenario,
  saved: readonly SavedScenario[],
  names: readonly string[],
): SavedComparison {
  const columns: ScenarioColumn[] = [planColumn(scenario)];
  const notes: ScenarioNote[] = [];
  const notApplied: ScenarioNote[] = [];
  for (const name of names) {
    const found = findSaved(saved, name);
    if (!found) continue;
    const resolved = resolveScenario(scenario, found);
    if (resolved.missing.length) {
      notApplied.push({ name: found.name, words: notAppliedWords(resolved.missing) });
      continue;
    }
    columns.push({ name: found.name, included: resolved.included, target: resolved.target });
    for (const note of resolved.notes) notes.push({ name: found.name, words: note });
  }
  return { side: sideBySide(scenario, columns), notes, notApplied };
}

const plain = (values: readonly (Decimal | null)[]) => values.map((v) => (v === null ? null : v.toFixed()));

/** The `mtfs scenario compare --json` document: figures as plain decimal text (£000), as `mtfs check --json` gives them. */
export function comparisonJson(compared: SavedComparison) {
  const { side } = compared;
  return {
    years: side.years,
    columns: side.columns.map((c) => ({
      name: c.name,
      proposed: plain(c.outcome.budget.proposed),
      fromPlan: plain(c.fromPlan),
      target: plain(c.target),
      gap: plain(c.outcome.gap),
      switchedOut: c.outcome.switchedOut.map((l) => l.id),
      switchedIn: c.outcome.switchedIn.map((l) => l.id),
    })),
    differences: side.differences.map((d) => ({
      line: d.line.id,
      ref: d.line.ref ?? null,
      label: d.line.label,
      source: d.line.source,
      in: d.in,
    })),
    notes: compared.notes,
    notApplied: compared.notApplied,
  };
}
