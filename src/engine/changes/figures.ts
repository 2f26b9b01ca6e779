import type { Decimal } from '../money';
import { columnIndex, yearColumns, type MoneyColumn, type Table } from '../tables';
import { valueOf } from '../validate';
import type { MtfsLine } from './lines';

/**
 * What became of one figure of a line:
 * - same / changed: in both MTFSs, compared exactly;
 * - only-previous / only-current: the column (a year) is in one MTFS only, or the line is;
 * - not-compared: a capital Total when the two programmes cover different years;
 * - unreadable: one of the two cells could not be read as a figure (the check reports it).
 */
export type FigureStatus = 'same' | 'changed' | 'only-previous' | 'only-current' | 'not-compared' | 'unreadable';

export interface FigureChange {
  /** The column key: "year:2016/17", "gross", "total". */
  key: string;
  /** "2016/17", "Gross Cost of Project", "Total". */
  label: string;
  year?: string;
  /** Null when that side has no such figure (or it could not be read). */
  previous: Decimal | null;
  current: Decimal | null;
  /** current − previous, exact; null unless both are there and compared. */
  difference: Decimal | null;
  status: FigureStatus;
}

/** Gross cost first, then the years in order, then the total: the capital programme's own order. */
export function figureOrder(c: { key: string; year?: string }): string {
  if (c.year) return `1 ${c.year}`;
  return c.key === 'gross' ? '0' : `2 ${c.key}`;
}

function columnsOf(previous: Table | undefined, current: Table | undefined): MoneyColumn[] {
  const byKey = new Map<string, MoneyColumn>();
  for (const c of [...(previous?.columns ?? []), ...(current?.columns ?? [])]) byKey.set(c.key, c);
  return [...byKey.values()].sort((a, b) => figureOrder(a).localeCompare(figureOrder(b)));
}

function sameYears(a: Table, b: Table): boolean {
  const keys = (t: Table) =>
    yearColumns(t)
      .map((c) => c.key)
      .sort()
      .join();
  return keys(a) === keys(b);
}

function figureOf(line: MtfsLine | undefined, key: string): { present: boolean; value: Decimal | null } {
  const i = line ? columnIndex(line.table, key) : -1;
  return i < 0 ? { present: false, value: null } : { present: true, value: valueOf(line!.row, i) };
}

function statusOf(
  key: string,
  p: ReturnType<typeof figureOf>,
  c: ReturnType<typeof figureOf>,
  years: boolean,
): FigureStatus {
  if (!c.present) return 'only-previous';
  if (!p.present) return 'only-current';
  if (p.value === null || c.value === null) return 'unreadable';
  if (key === 'total' && !years) return 'not-compared';
  return p.value.equals(c.value) ? 'same' : 'changed';
}

/** Every figure of a line in both MTFSs, matched by column key (a year is "year:2016/17" on both sides). Either line may be missing. */
export function compareFigures(previous: MtfsLine | undefined, current: MtfsLine | undefined): FigureChange[] {
  const years = !!previous && !!current && sameYears(previous.table, current.table);
  return columnsOf(previous?.table, current?.table).map((column) => {
    const p = figureOf(previous, column.key);
    const c = figureOf(current, column.key);
    const status = statusOf(column.key, p, c, years);
    const compared = status === 'same' || status === 'changed';
    return {
      key: column.key,
      label: column.label,
      year: column.year,
      previous: p.value,
      current: c.value,
      difference: compared ? c.value!.minus(p.value!) : null,
      status,
    };
  });
}
