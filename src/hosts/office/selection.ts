/// <reference types="office-js" />
import type { ExcelRun } from './sync';

/** "C14:D20" (or "Sheet1!C14:D20") → "C14": the top-left cell of a selection, the one a finding would be on. */
export function topLeftCell(address: string): string {
  const local = address.slice(address.lastIndexOf('!') + 1);
  return local.split(':')[0].replace(/\$/g, '').toUpperCase();
}

/** A sheet's name from its id: one round trip. */
function sheetName(run: ExcelRun, id: string): Promise<string> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(id);
    sheet.load('name');
    await context.sync();
    return sheet.name;
  });
}

/**
 * Follows the user's selection in Excel (WorksheetCollection.onSelectionChanged, ExcelApi 1.9): for each new
 * selection, one round trip names its sheet, then `listener` gets the sheet and the selection's top-left cell.
 * Resolves to a function that stops following.
 */
export async function followSelection(
  run: ExcelRun,
  listener: (sheet: string, cell: string) => void,
): Promise<() => Promise<void>> {
  let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetSelectionChangedEventArgs> | undefined;
  await run(async (context) => {
    handler = context.workbook.worksheets.onSelectionChanged.add(async (args) => {
      const cell = topLeftCell(args.address);
      listener(await sheetName(run, args.worksheetId), cell);
    });
    await context.sync();
  });
  return async () => {
    const h = handler;
    if (!h) return;
    handler = undefined;
    h.remove();
    await h.context.sync();
  };
}
