import { Command, InvalidArgumentError, Option } from 'commander';
import { basename } from 'node:path';
import { checkSummary } from '../engine/check';
import { parseTextNumber } from '../engine/figures';
import type { Decimal } from '../engine/money';
import { isoDay } from '../engine/paper';
import { buildCouncilReport, buildReport, type YearOneInputs } from '../engine/report';
import { XlsxWorkbook } from '../hosts/xlsx';
import { scoreWorkbook } from '../engine/scoring';
import { markFindings, readSession } from '../engine/session';
import { checkThrough } from '../engine/workflow';
import { checkOutput, CommandFailure, openWorkbook, writeAtomically, writeOrFail } from './io';
import { exitCodeFor } from './output';
import { envelopeOption } from './score';
import { previousScores } from './score-analysis';

/**
 * What a write leaves as it was, said only because it is so: every part of the package the add-in
 * does not write is copied byte for byte (hosts/xlsx/package.ts), which test/security/round-trip
 * checks part by part.
 */
export const UNCHANGED_WORDS =
  'your sheets and everything else in the workbook (charts, pivot tables, links, comments, macros, protection) are copied unchanged.';

/** ", reached by another name" when the two paths differ as written: the user may not know they are one file. */
export function sameName(output: string, input: string): string {
  return output === input ? '' : ' (the same file, reached by another name)';
}

export function moneyOption(value: string): Decimal {
  const parsed = parseTextNumber(value);
  if (!parsed) throw new InvalidArgumentError('give a figure in £000, e.g. 32859 or -1,250');
  return parsed;
}

interface ReportOptions {
  output: string;
  originalBudget?: Decimal;
  otherChanges?: Decimal;
  transfers?: Decimal;
  inPlace?: boolean;
  envelope?: Decimal;
  previousScores?: string;
}

function yearOne(opts: ReportOptions): YearOneInputs | undefined {
  if (opts.originalBudget === undefined) {
    if (opts.otherChanges !== undefined || opts.transfers !== undefined) {
      throw new CommandFailure('--other-changes and --transfers need --original-budget as well (all in £000)');
    }
    return undefined;
  }
  return { originalBudget: opts.originalBudget, otherChanges: opts.otherChanges, transfers: opts.transfers };
}

/** Several department workbooks → a new council workbook: every department's summaries, the Council Summary, every finding. */
async function councilReport(files: string[], opts: ReportOptions, log: (line: string) => void): Promise<number> {
  const output = await checkOutput(
    opts.output,
    files.map((file) => ({
      file,
      sameFile: `the council workbook is written to a new file, and ${opts.output} is the input ${file}${sameName(opts.output, file)}; give an -o that is none of the inputs`,
    })),
  );
  if (
    opts.originalBudget !== undefined ||
    opts.otherChanges !== undefined ||
    opts.transfers !== undefined ||
    opts.envelope !== undefined ||
    opts.previousScores !== undefined
  ) {
    throw new CommandFailure(
      "--original-budget, --other-changes, --transfers, --envelope and --previous-scores apply to one department's workbook; each department in a council report uses its own budget summary",
    );
  }
  const parts = [];
  for (const file of files) {
    const { read, check } = await checkThrough(await openWorkbook(file));
    parts.push({ check, source: basename(file), signOffs: readSession(read.store ?? null).signOffs });
    log(`${basename(file)}: ${checkSummary(check)}`);
  }
  const built = buildCouncilReport(parts, { written: isoDay(new Date()) });
  const council = XlsxWorkbook.empty();
  await writeOrFail(council, built.sheets);
  await writeAtomically(output, await council.toBuffer());
  log(`Wrote ${output}`);
  log(`  sheets: ${built.sheets.map((s) => s.sheet.name).join(', ')}`);
  built.notes.forEach((n) => log(`  ${n}`));
  log('  the input workbooks are not changed (they are only read).');
  return exitCodeFor(parts.flatMap((p) => markFindings(p.check.findings, p.signOffs)));
}

async function report(file: string, opts: ReportOptions, log: (line: string) => void): Promise<number> {
  const earlier = opts.previousScores;
  const output = await checkOutput(opts.output, [
    {
      file,
      inPlace: opts.inPlace,
      sameFile: `the output would overwrite the input ${file}${sameName(opts.output, file)}; give another -o file, or --in-place to add the report sheets to it`,
    },
    ...(earlier
      ? [
          {
            file: earlier,
            sameFile: `the output would overwrite the earlier scoring workbook ${earlier}${sameName(opts.output, earlier)}; give another -o file`,
          },
        ]
      : []),
  ]);
  const entered = yearOne(opts);
  const previous = opts.previousScores ? await previousScores(opts.previousScores) : undefined;
  const wb = await openWorkbook(file);
  const { read, check } = await checkThrough(wb);
  const scores = scoreWorkbook(read.inputs, { envelope: opts.envelope });
  if (previous && !scores.proposalsSheet)
    throw new CommandFailure(`${basename(file)} has no Commercial Projects sheet to compare with ${previous.name}`);
  const { signOffs } = readSession(read.store ?? null);
  const built = buildReport(check, {
    yearOne: entered,
    scores: scores.proposalsSheet ? scores : undefined,
    previousScores: previous,
    signOffs,
    paper: { source: basename(file), written: isoDay(new Date()) },
  });
  const plan = await writeOrFail(wb, built.sheets);
  await writeAtomically(output, await wb.toBuffer());
  log(`${basename(file)}: ${checkSummary(check)}`);
  const written = plan.write.map((w) => w.sheet.name);
  log(`Wrote ${output}`);
  log(
    `  sheets added: ${written.join(', ')}${plan.replace.length ? ` (replacing the add-in's earlier ${plan.replace.join(', ')})` : ''}`,
  );
  if (plan.kept.length) log(`  kept as they are: ${plan.kept.join(', ')}`);
  if (!('missing' in built.budget)) log(`  year 1 inputs from ${built.budget.inputsFrom}`);
  built.notes.forEach((n) => log(`  ${n}`));
  log(`  ${UNCHANGED_WORDS}`);
  return exitCodeFor(markFindings(check.findings, signOffs));
}

export function registerReport(cmd: Command, log: (line: string) => void): void {
  cmd
    .command('report')
    .description(
      'write the house-format summary tables into a copy of the workbook; given several workbooks, a council-wide report',
    )
    .argument('<files...>', "the department's workbook, or several departments' workbooks to consolidate")
    .requiredOption(
      '-o, --output <out.xlsx>',
      'the workbook to write: the input with the report sheets added (a new workbook for several inputs)',
    )
    .addOption(
      new Option(
        '--original-budget <£000>',
        "year 1's updated original budget (otherwise from the workbook's budget summary)",
      ).argParser(moneyOption),
    )
    .addOption(new Option('--other-changes <£000>', "year 1's other changes").argParser(moneyOption))
    .addOption(new Option('--transfers <£000>', "year 1's budget transfers and adjustments").argParser(moneyOption))
    .addOption(
      new Option(
        '--envelope <£000>',
        'choose the best set of proposals whose total investment fits this envelope (£000)',
      ).argParser(envelopeOption),
    )
    .option(
      '--previous-scores <file.xlsx>',
      'an earlier scoring workbook: the Proposal Scores sheet then says what changed in each proposal’s scores since',
    )
    .option('--in-place', 'allow -o to be the input file itself (its input sheets are still not changed)')
    .action(async (files: string[], opts: ReportOptions) => {
      process.exitCode = files.length > 1 ? await councilReport(files, opts, log) : await report(files[0], opts, log);
    });
}
