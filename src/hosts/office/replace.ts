/// <reference types="office-js" />
import type { OutputSheet } from '../../engine/output';
import { sheetKey } from '../../engine/ownership';
import type { Progress } from '../../engine/port';
import {
  emptyStore,
  newOwnerToken,
  OWNER_MARK_NAME,
  recordWritten,
  storeToXml,
  type AddinStore,
} from '../../engine/store';
import { drawChart } from './chart';
import { pageBytes, queuePage } from './page';
import { ExcelProblem, excelErrorCode, excelErrorWords, plainExcelError } from './errors';
import { ownerFormula } from './names';
import { startMarks, type WorkbookMarks } from './record';
import { actionBytes, jsonBytes, READ_BYTES, REQUEST_BYTES } from './sync';
import { fillSheet, type WriteBatch } from './writer';

export const PROTECTED_STRUCTURE =
  "The workbook's structure is protected: unprotect it (Review > Protect Workbook) to add the report sheets. Nothing was changed.";

const NOT_WRITTEN = 'The report was not written, and the workbook is as it was';

/** A sheet being written: added under `addedAs`, with the token of its hidden mark when it is the add-in's. */
interface Staged {
  sheet: OutputSheet;
  owned: boolean;
  /** The name it is added under: a temporary one for the add-in's sheets, until the swap. */
  addedAs: string;
  token?: string;
  ws?: Excel.Worksheet;
}

/** A name no sheet has, of at most 31 characters. */
function freeName(prefix: string, taken: Set<string>): string {
  for (;;) {
    const name = `${prefix} ${newOwnerToken().slice(0, 8)}`;
    if (!taken.has(sheetKey(name))) {
      taken.add(sheetKey(name));
      return name;
    }
  }
}

/**
 * Writes the add-in's sheets so that a failure at any sync leaves the previous report and its
 * ownership as they were:
 * 1. check: the workbook's protection, its sheets, names and the add-in's record (Excel refuses
 *    to add or delete sheets in a workbook whose structure is protected: say so, change nothing);
 * 2. add: the new sheets, the add-in's under temporary names, each with its hidden MTFS_Owner
 *    name and a new token (as many syncs as the request budget needs; the first also reads each
 *    sheet's mark and the record);
 * 3. swap, in one sync (the last of step 2's when it has more than one): the record lists the new
 *    tokens beside the old; the old sheets step aside under temporary names, the new ones take
 *    their names, the old are deleted, old-style marks removed, and the record keeps only what is
 *    there now;
 * 4. print set-up, then charts, each in a step of its own: what Excel refuses there leaves the
 *    report written, with a note.
 * If step 2 or 3 fails, the temporary sheets are removed and the error said in plain words.
 */
