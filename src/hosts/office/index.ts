/// <reference types="office-js" />
import { a1Range, parseA1 } from '../../engine/a1';
import type { SheetGrid } from '../../engine/grid';
import type { OutputSheet } from '../../engine/output';
import type { CellFormula, FormulaRanges, Progress, WorkbookPort, WriteResult } from '../../engine/port';
import { STORE_NAMESPACE, storeToXml, type AddinStore } from '../../engine/store';
import { supportsExcelApi } from './chart';
import { plainExcelError } from './errors';
import { readFormulas } from './formulas';
import { SheetReader } from './reader';
import { ownedIn, readMarks, type WorkbookMarks } from './record';
import { writeReport } from './replace';
import {
  jsonBytes,
  READ_BYTES,
  REQUEST_BYTES,
  SYNC_BUDGET_BYTES,
  type ExcelRun,
  type SyncRecord,
  type SyncStats,
} from './sync';
import { followSelection } from './selection';

/**
 * The workbook open in Excel, through office-js: the task pane's host.
 *
 * A thin adapter: it copies cells in and out and knows nothing of budgets. What it does care
 * about is round trips. Every `context.sync()` is a round trip to Excel (a network one in Excel
 * on the web, where a request or response over 5 MB fails with RequestPayloadSizeLimitExceeded),
 * so reads and writes are queued in as few batches as fit under a payload budget measured as
 * office-js builds its requests, never one per row or cell. Excel's errors leave here in plain
 * words (errors.ts). The pieces: sync.ts (payload budget and counting), reader.ts, record.ts (the
 * add-in's record and marks), replace.ts (the steps of a write), writer.ts, chart.ts, cells.ts.
 *
 * Requirement sets: nothing above ExcelApi 1.9, which the manifest asks for.
 */

export { chartDrawing, supportsExcelApi, type ChartDrawing } from './chart';
export { EXCEL_ERROR_WORDS, ExcelProblem, excelErrorWords } from './errors';
export { referencedSheet } from './names';
export { PROTECTED_STRUCTURE } from './replace';
export { BLOCK_ROWS, countSyncs, MAX_SYNC_BYTES, SYNC_BUDGET_BYTES, type ExcelRun, type SyncStats } from './sync';
export { columnWidthPoints } from './writer';
export interface OfficeWorkbookOptions {
  /** Bytes one sync is planned to carry (default SYNC_BUDGET_BYTES). */
  syncBudgetBytes?: number;
  /** Whether an ExcelApi version is there (default: Office.context.requirements; false outside Office). */
  supportsExcelApi?: (version: string) => boolean;
}

