import { describe, expect, it } from 'vitest';
import { a1 } from '../../src/engine/a1';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { compareWorkbooks } from '../../src/engine/changes';
import type { SheetGrid } from '../../src/engine/grid';
import { valueOf } from '../../src/engine/validate';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';
import { Edit, readBack } from './helpers';

/**
 * Last year's MTFS as the fixture's own stars say it was: its years one earlier (2014/15 – 2017/18,
 * so each figure sits one column to the right of where this year's has it); lines marked * the same
 * in every year both have; lines marked ** with their 2015/16 figure 5 lower; unstarred lines absent.
 */
function previousFromStars(fixture: SheetGrid[], check: CheckResult): SheetGrid[] {
  const e = new Edit(cloneGrids(fixture));
  const dropped: { sheet: string; row: number }[] = [];
  for (const table of check.tables.filter((t) => t.kind === 'growth' || t.kind === 'savings')) {
    const cols = table.columns.map((c) => c.col);
    table.columns.forEach((c, i) => e.set(table.sheet, a1(table.headerRow, c.col), `${Number(c.year!.slice(0, 4)) - 1}/${c.year!.slice(2, 4)} £000`));
    for (const line of table.rows.filter((r) => r.type === 'line')) {
      if (!line.marker) dropped.push({ sheet: table.sheet, row: line.row + 1 });
      const figures = cols.map((_, i) => valueOf(line, i)!.toNumber());
      const shifted = [figures[0] - 15, ...figures.slice(0, -1)];
      if (line.marker === '**') shifted[1] -= 5;
      cols.forEach((col, i) => e.set(table.sheet, a1(line.row, col), shifted[i]));
    }
  }
  dropped.sort((a, b) => b.row - a.row).forEach((d) => e.deleteRow(d.sheet, d.row));
  return e.grids;
}

describe("the fixture's own stars against the previous MTFS they describe", async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);
  const current = checkWorkbook(fixture);
  const previousGrids = previousFromStars(fixture, current);
  const previous = await readBack(previousGrids);

  it('builds a previous MTFS a year earlier, without the unstarred lines', () => {
    const growth = previous.tables.find((t) => t.kind === 'growth')!;
    expect(growth.columns.map((c) => c.key)).toEqual(['year:2014/15', 'year:2015/16', 'year:2016/17', 'year:2017/18']);
    expect(growth.rows.filter((r) => r.type === 'line').map((r) => r.ref)).toEqual(['G19', 'G22']);
  });

  it('finds no star that disagrees, and nothing removed', () => {
    const result = compareWorkbooks(previous, current);
    expect(result.findings).toEqual([]);
    expect(result.summary.tables.map((t) => [t.name, t.new, t.amended, t.unchanged, t.removed])).toEqual([
      ['Growth (Appendix B)', 2, 1, 1, 0],
      ['Savings (Appendix B)', 3, 12, 0, 0],
      ['Capital programme (Appendix C): CORPORATE RESOURCES DEPARTMENT', 0, 0, 6, 0],
      ['Capital programme (Appendix C): CORPORATE PROGRAMME', 0, 0, 4, 0],
    ]);
  });

  it('matches years by their column, and reports a year in one MTFS only as such, not as a change', () => {
    const result = compareWorkbooks(previous, current);
    const g22 = result.lines.find((l) => l.current?.ref === 'G22')!;
    expect(g22.figures.map((f) => [f.year, f.previous?.toFixed() ?? null, f.current?.toFixed() ?? null, f.status])).toEqual([
      ['2014/15', '-515', null, 'only-previous'],
      ['2015/16', '-500', '-500', 'same'],
      ['2016/17', '-500', '-500', 'same'],
      ['2017/18', '-500', '-500', 'same'],
      ['2018/19', null, '-500', 'only-current'],
    ]);
    const d84 = result.lines.find((l) => l.current?.ref === 'D84')!;
    expect(d84.figures.filter((f) => f.status === 'changed').map((f) => [f.year, f.previous!.toFixed(), f.current!.toFixed(), f.difference!.toFixed()])).toEqual([
      ['2015/16', '170', '175', '5'],
    ]);
  });

  it('flags exactly the * line whose figure differs from the previous MTFS', async () => {
    // G22 sits on row 11 of the previous MTFS (G20 and G21 were not in it), its 2016/17 in column E.
    const changed = new Edit(cloneGrids(previousGrids)).set('Growth', 'E11', -450).grids;
    const result = compareWorkbooks(await readBack(changed), current);
    expect(result.findings.map((f) => [f.rule, `${f.sheet}!${f.cell}`, f.message])).toEqual([
      ['marker-mismatch', 'Growth!A13', 'G22 is marked * (unchanged) but it was in the previous MTFS and has been amended (2016/17 -450 → -500): it should be **'],
    ]);
  });
});
