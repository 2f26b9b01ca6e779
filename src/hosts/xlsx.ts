import ExcelJS from 'exceljs';
import { a1, sheetRef } from '../engine/a1';
import type { Cell, CellValue, SheetGrid } from '../engine/grid';
import { cellValue, type OutputSheet } from '../engine/output';
import { MAX_CELLS, MAX_FILE_BYTES, tooLargeFileReason, tooLargeReason } from '../engine/limits';
import { OWNER_NAME_PREFIX, ownerName, sheetKey } from '../engine/ownership';
import { WorkbookReadError, type Progress, type WorkbookPort } from '../engine/port';

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** True when a compound (OLE) file holds an encrypted Office package rather than an old .xls. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const needle = 'EncryptionInfo';
  const limit = Math.min(bytes.length, 4 * 1024 * 1024);
  outer: for (let i = 0; i < limit - needle.length * 2; i++) {
    for (let j = 0; j < needle.length; j++)
      if (bytes[i + j * 2] !== needle.charCodeAt(j) || bytes[i + j * 2 + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Says, in one line, why bytes are not a workbook we can read; null when they may be one. */
export function unreadableReason(bytes: Uint8Array): WorkbookReadError | null {
  if (bytes.length === 0) return new WorkbookReadError('empty', 'the file is empty (0 bytes)');
  if (startsWith(bytes, OLE)) {
    return isEncryptedPackage(bytes)
      ? new WorkbookReadError(
          'password',
          'the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook) and try again',
        )
      : new WorkbookReadError(
          'not-xlsx',
          'this is an old-style .xls workbook; save it as .xlsx in Excel and try again',
        );
  }
  if (!startsWith(bytes, ZIP)) return new WorkbookReadError('not-xlsx', 'the file is not an .xlsx workbook');
  if (bytes.length > MAX_FILE_BYTES) return new WorkbookReadError('too-large', tooLargeFileReason(bytes.length));
  return null;
}

function cellFrom(c: ExcelJS.Cell): Cell | undefined {
  if (c.type === ExcelJS.ValueType.Merge) return undefined;
  const raw = c.value as unknown;
  let value: CellValue = null;
  let formula: string | undefined;
  let error: string | undefined;
  if (raw === null || raw === undefined) value = null;
  else if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean' || raw instanceof Date)
    value = raw;
  else if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      formula = c.formula ?? String(o.formula ?? o.sharedFormula);
      const result = o.result;
      if (result && typeof result === 'object' && 'error' in result)
        error = String((result as { error: string }).error);
      else if (result !== undefined && result !== null) value = result as CellValue;
    } else if ('error' in o) error = String(o.error);
    else if ('richText' in o) value = (o.richText as { text: string }[]).map((t) => t.text).join('');
    else if ('text' in o) value = typeof o.text === 'string' ? o.text : '';
  }
  const font = c.font;
  const cell: Cell = { value };
  // A formula's text matters only where the file has no calculated value for it (the engine then
  // says so); elsewhere its value is the cell, as Excel itself (the office-js host) gives it.
  if (formula !== undefined && value === null && error === undefined) cell.formula = formula;
  if (error !== undefined) cell.error = error;
  if (c.numFmt) cell.format = c.numFmt;
  if (font?.bold) cell.bold = true;
  if (font?.italic) cell.italic = true;
  if (font?.underline) cell.underline = true;
  return cell;
}

/**
 * What eachRow and eachCell (includeEmpty: false) visit, in one pass: a row counts when it has a
 * cell that is not Null, and then each such cell. Done by hand because eachRow looks through a
 * row's cells once to decide and eachCell again to visit, and both cost callbacks per cell.
 */
function gridFrom(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: (Cell | undefined)[][] = [];
  const hiddenRows = new Set<number>();
  const hiddenCols = new Set<number>();
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const out: (Cell | undefined)[] = [];
    let hasValues = false;
    for (let col = 1; col <= row.cellCount; col++) {
      const c = row.findCell(col);
      if (!c || c.type === ExcelJS.ValueType.Null) continue;
      hasValues = true;
      const cell = cellFrom(c);
      if (cell) out[col - 1] = cell;
    }
    if (!hasValues) continue;
    if (row.hidden) hiddenRows.add(r - 1);
    rows[r - 1] = out;
  }
  const columns = (ws as unknown as { _columns?: ExcelJS.Column[] })._columns ?? [];
  columns.forEach((col, i) => {
    if (col?.hidden) hiddenCols.add(i);
  });
  return { name: ws.name, rows, hiddenRows, hiddenCols };
}

function cellCount(ws: ExcelJS.Worksheet): number {
  let n = 0;
  ws.eachRow({ includeEmpty: false }, (row) => {
    n += row.actualCellCount;
  });
  return n;
}

/** At least as many as cellCount (empty cells included), without looking into any cell. */
function cellBound(ws: ExcelJS.Worksheet): number {
  let n = 0;
  for (let r = 1; r <= ws.rowCount; r++) n += ws.findRow(r)?.cellCount ?? 0;
  return n;
}

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

function writeSheet(ws: ExcelJS.Worksheet, sheet: OutputSheet): void {
  sheet.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  sheet.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (!cell) return;
      const target = ws.getCell(a1(r, c));
      const value = cellValue(cell.value);
      if (cell.link && typeof value === 'string') {
        target.value = { text: value, hyperlink: `#${sheetRef(cell.link.sheet, cell.link.cell)}` };
      } else {
        target.value = value;
      }
      if (cell.format) target.numFmt = cell.format;
      else if (typeof value === 'string') target.numFmt = '@';
      const font: Partial<ExcelJS.Font> = {};
      if (cell.bold) font.bold = true;
      if (cell.italic) font.italic = true;
      if (cell.underline) font.underline = true;
      if (cell.link) Object.assign(font, { color: { argb: 'FF0563C1' }, underline: true });
      if (Object.keys(font).length) target.font = font;
      if (cell.align || cell.wrap) target.alignment = { horizontal: cell.align, wrapText: cell.wrap, vertical: 'top' };
    });
  });
  if (sheet.freezeRows) ws.views = [{ state: 'frozen', ySplit: sheet.freezeRows, xSplit: 0 }];
}
