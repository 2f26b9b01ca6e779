import { InvalidArgumentError, type Command } from 'commander';
import { basename } from 'node:path';
import { money } from '../engine/compare';
import { parseTextNumber } from '../engine/figures';
import type { Decimal } from '../engine/money';
import { scenariosSheet } from '../engine/report/scenarios-sheet';
import type { Scenario } from '../engine/scenario';
import {
  comparisonJson,
  compareProblem,
  compareSaved,
  dayWords,
  findSaved,
  choicesNamed,
  resolveScenario,
  savedWords,
  scenarioNameProblem,
  scenarioToSave,
  withoutSavedScenario,
  withSavedScenario,
  type SavedComparison,
} from '../engine/session';
import { CommandFailure, writeOrFail, writeAtomically } from './io';
import { clause, column, out } from './output';
import { UNCHANGED_WORDS } from './report';
import { openSession, outputFor, saveRecord, sayProblems, scenarioOf, type OpenSession } from './session';

/** `mtfs scenario list|show|compare|write|save|delete`: the named scenarios a budget session keeps in the workbook. */

interface JsonOption {
  json?: boolean;
}

interface SaveCommandOptions {
  output?: string;
  inPlace?: boolean;
  switchOut: string[];
  switchIn: string[];
  target: { year: string; value: Decimal }[];
}

const figure = (v: Decimal | null | undefined) => (v === null || v === undefined ? '–' : money(v));

function yearRow(label: string, values: readonly (Decimal | null)[]): string {
  return `  ${column(label, 36)}${values.map((v) => figure(v).padStart(10)).join('')}`;
}

