import { Decimal } from '../money';
import { planIds, type Scenario, type ScenarioLine } from '../scenario';
import type { AddinStore } from '../store';
import { listWords } from '../words';
import { isDateText, isRecord, isText, readList, sameWords, withList, type ItemCheck, type ReadList } from './entries';

/**
 * Saved scenarios: a budget session's switches and targets under a name ("Option A: protect libraries"), kept in the
 * add-in's record under `scenarios`, so they come back when the workbook is opened again, in the pane and on the
 * command line. A scenario remembers each line it switched by its cell and by what the line was (reference and
 * description), so that when the MTFS changes it can tell a line that moved from one that is gone, and says so
 * rather than switch another line in its place.
 */

export const SCENARIOS_KEY = 'scenarios';
/** A name is a short title, not a paragraph. */
export const SCENARIO_NAME_MAX = 80;

export type SavedSource = ScenarioLine['source'];

/** A line a saved scenario switched, as it was when saved. */
export interface SavedLine {
  /** The line's id then: its description cell ("Growth!B8"), or "proposal:C2". */
  id: string;
  source: SavedSource;
  ref?: string;
  /** Its description then (a proposal's project name). */
  label: string;
}

export interface SavedScenario {
  name: string;
  /** When it was saved, ISO 8601. */
  savedAt: string;
  /** Lines of the published plan switched out. */
  out: SavedLine[];
  /** Proposals switched in (as income). */
  in: SavedLine[];
  /** Target budgets by year, £000, as plain decimal text. */
  targets: { year: string; value: string }[];
}

const SOURCES: readonly SavedSource[] = ['growth', 'savings', 'proposal'];

function checkLine(raw: unknown): SavedLine | string {
  if (!isRecord(raw)) return 'a line switched is not in the expected form';
  const { id, source, ref, label } = raw;
  if (!isText(id, 300) || !id) return 'a line switched has no cell';
  if (!SOURCES.includes(source as SavedSource)) return `the line at ${id} is not a growth, savings or proposal line`;
  if (ref !== undefined && !isText(ref, 300)) return `the line at ${id} has a reference that is not text`;
  if (!isText(label, 2000)) return `the line at ${id} has no description`;
  return { id, source: source as SavedSource, ...(ref !== undefined ? { ref } : {}), label };
}

function checkLines(raw: unknown, what: string, source: (s: SavedSource) => boolean): SavedLine[] | string {
  if (!Array.isArray(raw)) return `its lines switched ${what} are not a list`;
  const lines: SavedLine[] = [];
  for (const entry of raw) {
    const line = checkLine(entry);
    if (typeof line === 'string') return line;
    if (!source(line.source)) return `the line at ${line.id} cannot be switched ${what}`;
    lines.push(line);
  }
  return lines;
}

function checkTargets(raw: unknown): SavedScenario['targets'] | string {
  if (!Array.isArray(raw)) return 'its targets are not a list of years and figures';
  const targets: SavedScenario['targets'] = [];
  for (const t of raw) {
    if (!isRecord(t) || !isText(t.year, 40) || !t.year) return 'a target has no year';
    if (!isText(t.value, 40) || !/^-?\d+(\.\d+)?$/.test(t.value)) return `the target for ${t.year} is not a figure`;
    targets.push({ year: t.year, value: t.value });
  }
  return targets;
}

export const checkSavedScenario: ItemCheck<SavedScenario> = (raw) => {
  if (!isRecord(raw)) return { problem: 'it is not in the expected form' };
  const { name, savedAt } = raw;
  if (!isText(name, SCENARIO_NAME_MAX) || !name.trim()) return { problem: 'it has no name' };
  const at = (problem: string) => ({ problem: `"${name}": ${problem}` });
  if (!isDateText(savedAt)) return at('the date it was saved is missing');
  const out = checkLines(raw.out, 'out', (s) => s !== 'proposal');
  if (typeof out === 'string') return at(out);
  const inn = checkLines(raw.in, 'in', (s) => s === 'proposal');
  if (typeof inn === 'string') return at(inn);
  const targets = checkTargets(raw.targets);
  if (typeof targets === 'string') return at(targets);
  return { item: { name, savedAt, out, in: inn, targets } };
};

