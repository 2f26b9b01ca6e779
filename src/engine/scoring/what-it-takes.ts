import { money } from '../compare';
import { Decimal } from '../money';
import { listWords } from '../words';
import { betterBand } from './band-steps';
import {
  CRITERION_NAMES,
  ENTERED_CRITERIA,
  GATE_WORDS,
  type Band,
  type CriterionId,
  type EnteredCriterionId,
  type GateId,
  type RiskLevel,
  type ScoringModel,
} from './model';
import type { Proposal } from './proposals';
import { scoreProposal, type ScoredProposal } from './score';

/*
 * What it would take to move a proposal up a band: one input changed at a time, re-scored with the real scorer.
 * Each input only ever helps in one direction (more return, less investment, a higher score, a lower likelihood
 * or impact, inside the area, the public service kept safe), and between the values listed below nothing the
 * model looks at changes, so the first of them that moves the band is the least change that does.
 */

export type LeverId =
  'annualReturn' | 'investment' | EnteredCriterionId | 'likelihood' | 'impact' | 'insideArea' | 'publicServiceAtRisk';

/** Money figures are given to the nearest £1 (three places in £000), rounded the way that still does it. */
const MONEY_PLACES = 3;
/** £1 (in £000): stands for "any annual net return above 0". */
const ABOVE_ZERO = new Decimal('0.001');

export interface SingleChange {
  lever: LeverId;
  /** The input as the Commercial Projects sheet heads it. */
  input: string;
  /** The input now and as changed, in words ("240", "Yes", "4"). */
  from: string;
  to: string;
  /** The value to put in the input: a Decimal (money), a whole number (a score) or a yes/no. */
  value: Decimal | number | boolean;
  /** Set when any figure above this one does it (a return above 0 with nothing invested): `value` is then £1 more. */
  anyAbove: Decimal | null;
  /** The criterion scores it changes. */
  scores: { criterion: CriterionId; name: string; from: number; to: number }[];
  risk: { from: number; to: number; levelFrom: RiskLevel; levelTo: RiskLevel } | null;
  gatesLifted: GateId[];
  /** The band and reward score the proposal would then have. */
  band: Band;
  reward: Decimal;
  words: string;
}

export interface GateLift {
  gate: GateId;
  title: string;
  /** What would lift the gate, in the proposal's figures: "it would need a reward score of 60 or more (now 54.0), …". */
  needs: string;
  /** Each single change that would lift this gate (other gates may still stop the proposal). */
  changes: SingleChange[];
}

export interface WhatItTakes {
  ref: string;
  project: string;
  rank: number;
  band: Band;
  reward: Decimal;
  /** Every single change that moves it up a band, the smallest first; empty when none does. */
  moves: SingleChange[];
  /** For a gated proposal, each gate that stops it. */
  gates: GateLift[];
  /** One line: the smallest change, or why no single change does it. */
  words: string;
}

interface Lever {
  id: LeverId;
  input: string;
  /** The values to try, nearest first. */
  candidates(p: ScoredProposal, model: ScoringModel): (Decimal | number | boolean)[];
  read(p: Proposal): Decimal | number | boolean;
  apply(p: Proposal, value: Decimal | number | boolean): Proposal;
  shown(value: Decimal | number | boolean): string;
}

const criterion = (m: ScoringModel, id: CriterionId) => m.criteria.find((c) => c.id === id)!;
const yieldGate = (m: ScoringModel) => m.gates.find((g) => g.id === 'below-minimum-yield')?.setting ?? null;
const decimal = (v: Decimal | number | boolean) => v as Decimal;
const yesNo = (v: Decimal | number | boolean) => (v ? 'Yes' : 'No');

/** Distinct values, sorted: ascending, or descending when `down`. */
function ordered(values: Decimal[], down = false): Decimal[] {
  const unique = values.filter((v, i) => values.findIndex((w) => w.eq(v)) === i);
  return unique.sort((a, b) => (down ? b.comparedTo(a) : a.comparedTo(b)));
}

/** More annual net return: the least figures at which a score, the yield gate or the "return above 0" rule changes. */
const moreReturn: Lever = {
  id: 'annualReturn',
  input: 'Annual net return £000',
  candidates(p, m) {
    const r = p.annualReturn;
    const inv = p.investment;
    const levels = [
      ...criterion(m, 'scale-of-return').thresholds,
      ...(inv.gt(0) ? criterion(m, 'net-yield').thresholds.map((t) => t.times(inv)) : []),
      ...(inv.gt(0) && yieldGate(m) ? [yieldGate(m)!.times(inv)] : []),
    ].filter((v) => v.gt(r) && v.gt(0));
    // A return of 0 or less scores 1 whatever the yield: any figure above 0 is the next step (£1 stands for it).
    const aboveZero = r.lte(0) ? [Decimal.min(ABOVE_ZERO, ...levels)] : [];
    return ordered([...aboveZero, ...levels]);
  },
  read: (p) => p.annualReturn,
  apply: (p, v) => ({ ...p, annualReturn: decimal(v) }),
  shown: (v) => money(decimal(v)),
};

