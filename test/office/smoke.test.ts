import { it, expect } from 'vitest';
import { OfficeWorkbook } from '../../src/hosts/office';
import { FakeBook } from './fake-excel';
import { realExcel } from './office-runtime';
import { mtfsSheet } from './fixtures';

it('smoke', async () => {
  const book = new FakeBook([{ name: 'Revenue Budget', cells: { A1: 'x', C32: 100 } }, mtfsSheet('Big', 300)]);
  const excel = realExcel(book, { keepBodies: true });
  const wb = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
  const sheets = await wb.readSheets();
  console.log(sheets.map((s) => s.name), excel.requests.map((r) => [r.bytes, r.responseBytes, r.failed]));
  console.log(await wb.listSheets());
  const res = await wb.writeSheets([{ sheet: { name: 'MTFS Summary', columnWidths: [10], freezeRows: 1, rows: [[{ value: 'MTFS Summary', bold: true }], [{ value: 'link', link: { sheet: 'Revenue Budget', cell: 'C32' } }, { value: 5, format: '0' }]], charts: [{ title: 'T', kind: 'waterfall', range: 'A1:B2', anchor: 'D2' }] }, owned: true }], []);
  console.log(res, excel.requests.map((r) => [r.bytes, r.responseBytes, r.failed]));
  console.log(await wb.listSheets(), book.parts, book.sheets.map((s) => [s.name, s.names]));
  const res2 = await wb.writeSheets([{ sheet: { name: 'MTFS Summary', columnWidths: [10], rows: [[{ value: 'MTFS Summary 2' }]] }, owned: true }], ['MTFS Summary']);
  console.log(res2, await wb.listSheets(), book.parts, book.sheets.map((s) => [s.name, s.names]));
  expect(1).toBe(1);
});
