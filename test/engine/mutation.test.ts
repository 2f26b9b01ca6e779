import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { SheetGrid } from '../../src/engine/grid';
import { a1 } from '../../src/engine/a1';
import { Decimal, formatMoney } from '../../src/engine/money';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, gridsToBuffer, readGrids } from '../support/workbooks';

/**
 * Every figure of every table, except gross cost and completion dates, changed by a few units in a
 * copy the test writes to .xlsx and reads back, must give at least one error on that sheet. The
 * change is 10 units of the table (£10 in Appendix A, £10,000 elsewhere): more than the rounding
 * allowance of half a unit per line, which is ±6 for Appendix A's largest section.
 */
const DELTA = 10;

interface Target {
  sheet: string;
  row: number;
  col: number;
}

function figuresOf(grids: SheetGrid[]): Target[] {
  const targets: Target[] = [];
  for (const table of checkWorkbook(grids).tables) {
    const gross = table.columns.findIndex((c) => c.key === 'gross');
    for (const row of table.rows) {
      row.figures.forEach((f, i) => {
        if (f && i !== gross) targets.push({ sheet: table.sheet, row: f.row, col: f.col });
      });
    }
  }
  return targets;
}

function mutate(grids: SheetGrid[], t: Target, delta: number): SheetGrid[] {
  const copy = cloneGrids(grids);
  const cell = copy.find((g) => g.name === t.sheet)!.rows[t.row][t.col]!;
  if (typeof cell.value === 'number') cell.value += delta;
  else cell.value = formatMoney(new Decimal(String(cell.value).replace(/,/g, '')).plus(delta));
  return copy;
}

async function errorsOnSheet(grids: SheetGrid[], sheet: string): Promise<number> {
  const written = await XlsxWorkbook.open(await gridsToBuffer(grids));
  const result = checkWorkbook(await written.readSheets());
  return result.findings.filter((f) => f.severity === 'error' && f.sheet === sheet).length;
}

describe('a changed figure anywhere is caught', async () => {
  const original = await readGrids(CORPORATE_RESOURCES);
  const targets = figuresOf(original);

  it('covers every figure of every table', () => {
    expect(targets.length).toBeGreaterThan(350);
    expect(new Set(targets.map((t) => t.sheet))).toEqual(
      new Set(['Budget Summary', 'Revenue Budget', 'Growth', 'Savings', 'Capital Programme']),
    );
  });

  it('the unchanged paper has no errors', async () => {
    expect(checkWorkbook(original).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([DELTA, -DELTA])('changing any single figure by %i units gives an error on its sheet', async (delta) => {
    const missed: string[] = [];
    for (const t of targets) {
      if ((await errorsOnSheet(mutate(original, t, delta), t.sheet)) === 0)
        missed.push(`${t.sheet}!${a1(t.row, t.col)}`);
    }
    expect(missed).toEqual([]);
  });
});