/** Less investment: the largest figures at which the yield reaches a threshold or the yield gate; then nothing. */
const lessInvestment: Lever = {
  id: 'investment',
  input: 'Investment £000',
  candidates(p, m) {
    const r = p.annualReturn;
    const inv = p.investment;
    if (inv.lte(0)) return [];
    const rates = r.gt(0) ? [...criterion(m, 'net-yield').thresholds, ...(yieldGate(m) ? [yieldGate(m)!] : [])] : [];
    const levels = rates
      .filter((t) => t.gt(0))
      .map((t) => r.div(t).toDecimalPlaces(MONEY_PLACES, Decimal.ROUND_FLOOR))
      .filter((v) => v.lt(inv));
    return ordered([...levels, new Decimal(0)], true);
  },
  read: (p) => p.investment,
  apply: (p, v) => ({ ...p, investment: decimal(v) }),
  shown: (v) => money(decimal(v)),
};

function higherScore(id: EnteredCriterionId): Lever {
  return {
    id,
    input: CRITERION_NAMES[id],
    candidates: (p) => [5, 4, 3, 2].filter((v) => v > p.scores[id]).reverse(),
    read: (p) => p.scores[id],
    apply: (p, v) => ({ ...p, scores: { ...p.scores, [id]: v as number } }),
    shown: String,
  };
}

function lowerRisk(id: 'likelihood' | 'impact'): Lever {
  return {
    id,
    input: id === 'likelihood' ? 'Risk likelihood' : 'Risk impact',
    candidates: (p) => [1, 2, 3, 4].filter((v) => v < p[id]).reverse(),
    read: (p) => p[id],
    apply: (p, v) => ({ ...p, [id]: v as number }),
    shown: String,
  };
}

const insideArea: Lever = {
  id: 'insideArea',
  input: 'Inside area',
  candidates: (p) => (p.insideArea ? [] : [true]),
  read: (p) => p.insideArea,
  apply: (p, v) => ({ ...p, insideArea: v as boolean }),
  shown: yesNo,
};

const publicServiceSafe: Lever = {
  id: 'publicServiceAtRisk',
  input: 'Public service at risk',
  candidates: (p) => (p.publicServiceAtRisk ? [false] : []),
  read: (p) => p.publicServiceAtRisk,
  apply: (p, v) => ({ ...p, publicServiceAtRisk: v as boolean }),
  shown: yesNo,
};

const LEVERS: Lever[] = [
  moreReturn,
  lessInvestment,
  ...ENTERED_CRITERIA.map(higherScore),
  lowerRisk('likelihood'),
  lowerRisk('impact'),
  insideArea,
  publicServiceSafe,
];

function describe(p: ScoredProposal, lever: Lever, change: Omit<SingleChange, 'words'>, goal: string): string {
  const what =
    lever.id === 'annualReturn'
      ? change.anyAbove
        ? `An annual net return above 0 instead of ${change.from} (£000)`
        : `An annual net return of ${change.to} instead of ${change.from} (£000)`
      : lever.id === 'investment'
        ? `An investment of no more than ${change.to} instead of ${change.from} (£000)`
        : typeof change.value === 'boolean'
          ? `${change.input}: ${change.to} instead of ${change.from}`
          : `${change.input} ${change.to} instead of ${change.from}`;
  // A score typed in needs no "raise Customer service from 3 to 4": the change says it.
  const raised = change.scores.filter((s) => s.criterion !== lever.id);
  const effects = [
    ...(raised.length ? [`raise ${listWords(raised.map((s) => `${s.name} from ${s.from} to ${s.to}`))}`] : []),
    ...(change.risk
      ? [
          `bring the risk rating from ${change.risk.from} (${change.risk.levelFrom}) to ${change.risk.to} (${change.risk.levelTo})`,
        ]
      : []),
    ...(change.gatesLifted.length
      ? [`lift ${listWords(change.gatesLifted.map((g) => `the gate ${GATE_WORDS[g].title}`))}`]
      : []),
    goal,
  ];
  return `${what} would ${listWords(effects)}.`;
}

