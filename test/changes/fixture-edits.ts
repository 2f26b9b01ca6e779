import { a1 } from '../../src/engine/a1';
import type { CheckResult } from '../../src/engine/check';
import type { SheetGrid } from '../../src/engine/grid';
import { valueOf } from '../../src/engine/validate';
import { cloneGrids } from '../support/workbooks';
import { Edit } from './helpers';

/**
 * This year's MTFS as a finance officer might have edited last year's (the published fixture):
 * Growth: G19's 2016/17 up from 60 to 75; G20 renumbered G25, description kept; G21 taken out and
 * G23 added in its place.
 * Savings: one of the five "T24" reviews reworded ("… Operational ICT services"), another's 2018/19
 * saving deepened from -1,770 to -1,800; D83 reworded ("Review of Customer Services Centre"); D86
 * taken out and D88 added; D87 moved from Departmental to Emerging.
 * Capital: the Corporate ICT programme's 2018/19 up from 550 to 600 (total 2,100 → 2,150); WAN
 * Renewal's gross cost up from 840 to 900; Melton KE VII taken out; "Property rationalisation" added
 * to the corporate programme.
 * Every star is typed as the comparison gives it, except G25 (no star; should be *), D88 (** on a
 * new line; should be none) and the T24 Operational Property review (* on an amended line; should be **).
 */
export function editedMtfs(fixture: SheetGrid[]): SheetGrid[] {
  const e = new Edit(cloneGrids(fixture));
  e.set('Growth', 'D7', 75)
    .set('Growth', 'A8', 'G25')
    .deleteRow('Growth', 9)
    .insertRow('Growth', 9, ['G23', 'Digital inclusion programme', 50, 50, 50, 50])
    .set('Growth', 'A7', '** G19')
    .set('Growth', 'A13', '* G22');
  e.set('Savings', 'C8', 'Review of Operational ICT services')
    .set('Savings', 'G11', -1800)
    .set('Savings', 'C18', 'Review of Customer Services Centre')
    .moveRow('Savings', 22, 26)
    .deleteRow('Savings', 21)
    .insertRow('Savings', 21, ['** D88', 'SR', 'Reduce printing costs', -20, -40, -40, -40]);
  const stars: [string, string][] = [
    ['A7', '* T24'],
    ['A8', '* T24'],
    ['A9', '* T24'],
    ['A10', '* T24'],
    ['A11', '* T24'],
    ['A12', '* TBC'],
    ['A13', '* TBC'],
    ['A16', '* D81'],
    ['A17', '* D82'],
    ['A18', '* D83'],
    ['A19', '* D84'],
    ['A20', '* D85'],
    ['A24', '* E81'],
    ['A25', '* D87'],
  ];
  for (const [cell, ref] of stars) e.set('Savings', cell, ref);
  e.set('Capital Programme', 'B8', 900)
    .set('Capital Programme', 'G6', 600)
    .set('Capital Programme', 'H6', 2150)
    .deleteRow('Capital Programme', 13)
    .insertRow('Capital Programme', 23, [
      new Date(Date.UTC(2018, 2, 31)),
      800,
      'Property rationalisation',
      200,
      300,
      300,
      0,
      800,
    ]);
  return e.grids;
}

/**
 * Last year's MTFS as the fixture's own stars say it was: its years one earlier (2014/15 – 2017/18,
 * so each figure sits one column to the right of where this year's has it); lines marked * the same
 * in every year both have; lines marked ** with their 2015/16 figure 5 lower; unstarred lines absent.
 */
export function previousFromStars(fixture: SheetGrid[], check: CheckResult): SheetGrid[] {
  const e = new Edit(cloneGrids(fixture));
  const dropped: { sheet: string; row: number }[] = [];
  for (const table of check.tables.filter((t) => t.kind === 'growth' || t.kind === 'savings')) {
    const cols = table.columns.map((c) => c.col);
    table.columns.forEach((c) =>
      e.set(table.sheet, a1(table.headerRow, c.col), `${Number(c.year!.slice(0, 4)) - 1}/${c.year!.slice(2, 4)} £000`),
    );
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
