import type { AddinStore } from '../store';
import { savedScenarios, type SavedScenario } from './scenarios';
import { signOffs, type SignOff } from './signoffs';

/**
 * What a budget-setting session keeps in the workbook, beside the add-in's record of its own sheets (store.ts):
 * saved scenarios (`scenarios`) and finding sign-offs (`signOffs`), each a list validated item by item. Reading never
 * throws: a damaged entry is said in words and left out. Writing changes one entry and keeps the rest of the record
 * (the sheets the add-in owns, other features' entries) as it was.
 */
export interface SessionRecord {
  scenarios: SavedScenario[];
  signOffs: SignOff[];
  /** Damaged entries, in words ("saved scenario 2 in this workbook's record is damaged (…) and is left out"). */
  problems: string[];
}

export const NO_SESSION: SessionRecord = { scenarios: [], signOffs: [], problems: [] };

export function readSession(store: AddinStore | null): SessionRecord {
  const scenarios = savedScenarios(store);
  const marks = signOffs(store);
  return { scenarios: scenarios.items, signOffs: marks.items, problems: [...scenarios.problems, ...marks.problems] };
}

export * from './scenarios';
export * from './signoffs';
export { dayWords } from './entries';
export * from './compare';
