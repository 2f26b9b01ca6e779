import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../../src/engine/money';
import { chooseWithinEnvelope, scoreJson, scoreWorkbook, type EnvelopeCandidate } from '../../src/engine/scoring';
import { fixtureGrids, proposalsSheet, row } from './helpers';

interface Item extends EnvelopeCandidate {
  name: string;
}

const item = (
  name: string,
  reward: string | number,
  investment: string | number,
  annualReturn: string | number = 0,
): Item => ({
  name,
  reward: new Decimal(reward),
  investment: new Decimal(investment),
  annualReturn: new Decimal(annualReturn),
});

const names = (items: Item[]) => items.map((i) => i.name);
const totals = (items: EnvelopeCandidate[]) => ({
  reward: sum(items.map((i) => i.reward)).toFixed(),
  investment: sum(items.map((i) => i.investment)).toFixed(),
  annualReturn: sum(items.map((i) => i.annualReturn)).toFixed(),
});

/** Every subset, compared exactly: largest reward, then smaller investment, then higher return. */
function bruteForce(items: Item[], envelope: Decimal) {
  let best: { reward: Decimal; investment: Decimal; annualReturn: Decimal } | null = null;
  for (let mask = 0; mask < 1 << items.length; mask++) {
    const set = items.filter((_, i) => mask & (1 << i));
    const t = {
      reward: sum(set.map((i) => i.reward)),
      investment: sum(set.map((i) => i.investment)),
      annualReturn: sum(set.map((i) => i.annualReturn)),
    };
    if (t.investment.gt(envelope)) continue;
    const better =
      !best ||
      t.reward.gt(best.reward) ||
      (t.reward.eq(best.reward) &&
        (t.investment.lt(best.investment) ||
          (t.investment.eq(best.investment) && t.annualReturn.gt(best.annualReturn))));
    if (better) best = t;
  }
  return {
    reward: best!.reward.toFixed(),
    investment: best!.investment.toFixed(),
    annualReturn: best!.annualReturn.toFixed(),
  };
}

function checkAgainstBruteForce(items: Item[], envelope: Decimal): void {
  const choice = chooseWithinEnvelope(items, envelope);
  expect(new Set(choice.chosen).size).toBe(choice.chosen.length);
  expect(choice.chosen.every((c) => items.includes(c))).toBe(true);
  expect(totals(choice.chosen)).toEqual({
    reward: choice.totalReward.toFixed(),
    investment: choice.totalInvestment.toFixed(),
    annualReturn: choice.totalReturn.toFixed(),
  });
  expect(choice.totalInvestment.lte(envelope)).toBe(true);
  expect(totals(choice.chosen)).toEqual(bruteForce(items, envelope));
}

const scaled = (cents: number, places: number) => new Decimal(cents).div(new Decimal(10).pow(places));

/** Mostly drawn from a few common values, so that ties on reward, investment and return happen often. */
const often = <T>(any: fc.Arbitrary<T>, ...common: T[]) =>
  fc.oneof({ arbitrary: any, weight: 1 }, { arbitrary: fc.constantFrom(...common), weight: 2 });

/** Reward scores 20.0–100.0, in tenths. */
const rewardTenths = often(fc.integer({ min: 200, max: 1000 }), 400, 500, 900);

