/**
 * Nothing lost in what the add-in writes: a rich macro-enabled workbook goes through every writing
 * path (report -o, compare -o, --in-place, a second report over the first, and browser mode's
 * download) and, part by part, every part the add-in did not write is byte for byte what it was;
 * the parts it may edit keep all they held; the only new parts are its sheets and its record.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { Session } from '../../src/taskpane/state/session';
import { localLink } from '../../src/taskpane/worker/link';
import { mtfs } from '../support/cli';
import { partsOf, sheetPart } from '../support/package';
import { richWorkbook } from '../support/rich-workbook';
import { b, gridsToBuffer, sheet, tempDir } from '../support/workbooks';

const dir = tempDir('mtfs-round-trip-');
const rich = richWorkbook();
const original = partsOf(rich);
const RICH = join(dir, 'budget.xlsm');
writeFileSync(RICH, rich);

/** The parts a write may edit (each checked below to keep everything it held) — all others must be untouched. */
const EDITABLE = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);

const text = (parts: Map<string, Uint8Array>, name: string) => new TextDecoder().decode(parts.get(name));

/** Every element of a kind in a part, as written. */
const elements = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))].map((m) => m[0]);

function listContent(xml: string, list: string): string {
  return new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? '';
}

/**
 * Checks an output against the input it was made from: untouched parts identical, edited parts
 * holding all they held, new parts only the add-in's sheets (`written`) and its record.
 */
function expectOnlyOurs(input: Map<string, Uint8Array>, output: Uint8Array, written: string[]): void {
  const after = partsOf(output);
  for (const [name, bytes] of input) {
    expect(after.has(name), `${name} is kept`).toBe(true);
    const isRecord = text(input, name).includes('<mtfs xmlns="urn:mtfs-addin:workbook:1">');
    if (!EDITABLE.has(name) && !isRecord && !written.some((w) => safeSheetPart(output, w) === name))
      expect(Buffer.from(after.get(name)!).equals(Buffer.from(bytes)), `${name} is unchanged`).toBe(true);
  }
  const ours = new Set(written.map((w) => sheetPart(output, w)));
  const added = [...after.keys()].filter((n) => !input.has(n));
  for (const name of added)
    expect(
      ours.has(name) || /^customXml\/(_rels\/)?item(Props)?\d+\.xml(\.rels)?$/.test(name),
      `${name} is the add-in's`,
    ).toBe(true);

  // The edited parts: every entry they had is still there, as it was written.
  for (const [part, tag] of [
    ['[Content_Types].xml', 'Default'],
    ['[Content_Types].xml', 'Override'],
    ['xl/_rels/workbook.xml.rels', 'Relationship'],
    ['xl/workbook.xml', 'sheet'],
    ['xl/workbook.xml', 'definedName'],
    ['xl/workbook.xml', 'workbookProtection'],
    ['xl/workbook.xml', 'externalReference'],
    ['xl/workbook.xml', 'pivotCache'],
    ['xl/workbook.xml', 'workbookPr'],
    ['xl/workbook.xml', 'calcPr'],
    ['xl/styles.xml', 'cellStyle'],
    ['xl/styles.xml', 'dxfs'],
  ] as const) {
    const now = text(after, part);
    // (The add-in's own marks, from an earlier run, are renewed.)
    for (const element of elements(text(input, part), tag).filter((e) => !e.includes('name="MTFS_Owner"')))
      expect(now, `${part} keeps ${element}`).toContain(element);
  }
  // Styles are only appended to, so every style number the user's cells use means what it meant.
  for (const list of ['numFmts', 'fonts', 'cellXfs', 'cellStyleXfs', 'fills', 'borders'])
    expect(
      listContent(text(after, 'xl/styles.xml'), list).startsWith(listContent(text(input, 'xl/styles.xml'), list)),
      list,
    ).toBe(true);
  // Still a macro-enabled workbook.
  expect(text(after, '[Content_Types].xml')).toContain(
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
  );
}

function safeSheetPart(bytes: Uint8Array, name: string): string | undefined {
  try {
    return sheetPart(bytes, name);
  } catch {
    return undefined;
  }
}

