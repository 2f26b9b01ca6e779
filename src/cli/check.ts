import { InvalidArgumentError, Option, type Command } from 'commander';
import { basename } from 'node:path';
import { checkJson, checkSummary, type CheckOptions } from '../engine/check';
import { explainTable } from '../engine/reader/reading';
import { lineCount, TABLE_KIND_NAMES, type Table } from '../engine/tables';
import { checkThrough } from '../engine/workflow';
import { openWorkbook, readCorrectionsFile } from './io';
import { column, exitCodeFor, findingLine, out, resultLine } from './output';

interface CheckCommandOptions {
  json?: boolean;
  explain?: boolean;
  tolerance?: CheckOptions['tolerance'];
  basis?: CheckOptions['basis'];
  reading?: string;
}

function toleranceOption(value: string): CheckOptions['tolerance'] {
  if (value === 'rounding') return 'rounding';
  if (value === '0' || value === 'zero') return 'zero';
  throw new InvalidArgumentError('use "rounding" or "0"');
}

function tableLine(t: Table): string {
  const basis = t.basis ? `  ${t.basis.basis} (${t.basis.source})` : '';
  return `  ${column(`${t.sheet}!${t.range}`, 30)}${column(TABLE_KIND_NAMES[t.kind], 34)}${lineCount(t)} lines${basis}`;
}

async function check(file: string, opts: CheckCommandOptions): Promise<number> {
  const corrections = opts.reading ? await readCorrectionsFile(opts.reading) : undefined;
  const { check: result } = await checkThrough(await openWorkbook(file), {
    tolerance: opts.tolerance,
    basis: opts.basis,
    corrections,
  });
  if (opts.json) {
    out(JSON.stringify(checkJson(result), null, 2));
  } else {
    const zero = opts.tolerance === 'zero' ? ' (tolerance 0: every difference is an error)' : '';
    out(`${basename(file)}${result.department ? ` — ${result.department}` : ''}`);
    out(`Tables found (${result.tables.length}):`);
    result.tables.forEach((t) => out(tableLine(t)));
    if (opts.explain) {
      out('How each table was read:');
      result.tables.forEach((t) => explainTable(t).forEach((line) => out(`  ${line}`)));
    }
    out(`Findings: ${checkSummary(result)}${zero}`);
    result.findings.forEach((f) => out(findingLine(f)));
    const applied = result.corrections.filter((c) => c.applied).length;
    if (result.corrections.length)
      out(
        `Your corrections: ${applied} of ${result.corrections.length} applied${applied < result.corrections.length ? ' (see the warnings)' : ''}`,
      );
    out(resultLine(result.findings));
  }
  return exitCodeFor(result.findings);
}

export function registerCheck(cmd: Command): void {
  cmd
    .command('check')
    .description('find the MTFS tables in a workbook and check every total')
    .argument('<file.xlsx>', 'the workbook to check')
    .option('--json', 'print one JSON document instead of the report')
    .option('--explain', 'say how each table was read: its heading, what each column holds, what each total adds up')
    .option(
      '--reading <corrections.json|yaml>',
      "corrections to how tables are read (a column's role, a memo line, what a total adds up), after those kept in the workbook",
    )
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
}
