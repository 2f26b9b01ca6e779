/**
 * Per cent columns checked against the £ columns they are worked out from (src/engine/percentages.ts): the way
 * the column is worked out is found from its figures, and a row no rounding explains is said; nothing is said of a
 * column no way explains, nor where two ways explain it as well and blame different rows.
 */
import { describe, expect, it } from 'vitest';
import { a1 } from '../../src/engine/a1';
import { checkWorkbook } from '../../src/engine/check';
import type { Cell } from '../../src/engine/grid';
import { publishedTables } from '../fixtures/published/pages';
import { publishedTables2 } from '../fixtures/published/pages2';
import { publishedReports } from '../fixtures/published/reports';
import { publishedReports2 } from '../fixtures/published/reports2';
import { unseenLayouts } from '../fixtures/unseen/layouts';
import { b, cloneGrids, sheet } from '../support/workbooks';

const pct = (value: number, format = '0.0%'): Cell => ({ value, format });
const m3 = (value: number): Cell => ({ value, format: '#,##0.000' });
const said = (rows: Parameters<typeof sheet>[1]) => {
  const result = checkWorkbook([sheet('Budget', rows)]);
  return {
    result,
    percent: result.findings.filter((f) => f.rule === 'percent-mismatch').map((f) => `${f.cell} ${f.message}`),
    rules: result.tables[0].reading!.percentRules.map((r) => `${r.column} = ${r.is}`),
  };
};

describe('a change column in per cent', () => {
  const rows = (education: Cell, educationNow = 50_100) => [
    [b('Service'), b('2025/26 £000'), b('2026/27 £000'), b('Change %')],
    ['Education', 48_200, educationNow, education],
    ['Highways', 21_400, 20_900, pct(-0.023)],
    ['Adult Social Care', 96_300, 104_700, pct(0.087)],
    ['Libraries', 3_150, 3_150, pct(0)],
    [b('Total'), b(169_050), b(128_750 + educationNow), pct(0.058)],
  ];

  it('is read as the change from last year to this, and agrees when each per cent is the change rounded', () => {
    const { percent, rules } = said(rows(pct(0.039)));
    expect(rules).toEqual(['D = the change from 2025/26 to 2026/27']);
    expect(percent).toEqual([]);
  });

  it('says a per cent that no rounding of the £ figures gives, as a warning at its cell', () => {
    const { percent, result } = said(rows(pct(0.093)));
    expect(percent).toEqual(['D2 Education: the change from 2025/26 to 2026/27 is 3.9% but Change % shows 9.3%']);
    // A per cent is worked out for reading, and how is inferred: a row that does not follow is one to check.
    expect(result.findings.find((f) => f.rule === 'percent-mismatch')!.severity).toBe('warning');
  });

  it('says a per cent printed without its minus sign', () => {
    const { percent } = said([
      ...rows(pct(0.039)).slice(0, 2),
      ['Highways', 21_400, 20_900, pct(0.023)],
      ...rows(pct(0.039)).slice(3),
    ]);
    expect(percent).toEqual(['D3 Highways: the change from 2025/26 to 2026/27 is -2.3% but Change % shows 2.3%']);
  });

  it('allows a per cent cut short rather than rounded, or worked out before rounding (a unit and a half of its last place)', () => {
    // 50,170 on 48,200 is a change of 4.09%: 4.1 rounded, 4.0 cut short.
    const { percent } = said(rows(pct(0.04), 50_170));
    expect(percent).toEqual([]);
  });
});

