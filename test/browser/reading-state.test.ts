/**
 * Correcting how tables were read, in the pane's state layer without a browser: the session on the main thread and
 * the engine behind the same messages as the Web Worker (localLink). Browser mode keeps the corrections in the
 * downloaded workbook; Excel mode keeps them through the worker's port to the workbook open in Excel; and the words,
 * cells and order the Check view shows.
 */
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { SheetGrid } from '../../src/engine/grid';
import type { WorkbookPort } from '../../src/engine/port';
import { correctionsOf, storeWithCorrections, type AddinStore } from '../../src/engine/store';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import {
  addsFromText,
  correctionFor,
  readingView,
  signsCorrection,
  totalCells,
  unsureFirst,
} from '../../src/taskpane/state/reading';
import { Session } from '../../src/taskpane/state/session';
import { localLink } from '../../src/taskpane/worker/link';
import { GROWTH_HEADING, MISREAD_FINDINGS, misreadSheets } from '../support/misread';
import { b, gridsToBuffer, sheet } from '../support/workbooks';

const GROWTH = 'Growth!A3:F8';
const SAVINGS = 'Savings!A3:E6';

function browserSession(saved: { bytes: Uint8Array; name: string }[] = []) {
  return new Session('browser', {
    link: (listener, port) => localLink('browser', listener, port),
    saveFile: (bytes, name) => saved.push({ bytes, name }),
  });
}

const file = (name: string, bytes: Uint8Array) => ({
  name,
  arrayBuffer: async () => bytes.slice().buffer,
});

/** The cards the Check view shows, as "severity sheet!cell". */
function shown(session: Session): string[] {
  return (session.state.views.check?.cards ?? []).map((c) => `${c.severity} ${c.sheet}!${c.cell}`);
}

/** The findings before any correction, one card per cell. */
const MISREAD_CARDS = MISREAD_FINDINGS.map((f) => f.replace(/ \S+ /, ' '));

