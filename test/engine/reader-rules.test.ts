/**
 * The reader's rules for layouts first met in constructed councils' papers (test/engine/unseen.test.ts):
 * one small table per case, each showing the general rule on its own.
 */
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { parseTextNumber } from '../../src/engine/figures';
import { headingText } from '../../src/engine/grid';
import { parseYear, unitWords } from '../../src/engine/vocabulary';
import type { Finding } from '../../src/engine/findings';
import { b, mislabelledSectionTotal, sheet } from '../support/workbooks';

const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`);
const warnings = (fs: Finding[]) => fs.filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.cell}`);
const totalsOf = (result: ReturnType<typeof checkWorkbook>) =>
  result.tables[0].rows.filter((r) => r.type === 'total').map((r) => `${r.row + 1} ${r.structure?.how}`);

describe('a trailing minus typed as text (a ledger’s credit)', () => {
  it.each([
    ['1,850-', -1850],
    ['£1,850-', -1850],
    ['420-', -420],
    ['12.5-', -12.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseTextNumber(text)?.toNumber()).toBe(value);
  });

  it.each([
    ['84,500 Cr', -84500],
    ['84,500CR', -84500],
    ['1,200 Dr', 1200],
  ])('reads %s (a ledger’s credit or debit) as %d', (text, value) => {
    expect(parseTextNumber(text)?.toNumber()).toBe(value);
  });

  it.each(['-1,850-', '(1,850)-', '(1,850) Cr', 'Cr', '-', '1,850--'])(
    'refuses %s, which says minus twice or holds no figure',
    (text) => {
      const parsed = parseTextNumber(text);
      expect(text === '-' ? parsed?.toNumber() : parsed).toBe(text === '-' ? 0 : null);
    },
  );
});

describe('references alone do not make a growth or savings table', () => {
  const rows = (title: string) => [
    [b(title)],
    [],
    [b('Ref'), b('Scheme'), b('2026/27 £000'), b('2027/28 £000')],
    ['CS01', 'School expansion', 4800, 2450],
    ['HT01', 'Highways resurfacing', 6500, 6500],
    [undefined, b('Total'), b(11300), b(8950)],
  ];

  it('reads scheme or cost-centre codes under a title that says nothing of growth or savings as a budget table', () => {
    expect(checkWorkbook([sheet('Capital', rows('Capital Programme'))]).tables[0].kind).toBe('budget-table');
  });

  it('still reads them as growth when the title says so', () => {
    expect(checkWorkbook([sheet('Growth', rows('Growth Proposals'))]).tables[0].kind).toBe('growth');
  });
});

describe('a gap: one total less another', () => {
  it('reads a bold line under a requirement and its funding as the difference of the two, and checks it', () => {
    const s = sheet('MTFS', [
      [undefined, b('2026/27 £000'), b('2027/28 £000')],
      ['Base budget', 1000, 1100],
      ['Growth', 150, 120],
      [b('Net budget requirement'), b(1150), b(1220)],
      ['Council tax', 700, 740],
      ['Grants', 420, 430],
      [b('Total funding'), b(1120), b(1170)],
      [b('Budget gap'), b(30), b(60)],
    ]);
    const result = checkWorkbook([s]);
    expect(totalsOf(result)).toEqual(['4 section', '7 section', '8 difference']);
    expect(errors(result.findings)).toEqual(['MTFS!C8']);
  });
});

describe('a total printed above its lines', () => {
  const book = (adults: number) =>
    sheet('Book', [
      [undefined, undefined, b('2025/26 £'), b('2026/27 £')],
      [undefined, b('ADULTS'), b(adults), b(300)],
      ['A1', 'Home care', 100, 120],
      ['A2', 'Day care', 140, 180],
      [undefined, b('HOUSING'), b(90), b(95)],
      ['H1', 'Options', 60, 60],
      ['H2', 'Private sector', 30, 35],
      [undefined, b('TOTAL'), b(adults + 90), b(395)],
    ]);

  it('adds up the lines under it, which no total below adds up again', () => {
    const result = checkWorkbook([book(240)]);
    expect(totalsOf(result)).toEqual(['2 lines-below', '5 lines-below', '8 items-above']);
    expect(errors(result.findings)).toEqual([]);
  });

  it('is not read so when the lines under it do not add up to it: its label says total, and it is reported', () => {
    const result = checkWorkbook([book(250)]);
    expect(result.tables[0].rows[0].structure?.how).not.toBe('lines-below');
    expect(errors(result.findings).length).toBeGreaterThan(0);
  });

  // Hampshire's "where the money comes from": the budget is the gross expenditure less fees, grants and reserves, and
  // the grant and council tax under it fund it to the same figure. With a cost typed wrong in one year, the budget was
  // read as the total of the funding under it, and the mistake went unsaid.
  it('is not read so when the lines above it make it in most columns: a line above typed wrong is reported', () => {
    const budget = (gross: number) =>
      sheet('Budget', [
        [undefined, b('2011/12 £m'), b('2012/13 £m'), b('2013/14 £m')],
        ['Gross expenditure', gross, 1752, 1700],
        ['Fees and charges', -164, -168, -170],
        ['Specific grants', -924, -837, -800],
        [b('Budget'), b(773), b(747), b(730)],
        ['Formula Grant', 243, 213, 195],
        ['Council tax payer', 530, 534, 535],
      ]);
    expect(errors(checkWorkbook([budget(1861)]).findings)).toEqual([]);
    expect(errors(checkWorkbook([budget(1871)]).findings)).toEqual(['Budget!B5']);
  });
});

describe('a total’s label names what it closes only when it says total', () => {
  it('does not take a line found to be a total ("Increase in Council Tax") for a copied label', () => {
    const s = sheet('Bridge', [
      [undefined, b('£m')],
      [b('Services')],
      ['Pay', 3.1],
      ['Prices', 2.2],
      [b('Increase in Council Tax'), b(5.3)],
    ]);
    expect(warnings(checkWorkbook([s]).findings)).toEqual([]);
  });

  it('still warns when a total names another section of its own table', () => {
    expect(warnings(checkWorkbook([mislabelledSectionTotal()]).findings)).toEqual(['label-mismatch A5']);
  });
});

describe('columns worked out from others on each row', () => {
  it('finds Gross = the subjective columns (an FTE column left out) and a Change column under a unit alone', () => {
    const s = sheet('Analysis', [
      [
        b('Service'),
        b('FTE'),
        b('Employees'),
        b('Premises'),
        b('Gross Expenditure'),
        b('Income'),
        b('Net'),
        b('2027/28'),
        b('Change'),
      ],
      [undefined, undefined, b('£'), b('£'), b('£'), b('£'), b('£'), b('£'), b('£')],
      ['Revenues', 48.5, 1000, 200, 1200, -300, 900, 950, 50],
      ['Customers', 32, 800, 100, 900, -100, 800, 790, -10],
      ['Legal', 21.5, 600, 50, 650, -200, 450, 470, 20],
      ['HR', 14, 400, 30, 440, -40, 400, 410, 10],
    ]);
    const table = checkWorkbook([s]).tables[0];
    const rules = (table.rowRules ?? []).map(
      (r) =>
        `${table.columns[r.total].label} = ${r.parts.map((p) => `${p.sign < 0 ? '-' : '+'}${table.columns[p.column].label}`).join(' ')}`,
    );
    expect(rules, rules.join('; ')).toContain('Gross Expenditure = +Employees +Premises');
    expect(rules).toContain('Change = -Net +2027/28');
    // HR's gross is 10 over its parts: the row rule reports it.
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Analysis!E6']);
  });
});

describe('a Note column of note numbers', () => {
  it('is not read as figures, even where a total carries a note', () => {
    const s = sheet('Summary', [
      [b('Summary Revenue Budget')],
      [undefined, b('Note'), b('2026/27 £000')],
      ['Adults', 1, 150],
      ['Children', 3, 100],
      ['Place', undefined, 60],
      [b('Net Revenue Budget'), b(2), b(310)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.tables[0].columns.map((c) => c.label)).toEqual(['2026/27']);
    expect(result.findings).toEqual([]);
  });

  it('is note numbers, not a reference to ask about, when the notes count 1, 2, 3 down the table', () => {
    const s = sheet('Summary', [
      [undefined, b('Note'), b('2026/27 £000')],
      ['Adults', 1, 150],
      ['Children', 2, 100],
      ['Place', 3, 60],
      [b('Net Revenue Budget'), b(4), b(310)],
    ]);
    const reading = checkWorkbook([s]).tables[0].reading!;
    expect(reading.columns.find((c) => c.column === 'B')).toMatchObject({ role: 'ignored' });
    expect(reading.questions).toEqual([]);
  });

  it('is read as figures when it holds amounts', () => {
    const s = sheet('Summary', [
      [undefined, b('Notes'), b('2026/27 £000')],
      ['Adults', 1500, 150],
      ['Children', 3200, 100],
      [b('Total'), b(4700), b(250)],
    ]);
    expect(checkWorkbook([s]).tables[0].columns).toHaveLength(2);
  });
});

describe('savings printed as amounts saved', () => {
  const savings = (figures: number[][]) =>
    sheet('Savings', [
      [b('Savings Proposals')],
      [b('Ref'), b('Proposal'), b('2026/27 £000'), b('2027/28 £000')],
      ...figures.map((f, i) => [`S${i + 1}`, `Proposal ${i + 1}`, ...f]),
      [undefined, b('Total'), b(figures.reduce((a, f) => a + f[0], 0)), b(figures.reduce((a, f) => a + f[1], 0))],
    ]);

  it('reads a table printed positive throughout as savings taken away: no positive-saving warnings', () => {
    const result = checkWorkbook([
      savings([
        [100, 150],
        [200, 200],
        [50, 80],
      ]),
    ]);
    expect(result.tables[0].kind).toBe('savings');
    expect(warnings(result.findings)).toEqual([]);
    expect(result.tables[0].rows[0].signs).toEqual([-1, -1]);
  });

  it('still warns of the one positive figure in a table printed negative', () => {
    const result = checkWorkbook([
      savings([
        [-100, -150],
        [-200, -200],
        [50, 80],
      ]),
    ]);
    expect(warnings(result.findings)).toEqual(['positive-saving C5']);
  });
});

describe('a balancing line is not a total', () => {
  it('leaves the total above open when a funding line that happens to balance is shown to be a line', () => {
    const f = (v: number) => ({ value: v, format: '0.0;(0.0);"-"' });
    const bf = (v: number) => ({ ...f(v), bold: true });
    const s = sheet('Capital', [
      [undefined, b('2026/27 £m'), b('2027/28 £m')],
      ['Schools', f(12.4), f(8.1)],
      ['Highways', f(18.2), f(17.9)],
      [b('Total Expenditure'), bf(30.6), bf(26.0)],
      [b('Financing')],
      ['Grants', f(-18.5), f(-16.0)],
      ['Borrowing', f(-12.1), f(-10.0)],
      [b('Total Financing'), bf(-30.6), bf(-26.0)],
      [b('Net'), bf(0), bf(0)],
    ]);
    const result = checkWorkbook([s]);
    expect(totalsOf(result)).toEqual(['4 section', '8 section', '9 items-above']);
    expect(result.findings.filter((x) => x.severity !== 'info')).toEqual([]);
  });
});

describe('a balancing line under a subtotal', () => {
  it('is a line of the running total below it, not a gap: Total Funding = Aggregate External Finance + Council Tax', () => {
    const s = sheet('Budget', [
      [undefined, b('2025-26 £000'), b('2026-27 £000')],
      ['Education', 240, 250],
      ['Social Work', 110, 120],
      [b('Total Net Expenditure'), b(350), b(370)],
      [b('Financed by:')],
      ['General Revenue Grant', 200, 205],
      ['Non-Domestic Rates', 60, 62],
      [b('Aggregate External Finance'), b(260), b(267)],
      ['Council Tax', 90, 103],
      [b('Total Funding'), b(350), b(370)],
    ]);
    const result = checkWorkbook([s]);
    // Council Tax is what the grants leave (350 - 260), but it is a line: Total Funding adds it to the subtotal above.
    expect(totalsOf(result)).toEqual(['4 section', '8 section', '10 running']);
    expect(result.findings.filter((x) => x.severity !== 'info')).toEqual([]);
  });
});

describe('a bold subtotal typed wrong, with no word total in its label', () => {
  it('is reported, not read as a line of the total below it, which would leave its own lines in no total', () => {
    const s = sheet('Fire', [
      [undefined, b('2023/24 £000')],
      ['Firefighter pay and allowances', 17_054],
      ['Support staff pay and allowances', 1_499],
      ['Premises costs', 2_497],
      // 21,050 is what the lines make; the paper's gross is typed as it was before a line changed.
      [b('Gross expenditure'), b(21_040)],
      ['Less: fees and charges', -169],
      ['Less: other grants', -4_903],
      [b('Net expenditure'), b(15_968)],
    ]);
    const errors = checkWorkbook([s]).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.cell)).toEqual(['B5']);
  });
});