export async function writeReport(
  batch: WriteBatch,
  sheets: { sheet: OutputSheet; owned: boolean }[],
  replace: string[],
  onProgress?: Progress,
): Promise<{ notes: string[] }> {
  const { context, sync, budget, supports } = batch;
  const wb = context.workbook;
  const marks = await startMarks(context, sync, { protection: true }).catch((error: unknown) => {
    throw plainExcelError(error, NOT_WRITTEN);
  });
  if (marks.structureProtected) throw new ExcelProblem('AccessDenied', PROTECTED_STRUCTURE);

  const taken = new Set(marks.sheets.map((s) => sheetKey(s.name)));
  const staged: Staged[] = sheets.map(({ sheet, owned }) => ({
    sheet,
    owned,
    addedAs: owned ? freeName('MTFS new', taken) : sheet.name,
    token: owned ? newOwnerToken() : undefined,
  }));
  // Excel shows nothing until a sync: suspending screen updating (ExcelApi 1.9) spares it redrawing each piece.
  const suspend = () => {
    if (supports('1.9')) context.application.suspendScreenUpdatingUntilNextSync();
  };
  // The marks' second reading (each sheet's token, the record) goes with the first batch of cells.
  let pending = READ_BYTES.perSheet * (marks.sheets.length + 1);
  let flushed = false;
  const flushIfOver = async (bytes: number, stage: string): Promise<number> => {
    if (pending > 0 && pending + bytes > budget) {
      await sync(stage, pending);
      pending = 0;
      flushed = true;
      suspend();
    }
    pending += bytes;
    return pending;
  };

  // The old sheets' names while they step aside, so a failure can put them back.
  const replacing = new Set(replace.map(sheetKey));
  const old = marks.sheets
    .filter((s) => replacing.has(sheetKey(s.name)))
    .map((s) => ({ ...s, aside: freeName('MTFS old', taken) }));
  let swapping = false;
  try {
    // 2. The new sheets, out of the way.
    suspend();
    for (const [i, s] of staged.entries()) {
      onProgress?.(i, staged.length, `Writing ${s.sheet.name}`);
      const stage = `Write ${s.sheet.name}`;
      await flushIfOver(REQUEST_BYTES.action + jsonBytes(s.addedAs), stage);
      s.ws = wb.worksheets.add(s.addedAs);
      await fillSheet(s.ws, s.sheet, budget, (bytes) => flushIfOver(bytes, stage));
      if (s.token) {
        await flushIfOver(2 * REQUEST_BYTES.property + 2 * REQUEST_BYTES.action + 80, stage);
        s.ws.names.add(OWNER_MARK_NAME, ownerFormula(s.token)).visible = false;
      }
    }
    // 3. The swap. Excel stops a batch at the first operation that fails, so the swap can go in the
    // same sync as the last of the cells: it runs only if they all went in. It needs the record,
    // which comes with the first batch of cells: when that is this one, the swap waits a sync.
    if (!flushed) {
      await sync('Write sheets', pending);
      pending = 0;
    }
    swapping = true;
    const swapBytes = queueSwap(wb, marks.details(), staged, old);
    await sync(flushed ? 'Write sheets and put them in place' : 'Put the new sheets in place', pending + swapBytes);
  } catch (error) {
    await recover(batch, swapping ? staged.filter((s) => s.owned) : staged, old);
    throw plainExcelError(
      error,
      swapping
        ? 'Excel stopped while putting the new report sheets in place: each report sheet is the earlier one or the new one, and your own sheets are unchanged'
        : NOT_WRITTEN,
    );
  }

  // 4. Printing, then charts: either refused by Excel leaves the report written, with a note.
  const notes = await setUpPrinting(batch, staged, () =>
    onProgress?.(staged.length, staged.length, 'Setting up printing'),
  );
  onProgress?.(staged.length, staged.length, 'Drawing charts');
  notes.push(...(await drawCharts(batch, staged)));
  onProgress?.(staged.length, staged.length, 'Written');
  return { notes };
}

/**
 * Queues the swap, in an order that leaves a report the add-in owns wherever Excel stops: the
 * record lists the new marks beside the old; the old sheets (as Excel listed them, by id, so a
 * rename does not lose them) step aside, the new ones take their names, the old go, old-style
 * marks go, and the record keeps only what is there now. Returns its request bytes.
 */
function queueSwap(
  wb: Excel.Workbook,
  marks: WorkbookMarks,
  staged: Staged[],
  old: { name: string; aside: string; worksheet: Excel.Worksheet }[],
): number {
  const store = marks.store ?? emptyStore();
  const writtenAt = new Date().toISOString();
  const written = staged.filter((s) => s.token).map((s) => ({ name: s.sheet.name, token: s.token! }));
  const both: AddinStore = {
    ...store,
    ownedSheets: [...store.ownedSheets, ...written.map((w) => ({ ...w, writtenAt }))],
  };
  const part = marks.parts[0] ?? wb.customXmlParts.add(storeToXml(both));
  if (marks.parts[0]) part.setXml(storeToXml(both));
  for (const o of old) o.worksheet.name = o.aside;
  for (const s of staged) if (s.owned) s.ws!.name = s.sheet.name;
  for (const o of old) o.worksheet.delete();
  for (const s of staged)
    for (const n of s.owned ? (marks.legacyNames.get(sheetKey(s.sheet.name)) ?? []) : []) n.delete();
  for (const n of marks.legacyNames.get('#REF!') ?? []) n.delete();
  const gone = new Set(old.map((o) => sheetKey(o.name)));
  const sheetsNow = [
    ...marks.sheets.filter((s) => !gone.has(sheetKey(s.name))).map((s) => s.name),
    ...staged.map((s) => s.sheet.name),
  ];
  part.setXml(storeToXml(recordWritten(store, written, sheetsNow, writtenAt)));
  return REQUEST_BYTES.action * (4 + 3 * old.length + 2 * staged.length) + 2 * jsonBytes(storeToXml(both));
}

