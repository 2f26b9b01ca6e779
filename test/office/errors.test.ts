/**
 * Every RichApi.Error code the adapter can meet, raised at sync by the fake Excel as Excel raises
 * it, reaches the user in plain words with what to do — never Excel's own message.
 */
import { describe, expect, it } from 'vitest';
import { EXCEL_ERROR_WORDS, ExcelProblem, excelErrorWords, OfficeWorkbook } from '../../src/hosts/office';
import { describeProblem } from '../../src/taskpane/state/session';
import { FakeBook, fakeExcel } from './fake-excel';

const CODES = [
  'ItemNotFound',
  'ItemAlreadyExists',
  'InvalidOperationInCellEditMode',
  'InactiveWorkbook',
  'UnsupportedOperation',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'RangeExceedsLimit',
  'AccessDenied',
  'InvalidArgument',
  'InvalidOperation',
  'InvalidReference',
  'InvalidSelection',
  'Conflict',
  'ActivityLimitReached',
  'ServiceNotAvailable',
  'Unauthenticated',
  'ApiNotFound',
  'NotImplemented',
  'GeneralException',
];

const RAW = 'The argument is invalid or missing or has an incorrect format.';

describe("Excel's errors in plain words", () => {
  it('has words and a next step for every code in the table, and only those', () => {
    expect(Object.keys(EXCEL_ERROR_WORDS).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      const w = EXCEL_ERROR_WORDS[code];
      expect(w.said, code).toMatch(/^[A-Z].*\.$/);
      expect(w.todo, code).toMatch(/^[A-Z].*\.$/);
      // No developer words.
      expect(`${w.said} ${w.todo}`, code).not.toMatch(/RichApi|sync|payload|API|object|argument|exception/i);
    }
  });

  for (const code of CODES) {
    it(`${code}: raised at sync, it reaches the pane as plain words with what to do`, async () => {
      const book = new FakeBook([{ name: 'Revenue Budget', cells: { A1: 'Budget' } }]);
      book.failAt = { sync: 1, code };
      const wb = new OfficeWorkbook(fakeExcel(book).run);
      const error = await wb.readSheets().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExcelProblem);
      expect((error as ExcelProblem).code).toBe(code);
      expect((error as Error).message).toBe(excelErrorWords(code));
      const shown = describeProblem(error, 'Could not read the workbook');
      expect(shown.message).toBe(`${EXCEL_ERROR_WORDS[code].said} ${EXCEL_ERROR_WORDS[code].todo}`);
      expect(shown.message).not.toContain('fake');

      // A RichApi.Error that reaches the pane some other way is worded the same, never shown as it is.
      const raw = Object.assign(new Error(RAW), { name: 'RichApi.Error', code });
      expect(describeProblem(raw, 'T').message).toBe(excelErrorWords(code));
    });
  }

  it('words a code it does not know as Excel not finishing, without its message', () => {
    const raw = Object.assign(new Error('Some new failure'), { name: 'RichApi.Error', code: 'SomethingNew' });
    expect(describeProblem(raw, 'T').message).toBe(
      'Excel could not finish what the add-in asked for. Try again; if it keeps happening, save the workbook, reopen it and tell us what you were doing.',
    );
  });

  it('says what was being done when a write fails', async () => {
    const book = new FakeBook([{ name: 'Revenue Budget' }]);
    book.editingCell = true;
    const wb = new OfficeWorkbook(fakeExcel(book).run);
    await expect(
      wb.writeSheets(
        [{ sheet: { name: 'MTFS Summary', columnWidths: [], rows: [[{ value: 'x' }]] }, owned: true }],
        [],
      ),
    ).rejects.toThrow(
      'The report was not written, and the workbook is as it was: Excel is waiting for you to finish typing in a cell. Press Enter or Esc to leave the cell, then try again.',
    );
  });
});
