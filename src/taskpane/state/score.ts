import { Decimal, formatMoney, placesFor } from '../../engine/money';
import {
  COLUMNS,
  GATE_WORDS,
  PROPOSALS_SHEET,
  type Band,
  type RiskLevel,
  type ScoredProposal,
  type ScoreResult,
} from '../../engine/scoring';
import { moneyText } from './fields';
import { sentence } from './words';

export interface CriterionItem {
  name: string;
  /** 1–5. */
  score: number;
  weight: string;
  /** weight × score ÷ 5: this criterion's share of the reward score. */
  points: string;
}

/** One scored proposal as the Score view shows it: every figure already in words, as the engine worked it out. */
export interface ProposalItem {
  ref: string;
  project: string;
  category: string;
  /** One decimal place: the score bands, gates, rank and envelope use. */
  reward: string;
  /** The exact sum of the criteria's points, when it has more decimals than the score shown. */
  rewardExact: string | null;
  riskRating: number;
  riskLevel: RiskLevel;
  band: Band;
  rank: number;
  /** The gates that stop it, by title. */
  gates: string[];
  /** Why each gate applies, in words. */
  reasons: string[];
  criteria: CriterionItem[];
  /** "44.4%" (rounded down, so it never reads as reaching a threshold it misses); null when nothing is invested. */
  yield: string | null;
  investment: string;
  annualReturn: string;
  /** Chosen within the investment envelope. */
  chosen: boolean;
  sheet: string;
  /** The proposal's Ref cell. */
  cell: string;
  /** For the chart only. */
  rewardValue: number;
}

export interface ProblemCell {
  sheet: string;
  cell: string;
  message: string;
}

export interface IncompleteItem {
  /** "C6", or "Row 12" when the row has no reference. */
  name: string;
  problems: ProblemCell[];
}

export interface SelectionWords {
  envelope: string;
  /** "C2 Energy-efficient street lighting (invest to save)", in rank order. */
  chosen: { ref: string; project: string }[];
  totalInvestment: string;
  totalReward: string;
  totalReturn: string;
}

/** The thresholds the chart draws as reference lines, from the scoring model in use. */
export interface ChartThresholds {
  priority1: number;
  priority2: number;
  lowUpTo: number;
  mediumUpTo: number;
}

export type ScoreView =
  | { kind: 'no-sheet'; columns: string[] }
  | { kind: 'stopped'; proposalsSheet: string; problems: ProblemCell[] }
  | {
      kind: 'scored';
      proposalsSheet: string;
      /** "5 proposals scored: 3 Priority 1, 2 Not supported". */
      summary: string;
      modelFrom: string;
      proposals: ProposalItem[];
      incomplete: IncompleteItem[];
      selection: SelectionWords | null;
      thresholds: ChartThresholds;
    };

/** A yield as a percentage, rounded down to one place (the engine's gates compare it exactly). */
export function yieldPercent(fraction: Decimal): string {
  return `${fraction.times(100).toDecimalPlaces(1, Decimal.ROUND_FLOOR).toFixed()}%`;
}

function proposalItem(p: ScoredProposal, chosen: ReadonlySet<string>): ProposalItem {
  const exact = p.rewardExact.equals(p.reward) ? null : p.rewardExact.toFixed();
  return {
    ref: p.ref,
    project: p.project,
    category: p.category,
    reward: p.reward.toFixed(1),
    rewardExact: exact,
    riskRating: p.riskRating,
    riskLevel: p.riskLevel,
    band: p.band,
    rank: p.rank,
    gates: p.gates.map((g) => GATE_WORDS[g].title),
    reasons: p.reasons,
    criteria: p.criteria.map((c) => ({
      name: c.name,
      score: c.score,
      weight: c.weight.toFixed(),
      points: formatMoney(c.points, placesFor(c.points, 1)),
    })),
    yield: p.yield ? yieldPercent(p.yield) : null,
    investment: moneyText(p.investment),
    annualReturn: moneyText(p.annualReturn),
    chosen: chosen.has(p.ref),
    sheet: p.sheet,
    cell: p.cells.ref,
    rewardValue: p.reward.toNumber(),
  };
}

function countWords(projects: ScoredProposal[]): string {
  const counts = new Map<Band, number>();
  for (const p of projects) counts.set(p.band, (counts.get(p.band) ?? 0) + 1);
  const bands = (['Priority 1', 'Priority 2', 'Priority 3', 'Not supported'] as Band[])
    .filter((b) => counts.get(b))
    .map((b) => `${counts.get(b)} ${b}`);
  const n = projects.length;
  return `${n} proposal${n === 1 ? '' : 's'} scored${bands.length ? `: ${bands.join(', ')}` : ''}`;
}

/** The Score view's content from the engine's result: what to show, all in words. */
export function scoreView(result: ScoreResult): ScoreView {
  if (!result.proposalsSheet) return { kind: 'no-sheet', columns: COLUMNS.map((c) => c.heading) };
  const stopping = result.findings.filter((f) => f.severity === 'error');
  if (!result.model || stopping.length) {
    return {
      kind: 'stopped',
      proposalsSheet: result.proposalsSheet,
      problems: stopping.map((f) => ({ sheet: f.sheet, cell: f.cell, message: sentence(f.message) })),
    };
  }
  const chosen = new Set(result.selection?.chosen.map((p) => p.ref) ?? []);
  const s = result.selection;
  return {
    kind: 'scored',
    proposalsSheet: result.proposalsSheet,
    summary: countWords(result.projects),
    modelFrom: result.modelSheet
      ? `Scored with the weights and thresholds on the ${result.modelSheet} sheet.`
      : "Scored with the Commercialisation Strategy's default weights and thresholds (the workbook has no Scoring Model sheet).",
    proposals: result.projects.map((p) => proposalItem(p, chosen)),
    incomplete: result.incomplete.map((i) => ({
      name: i.ref ?? `Row ${i.row + 1}`,
      problems: i.findings.map((f) => ({ sheet: f.sheet, cell: f.cell, message: sentence(f.message) })),
    })),
    selection: s
      ? {
          envelope: moneyText(s.envelope),
          chosen: [...s.chosen].sort((a, b) => a.rank - b.rank).map((p) => ({ ref: p.ref, project: p.project })),
          totalInvestment: moneyText(s.totalInvestment),
          totalReward: s.totalReward.toFixed(1),
          totalReturn: moneyText(s.totalReturn),
        }
      : null,
    thresholds: {
      priority1: result.model.bands.priority1.toNumber(),
      priority2: result.model.bands.priority2.toNumber(),
      lowUpTo: result.model.risk.lowUpTo.toNumber(),
      mediumUpTo: result.model.risk.mediumUpTo.toNumber(),
    },
  };
}

export const NO_SHEET_WORDS = `This workbook has no ${PROPOSALS_SHEET} sheet, so there are no proposals to score.`;
