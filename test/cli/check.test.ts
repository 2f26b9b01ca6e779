import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notAWorkbook, oldXls, passwordProtected } from '../support/bad-files';
import { mtfs } from '../support/cli';
import { CORPORATE_RESOURCES, ROOT } from '../support/paths';
import { b, sheet, tempDir, writeGrids } from '../support/workbooks';

const dir = tempDir();

describe('mtfs check', () => {
  it('prints one JSON document with the tables and findings, and exits 0 on the published paper', () => {
    const r = mtfs('check', CORPORATE_RESOURCES, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['tables', 'findings']);
    expect(doc.tables).toHaveLength(7);
    expect(Object.keys(doc.tables[0])).toEqual(['sheet', 'kind', 'range', 'lines', 'title', 'reading']);
    // How the table was read travels with it: heading rows, each column's role, what each total adds up.
    const revenue = doc.tables.find((t: { kind: string }) => t.kind === 'revenue-budget');
    expect(revenue.reading.headerRows).toEqual([4]);
    expect(revenue.reading.columns.map((c: { column: string; role: string }) => `${c.column} ${c.role}`)).toEqual([
      'A figures',
      'B description',
      'C figures',
      'D figures',
      'E figures',
      'F figures',
      'G figures',
    ]);
    expect(revenue.reading.totals[0]).toEqual({
      row: 10,
      label: 'TOTAL',
      how: 'layout',
      adds: ['6:9'],
      confidence: 'high',
    });
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(['severity', 'rule', 'sheet', 'cell', 'message', 'expected', 'actual']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
    }
    expect(doc.findings.find((f: { cell: string }) => f.cell === 'C32')).toEqual({
      severity: 'info',
      rule: 'rounding-difference',
      sheet: 'Revenue Budget',
      cell: 'C32',
      message:
        'PEOPLE, PROCUREMENT & TRANSFORMATION total for Employees is 8,529,015 but its lines add up to 8,529,014: a rounding difference of 1, within ±2.5 for 5 lines',
      expected: '8529014',
      actual: '8529015',
    });
  });

  it('says how each table was read with --explain', () => {
    const r = mtfs('check', CORPORATE_RESOURCES, '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('How each table was read:');
    expect(r.stdout).toContain('column A: reference — ');
    expect(r.stdout).toContain(
      'row 40 "TOTAL CORPORATE RESOURCES" adds up the lines of its section, as the layout shows',
    );
  });

  it('prints a readable report by default', () => {
    const r = mtfs('check', CORPORATE_RESOURCES);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('corporate-resources-2015.xlsx — CORPORATE RESOURCES');
    expect(r.stdout).toContain('Findings: 7 tables, 0 errors, 10 warnings, 9 rounding differences');
    expect(r.stdout).toContain(
      'Revenue Budget!A25: CUSTOMER SERVICES & OPERATIONS total for Budget 2014/15 is 18,546,064',
    );
    expect(r.stdout).toContain('Result: no errors.');
  });

  it('exits 1 when a total is wrong, and with --tolerance 0 when only rounding differs', async () => {
    const file = join(dir, 'wrong-total.xlsx');
    await writeGrids(
      [
        sheet('Growth', [
          [b('GROWTH')],
          [b('Ref'), undefined, b('2015/16 £000'), b('2016/17 £000')],
          ['G1', 'Care', 10, 20],
          ['G2', 'Waste', 5, 5],
          [undefined, b('Total'), b(16), b(35)],
        ]),
      ],
      file,
    );
    const r = mtfs('check', file, '--json');
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string; cell: string }) => `${f.rule} ${f.cell}`);
    expect(rules).toEqual(['rounding-difference C5', 'total-mismatch D5']);
    expect(mtfs('check', CORPORATE_RESOURCES, '--tolerance', '0').code).toBe(1);
  });

  it.each([
    ['empty.xlsx', new Uint8Array(0), 'the file is empty (0 bytes)'],
    ['notes.xlsx', notAWorkbook(), 'the file is not an .xlsx workbook'],
    ['locked.xlsx', passwordProtected(), 'the workbook is password-protected'],
    ['old.xls', oldXls(), 'this is an old-style .xls workbook; save it as .xlsx'],
  ])('exits 2 with a one-line reason when it cannot read %s', (name, bytes, reason) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const r = mtfs('check', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`mtfs: cannot read ${file}: ${reason}`);
  });

  it('exits 2 for a missing file and for a bad option, without a stack trace', () => {
    const missing = mtfs('check', join(dir, 'nope.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const bad = mtfs('check', CORPORATE_RESOURCES, '--tolerance', '5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use "rounding" or "0"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints its version with --version, the version in package.json', () => {
    const r = mtfs('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });
});
