import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { Finding } from '../../src/engine/findings';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { b, gridsToBuffer, sheet } from '../support/workbooks';

const YEARS = ['2026/27', '2027/28', '2028/29'];
const at = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.sheet}!${f.cell}`);

async function check(sheets: ReturnType<typeof sheet>[]) {
  const wb = await XlsxWorkbook.open(await gridsToBuffer(sheets));
  return checkWorkbook(await wb.readSheets());
}

/** Savings in A:E and growth in G:K, a blank column between: how many councils print the two lists. */
function sideBySide(growthTotal2026 = 460): ReturnType<typeof sheet> {
  return sheet('Growth and Savings', [
    [b('Savings proposals (£000)'), undefined, undefined, undefined, undefined, undefined, b('Growth bids (£000)')],
    [b('Ref'), b('Proposal'), ...YEARS.map(b), undefined, b('Ref'), b('Bid'), ...YEARS.map(b)],
    ['S01', 'Restructure of highways team', -120.5, -180, -180, undefined, 'G01', 'Waste contract', 310, 325.5, 341.8],
    ['S02', 'LED street lighting', -75, -95.2, -95.2, undefined, 'G02', 'Highways defects', 150, 150, 0],
    [
      'S03',
      'Parking charges review',
      -120,
      -140,
      -160,
      undefined,
      b('Total growth'),
      undefined,
      b(growthTotal2026),
      b(475.5),
      b(341.8),
    ],
    [undefined, b('Total savings'), b(-315.5), b(-415.2), b(-435.2)],
  ]);
}

describe('tables printed side by side', () => {
  it('reads savings and growth printed side by side as two tables, each with its own totals', async () => {
    const result = await check([sideBySide()]);
    expect(result.tables.map((t) => `${t.range} ${t.kind} ${t.rows.filter((r) => r.type === 'line').length}`)).toEqual([
      'A2:E6 savings 3',
      'G2:K5 growth 2',
    ]);
    expect(at(result.findings)).toEqual([]);
  });

  it('finds a wrong total in the table on the right, at its own cell', async () => {
    const result = await check([sideBySide(470)]);
    expect(at(result.findings)).toEqual(['total-mismatch Growth and Savings!I5']);
    expect(result.findings.find((f) => f.rule === 'total-mismatch')?.message).toContain('Total growth');
  });

  it('keeps one table whole when an empty column only spaces its figures or its descriptions', async () => {
    const s = sheet('Revenue', [
      [b('REVENUE BUDGET')],
      [b('Service'), undefined, b('2026/27 £000'), b('2027/28 £000'), undefined, b('FTE 2026/27'), b('FTE 2027/28')],
      ['Libraries', undefined, 400, 410, undefined, 12, 12],
      ['Museums', undefined, 250, 260, undefined, 6, 5],
      ['Archives', undefined, 100, 100, undefined, 3, 3],
      [b('Total'), undefined, b(750), b(770), undefined, b(21), b(20)],
    ]);
    const result = await check([s]);
    expect(result.tables.map((t) => t.range)).toEqual(['A2:G6']);
    expect(at(result.findings)).toEqual([]);
  });
});
