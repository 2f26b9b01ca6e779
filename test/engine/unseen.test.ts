/**
 * Council budget tables in layouts the reader was not developed on (test/fixtures/unseen: constructed,
 * modelled on typical UK budget books and MTFS papers). Each is written to a real .xlsx and checked:
 * every table found, an error at each seeded mistake (and the total it puts out) and nowhere else, no
 * warning the paper does not deserve, and nothing else than rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import { unseenLayouts, type UnseenLayout } from '../fixtures/unseen/layouts';
import { checkAsFile, expectFindingsCalledFor } from '../support/layouts';

const check = (layout: UnseenLayout): Promise<CheckResult> => checkAsFile(layout.sheets);

const totals = (result: CheckResult) =>
  result.tables.flatMap((t) =>
    t.rows.filter((r) => r.type === 'total').map((r) => `${t.sheet}!${r.row + 1} ${r.structure?.how}`),
  );

describe('councils’ tables in layouts the reader was not developed on', () => {
  it.each(unseenLayouts().map((l) => [l.name, l] as const))(
    '%s: the findings the paper calls for',
    async (_, layout) => {
      expectFindingsCalledFor(await check(layout), layout);
    },
  );

  const byName = (name: string) => unseenLayouts().find((l) => l.name === name)!;

  it('reads each directorate total printed above its cost centres as adding them up', async () => {
    expect(totals(await check(byName('totals-above')))).toEqual([
      'Budget Book!5 lines-below',
      'Budget Book!11 lines-below',
      'Budget Book!16 items-above',
    ]);
  });

  it('reads the budget gap as the requirement less the funding', async () => {
    expect(totals(await check(byName('mtfs-summary')))).toEqual([
      'MTFS!11 section',
      'MTFS!18 section',
      'MTFS!20 difference',
    ]);
  });

  it('reads scheme references as a capital programme’s, not growth, and checks the three-year total on each row', async () => {
    const result = await check(byName('capital-programme'));
    expect(result.tables[0].kind).toBe('budget-table');
    expect(result.tables[0].rowRules?.map((r) => r.total)).toEqual([5]);
  });

  it('checks Gross = the subjective columns and Net = Gross + Income, leaving the FTE column out', async () => {
    const table = (await check(byName('subjective-with-fte'))).tables[0];
    const rules = (table.rowRules ?? []).map((r) => [r.total, r.parts.map((p) => p.column)]);
    expect(rules).toEqual([
      [5, [1, 2, 3, 4]],
      [7, [5, 6]],
    ]);
  });

  it('reads Council Tax, the balance under Aggregate External Finance, as a line of Total Funding', async () => {
    expect(totals(await check(byName('scottish-gross-income-net')))).toEqual([
      'Service Analysis!12 section',
      'Service Analysis!15 running',
      'Service Analysis!21 section',
      'Service Analysis!23 running',
    ]);
  });

  it('leaves the average Band D of a parish precepts table unchecked, and checks the rest', async () => {
    const table = (await check(byName('parish-precepts'))).tables[0];
    const total = table.rows.find((r) => r.type === 'total')!;
    expect(total.structure?.checked).toEqual([true, true, true, false, false]);
  });

  it('checks both rules across the columns of a capital programme with slippage', async () => {
    const table = (await check(byName('capital-slippage'))).tables[0];
    expect(table.rowRules?.map((r) => [r.total, r.parts.map((p) => p.column)])).toEqual([
      [3, [0, 1, 2]],
      [6, [3, 4, 5]],
    ]);
  });

  it('finds no table in a contents page or numbered notes', async () => {
    const result = await check(byName('fees-staffing-notes'));
    expect(result.tables.map((t) => t.sheet)).toEqual(['Fees and Charges', 'Staffing']);
  });

  it('checks the change column of a funding table, and never adds up its per cent column', async () => {
    const table = (await check(byName('funding-millions'))).tables[0];
    expect(table.columns.map((c) => c.label)).toEqual(['2025/26', '2026/27', 'Change', 'Change %']);
    expect(table.rowRules?.map((r) => r.total)).toEqual([2]);
    expect(table.additive).toEqual([true, true, true, false]);
  });
  it('reads the gap in year under the cumulative gap as a memo line, not a total of it', async () => {
    const result = await check(byName('mtfs-cumulative-gap'));
    expect(totals(result)).toEqual(['Gap!12 section', 'Gap!14 items-above']);
    expect(result.tables[0].rows.find((r) => r.label === 'Gap in Year')?.type).toBe('memo');
  });

  it('reads the savings total at the top as adding up the themes’ subtotals printed above their savings', async () => {
    expect(totals(await check(byName('savings-total-at-top')))).toEqual([
      'Savings!4 lines-below',
      'Savings!6 lines-below',
      'Savings!10 lines-below',
      'Savings!15 lines-below',
    ]);
  });

  it('checks the variation column as the revised budget less the original', async () => {
    const table = (await check(byName('original-revised-variation'))).tables[0];
    expect(table.rowRules?.map((r) => [r.total, r.parts.map((p) => [p.column, p.sign])])).toEqual([
      [
        2,
        [
          [0, -1],
          [1, 1],
        ],
      ],
    ]);
  });

  it('reads the column numbers (1) (2) (3) under three rows of headings as a heading, not a line', async () => {
    const table = (await check(byName('three-row-headings'))).tables[0];
    expect(table.rows.map((r) => r.label)[0]).toBe('Adult Social Care');
    expect(table.rowRules?.map((r) => r.total)).toEqual([2]);
  });
});
