/**
 * A write that Excel stops part-way: at each of its syncs, before any of that sync's operations
 * and part-way through them (Excel runs a batch step by step and keeps what it did). Whatever the
 * step, the previous report and its ownership are intact afterwards, or — once the new sheets are
 * going in — each report sheet is the old one or the new one and the add-in still knows it as its
 * own. Never half a report, never a sheet the add-in no longer recognises, never the user's sheets
 * touched; and the user is told in plain words.
 */
import { describe, expect, it } from 'vitest';
import type { OutputSheet } from '../../src/engine/output';
import { OWNER_MARK_NAME, STORE_NAMESPACE, storeToXml } from '../../src/engine/store';
import { writeOutputs } from '../../src/engine/workflow';
import { ExcelProblem, OfficeWorkbook, PROTECTED_STRUCTURE } from '../../src/hosts/office';
import { FakeBook, fakeExcel, type FakeSheetInit } from './fake-excel';

const OLD_SUMMARY_TOKEN = 'a1'.repeat(12);
const OLD_FINDINGS_TOKEN = 'b2'.repeat(12);

/** A workbook with the user's budget and last month's report, owned the current way. */
function bookWithReport(): FakeBook {
  const sheets: FakeSheetInit[] = [
    { name: 'Revenue Budget', cells: { A1: 'Revenue Budget', C32: 100 } },
    {
      name: 'MTFS Summary',
      cells: { A1: 'MTFS SUMMARY (OLD)', B2: 1 },
      names: [{ name: OWNER_MARK_NAME, formula: `="${OLD_SUMMARY_TOKEN}"`, visible: false }],
    },
    {
      name: 'MTFS Findings',
      cells: { A1: 'MTFS FINDINGS (OLD)' },
      names: [{ name: OWNER_MARK_NAME, formula: `="${OLD_FINDINGS_TOKEN}"`, visible: false }],
    },
  ];
  const book = new FakeBook(sheets);
  book.addPart(
    storeToXml({
      version: 1,
      ownedSheets: [
        { name: 'MTFS Summary', token: OLD_SUMMARY_TOKEN, writtenAt: '2026-11-01T09:00:00Z' },
        { name: 'MTFS Findings', token: OLD_FINDINGS_TOKEN, writtenAt: '2026-11-01T09:00:00Z' },
      ],
    }),
  );
  return book;
}

const NEW_SUMMARY: OutputSheet = {
  name: 'MTFS Summary',
  columnWidths: [30, 12],
  rows: [[{ value: 'MTFS SUMMARY (NEW)', bold: true }], [{ value: 'Total' }, { value: 42 }]],
  charts: [{ title: 'Budget bridge', kind: 'waterfall', range: 'A1:B2', anchor: 'D2' }],
};
const NEW_FINDINGS: OutputSheet = {
  name: 'MTFS Findings',
  columnWidths: [10],
  rows: [
    [{ value: 'MTFS FINDINGS (NEW)' }],
    [{ value: 'Revenue Budget!C32', link: { sheet: 'Revenue Budget', cell: 'C32' } }],
  ],
};
const SCORING: OutputSheet = { name: 'Scoring Model', columnWidths: [], rows: [[{ value: 'Weight' }, { value: 0.5 }]] };
const OUTPUTS = [
  { sheet: NEW_SUMMARY, owned: true },
  { sheet: NEW_FINDINGS, owned: true },
  { sheet: SCORING, owned: false },
];
const REPLACE = ['MTFS Summary', 'MTFS Findings'];

function a1(book: FakeBook, sheet: string): unknown {
  return book.sheet(sheet)?.get(0, 0)?.value;
}

async function write(book: FakeBook) {
  const excel = fakeExcel(book);
  const wb = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
  return {
    wb,
    result: await wb.writeSheets(OUTPUTS, REPLACE).then(
      (r) => ({ ok: r }),
      (e: unknown) => ({ error: e }),
    ),
  };
}

