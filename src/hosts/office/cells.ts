import type { Cell, CellValue } from '../../engine/grid';

const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
]);

/**
 * A cell from its value and number format. Excel gives every formula's calculated value and an
 * error as its text (#REF!), so formulas and value types are not read: the engine needs a
 * formula's text only where a file saved without calculating has no value, which Excel never has.
 */
export function cellFrom(value: unknown, format: unknown): Cell | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  const fmt = typeof format === 'string' && format !== 'General' ? format : undefined;
  let v: CellValue = null;
  const cell: Cell = { value: null };
  if (typeof value === 'string' && EXCEL_ERRORS.has(value)) cell.error = value;
  // A number stays a number under a date format (grid.ts): the engine decides what it means, as on .xlsx files.
  else if (typeof value === 'number') v = value;
  else if (typeof value === 'string' || typeof value === 'boolean') v = value;
  else v = JSON.stringify(value);
  cell.value = v;
  if (fmt) cell.format = fmt;
  return cell;
}
