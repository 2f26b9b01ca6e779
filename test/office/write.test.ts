import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money';
import { MONEY_FORMAT, type OutputSheet } from '../../src/engine/output';
import { OWNER_MARK_NAME, STORE_NAMESPACE, storeFromXml } from '../../src/engine/store';
import {
  MAX_SYNC_BYTES,
  OfficeWorkbook,
  SYNC_BUDGET_BYTES,
  chartDrawing,
  columnWidthPoints,
} from '../../src/hosts/office';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { FakeBook, fakeExcel, type FakeCell, type FakeSheet } from './fake-excel';

const SUMMARY: OutputSheet = {
  name: 'MTFS Summary',
  columnWidths: [40, 14, 14, 60],
  freezeRows: 2,
  rows: [
    [{ value: 'MTFS Summary', bold: true }],
    [
      { value: 'Line', bold: true, underline: true },
      { value: '2025/26', bold: true, align: 'right' },
      { value: '2026/27', bold: true, align: 'right' },
      { value: 'Note', bold: true },
    ],
    [
      { value: '=SUM(A1:A2)' },
      { value: new Decimal('1234.56'), format: MONEY_FORMAT },
      { value: -5, format: MONEY_FORMAT },
      { value: 'A long note that wraps onto a second line', wrap: true },
    ],
    [{ value: '+44 20 7946 0000' }, { value: '1,234' }, { value: '2025/26' }, { value: '@risk', italic: true }],
    [
      { value: '-' },
      null,
      { value: 'n/a', format: MONEY_FORMAT },
      { value: 'See Revenue Budget C32', link: { sheet: 'Revenue Budget', cell: 'C32' } },
    ],
    [],
    [
      { value: 'Total', bold: true },
      { value: new Decimal('1229.56'), format: MONEY_FORMAT, bold: true },
    ],
  ],
  charts: [{ title: 'Budget bridge', kind: 'waterfall', range: 'A3:B5', anchor: 'F2' }],
};

const SCORING: OutputSheet = {
  name: 'Scoring Model',
  columnWidths: [30],
  rows: [
    [
      { value: 'Weight', bold: true },
      { value: 0.25, format: '0%' },
    ],
  ],
};

function cell(s: FakeSheet | undefined, address: string): FakeCell {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return s!.get(Number(m[2]) - 1, col - 1) ?? {};
}

/** The add-in's record, as the workbook's custom XML part holds it. */
function record(book: FakeBook) {
  const part = book.parts.find((p) => p.namespace === STORE_NAMESPACE);
  const parsed = part ? storeFromXml(part.xml) : null;
  return parsed && 'store' in parsed ? parsed.store : null;
}

/** The token of a sheet's hidden MTFS_Owner name. */
function token(book: FakeBook, sheet: string) {
  const mark = book.sheet(sheet)?.names.find((n) => n.name === OWNER_MARK_NAME);
  return mark ? { token: /^="(.*)"$/.exec(mark.formula)?.[1], visible: mark.visible } : undefined;
}

