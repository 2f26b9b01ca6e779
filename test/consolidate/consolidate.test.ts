import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { Decimal } from '../../src/engine/money';
import { mtfs } from '../support/cli';
import { departmentSheets } from '../support/department';
import { CORPORATE_RESOURCES } from '../support/paths';
import { sheetValues, snapshot } from '../support/snapshot';
import { readGrids, tempDir, writeGrids } from '../support/workbooks';

const dir = tempDir('mtfs-council-');
type Rows = (string | number | null)[][];

/** The rows under a heading, up to the next blank row. */
function block(rows: Rows, heading: string, from = 0): Rows {
  const start = rows.findIndex((r, i) => i >= from && r?.[0] === heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const out: Rows = [];
  for (let i = start; i < rows.length && rows[i]?.some((v) => v !== null && v !== undefined); i++) out.push(rows[i]);
  return out;
}

/** The figures of the row labelled `label` after the row labelled `after`. */
function figures(rows: Rows, after: string, label: string): Decimal[] {
  const start = rows.findIndex((r) => r?.[0] === after);
  const row = rows.find((r, i) => i > start && r?.[0] === label)!;
  return row
    .slice(1)
    .filter((v) => v !== null && v !== undefined)
    .map((v) => new Decimal(String(v)));
}

const add = (a: Decimal[], b: Decimal[]) => a.map((x, i) => x.plus(b[i]));
const plain = (xs: Decimal[]) => xs.map((x) => x.toFixed());

describe('consolidating departments into a council-wide summary', () => {
  const adults = join(dir, 'adults.xlsx');
  const council = join(dir, 'council.xlsx');
  let crSummary: Rows;
  let adultsSummary: Rows;
  let councilRows: Rows;
  beforeAll(async () => {
    await writeGrids(departmentSheets('Adults and Communities', 3), adults);
    for (const [input, out] of [
      [CORPORATE_RESOURCES, join(dir, 'cr-report.xlsx')],
      [adults, join(dir, 'adults-report.xlsx')],
    ])
      expect(mtfs('report', input, '-o', out).code).toBe(0);
    crSummary = await sheetValues(join(dir, 'cr-report.xlsx'), 'MTFS Summary');
    adultsSummary = await sheetValues(join(dir, 'adults-report.xlsx'), 'MTFS Summary');
    const r = mtfs('report', CORPORATE_RESOURCES, adults, '-o', council);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    councilRows = await sheetValues(council, 'Council Summary');
  });

  it("gives council budget lines equal to the exact sum of the departments' own budget summaries", () => {
    for (const line of [
      'Updated original budget',
      'Other changes',
      'Budget Transfers and Adjustments',
      'Sub Total',
      'Add proposed growth (Appendix B)',
      'Less proposed savings (Appendix B)',
      'Proposed/Provisional budget (Appendix A)',
    ]) {
      const expected = add(
        figures(crSummary, 'CORPORATE RESOURCES DEPARTMENT', line),
        figures(adultsSummary, 'ADULTS AND COMMUNITIES DEPARTMENT', line),
      );
      expect(plain(figures(councilRows, 'COUNCIL TOTAL', line)), line).toEqual(plain(expected));
    }
    expect(plain(figures(councilRows, 'COUNCIL TOTAL', 'Proposed/Provisional budget (Appendix A)'))).toEqual([
      '43824',
      '41559',
      '39424',
      '35389',
    ]);
  });

  it('adds up the net budget, growth, savings and capital programme the same way', () => {
    const net = (rows: Rows) =>
      ['Employees', 'Running Costs', 'Gross Costs', 'Income', 'Net Budget'].map(
        (l) => figures(rows, 'NET BUDGET 2015/16', l)[0],
      );
    expect(plain(figures(councilRows, 'NET BUDGET BY DEPARTMENT, £000', 'Council total'))).toEqual(
      plain(add(net(crSummary), net(adultsSummary))),
    );
    const growthTotal = (rows: Rows) => figures(rows, 'GROWTH SUMMARY, £000, cumulative by year', 'Total growth');
    expect(
      plain(
        figures(
          councilRows,
          "GROWTH BY DEPARTMENT, £000, cumulative (each department's own items)",
          'CORPORATE RESOURCES',
        ),
      ),
    ).toEqual(['340', '360', '390', '420']);
    expect(growthTotal(crSummary).map((x) => x.toFixed())).toEqual(['-160', '-140', '-110', '-80']);
    const savings = (rows: Rows) => figures(rows, 'SAVINGS SUMMARY, £000, cumulative by year', 'Total savings');
    expect(
      plain(
        figures(
          councilRows,
          "SAVINGS BY DEPARTMENT, £000, cumulative (each department's own items)",
          'Council total savings',
        ),
      ),
    ).toEqual(plain(add(savings(crSummary), savings(adultsSummary))));
    const capital = (rows: Rows, heading: string) => figures(rows, heading, 'Total');
    const crCapital = add(
      capital(crSummary, 'CAPITAL PROGRAMME SUMMARY: CORPORATE RESOURCES DEPARTMENT'),
      capital(crSummary, 'CAPITAL PROGRAMME SUMMARY: CORPORATE PROGRAMME'),
    );
    const adultsCapital = capital(adultsSummary, 'CAPITAL PROGRAMME SUMMARY: ADULTS AND COMMUNITIES DEPARTMENT');
    expect(plain(figures(councilRows, 'CAPITAL PROGRAMME BY DEPARTMENT, £000', 'Council total'))).toEqual(
      plain(add(crCapital, adultsCapital)),
    );
  });

  it("keeps each department's own summaries and every finding, with the workbook it is in", async () => {
    const summary = await sheetValues(council, 'MTFS Summary');
    expect(block(summary, 'CORPORATE RESOURCES DEPARTMENT').at(-1)).toEqual([
      'Proposed/Provisional budget (Appendix A)',
      33924,
      31719,
      29689,
      25774,
    ]);
    expect(block(summary, 'ADULTS AND COMMUNITIES DEPARTMENT')).toHaveLength(10);
    const findings = await sheetValues(council, 'MTFS Findings');
    expect(findings[3]).toEqual(['Severity', 'Rule', 'Message', 'Cell', 'Workbook']);
    expect(findings.slice(4).every((r) => r[4] === 'corporate-resources-2015.xlsx')).toBe(true);
  });

  it('leaves the input workbooks as they were, and refuses options that belong to one department', async () => {
    const before = await snapshot(adults);
    mtfs('report', CORPORATE_RESOURCES, adults, '-o', join(dir, 'again.xlsx'));
    expect(await snapshot(adults)).toEqual(before);
    const r = mtfs('report', CORPORATE_RESOURCES, adults, '-o', join(dir, 'x.xlsx'), '--original-budget', '100');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apply to one department');
    expect(mtfs('report', CORPORATE_RESOURCES, adults, '-o', adults).code).toBe(2);
  });

  it('says when the same department comes from two workbooks, since the council total then counts it twice', async () => {
    const draft = join(dir, 'cr-draft.xlsx');
    await writeGrids(await readGrids(CORPORATE_RESOURCES), draft);
    const out = join(dir, 'twice.xlsx');
    const r = mtfs('report', CORPORATE_RESOURCES, draft, adults, '-o', out);
    expect(r.code).toBe(0);
    const words =
      'CORPORATE RESOURCES appears 2 times (corporate-resources-2015.xlsx, cr-draft.xlsx) and each is added into the council totals; if they are versions of the same department, leave out all but one.';
    expect(r.stdout).toContain(`  ${words}`);
    const rows = await sheetValues(out, 'Council Summary');
    expect(rows.slice(0, 4).map((row) => row?.[0])).toContain(words);
    expect(rows.flat().filter((v) => typeof v === 'string' && v.includes('appears'))).toHaveLength(1);
  });
});

describe('several departments in one workbook', () => {
  it('checks each department against its own appendices and writes a council summary', async () => {
    const both = [...(await readGrids(CORPORATE_RESOURCES)), ...departmentSheets('Adults and Communities', 3, 'ASC ')];
    const check = checkWorkbook(both);
    expect(check.departments.map((d) => [d.name, d.tables.length])).toEqual([
      ['CORPORATE RESOURCES', 7],
      ['ADULTS AND COMMUNITIES', 6],
    ]);
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const input = join(dir, 'two-departments.xlsx');
    const out = join(dir, 'two-departments-report.xlsx');
    await writeGrids(both, input);
    const r = mtfs('report', input, '-o', out);
    expect(r.code).toBe(0);
    const council = await sheetValues(out, 'Council Summary');
    expect(plain(figures(council, 'COUNCIL TOTAL', 'Proposed/Provisional budget (Appendix A)'))).toEqual([
      '43824',
      '41559',
      '39424',
      '35389',
    ]);
  });

  it('catches a department whose budget summary disagrees with its own growth appendix, naming that department’s sheet', async () => {
    const adults = departmentSheets('Adults and Communities', 3, 'ASC ');
    adults[0].rows[8][2] = { value: 40, format: '#,##0;-#,##0' };
    const check = checkWorkbook([...(await readGrids(CORPORATE_RESOURCES)), ...adults]);
    const errors = check.findings.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`);
    expect(errors).toContain('ASC Budget Summary!C9');
    expect(errors.every((e) => e.startsWith('ASC '))).toBe(true);
  });
});
