import { RULES, type Finding } from '../findings';
import type { AddinStore } from '../store';
import { plural } from '../words';
import { dayWords, isDateText, isRecord, isText, readList, withList, type ItemCheck, type ReadList } from './entries';

/**
 * Findings signed off: a finding marked Explained (with a note: "£1 rounding, as published") or To fix, kept in the
 * add-in's record under `signOffs` with the note and the date. A mark belongs to one finding: the same rule on the
 * same cell. It holds while the finding is the same (the same figures); when the figures have changed, the mark is
 * shown as out of date, never carried to what is in effect a new finding.
 */

export const SIGN_OFFS_KEY = 'signOffs';
/** A note is a short explanation for the papers, not a report. */
export const NOTE_MAX = 500;

export type MarkStatus = 'explained' | 'to-fix';

export interface SignOff {
  rule: string;
  sheet: string;
  cell: string;
  /** The finding's figures and words when it was marked: the mark holds while they are the same. */
  expected: string | null;
  actual: string | null;
  message: string;
  status: MarkStatus;
  note: string;
  /** When it was marked, ISO 8601. */
  markedAt: string;
}

/** A finding's mark as the check sees it now. */
export interface FindingMark {
  status: MarkStatus;
  note: string;
  markedAt: string;
  /** False when the finding's figures changed since it was marked: shown as out of date, not carried. */
  current: boolean;
  /** What the finding said when it was marked (when out of date, what has changed). */
  was: string;
}

/** A finding with its mark, if it has one. */
export type MarkedFinding = Finding & { mark?: FindingMark };

const nullableText = (x: unknown) => x === null || isText(x, 100);

export const checkSignOff: ItemCheck<SignOff> = (raw) => {
  if (!isRecord(raw)) return { problem: 'it is not in the expected form' };
  const { rule, sheet, cell, expected, actual, message, status, note, markedAt } = raw;
  if (!isText(sheet, 300) || !sheet || !isText(cell, 20) || !/^[A-Z]{1,3}\d+$/.test(cell))
    return { problem: 'it does not say which cell it is for' };
  const at = (problem: string) => ({ problem: `the mark on ${sheet}!${cell}: ${problem}` });
  if (!isText(rule, 100) || !rule) return at('it does not say which finding it is for');
  if (status !== 'explained' && status !== 'to-fix') return at('it is neither Explained nor To fix');
  if (!isText(note, NOTE_MAX * 4)) return at('its note is not text');
  if (!nullableText(expected) || !nullableText(actual) || !isText(message))
    return at('the figures it was made on are missing');
  if (!isDateText(markedAt)) return at('the date it was made is missing');
  return { item: { rule, sheet, cell, expected, actual, message, status, note, markedAt } };
};

/** The marks in the record, each damaged one said in words. */
export function signOffs(store: AddinStore | null): ReadList<SignOff> {
  return readList(store, SIGN_OFFS_KEY, 'finding mark', checkSignOff);
}

/** Sheet names as Excel compares them: without regard to case. */
function key(f: { rule: string; sheet: string; cell: string }): string {
  return `${f.rule}\n${f.sheet.toLowerCase()}\n${f.cell}`;
}

/** The figures a finding's words give, in order ("74,500 … 74,499.395 … 0.605"), for the rules that keep none apart. */
function figuresIn(message: string): string {
  return (message.match(/-?\d[\d,]*(\.\d+)?/g) ?? []).join(' ');
}

/** Whether a finding is still the one marked: the same figures (those it keeps apart, and those in its words). */
export function sameFigures(mark: Pick<SignOff, 'expected' | 'actual' | 'message'>, f: Finding): boolean {
  return mark.expected === f.expected && mark.actual === f.actual && figuresIn(mark.message) === figuresIn(f.message);
}

/** Each finding with its mark: current while its figures are the same, out of date once they changed. */
export function markFindings<F extends Finding>(
  findings: readonly F[],
  marks: readonly SignOff[],
): (F & MarkedFinding)[] {
  if (!marks.length) return [...findings];
  const byKey = new Map(marks.map((m) => [key(m), m]));
  return findings.map((f) => {
    const m = byKey.get(key(f));
    if (!m) return f;
    const mark: FindingMark = {
      status: m.status,
      note: m.note,
      markedAt: m.markedAt,
      current: sameFigures(m, f),
      was: m.message,
    };
    return { ...f, mark };
  });
}

/** Whether a finding still wants an answer: anything but a current Explained mark. */
export function isOpen(f: MarkedFinding): boolean {
  return !(f.mark?.current && f.mark.status === 'explained');
}

export interface MarkCounts {
  explained: number;
  toFix: number;
  outOfDate: number;
}

