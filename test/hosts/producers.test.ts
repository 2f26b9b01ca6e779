/**
 * The same budget tables saved the ways other programs save them: Excel's Strict Open XML, LibreOffice
 * Calc (from .xlsx and from .ods), and the habits of exports and libraries (no cell or row
 * references, inline strings, t="str" and t="d" cells, rich text with phonetic runs, exponents,
 * prefixed elements, a byte-order mark, UTF-16 parts, the workbook elsewhere, absolute or backslashed targets,
 * odd-case names, the 1904 date system, bare built-in format ids, applyNumberFormat="0", shared
 * formulas). Each reads as the same grids as the plain file, and checks to the same tables and
 * findings; writing into one either makes a package both readers open or is refused in words.
 *
 * The variants are built here from the plain file's grids (test/support/producers.ts); LibreOffice's
 * are converted at test time with `soffice --headless` (.ci/run installs it; without it those tests
 * say so and are skipped).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkJson } from '../../src/engine/check';
import { isDateFormat, type Cell, type SheetGrid } from '../../src/engine/grid';
import { FINDINGS_SHEET, SUMMARY_SHEET } from '../../src/engine/report';
import { checkThrough } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { mtfs } from '../support/cli';
import { CORPORATE_RESOURCES, FORMULA_AUDIT } from '../support/paths';
import { producedWorkbook, type Variant } from '../support/producers';
import { b, gridsToBuffer, sheet, tempDir } from '../support/workbooks';

const dir = tempDir('mtfs-producers-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = async (bytes: Uint8Array) => (await XlsxWorkbook.open(bytes)).readSheets();
const checked = async (bytes: Uint8Array) => checkJson((await checkThrough(await XlsxWorkbook.open(bytes))).check);

/** A monthly profile: dates as headings, two-decimal, accounting, bracketed and percent formats, an error, a text formula, a flag. */
const MMM = 'mmm-yy';
const TWO = '#,##0.00';
const ACCOUNTING = '_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-';
const BRACKETS = '#,##0 ;(#,##0)';
const month = (serial: number): Cell => ({ value: serial, format: MMM, bold: true });
const two = (value: number, format = TWO): Cell => ({ value, format });
const profile = sheet('Monthly Profile', [
  [b('MONTHLY BUDGET PROFILE 2026/27')],
  [],
  [b('Service'), month(46113), month(46143), month(46174), b('Quarter £'), b('Share')],
  ['Libraries', two(100.5), two(200.25), two(300), two(600.75, ACCOUNTING), { value: 0.25, format: '0%' }],
  ['Museums', two(50), two(60.5), two(70), two(180.5, ACCOUNTING), { value: 0.075, format: '0.00%' }],
  ['Parks', two(1000), two(-200), two(250.25), two(1050.25, ACCOUNTING), { value: 0.4375, format: '0%' }],
  [
    'Archives',
    two(10),
    { value: null, error: '#N/A' },
    two(20),
    two(30, ACCOUNTING),
    { value: 0.0125, format: '0.00%' },
  ],
  [b('Total'), b(1160.5), b(60.75), b(640.25), b(1861.5), b(0.775)],
  [],
  [b('Capital (£000)'), b('2026/27'), b('2027/28')],
  ['Depot', { value: 400, format: BRACKETS }, { value: -100, format: BRACKETS }],
  ['Boilers', { value: 150, format: BRACKETS }, { value: 50, format: BRACKETS }],
  [b('Total capital'), { value: 550, format: BRACKETS, bold: true }, { value: -50, format: BRACKETS, bold: true }],
  [],
  ['Prepared for', { value: 'Q1 review', formula: '"Q"&1&" review"' }, 'Signed off', { value: true }],
]);

interface Base {
  name: string;
  bytes: Uint8Array;
  grids: SheetGrid[];
}

const bases: Base[] = [];

beforeAll(async () => {
  for (const [name, bytes] of [
    ['the published department (values)', new Uint8Array(readFileSync(CORPORATE_RESOURCES))],
    ['the formula audit (live formulas)', new Uint8Array(readFileSync(FORMULA_AUDIT))],
    ['a monthly profile (dates, formats, an error)', await gridsToBuffer([profile])],
  ] as const)
    bases.push({ name, bytes, grids: await read(bytes) });
});

