/**
 * The add-in's own sheets against a user's: Excel treats sheet names without regard to case, so "mtfs summary"
 * and "MTFS Summary" are one sheet, in every place the add-in decides whose a sheet is.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWrite } from '../../src/engine/ownership';
import type { OutputSheet } from '../../src/engine/output';
import { readWorkbook } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { mtfs } from '../support/cli';
import { CORPORATE_RESOURCES } from '../support/paths';
import { tempDir } from '../support/workbooks';

const report = (name = 'MTFS Summary'): { sheet: OutputSheet; owned: boolean } => ({
  sheet: { name, columnWidths: [], rows: [] },
  owned: true,
});

/** The same name in another mix of upper and lower case. */
const caseVariant = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

describe('whose sheet is it, whatever the case of its name', () => {
  it("refuses to write over a user's sheet named in any case, and replaces its own named in any case", () => {
    fc.assert(
      fc.property(caseVariant('MTFS Summary'), (existing) => {
        const user = planWrite([{ name: existing, owned: false }], [report()]);
        expect(user.write).toEqual([]);
        expect(user.refused).toHaveLength(1);
        expect(user.refused[0]).toContain(`"${existing}"`);
        const own = planWrite([{ name: existing, owned: true }], [report()]);
        expect(own.refused).toEqual([]);
        expect(own.replace).toEqual([existing]);
      }),
    );
  });

  it('treats names that differ in their spaces as other sheets, as Excel does', () => {
    fc.assert(
      fc.property(fc.constantFrom('MTFS  Summary', 'MTFS Summary ', ' MTFS Summary', 'MTFSSummary'), (existing) => {
        const plan = planWrite([{ name: existing, owned: false }], [report()]);
        expect(plan.refused).toEqual([]);
        expect(plan.write.map((w) => w.sheet.name)).toEqual(['MTFS Summary']);
      }),
    );
  });

  it('reads an old workbook’s sheet as the add-in’s when its old marker refers to it in another case', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Inputs').getCell('A1').value = 'x';
    const summary = wb.addWorksheet('MTFS Summary');
    summary.getCell('A1').value = 'CORPORATE RESOURCES DEPARTMENT';
    summary.getCell('A2').value = 'MTFS 2015/16 - 2018/19 BUDGET SUMMARY';
    wb.definedNames.add("'mtfs summary'!$A$1", 'MTFS_Owned_MTFS_Summary');
    const port = await XlsxWorkbook.open(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await port.listSheets()).toEqual([
      { name: 'Inputs', owned: false },
      { name: 'MTFS Summary', owned: true },
    ]);
    const read = await readWorkbook(port);
    expect(read.inputs.map((s) => s.name)).toEqual(['Inputs']);
  });

  it('on the command line: a user sheet called "mtfs summary" stops the report, and nothing is written', async () => {
    const dir = tempDir();
    const input = join(dir, 'lower-case.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CORPORATE_RESOURCES);
    wb.addWorksheet('mtfs summary').getCell('A1').value = 'my own notes';
    await wb.xlsx.writeFile(input);
    const out = join(dir, 'out.xlsx');
    const r = mtfs('report', input, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('A sheet called "mtfs summary" already exists and was not written by the add-in');
  });
});
