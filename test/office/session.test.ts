/**
 * A budget session inside Excel: the pane's worker (Workbench) on the office-js host against the fake Excel. Saved
 * scenarios and sign-offs go into the workbook's custom XML part, come back when the workbook is opened again (a new
 * host on the same book), are compared side by side and written as the Scenarios sheet; an explained finding stays
 * explained on the next check, and its mark lapses, visibly, when a figure behind it changes. No input cell changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { a1 } from '../../src/engine/a1';
import type { SheetGrid } from '../../src/engine/grid';
import { readSession } from '../../src/engine/session';
import { STORE_NAMESPACE, storeFromXml } from '../../src/engine/store';
import { OfficeWorkbook } from '../../src/hosts/office';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { Workbench } from '../../src/taskpane/worker/workbench';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { readGrids } from '../support/workbooks';
import { FakeBook, fakeExcel, type FakeCell, type FakeSheetInit } from './fake-excel';

const quiet = () => undefined;
const A = 'Option A: protect libraries';

/** The example workbook as Excel holds it: values (dates aside), formats and fonts. */
function asFakeSheets(grids: SheetGrid[]): FakeSheetInit[] {
  return grids.map((g) => {
    const cells: Record<string, FakeCell> = {};
    g.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell || (cell.value === null && !cell.error)) return;
        const value = cell.value instanceof Date ? cell.value.getTime() / 86_400_000 + 25_569 : cell.value;
        cells[a1(r, c)] = {
          value,
          ...(cell.format ? { numberFormat: cell.format } : {}),
          ...(cell.bold ? { bold: true } : {}),
          ...(cell.italic ? { italic: true } : {}),
          ...(cell.error ? { error: cell.error } : {}),
        };
      }),
    );
    return { name: g.name, cells, hiddenRows: [...g.hiddenRows], hiddenCols: [...g.hiddenCols] };
  });
}

let book: FakeBook;
let inputs: SheetGrid[];

/** Opening the workbook in Excel: a new pane, a new host, the same book. */
async function openInExcel(): Promise<Workbench> {
  const bench = new Workbench('excel', {
    openXlsx: (bytes) => XlsxWorkbook.open(bytes),
    openExcel: () => new OfficeWorkbook(fakeExcel(book).run),
  });
  await bench.connectExcel(quiet);
  return bench;
}

const idOf = (bench: Workbench, ref: string) => {
  const s = bench.state.scenario;
  if (!s || 'missing' in s) throw new Error('no scenario');
  return s.lines.find((l) => l.ref === ref)!.id;
};

beforeAll(async () => {
  book = new FakeBook(asFakeSheets(await readGrids(EXAMPLE_WITH_PROPOSALS)));
  inputs = await new OfficeWorkbook(fakeExcel(book).run).readSheets();
});

