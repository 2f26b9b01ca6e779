import { Option, type Command } from 'commander';
import { describe } from '../engine/findings';
import {
  chooseFinding,
  markProblem,
  signOffFor,
  STATUS_WORDS,
  withoutSignOff,
  withSignOff,
  type MarkStatus,
} from '../engine/session';
import { CommandFailure } from './io';
import { clause, out } from './output';
import { UNCHANGED_WORDS } from './report';
import { openSession, outputFor, saveRecord, sayProblems } from './session';

interface MarkOptions {
  explained?: string;
  toFix?: string | true;
  clear?: boolean;
  rule?: string;
  output?: string;
  inPlace?: boolean;
}

function chosenMark(opts: MarkOptions): { status: MarkStatus; note: string } | 'clear' {
  const given = [opts.explained !== undefined, opts.toFix !== undefined, opts.clear === true].filter(Boolean).length;
  if (given !== 1) throw new CommandFailure('give one of --explained "<note>", --to-fix ["<note>"] or --clear');
  if (opts.clear) return 'clear';
  if (opts.explained !== undefined) return { status: 'explained', note: opts.explained };
  return { status: 'to-fix', note: typeof opts.toFix === 'string' ? opts.toFix : '' };
}

/** `mtfs mark`: signs off a finding (Explained with a note, or To fix), or clears its mark, in the workbook's record. */
async function mark(file: string, cell: string, opts: MarkOptions): Promise<number> {
  const wanted = chosenMark(opts);
  if (wanted !== 'clear') {
    const problem = markProblem(wanted.status, wanted.note);
    if (problem) throw new CommandFailure(clause(problem));
  }
  const output = await outputFor(file, opts);
  const open = await openSession(file);
  sayProblems(file, open.session);
  const chosen = chooseFinding(open.check.findings, cell, opts.rule);
  if ('problem' in chosen) throw new CommandFailure(`${chosen.problem}; nothing was written`);
  const f = chosen.finding;
  const store =
    wanted === 'clear'
      ? withoutSignOff(open.store, f)
      : withSignOff(open.store, signOffFor(f, wanted.status, wanted.note, new Date().toISOString()));
  await saveRecord(open, store, output);
  out(`Wrote ${output}`);
  out(`  ${describe(f)}`);
  out(
    wanted === 'clear'
      ? '  mark cleared: the finding is open'
      : `  marked ${STATUS_WORDS[wanted.status]}${wanted.note.trim() ? `: ${wanted.note.trim()}` : ''}`,
  );
  out(`  ${UNCHANGED_WORDS}`);
  return 0;
}

export function registerMark(cmd: Command): void {
  cmd
    .command('mark')
    .description('sign off a finding: Explained (with a note) or To fix, kept in the workbook; or clear its mark')
    .argument('<file.xlsx>', 'the workbook')
    .argument('<cell>', 'the finding\'s sheet and cell, e.g. "Revenue Budget!A25"')
    .option('--explained <note>', 'the finding is explained, e.g. "£1 rounding, as published"')
    .addOption(new Option('--to-fix [note]', 'the finding is to be fixed (a note is optional)'))
    .option('--clear', "remove the finding's mark")
    .option('--rule <rule>', 'which finding, when the check finds several on the cell (e.g. text-number)')
    .requiredOption('-o, --output <out.xlsx>', 'the workbook to write, with the mark in it')
    .option('--in-place', 'allow -o to be the input file itself')
    .action(async (file: string, cell: string, opts: MarkOptions) => {
      process.exitCode = await mark(file, cell, opts);
    });
}
