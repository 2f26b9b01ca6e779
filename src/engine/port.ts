import type { SheetGrid } from './grid';
import type { OutputSheet } from './output';
import type { AddinStore } from './store';

export type Progress = (done: number, total: number, stage: string) => void;

/** What a write has to tell the user besides the sheets written: a chart Excel would not draw. */
export interface WriteResult {
  notes: string[];
}

/** Cells whose formulas the formula audit asks for: A1 ranges on one sheet. */
export interface FormulaRanges {
  sheet: string;
  ranges: string[];
}

/** A cell's formula, without the leading '=' (rows and columns 0-based). */
export interface CellFormula {
  sheet: string;
  row: number;
  col: number;
  formula: string;
}

/**
 * The one small port every host implements: inside Excel (office-js) and on .xlsx files (ExcelJS).
 * The engine never sees anything else of the host.
 */
export interface WorkbookPort {
  /** Every sheet, as values, formats, fonts and hidden rows/columns. */
  readSheets(onProgress?: Progress): Promise<SheetGrid[]>;
  /**
   * Formulas of the cells asked for, for a host whose readSheets gives values only (inside Excel): the
   * formula audit asks for the cells of the totals the reader found, in a second, small read. Cells
   * without a formula are left out of the answer.
   */
  readFormulas?(ranges: FormulaRanges[]): Promise<CellFormula[]>;
  /** Names of the workbook's sheets, in order, and which of them the add-in wrote. */
  listSheets(): Promise<{ name: string; owned: boolean }[]>;
  /**
   * Writes sheets. A sheet in `replace` already exists and is the add-in's own: it is replaced.
   * `owned: false` writes a sheet the user keeps (the Scoring Model), only when it does not exist.
   * May return notes for the user (a chart the host would not draw, the report written without it).
   */
  writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<WriteResult | void>;
  /**
   * The add-in's own record in the workbook (see store.ts): which sheets it wrote, and what later
   * features keep (reading corrections, saved scenarios, signed-off findings). Null when the workbook
   * has none.
   */
  readStore?(): Promise<AddinStore | null>;
  /**
   * Replaces the add-in's record, keeping nothing of the old one that the caller did not pass on.
   * Inside Excel it is saved with the workbook; in an .xlsx file, in the bytes written next.
   */
  writeStore?(store: AddinStore): Promise<void>;
  /** Shows a cell to the user (inside Excel: activates the sheet and selects it). */
  selectCell?(sheet: string, cell: string): Promise<void>;
  /**
   * Shows cells to the user together (inside Excel: a total and the lines it adds up). `cells` are A1 ranges on
   * `sheet`, the first the one to fall back on where Excel cannot select several ranges at once.
   */
  selectCells?(sheet: string, cells: string[]): Promise<void>;
  /**
   * Follows the user's selection (inside Excel): calls `listener` with the sheet and the top-left cell of each new
   * selection. Resolves to a function that stops following.
   */
  followSelection?(listener: (sheet: string, cell: string) => void): Promise<() => Promise<void>>;
}

export class WorkbookReadError extends Error {
  constructor(
    readonly reason: 'empty' | 'not-xlsx' | 'password' | 'corrupt' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}
