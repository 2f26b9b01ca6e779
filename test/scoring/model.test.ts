import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CellValue, SheetGrid } from '../../src/engine/grid';
import { Decimal } from '../../src/engine/money';
import {
  CATEGORIES,
  DEFAULT_MODEL,
  readScoringModel,
  scoreWorkbook,
  scoringModelSheet,
  type ScoringModel,
} from '../../src/engine/scoring';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { fixtureGrids, gridOf, proposalsSheet, row, setCell } from './helpers';

/** Decimals as their exact strings, so models compare by value. */
const plainModel = (m: ScoringModel | null) => JSON.parse(JSON.stringify(m));

/** The sheet the add-in writes, with cells changed as a user would change them in Excel. */
function modelSheet(edits: Record<string, CellValue> = {}, model?: ScoringModel): SheetGrid {
  const grid = gridOf(scoringModelSheet(model));
  for (const [address, value] of Object.entries(edits)) setCell(grid, address, value);
  return grid;
}

async function scoreFixtureWith(model: SheetGrid) {
  return scoreWorkbook([...(await fixtureGrids()), model]);
}

const rewards = (r: ReturnType<typeof scoreWorkbook>) =>
  Object.fromEntries(r.projects.map((p) => [p.ref, p.reward.toFixed(1)]));

describe('the default model', () => {
  it('is the specification, number for number', () => {
    expect(plainModel(DEFAULT_MODEL)).toEqual({
      criteria: [
        { id: 'net-yield', weight: '25', thresholds: ['0.2', '0.1', '0.05', '0.03'] },
        { id: 'scale-of-return', weight: '15', thresholds: ['500', '250', '100', '25'] },
        { id: 'strategic-fit', weight: '20', thresholds: [] },
        { id: 'customer-service', weight: '20', thresholds: [] },
        { id: 'deliverability', weight: '20', thresholds: [] },
      ],
      risk: { lowUpTo: '4', mediumUpTo: '12' },
      gates: [
        { id: 'outside-area', categories: ['Trading services', 'Investing'], setting: null },
        { id: 'risk-not-proportionate', categories: [...CATEGORIES], setting: '60' },
        { id: 'public-service-at-risk', categories: [...CATEGORIES], setting: null },
        { id: 'below-minimum-yield', categories: ['Investing'], setting: '0.03' },
      ],
      bands: { priority1: '70', priority2: '50' },
    });
    expect(CATEGORIES).toEqual([
      'Commercial mindset',
      'Productivity',
      'Better buying',
      'Maximising return on assets',
      'Charging to cover costs',
      'Trading services',
      'Investing',
    ]);
  });

  it('is used when the workbook has no Scoring Model sheet', () => {
    expect(readScoringModel(undefined)).toEqual({ model: DEFAULT_MODEL, findings: [] });
  });
});

