import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkThrough } from '../../src/engine/workflow';
import { OfficeWorkbook, countSyncs } from '../../src/hosts/office';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { fakeSheets } from '../../bench/office';
import { FORMULA_AUDIT } from '../support/paths';
import { FakeBook, fakeExcel } from './fake-excel';

const FORMULA_RULES = /^(formula-|hard-coded-total)/;

async function bothHosts() {
  const xlsx = await XlsxWorkbook.open(readFileSync(FORMULA_AUDIT));
  const fromXlsx = await checkThrough(xlsx);
  // The same workbook inside Excel: the fake holds each cell's value and formula, as Excel does.
  const excel = fakeExcel(new FakeBook(fakeSheets(await xlsx.readSheets())));
  const counted = countSyncs(excel.run);
  const office = new OfficeWorkbook(counted.run);
  const fromExcel = await checkThrough(office);
  return { fromXlsx, fromExcel, office, counted };
}

describe('the formula audit inside Excel', () => {
  it('gives the same findings as the .xlsx host for the same workbook', async () => {
    const { fromXlsx, fromExcel } = await bothHosts();
    expect(fromExcel.check.findings.filter((f) => FORMULA_RULES.test(f.rule))).toHaveLength(6);
    expect(fromExcel.check.findings).toEqual(fromXlsx.check.findings);
  });

  it('reads the totals’ formulas in one more small sync, and no other cell’s formula', async () => {
    const { fromExcel, office, counted } = await bothHosts();
    // The read (3 syncs), the add-in's record (listSheets) and one for the formulas.
    expect(office.lastStats.records.map((r) => r.stage)).toEqual(['Read the totals’ formulas']);
    expect(office.lastStats.maxPayloadBytes).toBeLessThan(20_000);
    expect(counted.count.syncs).toBeLessThanOrEqual(6);
    const revenue = fromExcel.read.sheets.find((s) => s.name === 'Revenue Budget')!;
    // A line keeps its value only; the section total under it has its formula.
    expect(revenue.rows[5]?.[2]?.formula).toBeUndefined();
    expect(revenue.rows[9]?.[2]?.formula).toBe('SUM(C6:C9)');
  });

  it('finds no formula in a published paper pasted as values, and says nothing of formulas', async () => {
    const grids = await (await XlsxWorkbook.open(readFileSync(FORMULA_AUDIT))).readSheets();
    for (const g of grids) for (const row of g.rows) for (const cell of row ?? []) if (cell) delete cell.formula;
    const excel = fakeExcel(new FakeBook(fakeSheets(grids)));
    const office = new OfficeWorkbook(excel.run);
    const { check } = await checkThrough(office);
    expect(check.findings.filter((f) => FORMULA_RULES.test(f.rule))).toEqual([]);
    expect(office.lastStats.records.map((r) => r.stage)).toEqual(['Read the totals’ formulas']);
  });
});