export class OfficeWorkbook implements WorkbookPort {
  /** Syncs made by the last call, with the payload each was planned (and, for reads, seen) to carry. */
  lastStats: SyncStats = { syncs: 0, records: [], maxPayloadBytes: 0 };
  private readonly budget: number;
  private readonly supports: (version: string) => boolean;

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    this.budget = options.syncBudgetBytes ?? SYNC_BUDGET_BYTES;
    this.supports = options.supportsExcelApi ?? supportsExcelApi;
  }

  /** Runs a batch whose syncs are recorded in lastStats; Excel's errors come out in plain words. */
  private async batch<T>(
    body: (
      context: Excel.RequestContext,
      sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>,
    ) => Promise<T>,
  ): Promise<T> {
    const stats: SyncStats = { syncs: 0, records: [], maxPayloadBytes: 0 };
    this.lastStats = stats;
    try {
      return await this.run(async (context) => {
        const sync = async (stage: string, estimatedBytes: number): Promise<SyncRecord> => {
          await context.sync();
          const record: SyncRecord = { stage, estimatedBytes };
          stats.syncs++;
          stats.records.push(record);
          stats.maxPayloadBytes = Math.max(stats.maxPayloadBytes, estimatedBytes);
          return record;
        };
        return body(context, sync);
      });
    } catch (error) {
      throw plainExcelError(error);
    }
  }

  private measured(record: SyncRecord, bytes: number): void {
    record.measuredBytes = bytes;
    this.lastStats.maxPayloadBytes = Math.max(this.lastStats.maxPayloadBytes, bytes);
  }

  async listSheets(): Promise<{ name: string; owned: boolean }[]> {
    const marks = await this.marks();
    return marks.sheets.map((s) => ({ name: s.name, owned: ownedIn(marks, s) }));
  }

  async readStore(): Promise<AddinStore | null> {
    return (await this.marks()).store;
  }

  private marksInFlight: Promise<WorkbookMarks> | null = null;

  /**
   * The sheets' marks and the add-in's record, read in one batch. Asked for twice at the same moment (the sheet
   * list and the record, as every check does), the two share the one read: one trip to Excel, not two.
   */
  private marks(): Promise<WorkbookMarks> {
    this.marksInFlight ??= this.batch((context, sync) => readMarks(context, sync)).finally(() => {
      this.marksInFlight = null;
    });
    return this.marksInFlight;
  }

  async writeStore(store: AddinStore): Promise<void> {
    await this.batch(async (context, sync) => {
      const parts = context.workbook.customXmlParts.getByNamespace(STORE_NAMESPACE);
      parts.load('items/id');
      await sync('Find the add-in’s record', READ_BYTES.perSheet);
      const xml = storeToXml(store);
      // `sync` above is context.sync(), which this rule cannot see through the wrapper.
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      const [first, ...copies] = parts.items;
      if (first) first.setXml(xml);
      else context.workbook.customXmlParts.add(xml);
      for (const copy of copies) copy.delete();
      await sync('Save the add-in’s record', REQUEST_BYTES.action + jsonBytes(xml));
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.batch(async (context, sync) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await sync('Select cell', 200);
    });
  }

  /**
   * Selects a total and the lines it adds up, in one batch. Several ranges at once (RangeAreas.select) needs
   * ExcelApi 1.18; below it, ranges that form one block are selected as that block, and otherwise only the first
   * (the total) is.
   */
  async selectCells(sheet: string, cells: string[]): Promise<void> {
    if (!cells.length) return;
    const together = cells.length > 1 && this.supports('1.18');
    await this.batch(async (context, sync) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      const areas = together ? ws.getRanges(cells.join(',')) : null;
      // An office.js older than the Excel it runs in may lack RangeAreas.select: then as below 1.18.
      if (areas && typeof areas.select === 'function') areas.select();
      else ws.getRange(oneBlock(cells) ?? cells[0]).select();
      await sync('Select cells', 200 + jsonBytes(cells));
    });
  }

  /** Inside Excel: tells `listener` the sheet and top-left cell of each selection the user makes (selection.ts). */
  followSelection(listener: (sheet: string, cell: string) => void): Promise<() => Promise<void>> {
    return followSelection(this.run, listener);
  }

  async readSheets(onProgress?: Progress): Promise<SheetGrid[]> {
    return this.batch((context, sync) =>
      new SheetReader(context, sync, this.budget, (record, bytes) => this.measured(record, bytes), onProgress).read(),
    );
  }

  /** The totals' formulas, for the formula audit: a second, small read of the rows it asks for. */
  async readFormulas(asked: FormulaRanges[]): Promise<CellFormula[]> {
    if (!asked.length) return [];
    return this.batch((context, sync) => readFormulas(context, sync, this.budget, asked));
  }

  async writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<WriteResult> {
    if (sheets.length === 0 && replace.length === 0) return { notes: [] };
    return this.batch((context, sync) =>
      writeReport({ context, sync, budget: this.budget, supports: this.supports }, sheets, replace, onProgress),
    );
  }
}

/** Ranges that together fill one block ("C8:E8", "C5:E7" → "C5:E8"), as that block; null when they do not. */
export function oneBlock(cells: readonly string[]): string | null {
  const boxes = cells.map((cell) => {
    const [from, to = from] = cell.split(':');
    const a = parseA1(from);
    const b = parseA1(to);
    return { top: a.row, left: a.col, bottom: b.row, right: b.col };
  });
  const first = boxes[0];
  if (!first || boxes.some((b) => b.left !== first.left || b.right !== first.right)) return null;
  const rows = new Set<number>();
  for (const b of boxes) for (let r = b.top; r <= b.bottom; r++) rows.add(r);
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  return rows.size === bottom - top + 1 ? a1Range(top, first.left, bottom, first.right) : null;
}