/**
 * After a failure: the sheets the write added under temporary names (and user-kept sheets it
 * added) are removed, and an old report sheet that stepped aside goes back to its name when no
 * new sheet took it (or goes, when one did). Batches are not transactions, so this is what keeps
 * a failure from leaving half a report or a sheet the add-in no longer recognises.
 */
async function recover(
  { context, sync }: WriteBatch,
  staged: Staged[],
  old: { name: string; aside: string }[],
): Promise<void> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await sync('Undo the unfinished write', REQUEST_BYTES.action);
    const byName = new Map(sheets.items.map((ws) => [sheetKey(ws.name), ws]));
    let changes = 0;
    for (const s of staged) {
      const left = byName.get(sheetKey(s.addedAs));
      if (left && s.ws) {
        left.delete();
        changes++;
      }
    }
    for (const o of old) {
      const aside = byName.get(sheetKey(o.aside));
      if (!aside) continue;
      if (byName.has(sheetKey(o.name))) aside.delete();
      else aside.name = o.name;
      changes++;
    }
    if (changes) await sync('Undo the unfinished write', REQUEST_BYTES.action * changes);
  } catch {
    // Nothing more can be done from here; the sheets left say by their names ("MTFS new …") what they are.
  }
}

/**
 * Sets up every written sheet's printing in one sync (page layout is an ExcelApi 1.9 feature some
 * Excels handle unevenly); when Excel refuses it the report stays written, with a note.
 */
async function setUpPrinting({ context, sync }: WriteBatch, staged: Staged[], starting: () => void): Promise<string[]> {
  const paged = staged.filter((s) => s.sheet.page);
  if (!paged.length) return [];
  starting();
  for (const s of paged) queuePage(context.workbook.worksheets.getItem(s.sheet.name), s.sheet.page!);
  try {
    await sync(
      'Set up printing',
      paged.reduce((n, s) => n + pageBytes(s.sheet.page!), 0),
    );
    return [];
  } catch (error) {
    const code = excelErrorCode(error);
    if (!code) throw error;
    return [
      `Excel did not take the print set-up of the report sheets (${excelErrorWords(code).split('. ')[0]}). The report itself is written; set the pages up with Page Layout before printing.`,
    ];
  }
}

/** Draws each sheet's charts in one sync of their own; a chart Excel refuses becomes a note. */
async function drawCharts({ context, sync }: WriteBatch, staged: Staged[]): Promise<string[]> {
  const withCharts = staged.filter((s) => s.sheet.charts?.length);
  if (!withCharts.length) return [];
  const notes: string[] = [];
  for (const s of withCharts) {
    const ws = context.workbook.worksheets.getItem(s.sheet.name);
    for (const spec of s.sheet.charts ?? []) drawChart(ws, spec);
    try {
      await sync(`Draw charts on ${s.sheet.name}`, (s.sheet.charts ?? []).length * actionBytes('Add', [1, 2, 3]) * 4);
    } catch (error) {
      const code = excelErrorCode(error);
      const titles = (s.sheet.charts ?? []).map((c) => `“${c.title}”`).join(', ');
      notes.push(
        `Excel did not draw the chart ${titles} on ${s.sheet.name}${code ? ` (${excelErrorWords(code).split('. ')[0]})` : ''}. The report itself is written; the figures the chart shows are on the sheet.`,
      );
      if (!code) throw error;
    }
  }
  return notes;
}
