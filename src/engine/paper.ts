import { a1Range, parseA1 } from './a1';
import { maxOf } from './collections';
import { cellValue, chartEnd, type OutputCell, type OutputSheet, type PageSetup } from './output';

/**
 * How a sheet the add-in writes prints as a paper a committee can use as it is: columns as wide
 * as their content (long descriptions wrap, with rows tall enough), landscape when it is wider
 * than a portrait page, one page wide, title rows repeated, a page break before a table that
 * would otherwise be split between two pages, and a header and footer saying what it is.
 */

/** What the header and footer say besides the sheet's name and the page number. */
export interface PaperHeading {
  /** The department, or "Council" for a council-wide report. */
  department?: string;
  /** The MTFS period, e.g. "2015/16 - 2018/19". */
  period?: string;
  /** The workbook the report was made from. */
  source?: string;
  /** The day it was written, as YYYY-MM-DD (the caller's clock: the engine has none). */
  written?: string;
}

/** A4 and the margins both hosts use, in inches. */
export const PAPER = { width: 8.27, height: 11.69 } as const;
export const PAGE_MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

/** Excel's default row height, in points, and the widest a column gets before its text wraps, in characters. */
export const LINE_HEIGHT = 15;
export const WIDEST_COLUMN = 45;
const NARROWEST_COLUMN = 6;

/** A column's width in characters to pixels, as Excel draws Calibri 11. */
export const columnPixels = (chars: number): number => Math.trunc(chars * 7 + 5);

/** Printable width or height of a page in pixels (96 to the inch) in an orientation. */
function printable(orientation: PageSetup['orientation']): { width: number; height: number } {
  const [w, h] = orientation === 'portrait' ? [PAPER.width, PAPER.height] : [PAPER.height, PAPER.width];
  const m = PAGE_MARGINS;
  return { width: (w - m.left - m.right) * 96, height: (h - m.top - m.bottom) * 96 };
}

/** The text a cell shows, near enough to measure it: figures with their thousands separators. */
function shown(cell: OutputCell): string {
  const v = cellValue(cell.value);
  if (v === null) return '';
  if (typeof v === 'string') return v;
  const decimals = /0\.(0+)/.exec(cell.format ?? '')?.[1]?.length ?? 0;
  const digits = Math.abs(v).toFixed(decimals);
  const [whole, part] = digits.split('.');
  const grouped = (cell.format ?? '').includes(',') ? whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole!;
  return `${v < 0 ? '-' : ''}${grouped}${part ? `.${part}` : ''}`;
}

/**
 * Characters (of a figure's width) a cell's text takes: prose averages about nine tenths of a
 * figure in Calibri, bold a tenth more.
 */
const measure = (cell: OutputCell, text: string) =>
  Math.ceil(text.length * (typeof cellValue(cell.value) === 'string' ? 0.9 : 1) * (cell.bold ? 1.1 : 1));

/** A row holding one cell in column A (a title or a note) runs on across the empty cells beside it. */
const runsOn = (row: (OutputCell | null)[]) => row.filter(Boolean).length === 1 && !!row[0];

/** Lines a text takes in a column `width` characters wide, breaking between words. */
export function linesIn(text: string, width: number): number {
  const room = Math.max(1, Math.floor((width - 1) / 0.9));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= room) used = need;
    else {
      lines += used === 0 ? 0 : 1;
      used = word.length;
      lines += Math.max(0, Math.ceil(word.length / room) - 1);
    }
  }
  return lines;
}

/** Column widths fitted to what the columns hold, and the cells that must wrap to keep within the widest. */
export function fitColumns(sheet: OutputSheet): { widths: number[]; rows: OutputSheet['rows'] } {
  const columns = maxOf(
    sheet.rows.map((r) => r.length),
    1,
  );
  const widths = Array<number>(columns).fill(NARROWEST_COLUMN);
  for (const row of sheet.rows) {
    if (runsOn(row)) continue;
    row.forEach((cell, c) => {
      if (!cell) return;
      const text = shown(cell);
      // A figure column's heading wraps: it needs only its longest word on a line; anything else its whole text.
      const need =
        cell.wrap && typeof cellValue(cell.value) === 'string' && cell.align === 'right'
          ? maxOf(
              text.split(/\s+/).map((w) => measure(cell, w)),
              0,
            )
          : measure(cell, text);
      widths[c] = Math.max(widths[c]!, Math.min(WIDEST_COLUMN, need + 2));
    });
  }
  const sheetWidth = widths.reduce((s, w) => s + w, 0);
  const rows = sheet.rows.map((row) =>
    runsOn(row)
      ? measure(row[0]!, shown(row[0]!)) > sheetWidth
        ? [{ ...row[0]!, wrap: true }]
        : row
      : row.map((cell, c) =>
          cell && !cell.wrap && typeof cellValue(cell.value) === 'string' && measure(cell, shown(cell)) + 2 > widths[c]!
            ? { ...cell, wrap: true }
            : cell,
        ),
  );
  return { widths, rows };
}

/** Each row's height in points where its wrapped text needs more than one line. */
export function rowHeights(rows: OutputSheet['rows'], widths: number[]): (number | undefined)[] {
  return rows.map((row) => {
    if (runsOn(row) && !row[0]!.wrap) return undefined;
    const lines = maxOf(
      row.map((cell, c) => (cell?.wrap ? linesIn(shown(cell), Math.floor(widths[c]! / (cell.bold ? 1.1 : 1))) : 1)),
      1,
    );
    return lines > 1 ? lines * LINE_HEIGHT : undefined;
  });
}

