import { InvalidArgumentError, type Command } from 'commander';
import { basename } from 'node:path';
import {
  changesSheet,
  comparableTables,
  compareJson,
  compareWorkbooks,
  pairingNote,
  PairingError,
  summaryWords,
  tableName,
  type ChangesResult,
  type LineChange,
  type PairingOverride,
} from '../engine/changes';
import type { CheckResult } from '../engine/check';
import { money } from '../engine/compare';
import type { Finding } from '../engine/findings';
import { checkThrough } from '../engine/workflow';
import { WorkbookReadError } from '../engine/port';
import type { XlsxWorkbook } from '../hosts/xlsx';
import { checkOutput, CommandFailure, openWorkbook, writeAtomically, writeOrFail } from './io';
import { sameName, UNCHANGED_WORDS } from './report';
import { EXIT, findingLine } from './output';

interface CompareOptions {
  json?: boolean;
  output?: string;
  inPlace?: boolean;
  same?: PairingOverride[];
  notSame?: PairingOverride[];
}

type Log = (line: string) => void;

/** "Savings!A8=Savings!A9" → a pairing of the previous MTFS's line at Savings!A8 with this one's at Savings!A9. */
function pairingOption(same: boolean) {
  return (value: string, previous: PairingOverride[] | undefined): PairingOverride[] => {
    const m = /^(.+![A-Za-z]{1,3}\d+)=(.+![A-Za-z]{1,3}\d+)$/.exec(value.trim());
    if (!m)
      throw new InvalidArgumentError(
        'give the previous line and this MTFS\'s line as Sheet!Cell=Sheet!Cell, e.g. "Growth!A9=Growth!A10"',
      );
    return [...(previous ?? []), { previous: m[1], current: m[2], same }];
  };
}

/** Reads a workbook through the same steps as every command, naming the file when it cannot be read or has nothing to compare. */
async function readMtfs(file: string): Promise<{ workbook: XlsxWorkbook; check: CheckResult }> {
  try {
    const workbook = await openWorkbook(file);
    const { check } = await checkThrough(workbook);
    if (comparableTables(check).length === 0)
      throw new CommandFailure(`${file} has no growth, savings or capital programme table to compare`);
    return { workbook, check };
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CommandFailure(`cannot read ${file}: ${e.message}`);
    throw e;
  }
}

async function outputPath(previous: string, current: string, opts: CompareOptions): Promise<string | undefined> {
  const output = opts.output;
  if (!output) return undefined;
  return checkOutput(output, [
    {
      file: previous,
      sameFile: `the output would overwrite the previous MTFS ${previous}${sameName(output, previous)}; give another -o file`,
    },
    {
      file: current,
      inPlace: opts.inPlace,
      sameFile: `the output would overwrite ${current}${sameName(output, current)}; give another -o file, or --in-place to add the Changes sheet to it`,
    },
  ]);
}

/** Adds the Changes sheet to the current workbook and writes it whole, or writes nothing. */
async function writeChanges(
  workbook: XlsxWorkbook,
  result: ChangesResult,
  names: { previous: string; current: string },
  output: string,
): Promise<string> {
  const plan = await writeOrFail(workbook, [{ sheet: changesSheet(result, names), owned: true }]);
  await writeAtomically(output, await workbook.toBuffer());
  const replaced = plan.replace.length ? ` (replacing the add-in's earlier one)` : '';
  return `Wrote ${output}: this MTFS with the sheet "${plan.write[0].sheet.name}" added${replaced}; ${UNCHANGED_WORDS}`;
}

const signed = (v: NonNullable<LineChange['figures'][number]['difference']>) =>
  v.isPositive() && !v.isZero() ? `+${money(v)}` : money(v);

function lineWords(line: LineChange): string {
  const source = (line.current ?? line.previous)!;
  const name = [line.marker?.typed, source.ref, source.description].filter(Boolean).join(' ');
  const changed = line.figures
    .filter((f) => f.status === 'changed')
    .map((f) => `${f.label} ${money(f.previous!)} → ${money(f.current!)} (${signed(f.difference!)})`);
  const note = pairingNote(line);
  return `${name}${changed.length ? `: ${changed.join('; ')}` : ''}${note ? `  (${note})` : ''}`;
}

