import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../src/engine/grid';
import { withSavedScenario, type SavedScenario } from '../../src/engine/session';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { mtfs } from '../support/cli';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { cloneGrids, gridsToBuffer, readGrids, tempDir } from '../support/workbooks';

const dir = tempDir('mtfs-session-cli-');
const at = (name: string) => join(dir, name);
const A = 'Option A: protect libraries';

/** The example with Revenue Budget!A24 changed by `by` (+1000 makes the CUSTOMER SERVICES total an error). */
async function changed(name: string, by: number, recordFrom?: string): Promise<string> {
  const grids = cloneGrids(await readGrids(EXAMPLE_WITH_PROPOSALS));
  const cell = grids.find((g) => g.name === 'Revenue Budget')!.rows[23][0]!;
  cell.value = (cell.value as number) + by;
  const wb = await XlsxWorkbook.open(await gridsToBuffer(grids));
  if (recordFrom) await wb.writeStore((await (await XlsxWorkbook.open(readFileSync(recordFrom))).readStore())!);
  writeFileSync(at(name), await wb.toBuffer());
  return at(name);
}

beforeAll(() => {
  expect(
    mtfs(
      'scenario',
      'save',
      EXAMPLE_WITH_PROPOSALS,
      A,
      '--switch-out',
      'G20',
      '--switch-in',
      'C2',
      '--target',
      '2016/17=31,000',
      '-o',
      at('a.xlsx'),
    ).code,
  ).toBe(0);
  expect(mtfs('scenario', 'save', at('a.xlsx'), 'Option B', '--switch-out', 'D84', '-o', at('b.xlsx')).code).toBe(0);
}, 60_000);

