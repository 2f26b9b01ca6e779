/**
 * A fourth set of budget tables from councils', parishes' and a police commissioner's own pages and papers, and the
 * Home Office's table of fire authorities' reserves (test/fixtures/published/pages4.ts, transcribed as published,
 * sources in the README beside it), none of them in the councils corpus the reader was developed on. Each is written
 * to a real .xlsx, read back and checked: every table found, an error only where the page's figures are wrong
 * (Islington's 2024/25 income and budget totals, over lines left from the year before; Hammersmith & Fulham's 2025-26
 * bridge), no warning, and nothing but
 * rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedTables4 } from '../fixtures/published/pages4';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught, totalsRead } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedTables4().find((t) => t.name === name)!;

describe('a fourth set of budget tables from councils’ own pages and papers', () => {
  it.each(publishedTables4().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the mistakes on Islington’s 2024/25 page: incomes that make 836.2 under a total of 856.205, budgets 261.1 under 118.221', async () => {
    const result = await check(byName('islington-council-tax-spending-2024-25'));
    const said = result.findings.filter((f) => f.severity === 'error').map((f) => `${f.cell}: ${f.message}`);
    expect(said).toEqual([
      'C14: Total for Income is 856.205 but its lines add up to 836.2 (a difference of 20.005)',
      'D14: Total for Budget is 118.221 but its lines add up to 261.1 (a difference of 142.879)',
    ]);
  });

  it('finds the mistake in Hammersmith & Fulham’s 2025-26 bridge: £198m and the changes make £206.3m, printed £222.9m', async () => {
    const result = await check(byName('hammersmith-fulham-council-tax-spent-2025-26'));
    const error = result.findings.find((f) => f.severity === 'error')!;
    expect(error.message).toContain('is 222.9 but its lines add up to 206.3');
  });

  it('reads Hammersmith & Fulham’s other expenditure as working on from the departments’ net', async () => {
    const result = await check(byName('hammersmith-fulham-council-tax-spent-2024-25'));
    expect(result.tables[0].rows.filter((r) => r.memo).map((r) => r.label)).toEqual(['Total', 'Net expenditure']);
  });

  it('reads Kensington and Chelsea’s council tax requirement as the budget requirement less the external funding', async () => {
    const result = await check(byName('kensington-chelsea-budget-requirement-2024-25'));
    expect(totalsRead(result)).toEqual([
      'Budget 2024-25!13 Total Service Costs ← 4,5,6,7,8,9,10,11,12',
      'Budget 2024-25!20 Budget Requirement ← 13,14,15,16,17,18,19',
      'Budget 2024-25!25 Total external funding ← 21,22,23,24',
      'Budget 2024-25!26 Council Tax Requirement ← 20,25',
    ]);
  });

  it('reads Burnley’s years typed as text as a heading, and its total as expenditure and income together', async () => {
    const result = await check(byName('burnley-budget-book-management-team-2011-12'));
    expect(result.tables[0].columns.map((c) => c.label)).toEqual([
      'Actual 2009',
      'Original 2010',
      'Revised 2010',
      'Original 2011',
    ]);
    expect(totalsRead(result)).toContain('A1 Management Team!23 Total for: Management Team ← 18,22');
  });

  it('reads Brighton & Hove’s centrally-held budgets, a group of no lines, as nil, and the grand total as the groups’ totals', async () => {
    const result = await check(byName('brighton-hove-savings-proposals-2025-26'));
    expect(totalsRead(result)).toContain('Savings proposals 2025-26!28 Grand Total ← 7,13,19,26,27');
  });

  it('checks Leicestershire’s total under the notes on its last item', async () => {
    const result = await check(byName('leicestershire-growth-amendment-2026-27'));
    expect(totalsRead(result)).toEqual(['Growth amendment!13 Total Cost Increase ← 4,5,9']);
    // Each item labelled by its description, not by the `NEW` flagging it.
    expect(result.tables[0].rows.filter((r) => r.type === 'line').map((r) => r.label)).toEqual([
      'Additional investment in public bus subsidies',
      'Additional environmental maintenance',
      'Grit Bin 50% discount',
    ]);
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedTables4());
    expect(tried).toBeGreaterThan(600);
    // The Home Office's capital reserves (E) and spending power (F): ten of their units (£1.0m) on one of 29 lines
    // rounded to £0.1m puts the total out by less than the 29 lines can be together (±1.45), so it is a rounding
    // difference; and no other figure on the row is worked out from them (the resource reserves are, and are
    // caught). Changing a total of 29 lines by ten units is likewise within rounding.
    const fra = (col: string) =>
      Array.from({ length: 30 }, (_, i) => `home-office-fire-reserves-2020 FRA reserves March 2020!${col}${i + 3}`);
    const explained = [...fra('E'), ...fra('F')];
    expect(missed.sort()).toEqual(explained.sort());
  });
});
