/// <reference types="office-js" />
import { parseA1 } from '../../engine/a1';
import type { CellFormula, FormulaRanges } from '../../engine/port';
import { READ_BYTES, REQUEST_BYTES, type SyncRecord } from './sync';

/** A formula cell's text in a response, quotes and comma included: most totals' formulas are short (=SUM(F7:F21)). */
const FORMULA_CELL_BYTES = 48;

/**
 * The formulas of the cells the audit asks for (the totals' rows): one range per row, loaded
 * together, in as few syncs as the payload budget allows (usually one).
 */
export async function readFormulas(
  context: Excel.RequestContext,
  sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>,
  budget: number,
  asked: FormulaRanges[],
): Promise<CellFormula[]> {
  const out: CellFormula[] = [];
  let pending: { sheet: string; row: number; col: number; range: Excel.Range }[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!pending.length) return;
    await sync('Read the totals’ formulas', bytes);
    for (const p of pending)
      // `sync` above is context.sync(), which this rule cannot see through the wrapper.

      p.range.formulas.forEach((cells, r) =>
        cells.forEach((f, c) => {
          if (typeof f === 'string' && f.startsWith('='))
            out.push({ sheet: p.sheet, row: p.row + r, col: p.col + c, formula: f.slice(1) });
        }),
      );
    pending = [];
    bytes = 0;
  };
  for (const { sheet, ranges } of asked) {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    for (const address of ranges) {
      const [from, to = from] = address.split(':').map(parseA1);
      const cells = (to.row - from.row + 1) * (to.col - from.col + 1);
      const cost = REQUEST_BYTES.range + READ_BYTES.result + cells * FORMULA_CELL_BYTES;
      if (pending.length && bytes + cost > budget) await flush();
      const range = worksheet.getRange(address);
      range.load('formulas');
      pending.push({ sheet, row: from.row, col: from.col, range });
      bytes += cost;
    }
  }
  await flush();
  return out;
}
