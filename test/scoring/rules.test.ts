import { describe, expect, it } from 'vitest';
import { gridFromValues, type CellValue } from '../../src/engine/grid';
import { scoreJson, scoreWorkbook, type ScoredProposal } from '../../src/engine/scoring';
import { HEADINGS, proposalsSheet, row, type Row } from './helpers';

function score(rows: CellValue[][]) {
  return scoreWorkbook([proposalsSheet(rows)]);
}

function one(over: Partial<Row>): ScoredProposal {
  const { projects, findings } = score([row('X', over)]);
  expect(findings).toEqual([]);
  return projects[0];
}

const refs = (ps: ScoredProposal[]) => ps.map((p) => p.ref);

describe('criteria scores', () => {
  it.each([
    // [investment, return, net yield score, scale of return score]
    [100, 20, 5, 1], // yield exactly 20%
    [10000, 1999.99, 4, 5], // 19.9999%
    [1000, 100, 4, 3], // exactly 10%; return exactly 100
    [1000, 99.99, 3, 2], // 9.999%
    [1000, 50, 3, 2], // exactly 5%
    [1000, 30, 2, 2], // exactly 3%; return 30
    [10000, 299.99, 1, 4], // 2.9999%; return ≥ 250
    [10000, 250, 1, 4], // 2.5%; return exactly 250
    [100000, 500, 1, 5], // 0.5%; return exactly 500
    [10000, 499.99, 2, 4], // 4.9999%; return just below 500
    [100, 25, 5, 2], // return exactly 25
    [100, 24.99, 5, 1],
    [0, 1, 5, 1], // nothing invested, return above 0
    [0, 0, 1, 1], // return 0
    [100, -10, 1, 1], // return below 0
    [0, -10, 1, 1],
  ])(
    'investment %s, return %s: net yield %s, scale of return %s',
    (investment, annualReturn, yieldScore, scaleScore) => {
      const p = one({ investment, annualReturn });
      expect(p.criteria.map((c) => c.score).slice(0, 2)).toEqual([yieldScore, scaleScore]);
    },
  );

  it('takes strategic fit, customer service and deliverability as entered', () => {
    expect(
      one({ fit: 1, customer: 5, deliverability: 2 })
        .criteria.map((c) => c.score)
        .slice(2),
    ).toEqual([1, 5, 2]);
  });
});

describe('risk rating and level', () => {
  it.each([
    [1, 1, 1, 'Low'],
    [2, 2, 4, 'Low'],
    [5, 1, 5, 'Medium'],
    [3, 4, 12, 'Medium'],
    [3, 5, 15, 'High'],
    [5, 5, 25, 'High'],
  ])('likelihood %s × impact %s = %s, %s', (likelihood, impact, rating, level) => {
    const p = one({ likelihood, impact });
    expect([p.riskRating, p.riskLevel]).toEqual([rating, level]);
  });
});

describe('bands', () => {
  // Default weights: reward = 5 × yield score + 3 × scale score + 4 × (fit + customer + deliverability).
  it.each([
    [
      'exactly 70',
      { investment: 400, annualReturn: 100, fit: 3, customer: 3, deliverability: 3 },
      '70.0',
      'Priority 1',
    ], // 25 + 9 + 36
    ['69', { investment: 1000, annualReturn: 300, fit: 3, customer: 3, deliverability: 2 }, '69.0', 'Priority 2'], // 25 + 12 + 32
    [
      'exactly 50',
      { investment: 6250, annualReturn: 250, fit: 3, customer: 2, deliverability: 2 },
      '50.0',
      'Priority 2',
    ], // 10 + 12 + 28
    ['49', { investment: 10000, annualReturn: 250, fit: 3, customer: 3, deliverability: 2 }, '49.0', 'Priority 3'], // 5 + 12 + 32
  ])('reward %s', (_, over, reward, band) => {
    const p = one(over);
    expect([p.reward.toFixed(1), p.band]).toEqual([reward, band]);
  });
});

