import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { SheetGrid } from '../../src/engine/grid';
import { notAWorkbook, oldXls, passwordProtected } from '../support/bad-files';
import { CORPORATE_RESOURCES } from '../support/paths';
import { b, bu, gridsToBuffer, sheet, type Spec } from '../support/workbooks';

/**
 * The corpus of bad inputs: each case builds its file (no hand-made binaries) and says what the
 * user must be told. `npm run corpus` writes them to test/corpus/files/ to open by hand.
 */
export interface CorpusCase {
  file: string;
  what: string;
  build: () => Promise<Uint8Array>;
  expect: {
    exit: 0 | 1 | 2;
    /** For exit 2: the one-line reason on stderr. */
    reason?: string;
    /** Findings that must be there, as "rule Sheet!Cell" or "rule" alone. */
    findings?: string[];
    /** Findings that must not be there. */
    absent?: string[];
    /** Text that must be in a finding's message. */
    message?: string;
    /** Every finding, when the case pins them all down. */
    only?: string[];
    tables?: number;
  };
  /** Cases that take seconds; the test gives them more time. */
  slow?: boolean;
}

const YEARS = ['2015/16 £000', '2016/17 £000', '2017/18 £000', '2018/19 £000'];
const header = [b('TDEI ref.'), undefined, ...YEARS.map(b)];

function growth(lines: Spec, total: (string | number | undefined)[], extraRows: Spec = []): SheetGrid {
  return sheet('Growth', [
    [b('GROWTH')],
    [],
    header,
    [undefined, bu('ADULTS ITEMS')],
    ...lines,
    [undefined, b('Total'), ...total.map((v) => (v === undefined ? undefined : b(v as number)))],
    ...extraRows,
  ]);
}

const plainGrowth = () =>
  growth(
    [
      ['G1', 'Care packages', 100, 200, 300, 400],
      ['G2', 'Inflation', 50, 50, 50, 50],
    ],
    [150, 250, 350, 450],
  );

const bytes = (grids: SheetGrid[]) => () => gridsToBuffer(grids);

