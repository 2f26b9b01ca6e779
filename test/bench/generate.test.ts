import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateWorkbook, roundDiv } from '../../bench/generate';
import { checkWorkbook } from '../../src/engine/check';
import { scoreWorkbook } from '../../src/engine/scoring';
import { lineCount } from '../../src/engine/tables';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { tempDir } from '../support/workbooks';

describe('bench/generate: the synthetic council-wide workbook', () => {
  it('at 1,000 lines checks with no errors and exactly the tables, rounding differences and positive savings it was built with', async () => {
    const made = await generateWorkbook({ lines: 1000, dir: tempDir('mtfs-bench-test-') });
    const sheets = await (await XlsxWorkbook.open(readFileSync(made.file))).readSheets();
    const result = checkWorkbook(sheets);
    const count = (rule: string) => result.findings.filter((f) => f.rule === rule).length;

    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.tables).toHaveLength(made.expected.tables);
    expect(made.expected.tables).toBe(8 * 7);
    expect(result.tables.reduce((n, t) => n + lineCount(t), 0)).toBe(1000);
    expect(made.expected.roundingDifferences).toBeGreaterThan(0);
    expect(count('rounding-difference')).toBe(made.expected.roundingDifferences);
    expect(count('positive-saving')).toBe(made.expected.positiveSavings);
    // Nothing else: no label, classification or reading problems.
    expect(result.findings.length).toBe(made.expected.roundingDifferences + made.expected.positiveSavings);
    expect(result.departments.map((d) => d.name?.toLowerCase())).toEqual(made.departments.map((d) => d.toLowerCase()));
  });

  it('has 300 complete proposals on its Commercial Projects sheet', async () => {
    const made = await generateWorkbook({ lines: 1000, dir: tempDir('mtfs-bench-test-') });
    const sheets = await (await XlsxWorkbook.open(readFileSync(made.file))).readSheets();
    const scores = scoreWorkbook(sheets);
    expect(scores.findings).toEqual([]);
    expect(scores.projects).toHaveLength(300);
  });

  it('is the same workbook for the same seed', async () => {
    const a = await generateWorkbook({ lines: 1000, seed: 7, dir: tempDir('mtfs-bench-test-') });
    const b = await generateWorkbook({ lines: 1000, seed: 7, dir: tempDir('mtfs-bench-test-') });
    expect(a.expected).toEqual(b.expected);
    const grids = async (file: string) => (await XlsxWorkbook.open(readFileSync(file))).readSheets();
    expect(await grids(b.file)).toEqual(await grids(a.file));
  });

  it('rounds half away from zero, as Excel and the engine do', () => {
    expect([
      roundDiv(1500, 1000),
      roundDiv(-1500, 1000),
      roundDiv(1499, 1000),
      roundDiv(-1499, 1000),
      roundDiv(0, 1000),
    ]).toEqual([2, -2, 1, -1, 0]);
  });
});
