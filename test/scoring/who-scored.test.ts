import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/engine/grid';
import { gridFromValues } from '../../src/engine/grid';
import { compareScores, scoreWorkbook, type ScoreChange } from '../../src/engine/scoring';
import { sheetValues } from '../support/snapshot';
import { HEADINGS, mtfs, row, tempDir, writeXlsx, type Row } from './helpers';

/*
 * Who scored what (the optional scorer and rationale columns) and what changed since a previous scoring workbook:
 * read from the sheet, compared, and read back from the Proposal Scores sheet the report writes.
 */

const NOTE_HEADINGS = ['Scored by', 'Customer service – scored by', 'CUSTOMER SERVICE (rationale)', 'Risk: rationale'];

function sheet(rows: { ref: string; over?: Partial<Row>; notes?: CellValue[] }[]) {
  return gridFromValues('Commercial Projects', [
    ['COMMERCIAL PROPOSALS FOR SCORING'],
    [],
    [...HEADINGS, ...NOTE_HEADINGS],
    ...rows.map((r) => [...row(r.ref, r.over), ...(r.notes ?? [])]),
  ]);
}

const PREVIOUS = [
  { ref: 'C1', over: { customer: 3 }, notes: ['A. Khan', null, 'Local businesses asked for it', 'Contract risk only'] },
  { ref: 'C2', over: { deliverability: 2 }, notes: ['J. Patel', null, null, null] },
  { ref: 'C3', notes: ['J. Patel'] },
];
const CURRENT = [
  // Customer service 3 → 4, scored by someone else, rationale unchanged: the change is flagged.
  {
    ref: 'C1',
    over: { customer: 4 },
    notes: ['A. Khan', 'R. Lewis', 'Local businesses asked for it', 'Contract risk only'],
  },
  // Deliverability 2 → 4; investment 100 → 80.
  { ref: 'C2', over: { deliverability: 4, investment: 80 }, notes: ['J. Patel', null, null, null] },
  { ref: 'c4', notes: [null, null, 'New this year', null] },
];

describe('who scored what', () => {
  it('reads a scorer and a rationale per criterion, headings matched ignoring case and punctuation; "Scored by" covers the rest', () => {
    const { projects, findings } = scoreWorkbook([sheet(CURRENT)]);
    expect(findings).toEqual([]);
    const c1 = projects.find((p) => p.ref === 'C1')!;
    expect(c1.notes['customer-service']).toEqual({
      scoredBy: 'R. Lewis',
      rationale: 'Local businesses asked for it',
      scoredByCell: 'N4',
      rationaleCell: 'O4',
    });
    expect(c1.notes.deliverability).toEqual({
      scoredBy: 'A. Khan',
      rationale: null,
      scoredByCell: 'M4',
      rationaleCell: null,
    });
    expect(c1.notes.risk).toEqual({
      scoredBy: 'A. Khan',
      rationale: 'Contract risk only',
      scoredByCell: 'M4',
      rationaleCell: 'P4',
    });
    const c4 = projects.find((p) => p.ref === 'c4')!;
    expect(c4.notes).toEqual({
      'customer-service': { scoredBy: null, rationale: 'New this year', scoredByCell: null, rationaleCell: 'O6' },
    });
  });

  it('without the columns, nothing changes: no notes and the same scores', () => {
    const plain = scoreWorkbook([gridFromValues('Commercial Projects', [HEADINGS, row('A')])]);
    expect(plain.projects[0].notes).toEqual({});
  });
});

describe('what changed since a previous scoring', () => {
  const changes = compareScores(scoreWorkbook([sheet(PREVIOUS)]), scoreWorkbook([sheet(CURRENT)]));
  const of = (ref: string) => changes.proposals.find((p) => p.ref === ref)!;
  const item = (ref: string, what: string) => of(ref).changes.find((c) => c.what === what);

  it('pairs proposals by Ref, ignoring case, and lists every score, figure, result and note that changed', () => {
    expect(changes.proposals.map((p) => [p.ref, p.status])).toEqual([
      ['C1', 'changed'],
      ['C2', 'changed'],
      ['c4', 'new'],
      ['C3', 'removed'],
    ]);
    expect(item('C1', 'Customer service score')).toEqual<ScoreChange>({
      what: 'Customer service score',
      before: '3',
      now: '4',
      cell: 'H4',
      unexplained: true,
    });
    expect(item('C1', 'Customer service scored by')).toMatchObject({ before: 'A. Khan', now: 'R. Lewis', cell: 'N4' });
    expect(item('C2', 'Deliverability score')).toMatchObject({ before: '2', now: '4', unexplained: true });
    expect(item('C2', 'Investment £000')).toMatchObject({ before: '100', now: '80', cell: 'E5' });
    expect(item('C2', 'Reward score')).toMatchObject({ before: '63.0', now: '71.0' });
    expect(item('C2', 'Rank')).toMatchObject({ before: '3', now: '2' });
    expect(of('C1').words).toBe(
      'C1: Customer service score 3 → 4 (rationale not updated); Reward score 67.0 → 71.0; Band Priority 2 → Priority 1; 1 note changed.',
    );
    expect(changes.summary).toBe('2 proposals changed, 1 new, 1 removed');
  });
});

