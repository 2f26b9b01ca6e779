import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Cell, SheetGrid } from '../../src/engine/grid';
import { notAWorkbook, oldXls, passwordProtected } from '../support/bad-files';
import { CORPORATE_RESOURCES } from '../support/paths';
import { b, bu, gridsToBuffer, sheet, type Spec } from '../support/workbooks';
import { editZip, skeleton, streamedSheetWorkbook, zipBomb, zipOf } from '../support/zip-edit';

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
  /**
   * Files built to exhaust memory or time: the check's peak memory is measured and must stay under
   * HOSTILE_MEMORY_MB (how long the refusal takes is measured by `npm run bench`, not here).
   */
  hostile?: boolean;
}

/** The most memory a refusal of a hostile file may take (the issue's bound). */
export const HOSTILE_MEMORY_MB = 500;

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

const encoder = new TextEncoder();

/** A published-looking growth table whose total is 100 out: the check must say so. */
const wrongGrowth = (figure: Cell) =>
  sheet('Growth', [
    [b('GROWTH')],
    [],
    header,
    ['G1', 'Care packages', figure, 200, 300, 400],
    ['G2', 'Inflation', 50, 50, 50, 50],
    [undefined, b('Total'), b(750), b(250), b(350), b(450)],
  ]);

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const EMPTY_STYLED_COLUMNS = Array.from({ length: 20 }, (_, i) => columnName(i + 1));
const VALUE_COLUMNS = EMPTY_STYLED_COLUMNS.slice(0, 10);

