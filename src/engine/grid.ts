/** A workbook as the engine sees it: plain data, whichever host it came from. */
export type CellValue = string | number | boolean | Date | null;

export interface Cell {
  /**
   * The value Excel shows (for a formula, its calculated value; null when it has none). A number is
   * always a number, even under a date format (`format` says how it is shown): the engine decides
   * what a date-formatted number means. A cell typed with a leading apostrophe is text.
   */
  value: CellValue;
  /**
   * The formula's text, without the leading '=', for every formula cell (a shared formula's text as
   * it stands in this cell), with `value` its calculated value, or null when the file has none (a
   * file saved by a tool that does not calculate). Inside Excel the host gives values only.
   */
  formula?: string;
  /** An Excel error value such as '#REF!' when the cell shows one. */
  error?: string;
  /** Number format as shown, e.g. '#,##0;-#,##0'. */
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c], both 0-based from A1; missing entries are empty cells. */
  rows: (Cell | undefined)[][];
  hiddenRows: ReadonlySet<number>;
  hiddenCols: ReadonlySet<number>;
}

export function cellAt(sheet: SheetGrid, row: number, col: number): Cell | undefined {
  return sheet.rows[row]?.[col];
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell) return true;
  if (cell.error || cell.formula) return false;
  const v = cell.value;
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * True when text has nothing to tidy: no space at either end, no two together, no tab, line
 * break or other space character. Most labels are like that, and are then used as they are.
 * Conservative: any character from U+1680 up sends the text the slow way.
 */
function isTidy(text: string): boolean {
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (c < 32 || c === 0xa0 || c >= 0x1680) return false;
    else afterSpace = false;
  }
  return !afterSpace || text.length === 0;
}

export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  if (typeof cell.value === 'string') return isTidy(cell.value) ? cell.value : cell.value.replace(/\s+/g, ' ').trim();
  if (cell.value instanceof Date) return cell.value.toISOString().slice(0, 10);
  return String(cell.value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A cell as a heading shows it: a number under a date format (months across a budget profile, the
 * date of a balance) as the date, "Apr 2026" or "31 Mar 2026"; any other cell as its text.
 */
export function headingText(cell: Cell | undefined): string {
  if (typeof cell?.value !== 'number' || !isDateFormat(cell.format)) return cellText(cell);
  // Excel counts days from 30 December 1899; 25569 of them fall before 1 January 1970.
  const date = new Date(Math.round((cell.value - 25569) * 86_400_000));
  const [day, month, year] = [date.getUTCDate(), MONTHS[date.getUTCMonth()]!, date.getUTCFullYear()];
  return day === 1 ? `${month} ${year}` : `${day} ${month} ${year}`;
}

export function lastColumn(sheet: SheetGrid): number {
  let last = -1;
  for (const row of sheet.rows) if (row && row.length - 1 > last) last = row.length - 1;
  return last;
}

/** Test and tool helper: a grid from plain values, one array per row. */
export function gridFromValues(name: string, values: (CellValue | Cell | undefined)[][]): SheetGrid {
  const rows = values.map((row) =>
    row.map((v) => {
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'object' && !(v instanceof Date)) return v;
      return { value: v as CellValue };
    }),
  );
  return { name, rows, hiddenRows: new Set(), hiddenCols: new Set() };
}

/**
 * Whether a number format shows a date (Excel's rule, as ExcelJS applies it): the hosts hand the
 * engine numbers as numbers, and the engine decides what a date-formatted number means.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  let known = dateFormats.get(format);
  if (known === undefined) {
    const f = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
    known = /[ymdhMsb]+/.test(f);
    // A workbook has a handful of formats: remembered, so a large sheet costs one test per format.
    if (dateFormats.size < 1000) dateFormats.set(format, known);
  }
  return known;
}

const dateFormats = new Map<string, boolean>();
