import type { SheetGrid } from '../grid';
import { classifyHeader } from '../headers';
import { TOTAL_LABEL } from '../vocabulary';
import { hasYearOrUnit, isBareYearOrUnit, isHeadingText, rowShape, type RowShape } from './shapes';

/**
 * Stage 1 of the reader: where the tables are on a sheet. A table is a run of rows with figures
 * (headings and single blank rows may sit between them), the heading rows just above it, and the
 * title above those. A new heading row (years or units over the figures), a paragraph of text, or
 * two blank rows end a table.
 */
export interface Block {
  /** Text rows above the heading: the table's title, top first. */
  titleRows: number[];
  /** The heading rows above the figures, top first (none for a table printed without one). */
  headerRows: number[];
  /** First and last rows of the body: the first and last rows with figures. */
  top: number;
  bottom: number;
  /** Columns holding figures anywhere in the body. */
  figureColumns: number[];
  /** Heading rows repeated inside the body (a table pasted across a page break): passed over. */
  repeats: number[];
}

interface OpenBlock {
  top: number;
  bottom: number;
  figures: Set<number>;
  /** The scales its figures are printed in ("m" for "£85.2m", "" for none): see printedScaleOf. */
  scales: Set<string>;
  repeats: number[];
  /** The heading rows' text, to tell a repeated heading from a new table's. */
  headingKey?: string;
}

/** A row that heads figure columns: years or units over them, or the house format's own headings. */
function isHeadingRowFor(shape: RowShape, figures: ReadonlySet<number>): boolean {
  if (shape.figures.length > 0 || shape.narrative || shape.texts.size === 0) return false;
  let over = 0;
  let yearOrUnit = 0;
  let bare = 0;
  let house = 0;
  for (const [c, text] of shape.texts) {
    const h = classifyHeader(text);
    if (h?.role === 'money') house++;
    if (!figures.has(c)) continue;
    over++;
    if (hasYearOrUnit(text)) yearOrUnit++;
    if (isBareYearOrUnit(text)) bare++;
  }
  return house >= 2 || (yearOrUnit >= 1 && (over >= 2 || bare >= 1 || shape.texts.size >= 2));
}

/**
 * A row of headings over columns the table above has no figures in, with figures under them on the next row, starts a
 * table of its own, even with no year or unit in it and no blank row before it: a few lines at the top of a page
 * (gross expenditure, less fees, net spending) and then the analysis under "Net Expenditure | Capital Charges | Yearly
 * change £"; a funding list's Total, then "Valuation band | Ratio | Percentage | Council tax". Inside a table such a
 * row would be text where figures go, on every cell of it.
 */
function headsNewColumns(shape: RowShape, figures: ReadonlySet<number>, next: RowShape | undefined): boolean {
  if (shape.figures.length > 0 || shape.narrative || !next) return false;
  const fresh = [...shape.texts.keys()].filter((c) => !figures.has(c));
  return fresh.length >= 2 && next.figures.some((c) => fresh.includes(c));
}

/**
 * A heading in the table's own shape with other words ("Income Source | Amount | Percentage of total income" under
 * "Expenditure | Amount | Percentage of total expenditure … Total"), with figures under it on the next row: text over
 * at least two of the figure columns, in no column the table's heading leaves blank. It heads a table of its own when
 * a title stands between it and the figures above, or a blank row under a total: a parish's expenditure to its total,
 * then "Total income 2022-23" and its income under the same headings.
 */
function headsInOwnShape(
  shape: RowShape,
  own: () => ReadonlySet<number>,
  figures: ReadonlySet<number>,
  next?: RowShape,
): boolean {
  if (shape.figures.length > 0 || shape.narrative || !next || next.figures.length === 0) return false;
  const cols = [...shape.texts.keys()];
  if (cols.filter((c) => figures.has(c)).length < 2) return false;
  const heading = own();
  return cols.every((c) => heading.has(c));
}

/**
 * Column headings over the figure columns (text over two of them, or over one beside other headings) with figures
 * under them on the next row.
 * After a blank row and a caption or title (`Table 2`, `Belstone Parish Council Accounts Summary`) they head a table of
 * their own, whatever they say: a table's own section heading is followed by its lines, not by headings again.
 */
function headsFigures(shape: RowShape, figures: ReadonlySet<number>, next?: RowShape): boolean {
  if (shape.figures.length > 0 || shape.narrative || !next || next.figures.length === 0) return false;
  let over = 0;
  for (const c of shape.texts.keys()) if (figures.has(c)) over++;
  // One figure column is headed too, beside the labels' own heading ("Item | Value", "Band | Council Tax level").
  return over >= 2 || (over >= 1 && shape.texts.size >= 2);
}

