/**
 * More budget tables from councils' and authorities' own published pages (test/fixtures/published/reports2.ts:
 * transcribed as published, sources in the README beside it), none of them in the councils corpus. Each is written
 * to a real .xlsx, read back and checked: every table found, an error only where the page's figures are wrong (two:
 * a fire authority's gross expenditure over lines that leave one out, and a net budget whose largest line has no
 * figure in the stored copy), only the warnings the page calls for (one: a
 * figure printed "0.062)", which the check cannot read), and nothing but rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedReports2 } from '../fixtures/published/reports2';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught, totalsRead as reading } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedReports2().find((t) => t.name === name)!;

describe('more budget tables from councils’ and authorities’ pages', () => {
  it.each(publishedReports2().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the mistake on the fire authority’s page: a gross expenditure of 35.887 over lines that make 32.910', async () => {
    const result = await check(byName('cumbria-fire-westmorland-2025'));
    const error = result.findings.find((f) => f.severity === 'error')!;
    expect(error.message).toContain('is 35.887 but its lines add up to 32.910');
    expect(reading(result)).toEqual([
      'Fire authority budget!10 Gross expenditure ← 5,6,7,8,9',
      'Fire authority budget!14 Total net expenditure ← 10,11,12,13',
      'Fire authority budget!29 Gross Expenditure ← 19,20,21,22,23,24,25,26,27,28',
      'Fire authority budget!32 Total Net Expenditure ← 29,30,31',
    ]);
  });

  it('puts the fire authority’s mistake at its gross expenditure printed plain too, not at the total net expenditure under it', async () => {
    const table = byName('cumbria-fire-westmorland-2025');
    const plain = table.sheets.map((sheet) => ({
      ...sheet,
      rows: sheet.rows.map((row) => row.map((cell) => (cell ? { ...cell, bold: false } : cell))),
    }));
    const result = await check({ ...table, sheets: plain });
    expect(result.findings.map((f) => `${f.rule} at ${f.cell}`)).toEqual(['total-mismatch at B10']);
    expect(reading(result).slice(0, 2)).toEqual([
      'Fire authority budget!10 Gross expenditure ← 5,6,7,8,9',
      'Fire authority budget!14 Total net expenditure ← 10,11,12,13',
    ]);
  });

  it('checks the balance of an MTFS as the year’s savings requirement less the options to close it', async () => {
    expect(reading(await check(byName('gateshead-mtfs-gap')))).toEqual([
      'MTFS summary!6 Cumulative funding gap (before reserves) ← 4,5',
      'MTFS summary!8 Estimated cumulative savings requirement ← 6,7',
      'MTFS summary!15 Balanced budget ← 9,11,12,13,14',
    ]);
  });

  it('adds up a bridge to a new net budget labelled with the opening year, across headings with no figures', async () => {
    expect(reading(await check(byName('stockport-net-cost-changes')))).toEqual([
      'Net cost changes!30 2022/23 Net Revenue Budget ← 4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,21,22,23,24,26,27,28,29',
    ]);
  });

  it('reads the same budget on Cumberland’s page: the requirement working on from the net expenditure, and two bridges in one table', async () => {
    expect(reading(await check(byName('cumbria-fire-cumberland-2025')))).toEqual([
      'Fire authority budget!10 Gross Expenditure ← 4,5,6,7,8,9',
      'Fire authority budget!14 Total Net Expenditure ← 10,11,12,13',
      'Fire authority budget!20 Council Tax Requirement (memo)',
      'Fire authority budget!26 Gross expenditure, 2025/26 ← 23,24,25',
      'Fire authority budget!33 Council tax requirement 2025/26 ← 27,28,29,30,31,32',
      'Fire authority budget!38 Total ← 36,37',
    ]);
  });

  it('reads Hampshire’s "Increase on" column as per cents, and its budget as the lines above it, not the funding under it', async () => {
    const result = await check(byName('hampshire-budget-2012-13'));
    expect(result.tables[0].additive).toEqual([true, true, true, false]);
    expect(reading(result)).toEqual(['Where the money comes from!8 Budget ← 4,5,6,7']);
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedReports2());
    expect(tried).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });

  // Known limit: Westmorland and Furness's page prints the fire authority's 2025/26 council tax requirement 18.462
  // where its net expenditure less the funding is 18.642 (Cumberland's page prints 18.642). The line is added up by
  // nothing, and what it works on from is in two tables above, one for each year, not a table of the same columns.
  it.todo('finds a council tax requirement printed 18.462 for 18.642, worked out from two tables above, one a year');
});
