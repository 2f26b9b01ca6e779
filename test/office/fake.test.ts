/** The fake Excel is as strict as Excel where the adapter depends on it. */
import { describe, expect, it } from 'vitest';
import { FakeBook, fakeExcel, sheetNameProblem } from './fake-excel';

async function sync(book: FakeBook, batch: (context: Excel.RequestContext) => void) {
  return fakeExcel(book).run(async (context) => {
    batch(context);
    await context.sync();
  });
}

describe('the fake Excel', () => {
  it('fails at sync, not when the operation is queued, with the code Excel gives (ItemNotFound)', async () => {
    const book = new FakeBook([{ name: 'Budget' }]);
    const excel = fakeExcel(book);
    await expect(
      excel.run(async (context) => {
        // Queuing is fine: Excel only finds out at sync.
        const ws = context.workbook.worksheets.getItem('Gone');
        ws.getRange('A1').values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ name: 'RichApi.Error', code: 'ItemNotFound' });
  });

  it('is not transactional: what ran before the failing operation stays done', async () => {
    const book = new FakeBook([{ name: 'Budget' }]);
    await expect(
      sync(book, (context) => {
        context.workbook.worksheets.add('Report');
        context.workbook.worksheets.add('budget'); // the same name as Budget, in another case
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    expect(book.sheets.map((s) => s.name)).toEqual(['Budget', 'Report']);
  });

  it('keeps sheet names as Excel does: 31 characters, none of \\ / ? * [ ] :, not blank, no apostrophe at either end', async () => {
    for (const bad of [
      '',
      '   ',
      'x'.repeat(32),
      'a/b',
      'a\\b',
      'a?b',
      'a*b',
      'a[b',
      'a]b',
      'a:b',
      "'quoted",
      "quoted'",
    ]) {
      expect(sheetNameProblem(bad), bad).not.toBeNull();
      const book = new FakeBook([]);
      await expect(
        sync(book, (c) => c.workbook.worksheets.add(bad)),
        bad,
      ).rejects.toMatchObject({ code: 'InvalidArgument' });
      expect(book.sheets).toEqual([]);
    }
    for (const good of ['x'.repeat(31), "Bob's notes", 'MTFS Summary (2)', '2025-26 £000'])
      expect(sheetNameProblem(good)).toBeNull();
    const book = new FakeBook([{ name: 'A' }, { name: 'B' }]);
    await expect(sync(book, (c) => (c.workbook.worksheets.getItem('A').name = 'b'))).rejects.toMatchObject({
      code: 'ItemAlreadyExists',
    });
  });

  it('refuses requests over 5,000,000 bytes before doing any of them', async () => {
    const book = new FakeBook([{ name: 'Budget' }]);
    const big = Array.from({ length: 100_000 }, (_, r) => [
      `A long line of text for row ${r} of the sheet`,
      r,
      r * 2,
      '£1,000',
    ]);
    await expect(
      sync(book, (c) => {
        c.workbook.worksheets.add('Report');
        c.workbook.worksheets.getItem('Budget').getRangeByIndexes(0, 0, 100_000, 4).values = big;
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(book.sheets.map((s) => s.name)).toEqual(['Budget']);
  });

  it('refuses to read a range of more than 5 million cells', async () => {
    const book = new FakeBook([{ name: 'Huge', generate: { rows: 1_000_000, cols: 6, cell: () => ({ value: 1 }) } }]);
    await expect(
      sync(book, (c) => {
        c.workbook.worksheets.getItem('Huge').getRangeByIndexes(0, 0, 1_000_000, 6).load('values');
      }),
    ).rejects.toMatchObject({ code: 'RangeExceedsLimit' });
  });

  it('refuses changes to a protected sheet, and sheets added or removed in a protected workbook', async () => {
    const book = new FakeBook([{ name: 'Budget', protected: true, cells: { A1: 1 } }]);
    await expect(
      sync(book, (c) => (c.workbook.worksheets.getItem('Budget').getRange('A1').values = [[2]])),
    ).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    expect(book.sheet('Budget')!.get(0, 0)).toEqual({ value: 1 });
    book.structureProtected = true;
    await expect(sync(book, (c) => c.workbook.worksheets.getItem('Budget').delete())).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    expect(book.sheets).toHaveLength(1);
  });

  it('can be told to fail a chosen sync, part-way, and fails every sync while a cell is being edited', async () => {
    const book = new FakeBook([]);
    book.failAt = { sync: 2, code: 'InactiveWorkbook', afterOps: 1 };
    await sync(book, (c) => c.workbook.worksheets.add('One'));
    await expect(
      sync(book, (c) => {
        c.workbook.worksheets.add('Two');
        c.workbook.worksheets.add('Three');
      }),
    ).rejects.toMatchObject({ code: 'InactiveWorkbook' });
    expect(book.sheets.map((s) => s.name)).toEqual(['One', 'Two']);
    book.editingCell = true;
    await expect(sync(book, (c) => c.workbook.worksheets.add('Four'))).rejects.toMatchObject({
      code: 'InvalidOperationInCellEditMode',
    });
  });

  it('binds a sheet to its object when first used, as Excel does: a rename does not make it another sheet', async () => {
    const book = new FakeBook([{ name: 'Report' }]);
    await sync(book, (c) => {
      const old = c.workbook.worksheets.getItem('Report');
      old.name = 'Old report';
      c.workbook.worksheets.add('Report');
      old.delete();
    });
    expect(book.sheets.map((s) => s.name)).toEqual(['Report']);
  });

  it('lets a loaded value be read only after the sync that loads it', async () => {
    const book = new FakeBook([{ name: 'Budget', cells: { A1: 5 } }]);
    await fakeExcel(book).run(async (context) => {
      const range = context.workbook.worksheets.getItem('Budget').getRange('A1');
      range.load('values');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(range.values).toEqual([[5]]);
    });
  });
});