/** A row printed as a total closes what is above it: bold, or labelled one. */
function printedAsTotal(sheet: SheetGrid, r: number): boolean {
  const cells = sheet.rows[r] ?? [];
  return cells.some((c) => c?.bold) || TOTAL_LABEL.test([...rowShape(sheet, r).texts.values()][0] ?? '');
}

/**
 * A total printed under a paragraph of notes on the table's last line ("Grit Bin 50% discount", then three sentences
 * on who may apply, then "Total Cost Increase"), in the table's own figure columns, with no figures under it: it closes
 * that table. On its own it would be a table of one row, with no lines to add up, and it would go unchecked. Only a row
 * printed as a total (bold, or labelled one), after notes alone (no blank pair, no heading of its own), and only when
 * no row of figures follows it (a table that opens with its total over its lines is a table of its own).
 */
function closesAfterNotes(sheet: SheetGrid, r: number, figures: ReadonlySet<number>): boolean {
  const shape = rowShape(sheet, r);
  if (!printedAsTotal(sheet, r) || !shape.figures.every((c) => figures.has(c))) return false;
  const next = r + 1 < sheet.rows.length ? rowShape(sheet, r + 1) : undefined;
  return !next || next.figures.length === 0;
}

/** The columns the first heading row over an open table names. */
function ownHeadingColumns(sheet: SheetGrid, block: OpenBlock): Set<number> {
  const first = headingAbove(sheet, block.top, block.figures, -1).headerRows[0];
  return new Set(first === undefined ? [] : rowShape(sheet, first).texts.keys());
}

function headingKey(sheet: SheetGrid, rows: number[]): string {
  return rows.map((r) => [...rowShape(sheet, r).texts.entries()].map(([c, t]) => `${c}:${t}`).join('|')).join('/');
}

/**
 * The rows that head a body: heading text over its figure columns, just above it. Section headings
 * may sit between the heading and the first figures (they then belong to the body), and one blank
 * row may sit above the figures. Returns the heading rows and where the body really starts.
 */
function headingAbove(
  sheet: SheetGrid,
  top: number,
  figures: ReadonlySet<number>,
  floor: number,
): { headerRows: number[]; bodyTop: number } {
  const rows: number[] = [];
  const between: number[] = [];
  let skippedBlank = false;
  for (let r = top - 1; r > floor; r--) {
    const shape = rowShape(sheet, r);
    if (shape.blank) {
      if (rows.length === 0 && !skippedBlank) {
        skippedBlank = true;
        continue;
      }
      break;
    }
    if (shape.narrative) break;
    if (shape.yearsOnly || (shape.figures.length === 0 && isHeadingRow(shape, figures, rows.length > 0))) {
      rows.unshift(r);
      continue;
    }
    if (shape.figures.length > 0 || rows.length > 0 || between.length >= 4) break;
    between.push(r);
  }
  if (rows.length === 0) return { headerRows: [], bodyTop: top };
  return { headerRows: rows, bodyTop: between.length ? Math.min(...between) : top };
}

/**
 * A heading row: text over the figure columns that names them (or a year, a unit, a house-format
 * heading). A single cell holding a long text at the table's left is its title, not a heading.
 */
function isHeadingRow(shape: RowShape, figures: ReadonlySet<number>, belowIsHeading: boolean): boolean {
  const over = [...shape.texts.entries()].filter(([c]) => figures.has(c));
  if (over.length === 0) return false;
  if (shape.texts.size === 1) {
    const text = over[0]![1];
    const words = text.split(/\s+/).length;
    if (words >= 3 && belowIsHeading && !hasYearOrUnit(text)) return false;
    if (words >= 3 && belowIsHeading && figures.size > 1 && over[0]![0] === Math.min(...figures)) return false;
  }
  return over.some(([, t]) => isHeadingText(t)) || over.length >= 2;
}

/** Text rows above a table's heading (after the table before it): its title. */
function titleRowsAbove(sheet: SheetGrid, from: number, floor: number): number[] {
  const rows: number[] = [];
  for (let r = from - 1; r > floor && rows.length < 4; r--) {
    const shape = rowShape(sheet, r);
    if (shape.blank) {
      if (rows.length) break;
      continue;
    }
    if (shape.figures.length > 0) break;
    if (!shape.narrative) rows.unshift(r);
  }
  return rows;
}

/**
 * The scale a row's figures are printed in, from their number format: "m" for "£85.2m" or "£368.6 million", "k" for
 * "£8k", "" for none; undefined when its figures differ (Cleveland's "£664,000" beside "£1.4m") or one is not a number.
 */
function rowScale(sheet: SheetGrid, r: number, shape: RowShape): string | undefined {
  let scale: string | undefined;
  for (const c of shape.figures) {
    const cell = sheet.rows[r]?.[c];
    if (typeof cell?.value !== 'number') return undefined;
    const s = printedScaleOf(cell.format);
    if (scale !== undefined && s !== scale) return undefined;
    scale = s;
  }
  return scale;
}