describe('gates', () => {
  it.each(['Trading services', 'Investing'])('outside the area stops %s', (category) => {
    const p = one({ category, inside: 'No' });
    expect([p.gates, p.band]).toEqual([['outside-area'], 'Not supported']);
    expect(p.reasons[0]).toMatch(/^Outside the area: /);
  });

  it('outside the area does not stop the other categories', () => {
    expect(one({ category: 'Charging to cover costs', inside: 'No' }).gates).toEqual([]);
  });

  // Reward 59: yield 50% → 5, return 50 → 2, 3/2/2: 25 + 6 + 28. Reward 60: yield 50% → 5, return 500 → 5, 2/2/1: 25 + 15 + 20.
  const reward59 = { investment: 100, annualReturn: 50, fit: 3, customer: 2, deliverability: 2 };
  const reward60 = { investment: 1000, annualReturn: 500, fit: 2, customer: 2, deliverability: 1 };

  it('risk not proportionate: High risk (15) with reward 59.0 is stopped', () => {
    const p = one({ ...reward59, likelihood: 3, impact: 5 });
    expect([p.reward.toFixed(1), p.riskRating, p.gates]).toEqual(['59.0', 15, ['risk-not-proportionate']]);
    expect(p.reasons[0]).toBe(
      'Risk not proportionate to reward: its risk rating is 15 (High) but its reward score is 59.0, below the 60 a High risk needs. Any risk taken must be proportionate to the reward: a High risk needs a high reward score.',
    );
  });

  it('risk not proportionate: High risk with reward exactly 60.0 passes (Priority 2)', () => {
    const p = one({ ...reward60, likelihood: 4, impact: 4 });
    expect([p.reward.toFixed(1), p.riskLevel, p.gates, p.band]).toEqual(['60.0', 'High', [], 'Priority 2']);
  });

  it('risk not proportionate: Medium risk (12) with reward 59.0 passes', () => {
    const p = one({ ...reward59, likelihood: 3, impact: 4 });
    expect([p.riskLevel, p.gates, p.band]).toEqual(['Medium', [], 'Priority 2']);
  });

  it('public service at risk stops any proposal, however high its reward', () => {
    const p = one({ publicService: 'Yes', fit: 5, customer: 5, deliverability: 5 });
    expect([p.reward.toFixed(1), p.gates, p.band]).toEqual(['91.0', ['public-service-at-risk'], 'Not supported']);
  });

  it.each([
    ['yield 2.9% stops an investment', 1000, 29, ['below-minimum-yield']],
    ['yield exactly 3% passes', 1000, 30, []],
    ['a negative return stops an investment', 1000, -5, ['below-minimum-yield']],
    ['nothing invested: no yield to test', 0, 10, []],
  ])('below minimum yield (Investing): %s', (_, investment, annualReturn, gates) => {
    expect(one({ category: 'Investing', investment, annualReturn }).gates).toEqual(gates);
  });

  it('below minimum yield applies to Investing only', () => {
    expect(one({ category: 'Productivity', investment: 1000, annualReturn: 29 }).gates).toEqual([]);
  });

  it('gives every gate that applies, each with its reason in words', () => {
    // Yield 2.9% → 1, return 29 → 2, 3/3/3: 5 + 6 + 36 = 47.0; risk 25 High.
    const p = one({
      category: 'Investing',
      inside: 'No',
      investment: 1000,
      annualReturn: 29,
      likelihood: 5,
      impact: 5,
      publicService: 'Yes',
    });
    expect(p.reward.toFixed(1)).toBe('47.0');
    expect(p.gates).toEqual([
      'outside-area',
      'risk-not-proportionate',
      'public-service-at-risk',
      'below-minimum-yield',
    ]);
    expect(p.reasons.map((r) => r.split(':')[0])).toEqual([
      'Outside the area',
      'Risk not proportionate to reward',
      'Public service at risk',
      'Below minimum yield',
    ]);
    expect(p.reasons[3]).toContain('a yield of 2.9%, below the minimum of 3% for Investing');
  });

  it('never shows a yield just below the minimum as reaching it', () => {
    const p = one({ category: 'Investing', investment: 100000, annualReturn: 2999.99 });
    expect(p.reasons[0]).toContain('a yield of 2.999%');
  });
});