describe('correcting the reading in browser mode', () => {
  it('re-checks at once with each correction, lists it with an undo, and carries it into the downloaded workbook', async () => {
    const saved: { bytes: Uint8Array; name: string }[] = [];
    const session = browserSession(saved);
    const original = await gridsToBuffer(misreadSheets());
    await session.openFile(file('misread.xlsx', original));
    expect(shown(session)).toEqual(MISREAD_CARDS);
    // Both tables have a question: the savings table (a column guessed from its content) and the growth total.
    const tables = session.state.views.check!.tables;
    expect(tables.map((t) => t.id)).toEqual([GROWTH, SAVINGS]);
    expect(tables[0].questions).toEqual([
      'What does row 8 "Total growth" add up? No way of adding up the rows near it gives its figures.',
    ]);

    await session.correctReading(GROWTH, { column: 'F', role: 'ignored' });
    expect(shown(session)).not.toContain('error Growth!F8');
    expect(shown(session)).toContain('error Growth!C8');
    await session.correctReading(GROWTH, { row: 7, role: 'memo' });
    expect(shown(session).filter((f) => f.startsWith('error'))).toEqual([]);
    await session.correctReading(SAVINGS, { signs: 'shown-positive' });
    expect(shown(session)).toEqual([]);
    expect(session.state.problem).toBeNull();

    const items = session.state.views.check!.readingCorrections;
    expect(items.map((i) => `${i.table}: ${i.words} (${i.applied ? 'applied' : i.problem})`)).toEqual([
      'Growth!A3: column F is ignored (applied)',
      'Growth!A3: row 7 (Staffing element) is a memo line, in no total (applied)',
      'Savings!A3: its figures are shown positive and taken away (applied)',
    ]);
    const growth = (await session.showReading(GROWTH))!;
    expect(session.state.readings[GROWTH]).toEqual(growth);
    expect(growth.rows.find((r) => r.row === 7)).toEqual({ row: 7, label: 'Staffing element', role: 'memo' });
    expect(growth.columns.find((c) => c.column === 'F')!.role).toBe('ignored');
    expect(growth.questions).toEqual([]);

    // Undo puts the positive-saving warnings back.
    await session.undoReading(items[2].correction);
    expect(shown(session)).toEqual(['warning Savings!D4', 'warning Savings!D5']);
    await session.correctReading(SAVINGS, { signs: 'shown-positive' });

    await session.download();
    expect(saved.map((s) => s.name)).toEqual(['misread-mtfs.xlsx']);
    const downloaded = await XlsxWorkbook.open(saved[0].bytes);
    expect(correctionsOf(await downloaded.readStore()).corrections).toHaveLength(3);
    // Not one input cell changed.
    const before = await (await XlsxWorkbook.open(original)).readSheets();
    expect(await downloaded.readSheets()).toEqual(before);

    // A colleague opens the downloaded workbook: the same corrections, the same findings.
    const again = browserSession();
    await again.openFile(file('misread-mtfs.xlsx', saved[0].bytes));
    expect(shown(again)).toEqual([]);
    expect(again.state.views.check!.readingCorrections.map((i) => i.words)).toEqual(items.map((i) => i.words));
  });

  it('says beside a total when the rows typed for it cannot be read, and checks it against rows it can', async () => {
    const session = browserSession();
    await session.openFile(file('misread.xlsx', await gridsToBuffer(misreadSheets())));
    await session.correctTotal(GROWTH, 8, 'five to six');
    expect(session.state.readingProblem).toEqual({
      key: `${GROWTH}#8`,
      message: expect.stringMatching(/^List the rows it adds up, such as 5:12, 15, -18/),
    });
    expect(session.state.views.check!.readingCorrections).toEqual([]);
    await session.correctTotal(GROWTH, 8, '5 : 6');
    expect(session.state.readingProblem).toBeNull();
    expect(shown(session)).toEqual(['error Growth!F8', 'warning Savings!D4', 'warning Savings!D5']);
    const total = (await session.showReading(GROWTH))!.totals[0];
    expect(total).toMatchObject({ row: 8, adds: ['5:6'], cells: ['C8:F8', 'C5:F6'] });
  });

  it('shows a kept correction whose rows have moved as not applied, in words, and checks the table as read', async () => {
    const moved = misreadSheets();
    moved[0].rows.splice(1, 0, []); // a row inserted above the growth table: its heading is now in row 4
    const workbook = await XlsxWorkbook.open(await gridsToBuffer(moved));
    await workbook.writeStore(
      storeWithCorrections(null, [
        { sheet: 'Growth', table: 'A3', heading: GROWTH_HEADING, row: 7, label: 'Staffing element', role: 'memo' },
      ]),
    );
    const session = browserSession();
    await session.openFile(file('moved.xlsx', await workbook.toBuffer()));
    const [item] = session.state.views.check!.readingCorrections;
    expect(item).toMatchObject({ applied: false, words: 'row 7 (Staffing element) is a memo line, in no total' });
    expect(item.problem).toBe(
      `The table headed "${GROWTH_HEADING}" now starts at A4, not A3: rows or columns have been inserted or deleted since the correction was made.`,
    );
    // Row 8 is now a line, not the memo: nothing is applied to it, and the total is still checked as read.
    expect(shown(session)).toContain('warning Growth!A4');
    expect(shown(session)).toContain('error Growth!C9');
  });

  it('takes a yes to the reader’s question about a column, and asks no more', async () => {
    const session = browserSession();
    await session.openFile(file('misread.xlsx', await gridsToBuffer(misreadSheets())));
    const savings = async () => (await session.showReading(SAVINGS))!;
    // Once the growth total is answered, the savings table, still asked about, comes first.
    await session.correctReading(GROWTH, { row: 7, role: 'memo' });
    expect(session.state.views.check!.tables.map((t) => t.id)).toEqual([SAVINGS, GROWTH]);
    expect((await savings()).columns.filter((c) => c.asked).map((c) => c.column)).toEqual(['B']);
    await session.correctReading(SAVINGS, { column: 'B', role: 'classification' });
    expect((await savings()).questions).toEqual([]);
    expect((await savings()).columns.find((c) => c.column === 'B')).toMatchObject({
      role: 'classification',
      asked: false,
    });
    expect(session.state.views.check!.tables.map((t) => t.id)).toEqual([GROWTH, SAVINGS]);
  });

  it('refuses a correction for a row the table does not have, in words', async () => {
    const session = browserSession();
    await session.openFile(file('misread.xlsx', await gridsToBuffer(misreadSheets())));
    await session.correctReading(GROWTH, { row: 40, role: 'memo' });
    expect(session.state.problem).toEqual({
      intent: 'error',
      title: 'Could not make the correction',
      message: 'Row 40 is not in the table at Growth!A3.',
    });
  });
});

/** A workbook open in "Excel": the misread sheets and a record, behind a port on the main thread. */
function excelWorkbook() {
  const sheets: SheetGrid[] = misreadSheets();
  const calls = { selected: [] as string[], storesWritten: 0 };
  let store: AddinStore | null = null;
  const port: WorkbookPort = {
    readSheets: async () => sheets,
    listSheets: async () => sheets.map((s) => ({ name: s.name, owned: false })),
    writeSheets: async () => {
      throw new Error('not used here');
    },
    readStore: async () => structuredClone(store),
    writeStore: async (next) => {
      calls.storesWritten++;
      store = structuredClone(next);
    },
    selectCells: async (sheet, cells) => {
      calls.selected.push(`${sheet}!${cells.join(',')}`);
    },
  };
  return { port, calls, store: () => store };
}