async function exceljs(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function bigExport(rows: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const ws = wb.addWorksheet('Export');
  ws.addRow(['GROWTH']).commit();
  ws.addRow(['TDEI ref.', null, ...YEARS]).commit();
  for (let i = 0; i < rows; i++) ws.addRow([`G${i}`, `Demand line ${i}`, 1, 2, 3, 4]).commit();
  ws.addRow([null, 'TOTAL', rows, rows * 2, rows * 3, rows * 4]).commit();
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

export const CASES: CorpusCase[] = [
  {
    file: 'not-an-xlsx.xlsx',
    what: 'a CSV saved with an .xlsx name',
    build: async () => notAWorkbook(),
    expect: { exit: 2, reason: 'the file is not an .xlsx workbook' },
  },
  {
    file: 'zero-byte.xlsx',
    what: 'an empty file',
    build: async () => new Uint8Array(0),
    expect: { exit: 2, reason: 'the file is empty (0 bytes)' },
  },
  {
    file: 'password-protected.xlsx',
    what: 'an encrypted Office package',
    build: async () => passwordProtected(),
    expect: {
      exit: 2,
      reason:
        'the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook) and try again',
    },
  },
  {
    file: 'old-format.xls',
    what: 'an Excel 97-2003 workbook',
    build: async () => oldXls(),
    expect: { exit: 2, reason: 'this is an old-style .xls workbook; save it as .xlsx in Excel and try again' },
  },
  {
    file: 'truncated.xlsx',
    what: 'the first half of a real workbook (a broken download)',
    build: async () => {
      const whole = readFileSync(CORPORATE_RESOURCES);
      return new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2)));
    },
    expect: { exit: 2, reason: 'the file could not be opened as an .xlsx workbook' },
  },
  {
    file: 'no-table.xlsx',
    what: 'a workbook with no MTFS table (a shopping list)',
    build: bytes([
      sheet('List', [
        ['Item', 'Qty'],
        ['Paper', 5],
        ['Toner', 2],
      ]),
    ]),
    expect: { exit: 0, tables: 0, only: ['no-tables List!A1'], message: 'no MTFS table was found in the workbook' },
  },
  {
    file: 'header-no-lines.xlsx',
    what: 'a growth header with nothing under it',
    build: bytes([sheet('Growth', [[b('GROWTH')], header])]),
    expect: { exit: 0, tables: 0, findings: ['no-lines Growth!C2'], message: 'no lines with figures follow it' },
  },
  {
    file: 'merged-cells.xlsx',
    what: 'merged title and description cells across a table',
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([
          ['GROWTH'],
          [],
          ['TDEI ref.', null, ...YEARS],
          [null, 'ADULTS ITEMS'],
          ['G1', 'Care packages', 100, 200, 300, 400],
          ['G2', 'Inflation', 50, 50, 50, 50],
          [null, 'Total', 150, 250, 350, 450],
        ]);
        ws.mergeCells('A1:F1');
        ws.mergeCells('B5:B6');
      }),
    expect: { exit: 0, tables: 1, only: [] },
  },
  {
    file: 'hidden-rows-and-columns.xlsx',
    what: 'a hidden line and a hidden year column inside a table',
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([
          ['GROWTH'],
          [],
          ['TDEI ref.', null, ...YEARS],
          ['G1', 'Care packages', 100, 200, 300, 400],
          ['G2', 'Hidden line', 50, 50, 50, 50],
          [null, 'Total', 150, 250, 350, 450],
        ]);
        ws.getRow(5).hidden = true;
        ws.getColumn(4).hidden = true;
      }),
    expect: { exit: 0, only: ['hidden-row Growth!D3', 'hidden-row Growth!B5'], message: 'still count' },
  },
  {
    file: 'formulas-with-values.xlsx',
    what: 'totals as formulas with their calculated values',
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([
          ['GROWTH'],
          [],
          ['TDEI ref.', null, ...YEARS],
          ['G1', 'Care packages', 100, 200, 300, 400],
          ['G2', 'Inflation', 50, 50, 50, 50],
        ]);
        ws.addRow([
          null,
          'Total',
          ...['C', 'D', 'E', 'F'].map((c, i) => ({ formula: `SUM(${c}4:${c}5)`, result: [150, 250, 350, 450][i] })),
        ]);
      }),
    expect: { exit: 0, only: [] },
  },
  {
    file: 'formulas-without-values.xlsx',
    what: 'totals as formulas never calculated (written by another tool)',
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([
          ['GROWTH'],
          [],
          ['TDEI ref.', null, ...YEARS],
          ['G1', 'Care packages', 100, 200, 300, 400],
          ['G2', 'Inflation', 50, 50, 50, 50],
        ]);
        ws.addRow([null, 'Total', ...['C', 'D', 'E', 'F'].map((c) => ({ formula: `SUM(${c}4:${c}5)` }))]);
      }),
    expect: {
      exit: 0,
      findings: ['no-cached-value Growth!C6', 'no-cached-value Growth!F6'],
      message: 'open and save the file in Excel',
    },
  },
  {
    file: 'error-values.xlsx',
    what: '#REF!, #DIV/0! and #N/A where figures should be',
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([['GROWTH'], [], ['TDEI ref.', null, ...YEARS]]);
        ws.addRow([
          'G1',
          'Care packages',
          { error: '#REF!' },
          { formula: '1/0', result: { error: '#DIV/0!' } },
          { error: '#N/A' },
          400,
        ]);
        ws.addRow(['G2', 'Inflation', 50, 50, 50, 50]);
        ws.addRow([null, 'Total', 150, 250, 350, 450]);
      }),
    expect: {
      exit: 1,
      only: ['error-value Growth!C4', 'error-value Growth!D4', 'error-value Growth!E4'],
      message: 'shows #DIV/0! instead of a figure',
    },
  },
  {
    file: 'numbers-as-text.xlsx',
    what: 'figures typed as text in every form, accepted and refused',
    build: bytes([
      growth(
        [
          ['G1', 'Accepted forms', '1,450', '(500)', '-', '£1,450'],
          ['G2', 'More accepted forms', '-£1,450', '(£500)', '1450.25', '–'],
          ['G3', 'Refused forms', '£1.4m', '5k', '12%', 'n/a'],
        ],
        [0, 0, 1450.25, 1450],
      ),
    ]),
    expect: {
      exit: 0,
      findings: [
        'text-number Growth!C5',
        'not-a-figure Growth!C7',
        'not-a-figure Growth!D7',
        'not-a-figure Growth!E7',
      ],
      // "n/a" is a paper's way of printing nothing: read as blank, it leaves the column's totals checked.
      // So is a dash, whichever dash: zero, with nothing to warn about.
      absent: ['not-a-figure Growth!F7', 'text-number Growth!E5', 'text-number Growth!F6'],
      message: 'holds the text "£1.4m" where a figure is expected',
    },
  },
  {
    file: 'dates-as-text.xlsx',
    what: 'completion dates typed as text (Mar-19)',
    build: bytes([
      sheet('Capital', [
        [b('Estimated Completion Date'), b('Gross Cost of Project £000'), undefined, ...YEARS.map(b), b('Total £000')],
        [undefined, undefined, bu('ICT')],
        ['Mar-19', 100, 'Laptops', 25, 25, 25, 25, 100],
        ['31/03/2017', 50, 'Network', 50, undefined, undefined, undefined, 50],
        [undefined, undefined, b('Total ICT'), b(75), b(25), b(25), b(25), b(150)],
      ]),
    ]),
    expect: { exit: 0, tables: 1, only: [] },
  },
  {
    file: 'duplicated-header-rows.xlsx',
    what: 'a header row typed twice, and repeated at a page break',
    build: bytes([
      sheet('Growth', [
        [b('GROWTH')],
        header,
        header,
        [undefined, bu('ADULTS ITEMS')],
        ['G1', 'Care packages', 100, 200, 300, 400],
        [],
        header,
        ['G2', 'Inflation', 50, 50, 50, 50],
        [undefined, b('Total'), b(150), b(250), b(350), b(450)],
      ]),
    ]),
    expect: { exit: 0, tables: 1, only: [] },
  },
  {
    file: 'table-on-two-sheets.xlsx',
    what: 'the same growth table pasted on two sheets',
    build: () => gridsToBuffer([plainGrowth(), { ...plainGrowth(), name: 'Growth (copy)' }]),
    expect: { exit: 0, tables: 2, only: ['repeated-table Growth (copy)!A3'] },
  },
  {
    file: 'thousand-columns.xlsx',
    what: 'a table with notes running out to column ALL (1,000 columns)',
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([
          ['GROWTH'],
          [],
          ['TDEI ref.', null, ...YEARS],
          ['G1', 'Care packages', 100, 200, 300, 400],
          ['G2', 'Inflation', 50, 50, 50, 50],
          [null, 'Total', 150, 250, 350, 450],
        ]);
        for (let c = 10; c <= 1000; c++) ws.getCell(4, c).value = `note ${c}`;
      }),
    expect: { exit: 0, tables: 1, only: [] },
  },
  {
    file: 'very-long-text.xlsx',
    what: "a description of 32,767 characters (Excel's most)",
    build: bytes([
      sheet('Savings', [
        [b('SAVINGS')],
        [b('TDEI ref.'), b('Eff/SR/Income'), undefined, ...YEARS.map(b)],
        ['D1', 'Eff', 'x'.repeat(32767), 10, 0, 0, 0],
        [undefined, b('Total'), undefined, b(10), b(0), b(0), b(0)],
      ]),
    ]),
    expect: { exit: 0, only: ['positive-saving Savings!D3'], message: 'xxxxxxxx…' },
  },
  {
    file: 'unicode-and-rtl.xlsx',
    what: 'descriptions in Arabic, Hebrew, Welsh and emoji',
    build: bytes([
      sheet('Savings', [
        [b('SAVINGS')],
        [b('TDEI ref.'), b('Eff/SR/Income'), undefined, ...YEARS.map(b)],
        ['D1', 'Eff', 'مراجعة الخدمات', -10, -10, -10, -10],
        ['D2', 'SR', 'סקירת שירותים', 5, 0, 0, 0],
        ['D3', 'Income', 'Adolygu gwasanaethau 🙂 – ŵ ŷ', -1, -1, -1, -1],
        [undefined, b('Total'), undefined, b(-6), b(-11), b(-11), b(-11)],
      ]),
    ]),
    expect: { exit: 0, only: ['positive-saving Savings!D4'], message: 'D2 סקירת שירותים shows +5 in 2015/16' },
  },
  {
    file: 'formula-text-in-descriptions.xlsx',
    what: 'descriptions starting with =, +, -, @, tab and CR',
    build: bytes([
      growth(
        [
          ['G1', '=HYPERLINK("http://example.invalid","x")', 1, 1, 1, 1],
          ['G2', '+1+1', 1, 1, 1, 1],
          ['G3', '-2+3', 1, 1, 1, 1],
          ['G4', '@SUM(A1)', 1, 1, 1, 1],
          ['G5', '\tTabbed', 1, 1, 1, 1],
          ['G6', '\rReturn', 1, 1, 1, 1],
        ],
        [6, 6, 6, 7],
      ),
    ]),
    expect: { exit: 0, only: ['rounding-difference Growth!F11'] },
  },
  {
    file: 'export-200000-rows.xlsx',
    what: 'a 200,000-line export in one growth table',
    build: () => bigExport(200_000),
    expect: { exit: 0, tables: 1, only: [] },
    slow: true,
  },
];
