import type { SheetGrid } from '../../src/engine/grid';
import { b, sheet, type Spec } from '../support/workbooks';

/** Small house-format tables for matching tests: a growth or savings appendix and capital programme blocks. */

type Row = Spec[number];

const sums = (lines: number[][]) => lines[0].map((_, i) => lines.reduce((s, l) => s + l[i], 0));

/** A growth appendix: [ref, description, ...figures] lines under one section heading, with its total. */
export function growthSheet(years: string[], lines: [string, string, ...number[]][], name = 'Growth'): SheetGrid {
  const figures = lines.map(([, , ...f]) => f);
  return sheet(name, [
    [b('GROWTH')],
    [],
    [b('TDEI ref.'), undefined, ...years.map((y) => b(`${y} £000`))],
    [undefined, b('CORPORATE RESOURCES ITEMS')],
    ...lines.map((l): Row => [...l]),
    [undefined, b('Total'), ...sums(figures).map(b)],
  ]);
}

/** A savings appendix: [ref, classification, description, ...figures] lines under one section heading. */
export function savingsSheet(
  years: string[],
  lines: [string, string, string, ...number[]][],
  name = 'Savings',
): SheetGrid {
  const figures = lines.map(([, , , ...f]) => f);
  return sheet(name, [
    [b('SAVINGS')],
    [],
    [b('TDEI ref.'), b('Eff/SR/ Income'), undefined, ...years.map((y) => b(`${y} £000`))],
    [undefined, b('Departmental')],
    ...lines.map((l): Row => [...l]),
    [undefined, b('Total'), undefined, ...sums(figures).map(b)],
  ]);
}

/** One capital programme block: title rows, header, [description, gross cost, ...years] lines (the total is worked out), a total row. */
export function capitalBlock(title: string[], years: string[], lines: [string, number, ...number[]][]): Row[] {
  const withTotals = lines.map(
    ([d, gross, ...f]) => [d, gross, ...f, f.reduce((s, v) => s + v, 0)] as [string, number, ...number[]],
  );
  const figures = withTotals.map(([, , ...f]) => f);
  return [
    ...title.map((t) => [b(t)]),
    [],
    [
      b('Estimated Completion Date'),
      b('Gross Cost of Project £000'),
      undefined,
      ...years.map((y) => b(`${y} £000`)),
      b('Total £000'),
    ],
    [undefined, undefined, b('Projects')],
    ...withTotals.map(([d, gross, ...f]): Row => [new Date(Date.UTC(2019, 2, 31)), gross, d, ...f]),
    [undefined, undefined, b('Total'), ...sums(figures).map(b)],
  ];
}

export function capitalSheet(blocks: Row[][]): SheetGrid {
  return sheet(
    'Capital Programme',
    blocks.flatMap((block, i) => (i ? [[], [], ...block] : block)),
  );
}
