import { headingText, type SheetGrid } from '../grid';
import { classifyHeader, type HeaderCell } from '../headers';
import { parseYear, unitWords, type UnitWords } from '../vocabulary';
import type { Block } from './blocks';

/**
 * Stage 2 of the reader: the heading rows folded into one heading per column. A year written over
 * its unit ("2016/17" over "£000"), a heading split over several rows ("NET" / "EXPENDITURE" /
 * "2019/20" / "£’000"), a group heading over several columns ("2023/24" over Gross, Income and
 * Net): each column ends up with its words, its year and its unit.
 */
export interface ColumnHeading {
  col: number;
  /** The heading's lines, top first. */
  lines: string[];
  /** The lines as one text. */
  text: string;
  /** The financial year it names ("2018/19"), from the line nearest the figures that names one. */
  year?: string;
  unit: UnitWords;
  /** What the house format's vocabulary makes of the heading (a year, Employees, Total, Ref…). */
  house: HeaderCell | null;
}

/** A heading's cell for a column: its own text, or a group heading carried across from its left. */
function headingLines(sheet: SheetGrid, block: Block, col: number, figureCols: ReadonlySet<number>): string[] {
  const lines: string[] = [];
  const last = block.headerRows.length - 1;
  block.headerRows.forEach((r, i) => {
    const own = headingText(sheet.rows[r]?.[col]);
    if (own) {
      lines.push(own);
      return;
    }
    // A group heading ("Firm Programme") sits over the first of its columns: carry it right, over
    // figure columns, until the next heading in the row. The last heading row names columns one by one.
    if (i === last || !figureCols.has(col)) return;
    for (let c = col - 1; c >= 0; c--) {
      const text = headingText(sheet.rows[r]?.[c]);
      if (text) {
        if (figureCols.has(c)) lines.push(text);
        return;
      }
      if (!figureCols.has(c)) return;
    }
  });
  return lines;
}

export function foldHeadings(sheet: SheetGrid, block: Block, left: number, right: number): ColumnHeading[] {
  const figureCols = new Set(block.figureColumns);
  const out: ColumnHeading[] = [];
  for (let col = left; col <= right; col++) {
    const lines = headingLines(sheet, block, col, figureCols);
    const text = lines.join(' ').replace(/\s+/g, ' ').trim();
    let year: string | undefined;
    for (let i = lines.length - 1; i >= 0 && !year; i--) year = parseYear(lines[i]!);
    let unit: UnitWords = {};
    for (let i = lines.length - 1; i >= 0 && unit.scale === undefined && !unit.percent; i--)
      unit = unitWords(lines[i]!);
    const lastLine = lines[lines.length - 1];
    const house = classifyHeader(text) ?? (lastLine ? classifyHeader(lastLine) : null);
    out.push({ col, lines, text, year, unit, house });
  }
  return out;
}
