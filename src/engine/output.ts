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
  /** Budget-bridge style chart where the host can draw one. */
  charts?: ChartSpec[];
}

export interface ChartSpec {
  title: string;
  kind: 'waterfall' | 'column' | 'scatter';
  /** Data range on this sheet, e.g. 'A5:B11'. */
  range: string;
  /** Top-left cell for the chart. */
  anchor: string;
  /**
   * Where the host has no waterfall chart: a stacked column chart of `range` (one series per
   * column) over the `categories` labels, whose first series — an invisible base that lifts each
   * bar to its place — the host leaves unfilled.
   */
  stackedFallback?: { range: string; categories: string };
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