const VARIANTS: [string, Variant][] = [
  ['written plainly by hand', {}],
  ['Strict Open XML', { strict: true }],
  ['Strict Open XML with inline strings and prefixed elements', { strict: true, text: 'inline', prefix: true }],
  ['cells with no r attribute', { noCellRefs: true }],
  ['rows and cells with no r attribute', { noCellRefs: true, noRowRefs: true }],
  ['inline strings (t="inlineStr")', { text: 'inline' }],
  ['text as t="str" cells', { text: 'str' }],
  ['rich-text shared strings with phonetic runs', { text: 'rich' }],
  ['dates as ISO text (t="d")', { isoDates: true }],
  ['shared formulas', { sharedFormulas: true }],
  ['numbers in exponent form (1.5E+3)', { exponent: true }],
  ['indented, with xml:space="preserve"', { pretty: true }],
  ['a namespace prefix on every element', { prefix: true }],
  ['a UTF-8 byte-order mark on every part', { bom: true }],
  ['every part in UTF-16', { utf16: true }],
  ['the workbook part at spreadsheet/book.xml', { workbookPart: 'spreadsheet/book.xml' }],
  ['absolute relationship targets', { absoluteTargets: true }],
  ['backslashes in part names and targets', { backslashes: true }],
  ['part names in odd case', { oddCase: true }],
  ['the 1904 date system', { date1904: true }],
  ['the 1904 date system with ISO dates', { date1904: true, isoDates: true }],
  ['built-in format ids (3, 4, 9, 10, 17, 37, 43) with no format code', { builtInFormats: true }],
  ['applyNumberFormat="0" on every cell format', { applyNumberFormat0: true }],
];

describe.each([0, 1, 2])('the same tables saved other ways: base %i', (i) => {
  it.each(VARIANTS)('%s reads as the plain file, and checks the same', async (_label, variant) => {
    const base = bases[i];
    const bytes = producedWorkbook(base.grids, variant);
    expect(await read(bytes), base.name).toEqual(base.grids);
    expect(await checked(bytes), base.name).toEqual(await checked(base.bytes));
  });
});

describe('what the variants are', () => {
  it('the profile is read with its dates, formats, error and formula, and its tables found', async () => {
    const [grid] = bases[2].grids;
    expect(grid.rows[2][1]).toEqual({ value: 46113, format: MMM, bold: true });
    expect(grid.rows[3][4]).toEqual({ value: 600.75, format: ACCOUNTING });
    expect(grid.rows[6][2]).toEqual({ value: null, error: '#N/A' });
    expect(grid.rows[14][1]).toEqual({ value: 'Q1 review', formula: '"Q"&1&" review"' });
    const check = await checked(bases[2].bytes);
    expect(check.tables.length).toBeGreaterThan(0);
    expect(check.findings.some((f) => f.rule === 'error-value')).toBe(true);
  });

  it('a 1904 workbook stores its dates 1462 days lower, and the built-in ids carry no code', () => {
    const text = (bytes: Uint8Array, part: string) =>
      new TextDecoder().decode(unzipSync(bytes)[part] ?? new Uint8Array());
    const v1904 = producedWorkbook(bases[2].grids, { date1904: true });
    expect(text(v1904, 'xl/worksheets/sheet1.xml')).toContain(`<v>${46113 - 1462}</v>`);
    const builtIn = producedWorkbook(bases[2].grids, { builtInFormats: true });
    const styles = text(builtIn, 'xl/styles.xml');
    for (const id of [4, 9, 10, 17, 37, 43]) expect(styles).toContain(`numFmtId="${id}" fontId`);
    expect(styles).not.toContain('formatCode="#,##0.00"');
    const strict = producedWorkbook(bases[0].grids, { strict: true });
    expect(text(strict, 'xl/_rels/workbook.xml.rels')).toContain(
      'http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet',
    );
  });
});

describe('writing into a Strict Open XML workbook', () => {
  it('is refused in words before anything is written, sheets and record alike', async () => {
    const wb = await XlsxWorkbook.open(producedWorkbook(bases[0].grids, { strict: true }));
    const refusal = /saved as "Strict Open XML Spreadsheet".*save it as "Excel Workbook \(.xlsx\)"/;
    await expect(
      wb.writeSheets([{ sheet: { name: 'Notes', columnWidths: [], rows: [] }, owned: true }], []),
    ).rejects.toThrow(refusal);
    await expect(wb.writeStore({ version: 1, ownedSheets: [], readingCorrections: [] })).rejects.toThrow(refusal);
  });

  it('mtfs check reads it as the plain file; mtfs report -o refuses and writes nothing', () => {
    const file = join(dir, 'strict.xlsx');
    writeFileSync(file, producedWorkbook(bases[0].grids, { strict: true }));
    const plain = mtfs('check', CORPORATE_RESOURCES, '--json');
    const strict = mtfs('check', file, '--json');
    expect(strict.stderr).toBe('');
    expect(strict.code).toBe(plain.code);
    expect(JSON.parse(strict.stdout)).toEqual(JSON.parse(plain.stdout));
    const out = join(dir, 'strict-report.xlsx');
    const r = mtfs('report', file, '-o', out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Strict Open XML Spreadsheet');
    expect(existsSync(out)).toBe(false);
  });
});

// ---- LibreOffice ---------------------------------------------------------------------------------

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;
if (!hasSoffice)
  console.warn(
    'producers.test.ts: the LibreOffice tests are skipped: soffice (LibreOffice Calc) is needed to save the workbooks as LibreOffice does',
  );

/** Converts files with LibreOffice (headless, a profile of its own) into `outdir`, to `to` (xlsx, ods). */
function soffice(to: string, outdir: string, ...files: string[]): void {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'lo-profile')).href}`,
      '--headless',
      '--convert-to',
      to,
      '--outdir',
      outdir,
      ...files,
    ],
    { stdio: 'ignore', timeout: 240_000 },
  );
}

/**
 * A cell as far as the engine reads its format: LibreOffice writes the same format in its own
 * spelling (`#,##0;\-#,##0` for `#,##0;-#,##0`), so formats are compared by what they say (a date,
 * a percentage, pounds, decimals and thousands), not letter by letter.
 */
