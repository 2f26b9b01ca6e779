import { InvalidArgumentError, Option, type Command } from 'commander';
import { basename } from 'node:path';
import { checkJson, checkSummary, type CheckOptions } from '../engine/check';
import { explainTable } from '../engine/reader/reading';
import { lineCount, TABLE_KIND_NAMES, type Table } from '../engine/tables';
import { isOpen, markCounts, markCountWords, markFindings, readSession } from '../engine/session';
import { checkThrough } from '../engine/workflow';
import { openWorkbook, readCorrectionsFile } from './io';
import { column, exitCodeFor, findingLine, markLine, out, resultLine } from './output';
import { sayProblems } from './session';

interface CheckCommandOptions {
  json?: boolean;
  unexplained?: boolean;
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
  const { read, check: result } = await checkThrough(await openWorkbook(file), {
    tolerance: opts.tolerance,
    basis: opts.basis,
    corrections,
  });
  // The record was read with the sheets: its corrections are in the check, its scenarios and marks here.
  const session = readSession(read.store ?? null);
  sayProblems(file, session);
  const marked = markFindings(result.findings, session.signOffs);
  const shown = opts.unexplained ? marked.filter(isOpen) : marked;
  const signed = markCountWords(markCounts(marked));
  if (opts.json) {
    const doc = checkJson({ tables: result.tables, findings: shown, corrections: result.corrections });
    const findings = doc.findings.map((f, i) => {
      const mark = shown[i]?.mark;
      return mark ? { ...f, mark } : f;
    });
    out(
      JSON.stringify(
        { ...doc, findings, ...(session.signOffs.length ? { signedOff: markCounts(marked) } : {}) },
        null,
        2,
      ),
    );
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
    if (signed) out(`Signed off: ${signed}${opts.unexplained ? `; listing the ${shown.length} still open` : ''}`);
    for (const f of shown) {
      out(findingLine(f));
      const line = markLine(f);
      if (line) out(line);
    }
    const applied = result.corrections.filter((c) => c.applied).length;
    if (result.corrections.length)
      out(
        `Your corrections: ${applied} of ${result.corrections.length} applied${applied < result.corrections.length ? ' (see the warnings)' : ''}`,
      );
    out(resultLine(marked));
  }
  return exitCodeFor(marked);
}

export function registerCheck(cmd: Command): void {
  cmd
    .command('check')
    .description('find the MTFS tables in a workbook and check every total')
    .argument('<file.xlsx>', 'the workbook to check')
    .option('--json', 'print one JSON document instead of the report')
    .option('--unexplained', 'list only the findings still open: not signed off as explained (see mtfs mark)')
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
