import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money';
import { DEFAULT_MODEL, scoreJson, scoreWorkbook, type ScoredProposal } from '../../src/engine/scoring';
import { fixtureGrids, proposalsSheet, row } from './helpers';

/*
 * Worked by hand from the specification (weights 25/15/20/20/20, reward = Σ weight × score ÷ 5):
 * C1 yield 60/200 = 30% → 5, return 60 → 2, 4/4/3: (125+30+80+80+60)/5 = 75.0, risk 3×3 = 9 Medium, Priority 1
 * C2 yield 400/900 = 44% → 5, return 400 → 4, 4/3/4: (125+60+80+60+80)/5 = 81.0, risk 2×2 = 4 Low, Priority 1
 * C3 yield 900/15000 = 6% → 3, return 900 → 5, 2/1/3: (75+75+40+20+60)/5 = 54.0, risk 4×4 = 16 High;
 *    Investing outside the area, and High risk with reward < 60; yield 6% ≥ 3% so no minimum-yield gate
 * C4 yield 80/10 = 800% → 5, return 80 → 2, 3/3/4: (125+30+60+60+80)/5 = 71.0, risk 2×1 = 2 Low, Priority 1
 * C5 investment 0 with return 70 → 5, return 70 → 2, 2/1/4: (125+30+40+20+80)/5 = 59.0, risk 3×4 = 12 Medium;
 *    public service at risk
 * Rank: not gated C2 81, C1 75, C4 71; then gated C5 59, C3 54.
 */
const EXPECTED = [
  {
    ref: 'C2',
    reward: '81.0',
    riskRating: 4,
    riskLevel: 'Low',
    band: 'Priority 1',
    rank: 1,
    gates: [],
    scores: [5, 4, 4, 3, 4],
  },
  {
    ref: 'C1',
    reward: '75.0',
    riskRating: 9,
    riskLevel: 'Medium',
    band: 'Priority 1',
    rank: 2,
    gates: [],
    scores: [5, 2, 4, 4, 3],
  },
  {
    ref: 'C4',
    reward: '71.0',
    riskRating: 2,
    riskLevel: 'Low',
    band: 'Priority 1',
    rank: 3,
    gates: [],
    scores: [5, 2, 3, 3, 4],
  },
  {
    ref: 'C5',
    reward: '59.0',
    riskRating: 12,
    riskLevel: 'Medium',
    band: 'Not supported',
    rank: 4,
    gates: ['public-service-at-risk'],
    scores: [5, 2, 2, 1, 4],
  },
  {
    ref: 'C3',
    reward: '54.0',
    riskRating: 16,
    riskLevel: 'High',
    band: 'Not supported',
    rank: 5,
    gates: ['outside-area', 'risk-not-proportionate'],
    scores: [3, 5, 2, 1, 3],
  },
];

const summary = (p: ScoredProposal) => ({
  ref: p.ref,
  reward: p.reward.toFixed(1),
  riskRating: p.riskRating,
  riskLevel: p.riskLevel,
  band: p.band,
  rank: p.rank,
  gates: p.gates,
  scores: p.criteria.map((c) => c.score),
});

describe('the example workbook', () => {
  it('scores, bands and ranks every proposal as worked by hand', async () => {
    const result = scoreWorkbook(await fixtureGrids());
    expect(result.findings).toEqual([]);
    expect(result.incomplete).toEqual([]);
    expect(result.modelSheet).toBeNull();
    expect(result.model).toBe(DEFAULT_MODEL);
    expect(result.projects.map(summary)).toEqual(EXPECTED);
  });

  it('keeps every number the UI explains: criteria with weights and points, the yield, each gate in words', async () => {
    const { projects } = scoreWorkbook(await fixtureGrids());
    const c3 = projects.find((p) => p.ref === 'C3')!;
    expect(c3.criteria.map((c) => [c.name, c.weight.toFixed(), c.points.toFixed()])).toEqual([
      ['Net yield', '25', '15'],
      ['Scale of return', '15', '15'],
      ['Strategic fit', '20', '8'],
      ['Customer service', '20', '4'],
      ['Deliverability', '20', '12'],
    ]);
    expect(c3.yield!.toFixed()).toBe('0.06');
    expect(c3.reasons).toHaveLength(2);
    expect(c3.reasons[0]).toMatch(/^Outside the area: .*Investing/);
    expect(c3.reasons[1]).toMatch(/^Risk not proportionate to reward: .*16 \(High\).*54\.0.*60/);
    expect(c3.cells.investment).toBe('E6');
    const c5 = projects.find((p) => p.ref === 'C5')!;
    expect(c5.yield).toBeNull();
    expect(c5.reasons).toEqual([expect.stringMatching(/^Public service at risk: /)]);
  });

  it('gives the JSON document with projects in rank order', async () => {
    const json = scoreJson(scoreWorkbook(await fixtureGrids()));
    expect(Object.keys(json)).toEqual(['projects', 'incomplete']);
    expect(json.projects.map((p) => [p.ref, p.reward, p.rank])).toEqual([
      ['C2', 81, 1],
      ['C1', 75, 2],
      ['C4', 71, 3],
      ['C5', 59, 4],
      ['C3', 54, 5],
    ]);
    expect(Object.keys(json.projects[0])).toEqual([
      'ref',
      'project',
      'reward',
      'riskRating',
      'riskLevel',
      'band',
      'rank',
      'gates',
      'criteria',
    ]);
    expect(json.projects[4].criteria[0]).toEqual({ name: 'Net yield', score: 3, weight: 25 });
  });

  it('chooses within an envelope of 1,000: C2 and C4 (910 invested, reward 152.0) beat C1 and C4 (210, 146.0)', async () => {
    const { selection } = scoreWorkbook(await fixtureGrids(), { envelope: new Decimal(1000) });
    expect(selection!.chosen.map((p) => p.ref)).toEqual(['C2', 'C4']);
    expect(selection!.totalInvestment.toFixed()).toBe('910');
    expect(selection!.totalReward.toFixed(1)).toBe('152.0');
    expect(selection!.totalReturn.toFixed()).toBe('480');
  });
});

describe("the specification's worked example", () => {
  it('C1: yield 30% → 5, return 60 → 2, reward 75.0, risk 9 Medium, no gate, Priority 1', () => {
    const sheet = proposalsSheet([
      row('C1', {
        category: 'Trading services',
        inside: 'Yes',
        investment: 200,
        annualReturn: 60,
        fit: 4,
        customer: 4,
        deliverability: 3,
        likelihood: 3,
        impact: 3,
        publicService: 'No',
      }),
    ]);
    const [c1] = scoreWorkbook([sheet]).projects;
    expect(summary(c1)).toEqual({
      ref: 'C1',
      reward: '75.0',
      riskRating: 9,
      riskLevel: 'Medium',
      band: 'Priority 1',
      rank: 1,
      gates: [],
      scores: [5, 2, 4, 4, 3],
    });
    expect(c1.rewardExact.toFixed()).toBe('75');
  });
});