function printedScaleOf(format: string | undefined): string {
  const suffix = /[0#][^"]*"\s*(m|million|k|bn)\s*"\s*$/i.exec(format?.split(';')[0] ?? '')?.[1]?.toLowerCase();
  return suffix === 'million' ? 'm' : (suffix ?? '');
}

/** The row under a heading row r, past a row of units alone (`£m` under "Source of Funding | Amount"). */
function rowUnderHeading(sheet: SheetGrid, r: number): RowShape | undefined {
  if (r + 1 >= sheet.rows.length) return undefined;
  const next = rowShape(sheet, r + 1);
  const unitsOnly = !next.blank && next.figures.length === 0 && [...next.texts.values()].every(isBareYearOrUnit);
  return unitsOnly && r + 2 < sheet.rows.length ? rowShape(sheet, r + 2) : next;
}

/** Finds every table on a sheet: the runs of rows with figures, their headings and titles. */
export function findBlocks(sheet: SheetGrid): Block[] {
  const open: OpenBlock[] = [];
  let current: OpenBlock | undefined;
  let blanks = 0;
  let repeating = false;
  /** Text rows since the last row of figures: a heading after a title starts a new table, even when it repeats. */
  let textSinceFigures = false;
  /** Only text rows since a blank row under the figures (a caption, a title): the blank row still parts what follows. */
  let partedByBlank = false;
  /** The table a paragraph of notes broke off, while nothing else has started since (see closesAfterNotes). */
  let brokenOff: OpenBlock | undefined;
  for (let r = 0; r < sheet.rows.length; r++) {
    const shape = rowShape(sheet, r);
    if (shape.blank) {
      if (++blanks >= 2) current = brokenOff = undefined;
      partedByBlank = true;
      continue;
    }
    const afterBlank = blanks > 0;
    blanks = 0;
    const wasRepeating = repeating;
    repeating = false;
    if (shape.narrative) {
      brokenOff = current ?? brokenOff;
      current = undefined;
      continue;
    }
    if (shape.figures.length > 0 && !shape.yearsOnly) {
      if (!current && brokenOff && closesAfterNotes(sheet, r, brokenOff.figures)) current = brokenOff;
      brokenOff = undefined;
      // A table's figures are printed in one unit: after a blank row, figures in another (£368.6 million under whole
      // pounds) begin a table of their own, with no heading to say so.
      const scale = rowScale(sheet, r, shape);
      if (current && partedByBlank && scale !== undefined && !current.scales.has(scale)) current = undefined;
      if (!current) {
        current = { top: r, bottom: r, figures: new Set(), scales: new Set(), repeats: [] };
        open.push(current);
      }
      current.bottom = r;
      for (const c of shape.figures) current.figures.add(c);
      if (scale !== undefined) current.scales.add(scale);
      textSinceFigures = false;
      partedByBlank = false;
      continue;
    }
    const next = rowUnderHeading(sheet, r);
    if (!shape.narrative && (shape.yearsOnly || isHeadingRowFor(shape, brokenOff?.figures ?? new Set())))
      brokenOff = undefined;
    if (
      current &&
      (shape.yearsOnly ||
        isHeadingRowFor(shape, current.figures) ||
        headsNewColumns(shape, current.figures, next) ||
        (partedByBlank && textSinceFigures && headsFigures(shape, current.figures, next)) ||
        ((textSinceFigures || (afterBlank && printedAsTotal(sheet, current.bottom))) &&
          headsInOwnShape(shape, () => ownHeadingColumns(sheet, current!), current.figures, next)))
    ) {
      // The same heading again straight after the table's figures continues it (a page break); after a blank row under
      // a total it heads a table of its own (spending to the amount to be financed, a blank row, then its financing).
      current.headingKey ??= headingKey(
        sheet,
        headingAbove(sheet, current.top, current.figures, -1).headerRows.slice(0, 1),
      );
      const closed = afterBlank && printedAsTotal(sheet, current.bottom);
      if (wasRepeating || (!textSinceFigures && !closed && headingKey(sheet, [r]) === current.headingKey)) {
        current.repeats.push(r);
        repeating = true;
      } else current = undefined;
    }
    textSinceFigures = !repeating;
  }
  const blocks: Block[] = [];
  let floor = -1;
  for (const b of open) {
    const { headerRows, bodyTop } = headingAbove(sheet, b.top, b.figures, floor);
    const titleRows = titleRowsAbove(sheet, headerRows[0] ?? bodyTop, floor);
    const figureColumns = [...b.figures].sort((x, y) => x - y);
    if (b.bottom > b.top || headerRows.length > 0) {
      blocks.push({ titleRows, headerRows, top: bodyTop, bottom: b.bottom, figureColumns, repeats: b.repeats });
    }
    floor = b.bottom;
  }
  return blocks;
}