/** A day as YYYY-MM-DD, in the clock's own time zone (the caller's clock: the engine keeps none). */
export function isoDay(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** "2026-12-01" → "1 December 2026". */
export function dayInWords(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (!m) return isoDay;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** Text as a header shows it: a literal ampersand doubled, so Excel does not read it as a code. */
const literal = (s: string) => s.replace(/&/g, '&&');

/** Title case for a department written in capitals ("CORPORATE RESOURCES" → "Corporate Resources"). */
function titleCase(s: string): string {
  return s === s.toUpperCase() ? s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase()) : s;
}

function headerFooter(heading: PaperHeading): Pick<PageSetup, 'header' | 'footer'> {
  const department = heading.department ? titleCase(heading.department) : '';
  const who = department && !/\b(department|council)\b/i.test(department) ? `${department} Department` : department;
  return {
    header: { left: literal(who), center: '&A', right: heading.period ? literal(`MTFS ${heading.period}`) : '' },
    footer: {
      left: heading.source ? literal(`Source: ${heading.source}`) : '',
      center: 'Page &P of &N',
      right: heading.written ? literal(`Written ${dayInWords(heading.written)}`) : '',
    },
  };
}

/** The last row and column anything (a cell or a chart) takes on the sheet. */
function extent(sheet: OutputSheet, columns: number): { row: number; col: number } {
  let row = Math.max(0, sheet.rows.length - 1);
  let col = Math.max(0, columns - 1);
  for (const chart of sheet.charts ?? []) {
    const to = parseA1(chartEnd(chart));
    row = Math.max(row, to.row);
    col = Math.max(col, to.col);
  }
  return { row, col };
}

/**
 * Where pages break: before a block (a table, with any chart below it) that would run over the
 * foot of the page it starts on. A block taller than a page is left to break where it must.
 */
export function pageBreaks(
  heights: number[],
  blocks: { start: number; end: number }[],
  pageHeight: number,
  titleHeight: number,
): number[] {
  const sum = (from: number, to: number) => heights.slice(from, to).reduce((s, h) => s + h, 0);
  const breaks: number[] = [];
  let used = 0;
  let from = 0;
  for (const b of blocks) {
    const height = sum(from, b.end);
    if (b.start > 0 && used > titleHeight && used + height > pageHeight) {
      breaks.push(b.start);
      used = titleHeight + sum(b.start, b.end);
    } else used += height;
    from = b.end;
  }
  return breaks;
}

/** Pages a sheet prints on, with its breaks, each later page starting under the title rows. */
function pagesFor(heights: number[], breaks: number[], pageHeight: number, titleHeight: number): number {
  let pages = 0;
  const starts = [0, ...breaks];
  starts.forEach((start, i) => {
    const height = heights.slice(start, starts[i + 1] ?? heights.length).reduce((s, h) => s + h, 0);
    const room = pageHeight - (i > 0 ? titleHeight : 0);
    pages += Math.max(1, Math.ceil(height / Math.max(room, LINE_HEIGHT)));
  });
  return pages;
}

/**
 * The sheet laid out as a paper: fitted widths and row heights, and its print set-up. `blocks`
 * are its tables' first rows (composeSheet's blockStarts); without them the sheet is one table.
 */
export function onPaper(sheet: OutputSheet, heading: PaperHeading = {}, blockStarts: number[] = [0]): OutputSheet {
  const { widths, rows } = fitColumns(sheet);
  const heights = rowHeights(rows, widths);
  const end = extent(sheet, widths.length);
  const pixels = widths.reduce((s, w) => s + columnPixels(w), 0);
  const points = Array.from({ length: end.row + 1 }, (_, r) => heights[r] ?? LINE_HEIGHT);
  const titleRows = sheet.freezeRows ? { first: 0, last: sheet.freezeRows - 1 } : undefined;
  const titleHeight = titleRows ? points.slice(0, titleRows.last + 1).reduce((s, h) => s + h, 0) : 0;
  const starts = [...new Set(blockStarts)].sort((a, b) => a - b);
  const blocks = starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1]! : end.row + 1 }));
  const layout = (orientation: PageSetup['orientation']) => {
    const page = printable(orientation);
    // Pixels to points (72 / 96), then to the sheet's own points at the scale that fits the page's width.
    const pageHeight = (page.height * 0.75) / Math.min(1, page.width / pixels);
    const breaks = pageBreaks(points, blocks, pageHeight, titleHeight);
    return { orientation, breaks, pages: pagesFor(points, breaks, pageHeight, titleHeight) };
  };
  // Landscape where the sheet is wider than a portrait page, unless that takes more pages.
  const portrait = layout('portrait');
  const landscape = layout('landscape');
  const chosen = pixels > printable('portrait').width && landscape.pages <= portrait.pages ? landscape : portrait;
  return {
    ...sheet,
    rows,
    columnWidths: widths,
    rowHeights: heights.some((h) => h !== undefined) ? heights : undefined,
    page: {
      orientation: chosen.orientation,
      area: a1Range(0, 0, end.row, end.col),
      titleRows,
      breaksBefore: chosen.breaks,
      ...headerFooter(heading),
    },
  };
}

/** A sheet written without a layout of its own (the Changes sheet, the council's) gets the plain one. */
export function withPaper(sheet: OutputSheet): OutputSheet {
  return sheet.page ? sheet : onPaper(sheet);
}
