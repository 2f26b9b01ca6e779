import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mtfs } from '../support/cli';
import { CORPORATE_RESOURCES, EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { sheetXmlOf } from '../support/package';
import { sheetValues, snapshot } from '../support/snapshot';
import { tempDir } from '../support/workbooks';

const dir = tempDir('mtfs-report-');

/** The rows of a block that starts with `heading`, up to the blank row after it. */
function block(rows: (string | number | null)[][], heading: string): (string | number | null)[][] {
  const start = rows.findIndex((r) => r?.[0] === heading);
  expect(start, `block "${heading}"`).toBeGreaterThanOrEqual(0);
  const out: (string | number | null)[][] = [];
  for (let i = start; i < rows.length && rows[i]?.some((v) => v !== null && v !== undefined); i++)
    out.push(rows[i].map((v) => (v === undefined ? null : v)));
  return out;
}

/** A copy of the fixture with a "Summary line" column that groups detail lines as the published capital summary does. */
async function withSummaryLines(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CORPORATE_RESOURCES);
  const ws = wb.getWorksheet('Capital Programme')!;
  const lines: Record<number, string> = {
    4: 'Summary line',
    6: 'ICT Services',
    7: 'ICT Services',
    8: 'ICT Services',
    11: 'Industrial Properties & County Farms',
    12: 'Industrial Properties & County Farms',
    13: 'Melton KE VII - Replacement Playing Fields',
    19: 'Summary line',
    21: 'Corporate Asset Investment Fund',
    22: 'Energy Strategy',
    23: 'County Hall Master Plan',
    24: 'County Hall Master Plan',
  };
  for (const [row, value] of Object.entries(lines)) ws.getCell(`I${row}`).value = value;
  await wb.xlsx.writeFile(file);
}

