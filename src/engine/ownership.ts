import type { OutputSheet } from './output';

/**
 * The add-in marks each sheet it writes with a workbook name (MTFS_Owned_...) pointing at the
 * sheet, so it can tell its own sheets from a user's sheet of the same name.
 */
export const OWNER_NAME_PREFIX = 'MTFS_Owned_';

/** Excel compares sheet names without regard to case: "MTFS Summary" and "mtfs summary" are one sheet. */
export function sheetKey(name: string): string {
  return name.toLowerCase();
}

export function sameSheet(a: string, b: string): boolean {
  return sheetKey(a) === sheetKey(b);
}

export function ownerName(sheetName: string): string {
  return OWNER_NAME_PREFIX + sheetName.replace(/[^A-Za-z0-9_]/g, '_');
}

export interface WritePlan {
  /** Sheets to write, and whether the add-in owns (and may later replace) each. */
  write: { sheet: OutputSheet; owned: boolean }[];
  /** The add-in's own sheets that will be replaced. */
  replace: string[];
  /** Sheets left as they are (a Scoring Model the user already has). */
  kept: string[];
  /** Why nothing can be written, naming the sheet; empty when the plan can go ahead. */
  refused: string[];
}

/**
 * Decides what a write does before anything is written: replaces only sheets the add-in owns,
 * never a user's sheet of the same name, and creates user-kept sheets (the Scoring Model) only once.
 */
export function planWrite(
  existing: { name: string; owned: boolean }[],
  outputs: { sheet: OutputSheet; owned: boolean }[],
): WritePlan {
  const byName = new Map(existing.map((s) => [sheetKey(s.name), s]));
  const plan: WritePlan = { write: [], replace: [], kept: [], refused: [] };
  for (const out of outputs) {
    const found = byName.get(sheetKey(out.sheet.name));
    if (!out.owned) {
      if (found) plan.kept.push(found.name);
      else plan.write.push(out);
      continue;
    }
    if (found && !found.owned) {
      plan.refused.push(
        `A sheet called "${found.name}" already exists and was not written by the add-in, so it will not be overwritten. Rename or move it, then write the report again. Nothing was changed.`,
      );
      continue;
    }
    if (found) plan.replace.push(found.name);
    plan.write.push(out);
  }
  return plan;
}