describe('per cent columns worked out other ways', () => {
  it('reads a share of the total (whole per cents adjusted to make 100) and says only a share far off', () => {
    const rows = (grants: number, rates = 21) => [
      [b('Where the money comes from'), b('£m'), b('%')],
      ['Council Tax', 152.07, { value: 16, format: '0' }],
      ['Business rates', 208.11, { value: rates, format: '0' }],
      ['Grants', 239.72, { value: grants, format: '0' }],
      ['Fees and charges', 347.77, { value: 36, format: '0' }],
      ['Reserves', 14.88, { value: 2, format: '0' }],
      [b('Total'), b(962.55), { value: 100, format: '0', bold: true }],
    ];
    const fine = said(rows(25));
    expect(fine.rules).toEqual(['C = £m as a share of Total']);
    expect(fine.percent).toEqual([]);
    // 208.11 of 962.55 is 21.6%, printed 21 so the shares make 100: a rounding the check allows, not evidence.
    expect(said(rows(52, 22)).percent).toEqual(['C4 Grants: £m as a share of Total is 25% but % shows 52%']);
  });

  it('reads a change on the year before worked out from this year and the change (a negative base taken as its size)', () => {
    const rows = (last: number, education = 0.09) => [
      [b('Directorate'), b('Net expenditure £000'), b('Yearly change £000'), b('Yearly change %')],
      ['Education', 528_458, 44_189, pct(education, '0%')],
      ['Health & Social Care', 249_214, -1_458, pct(-0.01, '0%')],
      ['Finance', 67_438, -7_116, pct(-0.1, '0%')],
      ['Additional items', 35_830, 93_728, pct(1.62, '0%')],
      ['Adjustment for capital charges', -72_489, -42_880, pct(last, '0%')],
      [b('Net service expenditure'), b(808_451), b(86_463), pct(0.12, '0%')],
    ];
    const fine = said(rows(-1.45));
    expect(fine.rules).toEqual([
      'D = Yearly change as a percentage of the year before (Net expenditure less Yearly change)',
    ]);
    expect(fine.percent).toEqual([]);
    expect(said(rows(-1.45, 0.19)).percent).toEqual([
      'D2 Education: Yearly change as a percentage of the year before (Net expenditure less Yearly change) is 9% but Yearly change % shows 19%',
    ]);
    // Printed 145% for −145%, the one line on a negative year before is as like the other way of reading a change on
    // a negative figure (over the figure, not its size) as a slip: which row is wrong is not known, so nothing is said.
    expect(said(rows(1.45)).percent).toEqual([]);
  });

  it('reads one column as a percentage of another (spent to date against the budget)', () => {
    const { rules, percent } = said([
      [b('Service'), b('Budget £'), b('To date £'), b('% Spent')],
      ['Policy Unit', 412_000, 205_980, { value: 50, format: '0' }],
      ['Legal', 288_500, 151_460, { value: 52.5, format: '0.0' }],
      ['Finance', 1_020_000, 498_000, { value: 48.8, format: '0.0' }],
      ['Audit', 96_000, 60_010, { value: 62.5, format: '0.0' }],
      [b('Total'), b(1_816_500), b(915_450), { value: 50.4, format: '0.0', bold: true }],
    ]);
    expect(rules).toEqual(['D = To date as a percentage of Budget']);
    expect(percent).toEqual([]);
  });
});

describe('a change on a negative figure', () => {
  const rows = (reserves: number) => [
    [b('Income'), b('2023/24 £000'), b('2024/25 £000'), b('Variance')],
    ['Council tax', -52_400, -55_100, pct(0.05, '0%')],
    ['Business rates', -12_800, -13_300, pct(0.04, '0%')],
    ['Grants', -2_500, -1_900, pct(-0.24, '0%')],
    ['Transfer from earmarked reserves', -1_200, -100, pct(reserves, '0%')],
    [b('Total income'), b(-68_900), b(-70_400), pct(0.02, '0%')],
  ];

  it('is read over the figure as it stands when the paper does so (a smaller transfer in is a fall)', () => {
    const { rules, percent } = said(rows(-0.92));
    expect(rules).toEqual(['D = the change from 2023/24 to 2024/25']);
    expect(percent).toEqual([]);
    expect(said(rows(0.92)).percent).toEqual([
      'D5 Transfer from earmarked reserves: the change from 2023/24 to 2024/25 is -92% but Variance shows 92%',
    ]);
  });
});

