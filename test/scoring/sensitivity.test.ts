import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/engine/grid';
import { Decimal } from '../../src/engine/money';
import {
  chooseWithinEnvelope,
  DEFAULT_MODEL,
  ENVELOPE_NOT_WATCHED,
  ENVELOPE_WATCH_LIMIT,
  rankProposals,
  ratioText,
  readProposals,
  scoreProposal,
  weightSensitivity,
  byRank,
  judgeAt,
  type Proposal,
  type ScoredProposal,
  type Range,
  type ScoringModel,
} from '../../src/engine/scoring';
import * as Q from '../../src/engine/scoring/ratio';
import type { Ratio } from '../../src/engine/scoring/ratio';
import { fixtureGrids, proposalsSheet, row } from './helpers';

/*
 * The oracle: an independent brute-force sweep. Each weight is moved along a fine grid, the others rescaled in
 * proportion, and every proposal is scored again with the real scorer (scoreProposal, rankProposals,
 * chooseWithinEnvelope). Where the observed outcome first changes must agree with the computed ranges.
 *
 * The grid is t_i = T − i·(T − w)/N for criterion weight w, so the other weights are w_j·i/N: exact decimals that
 * still add up to T, and the real scorer sees exactly the weights the sensitivity reasons about.
 */

function withWeights(weights: (number | string)[]): ScoringModel {
  return {
    ...DEFAULT_MODEL,
    criteria: DEFAULT_MODEL.criteria.map((c, j) => ({ ...c, weight: new Decimal(weights[j]) })),
  };
}

interface Observed {
  overall: string;
  places: Map<string, string>;
}

/** What the sensitivity watches, worked out by the real scorer: the top three in order, every band, the envelope's choice; and each proposal's rank and band. */
function observe(proposals: Proposal[], model: ScoringModel, envelope: Decimal | null): Observed {
  return outcomeOf(rankProposals(proposals.map((p) => scoreProposal(p, model))), envelope);
}

function outcomeOf(ranked: ScoredProposal[], envelope: Decimal | null): Observed {
  const chosen = envelope
    ? chooseWithinEnvelope(
        ranked.filter((p) => p.gates.length === 0),
        envelope,
      )
        .chosen.map((p) => p.ref)
        .sort()
    : null;
  return {
    overall: JSON.stringify([
      ranked.slice(0, 3).map((p) => p.ref),
      ranked.map((p) => `${p.ref}:${p.band}`).sort(),
      chosen,
    ]),
    places: new Map(ranked.map((p) => [p.ref, `${p.rank}|${p.band}`])),
  };
}

interface Sweep {
  /** Weights visited walking up from the weight now (to T) and down (to 0), each with what was observed. */
  up: { t: Decimal; seen: Observed }[];
  down: { t: Decimal; seen: Observed }[];
}

function sweep(proposals: Proposal[], model: ScoringModel, k: number, envelope: Decimal | null, points = 2048): Sweep {
  const weights = model.criteria.map((c) => c.weight);
  const total = weights.reduce((a, b) => a.plus(b), new Decimal(0));
  const others = total.minus(weights[k]);
  // N a power of two, so (T − w)/N is an exact decimal; about `points` steps from 0 to T.
  const n = 2 ** Math.max(4, Math.ceil(Math.log2(others.div(total).times(points).toNumber())));
  const at = (i: number) => {
    const t = total.minus(others.times(i).div(n));
    const m: ScoringModel = {
      ...model,
      criteria: model.criteria.map((c, j) => ({ ...c, weight: j === k ? t : c.weight.times(i).div(n) })),
    };
    return { t, seen: observe(proposals, m, envelope) };
  };
  const up: Sweep['up'] = [];
  for (let i = n; i >= 0; i--) up.push(at(i));
  const down: Sweep['down'] = [];
  for (let i = n; total.minus(others.times(i).div(n)).gte(0); i++) down.push(at(i));
  return { up, down };
}

/** The observed stretch: the last weight still like the first, and the first weight unlike it (null when none). */
function observedEdge(points: { t: Decimal; seen: Observed }[], key: (o: Observed) => string) {
  const start = key(points[0].seen);
  const firstOther = points.findIndex((p) => key(p.seen) !== start);
  return {
    lastSame: points[(firstOther < 0 ? points.length : firstOther) - 1].t,
    firstOther: firstOther < 0 ? null : points[firstOther].t,
  };
}

