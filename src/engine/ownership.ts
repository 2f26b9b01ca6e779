import type { OutputSheet } from './output';

/**
 * The previous version marked each sheet it wrote with a workbook name (MTFS_Owned_...) pointing
 * at the sheet. Anyone can type such a name, so it no longer makes a sheet the add-in's on its own
 * (see store.ts for how sheets are marked now, and `isLegacyOwnedSheet` for old workbooks).
 */
export const OWNER_NAME_PREFIX = 'MTFS_Owned_';

/**
 * What the previous version wrote at the top of each of its sheets (the first two rows' first
 * cells), so that an old workbook's marker counts only on a sheet that still holds the add-in's
 * own content, never on a user's sheet that happens to carry the name.
 */
const LEGACY_TITLES: Record<string, RegExp> = {
  'mtfs summary': /^MTFS .+ BUDGET SUMMARY$/,
  'mtfs findings': /^MTFS FINDINGS(: .+)?$/,
  'proposal scores': /^PROPOSAL SCORES \(.+\)$/,
  'changes since previous mtfs': /^CHANGES SINCE THE PREVIOUS MTFS(: .+)?$/,
  'council summary': /^COUNCIL-WIDE MTFS SUMMARY$/,
};

/**
 * An old workbook's sheet is the add-in's only when all three hold: the workbook carries the
 * previous version's name for it (MTFS_Owned_<sheet>, pointing at its A1), it is one of the sheets
 * the add-in writes, and its A1 or A2 holds the title the add-in writes there. It counts alongside the
 * add-in's record (store.ts): an old workbook gains a record when a correction or a mark is first saved, before
 * its old sheets are written again (which replaces their names with the record's tokens).
 */
export function isLegacyOwnedSheet(
  sheet: string,
  markerNames: readonly string[],
  topTexts: readonly string[],
): boolean {
  const title = LEGACY_TITLES[sheetKey(sheet)];
  if (!title || !markerNames.includes(ownerName(sheet))) return false;
  return topTexts.some((t) => title.test(t.trim()));
}

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
