import { checkSteps, finishSteps, type CheckOptions, type CheckResult, type CheckSoFar } from './check';
import { finding } from './findings';
import { withPaper } from './paper';
import type { SheetGrid } from './grid';
import { withCorrection } from './reader/corrections';
import { correctionsOf, type AddinStore } from './store';
import { readTotalFormulas } from './formulas/ask';
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
  /** The add-in's record in the workbook (reading corrections, scenarios, sign-offs), read with the sheets. */
  store?: AddinStore | null;
}

export async function readWorkbook(port: WorkbookPort, onProgress?: Progress): Promise<ReadWorkbook> {
  const [sheets, list, store] = await Promise.all([
    port.readSheets(onProgress),
    port.listSheets(),
    port.readStore ? port.readStore() : null,
  ]);
  const owned = list.filter((s) => s.owned).map((s) => s.name);
  const inputs = sheets.filter((s) => !owned.some((o) => sameSheet(o, s.name)));
  await readTotalFormulas(port, inputs, onProgress);
  return { sheets, inputs, owned, store };
}

export async function checkThrough(
  port: WorkbookPort,
  options: CheckOptions = {},
  onProgress?: Progress,
): Promise<{ read: ReadWorkbook; check: CheckResult }> {
  const read = await readWorkbook(port, onProgress);
  return { read, check: checkStored(read, read.store ?? null, options) };
}

/**
 * Checks what was read with the corrections kept in the workbook's record (`store`), then any given in
 * `options.corrections` on top; a kept correction that cannot be read is said as a finding.
 */
export function checkStored(read: ReadWorkbook, store: AddinStore | null, options: CheckOptions = {}): CheckResult {
  return finishSteps(checkStoredSteps(read, store, options));
}

/** checkStored one sheet at a time (see checkSteps). */
export function* checkStoredSteps(
  read: ReadWorkbook,
  store: AddinStore | null,
  options: CheckOptions = {},
): Generator<CheckSoFar, CheckResult> {
  const stored = correctionsOf(store);
  // Corrections given now (a --reading file) come after the stored ones and replace any of the same thing.
  const corrections = (options.corrections ?? []).reduce(withCorrection, stored.corrections);
  const check = yield* checkSteps(read.inputs, { ...options, corrections });
  const first = read.inputs[0]?.name ?? read.sheets[0]?.name;
  if (first)
    check.findings.unshift(
      ...stored.problems.map((p) =>
        finding(
          'correction-not-applied',
          first,
          'A1',
          `a correction kept in this workbook could not be read (${p}); make it again in the task pane`,
        ),
      ),
    );
  return check;
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
