import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { Finding } from '../../src/engine/findings';
import type { Cell } from '../../src/engine/grid';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { b, bi, bu, gridsToBuffer, sheet, type Spec } from '../support/workbooks';

const YEARS = ['2015/16 £000', '2016/17 £000', '2017/18 £000', '2018/19 £000'];
const at = (fs: Finding[], rule?: string) =>
  fs.filter((f) => !rule || f.rule === rule).map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

/** Checks sheets after a round trip through a real .xlsx file, as a user's workbook would arrive. */
async function check(sheets: ReturnType<typeof sheet>[], options = {}) {
  const wb = await XlsxWorkbook.open(await gridsToBuffer(sheets));
  return checkWorkbook(await wb.readSheets(), options);
}

function savingsSheet(
  name: string,
  body: Spec,
  header: Spec[number] = [b('TDEI ref.'), b('Eff/SR/ Income'), undefined, ...YEARS.map(b)],
): ReturnType<typeof sheet> {
  return sheet(name, [[b('SAVINGS')], [], header, ...body]);
}

describe('variations in other departments’ tables', () => {
  it('reads a star marker in its own column and joined to the reference', async () => {
    const s = sheet('Sheet1', [
      [b('SAVINGS')],
      [undefined, b('TDEI ref.'), undefined, ...YEARS.map(b)],
      [undefined, undefined, bu('Transformation')],
      ['**', 'T13 Eff', 'Review of libraries', -100, -200, -300, -300],
      [undefined, '** T24 Eff', 'Review of finance', -50, -50, -50, -50],
      [undefined, '* D7 SR', 'Close depot', -10, -10, -10, -10],
      [undefined, 'D9 Income', 'Charge for parking', -5, -5, -5, -5],
      [undefined, b('Total'), undefined, b(-165), b(-265), b(-365), b(-365)],
    ]);
    const result = await check([s]);
    const table = result.tables[0];
    expect(table.kind).toBe('savings');
    const lines = table.rows.filter((r) => r.type === 'line').map((r) => [r.marker, r.ref, r.classification, r.label]);
    expect(lines).toEqual([
      ['**', 'T13', 'Eff', 'Review of libraries'],
      ['**', 'T24', 'Eff', 'Review of finance'],
      ['*', 'D7', 'SR', 'Close depot'],
      ['', 'D9', 'Income', 'Charge for parking'],
    ]);
    expect(errors(result.findings)).toEqual([]);
  });

  it('reads reference and classification in one cell (D70 Eff/SR) and warns about an unknown classification', async () => {
    const s = savingsSheet('Savings', [
      [undefined, bu('Departmental')],
      ['D70 Eff/SR', undefined, 'Reshape the service', -40, -80, -80, -80],
      ['D71', 'Efficiency', 'Cut printing', -10, -10, -10, -10],
      [undefined, b('Total'), undefined, b(-50), b(-90), b(-90), b(-90)],
    ]);
    const result = await check([s]);
    const lines = result.tables[0].rows.filter((r) => r.type === 'line');
    expect(lines.map((r) => [r.ref, r.classification])).toEqual([
      ['D70', 'Eff/SR'],
      ['D71', 'Efficiency'],
    ]);
    expect(at(result.findings)).toEqual(['unknown-classification Savings!B6']);
    expect(result.findings[0].message).toContain('"Efficiency", which is not Eff, SR or Income');
  });

  it('treats a total row with no label as a total, and still checks it', async () => {
    const s = sheet('Growth', [
      [b('GROWTH')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      [undefined, bu('ADULTS ITEMS')],
      ['G1', 'More care packages', 100, 200, 300, 400],
      ['G2', 'Inflation', 50, 50, 50, 50],
      [undefined, undefined, b(150), b(250), b(350), b(455)],
    ]);
    const result = await check([s]);
    const total = result.tables[0].rows.find((r) => r.type === 'total')!;
    expect(total.parts).toHaveLength(2);
    expect(at(errors(result.findings))).toEqual(['total-mismatch Growth!F6']);
    expect(errors(result.findings)[0].message).toBe(
      'ADULTS ITEMS total for 2018/19 is 455 but its lines add up to 450 (a difference of 5)',
    );
  });

  it('copes with headings in different columns, blanks for zero, stray "Ref" text and a legend below', async () => {
    const s = sheet('Appendix B', [
      [b('MTFS 2015/16 - 2018/19')],
      [b('GROWTH')],
      [],
      [b('TDEI ref.'), undefined, ...YEARS.map(b)],
      ['Ref', bu('CHILDREN ITEMS')],
      [bu('Demand & cost increases')],
      ['G1', 'Looked after children', 500, undefined, 700, 700],
      ['** G2', 'Home to school transport', undefined, 100, undefined, 100],
      [undefined, b('Total'), b(500), b(100), b(700), b(800)],
      [],
      ['* items unchanged from previous Medium Term Financial Strategy'],
      ['Eff - Efficiency saving'],
    ]);
    const result = await check([s]);
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0].range).toBe('A4:F9');
    expect(result.tables[0].rows.filter((r) => r.type === 'heading').map((r) => r.label)).toEqual([
      'CHILDREN ITEMS',
      'Demand & cost increases',
    ]);
    expect(result.findings).toEqual([]);
  });

  it('warns when a total label names the wrong department, without calling it an error', async () => {
    const s = sheet('Revenue', [
      [b('CORPORATE RESOURCES DEPARTMENT')],
      [b('REVENUE BUDGET 2015/16')],
      [
        b('Budget 2014/15 £'),
        undefined,
        b('Employees £'),
        b('Running Expenses £'),
        b('External Income £'),
        b('Internal Income £'),
        b('Net Total £'),
      ],
      ['FINANCE'],
      [1000, 'Audit', 800, 300, -50, -50, 1000],
      [2000, 'Insurance', 1500, 600, -100, 0, 2000],
      [b(3000), b('TOTAL'), b(2300), b(900), b(-150), b(-50), b(3000)],
      [b(3000), b('TOTAL ADULTS AND COMMUNITIES'), b(2300), b(900), b(-150), b(-50), b(3000)],
    ]);
    const result = await check([s]);
    expect(at(result.findings)).toEqual(['label-mismatch Revenue!B8']);
    expect(result.findings[0].severity).toBe('warning');
    expect(result.findings[0].message).toContain('"TOTAL ADULTS AND COMMUNITIES"');
  });

  it('does not warn when a total in capitals names a measure, not a section', async () => {
    // Published papers print their totals in capitals ("NET SERVICE EXPENDITURE"): that says what the
    // line measures, in any department's table, so it cannot be a label copied from the wrong one.
    const s = sheet('Council Tax', [
      [b('WHERE YOUR COUNCIL TAX GOES')],
      [b('Service'), b('2023/24 £000')],
      [b('Education')],
      ['Schools', 400],
      ['Early years', 100],
      [b('Social Care')],
      ['Adults', 300],
      ['Children', 200],
      [b('NET SERVICE EXPENDITURE'), b(1000)],
      [b('Precepts and Levies')],
      ['Fire authority', 60],
      ['Police', 40],
      [b('NET REVENUE EXPENDITURE'), b(1100)],
    ]);
    const result = await check([s]);
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0].rows.filter((r) => r.type === 'total').map((r) => r.label)).toEqual([
      'NET SERVICE EXPENDITURE',
      'NET REVENUE EXPENDITURE',
    ]);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('reads a list of cost centres as a budget table, not as savings, whatever the sign of its total', async () => {
    // References alone (P1001) say nothing of growth or savings; read as savings because the total is
    // income, every service that costs money would be a "positive saving".
    const s = sheet('Place', [
      [b('PLACE DIRECTORATE REVENUE BUDGET')],
      [b('Cost centre'), b('Service'), b('2026/27 £000'), b('2027/28 £000')],
      ['P1001', 'Car parking', -1850, -1900],
      ['P1002', 'Markets', 120, 125],
      ['P1003', 'Trading standards', 300, 310],
      [undefined, b('Total'), b(-1430), b(-1465)],
    ]);
    const result = await check([s]);
    expect(result.tables.map((t) => t.kind)).toEqual(['budget-table']);
    expect(at(result.findings)).toEqual([]);
  });

  it('names the section a total closes from the lines it adds up, when the layout does not say', async () => {
    // A subjective analysis: bold underlined divisions, totals found from the figures.
    const s = sheet('Subjective analysis', [
      [b('COMMUNITIES DIRECTORATE')],
      [b('Service'), b('Employees £000'), b('Premises £000'), b('Net Expenditure £000')],
      [bu('Housing')],
      ['Homelessness', 812, 120, 932],
      ['Housing standards', 410, 0, 410],
      [b('Total Housing'), b(1222), b(120), b(1342)],
      [],
      [bu('Leisure and Culture')],
      ['Libraries', 1500, 411, 1911],
      ['Museums', 300, 151, 451],
      [b('Total Leisure and Culture'), b(1800), b(562), b(2362)],
      [],
      [b('TOTAL COMMUNITIES'), b(3022), b(682), b(3704)],
    ]);
    const result = await check([s]);
    expect(result.tables).toHaveLength(1);
    expect(at(result.findings)).toEqual([]);
  });

  it('checks a Change column as this year less last year on every row, in words a paper would use', async () => {
    const s = sheet('Movement', [
      [b('ADULT SOCIAL CARE')],
      [b('Service area'), b('2025/26 Budget £000'), b('2026/27 Budget £000'), b('Change £000'), b('Change %')],
      ['Residential care', 43100, 46320, 3220, 7.5],
      ['Home care', 23950, 25600, 1690, 6.9],
      ['Learning disabilities', 37420, 39980, 2560, 6.8],
      ['Mental health', 8460, 8710, 250, 3],
      ['Care management', 11800, 11950, 150, 1.3],
      ['Client contributions', -19100, -20050, -950, -5],
      [b('Total'), b(105630), b(112510), b(6880), b(6.5)],
    ]);
    const result = await check([s]);
    // Home care's change should be 1,650; the total change is right, so the column no longer adds up to it.
    expect(at(result.findings)).toEqual(['total-mismatch Movement!D4', 'total-mismatch Movement!D9']);
    expect(result.findings[0].message).toContain('2026/27 Budget less 2025/26 Budget come to 1,650');
  });

  it('warns when a sub total names another section', async () => {
    const s = sheet('Capital', [
      [b('CAPITAL PROGRAMME 2015/16 - 2018/19')],
      [b('Estimated Completion Date'), b('Gross Cost of Project £000'), undefined, ...YEARS.map(b), b('Total £000')],
      [undefined, undefined, bu('ICT')],
      [{ value: new Date(Date.UTC(2019, 2, 31)), format: 'mmm-yy' }, 100, 'Laptops', 25, 25, 25, 25, 100],
      [undefined, undefined, b('Sub total ICT'), b(25), b(25), b(25), b(25), b(100)],
      [undefined, undefined, bu('Property')],
      [undefined, 80, 'Roof repairs', 80, undefined, undefined, undefined, 80],
      [undefined, undefined, b('Sub total ICT'), b(80), b(0), b(0), b(0), b(80)],
      [undefined, undefined, b('Total Capital Programme'), b(105), b(25), b(25), b(25), b(180)],
    ]);
    const result = await check([s]);
    expect(at(result.findings)).toEqual(['label-mismatch Capital!C8']);
  });

  it('reads numbers held as text in every accepted form, with a warning naming the cell', async () => {
    const s = sheet('Growth', [
      [b('GROWTH')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      ['G1', 'Waste contract', '1,450', '£1,450', '(500)', '-'],
      ['G2', 'Energy', 50, 50, 550, 0],
      [undefined, b('Total'), b(1500), b(1500), b(50), b(0)],
    ]);
    const result = await check([s]);
    const g1 = result.tables[0].rows[0].figures.map((f) => f?.value?.toString());
    expect(g1).toEqual(['1450', '1450', '-500', '0']);
    // A lone dash is how papers print nothing: read as zero, with nothing to warn about.
    expect(at(result.findings)).toEqual(['text-number Growth!C3', 'text-number Growth!D3', 'text-number Growth!E3']);
  });

  it('refuses text with a scale such as £1.4m, and does not check totals that include it', async () => {
    const s = sheet('Growth', [
      [b('GROWTH')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      ['G1', 'Waste contract', '£1.4m', 10, 10, 10],
      ['G2', 'Energy', 50, 50, 50, 50],
      [undefined, b('Total'), b(1450), b(60), b(60), b(60)],
    ]);
    const result = await check([s]);
    expect(at(result.findings)).toEqual(['not-a-figure Growth!C3']);
    expect(result.findings[0].message).toBe(
      '2015/16 holds the text "£1.4m" where a figure is expected; the totals that include it are not checked',
    );
  });

  it('finds tables wherever they sit, on any sheet name, two to a sheet', async () => {
    const offset = (rows: Spec): Spec => [[], [], [], ...rows.map((r) => [undefined, undefined, ...r])];
    const s = sheet(
      'Sheet3',
      offset([
        [b('GROWTH')],
        [b('Ref'), undefined, ...YEARS.map(b)],
        ['G1', 'Care', 10, 20, 30, 40],
        [undefined, b('Total'), b(10), b(20), b(30), b(40)],
        [],
        [b('SAVINGS')],
        [b('Ref'), b('Eff/SR/Income'), undefined, ...YEARS.map(b)],
        ['T1', 'Eff', 'Restructure', -10, -20, -30, -40],
        [undefined, b('Total'), undefined, b(-10), b(-20), b(-30), b(-40)],
      ]),
    );
    const result = await check([s]);
    expect(result.tables.map((t) => [t.kind, t.range])).toEqual([
      ['growth', 'C5:H7'],
      ['savings', 'C10:I12'],
    ]);
    expect(result.findings).toEqual([]);
  });

  it('names an error value in a figure and skips the totals it would spoil', async () => {
    const s = sheet('Growth', [
      [b('GROWTH')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      ['G1', 'Care', { value: null, error: '#REF!', formula: 'Sheet9!B2' }, 20, 30, 40],
      ['G2', 'Waste', 5, 5, 5, 5],
      [undefined, b('Total'), b(15), b(25), b(35), b(49)],
    ]);
    const result = await check([s]);
    // The workbook has a formula (the #REF! line), so its typed totals get one word, for the table.
    expect(at(result.findings)).toEqual([
      'error-value Growth!C3',
      'hard-coded-total Growth!C5',
      'total-mismatch Growth!F5',
    ]);
    expect(result.findings[0].message).toBe(
      '2015/16 shows #REF! instead of a figure; the totals that include it are not checked',
    );
  });

  it('reads formulas by their calculated values, and says when a formula has none', async () => {
    const s = sheet('Growth', [
      [b('GROWTH')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      ['G1', 'Care', 10, 20, 30, 40],
      ['G2', 'Waste', 5, 5, 5, 5],
      [
        undefined,
        b('Total'),
        { value: 15, formula: 'SUM(C3:C4)', bold: true },
        { value: 25, formula: 'SUM(D3:D4)' },
        { value: null, formula: 'SUM(E3:E4)' },
        b(45),
      ],
    ]);
    const result = await check([s]);
    // F5 is typed among formulas: the formula audit says it will not follow its lines.
    expect(at(result.findings)).toEqual(['no-cached-value Growth!E5', 'hard-coded-total Growth!F5']);
  });

  it('counts hidden lines and says so', async () => {
    const s = sheet(
      'Growth',
      [
        [b('GROWTH')],
        [b('Ref'), undefined, ...YEARS.map(b)],
        ['G1', 'Care', 10, 20, 30, 40],
        ['G2', 'Hidden line', 5, 5, 5, 5],
        [undefined, b('Total'), b(15), b(25), b(35), b(45)],
      ],
      [3],
    );
    const result = await check([s]);
    expect(at(result.findings)).toEqual(['hidden-row Growth!B4']);
    expect(result.findings[0].message).toContain('still count');
  });

  it('says a collapsed group of hidden lines once, naming its first and last line', async () => {
    const s = sheet(
      'Growth',
      [
        [b('GROWTH')],
        [b('Ref'), undefined, ...YEARS.map(b)],
        ['G1', 'Care', 10, 20, 30, 40],
        ['G2', 'Transport', 5, 5, 5, 5],
        ['G3', 'Waste', 1, 1, 1, 1],
        ['G4', 'Energy', 2, 2, 2, 2],
        ['G5', 'Libraries', 3, 3, 3, 3],
        [undefined, b('Total'), b(21), b(31), b(41), b(51)],
      ],
      [3, 4, 5, 7],
    );
    const result = await check([s]);
    expect(at(result.findings)).toEqual(['hidden-row Growth!B4', 'hidden-row Growth!B8']);
    expect(result.findings[0].message).toBe(
      'rows 4 to 6 (3 lines, Transport to Energy) are hidden; their figures still count in the checks',
    );
  });

  it('flags a capital line whose programme total is above its gross cost, and a total that is not the sum of its years', async () => {
    const s = sheet('Capital', [
      [b('Estimated Completion Date'), b('Gross Cost of Project £000'), undefined, ...YEARS.map(b), b('Total £000')],
      [undefined, undefined, bu('ICT')],
      ['Mar-19', 100, 'Laptops', 40, 40, 40, undefined, 120],
      ['Mar-17', 500, 'Network', 100, 100, undefined, undefined, 250],
      [undefined, undefined, b('Total ICT'), b(140), b(140), b(40), b(0), b(370)],
    ]);
    const result = await check([s]);
    expect(at(errors(result.findings))).toEqual([
      'capital-over-gross Capital!H3',
      'total-mismatch Capital!H4',
      'total-mismatch Capital!H5',
    ]);
    expect(result.findings.find((f) => f.rule === 'capital-over-gross')!.message).toBe(
      'Laptops: the programme total 120 is more than the gross cost of the project 100',
    );
  });

  it('reports a wrong savings total in the words of the issue', async () => {
    const s = savingsSheet('Savings', [
      [undefined, bu('Transformation')],
      ['T1', 'Eff', 'Review A', -100, -235, -235, -235],
      [undefined, b('Total'), undefined, b(-100), b(-236), b(-235), b(-235)],
    ]);
    const result = await check([s]);
    expect(errors(result.findings).map((f) => `${f.sheet}!${f.cell}: ${f.message}`)).toEqual([
      'Savings!E6: Transformation total for 2016/17 is -236 but its lines add up to -235 (a difference of 1)',
    ]);
  });

  it('allows half a unit per line: a difference of 1 over two lines is a rounding difference', async () => {
    const s = savingsSheet('Savings', [
      [undefined, bu('Transformation')],
      ['T1', 'Eff', 'Review A', -100, -136, -136, -136],
      ['T2', 'Eff', 'Review B', -50, -99, -99, -99],
      [undefined, b('Total'), undefined, b(-150), b(-236), b(-235), b(-235)],
    ]);
    const result = await check([s]);
    expect(at(result.findings)).toEqual(['rounding-difference Savings!E7']);
    expect(result.findings[0].message).toBe(
      'Transformation total for 2016/17 is -236 but its lines add up to -235: a rounding difference of 1, within ±1 for 2 lines',
    );
  });

  it('makes a difference within rounding an error when the tolerance is 0', async () => {
    const s = sheet('Growth', [
      [b('GROWTH')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      ['G1', 'Care', 10, 20, 30, 40],
      ['G2', 'Waste', 5, 5, 5, 5],
      [undefined, b('Total'), b(16), b(25), b(35), b(45)],
    ]);
    expect(at((await check([s])).findings)).toEqual(['rounding-difference Growth!C5']);
    expect(at(errors((await check([s], { tolerance: 'zero' })).findings))).toEqual(['total-mismatch Growth!C5']);
  });

  it('treats italic sub-headings as labels with no total of their own', async () => {
    const s = sheet('Revenue', [
      [
        b('Budget 2014/15 £'),
        undefined,
        b('Employees £'),
        b('Running Expenses £'),
        b('External Income £'),
        b('Internal Income £'),
        b('Net Total £'),
      ],
      ['OPERATIONS'],
      [100, 'Catering', 80, 40, -10, -10, 100],
      [bi('Operational Property:')],
      [200, 'Estates', 150, 80, -20, -10, 200],
      [b(300), b('TOTAL'), b(230), b(120), b(-30), b(-20), b(300)],
    ]);
    const result = await check([s]);
    expect(result.tables[0].rows.find((r) => r.type === 'total')!.parts).toHaveLength(2);
    expect(result.findings).toEqual([]);
  });
});

describe('the budget summary against its appendices', () => {
  const summary = (growth: number[], savings: number[]): ReturnType<typeof sheet> => {
    const cells = (xs: number[]) => xs.map((x) => x as Cell['value']);
    return sheet('Summary', [
      [b('ADULTS DEPARTMENT')],
      [undefined, ...YEARS.map(b)],
      ['Updated original budget', 1000, 1060, 1110, 1140],
      ['Other changes', 0, 0, 0, 0],
      ['Budget Transfers and Adjustments', 0, 0, 0, 0],
      [b('Sub Total'), b(1000), b(1060), b(1110), b(1140)],
      ['Add proposed growth (Appendix B)', ...cells(growth)],
      ['Less proposed savings (Appendix B)', ...cells(savings)],
      ['Proposed/Provisional budget (Appendix A)', 1060, 1110, 1140, 1180],
    ]);
  };
  const growth = (title = 'GROWTH') =>
    sheet('Growth', [
      [b(title)],
      [b('Ref'), undefined, ...YEARS.map(b)],
      [undefined, bu('ADULTS ITEMS')],
      ['G1', 'Care', 100, 200, 300, 400],
      [undefined, b('Total'), b(100), b(200), b(300), b(400)],
      [undefined, bu('CORPORATE ITEMS')],
      ['G9', 'Corporate', -500, -500, -500, -500],
      [undefined, b('Total'), b(-500), b(-500), b(-500), b(-500)],
      [undefined, b('TOTAL'), b(-400), b(-300), b(-200), b(-100)],
    ]);
  const savings = () =>
    sheet('Savings', [
      [b('SAVINGS')],
      [b('Ref'), b('Eff/SR/Income'), undefined, ...YEARS.map(b)],
      ['T1', 'Eff', 'Review', -40, -90, -160, -220],
      [undefined, b('TOTAL'), undefined, b(-40), b(-90), b(-160), b(-220)],
    ]);

  it('agrees with cumulative appendices: growth and savings lines are year-on-year increments of the department’s own totals', async () => {
    const result = await check([summary([100, 100, 100, 100], [-40, -50, -70, -60]), growth(), savings()]);
    expect(result.department).toBe('ADULTS');
    expect(result.findings).toEqual([]);
    expect(result.tables.filter((t) => t.basis).map((t) => t.basis!.basis)).toEqual(['cumulative', 'cumulative']);
  });

  it('catches a growth line that does not match the appendix', async () => {
    const result = await check([summary([100, 110, 100, 90], [-40, -50, -70, -60]), growth(), savings()]);
    expect(at(errors(result.findings))).toEqual([
      'summary-mismatch Summary!C7',
      'summary-mismatch Summary!E7',
      'summary-mismatch Summary!C9',
      'summary-mismatch Summary!E9',
    ]);
    expect(errors(result.findings)[0].message).toBe(
      "Add proposed growth (Appendix B) for 2016/17 is 110 but the department's growth in Growth (cumulative) goes from 100 to 200, an increase of 100 (a difference of 10)",
    );
  });

  it('reads incremental appendices when the heading says so', async () => {
    const inc = (title: string, rows: Spec) => sheet(title === 'GROWTH' ? 'Growth' : 'Savings', rows);
    const g = inc('GROWTH', [
      [b('GROWTH (incremental)')],
      [b('Ref'), undefined, ...YEARS.map(b)],
      ['G1', 'Care', 100, 100, 100, 100],
      [undefined, b('TOTAL'), b(100), b(100), b(100), b(100)],
    ]);
    const s = inc('SAVINGS', [
      [b('SAVINGS (incremental)')],
      [b('Ref'), b('Eff/SR/Income'), undefined, ...YEARS.map(b)],
      ['T1', 'Eff', 'Review', -40, -50, -70, -60],
      [undefined, b('TOTAL'), undefined, b(-40), b(-50), b(-70), b(-60)],
    ]);
    const result = await check([summary([100, 100, 100, 100], [-40, -50, -70, -60]), g, s]);
    expect(result.tables.filter((t) => t.basis).map((t) => [t.basis!.basis, t.basis!.source])).toEqual([
      ['incremental', 'its headings'],
      ['incremental', 'its headings'],
    ]);
    expect(result.findings).toEqual([]);
  });

  it('uses the basis the user states, and then reports what disagrees', async () => {
    const result = await check([summary([100, 100, 100, 100], [-40, -50, -70, -60]), growth(), savings()], {
      basis: 'incremental',
    });
    expect(result.tables.filter((t) => t.basis).map((t) => t.basis!.source)).toEqual(['stated', 'stated']);
    expect(errors(result.findings).length).toBeGreaterThan(0);
    expect(errors(result.findings).every((f) => f.rule === 'summary-mismatch')).toBe(true);
  });

  it('reads savings printed as positive figures on a "Less" line as taken away', async () => {
    const positive = summary([100, 100, 100, 100], [40, 50, 70, 60]);
    const result = await check([positive, growth(), savings()]);
    expect(result.findings).toEqual([]);
    // Read with the sign they are printed with, the same figures would not add up: the sign is what makes them agree.
    const added = summary([100, 100, 100, 100], [40, 50, 70, 60]);
    added.rows[7][0] = { value: 'Proposed savings (Appendix B)' };
    added.rows[7][1] = { value: -40 };
    const wrong = await check([added, growth(), savings()]);
    expect(errors(wrong.findings).map((f) => f.cell)).toContain('C9');
  });

  it('catches a positive savings figure that does not match the appendix', async () => {
    const result = await check([summary([100, 100, 100, 100], [40, 60, 70, 60]), growth(), savings()]);
    expect(at(errors(result.findings))).toEqual(['summary-mismatch Summary!C8', 'summary-mismatch Summary!C9']);
  });

  it('checks the proposed budget chain from year to year', async () => {
    const s = summary([100, 100, 100, 100], [-40, -50, -70, -60]);
    s.rows[2][2] = { value: 1070, format: '#,##0' };
    s.rows[5][2] = { value: 1070, format: '#,##0' };
    const result = await check([s, growth(), savings()]);
    expect(errors(result.findings).map((f) => f.cell)).toEqual(['C3', 'C9']);
    expect(errors(result.findings)[0].message).toContain('each year starts from the year before');
  });
});
