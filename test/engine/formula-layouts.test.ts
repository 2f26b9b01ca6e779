/**
 * The formula audit on workbooks built as finance officers build them (test/fixtures/formula-layouts.ts):
 * each written to a real .xlsx with ExcelJS and checked. A correctly built one gets no error and no
 * warning; a seeded slip gets its error at its cells and nowhere else; a formula the audit does not
 * read is said as a note, never an error.
 */
import { describe, expect, it } from 'vitest';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { formulaLayouts, type FormulaLayout } from '../fixtures/formula-layouts';
import { gridsToBuffer } from '../support/workbooks';

async function check(layout: FormulaLayout): Promise<CheckResult> {
  const wb = await XlsxWorkbook.open(await gridsToBuffer(layout.sheets, layout.names));
  return checkWorkbook(await wb.readSheets());
}

const at = (f: { rule: string; sheet: string; cell: string }) => `${f.rule} at ${f.sheet}!${f.cell}`;

describe('the formula audit on workbooks as councils build them', () => {
  it.each(formulaLayouts().map((l) => [l.name, l] as const))('%s: the findings it calls for', async (_, layout) => {
    const result = await check(layout);
    const show = result.findings.map((f) => `${f.severity} ${at(f)}: ${f.message}`).join('\n');
    expect(result.tables, show).toHaveLength(layout.tables);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect([...new Set(errors.map((f) => `${f.sheet}!${f.cell}`))].sort(), show).toEqual([...layout.errors].sort());
    for (const cell of layout.errors)
      for (const rule of layout.errorRules ?? [])
        expect(
          errors.some((f) => `${f.sheet}!${f.cell}` === cell && f.rule === rule),
          `${rule} at ${cell}\n${show}`,
        ).toBe(true);
    expect(result.findings.filter((f) => f.severity === 'warning').map(at), show).toEqual(layout.warnings);
    const notes = result.findings.filter((f) => f.severity === 'info' && f.rule !== 'rounding-difference');
    expect(notes.map(at), show).toEqual(layout.notes);
  });
});
