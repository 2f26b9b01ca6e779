import { sheetKey, type WritePlan } from '../../engine/ownership';
import { listWords } from './words';

/** What the pane can write: the report, the report of a what-if scenario, the Changes sheet of a comparison. */
/** Inside Excel, or a file opened in the browser. */
export type HostKind = 'excel' | 'browser';

export type WriteTarget = 'report' | 'scenario' | 'changes' | 'scenarios';

export const WRITE_WORDS: Record<WriteTarget, { button: string; stage: string; fail: string; thing: string }> = {
  report: {
    button: 'Write report',
    stage: 'Writing the report',
    fail: 'Could not write the report',
    thing: 'the report',
  },
  scenario: {
    button: 'Write scenario as report',
    stage: 'Writing the scenario as a report',
    fail: 'Could not write the scenario report',
    thing: 'the scenario report',
  },
  scenarios: {
    button: 'Write the Scenarios sheet',
    stage: 'Writing the Scenarios sheet',
    fail: 'Could not write the Scenarios sheet',
    thing: 'the Scenarios sheet',
  },
  changes: {
    button: 'Write the Changes sheet',
    stage: 'Writing the Changes sheet',
    fail: 'Could not write the Changes sheet',
    thing: 'the Changes sheet',
  },
};

/** A write plan (the engine's planWrite / previewWrite) in the words the pane shows before anything is written. */
export interface PlanWords {
  /** New sheets the add-in adds (and may replace next time). */
  adds: string[];
  /** The add-in's own sheets, written earlier, that will be replaced: the user confirms first. */
  replaces: string[];
  /** Sheets created for the user to keep (the Scoring Model): never replaced afterwards. */
  creates: string[];
  /** Sheets of the user's left as they are (a Scoring Model they already have). */
  kept: string[];
  /** Why nothing will be written, when a sheet of the user's has the same name as one of the add-in's. */
  refused: string[];
  /** The above as sentences, in order. */
  lines: string[];
}

const quoted = (names: string[]) => listWords(names.map((n) => `“${n}”`));

export function planWords(plan: WritePlan): PlanWords {
  const replaceSet = new Set(plan.replace.map(sheetKey));
  const owned = plan.write.filter((w) => w.owned).map((w) => w.sheet.name);
  const adds = owned.filter((n) => !replaceSet.has(sheetKey(n)));
  const replaces = plan.replace;
  const creates = plan.write.filter((w) => !w.owned).map((w) => w.sheet.name);
  const lines: string[] = [];
  if (plan.refused.length === 0) {
    if (adds.length) lines.push(`Adds ${adds.length === 1 ? 'the sheet' : 'the sheets'} ${quoted(adds)}.`);
    if (replaces.length)
      lines.push(`Replaces the add-in's own ${quoted(replaces)}, written earlier: you will be asked first.`);
    if (creates.length)
      lines.push(
        `Creates ${quoted(creates)} with the default weights and thresholds: yours to change; the add-in never replaces it.`,
      );
    if (plan.kept.length)
      lines.push(`Leaves your ${quoted(plan.kept)} as ${plan.kept.length === 1 ? 'it is' : 'they are'}.`);
    lines.push('Your other sheets are not changed.');
  }
  return { adds, replaces, creates, kept: plan.kept, refused: plan.refused, lines };
}

/** After a write: which sheets were written, in a sentence or two. */
export function writtenWords(plan: WritePlan, host: HostKind): { sheets: string[]; message: string } {
  const words = planWords(plan);
  const sheets = plan.write.map((w) => w.sheet.name);
  const owned = plan.write.filter((w) => w.owned).map((w) => w.sheet.name);
  const parts = [
    `Wrote ${quoted(owned)}${words.replaces.length ? ` (replacing the add-in's earlier ${words.replaces.length === 1 ? 'one' : 'ones'})` : ''}`,
  ];
  if (words.creates.length) parts.push(`created ${quoted(words.creates)}`);
  const saving = host === 'browser' ? ' Download the workbook to save a copy with them.' : '';
  return { sheets, message: `${parts.join(' and ')}. Your own sheets are unchanged.${saving}` };
}
