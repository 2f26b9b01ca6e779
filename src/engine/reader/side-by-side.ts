import type { SheetGrid } from '../grid';
import type { Block } from './blocks';
import { rowShape } from './shapes';

/**
 * Tables printed side by side ("Savings" in A:E, "Growth" in G:K, a blank column between) share
 * their rows, so stage 1 finds them as one run of rows. Read together, one table's totals would
 * be checked against the other's lines. This splits such a run at its empty columns into the
 * tables it holds, each read on its own (its cells keep their places on the sheet).
 *
 * A part of the run is a table of its own only when it has its own lines: a text column on the
 * left of its figures that labels most of its rows, and at least two rows of figures. An empty
 * spacer column inside one table (between two groups of years, or after the descriptions) leaves
 * a part with figures and no labels, or labels and no figures: it stays with the part on its left.
 */
export interface SideBySidePart {
  /** The sheet as this table sees it: only its own columns, over the rows of the run. */
  sheet: SheetGrid;
}

/** The first row of a block: its title, else its heading, else its first line. */
function firstRow(block: Block): number {
  return block.titleRows[0] ?? block.headerRows[0] ?? block.top;
}

/** Runs of columns holding anything over the block's rows, left to right. */
function occupiedRuns(sheet: SheetGrid, block: Block): { left: number; right: number }[] {
  const used = new Set<number>();
  for (let r = firstRow(block); r <= block.bottom; r++) {
    const shape = rowShape(sheet, r);
    for (const c of shape.figures) used.add(c);
    for (const c of shape.texts.keys()) used.add(c);
  }
  const cols = [...used].sort((a, b) => a - b);
  const runs: { left: number; right: number }[] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c === last.right + 1) last.right = c;
    else runs.push({ left: c, right: c });
  }
  return runs;
}

/** True when columns left..right hold a table's lines: labels on the left of figures, on most rows of figures. */
function hasOwnLines(sheet: SheetGrid, block: Block, left: number, right: number): boolean {
  let figureRows = 0;
  const labelled = new Map<number, number>();
  for (let r = block.top; r <= block.bottom; r++) {
    const shape = rowShape(sheet, r);
    const figures = shape.figures.filter((c) => c >= left && c <= right);
    if (figures.length === 0) continue;
    figureRows++;
    const firstFigure = Math.min(...figures);
    for (const c of shape.texts.keys()) if (c >= left && c < firstFigure) labelled.set(c, (labelled.get(c) ?? 0) + 1);
  }
  if (figureRows < 2) return false;
  return [...labelled.values()].some((n) => n * 2 >= figureRows);
}

/** The block's columns as a sheet of their own: the same name and places, nothing outside them. */
function bandSheet(sheet: SheetGrid, block: Block, left: number, right: number): SheetGrid {
  const top = firstRow(block);
  const rows: SheetGrid['rows'] = [];
  for (let r = 0; r <= block.bottom; r++) {
    const cells = sheet.rows[r];
    const band: SheetGrid['rows'][number] = [];
    if (r >= top && cells) for (let c = left; c <= right && c < cells.length; c++) band[c] = cells[c];
    rows.push(band);
  }
  return { name: sheet.name, rows, hiddenRows: sheet.hiddenRows, hiddenCols: sheet.hiddenCols };
}

/**
 * The side-by-side tables in a block, each with the sheet as it sees it; null when the block is one
 * table (the usual case).
 */
export function sideBySide(sheet: SheetGrid, block: Block): SideBySidePart[] | null {
  const runs = occupiedRuns(sheet, block);
  if (runs.length < 2) return null;
  const parts: { left: number; right: number }[] = [];
  let pending: { left: number; right: number } | undefined;
  for (const run of runs) {
    const candidate = pending ? { left: pending.left, right: run.right } : run;
    if (hasOwnLines(sheet, block, candidate.left, candidate.right)) {
      parts.push(candidate);
      pending = undefined;
    } else if (parts.length && !pending) {
      // Figures or text with no lines of their own belong to the table on their left.
      parts[parts.length - 1]!.right = run.right;
    } else pending = candidate;
  }
  if (pending && parts.length) parts[parts.length - 1]!.right = pending.right;
  if (parts.length < 2) return null;
  return parts.map((p) => ({ sheet: bandSheet(sheet, block, p.left, p.right) }));
}
