import { money } from '../compare';
import { Decimal } from '../money';
import {
  CRITERION_NAMES,
  GATE_WORDS,
  isEnteredCriterion,
  type Band,
  type Criterion,
  type CriterionId,
  type Gate,
  type GateId,
  type RiskLevel,
  type ScoringModel,
} from './model';
import type { Proposal } from './proposals';

export interface CriterionScore {
  id: CriterionId;
  name: string;
  /** 1–5. */
  score: number;
  weight: Decimal;
  /** weight × score ÷ 5: this criterion's share of the reward score. */
  points: Decimal;
}

export interface ScoredProposal extends Proposal {
  /** Annual net return ÷ investment (a fraction); null when nothing is invested. */
  yield: Decimal | null;
  criteria: CriterionScore[];
  /** Σ weight × score ÷ 5, exact. */
  rewardExact: Decimal;
  /**
   * The reward score as shown: one decimal place, round half up. Bands, gates, rank and the
   * envelope all use this value, so every decision can be checked against the number on screen.
   */
  reward: Decimal;
  /** Likelihood × impact, 1–25. */
  riskRating: number;
  riskLevel: RiskLevel;
  gates: GateId[];
  /** Why each gate applies, in plain words, in the order of `gates`. */
  reasons: string[];
  band: Band;
  /** 1…n over every complete proposal. */
  rank: number;
}

const FIVE = new Decimal(5);

/** Score 5, 4, 3 or 2 for the first threshold the value reaches (highest first), else 1. */
function bandedScore(reaches: (threshold: Decimal) => boolean, thresholds: Decimal[]): number {
  const i = thresholds.findIndex(reaches);
  return i < 0 ? 1 : 5 - i;
}

/** Net yield score. Compared as return ≥ threshold × investment, so no division is rounded. */
function netYieldScore(p: Proposal, thresholds: Decimal[]): number {
  if (p.annualReturn.lte(0)) return 1;
  if (p.investment.isZero()) return 5;
  return bandedScore((t) => p.annualReturn.gte(t.times(p.investment)), thresholds);
}

function criterionScore(p: Proposal, c: Criterion): number {
  if (isEnteredCriterion(c.id)) return p.scores[c.id];
  if (c.id === 'net-yield') return netYieldScore(p, c.thresholds);
  return bandedScore((t) => p.annualReturn.gte(t), c.thresholds);
}

export function riskLevel(rating: number, model: ScoringModel): RiskLevel {
  if (model.risk.lowUpTo.gte(rating)) return 'Low';
  if (model.risk.mediumUpTo.gte(rating)) return 'Medium';
  return 'High';
}

export function band(reward: Decimal, gated: boolean, model: ScoringModel): Band {
  if (gated) return 'Not supported';
  if (reward.gte(model.bands.priority1)) return 'Priority 1';
  if (reward.gte(model.bands.priority2)) return 'Priority 2';
  return 'Priority 3';
}

/** A percentage that never reads as reaching a threshold the yield falls short of: rounded down, up to 3 places. */
function percent(fraction: Decimal): string {
  return `${fraction.times(100).toDecimalPlaces(3, Decimal.ROUND_FLOOR).toFixed()}%`;
}

type Facts = Omit<ScoredProposal, 'gates' | 'reasons' | 'band' | 'rank'>;

/** When each gate applies, and why in the proposal's own figures. One place per gate. */
const GATE_TESTS: Record<
  GateId,
  { applies: (p: Facts, setting: Decimal | null) => boolean; reason: (p: Facts, setting: Decimal | null) => string }
> = {
  'outside-area': {
    applies: (p) => !p.insideArea,
    reason: (p) =>
      `it is outside the council's area and its category is ${p.category}. ${GATE_WORDS['outside-area'].why}`,
  },
  'risk-not-proportionate': {
    applies: (p, setting) => p.riskLevel === 'High' && p.reward.lt(setting!),
    reason: (p, setting) =>
      `its risk rating is ${p.riskRating} (High) but its reward score is ${p.reward.toFixed(1)}, below the ${setting!.toFixed()} a High risk needs. ${GATE_WORDS['risk-not-proportionate'].why}`,
  },
  'public-service-at-risk': {
    applies: (p) => p.publicServiceAtRisk,
    reason: () => `it puts the public service offer at risk. ${GATE_WORDS['public-service-at-risk'].why}`,
  },
  'below-minimum-yield': {
    applies: (p, setting) => p.investment.gt(0) && p.annualReturn.lt(setting!.times(p.investment)),
    reason: (p, setting) =>
      `it returns ${money(p.annualReturn)} a year on an investment of ${money(p.investment)} (£000), a yield of ${percent(p.yield!)}, below the minimum of ${percent(setting!)} for ${p.category}. ${GATE_WORDS['below-minimum-yield'].why}`,
  },
};

function applyingGates(p: Facts, model: ScoringModel): Gate[] {
  return model.gates.filter((g: Gate) => g.categories.includes(p.category) && GATE_TESTS[g.id].applies(p, g.setting));
}

function gatesFor(p: Facts, model: ScoringModel): { gates: GateId[]; reasons: string[] } {
  const applying = applyingGates(p, model);
  return {
    gates: applying.map((g) => g.id),
    reasons: applying.map((g) => `${GATE_WORDS[g.id].title}: ${GATE_TESTS[g.id].reason(p, g.setting)}`),
  };
}

/** Scores one complete proposal; its rank is set by `rankProposals`. */
export function scoreProposal(p: Proposal, model: ScoringModel): ScoredProposal {
  const criteria = model.criteria.map((c) => {
    const score = criterionScore(p, c);
    return { id: c.id, name: CRITERION_NAMES[c.id], score, weight: c.weight, points: c.weight.times(score).div(FIVE) };
  });
  const rewardExact = criteria.reduce((total, c) => total.plus(c.points), new Decimal(0));
  // Whole numbers 1–5, so the product is exact.
  const riskRating = p.likelihood * p.impact;
  const facts: Facts = {
    ...p,
    yield: p.investment.isZero() ? null : p.annualReturn.div(p.investment),
    criteria,
    rewardExact,
    reward: rewardExact.toDecimalPlaces(1, Decimal.ROUND_HALF_UP),
    riskRating,
    riskLevel: riskLevel(riskRating, model),
  };
  const { gates, reasons } = gatesFor(facts, model);
  return { ...facts, gates, reasons, band: band(facts.reward, gates.length > 0, model), rank: 0 };
}

/**
 * The gates and band a scored proposal would have if its reward score (as shown) were `reward`, by the same tests
 * as scoring: the weight-sensitivity walk moves the reward and asks this at each step.
 */
export function judgeAt(p: ScoredProposal, reward: Decimal, model: ScoringModel): { gates: GateId[]; band: Band } {
  const gates = applyingGates({ ...p, reward }, model).map((g) => g.id);
  return { gates, band: band(reward, gates.length > 0, model) };
}

/** Not gated first; then reward score (highest first), lower risk rating, higher annual net return, sheet order. */
export function byRank(a: ScoredProposal, b: ScoredProposal): number {
  return (
    Number(a.gates.length > 0) - Number(b.gates.length > 0) ||
    b.reward.comparedTo(a.reward) ||
    a.riskRating - b.riskRating ||
    b.annualReturn.comparedTo(a.annualReturn) ||
    a.row - b.row
  );
}

/** The proposals in rank order, ranked 1…n. */
export function rankProposals(scored: ScoredProposal[]): ScoredProposal[] {
  return [...scored].sort(byRank).map((p, i) => ({ ...p, rank: i + 1 }));
}
