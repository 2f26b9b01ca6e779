import { a1 } from './a1';
import type { Decimal } from './money';

export type TableKind = 'revenue-budget' | 'growth' | 'savings' | 'capital-programme' | 'budget-summary' | 'net-budget';

export const TABLE_KIND_NAMES: Record<TableKind, string> = {
  'revenue-budget': 'Revenue budget (Appendix A)',
  growth: 'Growth (Appendix B)',
  savings: 'Savings (Appendix B)',
  'capital-programme': 'Capital programme (Appendix C)',
  'budget-summary': 'Department budget summary',
  'net-budget': 'Net budget',
};

/** A money column: a year, or a named figure such as Employees or Gross Cost. */
export interface MoneyColumn {
  key: string;
  label: string;
  col: number;
  /** '2015/16' for year columns. */
  year?: string;
}

/** A figure as it sits in the sheet. `value` is null when the cell could not be read as a figure. */
export interface Figure {
  value: Decimal | null;
  row: number;
  col: number;
}

export type RowType = 'line' | 'total' | 'heading';
export type StarMarker = '' | '*' | '**';

export interface TableRow {
  row: number;
  type: RowType;
  label: string;
  /** Column of the label cell, -1 for an unlabelled row. */
  labelCol: number;
  /** Aligned with Table.columns; undefined is a blank cell (zero). */
  figures: (Figure | undefined)[];
  ref?: string;
  marker?: StarMarker;
  classification?: string;
  classificationCol?: number;
  summaryLine?: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  hidden: boolean;
  /** Totals: their level (higher closes lower) and the rows they add up (indexes into Table.rows). */
  rank?: number;
  parts?: number[];
  /** Totals: index of the first row of the group they close (its opening heading). */
  spanStart?: number;
  /** The table's last total, when it adds up the whole table (the grand total). */
  closesTable?: boolean;
  /** Index of the total that adds this row up, if any. */
  consumedBy?: number;
  /** What a total closes, or a line's section, in the sheet's own words. */
  name?: string;
  section?: string;
}

export type Basis = 'cumulative' | 'incremental';

export interface Table {
  id: string;
  sheet: string;
  kind: TableKind;
  /** Text rows above the header: the table's title. */
  title: string[];
  headerRow: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  range: string;
  columns: MoneyColumn[];
  rows: TableRow[];
  /** Pounds per figure: 1 for £, 1000 for £000. */
  scale: number;
  /** The displayed unit, in the table's own figures (1 for #,##0). */
  step: Decimal;
  refCol?: number;
  classCol?: number;
  summaryLineCol?: number;
  basis?: { basis: Basis; source: string };
}

/** Lines a reader would count: in the appendices, lines other than totals; in summaries, every row with figures. */
export function lineCount(table: Table): number {
  const summaryTable = table.kind === 'budget-summary' || table.kind === 'net-budget';
  return table.rows.reduce((n, r) => n + (r.type === 'line' || (summaryTable && r.type === 'total') ? 1 : 0), 0);
}

/** The table's top-left header cell: where a finding about the whole table points. */
export function headerCell(table: Pick<Table, 'headerRow' | 'left'>): string {
  return a1(table.headerRow, table.left);
}

export function columnIndex(table: Table, key: string): number {
  return table.columns.findIndex((c) => c.key === key);
}

export function yearColumns(table: Table): MoneyColumn[] {
  return table.columns.filter((c) => c.year && c.key.startsWith('year:'));
}
