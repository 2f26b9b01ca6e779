import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { compareWorkbooks } from '../../src/engine/changes';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';
import { previousFromStars } from './fixture-edits';
import { Edit, readBack } from './helpers';

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
    expect(
      g22.figures.map((f) => [f.year, f.previous?.toFixed() ?? null, f.current?.toFixed() ?? null, f.status]),
    ).toEqual([
      ['2014/15', '-515', null, 'only-previous'],
      ['2015/16', '-500', '-500', 'same'],
      ['2016/17', '-500', '-500', 'same'],
      ['2017/18', '-500', '-500', 'same'],
      ['2018/19', null, '-500', 'only-current'],
    ]);
    const d84 = result.lines.find((l) => l.current?.ref === 'D84')!;
    expect(
      d84.figures
        .filter((f) => f.status === 'changed')
        .map((f) => [f.year, f.previous!.toFixed(), f.current!.toFixed(), f.difference!.toFixed()]),
    ).toEqual([['2015/16', '170', '175', '5']]);
  });

  it('flags exactly the * line whose figure differs from the previous MTFS', async () => {
    // G22 sits on row 11 of the previous MTFS (G20 and G21 were not in it), its 2016/17 in column E.
    const changed = new Edit(cloneGrids(previousGrids)).set('Growth', 'E11', -450).grids;
    const result = compareWorkbooks(await readBack(changed), current);
    expect(result.findings.map((f) => [f.rule, `${f.sheet}!${f.cell}`, f.message])).toEqual([
      [
        'marker-mismatch',
        'Growth!A13',
        'G22 is marked * (unchanged) but it was in the previous MTFS and has been amended (2016/17 -450 → -500): it should be **',
      ],
    ]);
  });
});
