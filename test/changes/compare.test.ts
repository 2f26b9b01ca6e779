import { describe, expect, it } from 'vitest';
import { compareWorkbooks, type ChangesResult } from '../../src/engine/changes';
import { Decimal } from '../../src/engine/money';
import { CORPORATE_RESOURCES } from '../support/paths';
import { readGrids } from '../support/workbooks';
import { editedMtfs } from './fixture-edits';
import { brief, readBack } from './helpers';

const REMOVED_HINT =
  'is not in this one: removed (if it is here under another reference and description, pair the two by hand)';

describe('comparing the published fixture with an edited copy', async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);
  const previous = await readBack(fixture);
  const current = await readBack(editedMtfs(fixture));
  const result: ChangesResult = compareWorkbooks(previous, current);
  const lines = result.lines.map(brief);

  it('says what became of every growth line: amended in one year, renumbered, removed, added', () => {
    expect(lines.slice(0, 5)).toEqual([
      'G19 Revenue consequences of Corporate ICT capital programme & PSN compliance: amended [**→**] by ref (1.00) 2016/17 60→75 (15)',
      'G25 Data Integrity & Systems Resilience: unchanged [-→*] by description (1.00)',
      'G23 Digital inclusion programme: new [-→-]',
      'G22 Removal of time-limited growth for school place planning strategy: unchanged [*→*] by ref (1.00)',
      'G21 Development of Digital Services: removed',
    ]);
  });

  it('pairs the five "T24" lines by description among themselves, reworded or not, and follows a line moved to another section', () => {
    expect(lines.slice(5, 21)).toEqual([
      'T24 Review of Strategic Finance & Property: unchanged [*→*] by description (1.00)',
      'T24 Review of Operational ICT services: unchanged [*→*] by description (0.84)',
      'T24 Review of People, Procurement & Transformation: unchanged [*→*] by description (1.00)',
      'T24 Review of Strategic Information Technology & Comms: unchanged [*→*] by description (1.00)',
      'T24 Review of Operational Property: amended [*→**] by description (1.00) 2018/19 -1770→-1800 (-30)',
      'TBC Senior Management & Business Support: unchanged [*→*] by description (1.00)',
      'TBC Improvements to Properties and Assets: unchanged [*→*] by description (1.00)',
      'D81 Improved performance and growth of trading services: unchanged [*→*] by ref (1.00)',
      'D82 Efficiency savings from sharing services with Nottingham City Council (note 2014/15 only temporarily achieved): unchanged [*→*] by ref (1.00)',
      'D83 Review of Customer Services Centre: unchanged [*→*] by ref (1.00)',
      'D84 Contingency: unchanged [*→*] by ref (1.00)',
      'D85 Country Parks & Forestry - reduction of maintenance on parks and cessation of the free tree planting scheme: unchanged [*→*] by ref (1.00)',
      'D88 Reduce printing costs: new [**→-]',
      'E81 Further review of strategic support to departments: unchanged [*→*] by ref (1.00)',
      'D87 Vacancy management for supported employment: unchanged [*→*] by ref (1.00) moved from Departmental',
      'D86 End support for community ICT: removed',
    ]);
  });

  it('compares capital lines year by year, with their total and gross cost, block by block', () => {
    expect(lines.slice(21)).toEqual([
      'Corporate ICT Capital Programme: amended by description (1.00) 2018/19 550→600 (50), Total 2100→2150 (50)',
      'ICT Resilience: Data Centre Reprovisioning: unchanged by description (1.00)',
      'WAN Renewal: amended by description (1.00) Gross Cost of Project 840→900 (60)',
      'County Farms Estate - General Improvements: unchanged by description (1.00)',
      'Industrial Properties Estate - General Improvements: unchanged by description (1.00)',
      'Melton KE VII - Replacement Playing Fields - subject to business case: removed',
      'Corporate Asset Investment Fund: unchanged by description (1.00)',
      'Energy Strategy on Corporate Buildings - (Solar Panels, Biomass Boiler, heating/lighting control): unchanged by description (1.00)',
      'County Hall Master Plan 1 - Modernisation of former Fire HQ to enable Registrars and Out of Hours - ICT improvements to enable flexible working technology: unchanged by description (1.00)',
      'Property rationalisation: new',
      'County Hall Master Plan 2 - major works on end of life replacements: unchanged by description (1.00)',
    ]);
  });

  it('keeps the figures exact, with each year matched by its column', () => {
    const g19 = result.lines[0];
    expect(
      g19.figures.map((f) => [f.key, f.previous?.toFixed(), f.current?.toFixed(), f.difference?.toFixed(), f.status]),
    ).toEqual([
      ['year:2015/16', '40', '40', '0', 'same'],
      ['year:2016/17', '60', '75', '15', 'changed'],
      ['year:2017/18', '90', '90', '0', 'same'],
      ['year:2018/19', '120', '120', '0', 'same'],
    ]);
    expect(g19.figures[1].difference).toBeInstanceOf(Decimal);
    const g23 = result.lines[2];
    expect(g23.figures.map((f) => [f.previous, f.current?.toFixed(), f.status])).toEqual([
      [null, '50', 'only-current'],
      [null, '50', 'only-current'],
      [null, '50', 'only-current'],
      [null, '50', 'only-current'],
    ]);
  });

  it('names where each line is, in both workbooks', () => {
    const renumbered = result.lines[1];
    expect([renumbered.previous?.id, renumbered.current?.id]).toEqual(['Growth!A8', 'Growth!A8']);
    const moved = result.lines.find((l) => l.current?.ref === 'D87')!;
    expect([moved.previous?.id, moved.current?.id, moved.previous?.section, moved.current?.section]).toEqual([
      'Savings!A22',
      'Savings!A25',
      'Departmental',
      'Emerging',
    ]);
    const removed = result.lines.find((l) => l.change === 'removed' && l.kind === 'capital')!;
    expect([removed.previous?.id, removed.current]).toEqual(['Capital Programme!C13', undefined]);
  });

  it('flags exactly the stars that disagree, at their reference cells, and notes every removed line', () => {
    expect(result.findings.map((f) => [f.severity, f.rule, `${f.sheet}!${f.cell}`, f.message])).toEqual([
      [
        'warning',
        'marker-mismatch',
        'Growth!A8',
        'G25 has no star, but it was in the previous MTFS unchanged: it should be *',
      ],
      [
        'info',
        'line-removed',
        'Growth!A4',
        `G21 Development of Digital Services, at Growth!A9 in the previous MTFS, ${REMOVED_HINT}`,
      ],
      [
        'warning',
        'marker-mismatch',
        'Savings!A11',
        'T24 Review of Operational Property is marked * (unchanged) but it was in the previous MTFS and has been amended (2018/19 -1,770 → -1,800): it should be **',
      ],
      [
        'warning',
        'marker-mismatch',
        'Savings!A21',
        'D88 is marked ** (amended) but it is new since the previous MTFS: it should have no star',
      ],
      [
        'info',
        'line-removed',
        'Savings!A4',
        `D86 End support for community ICT, at Savings!A21 in the previous MTFS, ${REMOVED_HINT}`,
      ],
      [
        'info',
        'line-removed',
        'Capital Programme!A4',
        `Melton KE VII - Replacement Playing Fields - subject to business case, at Capital Programme!C13 in the previous MTFS, ${REMOVED_HINT}`,
      ],
    ]);
  });

  it('counts the changes per table and in all', () => {
    const { tables, ...all } = result.summary;
    expect(all).toEqual({ new: 3, unchanged: 22, amended: 4, removed: 3, markerDisagreements: 3 });
    expect(tables.map((t) => [t.name, t.new, t.amended, t.unchanged, t.removed, t.markerDisagreements])).toEqual([
      ['Growth (Appendix B)', 1, 1, 2, 1, 1],
      ['Savings (Appendix B)', 1, 1, 13, 1, 2],
      ['Capital programme (Appendix C): CORPORATE RESOURCES DEPARTMENT', 0, 2, 3, 1, 0],
      ['Capital programme (Appendix C): CORPORATE PROGRAMME', 1, 0, 4, 0, 0],
    ]);
  });
});
