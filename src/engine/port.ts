import type { SheetGrid } from './grid';
import type { OutputSheet } from './output';

export type Progress = (done: number, total: number, stage: string) => void;

/**
 * The one small port every host implements: inside Excel (office-js) and on .xlsx files (ExcelJS).
 * The engine never sees anything else of the host.
 */
export interface WorkbookPort {
  /** Every sheet, as values, formats, fonts and hidden rows/columns. */
  readSheets(onProgress?: Progress): Promise<SheetGrid[]>;
  /** Names of the workbook's sheets, in order, and which of them the add-in wrote. */
  listSheets(): Promise<{ name: string; owned: boolean }[]>;
  /**
   * Writes sheets. A sheet in `replace` already exists and is the add-in's own: it is replaced.
   * `owned: false` writes a sheet the user keeps (the Scoring Model), only when it does not exist.
   */
  writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<void>;
  /** Shows a cell to the user (inside Excel: activates the sheet and selects it). */
  selectCell?(sheet: string, cell: string): Promise<void>;
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