describe('rank', () => {
  it('orders by reward, then lower risk, then higher return, then sheet order; gated proposals after, ordered the same way', () => {
    const { projects } = score([
      row('A'), // 67.0, risk 4, return 50
      row('B', { likelihood: 2, impact: 1 }), // 67.0, risk 2
      row('C', { annualReturn: 90 }), // 67.0, risk 4, return 90 (yield 90% → 5, return 90 → 2)
      row('D'), // same as A, later on the sheet
      row('E', { deliverability: 4 }), // 71.0
      row('P3', { fit: 1, customer: 1, deliverability: 1 }), // 43.0, Priority 3
      row('GA', { publicService: 'Yes' }), // gated 67.0, risk 4, return 50
      row('GB', { publicService: 'Yes', likelihood: 2, impact: 1 }), // gated 67.0, risk 2
      row('GC', { publicService: 'Yes', annualReturn: 90 }), // gated 67.0, return 90
      row('GD', { publicService: 'Yes' }), // same as GA, later
      row('GE', { publicService: 'Yes', fit: 5, customer: 5, deliverability: 5 }), // gated 91.0
    ]);
    expect(refs(projects)).toEqual(['E', 'B', 'C', 'A', 'D', 'P3', 'GE', 'GB', 'GC', 'GA', 'GD']);
    expect(projects.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(projects.find((p) => p.ref === 'P3')!.band).toBe('Priority 3');
  });
});

describe('reading the Commercial Projects sheet', () => {
  it('takes the category by number or by name, loosely', () => {
    const { projects } = score([
      row('N6', { category: 6 }),
      row('T7', { category: '7' }),
      row('B3', { category: 'better BUYING (procurement, contract management, shared services)' }),
      row('M1', { category: '  commercial   mindset ' }),
    ]);
    expect(projects.map((p) => [p.ref, p.category])).toEqual([
      ['N6', 'Trading services'],
      ['T7', 'Investing'],
      ['B3', 'Better buying'],
      ['M1', 'Commercial mindset'],
    ]);
  });

  it('reads Yes/No written as y, n, YES, TRUE, FALSE or a true/false cell', () => {
    const { projects } = score([
      row('A', { category: 'Investing', inside: 'n' }),
      row('B', { category: 'Investing', inside: 'FALSE' }),
      row('C', { category: 'Investing', inside: false }),
      row('D', { category: 'Investing', inside: 'y', publicService: 'YES' }),
      row('E', { category: 'Investing', inside: 'TRUE', publicService: true }),
      row('F', { category: 'Investing', inside: true, publicService: 'N' }),
    ]);
    const gates = Object.fromEntries(projects.map((p) => [p.ref, p.gates]));
    expect(gates).toEqual({
      A: ['outside-area'],
      B: ['outside-area'],
      C: ['outside-area'],
      D: ['public-service-at-risk'],
      E: ['public-service-at-risk'],
      F: [],
    });
  });

  it('finds the heading row further down, with headings in any case, with (£000), brackets and extra spaces, in any order', () => {
    const headings = [
      '  REF ',
      'project',
      'Risk impact',
      'category',
      'Inside Area?',
      'Investment (£000)',
      'Annual  net return  [£000]',
      'strategic fit',
      'CUSTOMER SERVICE',
      'Deliverability',
      'Risk Likelihood',
      'Public service at risk',
    ];
    const values = ['Z1', 'Loose', 3, 'Productivity', 'Yes', 100, 50, 3, 3, 3, 2, 'No'];
    const sheet = gridFromValues('commercial projects', [
      ['Title'],
      ['Prepared by the commercial team'],
      [],
      [],
      headings,
      values,
    ]);
    const result = scoreWorkbook([sheet]);
    expect(result.findings).toEqual([]);
    expect(result.proposalsSheet).toBe('commercial projects');
    const [p] = result.projects;
    expect([p.ref, p.reward.toFixed(1), p.riskRating, p.cells.impact, p.cells.likelihood]).toEqual([
      'Z1',
      '67.0',
      6,
      'C6',
      'K6',
    ]);
  });

  it('skips blank rows', () => {
    const result = score([row('A'), [], [null, '', '  '], row('B')]);
    expect(result.findings).toEqual([]);
    expect(refs(result.projects)).toEqual(['A', 'B']);
  });

  it('makes each bad row Incomplete with the exact cell and what is wrong, and still ranks every other row', () => {
    const result = score([
      row('OK1'), // row 4
      row('S0', { fit: 0 }), // row 5
      row('S6', { customer: 6 }), // row 6
      row('S35', { deliverability: 3.5 }), // row 7
      row('TXT', { investment: 'two hundred' }), // row 8
      row('NEG', { investment: -50 }), // row 9
      row('CAT', { category: 'Gambling' }), // row 10
      row('CAT8', { category: 8 }), // row 11
      row('YN', { inside: 'maybe' }), // row 12
      row('', {}), // row 13: no Ref
      row('NOPROJ', { project: null }), // row 14
      row('NORET', { annualReturn: null, likelihood: 'high' }), // row 15: two problems
      row('OK2', { deliverability: 4 }), // row 16
    ]);
    const incomplete = scoreJson(result).incomplete;
    expect(incomplete).toEqual([
      {
        ref: 'S0',
        sheet: 'Commercial Projects',
        cell: 'G5',
        message: 'Strategic fit is 0; scores are whole numbers from 1 to 5',
      },
      {
        ref: 'S6',
        sheet: 'Commercial Projects',
        cell: 'H6',
        message: 'Customer service is 6; scores are whole numbers from 1 to 5',
      },
      {
        ref: 'S35',
        sheet: 'Commercial Projects',
        cell: 'I7',
        message: 'Deliverability is 3.5; scores are whole numbers from 1 to 5',
      },
      {
        ref: 'TXT',
        sheet: 'Commercial Projects',
        cell: 'E8',
        message: 'Investment £000 holds "two hundred", which is not a number',
      },
      {
        ref: 'NEG',
        sheet: 'Commercial Projects',
        cell: 'E9',
        message: 'Investment £000 is -50; it cannot be negative (enter 0 when nothing is invested)',
      },
      {
        ref: 'CAT',
        sheet: 'Commercial Projects',
        cell: 'C10',
        message: expect.stringMatching(
          /^Category "Gambling" is not one of the seven categories; enter the name or the number \(1 Commercial mindset, .*, 7 Investing\)$/,
        ),
      },
      {
        ref: 'CAT8',
        sheet: 'Commercial Projects',
        cell: 'C11',
        message: expect.stringMatching(/^Category "8" is not one of the seven categories/),
      },
      { ref: 'YN', sheet: 'Commercial Projects', cell: 'D12', message: 'Inside area is "maybe"; enter Yes or No' },
      {
        ref: null,
        sheet: 'Commercial Projects',
        cell: 'A13',
        message: 'Ref is missing; each proposal needs its own Ref',
      },
      {
        ref: 'NOPROJ',
        sheet: 'Commercial Projects',
        cell: 'B14',
        message: 'Project is missing; give the proposal a name',
      },
      {
        ref: 'NORET',
        sheet: 'Commercial Projects',
        cell: 'F15',
        message: 'Annual net return £000 is missing; enter a number in £000',
      },
      {
        ref: 'NORET',
        sheet: 'Commercial Projects',
        cell: 'J15',
        message: 'Risk likelihood holds "high"; enter a score from 1 to 5',
      },
    ]);
    expect(result.findings.every((f) => f.rule === 'incomplete-proposal' && f.severity === 'warning')).toBe(true);
    expect(result.projects.map((p) => [p.ref, p.rank])).toEqual([
      ['OK2', 1],
      ['OK1', 2],
    ]);
  });

  it('makes every row sharing a Ref Incomplete, naming the other cells', () => {
    const result = score([row('D1'), row('U1'), row('d1'), row('D1')]);
    expect(refs(result.projects)).toEqual(['U1']);
    expect(scoreJson(result).incomplete.map((i) => [i.cell, i.message])).toEqual([
      ['A4', 'Ref D1 is also used at A6, A7; each proposal needs its own Ref'],
      ['A6', 'Ref d1 is also used at A4, A7; each proposal needs its own Ref'],
      ['A7', 'Ref D1 is also used at A4, A6; each proposal needs its own Ref'],
    ]);
  });

  it('reads an error value or an uncalculated formula as a problem, not a number', () => {
    const sheet = proposalsSheet([row('E1'), row('E2')]);
    sheet.rows[3][5] = { value: null, formula: 'F9/0', error: '#DIV/0!' };
    sheet.rows[4][4] = { value: null, formula: 'SUM(X1:X9)' };
    const json = scoreJson(scoreWorkbook([sheet]));
    expect(json.incomplete.map((i) => [i.cell, i.message])).toEqual([
      ['F4', 'Annual net return £000 shows the error #DIV/0!'],
      [
        'E5',
        'Investment £000 is a formula with no calculated value; open the workbook in Excel, let it calculate and save it',
      ],
    ]);
  });

  it('reads numbers typed as text, as the rest of the add-in does', () => {
    const p = one({ investment: '1,000', annualReturn: '(20)', fit: ' 4 ' });
    expect([p.investment.toFixed(), p.annualReturn.toFixed(), p.scores['strategic-fit']]).toEqual(['1000', '-20', 4]);
  });

  it('stops with an error naming the heading row when a column is missing', () => {
    const sheet = gridFromValues('Commercial Projects', [
      [],
      HEADINGS.filter((h) => h !== 'Risk impact'),
      row('A').slice(0, 11),
    ]);
    const result = scoreWorkbook([sheet]);
    expect(result.projects).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'proposals-sheet',
        severity: 'error',
        sheet: 'Commercial Projects',
        cell: 'A2',
        message: 'the heading row (row 2) has no Risk impact column',
      }),
    ]);
  });

  it('stops with an error naming the workbook sheets when there is no Commercial Projects sheet', () => {
    const result = scoreWorkbook([gridFromValues('Budget Summary', [['x']])]);
    expect(result.projects).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'proposals-sheet',
        severity: 'error',
        message: 'the workbook has no Commercial Projects sheet to score (its sheets: Budget Summary)',
      }),
    ]);
  });
});
