/// <reference types="office-js" />
import type { SheetGrid } from '../../engine/grid';
import type { OutputSheet } from '../../engine/output';
import { OWNER_NAME_PREFIX, sheetKey } from '../../engine/ownership';
import type { Progress, WorkbookPort } from '../../engine/port';
import { supportsExcelApi } from './chart';
import { referencedSheet } from './names';
import { SheetReader } from './reader';
import { followSelection } from './selection';
import { READ_BYTES, SYNC_BUDGET_BYTES, type ExcelRun, type SyncRecord, type SyncStats } from './sync';
import { writeOutputSheets } from './writer';

/**
 * The workbook open in Excel, through office-js: the task pane's host.
 *
 * A thin adapter: it copies cells in and out and knows nothing of budgets. What it does care
 * about is round trips. Every `context.sync()` is a round trip to Excel (a network one in Excel
 * on the web, where a request or response over 5 MB fails with PayloadTooLarge), so reads and
 * writes are queued in as few batches as fit under a payload budget, never one per row or cell.
 * The pieces: sync.ts (payload budget and counting), reader.ts, writer.ts, chart.ts, cells.ts.
 */

export { chartDrawing, type ChartDrawing } from './chart';
export { referencedSheet } from './names';
export { BLOCK_ROWS, countSyncs, MAX_SYNC_BYTES, SYNC_BUDGET_BYTES, type ExcelRun, type SyncStats } from './sync';
export { columnWidthPoints } from './writer';
export interface OfficeWorkbookOptions {
  /** Bytes one sync is planned to carry (default SYNC_BUDGET_BYTES). */
  syncBudgetBytes?: number;
  /** Whether an ExcelApi version is available (default: Office.context.requirements, false outside Office). */
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

  /** Runs a batch whose syncs are recorded in lastStats. */
  private batch<T>(
    body: (
      context: Excel.RequestContext,
      sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>,
    ) => Promise<T>,
  ): Promise<T> {
    const stats: SyncStats = { syncs: 0, records: [], maxPayloadBytes: 0 };
    this.lastStats = stats;
    return this.run(async (context) => {
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
  }

  private measured(record: SyncRecord, bytes: number): void {
    record.measuredBytes = bytes;
    this.lastStats.maxPayloadBytes = Math.max(this.lastStats.maxPayloadBytes, bytes);
  }

  async listSheets(): Promise<{ name: string; owned: boolean }[]> {
    return this.batch(async (context, sync) => {
      const sheets = context.workbook.worksheets;
      const names = context.workbook.names;
      sheets.load('items/name');
      names.load('items/name,items/formula');
      await sync('List sheets and names', READ_BYTES.perSheet);
      const owned = new Set<string>();
      for (const n of names.items) {
        if (!n.name.startsWith(OWNER_NAME_PREFIX)) continue;
        const target = referencedSheet(typeof n.formula === 'string' ? n.formula : '');
        if (target) owned.add(sheetKey(target));
      }
      return sheets.items.map((s) => ({ name: s.name, owned: owned.has(sheetKey(s.name)) }));
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

  /** Inside Excel: tells `listener` the sheet and top-left cell of each selection the user makes (selection.ts). */
  followSelection(listener: (sheet: string, cell: string) => void): Promise<() => Promise<void>> {
    return followSelection(this.run, listener);
  }

  async readSheets(onProgress?: Progress): Promise<SheetGrid[]> {
    return this.batch((context, sync) =>
      new SheetReader(context, sync, this.budget, (record, bytes) => this.measured(record, bytes), onProgress).read(),
    );
  }

  async writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<void> {
    if (sheets.length === 0 && replace.length === 0) return;
    await this.batch((context, sync) =>
      writeOutputSheets({ context, sync, budget: this.budget, supports: this.supports }, sheets, replace, onProgress),
    );
  }
}
