import { maxOf } from '../collections';
import { CellFigure, centsOf } from '../figures';
import type { SheetGrid } from '../grid';
import { Decimal } from '../money';
import type { Figure, TableRow } from '../tables';

/**
 * The unit each column's figures are printed to: what a rounding difference is measured in. It is
 * the number format's unit (1 for #,##0, 0.1 for 0.0), except where the figures as stored say
 * otherwise:
 * - a format that shows thousands of what the cells hold (#,##0, shows £000 of cells holding £)
 *   hides nothing: the cells' own precision counts, so £400 out is not "rounding";
 * - figures all stored as round thousands (a paper "rounded to the nearest £1,000" printed in £)
 *   were rounded to thousands, so their differences come in thousands.
 */

const ONE = new Decimal(1);
/** Figures needed before round thousands are read as rounding rather than chance. */
const ROUNDED_THOUSANDS_MIN = 8;

function formatOf(sheet: SheetGrid, f: Figure): string {
  return (f instanceof CellFigure ? f.format : sheet.rows[f.row]?.[f.col]?.format) ?? 'General';
}

/** The most common format among some figures. */
function commonFormat(sheet: SheetGrid, figures: Figure[]): string {
  const counts = new Map<string, number>();
  let run = '';
  let runLength = 0;
  // Runs of one format are counted before they touch the map: a column has a handful of formats.
  for (const f of figures) {
    const format = formatOf(sheet, f);
    if (format === run) {
      runLength++;
      continue;
    }
    if (runLength) counts.set(run, (counts.get(run) ?? 0) + runLength);
    run = format;
    runLength = 1;
  }
  if (runLength) counts.set(run, (counts.get(run) ?? 0) + runLength);
  let best = 'General';
  let most = 0;
  for (const [format, n] of counts) if (n > most) [best, most] = [format, n];
  return best;
}

/** Decimal places of a figure, counting at most 6; whole numbers need no Decimal. */
function placesOf(f: Figure): number {
  const c = centsOf(f);
  if (!Number.isNaN(c)) return Number.isInteger(c / 100) ? 0 : Number.isInteger(c / 10) ? 1 : 2;
  return Math.min(f.value?.decimalPlaces() ?? 0, 6);
}

/** 10^n, made once: every column asks for one. */
const POWERS = new Map<number, Decimal>();
function powerOfTen(n: number): Decimal {
  let p = POWERS.get(n);
  if (!p) POWERS.set(n, (p = new Decimal(10).pow(n)));
  return p;
}