describe('mtfs report on the published Corporate Resources paper', () => {
  const out = join(dir, 'report.xlsx');
  let summary: (string | number | null)[][];
  beforeAll(async () => {
    const r = mtfs('report', CORPORATE_RESOURCES, '-o', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    summary = await sheetValues(out, 'MTFS Summary');
  });

  it('reproduces the published department budget summary to the £000', () => {
    expect(block(summary, 'CORPORATE RESOURCES DEPARTMENT').slice(2)).toEqual([
      [null, '2015/16 £000', '2016/17 £000', '2017/18 £000', '2018/19 £000'],
      ['Updated original budget', 32859, 33924, 31719, 29689],
      ['Other changes', 0, 0, 0, 0],
      ['Budget Transfers and Adjustments', 3010, 0, 0, 0],
      ['Sub Total', 35869, 33924, 31719, 29689],
      ['Add proposed growth (Appendix B)', 340, 20, 30, 30],
      ['Less proposed savings (Appendix B)', -2285, -2225, -2060, -3945],
      ['Proposed/Provisional budget (Appendix A)', 33924, 31719, 29689, 25774],
    ]);
  });

  it('reproduces the published net budget, Gross Costs 74,500 included', () => {
    expect(block(summary, 'NET BUDGET 2015/16')).toEqual([
      ['NET BUDGET 2015/16'],
      [null, '£000'],
      ['Employees', 41879],
      ['Running Costs', 32621],
      ['Gross Costs', 74500],
      ['Income', -40576],
      ['Net Budget', 33924],
    ]);
  });

  it('summarises each capital block one line per category, or per project where it has no categories', () => {
    expect(block(summary, 'CAPITAL PROGRAMME SUMMARY: CORPORATE RESOURCES DEPARTMENT').slice(2)).toEqual([
      ['ICT', 1450, 500, 600, 950, 3500],
      ['Strategic Property', 800, 400, 400, 400, 2000],
      ['Total', 2250, 900, 1000, 1350, 5500],
    ]);
    expect(block(summary, 'CAPITAL PROGRAMME SUMMARY: CORPORATE PROGRAMME').map((r) => r[0])).toHaveLength(7);
  });

  it('summarises growth and savings by section and classification, and counts new, amended and unchanged items', () => {
    expect(block(summary, 'SAVINGS SUMMARY, £000, cumulative by year').slice(2)).toEqual([
      ['Transformation', -1855, -3920, -5350, -7165],
      ['Departmental', -430, -590, -940, -1655],
      ['Emerging', 0, 0, -280, -1695],
      ['Total savings', -2285, -4510, -6570, -10515],
    ]);
    const classes = summary.findIndex((r) => r?.[0] === 'By classification');
    expect(summary.slice(classes + 1, classes + 5)).toEqual([
      ['Eff', -2225, -4355, -6345, -10290],
      ['SR', -60, -155, -225, -225],
      ['Income', 0, 0, 0, 0],
      ['Total savings', -2285, -4510, -6570, -10515],
    ]);
    expect(block(summary, 'ITEMS SINCE THE PREVIOUS MTFS').slice(1)).toEqual([
      [null, 'New', 'Amended (**)', 'Unchanged (*)', 'Total'],
      ['Growth', 2, 1, 1, 4],
      ['Savings', 3, 12, 0, 15],
    ]);
  });

  it('lists every finding with a link to its cell', async () => {
    const findings = await sheetValues(out, 'MTFS Findings');
    expect(findings[1][0]).toBe('7 tables, 0 errors, 10 warnings, 9 rounding differences');
    expect(findings[3]).toEqual(['Severity', 'Rule', 'Message', 'Cell']);
    expect(findings.slice(4)).toHaveLength(19);
    // A link inside the workbook is written as Excel writes one: a location, with no relationship behind it.
    const xml = sheetXmlOf(readFileSync(out), 'MTFS Findings');
    expect(xml).toContain(`<hyperlink ref="D5" location="'Budget Summary'!B18" display="Budget Summary!B18"/>`);
    expect(xml).toMatch(
      /<c r="D5" s="\d+" t="inlineStr"><is><t xml:space="preserve">Budget Summary!B18<\/t><\/is><\/c>/,
    );
  });

  it('leaves every input cell exactly as it was', async () => {
    const before = await snapshot(CORPORATE_RESOURCES);
    const after = await snapshot(out, (name) => before.has(name));
    expect(after).toEqual(before);
  });

  it('gives the same output when run again on its own output', async () => {
    const again = join(dir, 'again.xlsx');
    const r = mtfs('report', out, '-o', again);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("replacing the add-in's earlier MTFS Summary, MTFS Findings");
    expect(await snapshot(again)).toEqual(await snapshot(out));
  });
});

describe('capital summary lines chosen by the user', () => {
  it('reproduces the published capital summaries with a Summary line column', async () => {
    const input = join(dir, 'summary-lines.xlsx');
    const out = join(dir, 'summary-lines-report.xlsx');
    await withSummaryLines(input);
    expect(mtfs('report', input, '-o', out).code).toBe(0);
    const rows = await sheetValues(out, 'MTFS Summary');
    expect(block(rows, 'CAPITAL PROGRAMME SUMMARY: CORPORATE RESOURCES DEPARTMENT').slice(1)).toEqual([
      ['Project', '2015/16 £000', '2016/17 £000', '2017/18 £000', '2018/19 £000', 'Total £000'],
      ['ICT Services', 1450, 500, 600, 950, 3500],
      ['Industrial Properties & County Farms', 400, 400, 400, 400, 1600],
      ['Melton KE VII - Replacement Playing Fields', 400, 0, 0, 0, 400],
      ['Total', 2250, 900, 1000, 1350, 5500],
    ]);
    expect(block(rows, 'CAPITAL PROGRAMME SUMMARY: CORPORATE PROGRAMME').slice(2)).toEqual([
      ['Corporate Asset Investment Fund', 1500, 5000, 5000, 3500, 15000],
      ['Energy Strategy', 900, 1320, 0, 0, 2220],
      ['County Hall Master Plan', 1500, 1760, 500, 500, 4260],
      ['Total', 3900, 8080, 5500, 4000, 21480],
    ]);
  });
});

describe('what the report never does', () => {
  it('never overwrites a user sheet called MTFS Summary, and writes nothing', async () => {
    const input = join(dir, 'user-summary.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CORPORATE_RESOURCES);
    wb.addWorksheet('MTFS Summary').getCell('A1').value = 'my own notes';
    await wb.xlsx.writeFile(input);
    const out = join(dir, 'user-summary-report.xlsx');
    const r = mtfs('report', input, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'A sheet called "MTFS Summary" already exists and was not written by the add-in, so it will not be overwritten',
    );
    const again = mtfs('report', input, '-o', input, '--in-place');
    expect(again.code).toBe(2);
    expect((await snapshot(input)).get('MTFS Summary')!.get('A1')).toContain('my own notes');
  });

  it('refuses to write over its input unless told --in-place', () => {
    const r = mtfs('report', CORPORATE_RESOURCES, '-o', CORPORATE_RESOURCES);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would overwrite the input');
  });

  it('writes text from the workbook as text, never as a formula', async () => {
    const input = join(dir, 'injection.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CORPORATE_RESOURCES);
    const ws = wb.getWorksheet('Capital Programme')!;
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn'];
    ws.getCell('C6').value = hostile[0];
    ws.getCell('C21').value = hostile[1];
    ws.getCell('C22').value = hostile[2];
    ws.getCell('C23').value = hostile[3];
    ws.getCell('C24').value = hostile[4];
    ws.getCell('C13').value = hostile[5];
    ws.getCell('C14').value = 'Sub total =Strategic Property';
    await wb.xlsx.writeFile(input);
    const out = join(dir, 'injection-report.xlsx');
    expect(mtfs('report', input, '-o', out).code).toBeLessThan(2);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const texts: string[] = [];
    for (const name of ['MTFS Summary', 'MTFS Findings']) {
      written.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.type, `${name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof c.value === 'string') texts.push(c.value);
        }),
      );
    }
    for (const h of hostile.slice(1, 4)) expect(texts).toContain(h);
    expect(texts).toContain('Tabbed');
  });
});

describe('year 1 inputs', () => {
  it('takes year 1 from the options when the workbook has no budget summary, and says what is missing otherwise', async () => {
    const input = join(dir, 'no-summary.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CORPORATE_RESOURCES);
    wb.removeWorksheet(wb.getWorksheet('Budget Summary')!.id);
    await wb.xlsx.writeFile(input);
    const without = mtfs('report', input, '-o', join(dir, 'no-summary-1.xlsx'));
    expect(without.code).toBe(0);
    expect(without.stdout).toContain("Budget summary not written: year 1's updated original budget is needed");
    const out = join(dir, 'no-summary-2.xlsx');
    const withInputs = mtfs(
      'report',
      input,
      '-o',
      out,
      '--original-budget',
      '32,859',
      '--other-changes',
      '0',
      '--transfers',
      '3010',
    );
    expect(withInputs.code).toBe(0);
    expect(withInputs.stdout).toContain('year 1 inputs from entered by the user');
    const rows = await sheetValues(out, 'MTFS Summary');
    expect(block(rows, 'CORPORATE RESOURCES DEPARTMENT').at(-1)).toEqual([
      'Proposed/Provisional budget (Appendix A)',
      33924,
      31719,
      29689,
      25774,
    ]);
  });

  it('rejects a figure that is not one', () => {
    const r = mtfs('report', CORPORATE_RESOURCES, '-o', join(dir, 'x.xlsx'), '--original-budget', '£1.4m');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give a figure in £000');
  });
});

describe('the report with commercial proposals', () => {
  const input = EXAMPLE_WITH_PROPOSALS;
  const out = join(dir, 'with-proposals.xlsx');
  beforeAll(() => {
    const r = mtfs('report', input, '-o', out, '--envelope', '1000');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('ranks the proposals with reward, risk, band and gates in words, and shows the envelope choice', async () => {
    const rows = await sheetValues(out, 'Proposal Scores');
    expect(block(rows, 'PROPOSAL SCORES (Commercial Projects)').slice(2)).toEqual([
      ['Rank', 'Ref', 'Project', 'Reward score', 'Risk rating', 'Risk', 'Band', 'Gates'],
      [1, 'C2', 'Energy-efficient street lighting (invest to save)', 81, 4, 'Low', 'Priority 1', 'None'],
      [2, 'C1', 'Trade waste collection for local businesses', 75, 9, 'Medium', 'Priority 1', 'None'],
      [3, 'C4', 'Charge for pre-planning advice', 71, 2, 'Low', 'Priority 1', 'None'],
      [
        4,
        'C5',
        'Stop the mobile library to rent the depot',
        59,
        12,
        'Medium',
        'Not supported',
        'Public service at risk',
      ],
      [
        5,
        'C3',
        'Buy a business park in a neighbouring region',
        54,
        16,
        'High',
        'Not supported',
        'Outside the area; Risk not proportionate to reward',
      ],
    ]);
    expect(block(rows, 'INVESTMENT ENVELOPE, £000').slice(3)).toEqual([
      [1, 'C2', 'Energy-efficient street lighting (invest to save)', 900, 81, 400],
      [3, 'C4', 'Charge for pre-planning advice', 10, 71, 80],
      ['Total chosen', null, null, 910, 152, 480],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Proposal Scores')!.getCell('D5').numFmt).toBe('0.0');
  });

  it('creates the Scoring Model sheet once, then keeps it as the user’s own', async () => {
    expect((await snapshot(out)).has('Scoring Model')).toBe(true);
    const again = join(dir, 'with-proposals-again.xlsx');
    const r = mtfs('report', out, '-o', again, '--envelope', '1000');
    expect(r.stdout).toContain('sheets added: MTFS Summary, Proposal Scores, MTFS Findings (replacing');
    expect(await snapshot(again)).toEqual(await snapshot(out));
  });
});

describe('the budget bridge', () => {
  it('gives Excel a waterfall of Sub Total and each change, and exact stacked bars for hosts without one', async () => {
    const { checkWorkbook } = await import('../../src/engine/check');
    const { buildReport } = await import('../../src/engine/report');
    const { readGrids } = await import('../support/workbooks');
    const report = buildReport(checkWorkbook(await readGrids(CORPORATE_RESOURCES)));
    const sheet = report.sheets[0].sheet;
    expect(sheet.charts).toEqual([
      {
        title: 'Budget bridge, £000',
        kind: 'waterfall',
        range: 'A61:B69',
        anchor: 'A72',
        to: 'H94',
        axes: { value: '£000' },
        stackedFallback: { range: 'E61:H70', categories: 'A61:A70' },
      },
    ]);
    const value = (c: unknown) => (c && typeof c === 'object' && 'value' in c ? Number(c.value) : null);
    const bars = sheet.rows.slice(60, 70).map((r) => [r[0]?.value, ...r.slice(4, 8).map(value)]);
    expect(bars[0]).toEqual(['Sub Total 2015/16', 0, 35869, 0, 0]);
    expect(bars[1]).toEqual(['Growth 2015/16', 35869, 0, 340, 0]);
    expect(bars[2]).toEqual(['Savings 2015/16', 33924, 0, 0, 2285]);
    expect(bars[9]).toEqual(['Proposed budget 2018/19', 0, 25774, 0, 0]);
    expect(sheet.rows[59].slice(4, 8).map((c) => c?.value)).toEqual([
      'Chart: base',
      'Chart: level',
      'Chart: increase',
      'Chart: decrease',
    ]);
  });
});
