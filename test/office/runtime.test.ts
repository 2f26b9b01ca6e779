/**
 * The adapter through Microsoft's own office-js runtime (office-runtime.ts): every request is
 * measured as office-js really builds it, in UTF-8 bytes, and must stay under Excel on the web's
 * 5,000,000-byte limit; the fake Excel's own accounting must agree with those bodies.
 */
import { describe, expect, it } from 'vitest';
import type { OutputSheet } from '../../src/engine/output';
import { MAX_SYNC_BYTES, OfficeWorkbook, SYNC_BUDGET_BYTES } from '../../src/hosts/office';
import { FakeBook, fakeExcel, type FakeSheetInit } from './fake-excel';
import { countCells, expectedCellCount, findingsSheet, mtfsSheet, reportSheet } from './fixtures';
import { officeRuntime, realExcel } from './office-runtime';

const INPUT: FakeSheetInit = { name: 'Revenue Budget', cells: { A1: 'Revenue Budget', C32: 100 } };

async function writeThroughRuntime(sheet: OutputSheet) {
  const book = new FakeBook([INPUT]);
  const excel = realExcel(book);
  const wb = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
  await wb.writeSheets([{ sheet, owned: true }], []);
  return { book, excel, wb };
}

describe('the adapter through the real office-js runtime', () => {
  it('fails, as Excel does, any API above ExcelApi 1.9 (so everything that runs here is within the manifest)', async () => {
    const { Excel } = officeRuntime();
    const context = new Excel.RequestContext();
    // Range.getSpillingToRangeOrNullObject is ExcelApi 1.12.
    expect(() => context.workbook.worksheets.getItem('A').getRange('A1').getSpillingToRangeOrNullObject()).toThrow(
      expect.objectContaining({ code: 'ApiNotFound' }),
    );
    // Range.getCellProperties is ExcelApi 1.9: allowed.
    expect(() => context.workbook.worksheets.getItem('A').getRange('A1').getCellProperties({})).not.toThrow();
  });

  for (const rows of [1_000, 20_000, 100_000]) {
    it(`writes ${rows.toLocaleString('en-GB')} rows with every request under 5,000,000 bytes as office-js sends it`, async () => {
      const { book, excel } = await writeThroughRuntime(reportSheet(rows));
      const sizes = excel.requests.map((r) => r.bytes);
      expect(excel.requests.filter((r) => r.failed)).toEqual([]);
      for (const bytes of sizes) expect(bytes).toBeLessThanOrEqual(MAX_SYNC_BYTES);
      // The plan holds: each request within the budget the adapter plans to (a tenth under the limit).
      for (const bytes of sizes) expect(bytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
      const s = book.sheet('All Lines')!;
      expect(s.get(rows - 1, 0)).toMatchObject({ value: `R${rows - 1}`, numberFormat: '@' });
      expect(s.get(10, 7)).toMatchObject({ value: 'Includes £250k pay award', italic: true });
      console.log(
        `real office-js, write ${rows} rows: ${sizes.length} requests, largest ${(Math.max(...sizes) / 1e6).toFixed(2)} MB`,
      );
    }, 180_000);
  }

  it('writes 10,000 findings with links with every request under 5,000,000 bytes (a link costs ~450 bytes)', async () => {
    const { book, excel } = await writeThroughRuntime(findingsSheet(10_000));
    const sizes = excel.requests.map((r) => r.bytes);
    expect(excel.requests.filter((r) => r.failed)).toEqual([]);
    for (const bytes of sizes) expect(bytes).toBeLessThanOrEqual(MAX_SYNC_BYTES);
    for (const bytes of sizes) expect(bytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
    const s = book.sheet('MTFS Findings')!;
    expect(s.get(4 + 9_999, 3)).toMatchObject({
      value: 'Revenue Budget!C10009',
      hyperlink: { documentReference: "'Revenue Budget'!C10009" },
    });
    // The links alone are more than one request can carry: they go in several.
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(MAX_SYNC_BYTES);
    console.log(
      `real office-js, 10,000 findings with links: ${sizes.length} requests, largest ${(Math.max(...sizes) / 1e6).toFixed(2)} MB, ${(total / 1e6).toFixed(1)} MB in all`,
    );
  }, 180_000);

  it('reads 20,000 rows through the runtime, every request and response under 5,000,000 bytes', async () => {
    const excel = realExcel(new FakeBook([mtfsSheet('Revenue Budget', 20_000, { hideNotes: true })]));
    const [grid] = await new OfficeWorkbook(excel.run).readSheets();
    expect(countCells(grid)).toBe(expectedCellCount(20_000));
    for (const r of excel.requests) {
      expect(r.failed).toBeUndefined();
      expect(r.bytes).toBeLessThanOrEqual(MAX_SYNC_BYTES);
      expect(r.responseBytes).toBeLessThanOrEqual(MAX_SYNC_BYTES);
    }
  }, 120_000);
});

describe("the fake Excel's request sizes", () => {
  /**
   * The same write, on two identical workbooks: once through the real runtime (its request bodies
   * recorded), once on the fake (its own accounting). Tokens and temporary names are random but
   * of fixed length, so the two must agree request by request.
   */
  it('match the bodies office-js really sends, request by request, within 1%', async () => {
    const sheets = [
      { sheet: findingsSheet(2_000), owned: true },
      {
        sheet: {
          ...reportSheet(3_000),
          charts: [{ title: 'Bridge', kind: 'waterfall' as const, range: 'A2:B9', anchor: 'J2' }],
        },
        owned: true,
      },
    ];
    const real = realExcel(new FakeBook([INPUT]));
    await new OfficeWorkbook(real.run, { supportsExcelApi: () => true }).writeSheets(sheets, []);
    const fake = fakeExcel(new FakeBook([INPUT]));
    await new OfficeWorkbook(fake.run, { supportsExcelApi: () => true }).writeSheets(sheets, []);

    const fakeSizes = fake.contexts.flatMap((c) => c.syncs.map((s) => s.requestBytes));
    // Excel.run ends with a request of its own that lets go of the ranges it kept.
    const realSizes = real.requests.map((r) => r.bytes).slice(0, fakeSizes.length);
    expect(real.requests.length).toBe(fakeSizes.length + 1);
    console.log(
      'request bytes, real office-js against the fake:',
      realSizes.map((r, i) => `${r}/${fakeSizes[i]}`).join(' '),
    );
    realSizes.forEach((bytes, i) =>
      expect(Math.abs(fakeSizes[i] - bytes), `request ${i + 1}`).toBeLessThanOrEqual(bytes * 0.01 + 64),
    );
  }, 120_000);

  it('and for a read, within 1%', async () => {
    const init = () => [mtfsSheet('Revenue Budget', 5_000, { hideNotes: true }), mtfsSheet('Capital', 300)];
    const real = realExcel(new FakeBook(init()));
    await new OfficeWorkbook(real.run).readSheets();
    const fake = fakeExcel(new FakeBook(init()));
    await new OfficeWorkbook(fake.run).readSheets();
    const fakeSizes = fake.contexts.flatMap((c) => c.syncs.map((s) => s.requestBytes));
    const realSizes = real.requests.map((r) => r.bytes).slice(0, fakeSizes.length);
    console.log(
      'read request bytes, real office-js against the fake:',
      realSizes.map((r, i) => `${r}/${fakeSizes[i]}`).join(' '),
    );
    realSizes.forEach((bytes, i) =>
      expect(Math.abs(fakeSizes[i] - bytes), `request ${i + 1}`).toBeLessThanOrEqual(bytes * 0.01 + 64),
    );
  }, 120_000);
});