// The Cumbria fire authority's 2025/26 budget on Westmorland and Furness's page, printed plain: "Gross expenditure"
// over costs that leave a line out, and "Total net expenditure" = gross less fees and grants, exactly. The gross was
// read as a line, so the total seemed to add up the gross and its costs, and was reported at twice the spending.
describe('a subtotal printed as a plain line, named only by what it measures', () => {
  const budget = (gross: string, net: number) =>
    sheet('Fire', [
      [undefined, b('2025/26 £000')],
      ['Employee costs', 23_066],
      ['Premises costs', 2_199],
      ['Transport costs', 1_157],
      // 26,422 is what the lines make: printed 29,399, a line left out.
      [gross, 29_399],
      ['Less fees and charges', -201],
      ['Other grants', -4_190],
      [b('Total net expenditure'), b(net)],
    ]);

  it('is the subtotal the total works on from: its own lines are checked against it, and the error is put there', () => {
    const result = checkWorkbook([budget('Gross expenditure', 25_008)]);
    expect(errors(result.findings)).toEqual(['Fire!B5']);
    expect(totalsOf(result)).toEqual(['5 section', '8 running']);
  });

  it('is not read so when the total does not work on from it: the total’s own error is reported', () => {
    expect(errors(checkWorkbook([budget('Gross expenditure', 25_018)]).findings)).toEqual(['Fire!B8']);
  });

  it('is never an ordinary line: a total that leaves out the first lines of its section is its own error', () => {
    expect(errors(checkWorkbook([budget('Supplies and services', 25_008)]).findings)).toEqual(['Fire!B8']);
  });
});

describe('a summary at the foot of a budget', () => {
  const budget = (reserves: number, position: number) =>
    sheet('Parish', [
      [undefined, b('Budget 2019/20 £')],
      [b('INCOME')],
      ['Precept', 28_860],
      ['Grants', 3_497],
      [b('Total Income'), b(32_357)],
      [],
      [b('Administration')],
      ['Clerk', 5_562],
      ['Insurance', 1_000],
      [b('Total (Administration)'), b(6_562)],
      [],
      [b('Assets')],
      ['Street lighting', 6_033],
      ['Cemetery', 4_435],
      [b('Total (Assets)'), b(10_468)],
      [],
      [b('Operational Income'), b(32_357)],
      [b('Operational Expenditure'), b(17_030)],
      [b('End of Year Position'), b(15_327)],
      [],
      ['From reserves', reserves],
      [b('End of Year Position'), b(position)],
    ]);

  it('restates the income total, adds up the sections since, and takes one from the other', () => {
    const result = checkWorkbook([budget(0, 15_327)]);
    expect(totalsOf(result).slice(3)).toEqual(['17 items-above', '18 items-above', '19 difference', '22 running']);
    expect(
      result.tables[0].rows.find((r) => r.row === 17)!.parts!.map((p) => result.tables[0].rows[p].row + 1),
    ).toEqual([10, 15]);
    expect(result.findings).toEqual([]);
  });

  it('still adds a line between two positions: a position that leaves it out is an error, not a restatement', () => {
    const errors = checkWorkbook([budget(500, 15_327)]).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.cell)).toEqual(['B22']);
  });
});