const inside = (t: Ratio, bound: { at: Ratio; included: boolean }, dir: 1 | -1) => {
  const c = Q.cmp(t, bound.at) * dir;
  return c < 0 || (c === 0 && bound.included);
};

/**
 * The second, exact oracle, for changes too brief for any grid (two rewards tie for a moment at 98.32 and part
 * again by 98.36): the rewards at any fraction t, summed here with fractions (Σ weight × score ÷ 5, rounded half up
 * to one place), then put through the model's own gates, bands, rank and envelope choice.
 */
function observeExactly(
  proposals: ScoredProposal[],
  model: ScoringModel,
  k: number,
  t: Ratio,
  envelope: Decimal | null,
): Observed {
  const weights = model.criteria.map((c) => Q.fromDecimal(c.weight));
  const total = weights.reduce(Q.add, Q.ratio(0));
  const scale = Q.div(Q.sub(total, t), Q.sub(total, weights[k]));
  const moved = weights.map((w, j) => (j === k ? t : Q.mul(w, scale)));
  const rescored = proposals.map((p) => {
    const exact = moved.reduce((sum, w, j) => Q.add(sum, Q.mul(w, Q.ratio(p.criteria[j].score))), Q.ratio(0));
    const tenths = Q.floor(Q.add(Q.div(Q.mul(exact, Q.ratio(10)), Q.ratio(5)), Q.ratio(1, 2)));
    const reward = new Decimal(tenths.toString()).div(10);
    return { ...p, reward, ...judgeAt(p, reward, model) };
  });
  const ranked = [...rescored].sort(byRank).map((p, i) => ({ ...p, rank: i + 1 }));
  return outcomeOf(ranked, envelope);
}

const EPSILON = Q.ratio(1, 10n ** 15n);

/** The computed range agrees with the sweep and with the exact oracle at its ends. */
function agrees(
  range: Range,
  points: Sweep,
  exactly: (t: Ratio) => Observed,
  key: (o: Observed) => string,
  label: string,
): void {
  const now = key(points.up[0].seen);
  for (const [dir, side, list, change] of [
    [1, range.high, points.up, range.above],
    [-1, range.low, points.down, range.below],
  ] as const) {
    const { lastSame, firstOther } = observedEdge(list, key);
    const where = `${label} ${dir > 0 ? 'above' : 'below'}: computed ${side.included ? '' : 'up to but not '}${ratioText(side.at)}, seen same at ${lastSame.toFixed()}, changed at ${firstOther?.toFixed() ?? 'none'}`;
    // Nothing the grid saw change is inside the range.
    if (firstOther) {
      expect(inside(Q.fromDecimal(firstOther), side, dir), where).toBe(false);
      expect(change, where).not.toBeNull();
    }
    if (!change) {
      expect(ratioText(side.at), where).toBe(dir > 0 ? list[list.length - 1].t.toFixed() : '0');
      expect(side.included, where).toBe(true);
      continue;
    }
    // The range ends where something really changes: at the bound itself when it is left out, just past it when not.
    const past = side.included ? Q.add(side.at, Q.mul(EPSILON, Q.ratio(dir))) : side.at;
    expect(key(exactly(past)), `${where}: changed at the end`).not.toBe(now);
    if (side.included) expect(key(exactly(side.at)), `${where}: same at the end`).toBe(now);
  }
}

function checkAgainstSweep(proposals: Proposal[], model: ScoringModel, envelope: Decimal | null, points?: number) {
  const ranked = rankProposals(proposals.map((p) => scoreProposal(p, model)));
  const result = weightSensitivity(ranked, model, envelope ?? undefined);
  model.criteria.forEach((c, k) => {
    const seen = sweep(proposals, model, k, envelope, points);
    const exactly = (t: Ratio) => observeExactly(ranked, model, k, t, envelope);
    agrees(result.weights[k], seen, exactly, (o) => o.overall, c.id);
    for (const p of result.proposals) {
      agrees(p.ranges[k], seen, exactly, (o) => o.places.get(p.ref)!, `${p.ref} on ${c.id}`);
    }
  });
  return result;
}

const proposalsOf = (rows: CellValue[][]) => readProposals(proposalsSheet(rows)).proposals;