describe('OfficeWorkbook.writeSheets', () => {
  it('writes a report in four syncs: values, formats, fonts, alignment, widths, frozen rows, links, a chart, its hidden mark and the record', async () => {
    const book = new FakeBook([{ name: 'Revenue Budget', cells: { C32: 100 } }]);
    const excel = fakeExcel(book);
    const wb = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
    const result = await wb.writeSheets(
      [
        { sheet: SUMMARY, owned: true },
        { sheet: SCORING, owned: false },
      ],
      [],
    );
    const ctx = excel.last();

    expect(result).toEqual({ notes: [] });
    expect(wb.lastStats.records.map((r) => r.stage)).toEqual([
      'List sheets and the add-in’s record',
      'Write sheets',
      'Put the new sheets in place',
      'Draw charts on MTFS Summary',
    ]);
    expect(ctx.syncs).toHaveLength(4);
    expect(book.sheets.map((s) => s.name)).toEqual(['Revenue Budget', 'MTFS Summary', 'Scoring Model']);
    const s = book.sheet('MTFS Summary');

    // Text stays text, however it starts.
    for (const [addr, text] of [
      ['A3', '=SUM(A1:A2)'],
      ['A4', '+44 20 7946 0000'],
      ['B4', '1,234'],
      ['C4', '2025/26'],
      ['D4', '@risk'],
      ['A5', '-'],
    ]) {
      expect(cell(s, addr), addr).toMatchObject({ value: text, numberFormat: '@' });
      expect(cell(s, addr).formula, addr).toBeUndefined();
    }
    // A text cell with its own format gets that format after its value.
    expect(cell(s, 'C5')).toMatchObject({ value: 'n/a', numberFormat: MONEY_FORMAT });
    expect(cell(s, 'C5').formula).toBeUndefined();
    // Numbers: Decimals become numbers at the edge, with their format.
    expect(cell(s, 'B3')).toMatchObject({ value: 1234.56, numberFormat: MONEY_FORMAT });
    expect(cell(s, 'C3')).toMatchObject({ value: -5, numberFormat: MONEY_FORMAT });
    expect(cell(s, 'B7')).toMatchObject({ value: 1229.56, bold: true });
    // Fonts and alignment.
    expect(cell(s, 'A1')).toMatchObject({ bold: true });
    expect(cell(s, 'A2')).toMatchObject({ bold: true, underline: 'Single' });
    expect(cell(s, 'B2')).toMatchObject({ bold: true, horizontalAlignment: 'Right', verticalAlignment: 'Top' });
    expect(cell(s, 'D3')).toMatchObject({ wrapText: true, verticalAlignment: 'Top' });
    expect(cell(s, 'D4')).toMatchObject({ italic: true });
    expect(cell(s, 'A3').bold).toBeUndefined();
    // The link.
    expect(cell(s, 'D5')).toMatchObject({
      value: 'See Revenue Budget C32',
      hyperlink: { documentReference: "'Revenue Budget'!C32", textToDisplay: 'See Revenue Budget C32' },
      color: '#0563C1',
      underline: 'Single',
    });
    // Empty cells stay empty: only aligned to the top, as the whole written range is, in one property.
    expect(cell(s, 'B5')).toEqual({ verticalAlignment: 'Top' });
    expect(s!.used()).toEqual({ row0: 0, col0: 0, rows: 7, cols: 4 });
    // Widths, frozen header, the waterfall (ExcelApi 1.9 always has it).
    expect(s!.columnWidths).toEqual([40, 14, 14, 60].map(columnWidthPoints));
    expect(s!.frozenRows).toBe(2);
    expect(s!.charts).toEqual([
      { type: 'Waterfall', source: 'A3:B5', seriesBy: 'Auto', end: 'M17', title: 'Budget bridge', position: 'F2' },
    ]);
    // The report carries a hidden mark whose token the record lists; the user's Scoring Model neither.
    const mark = token(book, 'MTFS Summary');
    expect(mark).toEqual({ token: expect.stringMatching(/^[0-9a-f]{24}$/), visible: false });
    expect(record(book)!.ownedSheets).toEqual([
      { name: 'MTFS Summary', token: mark!.token, writtenAt: expect.any(String) },
    ]);
    expect(token(book, 'Scoring Model')).toBeUndefined();
    expect(book.names).toEqual([]);
    expect(await wb.listSheets()).toEqual([
      { name: 'Revenue Budget', owned: false },
      { name: 'MTFS Summary', owned: true },
      { name: 'Scoring Model', owned: false },
    ]);
    expect(book.sheet('Scoring Model')!.get(0, 1)).toMatchObject({ value: 0.25, numberFormat: '0%' });
    expect(book.sheet('Scoring Model')!.columnWidths).toEqual([columnWidthPoints(30)]);
    for (const sync of ctx.syncs) expect(sync.requestBytes).toBeLessThanOrEqual(MAX_SYNC_BYTES);
  });

  it("formats text '@' before writing the values, writes each sheet's values as one whole 2D array, and suspends screen updating where ExcelApi 1.9 says it can", async () => {
    const excel = fakeExcel(new FakeBook([]));
    await new OfficeWorkbook(excel.run, { supportsExcelApi: (v) => v === '1.9' }).writeSheets(
      [{ sheet: SUMMARY, owned: true }],
      [],
    );
    const ops = excel.last().ops.filter((o) => o.sync === 1);
    expect(ops[0].op).toBe('suspendScreenUpdating');
    // Added under a temporary name, out of the user's way until it is whole.
    expect(ops[1]).toMatchObject({ op: 'addSheet', sheet: expect.stringMatching(/^MTFS new [0-9a-f]{8}$/) });
    const writes = ops.filter((o) => o.op === 'values' || o.op === 'numberFormat');
    expect(writes.map((o) => [o.op, o.address])).toEqual([
      ['numberFormat', 'A1:D7'],
      ['values', 'A1:D7'],
      ['numberFormat', 'A1:D7'],
    ]);
    const [formats, values, textFormats] = writes.map((o) => o.detail as unknown[][]);
    expect(values).toEqual([
      ['MTFS Summary', null, null, null],
      ['Line', '2025/26', '2026/27', 'Note'],
      ['=SUM(A1:A2)', 1234.56, -5, 'A long note that wraps onto a second line'],
      ['+44 20 7946 0000', '1,234', '2025/26', '@risk'],
      ['-', null, 'n/a', 'See Revenue Budget C32'],
      [null, null, null, null],
      ['Total', 1229.56, null, null],
    ]);
    // Every text cell is '@' in the formats written before the values.
    values.forEach((row, r) =>
      row.forEach((v, c) =>
        expect(formats[r][c], `${r},${c}`).toBe(typeof v === 'string' ? '@' : v === null ? null : MONEY_FORMAT),
      ),
    );
    // Afterwards only the text cell with a format of its own is touched.
    expect(textFormats.flat().filter((f) => f !== null)).toEqual([MONEY_FORMAT]);
    expect(textFormats[4][2]).toBe(MONEY_FORMAT);
    // Fonts and alignment in one call; the hidden mark after the sheet is filled.
    expect(ops.filter((o) => o.op === 'setCellProperties').map((o) => o.address)).toEqual(['A1:D7']);
    expect(ops.slice(-2).map((o) => [o.op, o.detail])).toEqual([
      ['addName', OWNER_MARK_NAME],
      ['nameVisible', false],
    ]);
    // Without ExcelApi 1.9, screen updating is not touched.
    const plain = fakeExcel(new FakeBook([]));
    await new OfficeWorkbook(plain.run, { supportsExcelApi: () => false }).writeSheets(
      [{ sheet: SUMMARY, owned: true }],
      [],
    );
    expect(plain.last().ops.some((o) => o.op === 'suspendScreenUpdating')).toBe(false);
  });

  it('replaces its own sheets only once the new ones are in, and removes old-style marks', async () => {
    const book = new FakeBook(
      [
        { name: 'Revenue Budget', cells: { A1: 'Budget', C32: 100 } },
        { name: 'MTFS Summary', cells: { A1: 'MTFS 2025/26 BUDGET SUMMARY', Z99: 'old stray cell' } },
      ],
      [
        { name: 'MTFS_Owned_MTFS_Summary', formula: "='MTFS Summary'!$A$1" },
        { name: 'MTFS_Owned_Findings', formula: '=#REF!$A$1' }, // its sheet was deleted by hand
        { name: 'Budget_Total', formula: "='Revenue Budget'!$C$32" }, // the user's own name
      ],
    );
    const excel = fakeExcel(book);
    const wb = new OfficeWorkbook(excel.run);
    // An old-style mark counts when A1 holds the add-in's title.
    expect(await wb.listSheets()).toEqual([
      { name: 'Revenue Budget', owned: false },
      { name: 'MTFS Summary', owned: true },
    ]);
    const findings: OutputSheet = { name: 'Findings', columnWidths: [], rows: [[{ value: 'No errors found' }]] };
    await wb.writeSheets(
      [
        { sheet: SUMMARY, owned: true },
        { sheet: findings, owned: true },
      ],
      ['MTFS Summary'],
    );

    const ops = excel.last().ops;
    const at = (op: string, detail?: unknown) =>
      ops.findIndex((o) => o.op === op && (detail === undefined || o.detail === detail || o.sheet === detail));
    // The new sheets are filled before the old one is touched; then it steps aside and goes.
    expect(at('addName', OWNER_MARK_NAME)).toBeLessThan(at('renameSheet', 'MTFS Summary'));
    expect(ops[at('renameSheet', 'MTFS Summary')].detail).toMatch(/^MTFS old /);
    expect(at('renameSheet', 'MTFS Summary')).toBeLessThan(at('deleteSheet', 'MTFS Summary'));
    expect(ops.filter((o) => o.op === 'deleteName').map((o) => o.detail)).toEqual([
      'MTFS_Owned_MTFS_Summary',
      'MTFS_Owned_Findings',
    ]);

    expect(book.sheets.map((s) => s.name)).toEqual(['Revenue Budget', 'MTFS Summary', 'Findings']);
    expect(book.sheet('MTFS Summary')!.used()).toEqual({ row0: 0, col0: 0, rows: 7, cols: 4 }); // the stray cell went with the old sheet
    expect(book.sheet('Revenue Budget')!.get(0, 0)).toEqual({ value: 'Budget' });
    expect(book.names).toEqual([{ name: 'Budget_Total', formula: "='Revenue Budget'!$C$32", visible: true }]);
    expect(record(book)!.ownedSheets.map((o) => o.name)).toEqual(['MTFS Summary', 'Findings']);
    expect(await wb.listSheets()).toEqual([
      { name: 'Revenue Budget', owned: false },
      { name: 'MTFS Summary', owned: true },
      { name: 'Findings', owned: true },
    ]);
  });

  it('reads back what it wrote as the .xlsx host reads back what it wrote', async () => {
    const excel = fakeExcel(new FakeBook([{ name: 'Revenue Budget', cells: { C32: 100 } }]));
    const office = new OfficeWorkbook(excel.run);
    await office.writeSheets([{ sheet: SUMMARY, owned: true }], []);
    const viaExcel = (await office.readSheets()).find((g) => g.name === 'MTFS Summary');

    const xlsx = XlsxWorkbook.empty();
    await xlsx.writeSheets([{ sheet: SUMMARY, owned: true }], []);
    const viaXlsx = (await (await XlsxWorkbook.open(await xlsx.toBuffer())).readSheets()).find(
      (g) => g.name === 'MTFS Summary',
    );
    expect(viaExcel).toStrictEqual(viaXlsx);
  });

  it('writes a sheet the user keeps (the Scoring Model) under its own name with no mark, and does nothing when there is nothing to write', async () => {
    const book = new FakeBook([]);
    const excel = fakeExcel(book);
    const wb = new OfficeWorkbook(excel.run);
    await wb.writeSheets([{ sheet: SCORING, owned: false }], []);
    expect(excel.last().ops.find((o) => o.op === 'addSheet')?.sheet).toBe('Scoring Model');
    expect(book.sheets.map((s) => s.name)).toEqual(['Scoring Model']);
    expect(token(book, 'Scoring Model')).toBeUndefined();
    expect(record(book)!.ownedSheets).toEqual([]);
    const contexts = excel.contexts.length;
    expect(await wb.writeSheets([], [])).toEqual({ notes: [] });
    expect(excel.contexts).toHaveLength(contexts);
  });

  it('draws a waterfall as a waterfall (ExcelApi 1.9 always has one), other charts as clustered columns or a scatter', () => {
    const plain = { title: 'Budget bridge', kind: 'waterfall', range: 'A3:B5', anchor: 'F2' } as const;
    const withFallback = { ...plain, stackedFallback: { range: 'E3:H6', categories: 'A3:A6' } };
    expect(chartDrawing(withFallback)).toEqual({ type: 'Waterfall', range: 'A3:B5', seriesBy: 'Auto' });
    expect(chartDrawing({ ...plain, kind: 'scatter' })).toEqual({
      type: 'XYScatter',
      range: 'A3:B5',
      seriesBy: 'Auto',
    });
    expect(chartDrawing({ ...plain, kind: 'column' })).toEqual({
      type: 'ColumnClustered',
      range: 'A3:B5',
      seriesBy: 'Auto',
    });
  });

  it('splits a very big sheet into requests under 5 MB, each a whole block of rows, in few syncs', async () => {
    const rows = 60_000;
    const big: OutputSheet = {
      name: 'All Lines',
      columnWidths: [12, 40, 14, 14, 14, 14, 14, 30],
      freezeRows: 1,
      rows: Array.from({ length: rows }, (_, r) =>
        r === 0
          ? ['Code', 'Line', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Note'].map((v) => ({ value: v, bold: true }))
          : [
              { value: `R${r}` },
              { value: `Line item ${r}: staff and running costs` },
              ...[1, 2, 3, 4, 5].map((y) => ({
                value: new Decimal(r * y).div(7).toDecimalPlaces(2),
                format: MONEY_FORMAT,
              })),
              r % 10 === 0 ? { value: 'Includes pay award', italic: true } : null,
            ],
      ),
    };
    const book = new FakeBook([]);
    const excel = fakeExcel(book);
    const wb = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
    const progress: number[] = [];
    await wb.writeSheets([{ sheet: big, owned: true }], [], (done) => progress.push(done));
    const ctx = excel.last();

    const total = ctx.syncs.reduce((n, s) => n + s.requestBytes, 0);
    for (const s of ctx.syncs) expect(s.requestBytes).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
    // One to list the sheets and the record; then the rows as full as the budget allows, the last
    // of them also putting the sheet in place.
    const writing = ctx.syncs.length - 1;
    expect(writing).toBeLessThanOrEqual(Math.ceil(total / SYNC_BUDGET_BYTES) + 1);
    expect(writing).toBeGreaterThan(1);
    expect(progress).toEqual([0, 1, 1]);
    // Values go in whole blocks of rows that tile the sheet, each 8 columns wide.
    const blocks = ctx.ops
      .filter((o) => o.op === 'values')
      .map((o) => /^A(\d+):H(\d+)$/.exec(o.address!)!.slice(1).map(Number));
    expect(blocks.length).toBe(writing);
    expect(blocks[0][0]).toBe(1);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i][0]).toBe(blocks[i - 1][1] + 1);
    expect(blocks.at(-1)![1]).toBe(rows);
    // Screen updating is suspended again for each batch.
    expect(ctx.ops.filter((o) => o.op === 'suspendScreenUpdating').map((o) => o.sync)).toEqual(
      blocks.map((_, i) => i + 1),
    );

    const s = book.sheet('All Lines')!;
    expect(s.get(0, 7)).toMatchObject({ value: 'Note', bold: true, numberFormat: '@' });
    expect(s.get(59_999, 0)).toMatchObject({ value: 'R59999', numberFormat: '@' });
    expect(s.get(59_999, 6)).toMatchObject({ value: 42856.43, numberFormat: MONEY_FORMAT });
    expect(s.frozenRows).toBe(1);
    expect(token(book, 'All Lines')?.token).toBe(record(book)!.ownedSheets[0].token);
    console.log(
      `write ${rows} rows x 8 columns: ${ctx.syncs.length} syncs, largest request ${(Math.max(...ctx.syncs.map((x) => x.requestBytes)) / 1e6).toFixed(2)} MB, ${(total / 1e6).toFixed(1)} MB in all`,
    );
  });
});

describe('OfficeWorkbook.selectCell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const book = new FakeBook([{ name: 'Revenue Budget', cells: { C32: 1 } }, { name: 'MTFS Summary' }]);
    const excel = fakeExcel(book);
    await new OfficeWorkbook(excel.run).selectCell('Revenue Budget', 'C32');
    expect(excel.last().syncs).toHaveLength(1);
    expect(book.active).toBe('Revenue Budget');
    expect(book.selection).toEqual({ sheet: 'Revenue Budget', address: 'C32' });
    expect(excel.last().ops.map((o) => o.op)).toEqual(['activate', 'select']);
  });
});
