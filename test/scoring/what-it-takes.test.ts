import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money';
import {
  BANDS,
  scoreWorkbook,
  whatItTakes,
  type Band,
  type LeverId,
  type SingleChange,
} from '../../src/engine/scoring';
import { fixtureGrids, proposalsSheet, row, type Row } from './helpers';

/*
 * The oracle for "what it would take": the suggested change is typed into the proposal's row, the sheet is scored
 * again from scratch, and the band must move up; then every smaller change of the same input (every score in
 * between, every £1 step of money near the suggestion and a sweep from the figure now) must not.
 */

const FIELD: Record<LeverId, keyof Row> = {
  annualReturn: 'annualReturn',
  investment: 'investment',
  'strategic-fit': 'fit',
  'customer-service': 'customer',
  deliverability: 'deliverability',
  likelihood: 'likelihood',
  impact: 'impact',
  insideArea: 'inside',
  publicServiceAtRisk: 'publicService',
};

const better = (a: Band, b: Band) => BANDS.indexOf(a) < BANDS.indexOf(b);

function bandWith(over: Partial<Row>): Band {
  const { projects, findings } = scoreWorkbook([proposalsSheet([row('X', over)])]);
  expect(findings).toEqual([]);
  return projects[0].band;
}

function cellValue(lever: LeverId, value: SingleChange['value']): number | string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'number' ? value : value.toNumber();
}

/** Values of the input between the one now and the suggestion, not including the suggestion. */
function smaller(lever: LeverId, now: Partial<Row>, change: SingleChange): (number | string)[] {
  if (typeof change.value === 'boolean') return [];
  // "Any return above 0": 0 itself does not, the least figure above it does.
  if (change.anyAbove) return [change.anyAbove.toNumber()];
  if (typeof change.value === 'number') {
    const from = Number(change.from);
    const to = change.value;
    const step = to > from ? 1 : -1;
    const out: number[] = [];
    for (let v = from + step; v !== to; v += step) out.push(v);
    return out;
  }
  const from = new Decimal(now[FIELD[lever]] as number);
  const to = change.value;
  const towards = to.gt(from) ? 1 : -1;
  const pound = new Decimal('0.001').times(towards);
  const sweep = Array.from({ length: 50 }, (_, i) =>
    from.plus(
      to
        .minus(from)
        .times(i + 1)
        .div(51),
    ),
  );
  return [...sweep, to.minus(pound)]
    .filter((v) => v.minus(from).times(towards).gt(0) && v.minus(to).times(towards).lt(0))
    .map((v) => v.toNumber());
}

/** Checks each suggestion by scoring again, and that no input left out of the list could have done it alone. */
function checkSuggestions(over: Partial<Row>): void {
  const { projects } = scoreWorkbook([proposalsSheet([row('X', over)])]);
  const p = projects[0];
  const [taken] = whatItTakes(projects, scoreWorkbook([proposalsSheet([row('X', over)])]).model!);
  if (p.band === 'Priority 1') {
    expect(taken).toBeUndefined();
    return;
  }
  for (const change of taken.moves) {
    const field = FIELD[change.lever];
    const value = change.anyAbove ? change.anyAbove.plus('0.000001').toNumber() : cellValue(change.lever, change.value);
    const moved = bandWith({ ...over, [field]: value });
    expect(moved, change.words).toBe(change.band);
    expect(better(moved, p.band), change.words).toBe(true);
    for (const v of smaller(change.lever, over, change)) {
      expect(better(bandWith({ ...over, [field]: v }), p.band), `${change.words} (but ${field} ${v} does too)`).toBe(
        false,
      );
    }
  }
  // An input with no suggestion cannot move the band even at its most favourable value.
  const best: Record<LeverId, number | string> = {
    annualReturn: 1_000_000,
    investment: 0,
    'strategic-fit': 5,
    'customer-service': 5,
    deliverability: 5,
    likelihood: 1,
    impact: 1,
    insideArea: 'Yes',
    publicServiceAtRisk: 'No',
  };
  for (const lever of Object.keys(best) as LeverId[]) {
    if (taken.moves.some((m) => m.lever === lever)) continue;
    expect(better(bandWith({ ...over, [FIELD[lever]]: best[lever] }), p.band), `${lever} could have moved it`).toBe(
      false,
    );
  }
}