describe('a budget session inside Excel', () => {
  it('saves two named scenarios into the workbook’s record', async () => {
    const bench = await openInExcel();
    bench.setLines([idOf(bench, 'G20')], false);
    bench.setLines([idOf(bench, 'C2')], true);
    bench.setTarget(1, '31,000');
    await bench.saveScenario(A);
    bench.resetScenario();
    bench.setTarget(1, '');
    bench.setLines([idOf(bench, 'D84')], false);
    await bench.saveScenario('Option B');
    const part = book.parts.find((p) => p.namespace === STORE_NAMESPACE)!;
    const stored = storeFromXml(part.xml);
    expect('store' in stored && readSession(stored.store).scenarios.map((s) => s.name)).toEqual([A, 'Option B']);
    await expect(bench.saveScenario(' ')).rejects.toThrow(/Give the scenario a name/);
  });

  it('brings them back when the workbook is opened again, and compares them side by side', async () => {
    const bench = await openInExcel();
    expect(bench.state.session.scenarios.map((s) => s.name)).toEqual([A, 'Option B']);
    bench.compareScenarios([A, 'Option B']);
    const views = bench.views();
    const side = views.session!.side!;
    expect(side.columns.map((c) => [c.name, c.proposed])).toEqual([
      ['Published plan', ['33,924', '31,719', '29,689', '25,774']],
      [A, ['33,324', '31,119', '29,089', '25,174']],
      ['Option B', ['33,749', '31,569', '29,449', '25,724']],
    ]);
    expect(side.columns[1].gap).toEqual(['–', '119', '–', '–']);
    expect(side.differences.map((d) => d.label.split(' ')[0])).toEqual(['G20', 'D84', 'C2']);
    // Using a saved scenario puts its switches and targets back on the Scenario tab.
    const used = bench.useScenario(A);
    expect(used.out).toEqual([idOf(bench, 'G20')]);
    expect(used.targets).toEqual(['', '31,000', '', '']);
    expect(bench.views().totals!.totals.map((t) => t.proposed)).toEqual(['33,324', '31,119', '29,089', '25,174']);
  });

  it('writes the Scenarios sheet, read back cell by cell, leaving every input cell as it was', async () => {
    const bench = await openInExcel();
    bench.compareScenarios([A, 'Option B']);
    expect(bench.views().writes!.scenarios.blocked).toBeNull();
    const outcome = await bench.write('scenarios', true, quiet);
    expect(outcome).toEqual({ written: true });
    const written = book.sheet('Scenarios')!;
    const value = (addr: string) => {
      const at = /^([A-Z]+)(\d+)$/.exec(addr)!;
      const col = [...at[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return written.get(Number(at[2]) - 1, col)?.value;
    };
    expect(value('A1')).toBe('SCENARIOS SIDE BY SIDE: CORPORATE RESOURCES, £000');
    expect([value('B4'), value('G4'), value('L4')]).toEqual(['Published plan', A, 'Option B']);
    expect(value('A6')).toBe('Proposed budget');
    expect(['B6', 'C6', 'G6', 'H6', 'L6', 'M6'].map(value)).toEqual([33924, 31719, 33324, 31119, 33749, 31569]);
    expect(value('H9')).toBe(119);
    // A waterfall per scenario, over its own bridge block.
    expect(written.charts.map((c) => [c.type, c.title])).toEqual([
      ['Waterfall', `Budget bridge: ${A}, £000`],
      ['Waterfall', 'Budget bridge: Option B, £000'],
    ]);
    const after = await new OfficeWorkbook(fakeExcel(book).run).readSheets();
    for (const input of inputs) expect(after.find((s) => s.name === input.name)!.rows).toEqual(input.rows);
    // The write kept the saved scenarios in the record.
    expect((await openInExcel()).state.session.scenarios).toHaveLength(2);
  });

  it('keeps an explained finding explained on the next check, and lapses the mark when a figure changes', async () => {
    const bench = await openInExcel();
    const finding = { rule: 'rounding-difference', sheet: 'Revenue Budget', cell: 'A25' };
    await expect(bench.mark(finding, 'explained', '')).rejects.toThrow(/Say why it is explained/);
    await bench.mark(finding, 'explained', '£1 rounding, as published');
    await bench.checkAgain(quiet);
    const card = bench.views().check!.cards.find((c) => c.key === 'Revenue Budget!A25')!;
    expect(card).toMatchObject({ explained: true });
    expect(card.items[0].mark).toMatchObject({
      status: 'explained',
      current: true,
      note: '£1 rounding, as published',
    });
    // Reopened: the mark is still there.
    const again = await openInExcel();
    expect(again.views().check!.signedOff).toBe('1 explained');
    // The user changes a figure behind the finding in Excel: the mark is out of date, not carried.
    book.sheet('Revenue Budget')!.cellFor(23, 0).value = -690823;
    await again.checkAgain(quiet);
    const check = again.views().check!;
    const stale = check.cards.find((c) => c.key === 'Revenue Budget!A25')!;
    expect(stale.explained).toBe(false);
    expect(stale.items[0].message).toMatch(/rounding difference of 2/);
    expect(stale.items[0].mark).toMatchObject({
      current: false,
      words: expect.stringMatching(/^Out of date \(explained/),
    });
    expect(stale.items[0].mark!.outOfDate).toMatch(/when it said: .*rounding difference of 1,.*mark it again/);
    expect(check.signedOff).toBe('1 mark out of date');
    book.sheet('Revenue Budget')!.cellFor(23, 0).value = -690824;
  });

  it('deletes a saved scenario, keeping the other, the marks and the add-in’s own sheets', async () => {
    const bench = await openInExcel();
    bench.compareScenarios([A, 'Option B']);
    await bench.deleteScenario('option b');
    expect(bench.state.compared).toEqual([A]);
    const again = await openInExcel();
    expect(again.state.session.scenarios.map((s) => s.name)).toEqual([A]);
    expect(again.state.session.signOffs).toHaveLength(1);
    expect(
      (await new OfficeWorkbook(fakeExcel(book).run).listSheets()).find((s) => s.name === 'Scenarios')?.owned,
    ).toBe(true);
  });
});
