/**
 * More budget tables from councils', fire and police bodies' and parishes' own pages (test/fixtures/published/pages2.ts,
 * transcribed as published, sources in the README beside it), none of them in the councils corpus the reader was
 * developed on. Each is written to a real .xlsx, read back and checked: every table found, an error only where the
 * page's figures are wrong, no warning but those a page deserves, and nothing but rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedTables2 } from '../fixtures/published/pages2';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught, totalsRead as reading } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedTables2().find((t) => t.name === name)!;

describe('more budget tables from councils’ and other bodies’ own pages', () => {
  it.each(publishedTables2().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the mistake on Belstone’s page: an expenditure total printed £3,378.20 where its lines make £3,533.84', async () => {
    const result = await check(byName('belstone-parish-accounts'));
    const error = result.findings.find((f) => f.severity === 'error')!;
    expect(error.message).toContain('is 3,378.20 but its lines add up to 3,533.84');
    // The income, under the same headings in other words, is a table of its own, and adds up.
    expect(result.tables.map((t) => t.range)).toEqual(['A4:D11', 'A14:C20']);
  });

  it('reads a note number under a heading, over a unit alone, as part of the heading: not minus one', async () => {
    const result = await check(byName('angus-net-expenditure'));
    expect(result.tables.map((t) => t.range)).toEqual(['A2:B5', 'A7:G16']);
    expect(reading(result)).toEqual([
      'Council tax 2018-19!5 Total Net expenditure ← 3,4',
      'Council tax 2018-19!16 Total net expenditure ← 9,10,11,12,13,14,15',
    ]);
  });

  it('reads a budget built up across the columns, and the change over the base', async () => {
    const result = await check(byName('brighton-hove-budget-changes'));
    // Original Budget = base + inflation + pressures + commitments + savings; Change = Original Budget − base.
    expect(result.tables[0].rowRules?.map((r) => [r.total, r.parts.map((p) => p.column)])).toEqual([
      [5, [0, 1, 2, 3, 4]],
      [6, [0, 5]],
    ]);
    expect(reading(result)).toEqual([
      'Budget changes 2024-25!8 Total Directorate Spending ← 3,4,5,6,7',
      'Budget changes 2024-25!17 NET REVENUE EXPENDITURE ← 8,9,10,11,12,13,14,15,16',
      'Budget changes 2024-25!19 BUDGET REQUIREMENT ← 17,18',
    ]);
  });

  it('reads a fire authority’s projected deficit as its requirement and its funding (printed negative) together', async () => {
    expect(reading(await check(byName('derbyshire-fire-revenue-budget')))).toEqual([
      'Revenue budget!12 Net Budget Requirement ← 5,6,7,8,9,10,11',
      'Revenue budget!17 Total Funding ← 14,15,16',
      'Revenue budget!18 Projected Surplus (-) / Deficit ← 12,17',
      'Revenue budget!28 Total Usable Reserves ← 24,25,26,27',
    ]);
  });

  it('says King’s Lynn and West Norfolk’s slipped net figure where it is, not at the income beside it', async () => {
    const result = await check(byName('west-norfolk-budget-requirement-2024-25'));
    const slip = result.findings.find((f) => f.cell === 'D17')!;
    expect(slip.message).toContain('but 2024/2025 Estimate shows -2,099,130');
  });

  it('reads Cumbria police’s council tax requirement as working on from the net expenditure, under misprinted years', async () => {
    const result = await check(byName('cumbria-police-2024-25'));
    expect(reading(result)).toEqual([
      'Police 2024-25!13 Gross expenditure ← 3,4,5,6,7,8,9,10,11,12',
      'Police 2024-25!17 Total net expenditure ← 13,14,15,16',
      'Police 2024-25!23 Council tax requirement (memo)',
      'Police 2024-25!30 Gross expenditure 2024/25 ← 26,27,28,29',
      'Police 2024-25!39 Council tax requirement 2024/25 ← 33,34,35,36,37,38',
      'Police 2024-25!45 Total ← 43,44',
    ]);
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedTables2());
    expect(tried).toBeGreaterThan(450);
    expect(missed).toEqual([]);
  });
});
