import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { basename } from 'node:path';
import { checkJson, checkSummary, type CheckOptions } from '../engine/check';
import { checkThrough } from '../engine/workflow';
import { describe, type Finding } from '../engine/findings';
import { lineCount, TABLE_KIND_NAMES, type Table } from '../engine/tables';
import { WorkbookReadError } from '../engine/port';
import { registerCompare } from './compare';
import { CommandFailure, EXIT, openWorkbook } from './io';
import { registerReport } from './report';
import { registerScore } from './score';

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function toleranceOption(value: string): CheckOptions['tolerance'] {
  if (value === 'rounding') return 'rounding';
  if (value === '0' || value === 'zero') return 'zero';
  throw new InvalidArgumentError('use "rounding" or "0"');
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

function tableLine(t: Table): string {
  const basis = t.basis ? `  ${t.basis.basis} (${t.basis.source})` : '';
  return `  ${pad(`${t.sheet}!${t.range}`, 30)}${pad(TABLE_KIND_NAMES[t.kind], 34)}${lineCount(t)} lines${basis}`;
}

function findingLine(f: Finding): string {
  const label = { error: 'ERROR  ', warning: 'warning', info: 'info   ' }[f.severity];
  return `  ${label} ${pad(f.rule, 21)}${describe(f)}`;
}

interface CheckCommandOptions {
  json?: boolean;
  tolerance?: CheckOptions['tolerance'];
  basis?: CheckOptions['basis'];
}

async function check(file: string, opts: CheckCommandOptions): Promise<number> {
  const { check: result } = await checkThrough(await openWorkbook(file), {
    tolerance: opts.tolerance,
    basis: opts.basis,
  });
  const errors = result.findings.some((f) => f.severity === 'error');
  if (opts.json) {
    out(JSON.stringify(checkJson(result), null, 2));
  } else {
    out(`${basename(file)}${result.department ? ` — ${result.department}` : ''}`);
    out(`Tables found (${result.tables.length}):`);
    result.tables.forEach((t) => out(tableLine(t)));
    out(
      `Findings: ${checkSummary(result)}${opts.tolerance === 'zero' ? ' (tolerance 0: every difference is an error)' : ''}`,
    );
    result.findings.forEach((f) => out(findingLine(f)));
    out(errors ? 'Result: errors found.' : 'Result: no errors.');
  }
  return errors ? EXIT.errorsFound : EXIT.ok;
}

export function program(): Command {
  const cmd = new Command('mtfs')
    .description('Check, score and report on house-format MTFS workbooks (.xlsx).')
    .showHelpAfterError()
    .exitOverride();
  cmd
    .command('check')
    .description('find the MTFS tables in a workbook and check every total')
    .argument('<file.xlsx>', 'the workbook to check')
    .option('--json', 'print one JSON document instead of the report')
    .addOption(
      new Option(
        '--tolerance <rounding|0>',
        'allow rounding differences (rounding, the default) or treat every difference as an error (0)',
      ).argParser(toleranceOption),
    )
    .addOption(
      new Option(
        '--basis <basis>',
        'how the growth and savings appendices state their figures (found from the workbook when not given)',
      ).choices(['cumulative', 'incremental']),
    )
    .action(async (file: string, opts: CheckCommandOptions) => {
      process.exitCode = await check(file, opts);
    });
  registerScore(cmd);
  registerReport(cmd, out);
  registerCompare(cmd, out);
  return cmd;
}

/** A reader that stops early (`mtfs check x.xlsx | head`) is not an error worth a stack trace. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export async function run(argv: string[]): Promise<void> {
  quietOnClosedPipe();
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT.unreadable;
      return;
    }
    if (e instanceof WorkbookReadError) {
      process.stderr.write(
        `mtfs: cannot read ${argv.slice(3).find((a) => !a.startsWith('-')) ?? 'the file'}: ${e.message}\n`,
      );
      process.exitCode = EXIT.unreadable;
      return;
    }
    if (e instanceof CommandFailure) {
      process.stderr.write(`mtfs: ${e.message}\n`);
      process.exitCode = e.code;
      return;
    }
    process.stderr.write(`mtfs: unexpected problem: ${(e as Error).message}\n`);
    process.exitCode = EXIT.unreadable;
  }
}

/** Kept for commands written against main.ts; the codes live in io.ts. */
export { EXIT };
