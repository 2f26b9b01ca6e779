/**
 * The adapter against office-addin-mock's OfficeMockObject: properties read before they are
 * loaded and synced come back as the mock's error strings, so these tests also check that the
 * adapter loads what it reads and syncs before reading it.
 *
 * OfficeMockObject has no collections (`load('items/name')`), so the mock data gives each
 * collection a `load` that loads the asked-for properties of its items. Objects that methods
 * return (a used range, a block of rows) are part of the mock data, as in the library's own
 * examples, so that `context.sync()` reaches them.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_NAMESPACE, storeToXml } from '../../src/engine/store';
import { OfficeWorkbook, chartDrawing, referencedSheet, supportsExcelApi } from '../../src/hosts/office';

const WATERFALL = { title: 'Budget bridge', kind: 'waterfall', range: 'A3:B5', anchor: 'F2' } as const;

type Mock = OfficeMockObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A collection's load, for mock data: puts the item mocks in `items` and loads the asked-for
 * properties of each (`items/name` loads `name`), so reading an item's property before the sync
 * still gives the mock's "not synced" error. Remembers what was asked.
 */
function collectionLoad(asked: string[], items: () => Mock[]) {
  return function (this: Mock, props: string) {
    asked.push(props);
    const list = items();
    for (const p of props.split(',').map((x) => x.trim())) {
      if (!p.startsWith('items/')) throw new Error(`collection load of ${p}`);
      for (const item of list) item.load(p.slice('items/'.length));
    }
    this.items = list;
    return this;
  };
}

