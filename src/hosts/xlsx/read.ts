import ExcelJS from 'exceljs';
import type { Cell, CellValue, SheetGrid } from '../../engine/grid';

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
export function gridFrom(ws: ExcelJS.Worksheet): SheetGrid {
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

export function cellCount(ws: ExcelJS.Worksheet): number {
  let n = 0;
  ws.eachRow({ includeEmpty: false }, (row) => {
    n += row.actualCellCount;
  });
  return n;
}

/** At least as many as cellCount (empty cells included), without looking into any cell. */
export function cellBound(ws: ExcelJS.Worksheet): number {
  let n = 0;
  for (let r = 1; r <= ws.rowCount; r++) n += ws.findRow(r)?.cellCount ?? 0;
  return n;
}
