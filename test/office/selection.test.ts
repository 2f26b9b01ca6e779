/**
 * Following the user's selection in Excel (src/hosts/office/selection.ts), against the fake Excel: the fake's
 * worksheets are given office-js's onSelectionChanged event here, as Excel raises it (an address on the sheet and the
 * sheet's id), so the adapter is tested as it runs inside Excel.
 */
import { describe, expect, it } from 'vitest';
import { OfficeWorkbook } from '../../src/hosts/office';
import { topLeftCell } from '../../src/hosts/office/selection';
import { FakeBook, fakeExcel, type FakeContext } from './fake-excel';

type Handler = (args: { address: string; worksheetId: string; type: string }) => Promise<void>;

/** The fake Excel, with the worksheets' selection event: `select` raises it as Excel does when the user selects cells. */
function excelWithSelection() {
  const book = new FakeBook([
    { name: 'Savings', cells: { A1: 'Savings', C14: '-1,855' } },
    { name: 'Revenue Budget', cells: { A25: 'CUSTOMER SERVICES & OPERATIONS' } },
  ]);
  const excel = fakeExcel(book);
  const handlers = new Set<Handler>();
  const syncsAtRemove: number[] = [];
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    excel.run((context) => {
      const ctx = context as unknown as FakeContext;
      Object.assign(ctx.workbook.worksheets, {
        onSelectionChanged: {
          add(handler: Handler) {
            handlers.add(handler);
            return {
              context: ctx,
              remove() {
                syncsAtRemove.push(ctx.syncs.length);
                handlers.delete(handler);
              },
            };
          },
        },
      });
      return batch(context);
    });
  const select = async (sheet: string, address: string) => {
    for (const h of [...handlers]) await h({ address, worksheetId: sheet, type: 'WorksheetSelectionChanged' });
  };
  return { run, excel, handlers, select, syncsAtRemove };
}

describe('following the selection in Excel', () => {
  it('names the sheet and top-left cell of each selection, one round trip each, until told to stop', async () => {
    const fake = excelWithSelection();
    const workbook = new OfficeWorkbook(fake.run);
    const seen: string[] = [];
    const stop = await workbook.followSelection((sheet, cell) => seen.push(`${sheet}!${cell}`));
    expect(fake.handlers.size).toBe(1);
    const before = fake.excel.contexts.length;
    await fake.select('Savings', 'C14');
    await fake.select('Revenue Budget', 'A25:G25');
    expect(seen).toEqual(['Savings!C14', 'Revenue Budget!A25']);
    // Each selection: one batch with one sync, to learn the sheet's name from its id.
    const batches = fake.excel.contexts.slice(before);
    expect(batches.map((c) => c.syncs.length)).toEqual([1, 1]);
    await stop();
    expect(fake.handlers.size).toBe(0);
    await fake.select('Savings', 'C14');
    expect(seen).toHaveLength(2);
  });

  it('reads the top-left cell of any address Excel gives', () => {
    expect(topLeftCell('C14')).toBe('C14');
    expect(topLeftCell('c14:d20')).toBe('C14');
    expect(topLeftCell("'Revenue Budget'!$A$25:$G$25")).toBe('A25');
  });
});