describe('a write Excel stops part-way', () => {
  it('writes the report in four syncs when nothing fails (the numbers the cases below fail)', async () => {
    const book = bookWithReport();
    const { result } = await write(book);
    expect(result).toEqual({ ok: { notes: [] } });
    expect(book.syncCount).toBe(4);
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Revenue Budget',
      'MTFS Summary',
      'MTFS Findings',
      'Scoring Model',
    ]);
    expect(a1(book, 'MTFS Summary')).toBe('MTFS SUMMARY (NEW)');
  });

  // Syncs: 1 list sheets and the record, 2 write the new sheets (and read the marks), 3 swap, 4 chart.
  const cases: { sync: number; afterOps: number; stage: string }[] = [];
  for (const afterOps of [0, 1, 3, 7, 15])
    for (const sync of [1, 2]) cases.push({ sync, afterOps, stage: 'before the swap' });
  for (let afterOps = 0; afterOps <= 8; afterOps++) cases.push({ sync: 3, afterOps, stage: 'in the swap' });

  for (const { sync, afterOps, stage } of cases) {
    it(`sync ${sync} failing after ${afterOps} of its operations (${stage}) leaves a report the add-in still owns, and says so plainly`, async () => {
      const book = bookWithReport();
      book.failAt = { sync, code: 'GeneralException', afterOps };
      const { wb, result } = await write(book);

      expect('error' in result).toBe(true);
      const error = (result as { error: unknown }).error;
      expect(error).toBeInstanceOf(ExcelProblem);
      expect((error as Error).message).toContain('Excel reported an internal error');
      expect((error as Error).message).not.toContain('fake');

      // The user's sheet, untouched; nothing half-made left behind.
      expect(book.sheet('Revenue Budget')!.get(31, 2)).toEqual({ value: 100 });
      expect(book.sheets.map((s) => s.name).filter((n) => /^MTFS (new|old) /.test(n))).toEqual([]);
      const listed = await wb.listSheets();
      for (const name of REPLACE)
        expect(
          listed.find((s) => s.name === name),
          name,
        ).toEqual({ name, owned: true });

      if (stage === 'before the swap') {
        // Exactly as it was.
        expect(book.sheets.map((s) => s.name)).toEqual(['Revenue Budget', 'MTFS Summary', 'MTFS Findings']);
        expect(a1(book, 'MTFS Summary')).toBe('MTFS SUMMARY (OLD)');
        expect(a1(book, 'MTFS Findings')).toBe('MTFS FINDINGS (OLD)');
        expect((error as Error).message).toMatch(/^The report was not written, and the workbook is as it was: /);
      } else {
        // Each report sheet whole: the old one or the new one.
        expect(['MTFS SUMMARY (OLD)', 'MTFS SUMMARY (NEW)']).toContain(a1(book, 'MTFS Summary'));
        expect(['MTFS FINDINGS (OLD)', 'MTFS FINDINGS (NEW)']).toContain(a1(book, 'MTFS Findings'));
      }
      // And the next write goes through (as the pane makes it: planned from what is there), replacing whichever it finds.
      book.failAt = undefined;
      const again = await writeOutputs(wb, OUTPUTS);
      expect(again.notes).toEqual([]);
      expect(again.replace).toEqual(REPLACE);
      expect(a1(book, 'MTFS Summary')).toBe('MTFS SUMMARY (NEW)');
      expect(a1(book, 'MTFS Findings')).toBe('MTFS FINDINGS (NEW)');
      expect((await wb.listSheets()).filter((s) => s.owned).map((s) => s.name)).toEqual(REPLACE);
    });
  }

  it('holds when the cells take several syncs and the swap rides with the last of them, whichever sync fails', async () => {
    const rows = Array.from({ length: 60 }, (_, r) => [{ value: `Line ${r}` }, { value: r }]);
    const big = (sheet: OutputSheet): OutputSheet => ({ ...sheet, rows: [...sheet.rows, ...rows], charts: [] });
    const outputs = [
      { sheet: big(NEW_SUMMARY), owned: true },
      { sheet: big(NEW_FINDINGS), owned: true },
    ];
    const writeSmall = (book: FakeBook) =>
      new OfficeWorkbook(fakeExcel(book).run, { syncBudgetBytes: 4_000 }).writeSheets(outputs, REPLACE);
    const clean = bookWithReport();
    await writeSmall(clean);
    const total = clean.syncCount;
    expect(total).toBeGreaterThanOrEqual(4); // the record; three of cells, the last with the swap
    for (let sync = 1; sync <= total; sync++)
      for (const afterOps of [0, 2, 5]) {
        const book = bookWithReport();
        book.failAt = { sync, code: 'Conflict', afterOps };
        await expect(writeSmall(book), `sync ${sync} after ${afterOps}`).rejects.toBeInstanceOf(ExcelProblem);
        expect(book.sheets.map((x) => x.name).filter((n) => /^MTFS (new|old) /.test(n))).toEqual([]);
        expect(['MTFS SUMMARY (OLD)', 'MTFS SUMMARY (NEW)']).toContain(a1(book, 'MTFS Summary'));
        expect(['MTFS FINDINGS (OLD)', 'MTFS FINDINGS (NEW)']).toContain(a1(book, 'MTFS Findings'));
        const listed = await new OfficeWorkbook(fakeExcel(book).run).listSheets();
        expect(listed.filter((x) => x.owned).map((x) => x.name)).toEqual(REPLACE);
      }
  });

  it('keeps the report written when Excel refuses the chart, with a note the user sees', async () => {
    const book = bookWithReport();
    book.refuseCharts = ['Waterfall'];
    const { wb, result } = await write(book);
    expect(result).toEqual({
      ok: {
        notes: [
          'Excel did not draw the chart “Budget bridge” on MTFS Summary (This version of Excel cannot do one of the steps the add-in asked for). The report itself is written; the figures the chart shows are on the sheet.',
        ],
      },
    });
    expect(a1(book, 'MTFS Summary')).toBe('MTFS SUMMARY (NEW)');
    expect((await wb.listSheets()).filter((s) => s.owned).map((s) => s.name)).toEqual(REPLACE);
  });

  it('keeps the report written when the chart step fails for any other reason', async () => {
    const book = bookWithReport();
    book.failAt = { sync: 4, code: 'InactiveWorkbook' };
    const { result } = await write(book);
    expect(result).toMatchObject({
      ok: { notes: [expect.stringContaining('Excel did not draw the chart “Budget bridge”')] },
    });
    expect(a1(book, 'MTFS Findings')).toBe('MTFS FINDINGS (NEW)');
  });
});

