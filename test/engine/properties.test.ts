import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseA1 } from '../../src/engine/a1';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { lastColumn, type Cell, type SheetGrid } from '../../src/engine/grid';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';

const words = [
  '2015/16 £000',
  '2016/17 £000',
  '2017/18',
  '£000',
  '£',
  'Employees £',
  'Running Expenses £',
  'External Income £',
  'Internal Income £',
  'Net Total £',
  'Budget 2014/15 £',
  'Gross Cost of Project £000',
  'Total £000',
  'Estimated Completion Date',
  'TDEI ref.',
  'Ref',
  'Eff/SR/ Income',
  'Eff',
  'SR',
  'Income',
  'Eff/SR',
  'Total',
  'TOTAL',
  'Sub total ICT',
  'TOTAL CORPORATE RESOURCES',
  'G19',
  '** T24',
  '* G22',
  'D70 Eff/SR',
  '**',
  '*',
  'TBC',
  'CORPORATE RESOURCES ITEMS',
  'CORPORATE ITEMS',
  'Transformation',
  'Updated original budget',
  'Sub Total',
  'Add proposed growth (Appendix B)',
  'Less proposed savings (Appendix B)',
  'Proposed/Provisional budget (Appendix A)',
  'Other changes',
  'Budget Transfers and Adjustments',
  'Gross Costs',
  'Net Budget',
  'Running Costs',
  'NET BUDGET 2015/16',
  'GROWTH',
  'SAVINGS',
  'CAPITAL PROGRAMME',
  'Summary line',
  '1,450',
  '(500)',
  '-',
  '£1,450',
  '£1.4m',
  '#REF!',
  '',
  ' ',
  'Operational Property:',
  'مرحبا',
  '🙂',
  '=SUM(A1)',
  'Mar-19',
];

const value: fc.Arbitrary<Cell['value']> = fc.oneof(
  fc.constantFrom(...words),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1e308, -1e-9, 0.1, 123.456),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.constant(null),
);

const cell: fc.Arbitrary<Cell | undefined> = fc.option(
  fc.record(
    {
      value,
      bold: fc.boolean(),
      italic: fc.boolean(),
      underline: fc.boolean(),
      format: fc.constantFrom('#,##0;-#,##0', '#,##0.00', '#,##0,', 'General', '@', 'mmm-yy', '0%'),
      error: fc.constantFrom('#REF!', '#DIV/0!', '#N/A'),
      formula: fc.constantFrom('SUM(A1:A3)', 'B2*2'),
    },
    { requiredKeys: ['value'] },
  ),
  { nil: undefined, freq: 3 },
);

const grid: fc.Arbitrary<SheetGrid> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 10 }),
    rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 30 }),
    hidden: fc.array(fc.nat(30), { maxLength: 3 }),
  })
  .map(({ name, rows, hidden }) => ({ name, rows, hiddenRows: new Set(hidden), hiddenCols: new Set(hidden) }));

function assertSound(sheets: SheetGrid[], result: CheckResult): void {
  expect(Array.isArray(result.tables)).toBe(true);
  expect(Array.isArray(result.findings)).toBe(true);
  for (const f of result.findings) {
    const sheet = sheets.find((s) => s.name === f.sheet);
    expect(sheet, `finding on unknown sheet ${f.sheet}`).toBeDefined();
    const { row, col } = parseA1(f.cell);
    expect(row).toBeLessThanOrEqual(Math.max(sheet!.rows.length - 1, 0));
    expect(col).toBeLessThanOrEqual(Math.max(lastColumn(sheet!), 0));
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('the engine never throws and never points outside the workbook', async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);

  it('on random grids', () => {
    fc.assert(
      // Excel never holds two sheets of one name (compared without case), so neither do these workbooks.
      fc.property(
        fc.uniqueArray(grid, { minLength: 1, maxLength: 3, selector: (g) => g.name.toLowerCase() }),
        (sheets) => {
          assertSound(sheets, checkWorkbook(sheets));
        },
      ),
      { numRuns: 6000 },
    );
  }, 240_000);

  it('on random edits of the published fixture', () => {
    const edit = fc.record({ sheet: fc.nat(fixture.length - 1), row: fc.nat(45), col: fc.nat(9), cell });
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<'rounding' | 'zero'>('rounding', 'zero'),
        (edits, tolerance) => {
          const copy = cloneGrids(fixture);
          for (const e of edits) {
            const rows = copy[e.sheet].rows;
            rows[e.row] ??= [];
            rows[e.row][e.col] = e.cell;
          }
          assertSound(copy, checkWorkbook(copy, { tolerance }));
        },
      ),
      { numRuns: 4000 },
    );
  }, 240_000);
});
