import { checkWorkbook, type CheckOptions, type CheckResult } from './check';
import { withPaper } from './paper';
import type { SheetGrid } from './grid';
import type { OutputSheet } from './output';
import { planWrite, sameSheet, type WritePlan } from './ownership';
import type { Progress, WorkbookPort } from '../engine/port';

/** The steps every front end (CLI, task pane) shares: read through the port, check, plan and write. */

export interface ReadWorkbook {
  /** Every sheet. */
  sheets: SheetGrid[];
  /** The user's sheets: everything but the sheets the add-in wrote, so a re-run reads only the inputs. */
  inputs: SheetGrid[];
  owned: string[];
}

export async function readWorkbook(port: WorkbookPort, onProgress?: Progress): Promise<ReadWorkbook> {
  const [sheets, list] = await Promise.all([port.readSheets(onProgress), port.listSheets()]);
  const owned = list.filter((s) => s.owned).map((s) => s.name);
  return { sheets, inputs: sheets.filter((s) => !owned.some((o) => sameSheet(o, s.name))), owned };
}

export async function checkThrough(
  port: WorkbookPort,
  options: CheckOptions = {},
  onProgress?: Progress,
): Promise<{ read: ReadWorkbook; check: CheckResult }> {
  const read = await readWorkbook(port, onProgress);
  return { read, check: checkWorkbook(read.inputs, options) };
}

export class WriteRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join(' '));
  }
}

/** What a write will do, so the user can be told before anything is replaced. */
export async function previewWrite(
  port: WorkbookPort,
  outputs: { sheet: OutputSheet; owned: boolean }[],
): Promise<WritePlan> {
  return planWrite(await port.listSheets(), outputs);
}

/**
 * Writes the add-in's sheets: replaces only its own, refuses (writing nothing) when a user's sheet
 * has the same name. `notes` are what the host had to say (a chart it would not draw).
 */
export async function writeOutputs(
  port: WorkbookPort,
  outputs: { sheet: OutputSheet; owned: boolean }[],
  onProgress?: Progress,
): Promise<WritePlan & { notes: string[] }> {
  // Every sheet written prints as a paper: one without a layout of its own gets the plain one.
  const plan = await previewWrite(
    port,
    outputs.map((o) => ({ ...o, sheet: withPaper(o.sheet) })),
  );
  if (plan.refused.length) throw new WriteRefused(plan.refused);
  const result = await port.writeSheets(plan.write, plan.replace, onProgress);
  return { ...plan, notes: result?.notes ?? [] };
}
