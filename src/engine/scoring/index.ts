import { finding, type Finding } from '../findings';
import type { SheetGrid } from '../grid';
import type { Decimal } from '../money';
import { chooseWithinEnvelope, type EnvelopeChoice } from './envelope';
import { MODEL_SHEET, PROPOSALS_SHEET, type ScoringModel } from './model';
import { readScoringModel } from './modelSheet';
import { readProposals, type IncompleteProposal } from './proposals';
import { rankProposals, scoreProposal, type ScoredProposal } from './score';
import type { PreviousScores } from './analysis';
import { noteJson } from './json';

export * from './envelope';
export * from './model';
export * from './modelSheet';
export * from './proposals';
export * from './score';
export * from './score-notes';
export * from './score-changes';
export * from './sensitivity';
export * from './what-it-takes';
export * from './analysis';
export { analysisJson, changesJson } from './json';
export { edgeWords, ordinal, rangeWords, shownHigh, shownLow } from './sensitivity-words';
export { ratioText, type Ratio } from './ratio';

export interface ScoreOptions {
  /** Investment envelope in £000, 0 or more: when given, the best set of proposals that fits it is chosen. */
  envelope?: Decimal;
}

export interface Selection extends EnvelopeChoice<ScoredProposal> {
  envelope: Decimal;
}

export interface ScoreResult {
  /** The model used: the Scoring Model sheet's, or the defaults; null when that sheet cannot be used. */
  model: ScoringModel | null;
  /** The sheets read, as the workbook names them; null when absent. */
  modelSheet: string | null;
  proposalsSheet: string | null;
  /** Complete proposals in rank order. */
  projects: ScoredProposal[];
  incomplete: IncompleteProposal[];
  /** Errors that stop scoring (rules scoring-model, proposals-sheet), then every incomplete-proposal warning. */
  findings: Finding[];
  /** Present when an envelope was given. */
  selection?: Selection;
}

export function findSheet(sheets: SheetGrid[], name: string): SheetGrid | undefined {
  return sheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
}

function noProposalsSheet(sheets: SheetGrid[]): Finding {
  const names = sheets.map((s) => s.name).join(', ') || 'none';
  return finding(
    'proposals-sheet',
    PROPOSALS_SHEET,
    'A1',
    `the workbook has no ${PROPOSALS_SHEET} sheet to score (its sheets: ${names})`,
  );
}

function selection(projects: ScoredProposal[], envelope: Decimal | undefined): Selection | undefined {
  if (!envelope) return undefined;
  return {
    envelope,
    ...chooseWithinEnvelope(
      projects.filter((p) => p.gates.length === 0),
      envelope,
    ),
  };
}

/** The one entry point for hosts: reads the model and the proposals, scores, ranks and, given an envelope, chooses. */
export function scoreWorkbook(sheets: SheetGrid[], options: ScoreOptions = {}): ScoreResult {
  const modelSheet = findSheet(sheets, MODEL_SHEET);
  const proposalsSheet = findSheet(sheets, PROPOSALS_SHEET);
  const { model, findings: modelFindings } = readScoringModel(modelSheet);
  const read = proposalsSheet
    ? readProposals(proposalsSheet)
    : { proposals: [], incomplete: [], findings: [noProposalsSheet(sheets)] };
  const base = { model, modelSheet: modelSheet?.name ?? null, proposalsSheet: proposalsSheet?.name ?? null };
  const errors = [...modelFindings, ...read.findings];
  if (!model || errors.length)
    return { ...base, projects: [], incomplete: [], findings: errors, selection: selection([], options.envelope) };
  const projects = rankProposals(read.proposals.map((p) => scoreProposal(p, model)));
  return {
    ...base,
    projects,
    incomplete: read.incomplete,
    findings: read.incomplete.flatMap((i) => i.findings),
    selection: selection(projects, options.envelope),
  };
}

/**
 * A previous scoring workbook's sheets as scores to compare with, or why they cannot be compared, in words: one rule
 * for the command line and the task pane.
 */
export function previousScoresFrom(name: string, sheets: SheetGrid[]): PreviousScores | { problem: string } {
  const result = scoreWorkbook(sheets);
  if (!result.proposalsSheet)
    return { problem: `the previous workbook ${name} has no ${PROPOSALS_SHEET} sheet to compare with` };
  const stopped = result.findings.find((f) => f.severity === 'error');
  if (stopped)
    return {
      problem: `the previous workbook ${name} cannot be scored: ${stopped.sheet}!${stopped.cell}: ${stopped.message}`,
    };
  return { name, result };
}

/** The CLI's --json document: projects in rank order, one incomplete entry per problem cell, the selection when an envelope was given. */
export function scoreJson(result: ScoreResult) {
  return {
    projects: result.projects.map((p) => ({
      ref: p.ref,
      project: p.project,
      reward: p.reward.toNumber(),
      riskRating: p.riskRating,
      riskLevel: p.riskLevel,
      band: p.band,
      rank: p.rank,
      gates: [...p.gates],
      criteria: p.criteria.map((c) => ({
        name: c.name,
        score: c.score,
        weight: c.weight.toNumber(),
        ...noteJson(p, c.id),
      })),
      ...(p.notes.risk ? { risk: noteJson(p, 'risk') } : {}),
    })),
    incomplete: result.incomplete.flatMap((i) =>
      i.findings.map((f) => ({ ref: i.ref, sheet: f.sheet, cell: f.cell, message: f.message })),
    ),
    ...(result.selection && {
      selection: {
        envelope: result.selection.envelope.toNumber(),
        chosen: result.selection.chosen.map((p) => p.ref),
        totalInvestment: result.selection.totalInvestment.toNumber(),
        totalReward: result.selection.totalReward.toNumber(),
      },
    }),
  };
}