async function ownership(bytes: Uint8Array): Promise<Record<string, boolean>> {
  const port = await XlsxWorkbook.open(bytes);
  return Object.fromEntries((await port.listSheets()).map((s) => [s.name, s.owned]));
}

describe('the rich workbook itself', () => {
  it('is read: its growth table found and checked, Growth not taken for the add-in’s by the look-alike name', () => {
    const r = mtfs('check', RICH, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { tables: { sheet: string }[] };
    // The growth table, and the pivot's output (a small table of figures headed "Budget"), are read; the notes' two
    // formulas are not a table.
    expect(doc.tables.map((t) => t.sheet)).toEqual(['Growth', 'Pivot']);
  });
});

describe('every writing path leaves every part it did not write byte for byte as it was', () => {
  const REPORT = ['MTFS Summary', 'MTFS Findings'];

  it('report -o', async () => {
    const out = join(dir, 'report.xlsm');
    const r = mtfs('report', RICH, '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('are copied unchanged');
    const bytes = readFileSync(out);
    expectOnlyOurs(original, bytes, REPORT);
    expect(await ownership(bytes)).toEqual({
      Growth: false,
      Lists: false,
      Pivot: false,
      Notes: false,
      'MTFS Summary': true,
      'MTFS Findings': true,
    });

    // A second report over the first replaces the add-in's own sheets in their places, and nothing else.
    const again = join(dir, 'report-again.xlsm');
    expect(mtfs('report', out, '-o', again).code).toBe(0);
    const second = readFileSync(again);
    expectOnlyOurs(partsOf(bytes), second, REPORT);
    expect(REPORT.map((s) => sheetPart(second, s))).toEqual(REPORT.map((s) => sheetPart(bytes, s)));
    expect(await ownership(second)).toEqual(await ownership(bytes));
  });

  it('report --in-place on the user’s own file', () => {
    const file = join(dir, 'in-place.xlsm');
    writeFileSync(file, rich);
    const r = mtfs('report', file, '-o', file, '--in-place');
    expect(r.code, r.stderr).toBe(0);
    expectOnlyOurs(original, readFileSync(file), REPORT);
  });

  it('compare -o, and compare --in-place', async () => {
    const previous = join(dir, 'previous.xlsx');
    writeFileSync(
      previous,
      await gridsToBuffer([
        sheet('Growth', [
          [b('GROWTH')],
          [],
          [b('TDEI ref.'), undefined, b('2015/16 £000'), b('2016/17 £000'), b('2017/18 £000'), b('2018/19 £000')],
          ['G1', 'Care packages', 90, 200, 300, 400],
          [undefined, b('Total'), b(90), b(200), b(300), b(400)],
        ]),
      ]),
    );
    const out = join(dir, 'changes.xlsm');
    // Exit 1: the comparison finds lines whose star markers disagree; the write is what is checked here.
    const r = mtfs('compare', previous, RICH, '-o', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expectOnlyOurs(original, readFileSync(out), ['Changes since previous MTFS']);

    const file = join(dir, 'compare-in-place.xlsm');
    writeFileSync(file, rich);
    expect(mtfs('compare', previous, file, '-o', file, '--in-place').code).toBe(1);
    expectOnlyOurs(original, readFileSync(file), ['Changes since previous MTFS']);
  });

  it("browser mode's download, through the session as the task pane uses it", async () => {
    const saved: { bytes: Uint8Array; name: string }[] = [];
    const session = new Session('browser', {
      link: (listener, port) => localLink('browser', listener, port),
      saveFile: (bytes, name) => saved.push({ bytes, name }),
    });
    await session.openFile({ name: 'budget.xlsm', arrayBuffer: async () => rich.slice().buffer });
    expect(session.state.problem).toBeNull();
    await session.write('report');
    expect(session.state.problem).toBeNull();
    await session.download();
    expect(saved.map((s) => s.name)).toEqual(['budget-mtfs.xlsm']);
    expectOnlyOurs(original, saved[0].bytes, REPORT);
  });
});