/** The least change of one input that meets `goal`, re-scored with the real scorer; null when none does. */
function leastChange(
  p: ScoredProposal,
  model: ScoringModel,
  lever: Lever,
  goal: (s: ScoredProposal) => boolean,
  goalWords: (s: ScoredProposal) => string,
): SingleChange | null {
  for (const value of lever.candidates(p, model)) {
    const s = scoreProposal(lever.apply(p, value), model);
    if (!goal(s)) continue;
    const change = {
      lever: lever.id,
      input: lever.input,
      from: lever.shown(lever.read(p)),
      to: lever.shown(value),
      value,
      anyAbove:
        lever.id === 'annualReturn' && p.annualReturn.lte(0) && decimal(value).eq(ABOVE_ZERO) ? new Decimal(0) : null,
      scores: s.criteria
        .map((c, i) => ({ criterion: c.id, name: c.name, from: p.criteria[i]!.score, to: c.score }))
        .filter((c) => c.to !== c.from),
      risk:
        s.riskRating === p.riskRating
          ? null
          : { from: p.riskRating, to: s.riskRating, levelFrom: p.riskLevel, levelTo: s.riskLevel },
      gatesLifted: p.gates.filter((g) => !s.gates.includes(g)),
      band: s.band,
      reward: s.reward,
    };
    return { ...change, words: describe(p, lever, change, goalWords(s)) };
  }
  return null;
}

/** How big a change is, to list the smallest first: score points moved (money moves count by the scores they move). */
function size(c: SingleChange): number {
  if (typeof c.value === 'number') return Math.abs(Number(c.to) - Number(c.from));
  return Math.max(
    1,
    c.scores.reduce((n, s) => n + s.to - s.from, 0),
  );
}

function gateNeeds(p: ScoredProposal, model: ScoringModel, gate: GateId): string {
  const setting = model.gates.find((g) => g.id === gate)?.setting ?? new Decimal(0);
  switch (gate) {
    case 'outside-area':
      return `it would need to be inside the council's area (Inside area: Yes); the gate applies to ${p.category} outside it`;
    case 'public-service-at-risk':
      return 'it would need to keep the public service offer safe (Public service at risk: No)';
    case 'risk-not-proportionate':
      return `it would need a reward score of ${setting.toFixed()} or more (now ${p.reward.toFixed(1)}), or a risk rating of ${model.risk.mediumUpTo.toFixed()} or less (now ${p.riskRating})`;
    case 'below-minimum-yield': {
      const least = setting.times(p.investment);
      const most = p.annualReturn.gt(0)
        ? p.annualReturn.div(setting).toDecimalPlaces(MONEY_PLACES, Decimal.ROUND_FLOOR)
        : null;
      return `it would need an annual net return of at least ${money(least)} on its investment of ${money(p.investment)} (£000)${most ? `, or an investment of no more than ${money(most)}` : ''}`;
    }
  }
}

const bySize = (a: SingleChange, b: SingleChange) => size(a) - size(b);

/** For one proposal not in Priority 1: every single change that moves it up a band, and for a gated one, what lifts each gate. */
export function whatItTakesFor(p: ScoredProposal, model: ScoringModel): WhatItTakes {
  const movesTo = (s: ScoredProposal) => `move ${p.ref} to ${s.band} (reward ${s.reward.toFixed(1)})`;
  const moves = LEVERS.map((l) => leastChange(p, model, l, (s) => betterBand(s.band, p.band), movesTo))
    .filter((c) => c !== null)
    .sort(bySize);
  const gates = p.gates.map((gate) => ({
    gate,
    title: GATE_WORDS[gate].title,
    needs: gateNeeds(p, model, gate),
    changes: LEVERS.map((l) =>
      leastChange(
        p,
        model,
        l,
        (s) => !s.gates.includes(gate),
        (s) =>
          s.gates.length ? `leave it stopped by ${listWords(s.gates.map((g) => GATE_WORDS[g].title))}` : movesTo(s),
      ),
    )
      .filter((c) => c !== null)
      .sort(bySize),
  }));
  const words = moves[0]
    ? moves[0].words
    : p.gates.length > 1
      ? `No single change moves ${p.ref} up a band: it is stopped by ${listWords(gates.map((g) => g.title))}, and every one of them would have to be lifted.`
      : `No single change to one of its scores or figures moves ${p.ref} up a band.`;
  return { ref: p.ref, project: p.project, rank: p.rank, band: p.band, reward: p.reward, moves, gates, words };
}

/** What it would take, for every proposal not in Priority 1, in rank order. */
export function whatItTakes(projects: ScoredProposal[], model: ScoringModel): WhatItTakes[] {
  return projects.filter((p) => p.band !== 'Priority 1').map((p) => whatItTakesFor(p, model));
}
