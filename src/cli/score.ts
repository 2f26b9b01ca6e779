import { InvalidArgumentError, type Command } from 'commander';
import { basename } from 'node:path';
import { parseTextNumber } from '../engine/figures';
import { describe, type Finding } from '../engine/findings';
import { money } from '../engine/compare';
import type { Decimal } from '../engine/money';
import {
  analysisJson,
  changesJson,
  scoreAnalysis,
  scoreChanges,
  scoreJson,
  scoreWorkbook,
  type PreviousScores,
  type ScoredProposal,
  type ScoreResult,
  type Selection,
} from '../engine/scoring';
import { openWorkbook } from './io';
import { previousScores, printAnalysis, printChanges, printWhoScored } from './score-analysis';
import { exitCodeFor, findingLine, out, resultLine } from './output';

export function envelopeOption(value: string): Decimal {
  const envelope = /\d/.test(value) ? parseTextNumber(value) : null;
  if (!envelope || envelope.isNegative())
    throw new InvalidArgumentError('give the envelope in £000 as a number of 0 or more, e.g. 1000 or 2,500.5');
  return envelope;
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function projectLines(p: ScoredProposal): string[] {
  const row = [
    String(p.rank).padStart(4),
    p.ref.padEnd(8),
    cut(p.project, 44).padEnd(45),
    p.reward.toFixed(1).padStart(6),
    `${p.riskRating} ${p.riskLevel}`.padEnd(10),
    p.band,
  ].join('  ');
  return [row, ...p.reasons.map((r) => `${' '.repeat(8)}gate: ${r}`)];
}

function selectionLine(s: Selection): string {
  const chosen = s.chosen.length ? s.chosen.map((p) => p.ref).join(', ') : 'none';
  return `Envelope ${money(s.envelope)} £000: choose ${chosen} (investment ${money(s.totalInvestment)} £000, reward ${s.totalReward.toFixed(1)}, annual net return ${money(s.totalReturn)} £000)`;
}

interface ScoreOptions {
  json?: boolean;
  envelope?: Decimal;
  sensitivity?: boolean;
  previous?: string;
}

function report(file: string, result: ScoreResult, errors: readonly Finding[], extra: Extra): void {
  const model = result.modelSheet ? `model from the ${result.modelSheet} sheet` : 'default model';
  out(
    `${basename(file)} — ${result.projects.length} proposals scored, ${result.incomplete.length} incomplete (${model})`,
  );
  if (errors.length) {
    out('Scoring stopped:');
    errors.forEach((f) => out(findingLine(f)));
  }
  if (result.projects.length) {
    out(['Rank', 'Ref'.padEnd(8), 'Project'.padEnd(45), 'Reward', 'Risk'.padEnd(10), 'Band'].join('  '));
    result.projects.flatMap(projectLines).forEach(out);
  }
  if (result.incomplete.length) {
    out(`Incomplete proposals (not scored or ranked):`);
    result.incomplete.flatMap((i) => i.findings).forEach((f) => out(findingLine(f)));
  }
  if (result.selection) out(selectionLine(result.selection));
  printWhoScored(result.projects);
  if (extra.previous && extra.changes) printChanges(extra.previous.name, extra.changes);
  if (extra.analysis) printAnalysis(extra.analysis);
  out(resultLine(errors));
}

/** What --sensitivity and --previous add: worked out only when asked for. */
interface Extra {
  analysis: ReturnType<typeof scoreAnalysis>;
  previous: PreviousScores | null;
  changes: ReturnType<typeof scoreChanges>;
}

async function score(file: string, opts: ScoreOptions): Promise<number> {
  const previous = opts.previous ? await previousScores(opts.previous) : null;
  const wb = await openWorkbook(file);
  const result = scoreWorkbook(await wb.readSheets(), { envelope: opts.envelope });
  const errors = result.findings.filter((f) => f.severity === 'error');
  const extra: Extra = {
    analysis: opts.sensitivity ? scoreAnalysis(result) : null,
    previous,
    changes: previous && !errors.length ? scoreChanges(previous, result) : null,
  };
  if (opts.json) {
    const document = {
      ...scoreJson(result),
      ...(extra.analysis ? analysisJson(extra.analysis) : {}),
      ...(previous && extra.changes ? { changes: changesJson(previous.name, extra.changes) } : {}),
    };
    out(JSON.stringify(document, null, 2));
    errors.forEach((f) => process.stderr.write(`mtfs: ${basename(file)}: ${describe(f)}\n`));
  } else {
    report(file, result, errors, extra);
  }
  return exitCodeFor(errors);
}

export function registerScore(cmd: Command): void {
  cmd
    .command('score')
    .description('score and rank the commercial proposals on the Commercial Projects sheet')
    .argument('<file.xlsx>', 'the workbook to score')
    .option('--json', 'print one JSON document instead of the report')
    .option(
      '--envelope <£000>',
      'choose the best set of proposals whose total investment fits this envelope (£000)',
      envelopeOption,
    )
    .option(
      '--sensitivity',
      'also say how far each weight can move before the ranking, a band or the envelope choice changes, and what it would take to move each proposal up a band',
    )
    .option(
      '--previous <file.xlsx>',
      'also say what changed in each proposal’s scores since this earlier scoring workbook',
    )
    .action(async (file: string, opts: ScoreOptions) => {
      process.exitCode = await score(file, opts);
    });
}
