import { a1, parseA1 } from './a1';
import type { Decimal } from './money';

/** A sheet the add-in writes: pure data, so each host only has to copy it into its workbook. */
export interface OutputCell {
  /** Text is always written as text, never as a formula. */
  value: string | number | Decimal | null;
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  align?: 'left' | 'right' | 'center';
  wrap?: boolean;
  /** A link to a cell in the workbook. */
  link?: { sheet: string; cell: string };
}

export interface OutputSheet {
  name: string;
  columnWidths: number[];
  rows: (OutputCell | null)[][];
  /** Header rows kept in view while scrolling. */
  freezeRows?: number;
  /** Row heights in points where a row needs more than one line (wrapped text); other rows keep Excel's. */
  rowHeights?: (number | undefined)[];
  /** How the sheet prints (paper.ts): every sheet the add-in writes has one by the time a host writes it. */
  page?: PageSetup;
  /** Charts drawn on the sheet, from figures on it. */
  charts?: ChartSpec[];
}

/**
 * A sheet's print set-up. Every sheet prints one page wide on A4 (as many pages tall as it
 * needs); hosts write that without being told.
 */
export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  /** The printed range, e.g. 'A1:H69'. */
  area: string;
  /** Rows repeated at the top of every printed page, 0-based and inclusive. */
  titleRows?: { first: number; last: number };
  /** Rows (0-based) that start a new printed page, so no table is split across two. */
  breaksBefore: number[];
  /**
   * Header and footer, left, centre and right, in Excel's header codes (&P page, &N pages, &A the
   * sheet's name; a literal ampersand is &&): both Excel and the .xlsx file take them as they are.
   */
  header: HeaderFooterText;
  footer: HeaderFooterText;
}

export interface HeaderFooterText {
  left: string;
  center: string;
  right: string;
}

export interface ChartSpec {
  title: string;
  kind: 'waterfall' | 'column' | 'scatter';
  /** Data range on this sheet, e.g. 'A5:B11'. */
  range: string;
  /** Top-left cell for the chart. */
  anchor: string;
  /** The last cell it covers, at its bottom right: the chart's size (`chartEnd` when not given). */
  to?: string;
  /** Axis titles, in the users' words. */
  axes?: { category?: string; value?: string };
  /**
   * A scatter's points: x and y values, columns of the same rows. Excel's own choice from `range`
   * would put its first column on the x axis, which is not always the one the chart means.
   */
  points?: { x: string; y: string; name: string };
  /**
   * Where the host has no waterfall chart: a stacked column chart of `range` (one series per
   * column) over the `categories` labels, whose first series — an invisible base that lifts each
   * bar to its place — the host leaves unfilled.
   */
  stackedFallback?: { range: string; categories: string };
}

/** The cell at a chart's bottom right: its own, or 8 columns and 16 rows from its anchor. */
export function chartEnd(spec: ChartSpec): string {
  if (spec.to) return spec.to;
  const at = parseA1(spec.anchor);
  return a1(at.row + 15, at.col + 7);
}

export const MONEY_FORMAT = '#,##0;-#,##0';

export function isDecimalValue(v: unknown): v is Decimal {
  return typeof v === 'object' && v !== null && typeof (v as Decimal).toNumber === 'function';
}

/** The value a host puts in a cell: Decimals become numbers only here, at the very edge. */
export function cellValue(v: OutputCell['value']): string | number | null {
  if (isDecimalValue(v)) return v.toNumber();
  return v;
}
