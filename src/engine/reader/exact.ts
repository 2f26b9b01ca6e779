import type { Decimal } from '../money';
import { centsOf } from '../figures';
import type { Table } from '../tables';

/**
 * A table's figures as exact whole numbers of its finest unit (hundredths, thousandths…), so the
 * reader can try many ways of adding them up quickly. Every figure with d decimals (d ≤ 6) times
 * 10^d is a whole number; sums of them stay exact while they stay below 2^53, which is checked.
 * A figure that cannot be held so is unreadable here (null): the reader then leaves that column
 * unsolved, and the check itself, which works in Decimal, still sees it.
 */
export interface ExactFigures {
  /** value × factor for each row and money column; undefined for a blank, null when unreadable. */
  at(row: number, column: number): number | null | undefined;
  /** 10^d. */
  factor: number;
}

const MAX_PLACES = 6;

function placesOf(value: Decimal): number {
  return value.decimalPlaces();
}

export function exactFigures(table: Table): ExactFigures {
  let cents = true;
  let places = 0;
  for (const row of table.rows) {
    for (const f of row.figures) {
      if (!f) continue;
      if (Number.isNaN(centsOf(f))) cents = false;
      if (!cents && f.value) places = Math.max(places, placesOf(f.value));
    }
  }
  const sign = (r: number, c: number) => table.rows[r]?.signs?.[c] ?? 1;
  if (cents) {
    // Worked out once: the reader asks for the same figures many times over.
    const grid = table.rows.map((_, r) => table.columns.map((__, c) => figureCents(table, r, c)));
    return {
      factor: 100,
      at: (r, c) => {
        const v = grid[r]?.[c];
        return v === null || v === undefined ? v : sign(r, c) * v;
      },
    };
  }
  places = Math.min(places, MAX_PLACES);
  const factor = 10 ** places;
  const grid = table.rows.map((row) =>
    row.figures.map((f) => {
      if (!f) return undefined;
      if (!f.value) return null;
      // A figure worked out by a formula can carry noise far below any printed unit (344.73999999999995):
      // rounded to the finest unit the reader keeps, it is the figure the sheet shows.
      const scaled = f.value.times(factor).round();
      return scaled.abs().lt(2 ** 52) ? scaled.toNumber() : null;
    }),
  );
  return {
    factor,
    at: (r, c) => {
      const v = grid[r]?.[c];
      return v === null || v === undefined ? v : sign(r, c) * v;
    },
  };
}

function figureCents(table: Table, r: number, c: number): number | null | undefined {
  const f = table.rows[r]?.figures[c];
  if (!f) return undefined;
  const v = centsOf(f);
  return Number.isNaN(v) ? null : v;
}

/** Adds exact whole numbers; NaN once a partial sum leaves the safe range. */
export function addExact(total: number, n: number): number {
  const next = total + n;
  return Number.isSafeInteger(next) ? next : NaN;
}
