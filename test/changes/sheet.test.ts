import { describe, expect, it } from 'vitest';
import { changesSheet, CHANGES_SHEET, compareWorkbooks } from '../../src/engine/changes';
import { isDecimalValue, MONEY_FORMAT, type OutputCell } from '../../src/engine/output';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';
import { editedMtfs } from './fixture-edits';
import { Edit, readBack } from './helpers';

/** A cell as a reader sees it: its value, then b (bold) and u (underlined). */
function show(cell: OutputCell | null | undefined): string {
  if (!cell || cell.value === null) return '';
  const value = isDecimalValue(cell.value) ? cell.value.toFixed() : String(cell.value);
  return value + (cell.bold ? ' [b]' : '') + (cell.underline ? ' [u]' : '');
}

describe('the "Changes since previous MTFS" sheet', async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);
  const previous = await readBack(fixture);
  const result = compareWorkbooks(previous, await readBack(editedMtfs(fixture)));
  const sheet = changesSheet(result, { previous: 'last-year.xlsx', current: 'this-year.xlsx' });
  const rows = sheet.rows.map((r) => r.map(show));

  it('opens with the counts, per table and in all', () => {
    expect(sheet.name).toBe(CHANGES_SHEET);
    expect(rows.slice(0, 11)).toEqual([
      ['CHANGES SINCE THE PREVIOUS MTFS: CORPORATE RESOURCES [b] [u]'],
      ['This MTFS: this-year.xlsx; previous MTFS: last-year.xlsx'],
      ['3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree'],
      [],
      ['Table [b]', '', 'New [b]', 'Amended [b]', 'Unchanged [b]', 'Removed [b]', 'Marker disagreements [b]'],
      ['Growth (Appendix B)', '', '1', '1', '2', '1', '1'],
      ['Savings (Appendix B)', '', '1', '1', '13', '1', '2'],
      ['Capital programme (Appendix C): CORPORATE RESOURCES DEPARTMENT', '', '0', '2', '3', '1', '0'],
      ['Capital programme (Appendix C): CORPORATE PROGRAMME', '', '1', '0', '4', '0', '0'],
      ['Total [b]', '', '3 [b]', '4 [b]', '22 [b]', '3 [b]', '3 [b]'],
      [],
    ]);
  });

  it('lists each table under its sections: ref, description, change, typed and derived star, each year previous / current / difference, a note', () => {
    const years = ['2015/16', '2016/17', '2017/18', '2018/19'].flatMap((y) => [`${y} £000 [b]`, '', '']);
    const triplets = Array(4).fill(['Previous [b]', 'Current [b]', 'Difference [b]']).flat();
    expect(rows.slice(11, 23)).toEqual([
      ['Growth (Appendix B) [b] [u]'],
      ['This MTFS: Growth!A4:F15; previous MTFS: Growth!A4:F15'],
      ['', '', '', '', '', ...years],
      ['Ref [b]', 'Description [b]', 'Change [b]', 'Marker typed [b]', 'Marker derived [b]', ...triplets, 'Note [b]'],
      ['', 'CORPORATE RESOURCES ITEMS [b] [u]'],
      [
        'G19',
        'Revenue consequences of Corporate ICT capital programme & PSN compliance',
        'Amended',
        '**',
        '**',
        '40',
        '40',
        '0',
        '60',
        '75',
        '15',
        '90',
        '90',
        '0',
        '120',
        '120',
        '0',
      ],
      [
        'G25',
        'Data Integrity & Systems Resilience',
        'Unchanged',
        'none',
        '*',
        ...Array(4).fill(['200', '200', '0']).flat(),
        'reference was G20; marker should be *',
      ],
      ['G23', 'Digital inclusion programme', 'New', 'none', 'none', ...Array(4).fill(['', '50', '']).flat()],
      [
        'G21',
        'Development of Digital Services',
        'Removed',
        '',
        '',
        ...Array(4).fill(['100', '', '']).flat(),
        'was at Growth!A9',
      ],
      ['', 'CORPORATE ITEMS [b] [u]'],
      [
        'G22',
        'Removal of time-limited growth for school place planning strategy',
        'Unchanged',
        '*',
        '*',
        ...Array(4).fill(['-500', '-500', '0']).flat(),
      ],
      [],
    ]);
  });

  it('notes how a line was paired and what else changed about it', () => {
    const note = (description: string) => rows.find((r) => r[1] === description)!.at(-1);
    expect(note('Review of Operational ICT services')).toBe(
      'matched by description (84% alike); previously "Review of Operational ICT"',
    );
    expect(note('Review of Customer Services Centre')).toBe('previously "Review of the Customer Service Centre"');
    expect(note('Vacancy management for supported employment')).toBe('moved from Departmental');
    expect(note('Reduce printing costs')).toBe('marker should be none');
  });

  it("shows capital lines with gross cost and total, in the programme's order", () => {
    const header = rows.find((r) => r[5] === 'Gross Cost of Project £000 [b]')!;
    expect(header.filter(Boolean)).toEqual([
      'Gross Cost of Project £000 [b]',
      '2015/16 £000 [b]',
      '2016/17 £000 [b]',
      '2017/18 £000 [b]',
      '2018/19 £000 [b]',
      'Total £000 [b]',
    ]);
    const wan = rows.find((r) => r[1] === 'WAN Renewal')!;
    expect(wan).toEqual([
      '',
      'WAN Renewal',
      'Amended',
      '',
      '',
      '840',
      '900',
      '60',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '50',
      '50',
      '0',
      '400',
      '400',
      '0',
      '450',
      '450',
      '0',
    ]);
  });

  it('writes every figure exactly in the house format, links each current line to its cell, and keeps text as text', async () => {
    const cells = sheet.rows.flat().filter((c): c is OutputCell => !!c);
    for (const c of cells.filter((x) => isDecimalValue(x.value)))
      expect([c.format, c.align]).toEqual([MONEY_FORMAT, 'right']);
    const g19 = sheet.rows.find((r) => r[0]?.value === 'G19')!;
    expect(g19[0]!.link).toEqual({ sheet: 'Growth', cell: 'A7' });
    const formula = new Edit(cloneGrids(fixture)).set('Growth', 'B9', '=SUM(C9:F9)').grids;
    const withText = changesSheet(compareWorkbooks(previous, await readBack(formula)));
    const line = withText.rows.find((r) => r[0]?.value === 'G21')!;
    expect([line[0]!.value, line[1]!.value, line[2]!.value]).toEqual(['G21', '=SUM(C9:F9)', 'Unchanged']);
  });
});