async function list(file: string, opts: JsonOption): Promise<number> {
  const open = await openSession(file);
  sayProblems(file, open.session);
  const scenario = open.check.tables.length ? scenarioOrNull(open) : null;
  const rows = open.session.scenarios.map((s) => {
    const missing = scenario ? resolveScenario(scenario, s).missing : [];
    return { saved: s, missing };
  });
  if (opts.json) {
    out(
      JSON.stringify(
        {
          scenarios: rows.map(({ saved, missing }) => ({ ...saved, applies: missing.length === 0, missing })),
          problems: open.session.problems,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  out(
    `${basename(file)}: ${rows.length ? `${rows.length} saved scenario${rows.length === 1 ? '' : 's'}` : 'no saved scenarios'}`,
  );
  for (const { saved, missing } of rows) {
    out(`  ${saved.name} (saved ${dayWords(saved.savedAt)})`);
    out(`    ${savedWords(saved, money)}`);
    if (missing.length) out(`    Not applied: ${missing.join('; ')}.`);
  }
  return 0;
}

function scenarioOrNull(open: OpenSession): Scenario | null {
  try {
    return scenarioOf(open);
  } catch {
    return null;
  }
}

function names(open: OpenSession, wanted: string[]): void {
  const problem = compareProblem(open.session.scenarios, wanted);
  if (problem) throw new CommandFailure(clause(problem));
}

function printComparison(compared: SavedComparison): void {
  const { side } = compared;
  out(`Scenarios side by side, £000`);
  out(`  ${column('', 36)}${side.years.map((y) => y.padStart(10)).join('')}`);
  for (const c of side.columns) {
    out(c.name);
    out(yearRow('Proposed budget', c.outcome.budget.proposed));
    if (c.name !== side.columns[0]?.name) out(yearRow('Change from the published plan', c.fromPlan));
    if (c.target.some((t) => t !== null)) {
      out(yearRow('Target budget', c.target));
      out(yearRow('Gap: above (+) or below (-) target', c.outcome.gap));
    }
  }
  if (side.differences.length) {
    out('Lines switched differently:');
    for (const d of side.differences) {
      const where = side.columns.map((c, i) => `${c.name}: ${d.in[i] ? 'in' : 'out'}`).join('; ');
      out(`  ${[d.line.ref, d.line.label].filter(Boolean).join(' ')} (${d.line.sheet}!${d.line.cell}): ${where}`);
    }
  }
  for (const n of [...compared.notes, ...compared.notApplied]) out(`Note: ${n.name}: ${n.words}`);
}

/** Applied scenarios or a failure saying why none could be. */
function applied(compared: SavedComparison): SavedComparison {
  if (compared.side.columns.length > 1) return compared;
  throw new CommandFailure(
    compared.notApplied.map((n) => `“${n.name}” is ${n.words.replace(/\.$/, '')}`).join('; ') || 'nothing to compare',
  );
}

async function show(file: string, name: string, opts: JsonOption): Promise<number> {
  const open = await openSession(file);
  sayProblems(file, open.session);
  names(open, [name]);
  const saved = findSaved(open.session.scenarios, name)!;
  const compared = applied(compareSaved(scenarioOf(open), open.session.scenarios, [name]));
  if (opts.json) {
    out(JSON.stringify({ scenario: saved, ...comparisonJson(compared) }, null, 2));
    return 0;
  }
  out(`${saved.name} (saved ${dayWords(saved.savedAt)})`);
  out(`  ${savedWords(saved, money)}`);
  printComparison(compared);
  return 0;
}

async function compare(file: string, wanted: string[], opts: JsonOption): Promise<number> {
  const open = await openSession(file);
  sayProblems(file, open.session);
  names(open, wanted);
  const compared = applied(compareSaved(scenarioOf(open), open.session.scenarios, wanted));
  if (opts.json) out(JSON.stringify(comparisonJson(compared), null, 2));
  else printComparison(compared);
  return 0;
}

async function write(file: string, wanted: string[], opts: SaveCommandOptions): Promise<number> {
  const output = await outputFor(file, opts);
  const open = await openSession(file);
  sayProblems(file, open.session);
  names(open, wanted);
  const compared = applied(compareSaved(scenarioOf(open), open.session.scenarios, wanted));
  const sheet = scenariosSheet(compared.side, {
    department: open.check.department ?? undefined,
    notes: [...compared.notes, ...compared.notApplied],
  });
  const plan = await writeOrFail(open.wb, [{ sheet, owned: true }]);
  await writeAtomically(output, await open.wb.toBuffer());
  out(`Wrote ${output}`);
  out(
    `  sheet added: ${sheet.name}${plan.replace.length ? ` (replacing the add-in's earlier ${plan.replace.join(', ')})` : ''}, with ${compared.side.columns.map((c) => c.name).join(', ')}`,
  );
  for (const n of compared.notApplied) out(`  ${n.name}: ${n.words}`);
  out(`  ${UNCHANGED_WORDS}`);
  return 0;
}

async function save(file: string, name: string, opts: SaveCommandOptions): Promise<number> {
  const nameProblem = scenarioNameProblem(name);
  if (nameProblem) throw new CommandFailure(clause(nameProblem));
  const output = await outputFor(file, opts);
  const open = await openSession(file);
  sayProblems(file, open.session);
  const scenario = scenarioOf(open);
  const chosen = choicesNamed(scenario, { out: opts.switchOut, in: opts.switchIn, targets: opts.target });
  if ('problems' in chosen) throw new CommandFailure(`${chosen.problems.join('; ')}; nothing was written`);
  const { included, targets } = chosen;
  const saved = scenarioToSave(name, scenario, included, targets, new Date().toISOString());
  const replacing = findSaved(open.session.scenarios, name);
  await saveRecord(open, withSavedScenario(open.store, saved), output);
  out(`Wrote ${output}`);
  out(`  scenario ${replacing ? 'replaced' : 'saved'}: ${saved.name}: ${savedWords(saved, money)}`);
  out(`  ${UNCHANGED_WORDS}`);
  return 0;
}

async function remove(file: string, name: string, opts: SaveCommandOptions): Promise<number> {
  const output = await outputFor(file, opts);
  const open = await openSession(file);
  const found = findSaved(open.session.scenarios, name);
  if (!found) names(open, [name]);
  await saveRecord(open, withoutSavedScenario(open.store, name), output);
  out(`Wrote ${output}`);
  out(`  scenario deleted: ${found!.name}`);
  return 0;
}

function collect<T>(parse: (v: string) => T) {
  return (value: string, previous: T[] = []) => [...previous, parse(value)];
}

function refs(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function targetOption(value: string): { year: string; value: Decimal } {
  const m = /^(.+?)=(.+)$/.exec(value);
  const figureValue = m ? parseTextNumber(m[2] ?? '') : null;
  if (!m || !figureValue) throw new InvalidArgumentError('give a year and a figure in £000, e.g. 2016/17=31,000');
  return { year: (m[1] ?? '').trim(), value: figureValue };
}

const flat = (value: string, previous: string[] = []) => [...previous, ...refs(value)];

export function registerScenario(cmd: Command): void {
  const scenario = cmd
    .command('scenario')
    .description(
      'named scenarios saved in the workbook: list, show, compare side by side, write the Scenarios sheet, save, delete',
    );
  const action =
    <A extends unknown[]>(run: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      process.exitCode = await run(...args);
    };
  scenario
    .command('list')
    .description('the scenarios saved in the workbook, and whether each still applies')
    .argument('<file.xlsx>', 'the workbook')
    .option('--json', 'print one JSON document')
    .action(action(list));
  scenario
    .command('show')
    .description('one saved scenario: what it switches, and its budget and gap to target year by year')
    .argument('<file.xlsx>', 'the workbook')
    .argument('<name>', 'the scenario\'s name, e.g. "Option A: protect libraries"')
    .option('--json', 'print one JSON document')
    .action(action(show));
  scenario
    .command('compare')
    .description('the published plan and one to four saved scenarios side by side, year by year')
    .argument('<file.xlsx>', 'the workbook')
    .argument('<names...>', 'the scenarios to compare')
    .option('--json', 'print one JSON document')
    .action(action(compare));
  scenario
    .command('write')
    .description('write the Scenarios sheet (the published plan and the scenarios side by side, a bridge chart each)')
    .argument('<file.xlsx>', 'the workbook')
    .argument('<names...>', 'the scenarios to put side by side (one to four)')
    .requiredOption('-o, --output <out.xlsx>', 'the workbook to write: the input with the Scenarios sheet added')
    .option('--in-place', 'allow -o to be the input file itself (its input sheets are still not changed)')
    .action(action(write));
  scenario
    .command('save')
    .description('save a named scenario in the workbook: the lines switched out and in, and the targets')
    .argument('<file.xlsx>', 'the workbook')
    .argument('<name>', 'its name, e.g. "Option A: protect libraries" (a scenario of the same name is replaced)')
    .option('--switch-out <refs>', 'plan lines switched out, by reference or cell, e.g. G20,D84 (repeatable)', flat, [])
    .option('--switch-in <refs>', 'proposals switched in as income, by reference, e.g. C2 (repeatable)', flat, [])
    .option(
      '--target <year=£000>',
      'a target budget for a year, e.g. 2016/17=31000 (repeatable)',
      collect(targetOption),
      [],
    )
    .requiredOption('-o, --output <out.xlsx>', 'the workbook to write, with the scenario saved in it')
    .option('--in-place', 'allow -o to be the input file itself')
    .action(action(save));
  scenario
    .command('delete')
    .description('delete a saved scenario from the workbook')
    .argument('<file.xlsx>', 'the workbook')
    .argument('<name>', 'the scenario to delete')
    .requiredOption('-o, --output <out.xlsx>', 'the workbook to write, without the scenario')
    .option('--in-place', 'allow -o to be the input file itself')
    .action(action(remove));
}