function meaning(cell: Cell | undefined) {
  if (!cell) return undefined;
  const { format, ...rest } = cell;
  // LibreOffice has no typed error or true/false cells: it saves a typed #N/A or TRUE as the formula
  // giving it (=#N/A, =TRUE()), with the same value. The same cell to a reader of figures.
  if (rest.formula !== undefined && /^(#N\/A|TRUE\(\)|FALSE\(\))$/.test(rest.formula)) delete rest.formula;
  if (!format) return rest;
  const section = (format.split(';')[0] ?? '').replace(/\\/g, '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return {
    ...rest,
    date: isDateFormat(format),
    percent: format.includes('%'),
    pounds: format.includes('£'),
    decimals: /\.([0#]+)/.exec(section)?.[1]?.length ?? 0,
    thousands: /[0#](,+)(?![0#])/.exec(section)?.[1]?.length ?? 0,
  };
}

const meanings = (grids: SheetGrid[]) => grids.map((g) => ({ ...g, rows: g.rows.map((row) => row?.map(meaning)) }));

describe.skipIf(!hasSoffice)('saved by LibreOffice Calc', () => {
  const names = ['department', 'formulas', 'profile'];
  const saved: Record<string, Uint8Array> = {};

  beforeAll(() => {
    names.forEach((n, i) => writeFileSync(join(dir, `${n}.xlsx`), bases[i].bytes));
    soffice('ods', join(dir, 'ods'), join(dir, 'department.xlsx'));
    soffice('xlsx', join(dir, 'lo'), ...names.map((n) => join(dir, `${n}.xlsx`)), join(dir, 'ods', 'department.ods'));
    for (const n of names) saved[n] = new Uint8Array(readFileSync(join(dir, 'lo', `${n}.xlsx`)));
  }, 300_000);

  it.each([0, 1, 2])('an .xlsx saved again by LibreOffice reads and checks as the plain file (base %i)', async (i) => {
    const bytes = saved[names[i]];
    expect(meanings(await read(bytes))).toEqual(meanings(bases[i].grids));
    expect(await checked(bytes)).toEqual(await checked(bases[i].bytes));
  });

  it('an .ods saved as .xlsx by LibreOffice reads and checks as the plain file; mtfs check says the same', async () => {
    // LibreOffice names its output after the input: department.ods becomes lo/department.xlsx unless kept apart.
    const file = join(dir, 'from-ods.xlsx');
    soffice('xlsx', join(dir, 'ods-out'), join(dir, 'ods', 'department.ods'));
    writeFileSync(file, readFileSync(join(dir, 'ods-out', 'department.xlsx')));
    const bytes = new Uint8Array(readFileSync(file));
    expect(meanings(await read(bytes))).toEqual(meanings(bases[0].grids));
    expect(await checked(bytes)).toEqual(await checked(bases[0].bytes));
    const r = mtfs('check', file, '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(mtfs('check', CORPORATE_RESOURCES, '--json').stdout));
  }, 300_000);

  it('mtfs report -o on a LibreOffice-saved workbook writes a package our reader and LibreOffice both open', async () => {
    const input = join(dir, 'lo', 'department.xlsx');
    const out = join(dir, 'lo-report.xlsx');
    const r = mtfs('report', input, '-o', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const grids = await read(new Uint8Array(readFileSync(out)));
    const names = grids.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining([SUMMARY_SHEET, FINDINGS_SHEET]));
    // The user's sheets are as they were.
    expect(grids.filter((g) => bases[0].grids.some((x) => x.name === g.name))).toEqual(await read(saved.department));
    // LibreOffice opens it and finds the report's sheets (saved again, read again).
    soffice('xlsx', join(dir, 'again'), out);
    const again = await read(new Uint8Array(readFileSync(join(dir, 'again', 'lo-report.xlsx'))));
    expect(again.map((g) => g.name)).toEqual(names);
    const summary = again.find((g) => g.name === SUMMARY_SHEET)!;
    expect(summary.rows.some((row) => row?.some((c) => c?.value !== null && c?.value !== undefined))).toBe(true);
  }, 300_000);
});
