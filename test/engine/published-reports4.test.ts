/**
 * A fourth set of budget tables from councils', fire and police bodies' own pages and leaflets
 * (test/fixtures/published/reports4.ts, transcribed as published, sources in the README beside it), none of them in the
 * councils corpus the reader was developed on. Each is written to a real .xlsx, read back and checked: every table
 * found, an error only where a page's own figures are wrong (West Yorkshire Fire's 2019/20 costs, Wealden's basic
 * council tax requirement in three places and its 2024/25 bridge), no warning, and nothing but rounding differences
 * said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedTablesReports4 } from '../fixtures/published/reports4';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught, totalsRead } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedTablesReports4().find((t) => t.name === name)!;

const errorAt = (result: CheckResult, cell: string) =>
  result.findings.find((f) => f.severity === 'error' && `${f.sheet}!${f.cell}` === cell)!.message;

describe('a fourth set of budget tables from councils’, fire and police bodies’ pages', () => {
  it.each(publishedTablesReports4().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the mistake on West Yorkshire Fire’s 2019/20 page: costs printed 85.147 where they make 85.177', async () => {
    const result = await check(byName('west-yorkshire-fire-cost'));
    expect(errorAt(result, 'Cost 2019-20!B8')).toContain('is 85.147 but its lines add up to 85.177');
  });

  it('finds Wealden’s 2019/20 basic council tax requirement off its lines in both years, said at the requirement', async () => {
    const result = await check(byName('wealden-spending-plans'));
    expect(errorAt(result, 'Spending 2019-20!B22')).toContain(
      'is 11,984 but the total above and the lines since come to 11,804',
    );
    expect(errorAt(result, 'Spending 2019-20!C22')).toContain(
      'is 12,519 but the total above and the lines since come to 12,460',
    );
  });

  it('finds Wealden’s 2020/21 page adding a collection fund surplus it printed as a deficit', async () => {
    const result = await check(byName('wealden-spending-plans'));
    expect(errorAt(result, 'Spending 2020-21!B21')).toContain(
      'is 12,519 but the total above and the lines since come to 12,881',
    );
  });

  it('finds Wealden’s 2024/25 bridge 30 short of its changes', async () => {
    const result = await check(byName('wealden-spending-plans'));
    expect(errorAt(result, 'Spending 2024-25!B37')).toContain('is 14,703 but its lines add up to 14,733');
  });

  it('reads Sefton’s note: each group’s unlabelled subtotal, a group of one line once, to the change in the requirement', async () => {
    const read = totalsRead(await check(byName('sefton-budget-requirement')));
    expect(read.filter((t) => /^Budget 2018-19!(1[7-9]|[23]\d) /.test(t))).toEqual([
      'Budget 2018-19!19  ← 17,18',
      'Budget 2018-19!23  ← 22',
      'Budget 2018-19!29  ← 26,27,28',
      'Budget 2018-19!33 Change in Sefton Budget Requirement ← 19,23,29,31',
    ]);
  });

  it('reads Wirral’s bridge with the savings, printed positive under their own heading, taken away', async () => {
    const result = await check(byName('wirral-financial-summary-2024-25'));
    const closing = result.tables[1].rows.at(-1)!;
    expect(closing.label).toBe('Budget Requirement 2024-25');
    expect(closing.partSigns?.filter((s) => s < 0)).toHaveLength(5);
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedTablesReports4());
    expect(tried).toBeGreaterThan(300);
    // Lines not labelled as totals, found from their figures alone in a table of one column, so a figure changed there
    // leaves them lines and nothing is said: Sefton's "Change in Sefton Budget Requirement" (changed itself, or the
    // one line it adds on its own, "Funding Transferred into General Government Grant" in 2018/19), and Wirral's "Net
    // Requirement" in both editions, the total requirement less the external support.
    // And Wirral's 2024/25 bridge, whose ends are printed to £0.1 million and its changes to £0.01 million: ten units
    // of the column (0.10) are within what the ends' own rounding allows (±0.05 each), so the bridge is not held to its
    // changes as a labelled total is, and is read only where its figures make it exactly.
    const bridge = [33, 35, 36, 37, 38, 39, 40, 41, 42, 44, 45, 46, 47, 48];
    expect(missed).toEqual([
      'sefton-budget-requirement Budget 2018-19!B33',
      'sefton-budget-requirement Budget 2018-19!B31',
      'sefton-budget-requirement Budget 2020-21!B31',
      'wirral-financial-summary-2024-25 Financial summary 2024-25!B28',
      'wirral-financial-summary-2024-25 Financial summary 2024-25!B49',
      ...bridge.map((r) => `wirral-financial-summary-2024-25 Financial summary 2024-25!B${r}`),
      'wirral-financial-summary-2025-26 Financial summary 2025-26!B31',
    ]);
  });
});
