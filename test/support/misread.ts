/**
 * A workbook the reader gets wrong in three ways, for the tests of correcting a reading (the pane, Excel, the command
 * line): a growth table whose "Staffing element" line is read as a line (its total looks wrong by 30), whose "Posts"
 * column of staff numbers is read as figures (its total looks wrong by 6), and a savings table printed positive (each
 * line warned of as a positive saving).
 */
import { a1 } from '../../src/engine/a1';
import type { SheetGrid } from '../../src/engine/grid';
import { b, bu, sheet } from './workbooks';

const YEARS = ['2025/26 £000', '2026/27 £000', '2027/28 £000'].map(b);

export const GROWTH_HEADING = 'Ref | Description | 2025/26 £000 | 2026/27 £000 | 2027/28 £000 | Posts';
export const SAVINGS_HEADING = 'Ref | Type | Description | 2025/26 £000 | 2026/27 £000';

export function misreadSheets(): SheetGrid[] {
  return [
    sheet('Growth', [
      [b('GROWTH PROPOSALS')],
      [],
      [b('Ref'), b('Description'), ...YEARS, b('Posts')],
      [undefined, bu('Adults')],
      ['G1', 'Care packages', 100, 200, 300, 4],
      ['G2', 'Home care', 50, 50, 50, 2],
      [undefined, 'Staffing element', 30, 30, 30],
      [undefined, b('Total growth'), b(150), b(250), b(350), b(12)],
    ]),
    sheet('Savings', [
      [b('SAVINGS PROPOSALS')],
      [],
      [b('Ref'), b('Type'), b('Description'), b('2025/26 £000'), b('2026/27 £000')],
      ['S1', 'Eff', 'Review libraries', 100, 120],
      ['S2', 'Income', 'Parking charges', 40, 45],
      [undefined, undefined, b('Total savings'), b(140), b(165)],
    ]),
  ];
}

/** The findings before any correction, as "severity rule sheet!cell". */
export const MISREAD_FINDINGS = [
  'error total-mismatch Growth!C8',
  'error total-mismatch Growth!D8',
  'error total-mismatch Growth!E8',
  'error total-mismatch Growth!F8',
  'warning positive-saving Savings!D4',
  'warning positive-saving Savings!D5',
];

interface FakeCellInit {
  value: string | number;
  bold?: boolean;
  underline?: string;
  numberFormat?: string;
}

/** A sheet's cells by A1 address, as the fake Excel takes them (values, number formats and bold). */
export function fakeCells(grid: SheetGrid): Record<string, FakeCellInit> {
  const out: Record<string, FakeCellInit> = {};
  grid.rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell || (typeof cell.value !== 'string' && typeof cell.value !== 'number')) return;
      out[a1(r, c)] = {
        value: cell.value,
        ...(cell.bold ? { bold: true } : {}),
        ...(cell.underline ? { underline: 'Single' } : {}),
        ...(cell.format ? { numberFormat: cell.format } : {}),
      };
    }),
  );
  return out;
}
