import ExcelJS from 'exceljs';
import { a1, sheetRef } from '../../engine/a1';
import { cellValue, type OutputSheet } from '../../engine/output';

export function writeSheet(ws: ExcelJS.Worksheet, sheet: OutputSheet): void {
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