describe('a protected workbook', () => {
  it('is told, before anything is changed, that its structure is protected', async () => {
    const book = bookWithReport();
    book.structureProtected = true;
    const before = JSON.stringify({ sheets: book.sheets.map((s) => [s.name, [...s.store]]), parts: book.parts });
    const { result } = await write(book);
    const error = (result as { error: Error }).error;
    expect(error).toBeInstanceOf(ExcelProblem);
    expect(error.message).toBe(
      "The workbook's structure is protected: unprotect it (Review > Protect Workbook) to add the report sheets. Nothing was changed.",
    );
    expect(error.message).toBe(PROTECTED_STRUCTURE);
    expect(JSON.stringify({ sheets: book.sheets.map((s) => [s.name, [...s.store]]), parts: book.parts })).toBe(before);
    // Only the reading sync was made.
    expect(book.syncCount).toBe(1);
  });

  it('is refused by the fake Excel itself, as Excel does, if anything tries to add a sheet', async () => {
    const book = new FakeBook([{ name: 'Budget' }]);
    book.structureProtected = true;
    const ctx = fakeExcel(book);
    await expect(
      ctx.run(async (context) => {
        context.workbook.worksheets.add('Report');
        await context.sync();
      }),
    ).rejects.toMatchObject({ name: 'RichApi.Error', code: 'AccessDenied' });
    expect(book.sheets.map((s) => s.name)).toEqual(['Budget']);
  });

  it('writes into a workbook whose sheets (not structure) are protected: only new sheets are written', async () => {
    const book = bookWithReport();
    for (const s of book.sheets) s.protected = true;
    const { result } = await write(book);
    expect(result).toEqual({ ok: { notes: [] } });
    expect(book.sheet('Revenue Budget')!.protected).toBe(true);
  });
});

describe('the record', () => {
  it('is one custom XML part in the add-in namespace, listing each report sheet with its token', async () => {
    const book = bookWithReport();
    await write(book);
    const parts = book.parts.filter((p) => p.namespace === STORE_NAMESPACE);
    expect(parts).toHaveLength(1);
    const tokens = ['MTFS Summary', 'MTFS Findings'].map(
      (n) => /="(.*)"/.exec(book.sheet(n)!.names.find((x) => x.name === OWNER_MARK_NAME)!.formula)![1],
    );
    expect(parts[0].xml).toContain(`"name":"MTFS Summary","token":"${tokens[0]}"`);
    expect(parts[0].xml).toContain(`"name":"MTFS Findings","token":"${tokens[1]}"`);
    expect(parts[0].xml).not.toContain(OLD_SUMMARY_TOKEN);
  });

  it('does not take a sheet for the add-in’s on an old-style name alone: its A1 must hold a title the add-in writes', async () => {
    const book = new FakeBook(
      [
        { name: 'MTFS Summary', cells: { A1: 'MTFS 2025/26 BUDGET SUMMARY' } },
        { name: 'Notes', cells: { A1: 'My notes' } },
        { name: 'Proposal Scores', cells: { A1: 'PROPOSAL SCORES (Commercial Projects)' } },
      ],
      [
        { name: 'MTFS_Owned_MTFS_Summary', formula: "='MTFS Summary'!$A$1" },
        { name: 'MTFS_Owned_Notes', formula: '=Notes!$A$1' }, // typed by someone: Notes is the user's
        { name: 'MTFS_Owned_Proposal_Scores', formula: "='Proposal Scores'!$A$1" },
      ],
    );
    expect(await new OfficeWorkbook(fakeExcel(book).run).listSheets()).toEqual([
      { name: 'MTFS Summary', owned: true },
      { name: 'Notes', owned: false },
      { name: 'Proposal Scores', owned: true },
    ]);
  });

  it('reads and writes back through readStore and writeStore, keeping other features’ entries', async () => {
    const book = bookWithReport();
    const wb = new OfficeWorkbook(fakeExcel(book).run);
    const store = (await wb.readStore())!;
    expect(store.ownedSheets.map((o) => o.name)).toEqual(['MTFS Summary', 'MTFS Findings']);
    await wb.writeStore({ ...store, corrections: [{ sheet: 'Revenue Budget', cell: 'C32' }] });
    expect(await wb.readStore()).toEqual({ ...store, corrections: [{ sheet: 'Revenue Budget', cell: 'C32' }] });
    expect(book.parts).toHaveLength(1);
    expect(await new OfficeWorkbook(fakeExcel(new FakeBook([{ name: 'A' }])).run).readStore()).toBeNull();
  });
});
