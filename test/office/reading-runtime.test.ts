/**
 * Selecting a total and its lines through Microsoft's own office-js runtime, which refuses any API above ExcelApi 1.9
 * as Excel does: below ExcelApi 1.18 (RangeAreas.select) the adapter asks only for Range.select, and still selects
 * the block a total and its lines make.
 */
import { describe, expect, it } from 'vitest';
import { OfficeWorkbook } from '../../src/hosts/office';
import { fakeCells, misreadSheets } from '../support/misread';
import { FakeBook } from './fake-excel';
import { realExcel } from './office-runtime';

describe('selecting a total through the real office-js runtime (ExcelApi 1.9)', () => {
  it('selects the one block a total and its lines make, in one request', async () => {
    const book = new FakeBook(misreadSheets().map((g) => ({ name: g.name, cells: fakeCells(g) })));
    const excel = realExcel(book);
    const workbook = new OfficeWorkbook(excel.run, { supportsExcelApi: (v) => Number(v.split('.')[1]) <= 9 });
    await workbook.selectCells('Growth', ['C8:F8', 'C5:F7']);
    expect(excel.requests.filter((r) => r.failed)).toEqual([]);
    // One sync, and Excel.run's own request letting go of what it kept.
    expect(excel.requests).toHaveLength(2);
    expect(excel.requests[0].body).toContain(`"Name":"Select"`);
    expect(excel.requests[0].body).not.toContain('GetRanges');
    expect(book.active).toBe('Growth');
    expect(book.selection).toEqual({ sheet: 'Growth', address: 'C5:F8' });
  });

  it('falls back to the total alone when this office.js has no RangeAreas.select, though Excel says 1.18', async () => {
    const book = new FakeBook(misreadSheets().map((g) => ({ name: g.name, cells: fakeCells(g) })));
    const excel = realExcel(book);
    const workbook = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
    await workbook.selectCells('Growth', ['C8:F8', 'C5:F6']);
    expect(excel.requests.filter((r) => r.failed)).toEqual([]);
    expect(book.selection).toEqual({ sheet: 'Growth', address: 'C8:F8' });
  });
});