describe('the envelope choice is exact', () => {
  it('matches brute force on random small cases (investments and returns with decimals, many ties)', () => {
    const arbItem = fc.record({
      reward: rewardTenths,
      investment: often(fc.integer({ min: 0, max: 200_000 }), 0, 10_000, 15_050, 25_050),
      annualReturn: often(fc.integer({ min: -10_000, max: 100_000 }), 0, 5_000, 7_525),
    });
    fc.assert(
      fc.property(
        fc.array(arbItem, { maxLength: 10 }),
        often(fc.integer({ min: 0, max: 600_000 }), 0, 10_000, 25_050, 40_100),
        (raw, envelopeCents) => {
          const items = raw.map((r, i) => ({
            name: `P${i}`,
            reward: scaled(r.reward, 1),
            investment: scaled(r.investment, 2),
            annualReturn: scaled(r.annualReturn, 2),
          }));
          checkAgainstBruteForce(items, scaled(envelopeCents, 2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches brute force when figures carry so many decimals that sums pass 2^53 once scaled', () => {
    // 13 decimal places with an envelope near 100,000: 100,000 × 10^13 is far beyond 2^53.
    const digits = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const figure = (whole: number) =>
      fc.tuple(fc.integer({ min: 0, max: whole }), digits(13)).map(([w, f]) => `${w}.${f}`);
    const arbItem = fc.record({ reward: rewardTenths, investment: figure(40_000), annualReturn: figure(9_000) });
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 8 }), fc.integer({ min: 0, max: 100_000 }), (raw, envelope) => {
        const items = raw.map((r, i) =>
          item(`P${i}`, new Decimal(r.reward).div(10).toFixed(), r.investment, r.annualReturn),
        );
        checkAgainstBruteForce(items, new Decimal(envelope));
      }),
      { numRuns: 100 },
    );
  });

  it('is not greedy: two mid-reward proposals beat the single best one', () => {
    const choice = chooseWithinEnvelope(
      [item('A', '90.0', 60), item('B', '50.0', 50), item('C', '50.0', 50)],
      new Decimal(100),
    );
    expect([names(choice.chosen), choice.totalReward.toFixed(1)]).toEqual([['B', 'C'], '100.0']);
  });

  it('breaks a reward tie by the smaller total investment', () => {
    expect(
      names(chooseWithinEnvelope([item('A', '80.0', 60), item('B', '80.0', 50)], new Decimal(100)).chosen),
    ).toEqual(['B']);
    // One proposal of 80.0 for 50 beats two of 40.0 for 30 each.
    expect(
      names(
        chooseWithinEnvelope([item('A', '40.0', 30), item('B', '40.0', 30), item('C', '80.0', 50)], new Decimal(60))
          .chosen,
      ),
    ).toEqual(['C']);
  });

  it('breaks a reward and investment tie by the higher total return', () => {
    expect(
      names(chooseWithinEnvelope([item('A', '80.0', 50, 10), item('B', '80.0', 50, 20)], new Decimal(60)).chosen),
    ).toEqual(['B']);
    expect(
      names(
        chooseWithinEnvelope(
          [item('A', '40.0', 25, 5), item('B', '40.0', 25, 5), item('C', '80.0', 50, 12.5)],
          new Decimal(50),
        ).chosen,
      ),
    ).toEqual(['C']);
  });

  it('fits investments with decimals exactly to the envelope', () => {
    const choice = chooseWithinEnvelope(
      [item('A', '60.0', '12.5'), item('B', '60.0', '87.5'), item('C', '70.0', '87.6')],
      new Decimal(100),
    );
    expect([names(choice.chosen), choice.totalInvestment.toFixed()]).toEqual([['A', 'B'], '100']);
  });

  it('with an envelope of 0 chooses only proposals that need no investment', () => {
    const choice = chooseWithinEnvelope(
      [item('A', '60.0', 0, 5), item('B', '90.0', '0.01'), item('C', '30.0', 0)],
      new Decimal(0),
    );
    expect([names(choice.chosen), choice.totalReward.toFixed(1), choice.totalInvestment.toFixed()]).toEqual([
      ['A', 'C'],
      '90.0',
      '0',
    ]);
    expect(chooseWithinEnvelope([], new Decimal(0)).chosen).toEqual([]);
  });

  it('refuses a negative envelope and a reward not shown to one decimal place', () => {
    expect(() => chooseWithinEnvelope([], new Decimal(-1))).toThrow(RangeError);
    expect(() => chooseWithinEnvelope([item('A', '69.95', 1)], new Decimal(10))).toThrow(RangeError);
  });
});

describe('the envelope in scoring', () => {
  it('never chooses a gated proposal: C5 costs nothing but puts the public service at risk', async () => {
    const { selection } = scoreWorkbook(await fixtureGrids(), { envelope: new Decimal(100_000) });
    // Not gated: C2 (900, 81.0), C1 (200, 75.0), C4 (10, 71.0): all fit, 1,110 for 227.0.
    expect(selection!.chosen.map((p) => p.ref)).toEqual(['C2', 'C1', 'C4']);
    expect([selection!.totalInvestment.toFixed(), selection!.totalReward.toFixed(1)]).toEqual(['1110', '227.0']);
    const zero = scoreWorkbook(await fixtureGrids(), { envelope: new Decimal(0) }).selection!;
    expect(zero.chosen).toEqual([]);
  });

  it('is in the JSON only when an envelope is given', async () => {
    const grids = await fixtureGrids();
    expect(scoreJson(scoreWorkbook(grids)).selection).toBeUndefined();
    expect(scoreJson(scoreWorkbook(grids, { envelope: new Decimal('1000') })).selection).toEqual({
      envelope: 1000,
      chosen: ['C2', 'C4'],
      totalInvestment: 910,
      totalReward: 152,
    });
  });
});

describe('300 proposals and an envelope of 100,000 (£100m)', () => {
  /** Deterministic pseudo-random figures, so the case is the same every run. */
  function generator(seed: number) {
    let s = seed;
    return (n: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return Math.floor((s / 2147483648) * n);
    };
  }

  it('chooses a set that fits, has no gated proposal, has room for nothing more and beats greedy choices', () => {
    const next = generator(7);
    const rows = Array.from({ length: 300 }, (_, i) =>
      row(`P${i + 1}`, {
        investment: next(24_000) / 20, // up to 1,200 in steps of 0.05
        annualReturn: (next(4_000) - 400) / 10,
        fit: 1 + next(5),
        customer: 1 + next(5),
        deliverability: 1 + next(5),
        likelihood: 1 + next(5),
        impact: 1 + next(5),
        publicService: next(20) === 0 ? 'Yes' : 'No',
      }),
    );
    const envelope = new Decimal(100_000);
    const { projects, selection } = scoreWorkbook([proposalsSheet(rows)], { envelope });
    expect(projects).toHaveLength(300);
    const open = projects.filter((p) => p.gates.length === 0);
    const total = sum(open.map((p) => p.investment));
    expect(total.gt(envelope)).toBe(true); // the envelope binds

    const chosen = new Set(selection!.chosen);
    expect(selection!.chosen.every((p) => p.gates.length === 0)).toBe(true);
    expect(selection!.totalInvestment.lte(envelope)).toBe(true);
    expect(selection!.totalInvestment.eq(sum(selection!.chosen.map((p) => p.investment)))).toBe(true);
    const room = envelope.minus(selection!.totalInvestment);
    expect(open.filter((p) => !chosen.has(p) && p.investment.lte(room))).toEqual([]);

    const greedy = (order: (a: (typeof open)[0], b: (typeof open)[0]) => number) => {
      let left = envelope;
      let reward = new Decimal(0);
      for (const p of [...open].sort(order)) {
        if (p.investment.lte(left)) {
          left = left.minus(p.investment);
          reward = reward.plus(p.reward);
        }
      }
      return reward;
    };
    const perPound = (p: (typeof open)[0]) =>
      p.investment.isZero() ? new Decimal(Infinity) : p.reward.div(p.investment);
    expect(selection!.totalReward.gte(greedy((a, b) => b.reward.comparedTo(a.reward)))).toBe(true);
    expect(selection!.totalReward.gte(greedy((a, b) => perPound(b).comparedTo(perPound(a))))).toBe(true);
  });

  it('with equal investments of 1,000 chooses exactly the 100 highest rewards, higher return first on the boundary', () => {
    const next = generator(11);
    const items = Array.from({ length: 300 }, (_, i) =>
      item(`P${i}`, new Decimal(200 + next(801)).div(10).toFixed(), 1000, next(500)),
    );
    const choice = chooseWithinEnvelope(items, new Decimal(100_000));
    const best = [...items]
      .sort((a, b) => b.reward.comparedTo(a.reward) || b.annualReturn.comparedTo(a.annualReturn))
      .slice(0, 100);
    expect(choice.chosen).toHaveLength(100);
    expect(choice.totalReward.toFixed()).toBe(sum(best.map((i) => i.reward)).toFixed());
    expect(choice.totalReturn.toFixed()).toBe(sum(best.map((i) => i.annualReturn)).toFixed());
  });
});