describe('on the command line and the Proposal Scores sheet', () => {
  let dir: string;
  let previous: string;
  let current: string;
  beforeAll(async () => {
    dir = tempDir();
    previous = await writeXlsx(join(dir, 'last-year.xlsx'), [sheet(PREVIOUS)]);
    current = await writeXlsx(join(dir, 'this-year.xlsx'), [sheet(CURRENT)]);
  });

  it('mtfs score --previous prints what changed, and --json has it too', () => {
    const text = mtfs('score', current, '--previous', previous);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Changes since last-year.xlsx: 2 proposals changed, 1 new, 1 removed.');
    expect(text.stdout).toContain('  C1: Customer service score 3 → 4 (rationale not updated);');
    expect(text.stdout).toContain('    Customer service scored by: A. Khan → R. Lewis');
    expect(text.stdout).toContain('Who scored what:\n  C1      Net yield 5           scored by A. Khan\n');
    expect(text.stdout).toContain(
      '\n  C1      Customer service 4    scored by R. Lewis: Local businesses asked for it\n',
    );
    expect(text.stdout).toContain('\n  c4      Customer service 3    scorer not given: New this year\n');
    const json = JSON.parse(mtfs('score', current, '--previous', previous, '--json').stdout);
    expect(json.changes.previous).toBe('last-year.xlsx');
    expect(json.changes.proposals.find((p: { ref: string }) => p.ref === 'C3')).toEqual({
      ref: 'C3',
      status: 'removed',
      words: 'C3 is no longer on the sheet.',
      changes: [],
    });
    expect(json.projects.find((p: { ref: string }) => p.ref === 'C1').criteria[3]).toEqual({
      name: 'Customer service',
      score: 4,
      weight: 20,
      scoredBy: 'R. Lewis',
      rationale: 'Local businesses asked for it',
    });
  });

  it('says plainly when the previous workbook cannot be compared, exit 2', () => {
    const r = mtfs('score', current, '--previous', join(dir, 'missing.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mtfs: cannot read the previous workbook .*missing\.xlsx: no such file\n$/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });

  it('mtfs report never writes over the earlier scoring workbook it reads: exit 2, and the file is unchanged', async () => {
    const before = await readFile(previous);
    const r = mtfs('report', current, '-o', previous, '--previous-scores', previous);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `mtfs: the output would overwrite the earlier scoring workbook ${previous}; give another -o file\n`,
    );
    expect((await readFile(previous)).equals(before)).toBe(true);
  });

  it('mtfs report --previous-scores writes who scored what and the changes on the Proposal Scores sheet, read back from the file', async () => {
    const out = join(dir, 'report.xlsx');
    const r = mtfs('report', current, '-o', out, '--previous-scores', previous);
    expect(r.code, r.stderr).toBe(0);
    const rows = await sheetValues(out, 'Proposal Scores');
    const at = (title: string) => rows.findIndex((row) => row?.[0] === title);
    const block = (title: string) => {
      const start = at(title);
      const end = rows.findIndex((row, i) => i > start && !row?.some((v) => v !== null && v !== ''));
      return rows.slice(start, end < 0 ? undefined : end);
    };
    const who = block('WHO SCORED WHAT');
    expect(who[1]).toEqual(['Rank', 'Ref', 'Criterion', 'Score', 'Scored by', null, null, 'Rationale']);
    expect(who).toContainEqual([2, 'C2', 'Customer service', '3', 'J. Patel']);
    expect(who).toContainEqual([
      1,
      'C1',
      'Customer service',
      '4',
      'R. Lewis',
      null,
      null,
      'Local businesses asked for it',
    ]);
    expect(who).toContainEqual([1, 'C1', 'Risk', '2 × 2 = 4', 'A. Khan', null, null, 'Contract risk only']);
    expect(who).toContainEqual([3, 'c4', 'Customer service', '3', null, null, null, 'New this year']);
    const changed = block('CHANGES SINCE last-year.xlsx');
    expect(changed[1]).toEqual([null, null, '2 proposals changed, 1 new, 1 removed. Proposals are paired by Ref.']);
    expect(changed).toContainEqual([
      null,
      'C1',
      'Customer service score',
      '3',
      '4',
      null,
      null,
      'Score changed but its rationale did not',
    ]);
    expect(changed).toContainEqual([null, 'C1', 'Customer service scored by', 'A. Khan', 'R. Lewis']);
    expect(changed).toContainEqual([null, 'C2', 'Investment £000', '100', '80']);
    expect(changed).toContainEqual([null, 'c4', 'c4 is new.']);
    expect(changed).toContainEqual([null, 'C3', 'C3 is no longer on the sheet.']);
  });
});
