import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANGES_SHEET } from '../../src/engine/changes';
import { checkWorkbook } from '../../src/engine/check';
import { notAWorkbook } from '../support/bad-files';
import { mtfs } from '../support/cli';
import { CORPORATE_RESOURCES } from '../support/paths';
import { sheetValues, snapshot } from '../support/snapshot';
import { b, cloneGrids, readGrids, sheet, tempDir, writeGrids } from '../support/workbooks';
import { editedMtfs, previousFromStars } from './fixture-edits';
import { Edit } from './helpers';

const dir = tempDir('mtfs-compare-');
const thisYear = join(dir, 'this-year.xlsx');
const lastYear = join(dir, 'last-year.xlsx');
const lastYearWithMore = join(dir, 'last-year-with-more.xlsx');

const LINE_KEYS = [
  'kind',
  'table',
  'ref',
  'description',
  'section',
  'change',
  'years',
  'gross',
  'total',
  'marker',
  'match',
  'movedFrom',
  'current',
  'previous',
];

beforeAll(async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);
  await writeGrids(editedMtfs(fixture), thisYear);
  const previous = previousFromStars(fixture, checkWorkbook(fixture));
  await writeGrids(previous, lastYear);
  await writeGrids(
    new Edit(cloneGrids(previous)).insertRow('Growth', 8, ['* G18', 'Members allowances review', 10, 10, 10, 10]).grids,
    lastYearWithMore,
  );
});

describe('mtfs compare --json', () => {
  it('prints one document: every line with its change, years, stars, pairing and cells; the findings as check gives them; a summary', () => {
    const r = mtfs('compare', CORPORATE_RESOURCES, thisYear, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['lines', 'findings', 'summary']);
    for (const line of doc.lines) expect(Object.keys(line)).toEqual(LINE_KEYS);
    expect(doc.lines[0]).toEqual({
      kind: 'growth',
      table: 'Growth (Appendix B)',
      ref: 'G19',
      description: 'Revenue consequences of Corporate ICT capital programme & PSN compliance',
      section: 'CORPORATE RESOURCES ITEMS',
      change: 'amended',
      years: [
        { year: '2015/16', previous: '40', current: '40', difference: '0', status: 'same' },
        { year: '2016/17', previous: '60', current: '75', difference: '15', status: 'changed' },
        { year: '2017/18', previous: '90', current: '90', difference: '0', status: 'same' },
        { year: '2018/19', previous: '120', current: '120', difference: '0', status: 'same' },
      ],
      gross: null,
      total: null,
      marker: { typed: '**', derived: '**' },
      match: { by: 'ref', confidence: 1 },
      movedFrom: null,
      current: {
        id: 'Growth!A7',
        sheet: 'Growth',
        cell: 'A7',
        ref: 'G19',
        description: 'Revenue consequences of Corporate ICT capital programme & PSN compliance',
        section: 'CORPORATE RESOURCES ITEMS',
      },
      previous: {
        id: 'Growth!A7',
        sheet: 'Growth',
        cell: 'A7',
        ref: 'G19',
        description: 'Revenue consequences of Corporate ICT capital programme & PSN compliance',
        section: 'CORPORATE RESOURCES ITEMS',
      },
    });
    const wan = doc.lines.find((l: { description: string }) => l.description === 'WAN Renewal');
    expect([wan.change, wan.gross, wan.total, wan.marker, wan.ref]).toEqual([
      'amended',
      { previous: '840', current: '900', difference: '60', status: 'changed' },
      { previous: '450', current: '450', difference: '0', status: 'same' },
      null,
      null,
    ]);
    const removed = doc.lines.find((l: { change: string }) => l.change === 'removed');
    expect([removed.ref, removed.current, removed.marker, removed.match, removed.previous.id]).toEqual([
      'G21',
      null,
      null,
      null,
      'Growth!A9',
    ]);
    for (const f of doc.findings)
      expect(Object.keys(f)).toEqual(['severity', 'rule', 'sheet', 'cell', 'message', 'expected', 'actual']);
    expect(
      doc.findings.filter((f: { rule: string }) => f.rule === 'marker-mismatch').map((f: { cell: string }) => f.cell),
    ).toEqual(['A8', 'A11', 'A21']);
    expect(doc.summary).toEqual({
      new: 3,
      amended: 4,
      unchanged: 22,
      removed: 3,
      markerDisagreements: 3,
      tables: [
        {
          kind: 'growth',
          name: 'Growth (Appendix B)',
          new: 1,
          unchanged: 2,
          amended: 1,
          removed: 1,
          markerDisagreements: 1,
          current: 'Growth!A4:F15',
          previous: 'Growth!A4:F15',
        },
        {
          kind: 'savings',
          name: 'Savings (Appendix B)',
          new: 1,
          unchanged: 13,
          amended: 1,
          removed: 1,
          markerDisagreements: 2,
          current: 'Savings!A4:G27',
          previous: 'Savings!A4:G27',
        },
        {
          kind: 'capital',
          name: 'Capital programme (Appendix C): CORPORATE RESOURCES DEPARTMENT',
          new: 0,
          unchanged: 3,
          amended: 2,
          removed: 1,
          markerDisagreements: 0,
          current: 'Capital Programme!A4:H14',
          previous: 'Capital Programme!A4:H15',
        },
        {
          kind: 'capital',
          name: 'Capital programme (Appendix C): CORPORATE PROGRAMME',
          new: 1,
          unchanged: 4,
          amended: 0,
          removed: 0,
          markerDisagreements: 0,
          current: 'Capital Programme!A18:H25',
          previous: 'Capital Programme!A19:H25',
        },
      ],
    });
  });

  it("takes the user's corrections: --not-same keeps two lines apart", () => {
    const doc = JSON.parse(
      mtfs('compare', CORPORATE_RESOURCES, thisYear, '--json', '--not-same', 'Growth!A8=Growth!A8').stdout,
    );
    const growth = doc.lines
      .filter((l: { kind: string }) => l.kind === 'growth')
      .map((l: { ref: string; change: string }) => `${l.ref} ${l.change}`);
    expect(growth).toEqual(['G19 amended', 'G25 new', 'G23 new', 'G22 unchanged', 'G20 removed', 'G21 removed']);
  });
});

