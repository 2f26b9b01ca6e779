/**
 * The user's corrections to how tables were read, inside Excel (the fake Excel): kept in the add-in's record through
 * the office adapter's readStore/writeStore and read back, applied by a check through the office port, and choosing
 * a total selects it and the lines it adds up.
 */
import { describe, expect, it } from 'vitest';
import type { ReadingCorrection } from '../../src/engine/reader/corrections';
import { correctionsOf, storeFromXml, storeWithCorrections, STORE_NAMESPACE } from '../../src/engine/store';
import { checkThrough } from '../../src/engine/workflow';
import { OfficeWorkbook, oneBlock } from '../../src/hosts/office';
import { fakeCells, GROWTH_HEADING, MISREAD_FINDINGS, misreadSheets, SAVINGS_HEADING } from '../support/misread';
import { Session } from '../../src/taskpane/state/session';
import { localLink } from '../../src/taskpane/worker/link';
import { FakeBook, fakeExcel } from './fake-excel';

const onGrowth = { sheet: 'Growth', table: 'A3', heading: GROWTH_HEADING };
const CORRECTIONS: ReadingCorrection[] = [
  { ...onGrowth, column: 'F', role: 'ignored' },
  { ...onGrowth, row: 7, label: 'Staffing element', role: 'memo' },
  { sheet: 'Savings', table: 'A3', heading: SAVINGS_HEADING, signs: 'shown-positive' },
];

function misreadBook(): FakeBook {
  return new FakeBook(misreadSheets().map((g) => ({ name: g.name, cells: fakeCells(g) })));
}

const rules = (findings: { severity: string; rule: string; sheet: string; cell: string }[]) =>
  findings.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell}`);

describe('reading corrections inside Excel', () => {
  it('keeps the corrections in the add-in’s record and reads them back, in one custom XML part', async () => {
    const book = misreadBook();
    const workbook = new OfficeWorkbook(fakeExcel(book).run);
    expect(await workbook.readStore()).toBeNull();
    await workbook.writeStore(storeWithCorrections(await workbook.readStore(), CORRECTIONS));
    expect(correctionsOf(await workbook.readStore())).toEqual({ corrections: CORRECTIONS, problems: [] });
    // One part, in the add-in's namespace, holding the record as JSON: no cell of the user's was touched.
    expect(book.parts.map((p) => p.namespace)).toEqual([STORE_NAMESPACE]);
    const kept = storeFromXml(book.parts[0].xml);
    expect('store' in kept && kept.store.readingCorrections).toEqual(CORRECTIONS);
    // Saving again replaces the record, keeping what else it held.
    const fewer = storeWithCorrections(await workbook.readStore(), CORRECTIONS.slice(1));
    await workbook.writeStore(fewer);
    expect(book.parts).toHaveLength(1);
    expect(correctionsOf(await workbook.readStore()).corrections).toEqual(CORRECTIONS.slice(1));
  });

  it('applies the kept corrections when the workbook is checked through the office port', async () => {
    const book = misreadBook();
    const workbook = new OfficeWorkbook(fakeExcel(book).run);
    const before = await checkThrough(workbook);
    expect(rules(before.check.findings)).toEqual(MISREAD_FINDINGS);
    const cellsBefore = JSON.stringify(book.sheets.map((s) => s.used()));

    await workbook.writeStore(storeWithCorrections(null, CORRECTIONS));
    const after = await checkThrough(workbook);
    expect(rules(after.check.findings)).toEqual([]);
    expect(after.check.corrections.map((c) => c.applied)).toEqual([true, true, true]);
    expect(after.check.tables[0].reading!.corrections).toEqual([
      'column F is ignored',
      'row 7 (Staffing element) is a memo line, in no total',
    ]);
    // The sheets read the same as before: the record is not in any cell.
    expect(JSON.stringify(book.sheets.map((s) => s.used()))).toBe(cellsBefore);
    expect(await workbook.readSheets()).toEqual(before.read.sheets);
  });

  it('selects a total and its lines together where Excel can (ExcelApi 1.18), in one batch', async () => {
    const book = misreadBook();
    const excel = fakeExcel(book);
    const workbook = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
    await workbook.selectCells('Growth', ['C8:F8', 'C5:F6']);
    expect(book.active).toBe('Growth');
    expect(book.selection).toEqual({ sheet: 'Growth', address: 'C8:F8,C5:F6' });
    expect(excel.contexts.length).toBe(1);
    expect(excel.last().syncs).toHaveLength(1);
  });

  it('below ExcelApi 1.18 selects the one block the ranges make, or else the total alone', async () => {
    const book = misreadBook();
    const excel = fakeExcel(book);
    const workbook = new OfficeWorkbook(excel.run, { supportsExcelApi: (v) => v !== '1.18' });
    await workbook.selectCells('Growth', ['C8:F8', 'C5:F7']);
    expect(book.selection).toEqual({ sheet: 'Growth', address: 'C5:F8' });
    await workbook.selectCells('Growth', ['C8:F8', 'C5:F6']);
    expect(book.selection).toEqual({ sheet: 'Growth', address: 'C8:F8' });
    expect(excel.contexts.every((c) => c.syncs.length === 1)).toBe(true);
  });

  it('finds the block a total and its lines make', () => {
    expect(oneBlock(['C8:E8', 'C5:E7'])).toBe('C5:E8');
    expect(oneBlock(['C8:E8', 'C5:E6'])).toBeNull();
    expect(oneBlock(['C8:E8', 'B5:E7'])).toBeNull();
    expect(oneBlock(['C8'])).toBe('C8:C8');
  });

  it('from the pane inside Excel: the correction goes through the worker to the workbook’s record, and Select selects the lines', async () => {
    const book = misreadBook();
    const session = new Session('excel', {
      link: (listener, port) => localLink('excel', listener, port),
      openExcel: async () => new OfficeWorkbook(fakeExcel(book).run, { supportsExcelApi: () => true }),
      saveFile: () => undefined,
    });
    await session.connectExcel();
    const cells = () => session.state.views.check!.cards.map((c) => `${c.sheet}!${c.cell}`);
    expect(cells()).toContain('Growth!C8');
    await session.correctReading('Growth!A3:F8', { row: 7, role: 'memo' });
    expect(session.state.problem).toBeNull();
    expect(cells()).not.toContain('Growth!C8');
    const kept = storeFromXml(book.parts[0].xml);
    expect('store' in kept && kept.store.readingCorrections).toEqual([CORRECTIONS[1]]);

    const total = (await session.showReading('Growth!A3:F8'))!.totals[0];
    await session.showTotal('Growth', total.cells);
    expect(book.selection).toEqual({ sheet: 'Growth', address: 'C8:F8,C5:F6' });

    // Check again reads the record from Excel afresh.
    await session.checkAgain();
    expect(cells()).not.toContain('Growth!C8');
  });
});