/** Bytes of every part of a small valid workbook, for packages built around one. */
async function smallWorkbookParts(): Promise<Record<string, Uint8Array>> {
  const { unzipSync } = await import('fflate');
  return unzipSync(await gridsToBuffer([plainGrowth()]));
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
      // The workbook has a formula (1/0), so its typed totals are worth a word: once for the table.
      only: ['error-value Growth!C4', 'error-value Growth!D4', 'error-value Growth!E4', 'hard-coded-total Growth!C6'],
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
      findings: ['text-number Growth!C5', 'not-a-figure Growth!C7', 'not-a-figure Growth!D7', 'not-a-figure Growth!E7'],
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
  {
    file: 'zip-of-text.xlsx',
    what: 'a zip holding only a text file, named .xlsx',
    build: async () => zipOf({ 'notes.txt': 'Budget notes for 2015/16' }),
    expect: { exit: 2, reason: 'the file is not an Excel workbook: it is a zip archive with no workbook in it' },
  },
  {
    file: 'no-workbook-part.xlsx',
    what: 'a workbook package with its xl/workbook.xml taken out',
    build: async () =>
      editZip(await gridsToBuffer([plainGrowth()]), (parts) => {
        delete parts['xl/workbook.xml'];
      }),
    expect: {
      exit: 2,
      reason: 'the file is not an Excel workbook: it is a zip archive with no workbook in it (no xl/workbook.xml)',
    },
  },
  {
    file: 'no-workbook-rels.xlsx',
    what: 'a workbook whose list of where its sheets are (xl/_rels/workbook.xml.rels) is missing',
    build: async () =>
      editZip(await gridsToBuffer([plainGrowth()]), (parts) => {
        delete parts['xl/_rels/workbook.xml.rels'];
      }),
    expect: { exit: 2, reason: 'the list of where its sheets are, xl/_rels/workbook.xml.rels, is missing' },
  },
  {
    file: 'spreadsheet.ods',
    what: 'an OpenDocument spreadsheet (LibreOffice) given to the add-in',
    build: async () =>
      zipOf({
        mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
        'content.xml': '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        'META-INF/manifest.xml':
          '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
      }),
    expect: { exit: 2, reason: 'it is an OpenDocument spreadsheet (.ods); save it as .xlsx' },
  },
  {
    file: 'missing-sheet-part.xlsx',
    what: 'a sheet listed in the workbook whose part is missing',
    build: async () =>
      editZip(await gridsToBuffer([plainGrowth(), { ...plainGrowth(), name: 'Savings' }]), (parts) => {
        delete parts['xl/worksheets/sheet2.xml'];
      }),
    expect: {
      exit: 2,
      reason: 'the sheet "Savings" is listed in the workbook but its contents (xl/worksheets/sheet2.xml) are missing',
    },
  },
  {
    file: 'user-names-like-markers.xlsx',
    what: "a user's names that look like the old ownership marker (MTFS_Owned_Growth) and the new one at workbook scope",
    build: () =>
      exceljs((wb) => {
        const ws = wb.addWorksheet('Growth');
        ws.addRows([
          ['GROWTH'],
          [],
          ['TDEI ref.', null, ...YEARS],
          ['G1', 'Care packages', 100, 200, 300, 400],
          ['G2', 'Inflation', 50, 50, 50, 50],
          [null, 'Total', 750, 250, 350, 450],
        ]);
        wb.definedNames.add("'Growth'!$A$1", 'MTFS_Owned_Growth');
        wb.definedNames.add("'Growth'!$B$1", 'MTFS_Owner');
      }),
    expect: { exit: 1, findings: ['total-mismatch Growth!C6'] },
  },
  {
    file: 'bracketed-minus.xlsx',
    what: 'a figure typed as text with a minus inside brackets, (-200)',
    build: bytes([
      growth(
        [
          ['G1', 'Care packages', '(-200)', 200, 300, 400],
          ['G2', 'Inflation', 50, 50, 50, 50],
        ],
        [250, 250, 350, 450],
      ),
    ]),
    expect: {
      exit: 0,
      findings: ['not-a-figure Growth!C5'],
      message: 'holds the text "(-200)" where a figure is expected',
    },
  },
  {
    file: 'figure-formatted-as-date.xlsx',
    what: 'a figure (600) formatted as a date, in a table whose total is wrong',
    build: bytes([wrongGrowth({ value: 600, format: 'dd/mm/yyyy' })]),
    expect: { exit: 1, findings: ['total-mismatch Growth!C6'] },
  },
  {
    file: 'chart-sheet.xlsx',
    what: 'a workbook with a chart sheet among its sheets',
    build: async () =>
      editZip(await gridsToBuffer([plainGrowth()]), (parts) => {
        const text = (name: string) => new TextDecoder().decode(parts[name]);
        parts['xl/workbook.xml'] = encoder.encode(
          text('xl/workbook.xml').replace('</sheets>', '<sheet name="Chart1" sheetId="9" r:id="rIdChart"/></sheets>'),
        );
        parts['xl/_rels/workbook.xml.rels'] = encoder.encode(
          text('xl/_rels/workbook.xml.rels').replace(
            '</Relationships>',
            '<Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>',
          ),
        );
        parts['[Content_Types].xml'] = encoder.encode(
          text('[Content_Types].xml').replace(
            '</Types>',
            '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>',
          ),
        );
        parts['xl/chartsheets/sheet1.xml'] = encoder.encode(
          '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>',
        );
      }),
    expect: { exit: 0, tables: 1, only: [] },
  },
  {
    file: 'long-sheet-names.xlsx',
    what: 'two sheets whose names share their first 31 characters',
    build: async () => {
      const base = skeleton('Growth and savings for the adults department');
      const sheet1 =
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row></sheetData></worksheet>';
      return zipOf({
        ...base,
        'xl/workbook.xml': base['xl/workbook.xml'].replace(
          '</sheets>',
          '<sheet name="Growth and savings for the adults department (2)" sheetId="2" r:id="rId3"/></sheets>',
        ),
        'xl/_rels/workbook.xml.rels': base['xl/_rels/workbook.xml.rels'].replace(
          '</Relationships>',
          '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
        ),
        '[Content_Types].xml': base['[Content_Types].xml'].replace(
          '</Types>',
          '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
        'xl/worksheets/sheet1.xml': sheet1,
        'xl/worksheets/sheet2.xml': sheet1,
      });
    },
    expect: { exit: 0, tables: 0, findings: ['no-tables Growth and savings for the adults department!A1'] },
  },
  {
    file: 'style-index-out-of-range.xlsx',
    what: "cells whose style number is past the end of the workbook's styles",
    build: async () =>
      editZip(await gridsToBuffer([plainGrowth()]), (parts) => {
        const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
        parts['xl/worksheets/sheet1.xml'] = encoder.encode(xml.replace(/ s="\d+"/g, ' s="999"'));
      }),
    expect: { exit: 0, tables: 1 },
  },
  {
    file: 'twenty-million-empty-cells.xlsx',
    what: 'every row of a sheet filled with 20 empty styled cells (21 million cells)',
    build: async () =>
      streamedSheetWorkbook(
        1_048_576,
        (r) => `<row r="${r}">${EMPTY_STYLED_COLUMNS.map((c) => `<c r="${c}${r}" s="1"/>`).join('')}</row>`,
      ),
    expect: {
      exit: 2,
      reason:
        'its sheets hold more than 3,000,000 cells (reading stopped in Export) and the add-in reads up to 3,000,000',
    },
    slow: true,
    hostile: true,
  },
  {
    file: 'ten-million-cells.xlsx',
    what: 'ten million figures on one sheet',
    build: async () =>
      streamedSheetWorkbook(
        1_000_000,
        (r) => `<row r="${r}">${VALUE_COLUMNS.map((c, i) => `<c r="${c}${r}"><v>${i}</v></c>`).join('')}</row>`,
      ),
    expect: { exit: 2, reason: 'its sheets hold more than 3,000,000 cells' },
    slow: true,
    hostile: true,
  },
  {
    file: 'entry-at-xfd-on-every-row.xlsx',
    what: 'one cell at column XFD (the last) on each of 1,048,576 rows',
    build: async () => streamedSheetWorkbook(1_048_576, (r) => `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`),
    expect: {
      exit: 2,
      reason: 'the sheet "Export" spans more than 5,000,000 cells, counting each row out to its last entry',
    },
    slow: true,
    hostile: true,
  },
  {
    file: 'unreferenced-giant-parts.xlsx',
    what: 'a small workbook carrying 120 parts nothing refers to, each unpacking to 400 MB',
    build: async () => zipBomb(await smallWorkbookParts(), 120, 400),
    expect: { exit: 2, reason: 'the file unpacks to more than 2,000 MB, the most the add-in opens' },
    slow: true,
    hostile: true,
  },
];