/** A format's decimals and thousands scaling, remembered: a workbook has a handful of formats. */
const FORMATS = new Map<string, { decimals: number; thousands: number } | 'general'>();
function formatShape(format: string): { decimals: number; thousands: number } | 'general' {
  let shape = FORMATS.get(format);
  if (shape === undefined) {
    const section = (format.split(';')[0] ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    shape =
      /general/i.test(section) || section.trim() === ''
        ? 'general'
        : {
            decimals: /\.([0#]+)/.exec(section)?.[1]?.length ?? 0,
            thousands: /[0#](,+)(?![0#])/.exec(section)?.[1]?.length ?? 0,
          };
    if (FORMATS.size < 1000) FORMATS.set(format, shape);
  }
  return shape;
}

/** The decimal places a number format prints, undefined for General (the figure as typed). */
export function formatDecimals(format: string | undefined): number | undefined {
  const shape = formatShape(format ?? 'General');
  return shape === 'general' ? undefined : shape.decimals;
}

function formatStep(format: string, figures: Figure[]): { step: Decimal; thousands: number } {
  const shape = formatShape(format);
  if (shape === 'general') return { step: powerOfTen(-Math.min(placesShown(figures), 2)), thousands: 0 };
  return { step: powerOfTen(3 * shape.thousands - shape.decimals), thousands: shape.thousands };
}

/**
 * The decimal places figures with no number format are printed to: the most that a quarter of them show. One line
 * in pounds and pence (Band D) among figures in £000, typed or pasted as text, does not make the column's unit a
 * penny; a ledger's pence show on most of its figures (those ending in 0 show fewer), so its unit stays a penny.
 */
function placesShown(figures: Figure[]): number {
  const counts = [0, 0, 0];
  for (const f of figures) counts[Math.min(placesOf(f), 2)]!++;
  const quarter = Math.max(1, figures.length / 4);
  if (counts[2]! >= quarter) return 2;
  if (counts[1]! + counts[2]! >= quarter) return 1;
  return 0;
}

/** How many figures other than zero are whole numbers of thousands; -1 when one is not (or cannot be read so). */
function roundThousandsCount(figures: Figure[]): number {
  let nonZero = 0;
  for (const f of figures) {
    const c = centsOf(f);
    if (Number.isNaN(c)) return -1;
    if (c === 0) continue;
    if (c % 100_000 !== 0) return -1;
    nonZero++;
  }
  return nonZero;
}

/**
 * The unit one set of figures (a column, or a table) is printed to. `roundedTable`: the table's figures are round
 * thousands in enough columns to tell, these among them (see columnSteps).
 */
export function printedStep(sheet: SheetGrid, figures: Figure[], roundedTable = false): Decimal {
  if (figures.length === 0) return ONE;
  const { step, thousands } = formatStep(commonFormat(sheet, figures), figures);
  if (thousands > 0) return powerOfTen(-maxOf(figures.map(placesOf), 0));
  if (step.lt(1000) && (roundedTable || roundThousandsCount(figures) >= ROUNDED_THOUSANDS_MIN)) return powerOfTen(3);
  return step;
}

/**
 * Each money column's printed unit. A paper rounded to the nearest £1,000 and printed in pounds is rounded so in every
 * column: a column of few figures, all round thousands, in a table whose round columns together have enough figures
 * to tell, is printed to thousands too (a total £1,000 off its three lines is rounding, not an error).
 */
export function columnSteps(sheet: SheetGrid, rows: TableRow[], columns: number): Decimal[] {
  const byColumn: Figure[][] = [];
  for (let i = 0; i < columns; i++) {
    const figures: Figure[] = [];
    for (const row of rows) {
      const f = row.figures[i];
      if (f) figures.push(f);
    }
    byColumn.push(figures);
  }
  const round = byColumn.map(roundThousandsCount);
  const pooled = round.reduce((sum, n) => sum + Math.max(n, 0), 0);
  return byColumn.map((figures, i) => printedStep(sheet, figures, pooled >= ROUNDED_THOUSANDS_MIN && round[i]! > 0));
}

/** The table's unit: the one most of its figures are printed to. */
export function tableStep(sheet: SheetGrid, rows: TableRow[]): Decimal {
  const figures: Figure[] = [];
  for (const row of rows) for (const f of row.figures) if (f) figures.push(f);
  return printedStep(sheet, figures);
}

const scales = new Map<string, number | undefined>();

/**
 * The scale a format prints after its digits, the cell holding the figure in it: "£85.2m" millions, "£8k" thousands.
 * Worked out once per format: a workbook has few, and every figure is asked.
 */
function printedScale(format: string | undefined): number | undefined {
  if (!format) return undefined;
  if (!scales.has(format)) scales.set(format, scaleOf(format));
  return scales.get(format);
}

function scaleOf(format: string): number | undefined {
  const section = format.split(';')[0] ?? '';
  const shape = formatShape(format);
  if (shape === 'general' || shape.thousands > 0) return undefined;
  const suffix = /[0#][^"]*"\s*(m|k)\s*"\s*$/i.exec(section)?.[1]?.toLowerCase();
  return suffix === 'm' ? 1_000_000 : suffix === 'k' ? 1_000 : undefined;
}

/**
 * A figure printed in whole pounds among figures printed "£85.2m" (Cleveland police's "£664,000" in its £m
 * columns) is in pounds: it is read in the column's millions, 0.664, as a reader of the page reads it. Only a
 * whole number of at least a thousand, with no scale of its own, in a column most of whose figures print one.
 */
export function readPoundsInScaledColumns(rows: TableRow[], columns: number): void {
  for (let k = 0; k < columns; k++) {
    const scale = columnScale(rows, k);
    if (!scale) continue;
    for (const row of rows) {
      const f = row.figures[k];
      if (!f || (f instanceof CellFigure && printedScale(f.format) !== undefined)) continue;
      const v = f.value;
      if (!(f instanceof CellFigure) || !v || !v.isInteger() || v.abs().lt(1000)) continue;
      row.figures[k] = new CellFigure(f.row, f.col, v.div(scale), f.format);
    }
  }
}

/** The one scale most of a column's figures (at least two) print after their digits, if any. */
function columnScale(rows: TableRow[], k: number): number | undefined {
  let scale: number | undefined;
  let scaled = 0;
  let plain = 0;
  for (const row of rows) {
    const f = row.figures[k];
    if (!f) continue;
    const s = f instanceof CellFigure ? printedScale(f.format) : undefined;
    if (s === undefined) plain++;
    else if (scale !== undefined && s !== scale) return undefined;
    else {
      scale = s;
      scaled++;
    }
  }
  return scaled >= 2 && scaled > plain ? scale : undefined;
}
