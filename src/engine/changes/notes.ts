import { money } from '../compare';
import { finding, type Finding } from '../findings';
import { headerCell, type StarMarker } from '../tables';
import type { FigureChange } from './figures';
import { fullLineName, KIND_WORDS, lineName, type TablePair } from './lines';
import type { LineChange } from './model';

const MARKER_MEANING: Record<StarMarker, string> = { '': 'new', '*': 'unchanged', '**': 'amended' };

/** "2016/17 -370 → -400, Total 2,100 → 2,150": the figures that changed, in the sheet's own unit. */
export function amendmentWords(figures: FigureChange[]): string {
  return figures
    .filter((f) => f.status === 'changed')
    .map((f) => `${f.label} ${money(f.previous!)} → ${money(f.current!)}`)
    .join(', ');
}

function whatHappened(change: LineChange): string {
  if (change.change === 'new') return 'it is new since the previous MTFS';
  if (change.change === 'unchanged') return 'it was in the previous MTFS unchanged';
  return `it was in the previous MTFS and has been amended (${amendmentWords(change.figures)})`;
}

function shouldBe(derived: StarMarker): string {
  return derived ? `it should be ${derived}` : 'it should have no star';
}

/** A current line whose typed star disagrees with what the comparison found, named at its reference cell; `tableRefs` counts the references of its table's lines. */
export function markerFinding(change: LineChange, tableRefs: ReadonlyMap<string, number>): Finding | null {
  const line = change.current;
  if (!line || !change.marker || change.marker.typed === change.marker.derived) return null;
  const { typed, derived } = change.marker;
  const name = lineName(line, tableRefs);
  const said = typed ? `${name} is marked ${typed} (${MARKER_MEANING[typed]}) but` : `${name} has no star, but`;
  return finding('marker-mismatch', line.sheet, line.cell, `${said} ${whatHappened(change)}: ${shouldBe(derived)}`);
}

/** A previous line nothing in this MTFS pairs with: noted at the table it would be in, naming where it was. */
export function removedFinding(change: LineChange): Finding | null {
  const line = change.previous;
  if (change.change !== 'removed' || !line) return null;
  const where = change.table.current
    ? { sheet: change.table.current.sheet, cell: headerCell(change.table.current) }
    : { sheet: line.sheet, cell: line.cell };
  return finding(
    'line-removed',
    where.sheet,
    where.cell,
    `${fullLineName(line)}, at ${line.sheet}!${line.cell} in the previous MTFS, is not in this one: removed (if it is here under another reference and description, pair the two by hand)`,
  );
}

/** A table of this MTFS with nothing to compare it with. */
export function noPreviousTableFinding(table: TablePair): Finding | null {
  if (table.previous || !table.current) return null;
  return finding(
    'no-previous-table',
    table.current.sheet,
    headerCell(table.current),
    `the previous MTFS has no ${KIND_WORDS[table.kind]} table to compare this one with, so every line of it counts as new`,
  );
}
