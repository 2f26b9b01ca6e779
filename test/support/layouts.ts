/**
 * What the tests of tables in layouts the reader was not developed on share (unseen.test.ts, published.test.ts,
 * published-reports.test.ts): a table written to a real .xlsx and checked as a user's file arrives, the findings a
 * paper calls for, and every figure changed in turn.
 */
import { expect } from 'vitest';
import { a1 } from '../../src/engine/a1';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import type { SheetGrid } from '../../src/engine/grid';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import type { UnseenLayout } from '../fixtures/unseen/layouts';
import { cloneGrids, gridsToBuffer } from './workbooks';

/** The sheets written to a real .xlsx with ExcelJS, read back as a user's file would arrive, and checked. */
export async function checkAsFile(sheets: SheetGrid[]): Promise<CheckResult> {
  const wb = await XlsxWorkbook.open(await gridsToBuffer(sheets));
  return checkWorkbook(await wb.readSheets());
}

/**
 * Every table found, an error at each of the paper's mistakes (and the totals they put out) and nowhere else, the
 * warnings it deserves and no other, and no note but rounding differences and those it lists.
 */
export function expectFindingsCalledFor(result: CheckResult, layout: UnseenLayout): void {
  expect(result.tables).toHaveLength(layout.tables);
  const errors = [...new Set(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`))];
  expect(errors.sort()).toEqual([...layout.errors].sort());
  const said = (severity: string) =>
    result.findings.filter((f) => f.severity === severity).map((f) => `${f.rule} at ${f.sheet}!${f.cell}`);
  expect(said('warning')).toEqual(layout.warnings);
  expect(said('info').filter((n) => !n.startsWith('rounding-difference at '))).toEqual(layout.notes ?? []);
}

/**
 * Every figure a checked total counts, changed by ten of its column's units as read, each in a copy of the sheets
 * checked in memory: the figures after which no error on its sheet says anything the unchanged sheets did not
 * ("name Sheet!A1"), and how many were tried. A total the paper already gets wrong is passed over: it is said
 * already, whatever else changes.
 */
export function figuresNotCaught(layouts: UnseenLayout[]): { tried: number; missed: string[] } {
  const missed: string[] = [];
  let tried = 0;
  for (const layout of layouts) {
    const base = checkWorkbook(cloneGrids(layout.sheets));
    const wrong = new Set(base.findings.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`));
    for (const table of base.tables)
      for (const total of table.rows) {
        if (total.type !== 'total' || !total.structure) continue;
        if (total.figures.some((f) => f && wrong.has(`${table.sheet}!${a1(f.row, f.col)}`))) continue;
        for (const row of [total, ...total.parts!.map((p) => table.rows[p])])
          table.columns.forEach((_, i) => {
            const f = row.figures[i];
            if (!f || !total.structure!.checked[i]) return;
            const grids = cloneGrids(layout.sheets);
            const cell = grids.find((g) => g.name === table.sheet)!.rows[f.row][f.col]!;
            if (typeof cell.value !== 'number') return;
            // A cell read in another unit than it holds (Cleveland's £664,000 read as 0.664 in a £m column) changes
            // by ten of the column's units as read, in the cell's own unit.
            const held = f.value && !f.value.isZero() ? cell.value / f.value.toNumber() : 1;
            cell.value += 10 * (table.steps?.[i] ?? table.step).toNumber() * held;
            tried++;
            const errors = checkWorkbook(grids).findings.filter(
              (x) => x.severity === 'error' && x.sheet === table.sheet,
            );
            if (!errors.some((x) => !wrong.has(`${x.sheet}!${x.cell}`)))
              missed.push(`${layout.name} ${table.sheet}!${a1(f.row, f.col)}`);
          });
      }
  }
  return { tried, missed };
}

/** "Sheet!row label ← rows" for every total, and "Sheet!row label (memo)" for every memo line: how a paper was read. */
export function totalsRead(result: CheckResult): string[] {
  return result.tables.flatMap((t) =>
    t.rows.flatMap((r) => {
      if (r.type === 'memo') return [`${t.sheet}!${r.row + 1} ${r.label} (memo)`];
      if (r.type !== 'total') return [];
      return [`${t.sheet}!${r.row + 1} ${r.label} ← ${r.parts!.map((p) => t.rows[p].row + 1).join(',')}`];
    }),
  );
}