/** The saved scenarios in the record, each damaged one said in words; a name saved twice is used once. */
export function savedScenarios(store: AddinStore | null): ReadList<SavedScenario> {
  const read = readList(store, SCENARIOS_KEY, 'saved scenario', checkSavedScenario);
  const items: SavedScenario[] = [];
  for (const s of read.items) {
    if (items.some((o) => sameWords(o.name, s.name)))
      read.problems.push(`the scenario "${s.name}" is saved twice in this workbook's record; the first is used`);
    else items.push(s);
  }
  return { items, problems: read.problems };
}

/** What is wrong with a name for a scenario, in words, or null. */
export function scenarioNameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return 'Give the scenario a name, such as “Option A: protect libraries”.';
  if (n.length > SCENARIO_NAME_MAX) return `A scenario's name has at most ${SCENARIO_NAME_MAX} characters.`;
  return null;
}

function savedLine(l: ScenarioLine): SavedLine {
  return { id: l.id, source: l.source, ...(l.ref ? { ref: l.ref } : {}), label: l.label };
}

/** The session's switches and targets as a scenario to save. */
export function scenarioToSave(
  name: string,
  scenario: Scenario,
  included: ReadonlySet<string>,
  targets: readonly (Decimal | null)[],
  savedAt: string,
): SavedScenario {
  return {
    name: name.trim(),
    savedAt,
    out: scenario.lines.filter((l) => l.inPlan && !included.has(l.id)).map(savedLine),
    in: scenario.lines.filter((l) => !l.inPlan && included.has(l.id)).map(savedLine),
    targets: scenario.base.years.flatMap((y, i) => {
      const t = targets[i];
      return t ? [{ year: y.label, value: t.toFixed() }] : [];
    }),
  };
}

/** The record with `saved` in it, replacing a scenario of the same name; everything else kept. */
export function withSavedScenario(store: AddinStore | null, saved: SavedScenario): AddinStore {
  return withList(store, SCENARIOS_KEY, (raw) => isRecord(raw) && isText(raw.name) && sameWords(raw.name, saved.name), [
    saved,
  ]);
}

/** The record without the scenario of this name; everything else kept. */
export function withoutSavedScenario(store: AddinStore | null, name: string): AddinStore {
  return withList(store, SCENARIOS_KEY, (raw) => isRecord(raw) && isText(raw.name) && sameWords(raw.name, name), []);
}

export function findSaved(saved: readonly SavedScenario[], name: string): SavedScenario | undefined {
  return saved.find((s) => sameWords(s.name, name));
}

/** "G20 Data Integrity & Systems Resilience": a line by its reference and description. */
export function lineWords(line: { ref?: string; label: string }): string {
  return [line.ref, line.label].filter(Boolean).join(' ');
}

function sameLine(line: ScenarioLine, saved: SavedLine): boolean {
  return (
    line.source === saved.source && sameWords(line.ref ?? '', saved.ref ?? '') && sameWords(line.label, saved.label)
  );
}

/** A saved scenario against the workbook as it is now. */
export interface ResolvedScenario {
  saved: SavedScenario;
  /** The lines switched in, for runScenario and the tally: the plan less the lines out, plus the proposals in. */
  included: Set<string>;
  /** The targets for this workbook's years (null where none). */
  target: (Decimal | null)[];
  /** Lines the scenario switched that the workbook no longer has, in words: the scenario is not applied while there are any. */
  missing: string[];
  /** What was found elsewhere or left out, in words (a line that moved, a target for a year no longer covered). */
  notes: string[];
}

/**
 * Finds each line the scenario switched: at its cell when the line there is the same (reference and description);
 * otherwise the one line of the same kind with that reference and description (rows were inserted above it: it
 * moved, and the notes say where); otherwise it is missing, said in words, never another line in its place.
 */