describe('robustness of the ranking to the weights', () => {
  it('on the example workbook: each weight range and what changes first, checked against a sweep with the real scorer', async () => {
    const proposals = readProposals((await fixtureGrids()).find((s) => s.name === 'Commercial Projects')!).proposals;
    const result = checkAgainstSweep(proposals, DEFAULT_MODEL, new Decimal(1000), 1000);
    const byName = Object.fromEntries(result.weights.map((w) => [w.name, w]));
    // Deliverability down to 32/3 (10.67): there C4's reward is exactly 69.95, shown as 70.0, still Priority 1.
    expect(ratioText(byName.Deliverability.low.at)).toBe('32/3');
    expect(byName.Deliverability.low.included).toBe(true);
    expect(byName.Deliverability.below).toEqual(['C4 falls to Priority 2']);
    expect(byName['Scale of return'].below).toEqual(['the envelope chooses C1 and C4 (was C2 and C4)']);
    expect(byName['Net yield'].above).toEqual(['the order of the top three becomes C2, C4 and C1 (was C2, C1 and C4)']);
    expect(result.proposals.map((p) => p.verdict)).toEqual([
      'C2 stays first (Priority 1) for any Customer service weight up to 38.4 (now 20); above about 38.47 it moves down to second.',
      'C1 stays second (Priority 1) for any Scale of return weight up to 27.2 (now 15); above about 27.26 it becomes Priority 2.',
      'C4 stays third (Priority 1) for any Net yield weight from 22.3 to 98.3 (now 25); below about 22.28 it becomes Priority 2.',
      'C5 stays fourth (Not supported) for any Scale of return weight up to 21.5 (now 15); at about 21.55 it moves down to fifth.',
      'C3 stays fifth (Not supported) for any Scale of return weight up to 21.5 (now 15); at about 21.55 it moves up to fourth.',
    ]);
  });

  it('holds against the sweep for random proposals, weights and envelopes', () => {
    const scores = fc.integer({ min: 1, max: 5 });
    const proposal = fc.record({
      category: fc.constantFrom('Productivity', 'Trading services', 'Investing', 'Better buying'),
      inside: fc.constantFrom('Yes', 'Yes', 'Yes', 'No'),
      investment: fc.integer({ min: 0, max: 200 }).map((x) => x * 10),
      annualReturn: fc.integer({ min: -5, max: 60 }).map((x) => x * 10),
      fit: scores,
      customer: scores,
      deliverability: scores,
      likelihood: scores,
      impact: scores,
      publicService: fc.constantFrom('No', 'No', 'No', 'Yes'),
    });
    // Weights adding up to 100, sometimes with decimals (such as 22.75 and 17.25), as a Scoring Model sheet may hold.
    const weights = fc
      .tuple(
        fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 40 }))),
        fc.constantFrom(0, 0.25, 2.5),
      )
      .map(([cuts, shift]) => {
        const w = [...cuts, 0].map((c) => c + 5);
        const total = w.reduce((a, b) => a + b, 0);
        const scaled = w.map((x) => Math.floor((x * 100) / total));
        scaled[0] += 100 - scaled.reduce((a, b) => a + b, 0);
        return scaled.map((x, i) => String(x + (i === 0 ? -shift : i === 1 ? shift : 0)));
      });
    fc.assert(
      fc.property(
        fc.array(proposal, { minLength: 2, maxLength: 5 }),
        weights,
        fc.option(fc.integer({ min: 0, max: 300 }).map((x) => new Decimal(x * 10))),
        (rows, w, envelope) => {
          const proposals = proposalsOf(rows.map((r, i) => row(`P${i + 1}`, r)));
          checkAgainstSweep(proposals, withWeights(w), envelope, 300);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('the envelope with many proposals', () => {
  it('is watched up to the limit, and beyond it says it is not, instead of taking minutes', () => {
    const many = (n: number) =>
      rankProposals(
        proposalsOf(
          Array.from({ length: n }, (_, i) => row(`P${i + 1}`, { investment: 100 + i, fit: (i % 5) + 1 })),
        ).map((p) => scoreProposal(p, DEFAULT_MODEL)),
      );
    const envelope = new Decimal(1000);
    const few = weightSensitivity(many(8), DEFAULT_MODEL, envelope);
    expect(few.envelope?.toString()).toBe('1000');
    expect(few.envelopeNotWatched).toBe(false);
    const over = weightSensitivity(many(ENVELOPE_WATCH_LIMIT + 1), DEFAULT_MODEL, envelope);
    expect(over.envelope).toBeNull();
    expect(over.envelopeNotWatched).toBe(true);
    expect(ENVELOPE_NOT_WATCHED).toContain(`more than ${ENVELOPE_WATCH_LIMIT} proposals`);
  });
});
