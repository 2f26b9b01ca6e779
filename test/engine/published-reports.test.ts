/**
 * Budget tables from councils' committee reports (test/fixtures/published/reports.ts: transcribed as
 * published, sources in the README beside it), none of them in the councils corpus. Each is written to a
 * real .xlsx, read back and checked: every table found, an error only where the report's figures are
 * wrong (none of the figures are), only the warnings the report calls for (one: a savings statement's saving
 * given back), and nothing but rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedReports } from '../fixtures/published/reports';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedReports().find((t) => t.name === name)!;

/** "Sheet!row label ← rows" for every total. */
function totals(result: CheckResult): string[] {
  return result.tables.flatMap((t) =>
    t.rows
      .filter((r) => r.type === 'total')
      .map((r) => `${t.sheet}!${r.row + 1} ${r.label} ← ${r.parts!.map((p) => t.rows[p].row + 1).join(',')}`),
  );
}

describe('budget tables from councils’ committee reports', () => {
  it.each(publishedReports().map((t) => [t.name, t] as const))(
    '%s: the findings the report calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('reads a prudential indicators summary with a unit column, n/a and Nil as one table, and its last line (n/a and Nil only) as no heading', async () => {
    const result = await check(byName('hampshire-prudential-indicators'));
    expect(result.tables.map((t) => t.range)).toEqual(['A2:G36']);
    expect(totals(result)).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('checks the totals each section of a monitoring appendix ends in, and leaves its per cent columns out of them', async () => {
    const result = await check(byName('isle-of-wight-revenue-detail-2003'));
    expect(totals(result)).toEqual(['Revenue detail!15 Total ← 8,9,10,11,12,13,14', 'Revenue detail!20 Total ← 18,19']);
    const table = result.tables[0];
    expect(table.columns.filter((_, i) => table.additive?.[i] === false).map((c) => c.col)).toEqual([3, 6]);
  });

  it('still finds a section total of the monitoring appendix that leaves out a line', async () => {
    const table = byName('isle-of-wight-revenue-detail-2003');
    const sheet = table.sheets[0];
    // The first section's net budget total printed without Civic Duties (£33,185): a real error.
    const rows = sheet.rows.map((row, r) =>
      r === 14 ? row.map((cell, c) => (c === 7 ? { ...cell!, value: 1258558 - 33185 } : cell)) : row,
    );
    const errors = (await check({ ...table, sheets: [{ ...sheet, rows }] })).findings
      .filter((f) => f.severity === 'error')
      .map((f) => f.cell);
    expect([...new Set(errors)]).toEqual(['H15']);
  });

  it('reads an unlabelled total under each capital list as a question, and a label run over two lines as one line', async () => {
    const result = await check(byName('isle-of-wight-capital-2005'));
    expect(totals(result)).toEqual([
      'Capital programme!11  ← 5,6,7,8,9,10',
      'Capital programme!21  ← 14,16,17,18,19,20',
    ]);
  });

  it('reads a capital outturn’s subtotal, the total of it and a line below, and each variation as actual less programme', async () => {
    const result = await check(byName('capital-outturn-annexes'));
    expect(totals(result)).toEqual([
      'Annex 1a!13 Total Strategy Programmes Expenditure ← 6,7,8,9,10,11,12',
      'Annex 1a!15 Total Capital Programme Expenditure ← 13,14',
      'Annex 1b!14 Total Capital Programme Financing ← 5,6,7,8,9,10,11,12,13',
    ]);
    expect(result.tables.map((t) => t.rowRules?.length)).toEqual([2, 2]);
  });

  it('reads a savings statement’s Sub-Total as the lines since the blank row above it, across the heading between them', async () => {
    const result = await check(byName('lancaster-savings-position'));
    expect(totals(result)).toEqual([
      // The approved savings, first of the table: a total with nothing above it to add up.
      'Savings position!6 TOTAL APPROVED SAVINGS (Budget Council 04 March 2009) ← ',
      'Savings position!11 Sub-Total ← 8,10',
      'Savings position!29 Sub-Total ← 15,17,18,20,22,23,24,26,28',
    ]);
  });

  it('still finds the savings statement’s first Sub-Total printed wrong', async () => {
    const table = byName('lancaster-savings-position');
    const sheet = table.sheets[0];
    // The 2010/11 Sub-Total printed as if the base budget's savings were 10.0 more: a real error.
    const rows = sheet.rows.map((row, r) =>
      r === 10 ? row.map((cell, c) => (c === 2 ? { ...cell!, value: -599.4 } : cell)) : row,
    );
    const errors = (await check({ ...table, sheets: [{ ...sheet, rows }] })).findings
      .filter((f) => f.severity === 'error')
      .map((f) => f.cell);
    expect([...new Set(errors)]).toEqual(['C11']);
  });

  it('reads an outturn’s column numbers typed as text as its heading, and its over- and underspend columns as one variance split in two', async () => {
    const result = await check(byName('bath-revenue-outturn'));
    expect(result.tables.map((t) => t.range)).toEqual(['A3:F17', 'A3:F16']);
    expect(totals(result)).toEqual([
      'Revenue outturn!14 Total - Transportation and Highways ← 6,7,8,9,10,13',
      'Revenue outturn!17 Total - Life Long Learning ← 15',
      'Revenue outturn 2004-05!13 Total - Transportation and Highways ← 6,7,8,9,10,11,12',
      'Revenue outturn 2004-05!16 Total - Life Long Learning ← 14',
    ]);
    // Overspend = forecast − budget + underspend, and the other way round: blank on a line, both summed on a total.
    // In 2004/05 the overspend has two lines only, too few for a rule of its own: it is found as the underspend's pair.
    const rules = (i: number) =>
      result.tables[i].rowRules!.map(
        (r) => `${r.total} = ${r.parts.map((p) => `${p.sign * (p.column + 1)}`).join(' ')}`,
      );
    expect(rules(0).sort()).toEqual(['2 = 1 -2 4', '3 = -1 2 3']);
    expect(rules(1).sort()).toEqual(['2 = 1 -2 4', '3 = -1 2 3']);
    // 2004/05's figures, each rounded to £'000 on its own: 6,035 − 5,980 printed 56, 2,836 − 2,814 printed 21, and
    // the budget's total 4,353 for 4,355.
    expect(result.findings.map((f) => `${f.rule} at ${f.sheet}!${f.cell}`)).toEqual([
      'rounding-difference at Revenue outturn 2004-05!D7',
      'rounding-difference at Revenue outturn 2004-05!E8',
      'rounding-difference at Revenue outturn 2004-05!C13',
    ]);
  });

  it('still finds an outturn’s underspend total that does not add up, or a line’s overspend that is not its forecast less budget', async () => {
    const table = byName('bath-revenue-outturn');
    const sheet = table.sheets[0];
    const changed = async (r: number, c: number, value: number) => {
      const rows = sheet.rows.map((row, i) =>
        i === r ? row.map((cell, j) => (j === c ? { ...cell!, value } : cell)) : row,
      );
      const errors = (await check({ ...table, sheets: [{ ...sheet, rows }] })).findings.filter(
        (f) => f.severity === 'error',
      );
      return [...new Set(errors.map((f) => f.cell))].sort();
    };
    // The total's underspend printed 156 for 146: its column total says so at E14, and the split variance, which
    // reads the overspend with it, at D14 too.
    expect(await changed(13, 4, 156)).toEqual(['D14', 'E14']);
    // Car Parking's overspend printed 194 for 184: off its forecast less budget, and its total then off it.
    expect(await changed(8, 3, 194)).toContain('D9');
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedReports());
    expect(tried).toBeGreaterThan(300);
    // The Isle of Wight's SCE allocation ends in one figure with no label and no bold (as Durley's earmarked funds
    // do on the pages): as often a note's figure as a total, so changed it is read as a line and nothing is said. The
    // bids below, whose unlabelled total stands in three columns, are caught.
    expect(missed.filter((m) => !/^isle-of-wight-capital-2005 Capital programme!B([5-9]|1[01])$/.test(m))).toEqual([]);
  });

  // Known limits: a line worked out from others and not labelled a total is not checked (the Lancaster statement's
  // "SAVINGS STILL TO BE ACHIEVED", the approved savings less the Sub-Total, and its last line, the second Sub-Total
  // with the restructure given back); nor is an unlabelled total whose lines are one figure and zeros (South
  // Oxfordshire and Vale's 30 = 30 + 0), which no figures can tell from a figure printed again.
  it.todo('checks a savings statement’s lines worked out from the totals above them (Lancaster, rows 12 and 34)');

  it('finds a per cent variation printed without its minus sign, from how the rest of its column is worked out', async () => {
    const result = await checkAsFile(byName('capital-outturn-annexes').sheets);
    const said = result.findings.filter((f) => f.rule === 'percent-mismatch');
    expect(said.map((f) => `${f.cell} ${f.message}`)).toEqual([
      'F14 Earmarked Reserves: the change from Original Capital Programme Council Feb 2020 to Actual Capital Expenditure 2020/21 is -100% but Variation to Original Capital Programme % shows 100%',
    ]);
    expect(result.tables[0].reading!.percentRules.map((r) => `${r.column} = ${r.is}`)).toEqual([
      'F = the change from Original Capital Programme Council Feb 2020 to Actual Capital Expenditure 2020/21',
      'H = the change from Latest Capital Programme Council Feb 2021 to Actual Capital Expenditure 2020/21',
    ]);
  });
});
