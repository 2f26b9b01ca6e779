import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReadingCorrection } from '../../src/engine/reader/corrections';
import { storeWithCorrections } from '../../src/engine/store';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { mtfs } from '../support/cli';
import { b, bu, gridsToBuffer, sheet, tempDir } from '../support/workbooks';

const YEARS = ['2025/26 £000', '2026/27 £000', '2027/28 £000'].map(b);
const memo: ReadingCorrection = {
  sheet: 'Growth',
  table: 'A3',
  heading: 'Ref | Description | 2025/26 £000 | 2026/27 £000 | 2027/28 £000',
  row: 7,
  label: 'Staffing element',
  role: 'memo',
};

let dir: string;
let plain: string;
let stored: string;

beforeAll(async () => {
  dir = tempDir();
  const growth = sheet('Growth', [
    [b('GROWTH PROPOSALS')],
    [],
    [b('Ref'), b('Description'), ...YEARS],
    [undefined, bu('Adults')],
    ['G1', 'Care packages', 100, 200, 300],
    ['G2', 'Home care', 50, 50, 50],
    [undefined, 'Staffing element', 30, 30, 30],
    [undefined, b('Total growth'), b(150), b(250), b(350)],
  ]);
  const bytes = await gridsToBuffer([growth]);
  plain = join(dir, 'growth.xlsx');
  writeFileSync(plain, bytes);
  // the same workbook with the correction kept in the add-in's record, as the task pane saves it
  const wb = await XlsxWorkbook.open(bytes);
  await wb.writeStore(storeWithCorrections(null, [memo]));
  stored = join(dir, 'growth-corrected.xlsx');
  writeFileSync(stored, await wb.toBuffer());
});

function file(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

describe('mtfs check --reading', () => {
  it('applies corrections from a file, and says how many were applied', () => {
    expect(mtfs('check', plain).code).toBe(1);
    const r = mtfs('check', plain, '--reading', file('fix.json', { corrections: [memo] }), '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('row 7 "Staffing element" is a memo line, in no total');
    expect(r.stdout).toContain('Your corrections: 1 of 1 applied');
  });

  it('reads the same corrections from YAML', () => {
    const yaml = [
      'corrections:',
      '  - sheet: Growth',
      '    table: A3',
      "    heading: 'Ref | Description | 2025/26 £000 | 2026/27 £000 | 2027/28 £000'",
      '    row: 7',
      '    label: Staffing element',
      '    role: memo',
    ].join('\n');
    const r = mtfs('check', plain, '--reading', file('fix.yaml', yaml));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Your corrections: 1 of 1 applied');
    expect(mtfs('check', plain, '--reading', file('bad.yml', 'corrections: [a: b: c]')).stderr).toContain(
      'it is not YAML',
    );
  });

  it('applies the corrections kept in the workbook, and lets a file replace one of them', () => {
    const kept = mtfs('check', stored, '--json');
    expect(kept.code).toBe(0);
    const json = JSON.parse(kept.stdout) as { corrections: { applied: boolean; cell: string }[] };
    expect(json.corrections).toEqual([{ correction: memo, applied: true, sheet: 'Growth', cell: 'B7' }]);

    const replaced = mtfs('check', stored, '--reading', file('undo.json', [{ ...memo, role: 'line' }]));
    expect(replaced.code).toBe(1);
    expect(replaced.stdout).toContain('Total growth for 2025/26 is 150 but its lines add up to 180');
  });

  it('warns, naming the table, when a correction no longer fits the sheet', () => {
    const r = mtfs('check', plain, '--reading', file('stale.json', [{ ...memo, label: 'Staffing' }]));
    expect(r.stdout).toContain(
      'warning correction-not-applied Growth!B7: your correction "row 7 (Staffing) is a memo line, in no total" (table at Growth!A3) was not applied: row 7 now reads "Staffing element", not "Staffing"',
    );
    expect(r.stdout).toContain('Your corrections: 0 of 1 applied (see the warnings)');
  });

  it('refuses a file it cannot use, naming the file and the entry, and checks nothing', () => {
    const bad = mtfs('check', plain, '--reading', file('bad.json', [{ ...memo, role: 'subtotal' }]));
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(
      `cannot use the corrections in ${join(dir, 'bad.json')}: correction 1: "role" must be one of`,
    );
    expect(mtfs('check', plain, '--reading', file('text.json', 'row 7 is memo')).stderr).toContain('it is not JSON');
    expect(mtfs('check', plain, '--reading', join(dir, 'missing.json')).stderr).toContain('no such file');
  });
});