/** Runs batches on a mock context, counting its syncs. */
function mockRun(context: Mock) {
  const counter = { syncs: 0 };
  const sync = context.sync.bind(context);
  context.sync = async () => {
    counter.syncs++;
    await sync();
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(context as any);
  return { run, counter };
}

function sheetMock(name: string, extra: Record<string, unknown> = {}) {
  return { name, ...extra };
}

describe('OfficeWorkbook with office-addin-mock', () => {
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  it("lists sheets in order, owned when the sheet's hidden token and the record agree, in two syncs", async () => {
    const asked: string[] = [];
    const A = 'a'.repeat(24);
    const B = 'b'.repeat(24);
    const record = storeToXml({
      version: 1,
      ownedSheets: [
        { name: 'MTFS Summary', token: A, writtenAt: '2026-11-30T09:00:00Z' },
        { name: 'Findings', token: B, writtenAt: '2026-11-30T09:00:00Z' },
      ],
    });
    // eslint-disable-next-line prefer-const -- the helpers above read it once it is assigned below
    let context: Mock;
    const keys = ['s0', 's1', 's2', 's3', 's4'];
    const sheet = (k: string) => context.workbook.sheets[k] as Mock;
    const sheetNames = (k: string, marks: string[]) => () => marks.map((m) => sheet(k).marks[m] as Mock);
    const withMarks = (name: string, k: string, marks: Record<string, { name: string; formula: string }>) =>
      sheetMock(name, { marks, names: { load: collectionLoad(asked, sheetNames(k, Object.keys(marks))) } });
    context = new OfficeMockObject({
      workbook: {
        sheets: {
          s0: withMarks('Revenue Budget', 's0', { m0: { name: 'Budget_Total', formula: '=$C$32' } }),
          s1: withMarks('MTFS Summary', 's1', { m0: { name: 'MTFS_Owner', formula: `="${A}"` } }),
          // A copy of the report carries its token under another name: the user's.
          s2: withMarks('MTFS Summary (2)', 's2', { m0: { name: 'MTFS_Owner', formula: `="${A}"` } }),
          // The report's sheet deleted by hand and a user's sheet of the same name made: no token.
          s3: withMarks('Findings', 's3', {}),
          // A token the record does not list: typed by someone, or from another workbook.
          s4: withMarks('Notes', 's4', { m0: { name: 'MTFS_Owner', formula: `="${'c'.repeat(24)}"` } }),
        },
        parts: { p0: { id: '{P0}', getXml: () => ({ value: record }) } },
        worksheets: { load: collectionLoad(asked, () => keys.map(sheet)) },
        names: { load: collectionLoad(asked, () => []) },
        customXmlParts: {
          getByNamespace(ns: string) {
            asked.push(ns);
            return { load: collectionLoad(asked, () => [context.workbook.parts.p0 as Mock]) };
          },
        },
      },
    }) as Mock;
    const { run, counter } = mockRun(context);

    expect(await new OfficeWorkbook(run).listSheets()).toEqual([
      { name: 'Revenue Budget', owned: false },
      { name: 'MTFS Summary', owned: true },
      { name: 'MTFS Summary (2)', owned: false },
      { name: 'Findings', owned: false },
      { name: 'Notes', owned: false },
    ]);
    expect(counter.syncs).toBe(2);
    expect(asked).toEqual([
      'items/name',
      'items/name,items/formula',
      STORE_NAMESPACE,
      'items/id',
      ...keys.map(() => 'items/name,items/formula'),
    ]);
  });

  it('selects a cell: activates its sheet and selects it, in one sync', async () => {
    const calls: string[] = [];
    const context = new OfficeMockObject({
      workbook: {
        worksheets: {
          getItem(name: string) {
            calls.push(`getItem ${name}`);
            return {
              activate: () => calls.push(`activate ${name}`),
              getRange: (address: string) => ({ select: () => calls.push(`select ${name}!${address}`) }),
            };
          },
        },
      },
    }) as Mock;
    const { run, counter } = mockRun(context);
    await new OfficeWorkbook(run).selectCell('Revenue Budget', 'C32');
    expect(calls).toEqual(['getItem Revenue Budget', 'activate Revenue Budget', 'select Revenue Budget!C32']);
    expect(counter.syncs).toBe(1);
  });

  it('reads a sheet whose used range starts at B3 into a grid anchored at A1, loading before reading', async () => {
    const asked: string[] = [];
    const blocks: string[] = [];
    // eslint-disable-next-line prefer-const -- the helpers above read it once it is assigned below
    let context: Mock;
    // B3:D5 of a sheet: a title, a line and a total with a formula; row 4 hidden; fonts differ by cell.
    const block = {
      values: [
        ['Budget', '', ''],
        ['Staff', 100, 200],
        ['Total', 100, 200],
      ],
      formulas: [
        ['Budget', '', ''],
        ['Staff', 100, 200],
        ['Total', '=SUM(C4)', '=SUM(D4)'],
      ],
      numberFormat: [
        ['General', 'General', 'General'],
        ['General', '#,##0', '#,##0'],
        ['General', '#,##0', '#,##0'],
      ],
      valueTypes: [
        ['String', 'Empty', 'Empty'],
        ['String', 'Double', 'Double'],
        ['String', 'Double', 'Double'],
      ],
    };
    const font = (bold: boolean, underline = 'None') => ({ format: { font: { bold, italic: false, underline } } });
    const sheetData = {
      name: 'Budget',
      getUsedRangeOrNullObject(this: Mock, valuesOnly: boolean) {
        expect(valuesOnly).toBe(true);
        return this.used;
      },
      used: { rowIndex: 2, columnIndex: 1, rowCount: 3, columnCount: 3 },
      getRangeByIndexes(this: Mock, row: number, col: number, rows: number, cols: number) {
        blocks.push(`${row},${col},${rows},${cols}`);
        return this.block;
      },
      block: {
        ...block,
        getRowProperties: () => ({ value: [{ rowHidden: false }, { rowHidden: true }, { rowHidden: false }] }),
        getColumnProperties: () => ({
          value: [{ columnHidden: false }, { columnHidden: false }, { columnHidden: true }],
        }),
        getCellProperties: () => ({
          value: [
            [font(true, 'Single'), font(false), font(false)],
            [font(false), font(false), font(false)],
            [font(true), font(true), font(true)],
          ],
        }),
      },
    };
    const sheets = () => [context.workbook.sheets.s0 as Mock];
    const worksheets = { load: collectionLoad(asked, sheets), getFirst: () => context.workbook.sheets.s0 };
    context = new OfficeMockObject({ workbook: { sheets: { s0: sheetData }, worksheets } }) as Mock;
    (context.workbook.sheets.s0.used as Mock).isNullObject = false;
    const { run, counter } = mockRun(context);

    const [grid] = await new OfficeWorkbook(run).readSheets();
    expect(blocks).toEqual(['2,1,3,3']); // one block: the whole used range B3:D5
    expect(asked).toEqual(['items/name']);
    expect(counter.syncs).toBe(2); // the sheets and the first one's used range; then its cells
    const rows: unknown[][] = [];
    rows[2] = [];
    rows[2][1] = { value: 'Budget', bold: true, underline: true };
    rows[3] = [];
    rows[3][1] = { value: 'Staff' };
    rows[3][2] = { value: 100, format: '#,##0' };
    rows[3][3] = { value: 200, format: '#,##0' };
    rows[4] = [];
    rows[4][1] = { value: 'Total', bold: true };
    rows[4][2] = { value: 100, format: '#,##0', bold: true };
    rows[4][3] = { value: 200, format: '#,##0', bold: true };
    expect(grid).toStrictEqual({ name: 'Budget', rows, hiddenRows: new Set([3]), hiddenCols: new Set([3]) });
  });

  it('asks Office whether ExcelApi 1.9 is there (before suspending screen updating), and copes when Office is not loaded', () => {
    expect(supportsExcelApi('1.9')).toBe(false); // no Office global: outside Excel
    const asked: [string, string][] = [];
    for (const supported of [true, false]) {
      (globalThis as { Office?: unknown }).Office = new OfficeMockObject({
        context: {
          requirements: {
            isSetSupported: (set: string, version: string) => {
              asked.push([set, version]);
              return supported;
            },
          },
        },
      });
      expect(supportsExcelApi('1.9')).toBe(supported);
    }
    expect(asked).toEqual([
      ['ExcelApi', '1.9'],
      ['ExcelApi', '1.9'],
    ]);
    // The waterfall needs no asking: every Excel that loads the add-in has ExcelApi 1.9.
    expect(chartDrawing(WATERFALL).type).toBe('Waterfall');
  });
});

describe('referencedSheet', () => {
  it('finds the sheet a name refers to, quoted or not, and none for #REF!', () => {
    expect(referencedSheet("='MTFS Summary'!$A$1")).toBe('MTFS Summary');
    expect(referencedSheet("='Bob''s Notes'!$A$1")).toBe("Bob's Notes");
    expect(referencedSheet('=Summary!$A$1')).toBe('Summary');
    expect(referencedSheet('=#REF!$A$1')).toBeNull();
    expect(referencedSheet('=SUM(1,2)')).toBeNull();
    expect(referencedSheet("='It''s'!A1:B2")).toBe("It's");
  });
});