describe('a funding line printed in bold', () => {
  it('is a line when the total below adds it up: Total Funding = Aggregate External Finance + Council Tax', () => {
    const s = sheet('Budget', [
      [undefined, b('2025-26 £'), b('2026-27 £')],
      ['Education', 98_400, 103_100],
      ['Social Services', 72_100, 78_600],
      [b('Budget Requirement'), b(170_500), b(181_700)],
      [b('Funded by:')],
      [b('Aggregate External Finance'), b(127_900), b(134_200)],
      ['Council Tax', 42_600, 47_500],
      [b('Total Funding'), b(170_500), b(181_700)],
    ]);
    const result = checkWorkbook([s]);
    expect(totalsOf(result)).toEqual(['4 section', '8 section']);
    expect(result.findings).toEqual([]);
  });

  it('is still an error when labelled a total that the total below adds up', () => {
    const s = sheet('Budget', [
      [undefined, b('2026-27 £')],
      ['Education', 98_400],
      ['Social Services', 72_100],
      [b('Total Services'), b(170_600)],
      ['Levies', 6_200],
      [b('Budget Requirement'), b(176_800)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Budget!B4']);
  });
});

describe('totals printed one column right of their lines', () => {
  const statement = (employees: number) =>
    sheet('Statement', [
      [undefined, b('2025/26 £000'), b('2025/26 £000'), b('2026/27 £000'), b('2026/27 £000')],
      ['Employees', 2_300, undefined, employees],
      ['Premises', 300, undefined, 310],
      [b('Total Expenditure'), undefined, b(2_600), undefined, b(2_722)],
      ['Fees and Charges', -400, undefined, -420],
      ['Government Grants', -1_850, undefined, -1_880],
      [b('Total Income'), undefined, b(-2_250), undefined, b(-2_300)],
      [b('Net Expenditure'), undefined, b(350), undefined, b(422)],
    ]);

  it('are read in their lines’ column and checked against them', () => {
    const result = checkWorkbook([statement(2_412)]);
    expect(result.tables[0].columns).toHaveLength(2);
    expect(totalsOf(result)).toEqual(['4 section', '7 section', '8 items-above']);
    expect(result.findings).toEqual([]);
  });

  it('so a line typed wrong is an error at its total, in the cell the total is printed in', () => {
    expect(errors(checkWorkbook([statement(2_421)]).findings)).toEqual(['Statement!E4']);
  });
});

describe('balances over the years down the rows', () => {
  const projection = (closingTotal: number) =>
    sheet('Reserves', [
      [b('Year'), b('Opening Balance £000'), b('Contributions £000'), b('Planned Use £000'), b('Closing Balance £000')],
      ['2026/27', 24_600, 1_500, -4_200, 21_900],
      ['2027/28', 21_900, 1_000, -3_100, 19_800],
      ['2028/29', 19_800, 800, -1_900, 18_700],
      [b('Total'), b(24_600), b(3_300), b(-9_200), b(closingTotal)],
    ]);

  it('total to the first opening and the last closing balance, which are not added up', () => {
    const result = checkWorkbook([projection(18_700)]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows.find((r) => r.type === 'total')?.structure?.checked).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('are still checked where the total is neither: a closing total typed wrong', () => {
    // Against its lines and against its own row (opening + contributions + use).
    expect(errors(checkWorkbook([projection(17_800)]).findings)).toEqual(['Reserves!E5', 'Reserves!E5']);
  });
});

describe('dates heading the columns', () => {
  const month = (iso: string) => ({ value: Date.parse(iso) / 86_400_000 + 25569, format: 'mmm-yy', bold: true });

  it('head a monthly profile: its months are labels, not a row of figures', () => {
    const s = sheet('Monthly', [
      [b('Line'), month('2026-04-01'), month('2026-05-01'), month('2026-06-01'), b('Total')],
      ['Salaries', 34_300, 34_300, 34_475, 103_075],
      ['Premises', 5_100, 5_100, 5_100, 15_300],
      [b('Total'), b(39_400), b(39_400), b(39_575), b(118_375)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.tables[0].columns.map((c) => c.label)).toEqual(['Apr 2026', 'May 2026', 'Jun 2026', 'Total']);
    expect(result.findings).toEqual([]);
  });

  it('name a balance’s date in full', () => {
    expect(headingText({ value: 46_112, format: 'dd/mm/yyyy' })).toBe('31 Mar 2026');
    expect(headingText({ value: 46_112, format: '#,##0' })).toBe('46112');
  });
});

describe('a Full Year column', () => {
  it('is checked as the sum of the quarters', () => {
    const s = sheet('Profile', [
      [b('Subjective'), b('Q1 £'), b('Q2 £'), b('Q3 £'), b('Q4 £'), b('Full Year £')],
      ['Salaries', 103_075, 103_075, 103_075, 106_175, 415_400],
      ['Premises', 15_300, 15_300, 15_300, 15_300, 61_200],
      ['Supplies', 4_200, 9_800, 5_100, 5_650, 25_650],
      ['Transport', 1_000, 1_000, 1_000, 1_000, 4_000],
      ['Income', -21_125, -21_125, -21_125, -21_125, -84_500],
      [b('Net Budget'), b(102_450), b(108_050), b(103_350), b(107_000), b(421_750)],
    ]);
    // Supplies' full year is 900 out, and so the total's full year against its quarters.
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Profile!F4', 'Profile!F7']);
  });
});

describe('a monitoring report’s over / (under) spend', () => {
  it.each(['Over / (Under) Spend £000', 'Overspend £000', 'Shortfall £000'])(
    'is checked as one column less another: "%s"',
    (heading) => {
      const s = sheet('Monitoring', [
        [b('Service'), b('Budget £000'), b('Forecast £000'), b(heading)],
        ['Adults', 150_200, 152_900, 2_700],
        ['Children', 101_300, 104_800, 3_500],
        ['Place', 58_400, 57_100, -1_300],
        ['Resources', 31_900, 31_300, -600],
        ['Public Health', 400, 400, 100],
      ]);
      expect(errors(checkWorkbook([s]).findings)).toEqual(['Monitoring!D6']);
    },
  );
});

describe('a column of amounts per unit', () => {
  const p = (v: number) => ({ value: v, format: '#,##0.00' });
  const precepts = (heading: string, average: number) =>
    sheet('Precepts', [
      [b('Parish'), b('Tax Base'), b('Precept £'), b(heading)],
      ['Ashby', p(400), 20_000, p(50)],
      ['Bramcote', p(1_600), 64_000, p(40)],
      [b('Total / Average'), p(2_000), b(84_000), p(average)],
    ]);

  it.each(['Band D 2026/27 £', 'Spend per Head £', 'Average Charge £', 'Unit Cost £', 'Rate per Pupil £', 'Rate £'])(
    'is not added up where its total is an average of its lines: "%s"',
    (heading) => {
      const result = checkWorkbook([precepts(heading, 42)]);
      expect(result.findings).toEqual([]);
      expect(result.tables[0].rows.find((r) => r.type === 'total')?.structure?.checked).toEqual([true, true, false]);
    },
  );

  it('is checked where its total adds up the lines: the shares of one Band D', () => {
    const s = sheet('Band D', [
      [undefined, b('Total £000'), b('Band D Council Tax £')],
      ['District', 7_919, p(210.24)],
      ['County', 52_784, p(1_401.3)],
      ['Police', 9_363, p(248.57)],
      [b('Total'), b(70_066), p(1_860.11)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual([]);
    s.rows[4][2] = p(1_870.11);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Band D!C5']);
  });

  it('is a count, added up, when the heading says "Band D equivalents"', () => {
    const s = sheet('Tax Base', [
      [b('Parish'), b('Band D equivalents')],
      ['Ashby', 400],
      ['Bramcote', 1_600],
      [b('Total'), b(1_700)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Tax Base!B4']);
  });
});

describe('item numbers and page numbers', () => {
  it('are not figures: a contents page and numbered notes are no tables', () => {
    const contents = sheet('Contents', [
      [b('Budget Book 2026/27')],
      [],
      [b('Contents'), undefined, b('Page')],
      ['1', 'Fees and Charges', 3],
      ['2', 'Staffing', 7],
      ['3', 'Notes to the Budget', 9],
    ]);
    const notes = sheet('Notes', [
      [b('Notes to the Budget')],
      [1, 'The budget assumes a pay award of 3%.'],
      [2, 'Garden waste subscriptions rise to 14,900.'],
      [3, 'Band D rises by £5.94.'],
      [4, 'Balances are forecast at £3.2m.'],
    ]);
    const result = checkWorkbook([contents, notes]);
    expect(result.tables).toEqual([]);
    expect(result.findings.filter((f) => f.rule !== 'no-tables')).toEqual([]);
  });

  it('leaves amounts that happen to start 1, 2 alone', () => {
    const s = sheet('Budget', [
      [undefined, b('2026/27 £000')],
      ['Elections', 1],
      ['Members', 2],
      ['Audit', 4],
      [b('Total'), b(7)],
    ]);
    expect(checkWorkbook([s]).tables[0].columns).toHaveLength(1);
  });
});

describe('text where a figure is expected', () => {
  const price = (v: number) => ({ value: v, format: '#,##0.00' });
  const fees = (total?: number) =>
    sheet('Fees', [
      [b('Charge'), b('Charge 2025/26 £'), b('Charge 2026/27 £'), b('VAT')],
      ['Bulky waste (3 items)', price(38.5), price(41), 'O'],
      ['Concessionary rate', 'Free', 'Free', 'O'],
      ['Each additional item', price(9.5), price(10), 'O'],
      ['Commercial premises', 'On application', 'On application', 'S'],
      ['Wasps nest', price(72), price(76), 'S'],
      ...(total === undefined ? [] : [[b('Total'), price(120), price(total)]]),
    ]);

  it('is not worth a warning where nothing adds it up (a price list)', () => {
    expect(warnings(checkWorkbook([fees()]).findings)).toEqual([]);
  });

  it('is still a warning where a total counts it', () => {
    expect(warnings(checkWorkbook([fees(127)]).findings)).toEqual([
      'not-a-figure B3',
      'not-a-figure C3',
      'not-a-figure B5',
      'not-a-figure C5',
    ]);
  });
});

describe('a rule across the columns with one line wrong', () => {
  it('still stands when the line puts out its total too: Revised = Approved + Slippage + Additions', () => {
    const rows: [string, number, number, number][] = [
      ['Regeneration', 6_400, 1_850, 0],
      ['Leisure Centre', 3_100, -600, 250],
      ['Disabled Facilities', 1_450, 0, 180],
      ['Vehicles', 2_200, 340, -150],
      ['Housing', 4_800, 2_150, 1_000],
      ['Flood Works', 950, 410, 0],
    ];
    const printed = rows.map(([l, a, sl, add]) => [l, a, sl, add, l === 'Vehicles' ? 2_540 : a + sl + add]);
    const total = [1, 2, 3, 4].map((i) => printed.reduce((s, r) => s + (r[i] as number), 0));
    const s = sheet('Schemes', [
      [b('Scheme'), b('Approved £000'), b('Slippage £000'), b('Additions £000'), b('Revised Budget £000')],
      ...printed,
      [b('Total'), ...total.map(b)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Schemes!E5', 'Schemes!E8']);
  });
});

describe('a Total column printed before its years', () => {
  it('is checked against the years to its right', () => {
    const s = sheet('Plan', [
      [b('Ref'), b('Proposal'), b('Total £000'), b('2026/27 £000'), b('2027/28 £000')],
      ['S01', 'Office moves', -600, -300, -300],
      ['S02', 'Procurement', -500, -250, -250],
      ['S03', 'Shared service', -700, -200, -400],
      ['S04', 'Fleet', -200, -100, -100],
      ['S05', 'Libraries', -300, -150, -150],
      [undefined, b('Total'), b(-2200), b(-1000), b(-1200)],
    ]);
    const table = checkWorkbook([s]).tables[0];
    expect(table.rowRules?.map((r) => [r.total, r.parts.map((p) => p.column)])).toEqual([[0, [1, 2]]]);
    // S03's total is 100 out; the paper's grand total was added across the years, so its column is out too.
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Plan!C4', 'Plan!C7']);
  });
});

describe('an Increase column', () => {
  it('is checked as the proposed charge less the current one', () => {
    const p = (v: number) => ({ value: v, format: '#,##0.00' });
    const s = sheet('Fees', [
      [b('Charge'), b('Current Charge £'), b('Proposed Charge £'), b('Increase £')],
      ['Adult burial', p(1250), p(1312.5), p(62.5)],
      ['Cremation', p(895), p(940), p(45)],
      ['Resident permit', p(60), p(65), p(5)],
      ['Taxi licence', p(285), p(295), p(12)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Fees!D5']);
  });
});

describe('a column of codes', () => {
  it('is not read as figures: account codes under "Account", typed as numbers or text', () => {
    const s = sheet('Ledger', [
      [b('Cost Centre'), b('Account'), b('Description'), b('Budget £')],
      ['R1100', { value: 1001, format: '0' }, 'Salaries', 412300],
      ['R1100', '2101', 'Rent', 61200],
      ['R1100', '9001', 'Fees income', -84500],
      [undefined, undefined, b('Net Budget'), b(389000)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.tables[0].columns.map((c) => c.label)).toEqual(['Budget']);
    expect(result.findings).toEqual([]);
  });

  it('is read as figures when it holds amounts, even under a code-like heading', () => {
    const s = sheet('Accounts', [
      [b('Service'), b('Account balance £')],
      ['Revenues', 1500],
      ['Customers', 3200],
      [b('Total'), b(4700)],
    ]);
    expect(checkWorkbook([s]).tables[0].columns).toHaveLength(1);
  });
});

// Hampshire's "where the money comes from" 2012/13: an "Increase on" column of per cents printed as plain figures,
// with no %. Summed as money, its Budget (−2.0) against lines making 26.6 was a false error.
describe('a column of per cent changes printed without a %', () => {
  const pct = (v: number) => ({ value: v, format: '0.0;-0.0' });
  const budget = (increase: number[], change = 'Increase on') =>
    sheet('Budget', [
      [undefined, b('2011/12 adjusted'), b('2012/13'), b(change)],
      ['Gross expenditure', 1861, 1752, pct(increase[0])],
      ['Fees and charges', -164, -168, pct(increase[1])],
      ['Specific grants', -924, -837, pct(increase[2])],
      ['Reserves and balances', -47, -35, pct(increase[3])],
      [b('Budget'), b(726), b(712), { ...pct(increase[4]), bold: true }],
    ]);

  it('is per cents, never added up: the change over the first figure, or over its size on lines taken off', () => {
    const result = checkWorkbook([budget([-5.9, -2.4, 9.4, 25.5, -2.0])]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].additive).toEqual([true, true, false]);
  });

  it('still checks the money columns beside it', () => {
    const s = budget([-5.9, -2.4, 9.4, 25.5, -2.0]);
    s.rows[5][2] = b(722);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Budget!C6']);
  });

  it('is money when it is the difference of the two columns: an Increase in £ is still added up', () => {
    const result = checkWorkbook([budget([-109, -4, 87, 12, -14], 'Increase £')]);
    expect(result.tables[0].additive).toEqual([true, true, true]);
    expect(result.findings).toEqual([]);
    const wrong = budget([-109, -4, 87, 12, -24], 'Increase £');
    expect(errors(checkWorkbook([wrong]).findings)).toContain('Budget!D6');
  });
});

describe('a Variation column', () => {
  it('is checked as the revised budget less the original, and the error is put in the variation', () => {
    const s = sheet('Revised', [
      [b('Service'), b("Original Budget £'000"), b("Revised Budget £'000"), b("Variation £'000")],
      ['Planning', 1842, 1905, 63],
      ['Highways', 3480, 4000, 250],
      ['Waste', 6915, 7140, 225],
      ['Leisure', 2306, 2188, -118],
      [b('Net total'), b(14543), b(15233), b(690)],
    ]);
    // Highways' variation is 520 typed 250, and the total's variation is the true one.
    expect(errors(checkWorkbook([s]).findings)).toEqual(['Revised!D3', 'Revised!D6']);
  });
});

describe('a row of column numbers under the headings', () => {
  it('heads the columns: "(1)" and "(2)" typed as text are not minus one and minus two', () => {
    const s = sheet('Budget', [
      [undefined, b('Base Budget £000'), b('Changes £000'), b('Proposed Budget £000')],
      [undefined, '(1)', '(2)', '(3) = (1) + (2)'],
      ['Adults', 1000, 100, 1100],
      ['Children', 800, 50, 850],
      [b('Net Budget'), b(1800), b(150), b(1950)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows.map((r) => r.label)).toEqual(['Adults', 'Children', 'Net Budget']);
  });

  it('heads the columns when typed as the numbers 1, 2, 3 on a row with no label', () => {
    const s = sheet('Budget', [
      [undefined, b('Base Budget £000'), b('Changes £000'), b('Proposed Budget £000')],
      [undefined, 1, 2, 3],
      ['Adults', 1000, 100, 1100],
      ['Children', 800, 50, 850],
      [b('Net Budget'), b(1800), b(150), b(1950)],
    ]);
    expect(checkWorkbook([s]).findings).toEqual([]);
  });

  it('is only a row of bracketed numbers that rise across it: (420) (385) are negative figures', () => {
    const s = sheet('Budget', [
      [undefined, b('2025/26 £000'), b('2026/27 £000')],
      ['Fees', 500, 520],
      ['Interest', '(420)', '(385)'],
      [b('Net'), b(80), b(135)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual([]);
  });
});

describe('the gap in each year under the cumulative gap', () => {
  const mtfs = (inYear: number[]) =>
    sheet('Gap', [
      [undefined, b('2026/27 £000'), b('2027/28 £000'), b('2028/29 £000')],
      ['Net budget requirement', 1000, 1100, 1180],
      ['Funding', -950, -1000, -1040],
      [b('Cumulative budget gap'), b(50), b(100), b(140)],
      [b('Gap in year'), ...inYear.map(b)],
    ]);

  it('is the change from the year before, read as a memo line: not a total of the gap above it', () => {
    const result = checkWorkbook([mtfs([50, 50, 40])]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].rows[3].type).toBe('memo');
  });

  it('is not so when its later years are not the changes: a repeat of the gap is still checked', () => {
    const result = checkWorkbook([mtfs([50, 100, 150])]);
    expect(errors(result.findings)).toEqual(['Gap!D5']);
  });

  it('is read so the other way round too: the cumulative gap under the gap in each year restates it', () => {
    const s = sheet('Gap', [
      [undefined, b('2026/27 £000'), b('2027/28 £000'), b('2028/29 £000')],
      ['Net budget requirement', 1000, 1100, 1180],
      ['Funding', -950, -1000, -1040],
      [b('Budget gap in year'), b(50), b(100), b(140)],
      [b('Cumulative budget gap'), b(50), b(150), b(290)],
    ]);
    const result = checkWorkbook([s]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].rows[3].type).toBe('memo');
  });

  it('is read so over two years when the first year is the same figure', () => {
    const s = sheet('Gap', [
      [undefined, b('2026/27 £000'), b('2027/28 £000')],
      ['Net budget requirement', 1000, 1100],
      ['Funding', -950, -1000],
      [b('Cumulative budget gap'), b(50), b(100)],
      [b('Gap in year'), b(50), b(50)],
    ]);
    expect(checkWorkbook([s]).findings).toEqual([]);
  });

  it('leaves a grant frozen in cash a line under a one-off use of reserves: a flat line is every nil change’s sum', () => {
    const s = sheet('Bridge', [
      [undefined, b('2026/27 £000'), b('2027/28 £000'), b('2028/29 £000')],
      ['Net service spend', 230000, 236000, 242000],
      ['Use of reserves', -2400, 0, 0],
      [b('Budget requirement'), b(227600), b(236000), b(242000)],
      ['Revenue Support Grant', 14250, 14250, 14250],
      ['Council tax', 213350, 221750, 227750],
      [b('Total funding'), b(227600), b(236000), b(242000)],
    ]);
    const result = checkWorkbook([s]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].rows.filter((r) => r.type === 'memo')).toEqual([]);
  });

  // Gateshead's MTFS summary: the annual savings requirement (the cumulative one's increase) less the options to
  // close the gap is "Balanced budget", nil each year. Read as a memo line only, it left the balance unchecked, or,
  // printed in bold, a total of the cumulative requirement that failed in every year but the first.
  const balanced = (unidentified: number, bold: boolean) => {
    const p = (v: string | number) => (bold ? b(v) : v);
    return sheet('Gap', [
      [undefined, b('2026/27 £000'), b('2027/28 £000'), b('2028/29 £000')],
      ['Estimated base', 3206, 3381, 3541],
      ['Estimated funding', -3073, -3150, -3241],
      ['Cumulative funding gap', 133, 231, 300],
      ['Planned use of reserves', -85, -40, 0],
      ['Cumulative savings requirement', 48, 191, 300],
      ['Annual savings requirement', 48, 143, 109],
      ['Options to close gap:'],
      ['Social care interventions', -27, -40, -24],
      ['Unidentified cuts', -21, unidentified, -85],
      [p('Balanced budget'), p(0), p(0), p(0)],
    ]);
  };

  it('is where a total below starts from: the year’s requirement less the options to close it is the balance', () => {
    for (const bold of [false, true]) {
      const result = checkWorkbook([balanced(-103, bold)]);
      expect(errors(result.findings)).toEqual([]);
      expect(totalsOf(result)).toEqual(['4 section', '6 running', '11 section']);
      expect(result.tables[0].rows[9].parts).toEqual([5, 7, 8]);
      expect(result.tables[0].rows[5].memo).toBeFalsy();
    }
  });

  it('so an option typed wrong is an error at the balance', () => {
    for (const bold of [false, true])
      expect(errors(checkWorkbook([balanced(-113, bold)]).findings)).toContain('Gap!C11');
  });

  it('leaves a requirement that adds up its base and changes a total, though it is also their running sum', () => {
    const s = sheet('Plan', [
      [undefined, b('2026/27 £000'), b('2027/28 £000'), b('2028/29 £000')],
      ['Base budget brought forward', 1000, 1100, 1180],
      ['Net changes', 100, 80, 70],
      [b('Net budget requirement'), b(1100), b(1180), b(1250)],
    ]);
    expect(totalsOf(checkWorkbook([s]))).toEqual(['4 section']);
  });
});

describe('a note reference in a figure’s place', () => {
  const summary = (total: number) =>
    sheet('Summary', [
      [b('Directorate'), b('2026/27 £000'), b('2027/28 £000')],
      ['Adults', 1000, 1100],
      ['Children', 800, 850],
      ['Levy', 40, 'see note 4'],
      [b('Net Expenditure'), b(1840), b(total)],
    ]);

  it('is read as blank where the total leaves it out: the total is checked, nothing to warn of', () => {
    const result = checkWorkbook([summary(1950)]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows[3].structure?.checked).toEqual([true, true]);
  });

  it('leaves the total unchecked, and says so, where the total may count the figure the note gives', () => {
    const result = checkWorkbook([summary(1992)]);
    expect(warnings(result.findings)).toEqual(['not-a-figure C4']);
    expect(errors(result.findings)).toEqual([]);
  });
});

describe('a grand total printed at the top over groups whose totals are printed above their lines', () => {
  const list = (income: number) =>
    sheet('Savings', [
      [b('Ref'), b('Saving'), b('2026/27 £000'), b('2027/28 £000')],
      [undefined, b('Total Savings'), b(-1000), b(-1500)],
      [undefined, b('Managing Demand'), b(-600), b(-1000)],
      ['MD1', 'Reablement', -400, -700],
      ['MD2', 'Early help', -200, -300],
      [undefined, b('Income'), b(-400), b(income)],
      ['IC1', 'Garden waste', -150, -200],
      ['IC2', 'Lettings', -250, -300],
    ]);

  it('adds up the groups’ totals, each adding up its own lines', () => {
    const result = checkWorkbook([list(-500)]);
    expect(totalsOf(result)).toEqual(['2 lines-below', '3 lines-below', '6 lines-below']);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('reports a group total typed wrong, and the grand total its printed groups no longer make', () => {
    expect(errors(checkWorkbook([list(-490)]).findings)).toEqual(['Savings!D2', 'Savings!D6']);
  });
});

describe('minus signs printed in a column of their own', () => {
  const ledger = (mark: string | undefined) =>
    sheet('Ledger', [
      [b('Service'), undefined, b('2026/27 £000'), undefined, b('2027/28 £000')],
      ['Fees and charges', '-', 500, '-', 520],
      ['Grants', '-', 300, mark, 310],
      ['Rents', '-', 100, '-', 100],
      ['Employees', undefined, 1200, undefined, 1250],
      [b('Net'), undefined, b(300), undefined, b(320)],
    ]);

  it('make the figures right of them negative: the totals add up', () => {
    const result = checkWorkbook([ledger('-')]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].columns.map((c) => c.label)).toEqual(['2026/27', '2027/28']);
  });

  it('leave a figure without one positive, so a sign left out is an error at the total', () => {
    expect(errors(checkWorkbook([ledger(undefined)]).findings)).toEqual(['Ledger!E6']);
  });
});

describe('lines that break down the line above', () => {
  const head = [b('Directorate'), b('2025/26 £000'), b('2026/27 £000')];
  const i = (value: string) => ({ value, italic: true });

  it('are memo lines under an "of which:" heading of their own, to the first line printed otherwise', () => {
    const s = sheet('S', [
      head,
      ['Adults', 1000, 1100],
      ["Children's", 800, 850],
      [i('of which:')],
      [i('Dedicated Schools Grant'), 300, 310],
      [i('Pupil Premium'), 20, 25],
      ['Place', 500, 520],
      [b('Net Budget'), b(2300), b(2470)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows.map((r) => r.type)).toEqual([
      'line',
      'line',
      'heading',
      'memo',
      'memo',
      'line',
      'total',
    ]);
  });

  it('end where they make up the line they break down, though the next line is printed as they are', () => {
    const s = sheet('S', [
      head,
      ['Adults', 1000, 1100],
      ["Children's", 800, 850],
      ['of which:'],
      ['Dedicated Schools Grant', 500, 520],
      ['Early Help', 300, 330],
      ['Place', 500, 520],
      [b('Net Budget'), b(2300), b(2470)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows.map((r) => r.type)).toEqual([
      'line',
      'line',
      'heading',
      'memo',
      'memo',
      'line',
      'total',
    ]);
  });

  it('are memo lines when they say "including"', () => {
    const s = sheet('S', [
      head,
      ['Adults', 1000, 1100],
      [i('including Better Care Fund'), 200, 210],
      ['Place', 500, 520],
      [b('Net Budget'), b(1500), b(1620)],
    ]);
    expect(checkWorkbook([s]).findings).toEqual([]);
  });
});

describe('a year written with its last digit alone', () => {
  it('reads "2026/7" as 2026/27, and nothing else with one digit after it', () => {
    expect(parseYear('2026/7 £')).toBe('2026/27');
    expect(parseYear('2029-0')).toBe('2029/30');
    expect(parseYear('2026/9')).toBe('2026');
  });
});

describe('a summary naming a sheet’s total in its own words', () => {
  const head = [b('Service'), b('2025/26 £000'), b('2026/27 £000')];
  const directorate = (name: string, total: string, figures: number[][]) =>
    sheet(name, [
      head,
      ...figures.map((f, i) => [`Service ${i + 1}`, ...f]),
      [b(total), ...[0, 1].map((k) => b(figures.reduce((a, f) => a + f[k], 0)))],
    ]);
  const summary = (lines: [string, number, number][]) =>
    sheet('Summary', [
      [b('Directorate'), b('2025/26 £000'), b('2026/27 £000')],
      ...lines,
      [b('Net Budget'), ...[1, 2].map((k) => b(lines.reduce((a, l) => a + (l[k] as number), 0)))],
    ]);
  const adults = directorate('Adults', 'Total Adults', [
    [100, 110],
    [200, 220],
  ]);
  const childrens = directorate('Childrens', "TOTAL CHILDREN'S", [
    [120, 130],
    [80, 90],
  ]);
  const carried = (result: ReturnType<typeof checkWorkbook>) =>
    result.findings.filter((f) => f.rule === 'carried-total-mismatch').map((f) => `${f.sheet}!${f.cell}`);

  it('checks "Children’s Services" against the Childrens sheet’s "TOTAL CHILDREN’S", "Adult Social Care" against "Total Adults"', () => {
    const right = summary([
      ['Adult Social Care', 300, 330],
      ["Children's Services", 200, 220],
    ]);
    expect(carried(checkWorkbook([right, adults, childrens]))).toEqual([]);
    const stale = summary([
      ['Adult Social Care', 300, 330],
      ["Children's Services", 200, 210],
    ]);
    expect(carried(checkWorkbook([stale, adults, childrens]))).toEqual(['Summary!C3']);
  });

  it('links neither of two lines that both name part of one sheet', () => {
    const stale = summary([
      ['Adults', 300, 330],
      ['Children and Families', 200, 210],
      ['Children and Schools', 200, 220],
    ]);
    expect(carried(checkWorkbook([stale, adults, childrens]))).toEqual([]);
  });
});

describe('codes left of a column headed as the description', () => {
  it('labels each line by its description, and a total typed in the code column by its own words', () => {
    const s = sheet('S', [
      [b('Code'), b('Service'), b('2025/26 £'), b('2026/27 £')],
      [b('HOUSING')],
      ['H100', 'Homelessness', 1000, 1100],
      ['H110', 'Housing Strategy', 200, 210],
      [b('TOTAL HOUSING'), undefined, b(1200), b(1310)],
    ]);
    const result = checkWorkbook([s]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows.map((r) => r.label)).toEqual([
      'HOUSING',
      'Homelessness',
      'Housing Strategy',
      'TOTAL HOUSING',
    ]);
  });
});

describe('a line that prints n/a or Nil where its figures go', () => {
  it('is a line with nothing in it, not the heading of a table with no lines, even with its unit in a column of its own', () => {
    const result = checkWorkbook([
      sheet('Indicators', [
        [undefined, undefined, '2024/25', '2025/26'],
        ['Capital expenditure', '£m', 208.4, 186.4],
        ['Capital financing requirement', '£m', 510.4, 548.1],
        ['Total sums invested for more than 364 days', '£m', 'n/a', 'Nil'],
      ]),
    ]);
    expect(warnings(result.findings)).toEqual([]);
  });

  it('still says a heading row with no lines under it', () => {
    const result = checkWorkbook([
      sheet('Growth', [[b('GROWTH')], [b('Ref.'), undefined, b('2015/16 £000'), b('2016/17 £000')]]),
    ]);
    expect(warnings(result.findings)).toContain('no-lines C2');
  });
});

describe('the same heading again further down', () => {
  const table = (closing: 'total' | 'line') =>
    sheet('Budget', [
      [undefined, b('2025/26 £000'), b('2026/27 £000')],
      ['Employees', 4_658, 4_825],
      ['Premises', 388, 379],
      closing === 'total' ? [b('Amount to be financed'), b(5_046), b(5_204)] : ['Transport', 146, 150],
      [],
      [undefined, b('2025/26 £000'), b('2026/27 £000')],
      ['Precept', 4_176, 4_275],
      ['Grants', 870, 929],
      [b('Total financing'), b(5_046), b(5_204)],
    ]);

  it('under a total and a blank row, heads a table of its own', () => {
    const result = checkWorkbook([table('total')]);
    expect(result.tables.map((t) => t.range)).toEqual(['A1:C4', 'A6:C9']);
    expect(result.findings).toEqual([]);
  });

  it('under a line and a blank row, is the table’s heading again after a page break', () => {
    const result = checkWorkbook([table('line')]);
    expect(result.tables.map((t) => t.range)).toEqual(['A1:C9']);
  });
});

describe('a figure printed in pounds among figures printed "£85.2m"', () => {
  const m = (value: number) => ({ value, format: '"£"0.0"m"' });
  const pounds = (value: number) => ({ value, format: '"£"#,##0' });
  const table = (victims: ReturnType<typeof m>, total: number) =>
    sheet('Funding', [
      ['Funding', b('2020/21')],
      ['Funding from Government', m(91.6)],
      ['Council tax precept', m(40.8)],
      ['Witnesses and Victims Funding', victims],
      [b('Total funding'), { ...m(total), bold: true }],
    ]);

  it('is read in the column’s millions, so the total adds up', () => {
    const result = checkWorkbook([table(pounds(664_000), 133.1)]);
    expect(result.tables[0].rows.find((r) => r.label.startsWith('Witnesses'))!.figures[0]!.value!.toString()).toBe(
      '0.664',
    );
    expect(result.findings.filter((f) => f.rule !== 'rounding-difference')).toEqual([]);
  });

  it('still gives an error when the total is wrong', () => {
    expect(errors(checkWorkbook([table(pounds(664_000), 143.1)]).findings)).toEqual(['Funding!B5']);
  });

  it('leaves alone a column whose figures are all in pounds', () => {
    const all = sheet('Funding', [
      ['Funding', b('2020/21 £')],
      ['Grant', pounds(91_600_000)],
      ['Precept', pounds(40_800_000)],
      ['Victims', pounds(664_000)],
      [b('Total funding'), { ...pounds(133_064_000), bold: true }],
    ]);
    expect(checkWorkbook([all]).findings).toEqual([]);
  });
});

describe('a column worked out from a run of columns with some taken away', () => {
  const reserves = (insurance: number, total = 10_800) => [
    [
      b('Earmarked reserves'),
      b('Balance 1 April 2025 £000'),
      b('Transfers in £000'),
      b('Transfers out £000'),
      b('Balance 31 March 2026 £000'),
    ],
    ['Insurance', 2_400, 300, 150, insurance],
    ['Transformation', 5_100, 0, 2_200, 2_900],
    ['Business rates volatility', 3_800, 1_000, 500, 4_300],
    ['Public health', 1_250, 200, 400, 1_050],
    [b('Total'), b(12_550), b(1_500), b(3_250), b(total)],
  ];

  it('reads a reserve’s closing balance as its opening balance plus transfers in less transfers out', () => {
    const result = checkWorkbook([sheet('Reserves', reserves(2_550))]);
    expect(result.tables[0].reading!.rowRules).toEqual([
      { column: 'E', adds: ['B', 'C', '-D'], holds: 5, fails: 0, unsigned: false },
    ]);
    expect(errors(result.findings)).toEqual([]);
  });

  it('says a closing balance that does not follow, even where the column’s total was made from it', () => {
    // 2,400 + 300 − 150 is 2,550: printed 2,850, and the total 11,100 adds the wrong figure in, so it too is not
    // its opening balance and transfers (10,800); without the rule across the row neither would be said.
    const result = checkWorkbook([sheet('Reserves', reserves(2_850, 11_100))]);
    expect(errors(result.findings)).toEqual(['Reserves!E2', 'Reserves!E6']);
  });

  it('prefers the rule over fewer columns when a longer one says the same (a total worked out from two of them)', () => {
    const result = checkWorkbook([
      sheet('Monitoring', [
        [
          b('Service'),
          b('Budget £'),
          b('To date £'),
          b('Income budget £'),
          b('Income to date £'),
          b('Net budget £'),
          b('Net to date £'),
        ],
        ['Civic', 33_185, 10_353, -2_000, -1_100, 31_185, 9_253],
        ['Committees', 128_677, 65_743, -5_283, -24, 123_394, 65_719],
        ['Members', 95_728, 38_033, -40, 0, 95_688, 38_033],
        ['Policy', 256_884, 127_998, 0, 0, 256_884, 127_998],
      ]),
    ]);
    expect(result.tables[0].reading!.rowRules.map((r) => `${r.column} = ${r.adds.join(' ')}`)).toEqual([
      'F = B D',
      'G = C E',
    ]);
  });
});

describe('a note number under a column’s heading', () => {
  const table = (marker: string) =>
    sheet('Services', [
      [undefined, b('Net expenditure £m'), b('Capital charges £m'), b('Band D equivalent')],
      ['Service', undefined, marker, '£'],
      ['Education', 100.5, 10.25, 1200.5],
      ['Roads', 40.25, 5.5, 480.25],
      [b('Total net expenditure'), b(140.75), b(15.75), b(1680.75)],
    ]);

  it('is part of the heading on a row of units: "(1)" over the capital charges is not minus one', () => {
    const result = checkWorkbook([table('(1)')]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].rows.map((r) => r.label)).toEqual(['Education', 'Roads', 'Total net expenditure']);
  });

  it('is a figure on a line of amounts: "(1)" beside a label and no unit is minus one', () => {
    const s = sheet('Services', [
      [undefined, b('Net expenditure £m'), b('Capital charges £m')],
      ['Education', 100, 10],
      ['Adjustments', '(1)', '(1)'],
      [b('Total net expenditure'), b(99), b(9)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual([]);
  });
});

describe('a second table under headings of the same shape in other words', () => {
  const parish = (between: (string | undefined)[][]) =>
    sheet('Accounts', [
      ['Expenditure', 'Amount', 'Percentage of total expenditure', 'Comments'],
      ['Clerk', 2000, 0.8],
      ['Insurance', 500, 0.2, 'Annual premium'],
      [b('Total'), b(2500), b(1)],
      ...between,
      ['Income Source', 'Amount', 'Percentage of total income'],
      ['Precept', 2400, 0.96],
      ['Interest', 100, 0.04],
      [b('Total'), b(2500), b(1)],
    ]);

  it('starts a table of its own under its caption: the income under "Income Source | Amount | Percentage …"', () => {
    const result = checkWorkbook([parish([[], ['Total income 2022-23 £2,500']])]);
    expect(result.findings).toEqual([]);
    expect(result.tables.map((t) => t.range)).toEqual(['A1:D4', 'A7:C10']);
  });

  it('starts one after a blank row under the total above, with no caption', () => {
    const result = checkWorkbook([parish([[]])]);
    expect(result.findings).toEqual([]);
    expect(result.tables.map((t) => t.range)).toEqual(['A1:D4', 'A6:C9']);
  });

  it('is a section’s heading straight under a line of the table: it continues the table', () => {
    const s = sheet('Accounts', [
      ['Service', 'Budget £', 'Actual £'],
      ['Clerk', 2000, 1900],
      ['Schools', 'Budget', 'Actual'],
      ['Transport', 500, 450],
      [b('Total'), b(2500), b(2350)],
    ]);
    expect(checkWorkbook([s]).tables.map((t) => t.range)).toEqual(['A1:C5']);
  });
});

describe('a line working on from the table above, under misprinted years', () => {
  const police = (requirement: number) =>
    sheet('Police', [
      ['Source', '2023/2024, £m', '2024/15, £m'],
      ['Pay', 100, 110],
      ['Income', -20, -22],
      [b('Total net expenditure'), b(80), b(88)],
      [],
      ['Source', '2023/224, £m', '2024/25, £m'],
      ['Home Office Formula Funding', -50, -55],
      ['Collection fund deficit', 1, 2],
      [b('Council tax requirement'), b(31), b(requirement)],
    ]);

  it('matches "2024/15" with "2024/25" and "2023/224" with "2023/2024": the requirement is the net expenditure less the funding', () => {
    const result = checkWorkbook([police(35)]);
    expect(result.findings).toEqual([]);
    expect(result.tables[1].rows[2].type).toBe('memo');
  });

  it('still reports the requirement when it does not follow from the table above', () => {
    // As for Westmorland and Furness's requirement: nothing then explains the row, which is reported as read.
    expect(errors(checkWorkbook([police(45)]).findings)).toContain('Police!C9');
  });
});

describe('a line whose figures do not agree across the row', () => {
  const budget = (net: number, netTotal: number) =>
    sheet('Budget', [
      ['Services', 'Gross Expenditure', 'Gross Income', '2024/2025 Estimate'],
      ['Central Services', 3000, -1000, 2000],
      ['Leisure', 5000, -2000, 3000],
      ['Planning', 2000, -500, 1500],
      ['Waste', 4000, -1000, 3000],
      ['Contribution to balances', 0, -500, net],
      [b('Budget requirement'), b(14000), b(-5000), b(netTotal)],
    ]);

  it('is said at the figure whose column does not add up: the net, not the income beside it', () => {
    // (400) printed for (500): the income column adds up with (500), the net column's total counts (500) too.
    const result = checkWorkbook([budget(-400, 9000)]);
    expect(errors(result.findings)).toEqual(['Budget!D6', 'Budget!D7']);
    expect(result.findings[0].message).toContain('but 2024/2025 Estimate shows -400');
  });

  it('is said at the rule’s own column where the columns’ totals do not tell', () => {
    // The net total counts the slip, so every column adds up: the row (and the total's row) said as the rule reads it.
    const result = checkWorkbook([budget(-400, 9100)]);
    expect(errors(result.findings)).toEqual(['Budget!C6', 'Budget!C7']);
  });
});

describe('a line named "Total …" that opens its section under a heading', () => {
  // A movement in reserves statement: the year's first movement is the accounts' "Total Comprehensive Income and
  // Expenditure", straight under the year's heading; the balance above the heading is another section's.
  const reserves = (result: number) =>
    sheet('Reserves', [
      ['', 'General Fund £000', 'Earmarked £000', 'Unusable £000', 'Total £000'],
      ['Balance at 31 March 2024', 5000, 4000, -50000, -41000],
      ['Movement in reserves during 2024/25'],
      ['Total Comprehensive Income and Expenditure', -1200, 0, 3000, 1800],
      ['Adjustments between accounting basis and funding basis', 1500, 0, -1500, 0],
      ['Increase or decrease before transfers', 300, 0, 1500, result],
      ['Transfers to earmarked reserves', -300, 300, 0, 0],
      ['Increase or decrease in 2024/25', 0, 300, 1500, 1800],
      ['Balance at 31 March 2025', 5000, 4300, -48500, -39200],
    ]);

  it('is a line: not reported as the balance above the heading, and the movements below add it up', () => {
    const result = checkWorkbook([reserves(1800)]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.tables[0].rows.find((r) => r.label.startsWith('Total Comprehensive'))!.type).toBe('line');
  });

  it('still lets a figure typed wrong among the movements be said', () => {
    expect(errors(checkWorkbook([reserves(1900)]).findings)).toContain('Reserves!E6');
  });
});

describe('a column worked out from its own total', () => {
  // Four reserves and their total: the general fund equals the total less the earmarked reserves wherever the other
  // two are nil, which is no rule of its own; the total adding up all four holds on every row.
  const usable = sheet('Usable reserves', [
    [
      '',
      'General Fund Balance £000',
      'Earmarked Reserves £000',
      'Capital Receipts £000',
      'Grants Unapplied £000',
      'Total Usable Reserves £000',
    ],
    ['Balance at 1 April', 5576, 4763, 0, 347, 10686],
    ['Deficit on provision of services', -14029, 0, 0, 0, -14029],
    ['Adjustments under regulations', 13440, 0, 0, 0, 13440],
    ['Pension adjustments', 120, 0, 0, 0, 120],
    ['Capital charges', -80, 0, 0, 0, -80],
    ['Council tax adjustments', 45, 0, 0, 0, 45],
    ['Business rates adjustments', -30, 0, 0, 0, -30],
    ['Transfers to earmarked reserves', 2, -2, 0, 0, 0],
    ['Other movements', -10, 0, 0, 0, -10],
    ['Balance at 31 March', 5034, 4761, 0, 347, 10142],
  ]);

  it('keeps the total of all four, and says nothing of the grants unapplied as the general fund’s error', () => {
    const result = checkWorkbook([usable]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.tables[0].rowRules!.map((r) => r.total)).toEqual([4]);
  });
});

describe('a unit written out in words', () => {
  // Accessible web pages write "in thousands of pounds" where a paper prints £000.
  const provisions = sheet('Provisions', [
    ['Provisions are amounts set aside to meet future liabilities.'],
    ['Provisions', 'Insurance in thousands of pounds', 'Other in thousands of pounds', 'Total in thousands of pounds'],
    ['Balance at 1 April', 1330, 1702, 3032],
    ['Increase in provision', 184, 173, 357],
    ['Utilised during year', -326, -124, -450],
  ]);

  it('heads a table of figures in £000', () => {
    const result = checkWorkbook([provisions]);
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0].reading?.columns.filter((c) => c.unit).map((c) => c.unit)).toEqual([
      '£000',
      '£000',
      '£000',
    ]);
  });
});

describe('a total printed above its lines on a table’s first row', () => {
  const cash = (overdraft: number) =>
    sheet('Cash', [
      ['2020/21 £000', undefined, '2021/22 £000'],
      [9403, 'Total Cash and Cash Equivalents', 54521],
      [0, 'Bank Current Accounts', 40121],
      [overdraft, 'Bank Overdraft', 0],
      [17400, 'Short term deposits', 14400],
    ]);

  it('is the lines under it, and a line typed wrong in one of two years is reported there', () => {
    expect(errors(checkWorkbook([cash(-7997)]).findings)).toEqual([]);
    expect(errors(checkWorkbook([cash(-7987)]).findings)).toEqual(['Cash!A2']);
  });

  // A closing balance printed first, straight over the opening balance and the year's movements.
  const provisions = (used: number) =>
    sheet('Provisions', [
      ['Current Provisions', 'Insurance £000', 'Business Rate Appeals £000', 'Other £000'],
      ['Closing Balance at 31 March 2022', 416, 2629, 173],
      ['Balance at 1 April', 0, 2512, 1702],
      ['Increase/decrease in provision', 416, 117, 173],
      ['Utilised during year', 0, 0, used],
      ['Released provision', 0, 0, -1578],
    ]);

  it('reads a closing balance over the opening balance as the opening balance and the movements under it', () => {
    expect(errors(checkWorkbook([provisions(-124)]).findings)).toEqual([]);
    expect(errors(checkWorkbook([provisions(-134)]).findings)).toEqual(['Provisions!D2']);
  });
});

describe('a subtotal not labelled as one, put out in one year by a figure typed wrong', () => {
  // Kent Fire's budget: costs to "Gross revenue expenditure" (no word total), service income, "Net budget requirement".
  const budget = (employees: number, gross: number) =>
    sheet('Budget', [
      ['Revenue Budget', '2016/17 £000', '2017/18 £000'],
      ['Employees', employees, 53421],
      ['Running expenses', 16880, 15575],
      ['Capital financing', 8829, 11307],
      ['Transfer to reserves', -3709, -7079],
      ['Gross revenue expenditure', gross, 73224],
      ['Service income', -4862, -4586],
      ['Net budget requirement', 69292, 68638],
    ]);

  it('reads the subtotal and the requirement when every figure is right', () => {
    expect(errors(checkWorkbook([budget(52154, 74154)]).findings)).toEqual([]);
  });

  it('says a cost typed wrong in one year at the subtotal, which the requirement under it works on from', () => {
    expect(errors(checkWorkbook([budget(52164, 74154)]).findings)).toEqual(['Budget!B6']);
  });

  it('says the subtotal typed wrong in one year there', () => {
    expect(errors(checkWorkbook([budget(52154, 74164)]).findings)).toContain('Budget!B6');
  });
});

describe('a table printed in capitals', () => {
  it('does not take a total in capitals for one naming another section when every line is in capitals', () => {
    const s = sheet('Budget', [
      [undefined, b('2025/26 £m')],
      ['PRECEPTS PAID', 0.503],
      ['PAY AND INFLATION', 14.819],
      [b('TOTAL CORPORATE BUDGETS'), b(15.322)],
    ]);
    expect(warnings(checkWorkbook([s]).findings)).toEqual([]);
  });
});

describe('nil printed in words with spaces around it', () => {
  it('reads " none  " as nil, as "none"', () => {
    const s = sheet('Provisions', [
      [undefined, b('Insurance £000'), b('Appeals £000')],
      ['Balance at 1 April', 1330, 2512],
      ['Increase in provision', ' none  ', 117],
      ['Utilised during year', -326, ' none  '],
      [b('Balance at 31 March'), b(1004), b(2629)],
    ]);
    const result = checkWorkbook([s]);
    expect(warnings(result.findings)).toEqual([]);
    expect(errors(result.findings)).toEqual([]);
  });
});

describe('totals printed plain, without bold', () => {
  /** A fire authority's requirement, then its funding, the precept set to balance it, under "Funded by:". */
  const funded = (precept: number) =>
    sheet('Budget', [
      [undefined, '2025/26 £000', '2026/27 £000'],
      ['Pay', 37_550, 39_370],
      ['Non-pay', 8_865, 9_345],
      ['Sub Total', 46_415, 48_715],
      ['Net Budget Requirement', 46_415, 48_715],
      [],
      ['Funded by:'],
      ['Revenue Support Grant', -4_310, -4_455],
      ['Business Rates', -9_870, -10_140],
      ['Council Tax Precept', -precept, -34_120],
      ['Total Funding', -14_180 - precept, -48_715],
    ]);

  it('reads "Total Funding" as the lines under "Funded by:", though the last of them balances the requirement', () => {
    const result = checkWorkbook([funded(32_235)]);
    expect(errors(result.findings)).toEqual([]);
    expect(totalsOf(result)).toContain('11 section');
  });

  /** A Scottish council's funding: Aggregate External Finance a subtotal, the council tax the net expenditure less it. */
  it('reads a total as a subtotal found from its figures and the line after it, which balances the table', () => {
    const s = sheet('Service Analysis', [
      [undefined, '2025-26 £000', '2026-27 £000'],
      ['Education', 243_480, 250_100],
      ['Social Care', 111_610, 115_300],
      ['Net Expenditure on Services', 355_090, 365_400],
      ['Loan Charges', 21_340, 22_105],
      ['Total Net Expenditure', 376_430, 387_505],
      [],
      ['Financed by:'],
      ['General Revenue Grant', 278_300, 287_900],
      ['Non-Domestic Rates', 81_450, 84_200],
      ['Aggregate External Finance', 359_750, 372_100],
      ['Council Tax', 16_680, 15_405],
      ['Total Funding', 376_430, 387_505],
    ]);
    const result = checkWorkbook([s]);
    expect(errors(result.findings)).toEqual([]);
    expect(totalsOf(result)).toContain('13 running');
  });

  it('reads the last line of a bridge, the same thing as its first in a later year, as its total: a slip is said', () => {
    const bridge = (closing: number) =>
      sheet('Council Tax changed', [
        ['Changes in the Budget', '£ thousands', 'Effect on Council Tax £'],
        ["Band 'D' Council Tax 2023/2024", 7151, 207.13],
        ['Increase in revenue support grant', -44, -1.27],
        ['Increase in transfer to reserves', 707, 1.27],
        ["Band 'D' Council Tax 2025/2026", closing, 207.13],
      ]);
    expect(errors(checkWorkbook([bridge(7814)]).findings)).toEqual([]);
    expect(errors(checkWorkbook([bridge(7184)]).findings)).toEqual(['Council Tax changed!B5']);
  });
});

describe('the unit of figures with no number format', () => {
  it('is what most of them show: one line in pounds and pence among £000 typed as text leaves a £1k rounding alone', () => {
    const s = sheet('MTFS', [
      [undefined, '2026/27', '2027/28'],
      [undefined, '£000', '£000'],
      ['Base Budget brought forward', '245,300', '256,200'],
      ['Pay Award', '4,100', '3,650'],
      ['Savings Proposals', '-5,400', '-3,800'],
      [b('Net Budget Requirement'), b('244,000'), b('256,051')],
      ['Band D Council Tax (£)', '1,789.45', '1,878.83'],
    ]);
    const result = checkWorkbook([s]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'rounding-difference').map((f) => f.cell)).toEqual(['C6']);
  });
});

describe('a paper rounded to the nearest £1,000 and printed in pounds', () => {
  it('judges a short column by the whole table: £1,000 off three lines is rounding', () => {
    const s = sheet('MTFP', [
      [undefined, 'FY 25/26 £', 'FY 26/27 £', 'FY 27/28 £'],
      ['Base budget', 371_204_000, 380_114_000, 388_765_000],
      ['Pressures', 12_410_000, 11_200_000, 10_950_000],
      ['Savings', -3_500_000, -2_549_000, -4_100_000],
      [b('Net Budget'), b(380_114_000), b(388_766_000), b(395_615_000)],
    ]);
    const result = checkWorkbook([s]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'rounding-difference').map((f) => f.cell)).toEqual(['C5']);
  });

  it('still says £1,000 out where the pounds are not rounded', () => {
    const s = sheet('MTFP', [
      [undefined, 'FY 25/26 £', 'FY 26/27 £'],
      ['Base budget', 371_204_512, 380_114_000],
      ['Pressures', 12_410_000, 11_200_000],
      ['Savings', -3_500_000, -2_549_000],
      [b('Net Budget'), b(380_114_512), b(388_766_000)],
    ]);
    expect(errors(checkWorkbook([s]).findings)).toEqual(['MTFP!C5']);
  });
});

describe('a pivot table pasted as values', () => {
  /** Each directorate's subtotal above its services, nothing bold (the pivot's style is lost with its values). */
  const pivot = (care: number) =>
    sheet('Pivot', [
      ['Row Labels', '2025/26', '2026/27'],
      ['Adults', 100_287_850, 107_596_155],
      ['Care at Home', care, 41_205_310],
      ['Residential Care', 61_874_200, 66_390_845],
      ['Children', 40_721_080, 44_121_255],
      ['Looked After Children', 34_506_210, 38_118_940],
      ['Early Help', 6_214_870, 6_002_315],
      ['Grand Total', 141_008_930, 151_717_410],
    ]);

  it('reads each group’s first row as the total of the rows under it, and the grand total as theirs', () => {
    const result = checkWorkbook([pivot(38_413_650)]);
    expect(errors(result.findings)).toEqual([]);
    expect(totalsOf(result)).toEqual(['2 lines-below', '5 lines-below', '8 items-above']);
  });

  it('says nothing of the sort when a line is typed wrong: the grand total is then reported', () => {
    expect(errors(checkWorkbook([pivot(38_913_650)]).findings)).toContain('Pivot!B8');
  });
});

describe('years typed as text over the columns', () => {
  // A budget book copied from its PDF: "Actual | Original" over "2009 | 2010", the years as text.
  const costCentre = (income: number) =>
    sheet('Cost centre', [
      ['A1 - Cost centre'],
      [undefined, 'Actual', 'Original'],
      [undefined, '2009', '2010'],
      ['Expenditure'],
      ['Employees', 5200, 5400],
      ['Supplies', 800, 600],
      ['Sub-total: Expenditure', 6000, 6000],
      ['Income'],
      ['Recharges', income, -6000],
      ['Sub-total: Income', -6000, -6000],
      ['Total for: Cost centre', 0, 0],
    ]);

  it('are a heading, not figures held as text, and the net of the two sub-totals is checked', () => {
    const result = checkWorkbook([costCentre(-6000)]);
    expect(warnings(result.findings)).toEqual([]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].columns.map((c) => c.label)).toEqual(['Actual 2009', 'Original 2010']);
    expect(totalsOf(result)).toEqual(['7 section', '10 section', '11 items-above']);
  });

  it('still says a recharge typed wrong', () => {
    expect(errors(checkWorkbook([costCentre(-6010)]).findings)).toContain('Cost centre!B10');
  });
});

describe('a group total of no lines, straight under another group’s total', () => {
  // Each directorate's services closed by "… Total" with no heading above them; one directorate has no savings lines.
  const summary = (nil: number) =>
    sheet('Savings', [
      ['Service', 'Savings £000'],
      ['Schools', 100],
      ['Social work', 250],
      ['Children Total', 350],
      ['Libraries', 40],
      ['Parks', 60],
      ['Communities Total', 100],
      ['Central Budgets Total', nil],
      ['Grand Total', 450],
    ]);

  it('adds nothing up, and the grand total counts the groups’ totals', () => {
    const result = checkWorkbook([summary(0)]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].rows.find((r) => r.label === 'Central Budgets Total')?.type).toBe('line');
    expect(totalsOf(result)).toEqual(['4 section', '7 section', '9 items-above']);
  });

  it('is said when printed with a figure the grand total does not hold', () => {
    expect(errors(checkWorkbook([summary(10)]).findings)).not.toEqual([]);
  });

  it('does not excuse a grand total printed nil after the groups', () => {
    const result = checkWorkbook([
      sheet('Savings', [
        ['Service', 'Savings £000'],
        ['Schools', 100],
        ['Children Total', 100],
        ['Parks', 60],
        ['Communities Total', 60],
        ['Total', 0],
      ]),
    ]);
    expect(errors(result.findings)).toEqual(['Savings!B6']);
  });
});

describe('a total under a paragraph of notes on the table’s last line', () => {
  const growth = (total: number) =>
    sheet('Growth', [
      [undefined, '2026/27 £000s', '2027/28 £000s'],
      ['Bus subsidies', 120, 120],
      ['Environmental maintenance', 300, 300],
      ['Grit bin discount', 5, 5],
      [
        'Discount applies to the purchase, installation and initial provision of grit for parish and district councils, on application from county councillors.',
      ],
      ['Total Cost Increase', total, 425],
    ]);

  it('closes the table above it and is checked against its lines', () => {
    const result = checkWorkbook([growth(425)]);
    expect(result.tables).toHaveLength(1);
    expect(errors(result.findings)).toEqual([]);
    expect(totalsOf(result)).toEqual(['6 section']);
  });

  it('is said when it does not add up', () => {
    expect(errors(checkWorkbook([growth(435)]).findings)).toEqual(['Growth!B6']);
  });

  it('leaves a table that opens with its total over its lines, after a paragraph, a table of its own', () => {
    const result = checkWorkbook([
      sheet('Two', [
        [undefined, '2026/27 £000s'],
        ['Bus subsidies', 120],
        ['Parks', 300],
        ['Total', 420],
        [
          'The capital programme below is funded from borrowing and grants, as agreed by the Cabinet in its meeting of February.',
        ],
        ['Total Capital Programme', 900],
        ['Schools', 600],
        ['Roads', 300],
      ]),
    ]);
    expect(result.tables).toHaveLength(2);
    expect(errors(result.findings)).toEqual([]);
  });
});

describe('amounts in one column under a subtotal of several, to a total', () => {
  // Gross, income and net by department to "Subtotal"; then, under the gross column, the adjustments and "Total".
  const page = (adjustment: number) =>
    sheet('Spent', [
      ['Department', 'Gross expenditure', 'Gross income', 'Net expenditure'],
      ['Children', 88.3, -25.92, 62.38],
      ['Environment', 110.31, -82.2, 28.11],
      [b('Subtotal'), b(198.61), b(-108.12), b(90.49)],
      [],
      ['Other expenditure'],
      ['Use of balances', adjustment],
      ['Capital financing adjustment', -20.63],
      [b('Total'), b(71.29)],
      ['Corporate grants', -56.66],
      [b('Net expenditure'), b(14.63)],
    ]);

  it('work on from the subtotal’s net, its last column', () => {
    const result = checkWorkbook([page(1.43)]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].rows.filter((r) => r.memo).map((r) => r.label)).toEqual(['Total', 'Net expenditure']);
  });

  it('still say an adjustment typed wrong', () => {
    expect(errors(checkWorkbook([page(11.43)]).findings)).not.toEqual([]);
  });

  it('work on from the table above’s net when a paragraph parts them into two tables', () => {
    const note = [
      'Please note, Children incorporates the services for young people, excluding the grant which is passported directly to schools.',
    ];
    const parted = (adjustment: number) => {
      const grid = page(adjustment);
      grid.rows.splice(
        4,
        0,
        note.map((v) => ({ value: v })),
      );
      return grid;
    };
    const result = checkWorkbook([parted(1.43)]);
    expect(result.tables).toHaveLength(2);
    expect(errors(result.findings)).toEqual([]);
    expect(errors(checkWorkbook([parted(11.43)]).findings)).not.toEqual([]);
  });
});

describe('a list that ends on the line it began with', () => {
  // A bridge from last year's budget to this year's, the closing line's label left with last year's year.
  const bridge = (closing: number) =>
    sheet('Bridge', [
      [undefined, '£m'],
      ["24/25 Council's Net Revenue Budget", 198],
      ['Contract and pay inflation', 9.3],
      ['Growth pressures', 12.4],
      ['Efficiency savings', -5.1],
      ["24/25 Council's Net Revenue Budget", closing],
    ]);

  it('closes with the first line worked on through the changes', () => {
    expect(errors(checkWorkbook([bridge(214.6)]).findings)).toEqual([]);
    expect(totalsOf(checkWorkbook([bridge(214.6)]))).toEqual(['6 section']);
  });

  it('is said when the changes do not make it', () => {
    expect(errors(checkWorkbook([bridge(222.9)]).findings)).toEqual(['Bridge!B6']);
  });

  it('is a line when it is not named as a worked-out figure', () => {
    const result = checkWorkbook([
      sheet('Items', [
        [undefined, '£m'],
        ['Grounds maintenance', 12],
        ['Street lighting', 9],
        ['Cleaning', 7],
        ['Grounds maintenance', 5],
      ]),
    ]);
    expect(errors(result.findings)).toEqual([]);
    expect(totalsOf(result)).toEqual([]);
  });
});

describe('a column that only flags lines, left of their descriptions', () => {
  const growth = (flag: string) =>
    sheet('Growth', [
      [undefined, undefined, '2026/27 £000s'],
      [flag, 'Additional investment in public bus subsidies', 120],
      [flag, 'Additional environmental maintenance', 300],
      [undefined, 'Total Cost Increase', 420],
    ]);

  it('does not label them: each is labelled by its description', () => {
    const labels = checkWorkbook([growth('NEW')]).tables[0].rows.map((r) => r.label);
    expect(labels).toEqual([
      'Additional investment in public bus subsidies',
      'Additional environmental maintenance',
      'Total Cost Increase',
    ]);
  });

  it('leaves a column of different words (codes, names) where it was', () => {
    const result = checkWorkbook([
      sheet('Codes', [
        [undefined, undefined, '2026/27 £000s'],
        ['Buses', 'Additional investment in public bus subsidies', 120],
        ['Parks', 'Additional environmental maintenance', 300],
        [undefined, 'Total Cost Increase', 420],
      ]),
    ]);
    expect(result.tables[0].rows[0].label).toBe('Buses');
  });
});

describe('a unit printed "£ (000)"', () => {
  // Wealden's spending plans head a bridge's one column "£ (000)": thousands of pounds, not a figure of nil.
  const bridge = () =>
    sheet('Bridge', [
      ['Item', '£ (000)'],
      ['Requirement in 2023/24', 14134],
      ['Inflationary increases', 1843],
      ['Service pressures', 511],
      ['Total', 16488],
    ]);

  it('heads the column as £000 and is never read as a figure', () => {
    const result = checkWorkbook([bridge()]);
    expect(warnings(result.findings)).toEqual([]);
    expect(result.tables[0].columns).toHaveLength(1);
    expect(unitWords('£ (000)').scale).toBe(1000);
    expect(unitWords('2018/19 £ (000)').scale).toBe(1000);
    expect(parseTextNumber('£ (000)')).toBeNull();
  });
});

describe('a heading in the table’s own shape over one column of figures', () => {
  // West Yorkshire Fire's page: the budget by item to its "Totals", then "How is the Service paid for?" over
  // "Source of Funding | Amount" (a unit row, £m, under both headings) and the funding to the same total.
  const page = (unitRow: boolean) =>
    sheet('Cost', [
      ['Item', 'Cost'],
      ...(unitRow ? [['£m']] : []),
      ['Service Delivery', 54.877],
      ['Service Support', 16.035],
      ['Contingency', 1.092],
      ['Totals', 71.004],
      [],
      ['How is the Service paid for?'],
      ['Source of Funding', 'Amount'],
      ...(unitRow ? [['£m']] : []),
      ['Grants from central government', 34.764],
      ['Council tax precept', 36.24],
      ['Totals', 71.004],
    ]);

  it.each([false, true])('heads a table of its own (a units row under the headings: %s)', (unitRow) => {
    const result = checkWorkbook([page(unitRow)]);
    expect(result.tables).toHaveLength(2);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('figures in another unit after a blank row', () => {
  // Wirral's financial summary: the requirement in whole pounds, then "How spending has changed" in £ million.
  const pounds = (v: number) => ({ value: v, format: '"£"#,##0;("£"#,##0)' });
  const millions = (v: number) => ({ value: v, format: '"£"0.0" million"' });
  const page = () =>
    sheet('Summary', [
      ['Council', pounds(357616365)],
      ['Levies', pounds(42038439)],
      ['Total requirement', pounds(399654804)],
      [],
      ['How spending has changed'],
      ['Budget Requirement 2023-24', millions(368.6)],
      ['Employees', millions(5.7)],
      ['Other running costs', millions(4.6)],
      ['Budget Requirement 2024-25', millions(378.9)],
    ]);

  it('begin a table of their own, with no heading to say so', () => {
    const result = checkWorkbook([page()]);
    expect(result.tables).toHaveLength(2);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('a requirement worked on from the total above, wrong in every year', () => {
  // Wealden's spending plans 2019/20: the net cost of services and the funding lines to the district's basic council
  // tax requirement (printed 180 and 59 over its lines), the parish precepts to the total requirement (exact).
  const plans = (basic2018: number, basic2019: number) =>
    sheet('Plans', [
      ['Item', '2018/19 £ (000)', '2019/20 £ (000)'],
      ['Services', 16830, 17300],
      ['Capital Expenditure charged to Revenue', 5539, 2375],
      ['Net cost of Services', 22369, 19675],
      ['Business Rates/Revenue Support Grant', -4278, -5066],
      ['Other Government Grants', -2777, -1898],
      ['Contributions to/(from) Reserves', -3325, -50],
      ['Collection Fund (Surplus)/Deficit', -284, -240],
      ['District Council Basic Council Tax Requirement', basic2018, basic2019],
      ['Town and Parish Council Precepts', 6235, 6552],
      ['Total Council Tax Requirement', basic2018 + 6235, basic2019 + 6552],
    ]);

  it('reads the requirement as a subtotal when every figure is right', () => {
    expect(errors(checkWorkbook([plans(11705, 12421)]).findings)).toEqual([]);
  });

  it('says the requirement wrong in both years there, against the total above and the lines since', () => {
    const result = checkWorkbook([plans(11885, 12480)]);
    expect(errors(result.findings)).toEqual(['Plans!B9', 'Plans!C9']);
    expect(result.findings.find((f) => f.cell === 'B9')!.message).toContain('the total above and the lines since');
  });
});

describe('the last line of a bridge', () => {
  // Wealden's 2024/25 bridge: last year's requirement, the changes, this year's requirement, named alike.
  const bridge = (closing: number, last = 'District basic Council Tax requirement in 2024/25') =>
    sheet('Bridge', [
      ['Item', '£ (000)'],
      ['District Council basic Council Tax Requirement in 2023/24', 14134],
      ['Inflationary increases', 1843],
      ['Increase in retained Business Rates', -709],
      ['Increased revenue contribution to capital', 10381],
      ['Increased use of reserves and balances', -11036],
      [last, closing],
    ]);

  it('is checked as a total of the opening figure and the changes', () => {
    expect(errors(checkWorkbook([bridge(14613)]).findings)).toEqual([]);
    expect(errors(checkWorkbook([bridge(14643)]).findings)).toEqual(['Bridge!B7']);
  });

  it('is, named as the first line with the wrong year, when the table opens with one and ends with the other', () => {
    const slip = 'District Council basic Council Tax Requirement in 2023/24';
    expect(errors(checkWorkbook([bridge(14613, slip)]).findings)).toEqual([]);
    expect(errors(checkWorkbook([bridge(14643, slip)]).findings)).toEqual(['Bridge!B7']);
  });
});

describe('a bridge whose ends are printed rounder than its changes', () => {
  // Wirral's 2025/26 bridge: £399.7 million, changes to £0.01 million, £444.7 million; they make 444.77, which the
  // ends' own rounding allows (399.65 makes 444.72).
  const m = (value: number, places: number) => ({ value, format: places === 1 ? '0.0' : '0.00' });
  const bridge = (closing: number) =>
    sheet('Bridge', [
      ['How spending has changed', '£m'],
      ['Budget Requirement 2024-25', m(399.7, 1)],
      ['Increased pressures'],
      ['Employees', m(10.57, 2)],
      ['Children & Families', m(18.98, 2)],
      ['Adult Care & Health', m(15.52, 2)],
      ['Budget Requirement 2025-26', m(closing, 1)],
    ]);

  it('is not held to its changes’ rounding: nothing said of a difference the ends’ rounding allows', () => {
    expect(checkWorkbook([bridge(444.7)]).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('is still read where its figures make it exactly', () => {
    const result = checkWorkbook([bridge(444.77)]);
    expect(result.tables[0].rows.at(-1)!.type).toBe('total');
  });
});

describe('savings printed positive under their own heading in a bridge', () => {
  // Wirral's "How spending has changed": pressures, then "Savings and Efficiencies" printed positive, taken off.
  const bridge = (closing: number) =>
    sheet('Bridge', [
      ['Budget Requirement 2023-24', 368.6],
      ['Increased pressures'],
      ['Employees', 5.8],
      ['Adult Care & Health', 15.2],
      ['Savings and Efficiencies'],
      ['Neighbourhoods', 2.0],
      ['Adult Care & Health', 4.8],
      ['Budget Requirement 2024-25', closing],
    ]);

  it('are taken away', () => {
    const result = checkWorkbook([bridge(382.8)]);
    expect(errors(result.findings)).toEqual([]);
    expect(result.tables[0].rows.at(-1)!.partSigns).toEqual([1, 1, 1, -1, -1]);
  });
});

describe('groups of lines each closed by a subtotal with no label', () => {
  // Sefton's note of the changes in the budget requirement: each group's subtotal under its lines, no label, a blank
  // row under it; a group of one line closed by the same figure again; the change in the requirement at the foot.
  const m = (value: number) => ({ value, format: '0.0;-0.0' });
  const note = (pay: number, levies = 1.8) =>
    sheet('Note', [
      ['Pay / Price Inflation etc.', '£m'],
      ['Pay and Price Inflation Contingency', m(pay)],
      ['Payment of Staff Contractual Increments', m(0.6)],
      [undefined, m(7.3)],
      [],
      ['Additional Resources to Maintain and Improve Services'],
      ["Increased Provision for Adult and Children's Social Care", m(3.0)],
      [undefined, m(3.0)],
      [],
      ['Service Efficiency and Other Savings'],
      ['Savings / Efficiency Measures', m(-8.3)],
      ['Increase in Levies', m(levies)],
      ['Change in Use of One-Off Resources', m(8.2)],
      [undefined, m(1.7)],
      [],
      ['Change in Sefton Budget Requirement', m(12.0)],
    ]);

  it('are subtotals: the change adds them up, and the line of a group of one only once', () => {
    const result = checkWorkbook([note(6.7)]);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(totalsOf(result)).toEqual(['4 section', '8 section', '14 section', '16 items-above']);
  });

  it('says a line typed wrong at its group’s subtotal', () => {
    expect(errors(checkWorkbook([note(7.7)]).findings)).toEqual(['Note!B4']);
  });

  it('never reads a plain line as a total its lines above make only within rounding', () => {
    // 6.7 + 0.6 + 3.0 − 8.3 is 2.0: within rounding of "Increase in Levies" at 1.8, and no total of them.
    const result = checkWorkbook([note(6.7, 1.8)]);
    expect(result.tables[0].rows.find((r) => r.label === 'Increase in Levies')!.type).toBe('line');
  });
});
