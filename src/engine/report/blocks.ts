import type { Decimal } from '../money';
import { append, maxOf } from '../collections';
import { MONEY_FORMAT, type OutputCell, type OutputSheet } from '../output';

/** A block of a report sheet: rows of cells, starting in column A. Blocks are stacked with a blank row between. */
export type Block = (OutputCell | null)[][];

export const text = (value: string, style: Partial<OutputCell> = {}): OutputCell => ({ value, ...style });
export const figure = (value: Decimal | number, style: Partial<OutputCell> = {}): OutputCell => ({
  value,
  format: MONEY_FORMAT,
  align: 'right',
  ...style,
});

/** A block title: bold and underlined, the house style for a section heading. */
export function title(value: string): (OutputCell | null)[] {
  return [text(value, { bold: true, underline: true })];
}

/** A column heading row: bold, figures' headings right-aligned, "£000" in the heading, not the cells. */
export function headings(first: string, rest: string[]): (OutputCell | null)[] {
  return [
    first ? text(first, { bold: true }) : null,
    ...rest.map((h) => text(h, { bold: true, align: 'right', wrap: true })),
  ];
}

export function moneyRow(label: string, values: (Decimal | null)[], bold = false): (OutputCell | null)[] {
  return [text(label, { bold }), ...values.map((v) => (v === null ? null : figure(v, { bold })))];
}

/** Stacks blocks into one sheet with a blank row between them; widths fit a committee-report page. */
export function composeSheet(
  name: string,
  blocks: Block[],
  options: { freezeRows?: number; widths?: number[] } = {},
): OutputSheet & { blockStarts: number[] } {
  const rows: (OutputCell | null)[][] = [];
  const blockStarts: number[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) rows.push([]);
    blockStarts.push(rows.length);
    append(rows, block);
  });
  const columns = maxOf(
    rows.map((r) => r.length),
    1,
  );
  const widths = options.widths ?? [46, ...Array<number>(columns - 1).fill(14)];
  return {
    name,
    rows,
    columnWidths: widths.slice(0, Math.max(columns, widths.length)),
    freezeRows: options.freezeRows,
    blockStarts,
  };
}
