import ExcelJS from 'exceljs';
import { sheetRef } from '../../engine/a1';
import type { SheetGrid } from '../../engine/grid';
import { MAX_CELLS, tooLargeReason } from '../../engine/limits';
import type { OutputSheet } from '../../engine/output';
import { OWNER_NAME_PREFIX, ownerName, sheetKey } from '../../engine/ownership';
import { WorkbookReadError, type Progress, type WorkbookPort } from '../../engine/port';
import { unreadableReason } from './file-kind';
import { cellBound, cellCount, gridFrom } from './read';
import { writeSheet } from './write';

/**
 * An .xlsx workbook: the command line's host, and the task pane's outside Excel (browser mode).
 * file-kind.ts tells a workbook from other files, read.ts turns sheets into grids, write.ts adds the
 * add-in's sheets.
 */

/** Reads the names that mark the sheets the add-in wrote. */
function ownedSheetNames(wb: ExcelJS.Workbook): Set<string> {
  const owned = new Set<string>();
  for (const dn of (wb.definedNames.model ?? []) as { name: string; ranges: string[] }[]) {
    if (!dn.name.startsWith(OWNER_NAME_PREFIX)) continue;
    for (const range of dn.ranges) {
      const m = /^'?(.*?)'?!/.exec(range);
      if (m) owned.add(sheetKey(m[1].replace(/''/g, "'")));
    }
  }
  return owned;
}

/** An .xlsx workbook through ExcelJS: the CLI's host, and the task pane's outside Excel. */
export class XlsxWorkbook implements WorkbookPort {
  private constructor(readonly workbook: ExcelJS.Workbook) {}

  static async open(data: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const reason = unreadableReason(bytes);
    if (reason) throw reason;
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      throw new WorkbookReadError(
        'corrupt',
        `the file could not be opened as an .xlsx workbook (${String((e as Error).message ?? e).split('\n')[0]})`,
      );
    }
    return new XlsxWorkbook(wb);
  }

  static empty(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /** Synchronous underneath (ExcelJS has loaded the file); a throw here reaches callers as a rejection of their await. */
  readSheets(onProgress?: Progress): Promise<SheetGrid[]> {
    const sheets = this.workbook.worksheets;
    // Cells are counted one by one only when the quick bound says the workbook might be too large.
    const bound = sheets.reduce((n, ws) => n + cellBound(ws), 0);
    const tooLarge =
      bound > MAX_CELLS && tooLargeReason(sheets.map((ws) => ({ sheet: ws.name, cells: cellCount(ws) })));
    if (tooLarge) throw new WorkbookReadError('too-large', tooLarge);
    return Promise.resolve(
      sheets.map((ws, i) => {
        onProgress?.(i, sheets.length, `Reading ${ws.name}`);
        return gridFrom(ws);
      }),
    );
  }

  listSheets(): Promise<{ name: string; owned: boolean }[]> {
    const owned = ownedSheetNames(this.workbook);
    return Promise.resolve(
      this.workbook.worksheets.map((ws) => ({ name: ws.name, owned: owned.has(sheetKey(ws.name)) })),
    );
  }

  writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<void> {
    const wb = this.workbook;
    for (const name of replace) {
      const ws = wb.getWorksheet(name);
      if (ws) wb.removeWorksheet(ws.id);
    }
    sheets.forEach(({ sheet, owned }, i) => {
      onProgress?.(i, sheets.length, `Writing ${sheet.name}`);
      writeSheet(wb.addWorksheet(sheet.name), sheet);
      if (owned) wb.definedNames.add(sheetRef(sheet.name, '$A$1'), ownerName(sheet.name));
    });
    return Promise.resolve();
  }

  async toBuffer(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }
}
