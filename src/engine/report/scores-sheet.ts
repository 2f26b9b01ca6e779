import {
  MODEL_SHEET,
  GATE_WORDS,
  scoreAnalysis,
  scoreChanges,
  scoringModelSheet,
  type PreviousScores,
  type ScoreResult,
} from '../scoring';
import { changesBlock, robustnessBlock, whatItTakesBlock, whoScoredBlock } from './scores-analysis';
import { a1, a1Range } from '../a1';
import type { ChartSpec, OutputSheet } from '../output';
import { onPaper, type PaperHeading } from '../paper';
import { capitalise } from '../compare';
import { composeSheet, figure, headings, text, title, type Block } from './blocks';

export const SCORES_SHEET = 'Proposal Scores';

const REWARD_FORMAT = '0.0';

function rankingBlock(result: ScoreResult): Block {
  // The report writes a Scoring Model sheet with the defaults when there is none, so either way the model is on that sheet.
  const model = result.modelSheet ?? MODEL_SHEET;
  return [
    title(`PROPOSAL SCORES (${result.proposalsSheet})`),
    [
      text(
        `${result.projects.length} proposals scored with the model on the ${model} sheet; ${result.incomplete.length} incomplete.`,
        { italic: true },
      ),
    ],
    headings('Rank', ['Ref', 'Project', 'Reward score', 'Risk rating', 'Risk', 'Band', 'Gates']),
    ...result.projects.map((p) => [
      figure(p.rank, { format: '0' }),
      text(p.ref),
      text(p.project),
      figure(p.reward, { format: REWARD_FORMAT }),
      figure(p.riskRating, { format: '0' }),
      text(p.riskLevel),
      text(p.band, { bold: p.band === 'Priority 1' }),
      text(p.gates.length ? p.gates.map((g) => GATE_WORDS[g].title).join('; ') : 'None', { wrap: true }),
    ]),
  ];
}

function incompleteBlock(result: ScoreResult): Block {
  return [
    title('INCOMPLETE PROPOSALS (not scored or ranked)'),
    headings('Ref', ['Cell', 'What is wrong']),
    ...result.incomplete.flatMap((i) =>
      i.findings.map((f) => [
        text(i.ref ?? `row ${i.row + 1}`),
        text(`${f.sheet}!${f.cell}`, { link: { sheet: f.sheet, cell: f.cell } }),
        text(capitalise(f.message), { wrap: true }),
      ]),
    ),
  ];
}

function selectionBlock(result: ScoreResult): Block {
  const s = result.selection!;
  return [
    title('INVESTMENT ENVELOPE, £000'),
    [text('Envelope'), null, null, figure(s.envelope)],
    headings('Rank', ['Ref', 'Project', 'Investment £000', 'Reward score', 'Annual net return £000']),
    ...s.chosen.map((p) => [
      figure(p.rank, { format: '0' }),
      text(p.ref),
      text(p.project),
      figure(p.investment),
      figure(p.reward, { format: REWARD_FORMAT }),
      figure(p.annualReturn),
    ]),
    [
      text('Total chosen', { bold: true }),
      null,
      null,
      figure(s.totalInvestment, { bold: true }),
      figure(s.totalReward, { bold: true, format: REWARD_FORMAT }),
      figure(s.totalReturn, { bold: true }),
    ],
  ];
}

/** The blocks after the ranking: who scored what, the changes since a previous scoring, robustness, what it would take. */
function analysisBlocks(result: ScoreResult, previous?: PreviousScores): Block[] {
  const blocks: Block[] = [];
  const who = whoScoredBlock(result.projects);
  if (who) blocks.push(who);
  const changes = scoreChanges(previous, result);
  if (previous && changes) blocks.push(changesBlock(previous.name, changes, result.proposalsSheet!));
  const analysis = scoreAnalysis(result);
  if (analysis) blocks.push(robustnessBlock(analysis.sensitivity), whatItTakesBlock(analysis));
  return blocks;
}

/** The ranking's first row of figures, under its title, note and headings. */
const FIRST_RANKED_ROW = 3;

/**
 * The risk–reward matrix: each scored proposal by its risk rating (across) and reward score (up),
 * from the ranking's own columns, below the sheet's tables.
 */
function riskRewardMatrix(result: ScoreResult, below: number): ChartSpec {
  const last = FIRST_RANKED_ROW + result.projects.length - 1;
  const column = (c: number) => a1Range(FIRST_RANKED_ROW, c, last, c);
  return {
    title: 'Risk and reward of the proposals',
    kind: 'scatter',
    range: a1Range(FIRST_RANKED_ROW, 3, last, 4),
    points: { x: column(4), y: column(3), name: 'Proposals' },
    anchor: a1(below, 0),
    to: a1(below + 20, 5),
    axes: { category: 'Risk rating', value: 'Reward score' },
  };
}

/**
 * The Proposal Scores sheet (the add-in's own) and, when the workbook has no Scoring Model sheet,
 * one with the defaults for the user to keep and change. Nothing when there are no proposals.
 * Given a previous scoring workbook, the sheet also says what changed since.
 */
export function scoreSheets(
  result: ScoreResult,
  previous?: PreviousScores,
  heading: PaperHeading = {},
): { sheet: OutputSheet; owned: boolean }[] {
  if (!result.proposalsSheet) return [];
  const blocks: Block[] = [];
  const stopped = result.findings.filter((f) => f.severity === 'error');
  if (stopped.length) {
    blocks.push([
      title(`PROPOSAL SCORES (${result.proposalsSheet})`),
      ...stopped.map((f) => [text(`Not scored: ${f.sheet}!${f.cell}: ${f.message}`, { wrap: true })]),
    ]);
  } else {
    blocks.push(rankingBlock(result));
    if (result.incomplete.length) blocks.push(incompleteBlock(result));
    if (result.selection) blocks.push(selectionBlock(result));
    blocks.push(...analysisBlocks(result, previous));
  }
  const { blockStarts, ...sheet } = composeSheet(SCORES_SHEET, blocks, { freezeRows: stopped.length ? 0 : 3 });
  if (!stopped.length && result.projects.length) sheet.charts = [riskRewardMatrix(result, sheet.rows.length + 1)];
  const out: { sheet: OutputSheet; owned: boolean }[] = [{ sheet: onPaper(sheet, heading, blockStarts), owned: true }];
  if (!result.modelSheet) out.push({ sheet: scoringModelSheet(), owned: false });
  return out;
}

export { MODEL_SHEET };