export function markCounts(findings: readonly MarkedFinding[]): MarkCounts {
  const counts: MarkCounts = { explained: 0, toFix: 0, outOfDate: 0 };
  for (const f of findings) {
    if (!f.mark) continue;
    if (!f.mark.current) counts.outOfDate++;
    else if (f.mark.status === 'explained') counts.explained++;
    else counts.toFix++;
  }
  return counts;
}

/** "9 explained, 1 to fix, 1 out of date", or '' when nothing is marked. */
export function markCountWords(counts: MarkCounts): string {
  const parts: string[] = [];
  if (counts.explained) parts.push(`${counts.explained} explained`);
  if (counts.toFix) parts.push(`${counts.toFix} to fix`);
  if (counts.outOfDate) parts.push(`${plural(counts.outOfDate, 'mark')} out of date`);
  return parts.join(', ');
}

export const STATUS_WORDS: Record<MarkStatus, string> = { explained: 'Explained', 'to-fix': 'To fix' };

/** A mark's status in words: "Explained 12 Mar 2025", "To fix 12 Mar 2025", "Out of date (explained 12 Mar 2025)". */
export function markStatusWords(mark: FindingMark | undefined): string {
  if (!mark) return 'Open';
  const day = dayWords(mark.markedAt);
  if (!mark.current) return `Out of date (${STATUS_WORDS[mark.status].toLowerCase()} ${day})`;
  return `${STATUS_WORDS[mark.status]} ${day}`;
}

/** Why a mark is out of date, in a sentence the pane and the command line share. */
export function outOfDateWords(mark: FindingMark): string {
  return `Marked ${STATUS_WORDS[mark.status].toLowerCase()} on ${dayWords(mark.markedAt)} when it said: ${mark.was}. Its figures have changed since, so the mark is not carried: mark it again.`;
}

/** What is wrong with a mark the user is making, in words, or null. */
export function markProblem(status: MarkStatus, note: string): string | null {
  const n = note.trim();
  if (status === 'explained' && !n)
    return 'Say why it is explained, in a short note (for example “£1 rounding, as published”).';
  if (n.length > NOTE_MAX) return `A note has at most ${NOTE_MAX} characters.`;
  return null;
}

/** A mark on a finding, made now. */
export function signOffFor(f: Finding, status: MarkStatus, note: string, markedAt: string): SignOff {
  return {
    rule: f.rule,
    sheet: f.sheet,
    cell: f.cell,
    expected: f.expected,
    actual: f.actual,
    message: f.message,
    status,
    note: note.trim(),
    markedAt,
  };
}

const sameFinding = (f: { rule: string; sheet: string; cell: string }) => (raw: unknown) =>
  isRecord(raw) &&
  isText(raw.rule) &&
  isText(raw.sheet) &&
  isText(raw.cell) &&
  key({ rule: raw.rule, sheet: raw.sheet, cell: raw.cell }) === key(f);

/** The record with this mark, replacing any earlier mark on the same finding; everything else kept. */
export function withSignOff(store: AddinStore | null, mark: SignOff): AddinStore {
  return withList(store, SIGN_OFFS_KEY, sameFinding(mark), [mark]);
}

/** The record without the mark on this finding; everything else kept. */
export function withoutSignOff(store: AddinStore | null, f: { rule: string; sheet: string; cell: string }): AddinStore {
  return withList(store, SIGN_OFFS_KEY, sameFinding(f), []);
}

/** The rule's title, for words about a mark ("Rounding difference"). */
export function ruleTitle(rule: string): string {
  return (RULES as Record<string, { title: string } | undefined>)[rule]?.title ?? rule;
}

/**
 * The finding a user means by a cell ("Revenue Budget!A25", sheet names without regard to case) and, when several
 * rules found something there, a rule: the finding, or why none or which, in words.
 */
export function chooseFinding<F extends Finding>(
  findings: readonly F[],
  where: string,
  rule?: string,
): { finding: F } | { problem: string } {
  const m = /^'?(.+?)'?!\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(where.trim());
  if (!m) return { problem: `“${where}” is not a cell: give the sheet and cell, such as Revenue Budget!A25` };
  const sheet = m[1] ?? '';
  const cell = `${(m[2] ?? '').toUpperCase()}${m[3] ?? ''}`;
  const at = findings.filter((f) => f.sheet.toLowerCase() === sheet.toLowerCase() && f.cell === cell);
  if (!at.length) return { problem: `the check finds nothing on ${sheet}!${cell}, so there is nothing to mark there` };
  const chosen = rule ? at.filter((f) => f.rule === rule) : at;
  if (chosen.length === 1 && chosen[0]) return { finding: chosen[0] };
  const rules = at.map((f) => f.rule).join(', ');
  return rule
    ? { problem: `the check finds no ${rule} on ${sheet}!${cell} (it finds ${rules})` }
    : { problem: `the check finds ${at.length} things on ${sheet}!${cell} (${rules}): say which with --rule` };
}