describe('mtfs scenario', () => {
  it('lists the saved scenarios, in words and as JSON', () => {
    const r = mtfs('scenario', 'list', at('b.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  ${A} (saved `);
    expect(r.stdout).toContain('    Out: G20. In: C2. Targets: 2016/17 31,000.');
    expect(r.stdout).toContain('    Out: D84.');
    const doc = JSON.parse(mtfs('scenario', 'list', at('b.xlsx'), '--json').stdout);
    expect(doc.scenarios.map((s: SavedScenario & { applies: boolean }) => [s.name, s.applies])).toEqual([
      [A, true],
      ['Option B', true],
    ]);
    expect(doc.scenarios[0].targets).toEqual([{ year: '2016/17', value: '31000' }]);
  });

  it('compares them with the published plan year by year', () => {
    const r = mtfs('scenario', 'compare', at('b.xlsx'), A, 'Option B', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.years).toEqual(['2015/16', '2016/17', '2017/18', '2018/19']);
    expect(doc.columns.map((c: { name: string; proposed: string[] }) => [c.name, c.proposed])).toEqual([
      ['Published plan', ['33924', '31719', '29689', '25774']],
      [A, ['33324', '31119', '29089', '25174']],
      ['Option B', ['33749', '31569', '29449', '25724']],
    ]);
    expect(doc.columns[1].gap).toEqual([null, '119', null, null]);
    expect(doc.differences.map((d: { ref: string }) => d.ref)).toEqual(['G20', 'D84', 'C2']);
    const text = mtfs('scenario', 'show', at('b.xlsx'), 'option b').stdout;
    expect(text).toMatch(/Option B\n {2}Proposed budget +33,749 +31,569 +29,449 +25,724/);
  });

  it('writes the Scenarios sheet into a new file, leaving every input cell as it was', async () => {
    const r = mtfs('scenario', 'write', at('b.xlsx'), A, 'Option B', '-o', at('c.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sheet added: Scenarios, with Published plan, Option A: protect libraries, Option B');
    const before = await readGrids(at('b.xlsx'));
    const after = await readGrids(at('c.xlsx'));
    for (const input of before) expect(after.find((s) => s.name === input.name)!.rows).toEqual(input.rows);
    const sheet = after.find((s) => s.name === 'Scenarios')!;
    expect(cellText(sheet.rows[3]?.[6])).toBe(A);
    expect(sheet.rows[5]?.[6]?.value).toBe(33324);
    // The scenarios are still in the written file.
    expect(JSON.parse(mtfs('scenario', 'list', at('c.xlsx'), '--json').stdout).scenarios).toHaveLength(2);
  });

  it('says in words what it cannot do, and writes nothing', () => {
    let r = mtfs('scenario', 'show', at('b.xlsx'), 'Option C');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `mtfs: there is no saved scenario called “Option C” in this workbook (saved: “${A}” and “Option B”)\n`,
    );
    r = mtfs('scenario', 'save', at('b.xlsx'), 'X', '--switch-out', 'G99', '-o', at('x.xlsx'));
    expect(r.stderr).toBe(
      'mtfs: no growth or savings line or proposal has the reference or cell “G99”; nothing was written\n',
    );
    r = mtfs('scenario', 'save', at('b.xlsx'), 'X', '-o', at('b.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite the input/);
  });

  it('does not apply a scenario whose line is gone, and says which', async () => {
    const wb = await XlsxWorkbook.open(readFileSync(at('b.xlsx')));
    const gone: SavedScenario = {
      name: 'Old option',
      savedAt: '2025-01-10T10:00:00.000Z',
      out: [{ id: 'Growth!B20', source: 'growth', ref: 'G30', label: 'Library hours' }],
      in: [],
      targets: [],
    };
    await wb.writeStore(withSavedScenario(await wb.readStore(), gone));
    writeFileSync(at('gone.xlsx'), await wb.toBuffer());
    expect(mtfs('scenario', 'list', at('gone.xlsx')).stdout).toContain(
      '    Not applied: G30 Library hours (at Growth!B20 when the scenario was saved) is no longer in the workbook.',
    );
    const r = mtfs('scenario', 'compare', at('gone.xlsx'), 'Old option', 'Option B');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Note: Old option: not applied, because G30 Library hours');
    expect(r.stdout).not.toMatch(/^Old option$/m);
    expect(mtfs('scenario', 'show', at('gone.xlsx'), 'Old option').code).toBe(2);
  });
});

describe('mtfs mark and mtfs check with sign-offs', () => {
  it('keeps an explained error explained while its figures are the same, and lapses it when they change', async () => {
    const wrong = await changed('wrong.xlsx', 1000);
    let r = mtfs('check', wrong);
    expect(r.code).toBe(1);
    r = mtfs(
      'mark',
      wrong,
      'revenue budget!a25',
      '--explained',
      'D72 is a re-phasing agreed by Cabinet',
      '-o',
      at('marked.xlsx'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('marked Explained: D72 is a re-phasing agreed by Cabinet');
    r = mtfs('check', at('marked.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Signed off: 1 explained');
    expect(r.stdout).toMatch(
      /ERROR +total-mismatch +Revenue Budget!A25: .*\n {6}Explained \d+ \w+ \d{4}: D72 is a re-phasing agreed by Cabinet\n/,
    );
    expect(r.stdout).toContain('Result: no unexplained errors (1 error signed off as explained).');
    r = mtfs('check', at('marked.xlsx'), '--unexplained');
    expect(r.stdout).not.toContain('Revenue Budget!A25');
    const json = JSON.parse(mtfs('check', at('marked.xlsx'), '--json').stdout);
    expect(json.signedOff).toEqual({ explained: 1, toFix: 0, outOfDate: 0 });
    // The same mark on a workbook whose figure changed again: out of date, and the error counts again.
    const moved = await changed('moved.xlsx', 1500, at('marked.xlsx'));
    r = mtfs('check', moved);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Signed off: 1 mark out of date');
    expect(r.stdout).toMatch(
      /Out of date \(explained .*\): Marked explained on .* when it said: .*Its figures have changed since, so the mark is not carried: mark it again\./,
    );
    expect(mtfs('check', moved, '--unexplained').stdout).toContain('Revenue Budget!A25');
  });

  it('marks To fix and clears, asks which finding on a shared cell, and needs a note to explain', () => {
    let r = mtfs('mark', EXAMPLE_WITH_PROPOSALS, 'Savings!C14', '--to-fix', '-o', at('f.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /finds 2 things on Savings!C14 \(text-number, figures-misaligned\): say which with --rule/,
    );
    r = mtfs('mark', EXAMPLE_WITH_PROPOSALS, 'Savings!C14', '--rule', 'text-number', '--to-fix', '-o', at('f.xlsx'));
    expect(r.code).toBe(0);
    expect(mtfs('check', at('f.xlsx')).stdout).toMatch(/Savings!C14: 2015\/16 holds.*\n {6}To fix \d+/);
    r = mtfs('mark', at('f.xlsx'), 'Savings!C14', '--rule', 'text-number', '--clear', '-o', at('g.xlsx'));
    expect(r.code).toBe(0);
    expect(mtfs('check', at('g.xlsx')).stdout).not.toContain('Signed off');
    r = mtfs('mark', EXAMPLE_WITH_PROPOSALS, 'Savings!D19', '--explained', ' ', '-o', at('h.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/say why it is explained/);
  });

  it('puts the marks on the MTFS Findings sheet of mtfs report', async () => {
    expect(
      mtfs(
        'mark',
        EXAMPLE_WITH_PROPOSALS,
        'Revenue Budget!A25',
        '--explained',
        '£1 rounding, as published',
        '-o',
        at('r.xlsx'),
      ).code,
    ).toBe(0);
    expect(mtfs('report', at('r.xlsx'), '-o', at('report.xlsx')).code).toBe(0);
    const sheet = (await readGrids(at('report.xlsx'))).find((s) => s.name === 'MTFS Findings')!;
    const row = sheet.rows.find((r) => cellText(r?.[3]) === 'Revenue Budget!A25')!;
    expect(cellText(row[4])).toMatch(/^Explained \d+ \w+ \d{4}$/);
    expect(cellText(row[5])).toBe('£1 rounding, as published');
  });

  it('puts each workbook’s own marks on the council report’s MTFS Findings sheet', async () => {
    const wrong = await changed('council-wrong.xlsx', 1000);
    const marked = at('council-marked.xlsx');
    expect(mtfs('mark', wrong, 'Revenue Budget!A25', '--explained', 'Agreed re-phasing', '-o', marked).code).toBe(0);
    // The same error in two workbooks, explained in one: the other's is still open, so the report says errors.
    let r = mtfs('report', marked, wrong, '-o', at('council.xlsx'));
    expect(r.code).toBe(1);
    const sheet = (await readGrids(at('council.xlsx'))).find((s) => s.name === 'MTFS Findings')!;
    const header = sheet.rows.find((row) => cellText(row?.[0]) === 'Severity')!.map(cellText);
    expect(header).toEqual(['Severity', 'Rule', 'Message', 'Cell', 'Workbook', 'Status', 'Note']);
    const a25 = sheet.rows
      .filter((row) => cellText(row?.[3]) === 'Revenue Budget!A25')
      .map((row) => [cellText(row[4]), cellText(row[5]).replace(/ \d+ \w+ \d{4}$/, ''), cellText(row[6])]);
    expect(a25).toEqual([
      ['council-marked.xlsx', 'Explained', 'Agreed re-phasing'],
      ['council-wrong.xlsx', 'Open', ''],
    ]);
    r = mtfs('report', marked, EXAMPLE_WITH_PROPOSALS, '-o', at('council-explained.xlsx'));
    expect(r.code).toBe(0);
  });
});