describe('per cent columns left alone', () => {
  it('says nothing where two rows of a short table are worked out on another base (a total’s per cent of this year)', () => {
    const { rules, percent } = said([
      [b('Service'), b('Net expenditure £m'), b('Change £m'), b('% change')],
      ['People', m3(134.575), m3(3.598), pct(0.027)],
      ['Adult Services', m3(44.672), m3(0.51), pct(0.012)],
      ['Place', m3(52.024), m3(3.436), pct(0.071)],
      ['Chief Executive', m3(5.297), m3(0.191), pct(0.037)],
      ['Other Services', m3(12.028), m3(2.611), pct(0.277)],
      ['Adjustment for capital charges', undefined, m3(-0.127), pct(-0.009)],
      [b('Total'), { ...m3(249.316), bold: true }, { ...m3(10.203), bold: true }, pct(0.039)],
    ]);
    expect(rules).toEqual([]);
    expect(percent).toEqual([]);
  });

  it('says nothing of a per cent column no way of working out from the table explains', () => {
    const { rules, percent } = said([
      [b('Service'), b('2025/26 £000'), b('2026/27 £000'), b('Council tax increase %')],
      ['Education', 48_200, 50_100, pct(0.0499)],
      ['Highways', 21_400, 20_900, pct(0.0299)],
      ['Adult Social Care', 96_300, 104_700, pct(0.02)],
      [b('Total'), b(165_900), b(175_700), pct(0.0499)],
    ]);
    expect(rules).toEqual([]);
    expect(percent).toEqual([]);
  });

  it('finds no way from fewer than three per cents other than nil', () => {
    const { rules } = said([
      [b('Service'), b('2025/26 £000'), b('2026/27 £000'), b('Change %')],
      ['Education', 48_200, 48_200, pct(0)],
      ['Highways', 21_400, 20_900, pct(-0.023)],
      [b('Total'), b(69_600), b(69_100), pct(-0.007)],
    ]);
    expect(rules).toEqual([]);
  });
});

describe('every per cent of the published and constructed papers, changed', () => {
  it('gives a percent-mismatch at its cell, but where nothing divides it, its figures’ rounding allows it, or too few per cents are left to tell', () => {
    let tried = 0;
    const missed: string[] = [];
    for (const layout of [
      ...publishedTables(),
      ...publishedTables2(),
      ...publishedReports(),
      ...publishedReports2(),
      ...unseenLayouts(),
    ]) {
      const base = checkWorkbook(cloneGrids(layout.sheets));
      for (const table of base.tables)
        for (const rule of table.percentRules ?? [])
          for (const row of table.rows) {
            const f = row.figures[rule.column];
            const grids = cloneGrids(layout.sheets);
            const cell = f && grids.find((g) => g.name === table.sheet)!.rows[f.row][f.col];
            if (!f || typeof cell?.value !== 'number') continue;
            // Five points more: 5% is 0.05 in a cell formatted as a percentage.
            cell.value += (cell.format ?? '').includes('%') ? 0.05 : 5;
            tried++;
            const at = a1(f.row, f.col);
            const found = checkWorkbook(grids).findings.some(
              (x) => x.rule === 'percent-mismatch' && x.sheet === table.sheet && x.cell === at,
            );
            if (!found) missed.push(`${layout.name} ${table.sheet}!${at}`);
          }
    }
    expect(tried).toBeGreaterThan(150);
    expect(missed).toEqual([
      // Three lines a column: one changed leaves two, too few to tell a way of working it out.
      ...['C4', 'C5', 'C6', 'E4', 'E5', 'E6'].map((c) => `slough-council-tax-explained Council Tax explained!${c}`),
      // A change of −2,488 on −147 is 1,692.5% give or take 6 points once −147 is rounded: five more is rounding.
      'brighton-hove-budget-changes Budget changes 2024-25!I12',
      // A column with a slip already (C7's 9% for 13%): a second row out, or 14% for 13%, which is within a point.
      ...['C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'].map(
        (c) => `belstone-parish-accounts Accounts summary 2022-23!${c}`,
      ),
      // A per cent of a nil budget (income budgets of nothing, a closed cost centre, a programme cut to nil).
      ...['G8', 'G11', 'G12', 'G13', 'G19'].map((c) => `isle-of-wight-revenue-detail-2003 Revenue detail!${c}`),
      // A second slip in a short column that has one already (F14's 100%): two rows of ten out are as like a column
      // worked out another way on some rows, so neither is said.
      ...['F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'F13', 'F15'].map(
        (c) => `capital-outturn-annexes Annex 1a!${c}`,
      ),
      'capital-outturn-annexes Annex 1a!H12',
      'capital-outturn-annexes Annex 1a!H14',
      // The share column's own total printed 105%: a share is tried of a total whose per cent reads 100, or of the
      // table's last total (here the balance carried forward, below the budget), so the column is not read.
      'memorandum-below Net Budget!C10',
      // Small figures in £m to one place: 0.1 on 1.9 is anything from 0% to 10.8% once both years are rounded, and
      // 0.3 on 0.6 anything from −36% to −62%, so five points more is within what rounding gives.
      ...['E15', 'E18', 'E26'].map((c) => `police-commissioner PCC Budget!${c}`),
      'hidden-workings Highways!D8',
      'hidden-workings Highways!D10',
    ]);
  });
});