describe('the Scoring Model sheet', () => {
  it('is labelled and formatted: bold title and headings, column widths, a note per criterion, text never a formula', () => {
    const sheet = scoringModelSheet();
    expect(sheet.name).toBe('Scoring Model');
    expect(sheet.columnWidths.length).toBe(7);
    const cell = (address: string) => {
      const m = /^([A-G])(\d+)$/.exec(address)!;
      return sheet.rows[Number(m[2]) - 1][m[1].charCodeAt(0) - 65];
    };
    for (const heading of ['A1', 'A5', 'A6', 'B6', 'G6', 'A14', 'A20', 'A27']) expect(cell(heading)?.bold).toBe(true);
    expect(['A7', 'A8', 'A9', 'A10', 'A11'].map((a) => cell(a)?.value)).toEqual([
      'Net yield',
      'Scale of return',
      'Strategic fit',
      'Customer service',
      'Deliverability',
    ]);
    for (const r of [7, 8, 9, 10, 11]) expect(String(cell(`G${r}`)?.value).length).toBeGreaterThan(20);
    expect(cell('C7')?.format).toBe('0%');
    const texts = sheet.rows.flat().filter((c) => typeof c?.value === 'string');
    expect(texts.length).toBeGreaterThan(40);
    for (const c of texts) expect(String(c!.value)).not.toMatch(/^[=+@-]/);
  });

  it('reads back exactly what it writes: the defaults', () => {
    expect(plainModel(readScoringModel(modelSheet()).model)).toEqual(plainModel(DEFAULT_MODEL));
  });

  it('reads back a changed model through a real .xlsx, with text cells stored as text', async () => {
    const custom: ScoringModel = {
      criteria: [
        {
          id: 'scale-of-return',
          weight: new Decimal('17.5'),
          thresholds: [800, 400, 150, 30.5].map((n) => new Decimal(n)),
        },
        {
          id: 'net-yield',
          weight: new Decimal('32.5'),
          thresholds: ['0.25', '0.125', '0.06', '0.025'].map((n) => new Decimal(n)),
        },
        { id: 'strategic-fit', weight: new Decimal(20), thresholds: [] },
        { id: 'customer-service', weight: new Decimal(15), thresholds: [] },
        { id: 'deliverability', weight: new Decimal(15), thresholds: [] },
      ],
      risk: { lowUpTo: new Decimal(3), mediumUpTo: new Decimal(10) },
      gates: [
        { id: 'outside-area', categories: ['Charging to cover costs', 'Trading services', 'Investing'], setting: null },
        { id: 'risk-not-proportionate', categories: ['Trading services', 'Investing'], setting: new Decimal('65.5') },
        { id: 'public-service-at-risk', categories: [...CATEGORIES], setting: null },
        {
          id: 'below-minimum-yield',
          categories: ['Maximising return on assets', 'Investing'],
          setting: new Decimal('0.045'),
        },
      ],
      bands: { priority1: new Decimal(75), priority2: new Decimal('52.5') },
    };
    const book = XlsxWorkbook.empty();
    await book.writeSheets([{ sheet: scoringModelSheet(custom), owned: false }], []);
    const bytes = await book.toBuffer();
    const [grid] = await (await XlsxWorkbook.open(bytes)).readSheets();
    expect(plainModel(readScoringModel(grid).model)).toEqual(plainModel(custom));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    wb.getWorksheet('Scoring Model')!.eachRow((r) =>
      r.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
  });
});

describe('scoring with a changed model', () => {
  it('uses weights 33/17/20/15/15 from the sheet (rewards worked by hand)', async () => {
    // C1 5,2,4,4,3: (165+34+80+60+45)/5 = 76.8   C2 5,4,4,3,4: (165+68+80+45+60)/5 = 83.6
    // C3 3,5,2,1,3: (99+85+40+15+45)/5 = 56.8    C4 5,2,3,3,4: (165+34+60+45+60)/5 = 72.8
    // C5 5,2,2,1,4: (165+34+40+15+60)/5 = 62.8
    const result = await scoreFixtureWith(modelSheet({ B7: 33, B8: 17, B10: 15, B11: 15 }));
    expect(result.findings).toEqual([]);
    expect(result.modelSheet).toBe('Scoring Model');
    expect(rewards(result)).toEqual({ C1: '76.8', C2: '83.6', C3: '56.8', C4: '72.8', C5: '62.8' });
    expect(result.projects.map((p) => p.ref)).toEqual(['C2', 'C1', 'C4', 'C5', 'C3']);
  });

  it('rounds weights with decimals half up to one place, and bands on the reward as shown', () => {
    // Weights 33.25/16.75/20/15/15.
    // R1 scores 4,1,4,4,4 (yield 20/150 = 13.3% → 4, return 20 → 1): (133+16.75+80+60+60)/5 = 69.95 → 70.0, Priority 1
    // R2 scores 2,1,4,4,4 (yield 20/500 = 4% → 2): (66.5+16.75+80+60+60)/5 = 56.65 → 56.7 (half up; binary floating point gives 56.6)
    // R3 scores 5,2,4,4,3 (C1's): (166.25+33.5+80+60+45)/5 = 76.95 → 77.0
    const model = modelSheet({ B7: 33.25, B8: 16.75, B10: 15, B11: 15 });
    const sheet = proposalsSheet([
      row('R1', { investment: 150, annualReturn: 20, fit: 4, customer: 4, deliverability: 4 }),
      row('R2', { investment: 500, annualReturn: 20, fit: 4, customer: 4, deliverability: 4 }),
      row('R3', { investment: 200, annualReturn: 60, fit: 4, customer: 4, deliverability: 3 }),
    ]);
    const result = scoreWorkbook([sheet, model]);
    expect(result.projects.map((p) => [p.ref, p.rewardExact.toFixed(), p.reward.toFixed(1), p.band])).toEqual([
      ['R3', '76.95', '77.0', 'Priority 1'],
      ['R1', '69.95', '70.0', 'Priority 1'],
      ['R2', '56.65', '56.7', 'Priority 2'],
    ]);
  });

  it('uses changed thresholds, limits, gate settings and categories', async () => {
    const result = await scoreFixtureWith(
      modelSheet({
        B28: 80, // Priority 1 from 80: C1 75.0 and C4 71.0 become Priority 2
        B16: 8, // Medium up to 8: C1's risk 9 becomes High, and 75.0 ≥ 60 so it passes
        B22: 76, // ...unless a High risk needs 76
        B24: 0.07, // C3's 6% yield is now below the minimum
        C21: 'All', // outside the area now stops every category
      }),
    );
    const byRef = Object.fromEntries(result.projects.map((p) => [p.ref, p]));
    expect([byRef.C1.riskLevel, byRef.C1.gates, byRef.C1.band]).toEqual([
      'High',
      ['risk-not-proportionate'],
      'Not supported',
    ]);
    expect([byRef.C4.band, byRef.C2.band]).toEqual(['Priority 2', 'Priority 1']);
    expect(byRef.C3.gates).toEqual(['outside-area', 'risk-not-proportionate', 'below-minimum-yield']);
  });
});

describe('a Scoring Model sheet that cannot be used stops scoring, naming the cell', () => {
  it.each([
    ['weights not adding up to 100', { B7: 20 }, 'B6', 'the weights add up to 95, not 100 (B7:B11)'],
    [
      'a threshold out of order',
      { E7: 0.15 },
      'E7',
      'threshold out of order: Net yield "Score 3 from" (15%) must be lower than Net yield "Score 4 from" (10%)',
    ],
    [
      'equal thresholds',
      { D8: 500 },
      'D8',
      'threshold out of order: Scale of return "Score 4 from" (500) must be lower than Scale of return "Score 5 from" (500)',
    ],
    [
      'a weight that is not a number',
      { B9: 'twenty' },
      'B9',
      'the weight of Strategic fit is "twenty", which is not a number',
    ],
    ['an empty weight', { B10: null }, 'B10', 'the weight of Customer service is empty; it needs a number'],
    ['a negative weight', { B7: -5, B8: 45 }, 'B7', 'the weight of Net yield is -5; a weight cannot be negative'],
    [
      'a threshold on a criterion scored as entered',
      { C11: 4 },
      'C11',
      'Deliverability is scored as entered (1–5) and has no thresholds; leave this cell empty',
    ],
    [
      'risk limits out of order',
      { B15: 12 },
      'B15',
      'threshold out of order: the Low limit (12) must be lower than the Medium limit (12)',
    ],
    [
      'a number for High',
      { B17: 15 },
      'B17',
      'High is every risk rating above the Medium limit; leave this cell empty',
    ],
    [
      'band limits out of order',
      { B29: 75 },
      'B29',
      'threshold out of order: the Priority 2 limit (75) must be lower than the Priority 1 limit (70)',
    ],
    [
      'a gate setting that is not a number',
      { B22: 'sixty' },
      'B22',
      'the setting of Risk not proportionate to reward is "sixty", which is not a number',
    ],
    [
      'a number on a gate with nothing to set',
      { B23: 1 },
      'B23',
      'Public service at risk has no number to set; leave this cell empty',
    ],
    [
      'an unknown category on a gate',
      { C21: 'Trading services; Gambling' },
      'C21',
      'unknown category "Gambling"; the categories are 1 Commercial mindset, 2 Productivity, 3 Better buying, 4 Maximising return on assets, 5 Charging to cover costs, 6 Trading services, 7 Investing',
    ],
    [
      'a gate with no categories',
      { C24: null },
      'C24',
      'Below minimum yield applies to no category; name the categories (separated by ;) or write All',
    ],
    [
      'an unknown risk level',
      { A16: 'Moderate' },
      'A16',
      'unknown risk level "Moderate"; the risk levels are Low, Medium, High',
    ],
  ])('%s', async (_, edits, cell, message) => {
    const result = await scoreFixtureWith(modelSheet(edits));
    expect(result.model).toBeNull();
    expect(result.projects).toEqual([]);
    expect(result.incomplete).toEqual([]);
    expect(result.findings).toContainEqual({
      severity: 'error',
      rule: 'scoring-model',
      sheet: 'Scoring Model',
      cell,
      message,
      expected: null,
      actual: null,
    });
  });

  it('an unknown criterion, naming it and the one now missing', async () => {
    const result = await scoreFixtureWith(modelSheet({ A9: 'Value for money' }));
    expect(result.projects).toEqual([]);
    expect(result.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      [
        'scoring-model',
        'A9',
        'unknown criterion "Value for money"; the criteria are Net yield, Scale of return, Strategic fit, Customer service, Deliverability',
      ],
      ['scoring-model', 'A6', 'the criterion Strategic fit is missing from this table'],
    ]);
  });

  it('a criterion listed twice', async () => {
    const result = await scoreFixtureWith(modelSheet({ A10: 'strategic FIT' }));
    expect(result.findings.map((f) => [f.cell, f.message])).toEqual([
      ['A10', 'strategic FIT is listed twice (also at A9)'],
      ['A6', 'the criterion Customer service is missing from this table'],
    ]);
  });

  it('a table removed', async () => {
    const grid = modelSheet();
    grid.rows = grid.rows.slice(0, 25);
    const result = await scoreFixtureWith(grid);
    expect(result.findings.map((f) => [f.cell, f.message])).toEqual([
      ['A1', 'there is no Bands table: its heading "Band" was not found in column A'],
    ]);
  });
});
