/**
 * Another department of the same published pack, laid out as its papers were: the savings table
 * holds the star markers in the column headed "TDEI ref." and the reference with the classification
 * in the column headed "Eff/SR/Income" ("D62 Eff"), and the department is named with an apostrophe
 * in one title and without in another. It must read as one department, with no false warning, its
 * savings classified, and a report without a Council Summary.
 */
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { SheetGrid } from '../../src/engine/grid';
import { buildReport } from '../../src/engine/report';
import { departmentSheets } from '../support/department';
import { b, bu, sheet } from '../support/workbooks';

const YEARS = ['2015/16 £000', '2016/17 £000', '2017/18 £000', '2018/19 £000'];

function chiefExecutives(): SheetGrid[] {
  const sheets = departmentSheets("Chief Executive's", 1);
  const byName = (name: string) => sheets.find((s) => s.name === name)!;
  // The revenue budget's title drops the apostrophe, as the published pack's does.
  byName('Revenue Budget').rows[0] = [b('CHIEF EXECUTIVES DEPARTMENT')];
  // Savings: markers in the reference column, reference and classification together under Eff/SR/Income.
  const savings = sheet('Savings', [
    [b('SAVINGS')],
    [],
    [b('TDEI ref.'), b('Eff/SR/Income'), undefined, ...YEARS.map(b)],
    [undefined, undefined, bu("CHIEF EXECUTIVE'S ITEMS")],
    ['**', 'D62 Eff', 'Review of support services', -20, -50, -80, -100],
    [undefined, 'D70 Eff/SR', 'Reduce opening hours', -10, -10, -30, -60],
    [undefined, undefined, b('TOTAL'), -30, -60, -110, -160],
  ]);
  return sheets.map((s) => (s.name === 'Savings' ? savings : s));
}

describe('another department of the same pack', () => {
  const result = checkWorkbook(chiefExecutives());

  it('reads the workbook as one department, whatever the apostrophe', () => {
    expect(result.departments).toHaveLength(1);
    expect(result.department).toMatch(/^CHIEF EXECUTIVE'?S$/);
  });

  it('gives no error and no false warning', () => {
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('reads the star, the reference and the classification of each savings line, and its description', () => {
    const savings = result.tables.find((t) => t.kind === 'savings')!;
    const lines = savings.rows.filter((r) => r.type === 'line');
    expect(lines.map((r) => [r.marker, r.ref, r.classification, r.label])).toEqual([
      ['**', 'D62', 'Eff', 'Review of support services'],
      ['', 'D70', 'Eff/SR', 'Reduce opening hours'],
    ]);
    const roles = savings.reading!.columns.map((c) => `${c.column} ${c.role}`);
    expect(roles).toEqual(expect.arrayContaining(['A marker', 'B reference-and-classification', 'C description']));
  });

  it('writes one department summary, with the savings under their classifications and no Council Summary', () => {
    const report = buildReport(result);
    const names = report.sheets.map((s) => s.sheet.name);
    expect(names).not.toContain('Council Summary');
    const summary = report.sheets.find((s) => s.sheet.name === 'MTFS Summary')!.sheet;
    const text = summary.rows
      .flat()
      .map((c) => (c && typeof c.value === 'string' ? c.value : ''))
      .join('\n');
    expect(text).not.toContain('Unclassified');
    expect(text).toContain('Eff');
    expect(report.notes.join(' ')).not.toMatch(/no budget summary/i);
  });
});