describe('mtfs compare', () => {
  it('prints a readable list per table and exits 1 when a star disagrees', () => {
    const r = mtfs('compare', CORPORATE_RESOURCES, thisYear);
    expect(r.code).toBe(1);
    const out = r.stdout.split('\n');
    expect(out.slice(0, 7)).toEqual([
      'this-year.xlsx compared with the previous MTFS corporate-resources-2015.xlsx — CORPORATE RESOURCES',
      'Growth (Appendix B): Growth!A4:F15, previous Growth!A4:F15',
      '  amended    ** G19 Revenue consequences of Corporate ICT capital programme & PSN compliance: 2016/17 60 → 75 (+15)',
      '  unchanged  G25 Data Integrity & Systems Resilience  (reference was G20)',
      '  new        G23 Digital inclusion programme',
      '  removed    G21 Development of Digital Services  (was at Growth!A9)',
      '  2 unchanged lines',
    ]);
    expect(out).toContain('  amended    * T24 Review of Operational Property: 2018/19 -1,770 → -1,800 (-30)');
    expect(out).toContain('  amended    WAN Renewal: Gross Cost of Project 840 → 900 (+60)');
    expect(out).toContain('Marker disagreements (3):');
    expect(out).toContain(
      '  warning marker-mismatch      Savings!A21: D88 is marked ** (amended) but it is new since the previous MTFS: it should have no star',
    );
    expect(out.slice(-3)).toEqual([
      'Summary: 3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree',
      'Result: some star markers disagree with the comparison.',
      '',
    ]);
  });

  it('exits 0 when every star agrees, with removed lines only noted', () => {
    const r = mtfs('compare', lastYear, CORPORATE_RESOURCES);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Summary: 5 new, 13 amended, 11 unchanged, 0 removed; 0 markers disagree');
    expect(r.stdout).toContain('Result: every star marker agrees with the comparison.');
    const removed = mtfs('compare', lastYearWithMore, CORPORATE_RESOURCES);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(
      'Notes (1):\n  info    line-removed         Growth!A4: G18 Members allowances review, at Growth!A8 in the previous MTFS, is not in this one',
    );
    expect(removed.stdout).toContain('Summary: 5 new, 13 amended, 11 unchanged, 1 removed; 0 markers disagree');
  });

  it('exits 2, naming the file, when a workbook cannot be read or has nothing to compare, or a correction cannot apply', async () => {
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, notAWorkbook());
    const empty = join(dir, 'no-tables.xlsx');
    await writeGrids([sheet('Notes', [[b('Nothing here')]])], empty);
    const cases: [string[], string][] = [
      [[junk, thisYear], `mtfs: cannot read ${junk}: `],
      [[thisYear, join(dir, 'missing.xlsx')], `mtfs: cannot read ${join(dir, 'missing.xlsx')}: no such file`],
      [[empty, thisYear], `mtfs: ${empty} has no growth, savings or capital programme table to compare`],
      [
        [CORPORATE_RESOURCES, thisYear, '--same', 'Growth!A7=Savings!A7'],
        'mtfs: cannot pair as asked: Growth!A7 is a growth line and Savings!A7 a savings line',
      ],
      [
        [CORPORATE_RESOURCES, thisYear, '--same', 'G19=G20'],
        "error: option '--same <previous=current>' argument 'G19=G20' is invalid",
      ],
    ];
    for (const [args, message] of cases) {
      const r = mtfs('compare', ...args);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(message);
    }
  });
});

