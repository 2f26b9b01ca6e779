import type { SheetGrid } from '../../src/engine/grid';
import { b, bu, sheet, type Spec } from './workbooks';

/**
 * A whole department's MTFS workbook in the house format, with figures that agree everywhere
 * (whole pounds and whole £000, so no rounding): budget summary and net budget, Appendix A,
 * growth, savings and one capital block. `k` scales the figures so departments differ.
 */
export function departmentSheets(name: string, k: number, prefix = ''): SheetGrid[] {
  const years = ['2015/16 £000', '2016/17 £000', '2017/18 £000', '2018/19 £000'];
  const dept = name.toUpperCase();
  // Appendix A, whole £: two sections of two lines; employees + running + external + internal = net.
  const lines = [
    ['Service one', 400_000 * k, 300_000 * k, -50_000 * k, -50_000 * k],
    ['Service two', 600_000 * k, 500_000 * k, -100_000 * k, 0],
    ['Service three', 1_000_000 * k, 200_000 * k, -200_000 * k, -100_000 * k],
    ['Service four', 500_000 * k, 500_000 * k, 0, -200_000 * k],
  ].map(([label, e, r, x, i]) => ({
    label: label as string,
    e: e as number,
    r: r as number,
    x: x as number,
    i: i as number,
    net: (e as number) + (r as number) + (x as number) + (i as number),
  }));
  const sum = (xs: number[]) => xs.reduce((a, c) => a + c, 0);
  const growth = [[10, 20, 30, 40].map((x) => x * k), [5, 5, 10, 10].map((x) => x * k)];
  // Year 1: Sub Total = Appendix A's prior-year total, and it plus growth and savings = Appendix A's net total.
  const yearOneChange = (growth[0][0] + growth[1][0] - 30 * k) * 1000;
  const prior = lines.map((l, i) => (i === 0 ? l.net - yearOneChange : l.net));
  const savings = [[-20, -50, -80, -100].map((x) => x * k), [-10, -10, -30, -60].map((x) => x * k)];
  const section = (from: number, to: number, key: 'e' | 'r' | 'x' | 'i' | 'net') =>
    sum(lines.slice(from, to).map((l) => l[key]));
  const revenueRow = (l: (typeof lines)[number], p: number) => [p, l.label, l.e, l.r, l.x, l.i, l.net];
  const totalRow = (label: string, from: number, to: number) => [
    b(sum(prior.slice(from, to))),
    b(label),
    ...(['e', 'r', 'x', 'i', 'net'] as const).map((key) => b(section(from, to, key))),
  ];
  const revenue: Spec = [
    [b(`${dept} DEPARTMENT`)],
    [b('REVENUE BUDGET 2015/16')],
    [],
    [
      b('Budget 2014/15 £'),
      undefined,
      b('Employees £'),
      b('Running Expenses £'),
      b('External Income £'),
      b('Internal Income £'),
      b('Net Total £'),
    ],
    ['FIRST SECTION'],
    revenueRow(lines[0], prior[0]),
    revenueRow(lines[1], prior[1]),
    totalRow('TOTAL', 0, 2),
    ['SECOND SECTION'],
    revenueRow(lines[2], prior[2]),
    revenueRow(lines[3], prior[3]),
    totalRow('TOTAL', 2, 4),
    totalRow(`TOTAL ${dept}`, 0, 4),
  ];
  const cum = (rows: number[][]) => [0, 1, 2, 3].map((y) => sum(rows.map((r) => r[y])));
  const growthTotal = cum(growth);
  const savingsTotal = cum(savings);
  const inc = (c: number[]) => c.map((v, y) => (y === 0 ? v : v - c[y - 1]));
  const priorTotal = sum(prior) / 1000;
  const netTotal = sum(lines.map((l) => l.net)) / 1000;
  const transfers = 100 * k;
  const proposed: number[] = [];
  const original: number[] = [];
  [0, 1, 2, 3].forEach((y) => {
    original[y] = y === 0 ? priorTotal - transfers : proposed[y - 1];
    proposed[y] = original[y] + (y === 0 ? transfers : 0) + inc(growthTotal)[y] + inc(savingsTotal)[y];
  });
  const summary: Spec = [
    [b(`${dept} DEPARTMENT`)],
    [b('MTFS 2015/16 - 2018/19 BUDGET SUMMARY')],
    [],
    [undefined, ...years.map(b)],
    ['Updated original budget', ...original],
    ['Other changes', 0, 0, 0, 0],
    ['Budget Transfers and Adjustments', transfers, 0, 0, 0],
    [b('Sub Total'), ...original.map((o, y) => b(o + (y === 0 ? transfers : 0)))],
    ['Add proposed growth (Appendix B)', ...inc(growthTotal)],
    ['Less proposed savings (Appendix B)', ...inc(savingsTotal)],
    ['Proposed/Provisional budget (Appendix A)', ...proposed],
    [],
    [b('NET BUDGET 2015/16')],
    [],
    [undefined, b('£000')],
    ['Employees', section(0, 4, 'e') / 1000],
    ['Running Costs', section(0, 4, 'r') / 1000],
    ['Gross Costs', (section(0, 4, 'e') + section(0, 4, 'r')) / 1000],
    ['Income', (section(0, 4, 'x') + section(0, 4, 'i')) / 1000],
    ['Net Budget', netTotal],
  ];
  const growthSheet: Spec = [
    [b('GROWTH')],
    [],
    [b('TDEI ref.'), undefined, ...years.map(b)],
    [undefined, bu(`${dept} ITEMS`)],
    ['G1', 'Demand for services', ...growth[0]],
    ['* G2', 'Inflation on contracts', ...growth[1]],
    [undefined, b('Total'), ...growthTotal.map(b)],
  ];
  const savingsSheet: Spec = [
    [b('SAVINGS')],
    [],
    [b('TDEI ref.'), b('Eff/SR/ Income'), undefined, ...years.map(b)],
    [undefined, bu(`${dept} ITEMS`)],
    ['** T1', 'Eff', 'Review of support services', ...savings[0]],
    ['D1', 'SR', 'Reduce opening hours', ...savings[1]],
    [undefined, b('TOTAL'), undefined, ...savingsTotal.map(b)],
  ];
  const capital: Spec = [
    [b('CAPITAL PROGRAMME 2015/16 - 2018/19')],
    [b(`${dept} DEPARTMENT`)],
    [],
    [b('Estimated Completion Date'), b('Gross Cost of Project £000'), undefined, ...years.map(b), b('Total £000')],
    [undefined, undefined, bu('Buildings')],
    ['Mar-19', 400 * k, 'Depot renewal', 100 * k, 100 * k, 100 * k, 100 * k, 400 * k],
    ['Mar-17', 200 * k, 'Boilers', 150 * k, 50 * k, undefined, undefined, 200 * k],
    [undefined, undefined, b(`Total ${name}`), b(250 * k), b(150 * k), b(100 * k), b(100 * k), b(600 * k)],
  ];
  return [
    sheet(`${prefix}Budget Summary`, summary),
    sheet(`${prefix}Revenue Budget`, revenue),
    sheet(`${prefix}Growth`, growthSheet),
    sheet(`${prefix}Savings`, savingsSheet),
    sheet(`${prefix}Capital Programme`, capital),
  ];
}