export function resolveScenario(scenario: Scenario, saved: SavedScenario): ResolvedScenario {
  const byId = new Map(scenario.lines.map((l) => [l.id, l]));
  const missing: string[] = [];
  const notes: string[] = [];
  const find = (s: SavedLine): ScenarioLine | undefined => {
    const at = byId.get(s.id);
    if (at && sameLine(at, s)) return at;
    const alike = scenario.lines.filter((l) => sameLine(l, s));
    if (alike.length === 1 && alike[0]) {
      notes.push(`${lineWords(s)} has moved from ${s.id} to ${alike[0].id}; it is taken from there`);
      return alike[0];
    }
    if (s.source === 'proposal')
      missing.push(
        `the proposal ${lineWords(s)} is no longer offered (it is not on the Commercial Projects sheet, or a gate now stops it)`,
      );
    else if (at) missing.push(`${s.id} now holds ${lineWords(at)}, not ${lineWords(s)} as when the scenario was saved`);
    else missing.push(`${lineWords(s)} (at ${s.id} when the scenario was saved) is no longer in the workbook`);
    return undefined;
  };
  const included = planIds(scenario);
  for (const s of saved.out) {
    const line = find(s);
    if (line) included.delete(line.id);
  }
  for (const s of saved.in) {
    const line = find(s);
    if (line) included.add(line.id);
  }
  const years = scenario.base.years.map((y) => y.label);
  const target: (Decimal | null)[] = years.map(() => null);
  const gone: string[] = [];
  for (const t of saved.targets) {
    const i = years.findIndex((y) => sameWords(y, t.year));
    const value = new Decimal(t.value);
    if (i >= 0) target[i] = value;
    else gone.push(t.year);
  }
  if (gone.length)
    notes.push(
      `the target${gone.length === 1 ? '' : 's'} for ${listWords(gone)} ${gone.length === 1 ? 'is for a year' : 'are for years'} this MTFS no longer covers, and ${gone.length === 1 ? 'is' : 'are'} left out`,
    );
  return { saved, included, target, missing, notes };
}

/** "Lines out: G20, G21. Proposals in: C2. Targets: 2016/17 33,500.": what a saved scenario holds, in a line. */
export function savedWords(saved: SavedScenario, money: (value: Decimal) => string): string {
  const refs = (lines: SavedLine[]) => listWords(lines.map((l) => l.ref ?? l.label));
  const parts: string[] = [];
  if (saved.out.length) parts.push(`Out: ${refs(saved.out)}.`);
  if (saved.in.length) parts.push(`In: ${refs(saved.in)}.`);
  if (!parts.length) parts.push('The published plan, nothing switched.');
  if (saved.targets.length)
    parts.push(`Targets: ${saved.targets.map((t) => `${t.year} ${money(new Decimal(t.value))}`).join(', ')}.`);
  return parts.join(' ');
}

/**
 * The lines a user names ("G20", "C2", or a cell such as "Growth!B8"), by reference (case aside) or by cell: their
 * ids, and the names that match no line, or more than one, in words.
 */
export function linesNamed(
  scenario: Scenario,
  names: readonly string[],
): { lines: ScenarioLine[]; problems: string[] } {
  const lines: ScenarioLine[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const byCell = scenario.lines.filter((l) => l.id.toLowerCase() === name.trim().toLowerCase());
    const found = byCell.length ? byCell : scenario.lines.filter((l) => l.ref && sameWords(l.ref, name));
    if (found.length === 1 && found[0]) lines.push(found[0]);
    else if (found.length === 0)
      problems.push(`no growth or savings line or proposal has the reference or cell “${name}”`);
    else
      problems.push(
        `“${name}” is the reference of ${found.length} lines (${listWords(found.map((l) => l.id))}): give the cell instead`,
      );
  }
  return { lines, problems };
}

/**
 * The switches and targets a user gives by name (the command line's --switch-out G20, --switch-in C2,
 * --target 2016/17=31000): the lines switched in, and the targets by year; or every problem, in words.
 */
export function choicesNamed(
  scenario: Scenario,
  given: { out: readonly string[]; in: readonly string[]; targets: readonly { year: string; value: Decimal }[] },
): { included: Set<string>; targets: (Decimal | null)[] } | { problems: string[] } {
  const out = linesNamed(scenario, given.out);
  const inn = linesNamed(scenario, given.in);
  const problems = [...out.problems, ...inn.problems];
  for (const l of out.lines) if (!l.inPlan) problems.push(`${l.ref ?? l.id} is a proposal: switch it in, not out`);
  for (const l of inn.lines)
    if (l.inPlan) problems.push(`${l.ref ?? l.id} is in the published plan already: only proposals are switched in`);
  const years = scenario.base.years.map((y) => y.label);
  const targets: (Decimal | null)[] = years.map(() => null);
  for (const t of given.targets) {
    const i = years.findIndex((y) => sameWords(y, t.year));
    if (i < 0) problems.push(`there is no year ${t.year} in this MTFS (its years are ${listWords(years)})`);
    else targets[i] = t.value;
  }
  if (problems.length) return { problems };
  const included = planIds(scenario);
  for (const l of out.lines) included.delete(l.id);
  for (const l of inn.lines) included.add(l.id);
  return { included, targets };
}