describe('mtfs compare -o', () => {
  it('writes this MTFS with the Changes sheet added, its own sheets cell for cell unchanged', async () => {
    const out = join(dir, 'with-changes.xlsx');
    const r = mtfs('compare', CORPORATE_RESOURCES, thisYear, '-o', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Wrote ${out}: this MTFS with the sheet "${CHANGES_SHEET}" added; your sheets and everything else in the workbook (charts, pivot tables, links, comments, macros, protection) are copied unchanged.`,
    );
    expect(await snapshot(out, (s) => s !== CHANGES_SHEET)).toEqual(await snapshot(thisYear));
    const values = await sheetValues(out, CHANGES_SHEET);
    expect(values.slice(0, 3)).toEqual([
      ['CHANGES SINCE THE PREVIOUS MTFS: CORPORATE RESOURCES'],
      ['This MTFS: this-year.xlsx; previous MTFS: corporate-resources-2015.xlsx'],
      ['3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree'],
    ]);
    expect(values[16]).toEqual([
      'G19',
      'Revenue consequences of Corporate ICT capital programme & PSN compliance',
      'Amended',
      '**',
      '**',
      40,
      40,
      0,
      60,
      75,
      15,
      90,
      90,
      0,
      120,
      120,
      0,
    ]);
  });

  it('with --json, prints only the document on stdout and says what it wrote on stderr', () => {
    const out = join(dir, 'json-and-sheet.xlsx');
    const r = mtfs('compare', CORPORATE_RESOURCES, thisYear, '--json', '-o', out);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['lines', 'findings', 'summary']);
    expect(r.stderr).toBe(
      `mtfs: Wrote ${out}: this MTFS with the sheet "${CHANGES_SHEET}" added; your sheets and everything else in the workbook (charts, pivot tables, links, comments, macros, protection) are copied unchanged.\n`,
    );
  });

  it('refuses to write over either input, unless --in-place for this MTFS, which then replaces only its own Changes sheet', async () => {
    const before = readFileSync(thisYear);
    const overCurrent = mtfs('compare', CORPORATE_RESOURCES, thisYear, '-o', thisYear);
    expect([overCurrent.code, overCurrent.stderr]).toEqual([
      2,
      `mtfs: the output would overwrite ${thisYear}; give another -o file, or --in-place to add the Changes sheet to it\n`,
    ]);
    const overPrevious = mtfs('compare', lastYear, thisYear, '-o', lastYear, '--in-place');
    expect([overPrevious.code, overPrevious.stderr]).toEqual([
      2,
      `mtfs: the output would overwrite the previous MTFS ${lastYear}; give another -o file\n`,
    ]);
    expect(readFileSync(thisYear).equals(before)).toBe(true);

    const copy = join(dir, 'in-place.xlsx');
    writeFileSync(copy, before);
    const first = mtfs('compare', CORPORATE_RESOURCES, copy, '-o', copy, '--in-place', '--json');
    const again = mtfs('compare', CORPORATE_RESOURCES, copy, '-o', copy, '--in-place', '--json');
    expect([first.code, again.code]).toEqual([1, 1]);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
    expect(again.stderr).toContain("(replacing the add-in's earlier one)");
    expect(await snapshot(copy, (s) => s !== CHANGES_SHEET)).toEqual(await snapshot(thisYear));
  });

  it("refuses a user's own sheet of the same name, writing nothing", async () => {
    const grids = await readGrids(thisYear);
    const withSheet = join(dir, 'user-sheet.xlsx');
    await writeGrids([...grids, sheet(CHANGES_SHEET, [['my notes']])], withSheet);
    const out = join(dir, 'never-written.xlsx');
    const r = mtfs('compare', CORPORATE_RESOURCES, withSheet, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `A sheet called "${CHANGES_SHEET}" already exists and was not written by the add-in, so it will not be overwritten.`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