function tableReport(result: ChangesResult, log: Log): void {
  for (const table of result.tables) {
    const lines = result.lines.filter((l) => l.table === table);
    const at = (t: typeof table.current) => (t ? `${t.sheet}!${t.range}` : 'none');
    log(`${tableName(table)}: ${at(table.current)}, previous ${at(table.previous)}`);
    for (const l of lines)
      if (l.change !== 'unchanged' || pairingNote(l)) log(`  ${l.change.padEnd(10)} ${lineWords(l)}`);
    const unchanged = lines.filter((l) => l.change === 'unchanged').length;
    log(`  ${unchanged} unchanged line${unchanged === 1 ? '' : 's'}`);
  }
}

function findingsReport(title: string, findings: Finding[], log: Log): void {
  if (findings.length === 0) return;
  log(`${title} (${findings.length}):`);
  for (const f of findings) log(findingLine(f));
}

function readableReport(result: ChangesResult, names: { previous: string; current: string }, log: Log): void {
  log(
    `${names.current} compared with the previous MTFS ${names.previous}${result.department ? ` — ${result.department}` : ''}`,
  );
  tableReport(result, log);
  findingsReport(
    'Marker disagreements',
    result.findings.filter((f) => f.severity !== 'info'),
    log,
  );
  findingsReport(
    'Notes',
    result.findings.filter((f) => f.severity === 'info'),
    log,
  );
  log(`Summary: ${summaryWords(result.summary)}`);
}

/** Exit 1 when the comparison finds a warning or worse (a marker that disagrees); notes alone (removed lines) exit 0. */
export function compareExitCode(result: ChangesResult): number {
  return result.findings.some((f) => f.severity !== 'info') ? EXIT.errorsFound : EXIT.ok;
}

async function compare(previousFile: string, currentFile: string, opts: CompareOptions, log: Log): Promise<number> {
  const output = await outputPath(previousFile, currentFile, opts);
  const previous = await readMtfs(previousFile);
  const current = await readMtfs(currentFile);
  let result: ChangesResult;
  try {
    result = compareWorkbooks(previous.check, current.check, [...(opts.same ?? []), ...(opts.notSame ?? [])]);
  } catch (e) {
    if (e instanceof PairingError) throw new CommandFailure(`cannot pair as asked: ${e.message}`);
    throw e;
  }
  const names = { previous: basename(previousFile), current: basename(currentFile) };
  const wrote = output ? await writeChanges(current.workbook, result, names, output) : undefined;
  if (opts.json) {
    log(JSON.stringify(compareJson(result), null, 2));
    if (wrote) process.stderr.write(`mtfs: ${wrote}\n`);
  } else {
    readableReport(result, names, log);
    if (wrote) log(wrote);
    log(
      compareExitCode(result) === EXIT.ok
        ? 'Result: every star marker agrees with the comparison.'
        : 'Result: some star markers disagree with the comparison.',
    );
  }
  return compareExitCode(result);
}

export function registerCompare(cmd: Command, log: Log): void {
  cmd
    .command('compare')
    .description(
      'compare this MTFS with the previous one: new, amended, unchanged and removed lines, and the star markers they should carry',
    )
    .argument('<previous.xlsx>', "the previous MTFS (last year's workbook, or an earlier draft)")
    .argument('<current.xlsx>', 'this MTFS')
    .option('--json', 'print one JSON document instead of the report')
    .option('-o, --output <out.xlsx>', 'write this MTFS with a "Changes since previous MTFS" sheet added')
    .option('--in-place', "allow -o to be this MTFS's file itself (its own sheets are still not changed)")
    .option(
      '--same <previous=current>',
      'these two lines are the same line, e.g. "Growth!A9=Growth!A10" (repeatable)',
      pairingOption(true),
    )
    .option('--not-same <previous=current>', 'these two lines are not the same line (repeatable)', pairingOption(false))
    .action(async (previous: string, current: string, opts: CompareOptions) => {
      process.exitCode = await compare(previous, current, opts, log);
    });
}
