import { a1 } from './a1';
import type { Decimal } from './money';
import type { Reading } from './reader/reading';

export type TableKind =
  | 'revenue-budget'
  | 'growth'
  | 'savings'
  | 'capital-programme'
  | 'budget-summary'
  | 'net-budget'
  /** Any other council budget table: its totals are checked, as the reader finds them. */
  | 'budget-table';

export const TABLE_KIND_NAMES: Record<TableKind, string> = {
  'revenue-budget': 'Revenue budget (Appendix A)',
  growth: 'Growth (Appendix B)',
  savings: 'Savings (Appendix B)',
  'capital-programme': 'Capital programme (Appendix C)',
  'budget-summary': 'Department budget summary',
  'net-budget': 'Net budget',
  'budget-table': 'Budget table',
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

/** A memo line is one no total adds up ("of which: Pupil Premium", or one the user says is): shown, never counted. */
export type RowType = 'line' | 'total' | 'heading' | 'memo';
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
  /**
   * Per money column: -1 where the figure is printed without its minus sign (a paper that prints
   * every figure unsigned) and the reader has worked out that it is negative; absent when the
   * figures carry their own signs.
   */
  signs?: number[];
  /** Totals: +1 or -1 for each of `parts` (a line printed positive and taken away); all +1 when absent. */
  partSigns?: number[];
  /** Totals: how the reader worked out what the total adds up, and how each column came out. */
  structure?: TotalStructure;
  /** Index of the total that adds this row up, if any. */
  consumedBy?: number;
  /** A line the user said is a memo: shown, but added up by no total. */
  memo?: boolean;
  /** Why the reader took a line for a memo, when it is not plain from its label ("of which…"). */
  memoWhy?: string;
  /** What a total closes, or a line's section, in the sheet's own words. */
  name?: string;
  section?: string;
}

/** How a total adds up its parts: the lines of its section, a running total, the items above it, and so on. */
export type TotalHow =
  | 'layout'
  | 'section'
  | 'running'
  | 'items-above'
  | 'lines-above'
  | 'negated-items-above'
  | 'negated-section'
  | 'difference'
  | 'lines-below'
  | 'as-corrected';

export interface TotalStructure {
  how: TotalHow;
  /** high: labelled a total and its figures agree; medium: found from the figures alone, or labelled but some columns disagree; low: labelled a total, and no way of adding up its lines gives it. */
  confidence: 'high' | 'medium' | 'low';
  /** Per money column: whether the total is checked there (false for percentages and columns with nothing to add). */
  checked: boolean[];
}

/** A column that adds up others on each row: Net = Gross + Income, Total = the years. */
export interface RowRule {
  /** Index into Table.columns of the total column. */
  total: number;
  parts: { column: number; sign: number }[];
  /** The figures are printed without signs: the total column shows the size of the sum, not its sign. */
  unsigned?: boolean;
  /** Rows (indexes into Table.rows) on which the rule holds, and on which it does not. */
  holds: number;
  fails: number;
}

/**
 * A per cent column worked out from the £ columns on each row: the change from `base` to `of`, `of` as a
 * percentage of `base`, `of` (a change) as a percentage of the year before (`base` less `of`), or `of` as
 * a share of its figure on a total (`totalRow`). Indexes into Table.columns and Table.rows.
 */
export interface PercentRule {
  column: number;
  how: 'change' | 'ratio' | 'previous' | 'share';
  of: number;
  base: number;
  totalRow?: number;
  /** A change over a negative figure as it stands (a fall in income is a rise), not over its size. */
  signed?: boolean;
  holds: number;
  fails: number;
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
  /** Per money column: the displayed unit of its figures, where they differ across the table (see `step` for the most common). */
  steps?: Decimal[];
  /** Per money column: false for columns that never add up (percentages). */
  additive?: boolean[];
  /** Columns that add up others on each row, as the reader found them. */
  rowRules?: RowRule[];
  /** Per cent columns worked out from the £ columns on each row, as the reader found them. */
  percentRules?: PercentRule[];
  /** The department a user's correction says the table belongs to. */
  department?: string;
  /** How the table was read, for people (check --explain) and for the JSON. */
  reading?: Reading;
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