describe('correcting the reading inside Excel', () => {
  it('keeps the corrections through the worker’s port in the workbook’s record, and selects a total’s lines', async () => {
    const excel = excelWorkbook();
    const session = new Session('excel', {
      link: (listener, port) => localLink('excel', listener, port),
      openExcel: async () => excel.port,
      saveFile: () => undefined,
    });
    await session.connectExcel();
    expect(shown(session)).toEqual(MISREAD_CARDS);
    await session.correctReading(GROWTH, { row: 7, role: 'memo' });
    expect(excel.calls.storesWritten).toBe(1);
    expect(correctionsOf(excel.store()).corrections).toEqual([
      { sheet: 'Growth', table: 'A3', heading: GROWTH_HEADING, row: 7, label: 'Staffing element', role: 'memo' },
    ]);
    expect(shown(session)).toContain('error Growth!F8');
    expect(shown(session)).not.toContain('error Growth!C8');

    const total = (await session.showReading(GROWTH))!.totals[0];
    await session.showTotal('Growth', total.cells);
    expect(excel.calls.selected).toEqual(['Growth!C8:F8,C5:F6']);

    // Checking again reads the record afresh: the correction stays applied.
    await session.checkAgain();
    expect(shown(session)).not.toContain('error Growth!C8');
  });
});

describe('the reading in the pane’s words', () => {
  const check = checkWorkbook(misreadSheets());
  const growth = check.tables[0];

  it('shows each column, row and total, with the cells of each total', () => {
    const view = readingView(growth, [])!;
    expect(view.summary).toBe('Read with low confidence; lines down the rows; heading in row 3.');
    expect(view.columns.map((c) => `${c.column} ${c.role} ${c.detail}`)).toEqual([
      'A reference ',
      'B description ',
      'C figures ',
      'D figures ',
      'E figures ',
      'F figures ',
    ]);
    expect(view.rows.map((r) => `${r.row} ${r.role}`)).toEqual(['4 heading', '5 line', '6 line', '7 line', '8 total']);
    expect(view.totals).toEqual([
      { row: 8, label: 'Total growth', adds: ['5:7'], confidence: 'low', asked: true, cells: ['C8:F8', 'C5:F7'] },
    ]);
    expect(view.columns.filter((c) => c.asked)).toEqual([]);
    expect(view.signs).toBe('');
  });

  it('says why the reader took a line for a memo line when its label does not say', () => {
    const funding = sheet('Funding', [
      [undefined, '2025/26 £'],
      ['Revenue Support Grant', 1052270],
      ['Business Rates', 14971290],
      ['Council Tax Band D', { value: 152.87, format: '"£"#,##0.00' }],
      ['Council Tax', 8663870],
      [b('Total'), b(24687430)],
    ]);
    const view = readingView(checkWorkbook([funding]).tables[0]!, [])!;
    expect(view.rows.find((r) => r.row === 4)).toEqual({
      row: 4,
      label: 'Council Tax Band D',
      role: 'memo',
      why: 'measured in another unit than the money its total adds',
    });
  });

  it('names a correction by the table’s heading and the row’s label, and checks it', () => {
    expect(correctionFor(growth, { row: 7, role: 'memo' })).toEqual({
      sheet: 'Growth',
      table: 'A3',
      heading: GROWTH_HEADING,
      row: 7,
      label: 'Staffing element',
      role: 'memo',
    });
    expect(correctionFor(growth, { department: ' ' })).toEqual({ problem: '"department" must name the department' });
  });

  it('reads the rows a total adds up as typed', () => {
    expect(addsFromText('5:6, -8')).toEqual({ adds: ['5:6', '-8'] });
    // "15 - 18" could mean rows 15 to 18, or 15 and minus 18: it is asked again.
    expect(addsFromText(' 5 : 12 ; 15 - 18')).toMatchObject({ problem: expect.any(String) });
    expect(addsFromText('5-12')).toMatchObject({ problem: expect.any(String) });
    expect(addsFromText('5 : 12 ; 15  -18')).toEqual({ adds: ['5:12', '15', '-18'] });
    expect(addsFromText('')).toMatchObject({ problem: expect.any(String) });
    expect(totalCells({ left: 'C', right: 'E' }, 12, ['5:7', '-9'])).toEqual(['C12:E12', 'C5:E7', 'C9:E9']);
  });

  it('puts the tables the reader is unsure of first, and finds the signs correction to undo', () => {
    const line = (id: string, questions: string[]) => ({ id, questions });
    expect(unsureFirst([line('a', []), line('b', ['?']), line('c', [])]).map((t) => t.id)).toEqual(['b', 'a', 'c']);
    const signs = { sheet: 'Savings', table: 'A3', heading: 'x', signs: 'as-printed' as const };
    const items = [{ key: 'k', correction: signs, words: '', table: 'Savings!A3', applied: true, problem: null }];
    expect(signsCorrection(items, 'savings', 'a3')).toBe(signs);
    expect(signsCorrection(items, 'Growth', 'A3')).toBeNull();
  });
});