describe('what it would take to move a proposal up a band', () => {
  it('on the example workbook: C5 needs the public service kept safe; C3 has two gates and no single change lifts both', async () => {
    const result = scoreWorkbook(await fixtureGrids());
    const taken = whatItTakes(result.projects, result.model!);
    expect(taken.map((t) => t.ref)).toEqual(['C5', 'C3']);
    expect(taken[0].words).toBe(
      'Public service at risk: No instead of Yes would lift the gate Public service at risk and move C5 to Priority 2 (reward 59.0).',
    );
    expect(taken[1].moves).toEqual([]);
    expect(taken[1].words).toBe(
      'No single change moves C3 up a band: it is stopped by Outside the area and Risk not proportionate to reward, and every one of them would have to be lifted.',
    );
    const risk = taken[1].gates.find((g) => g.gate === 'risk-not-proportionate')!;
    expect(risk.needs).toBe(
      'it would need a reward score of 60 or more (now 54.0), or a risk rating of 12 or less (now 16)',
    );
    expect(risk.changes.map((c) => c.words)).toContain(
      'Risk likelihood 3 instead of 4 would bring the risk rating from 16 (High) to 12 (Medium), lift the gate Risk not proportionate to reward and leave it stopped by Outside the area.',
    );
  });

  it('says it in the proposal’s own figures: the least return that reaches the next threshold', () => {
    // 1,500 for 240 a year: yield 16% (4), return 240 (3); 3/2/3: reward 61.0, Priority 2.
    const { projects, model } = scoreWorkbook([
      proposalsSheet([row('C6', { investment: 1500, annualReturn: 240, fit: 3, customer: 2, deliverability: 3 })]),
    ]);
    const [c6] = whatItTakes(projects, model!);
    expect(c6.moves.map((m) => m.words)).toEqual([
      'An annual net return of 500 instead of 240 (£000) would raise Net yield from 4 to 5 and Scale of return from 3 to 5 and move C6 to Priority 1 (reward 72.0).',
      'Customer service 5 instead of 2 would move C6 to Priority 1 (reward 73.0).',
    ]);
    checkSuggestions({ investment: 1500, annualReturn: 240, fit: 3, customer: 2, deliverability: 3 });
  });

  it('lifts a yield gate by more return or less investment, to the pound', () => {
    // Investing 5,000 for 100: yield 2%, below the 3% minimum; risk 4 × 4 = 16 High with reward 50.0.
    checkSuggestions({ category: 'Investing', investment: 5000, annualReturn: 100, likelihood: 4, impact: 4 });
    const { projects, model } = scoreWorkbook([
      proposalsSheet([row('C7', { category: 'Investing', investment: 7000, annualReturn: 200 })]),
    ]);
    const gate = whatItTakes(projects, model!)[0].gates[0];
    expect(gate.needs).toBe(
      'it would need an annual net return of at least 210 on its investment of 7,000 (£000), or an investment of no more than 6,666.666',
    );
  });

  it('holds for random proposals: each suggestion moves the band when scored again, and no smaller change does', () => {
    const scores = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        fc.record({
          category: fc.constantFrom('Productivity', 'Trading services', 'Investing', 'Maximising return on assets'),
          inside: fc.constantFrom('Yes', 'No'),
          investment: fc.integer({ min: 0, max: 3000 }),
          annualReturn: fc.integer({ min: -100, max: 700 }),
          fit: scores,
          customer: scores,
          deliverability: scores,
          likelihood: scores,
          impact: scores,
          publicService: fc.constantFrom('No', 'No', 'Yes'),
        }),
        (over) => checkSuggestions(over),
      ),
      { numRuns: 40 },
    );
  });
});
