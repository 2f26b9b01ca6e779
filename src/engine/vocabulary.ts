/**
 * The words of council budget tables, in one place: how names are compared, what a total row is
 * called, the savings classifications, units, and the lines of a budget summary and a net budget.
 * Every part of the reader and every rule asks here; nothing else holds a list of words.
 */

// ---- Names ---------------------------------------------------------------------------------

/** Joining words, which say nothing about what a description is. */
const JOINING_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/** Words that say nothing about which department or section a name means: joining words, and the words of titles and totals. */
const STOP_WORDS = new Set([
  ...JOINING_WORDS,
  'department',
  'directorate',
  'items',
  'total',
  'totals',
  'sub',
  'subtotal',
  'grand',
  'mtfs',
]);

/**
 * A name folded for comparing: lower case, apostrophes dropped ("CHIEF EXECUTIVE'S" and "CHIEF
 * EXECUTIVES" fold alike), "&" read as "and", "Dept" as "department".
 */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\bdept\b\.?/g, 'department');
}

/** Text as words: folded, split at anything but letters and digits, without joining words. */
export function plainWords(text: string): string[] {
  return foldName(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !JOINING_WORDS.has(w));
}

/** Words papers use for one thing: "TOTAL ESTIMATED COSTS" closes "ESTIMATED EXPENDITURE:". */
const SAME_WORD: Readonly<Record<string, string>> = {
  cost: 'expenditure',
  costs: 'expenditure',
  spending: 'expenditure',
};

/** The words that identify a name: folded, without stop words or bare numbers, words for one thing read as one. */
export function nameWords(text: string): string[] {
  return plainWords(text)
    .filter((w) => !STOP_WORDS.has(w) && !/^\d+$/.test(w))
    .map((w) => SAME_WORD[w] ?? w);
}

/** "Corporate Resources", "CORPORATE RESOURCES DEPARTMENT" and "corporate resources" share one key. */
export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

/** True when two names plainly mean the same thing ("Total Corporate Resources" and "CORPORATE RESOURCES DEPARTMENT"). */
export function namesAgree(a: string, b: string): boolean {
  return wordsAgree(new Set(nameWords(a)), new Set(nameWords(b)));
}

export function wordsAgree(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  if (x.size === 0 || y.size === 0) return false;
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared === x.size || shared === y.size || shared / new Set([...x, ...y]).size >= 0.5;
}

/** True when every word of `name` appears in `text`: "CORPORATE RESOURCES ITEMS" names Corporate Resources. */
export function namesInclude(text: string, name: string): boolean {
  const have = new Set(nameWords(text));
  const want = nameWords(name);
  return want.length > 0 && want.every((w) => have.has(w));
}

// ---- Total rows ----------------------------------------------------------------------------

/** A label that makes its row a total: "Total", "Sub Total Transformation", "TOTAL CORPORATE RESOURCES", "… Totals:". */
export const TOTAL_LABEL = /^(grand\s+)?(sub[\s-]?total|total)s?\b|\btotals?:?$/i;

export type TotalLabelClass = 'sub' | 'bare' | 'named' | 'none';

/** How a total's label ranks it: a sub total, a bare "Total", a total that names what it closes, or no label. */
export function totalLabelClass(label: string): TotalLabelClass {
  const t = label.trim();
  if (!t) return 'none';
  if (/^sub[\s-]?totals?\b/i.test(t)) return 'sub';
  if (/^(grand\s+)?totals?:?$/i.test(t)) return 'bare';
  return 'named';
}

/** What a total label names once the words "total" and "sub total" are taken away. */
export function totalLabelSubject(label: string): string {
  return label
    .replace(/^(grand\s+)?(sub[\s-]?total|total)s?\b:?/i, '')
    .replace(/\btotals?:?$/i, '')
    .trim();
}

/**
 * Words that say what a total measures, not whose it is: "NET SERVICE EXPENDITURE", "TOTAL NET REVENUE BUDGET"
 * and "Net Budget Requirement" are the same kind of line in any department's table.
 */
const MEASURE_WORDS = new Set(
  (
    'net gross service services revenue capital expenditure expenses spending spend income budget budgets ' +
    'requirement cost costs funding financing council tax precepts precept levies levy charges ' +
    'estimate estimates proposed original revised approved base cash limit'
  ).split(' '),
);

/** True when a total's label names only a measure ("NET REVENUE EXPENDITURE"), so it cannot name the wrong section. */
export function namesOnlyAMeasure(label: string): boolean {
  const words = nameWords(label);
  return words.length > 0 && words.every((w) => MEASURE_WORDS.has(w));
}

/**
 * A heading of amounts per unit: Band D (per Band D property; "Band D equivalents" is a count), per
 * head, per pupil, an average, a rate (not "rates", the tax), a unit cost. Such a column's total may
 * be an average of its lines.
 */
export const PER_UNIT_HEADING =
  /\bband\s*d\b(?!\s*equiv)|\bper\s+(head|capita|pupil|property|dwelling|household|resident|place|week|hour)\b|\baverage\b|\brate\b|\bunit\s+(cost|price|rate|value)\b/i;

/**
 * A line measured in another unit than the money around it: the tax on a Band D property, the tax base or
 * Band D equivalents (a count of properties), an amount per head, a number of, FTEs. A list of
 * where the money comes from may print them among its lines ("Council Tax Band D £152.87", "Council Tax Base
 * 56,675"); no total of money adds them.
 */
export const OTHER_UNIT_LINE =
  /\bband\s*d\b|\btax\s*base\b|\bper\s+(head|capita|pupil|property|dwelling|household|resident)\b|\bnumber\s+of\b|\bFTEs?\b/i;

/** A line naming a balance at the start of a year: "Balance at 1 April", "Opening balance", "brought forward". */
export const OPENING_BALANCE = /\b(opening balance|balance (as )?at 1(st)? april|brought forward|b\s*\/\s*f)\b/i;

/** A line naming a balance at the end of a year: "Closing Balance at 31 March 2022", "carried forward". */
export const CLOSING_BALANCE = /\b(closing balance|balance (as )?at 31(st)? march|carried forward|c\s*\/\s*f)\b/i;

/** A heading of a balance at a point in time: opening, closing, brought or carried forward, "balance at". */
export const BALANCE_HEADING =
  /\b(opening|closing|balance|brought\s+forward|carried\s+forward|b\s*\/\s*f|c\s*\/\s*f)\b/i;

/** A line that breaks down the one above it, or notes a figure beside the table: "of which: Pupil Premium", "including Better Care Fund", "Memo: FTE". */
export const MEMO_LINE = /^[(\s]*(of which|within which|includ(es|ing)\b|memo(randum)?\b)/i;

// ---- Savings classifications ---------------------------------------------------------------

/** The classifications of a saving, as the house format writes them. */
export const CLASSIFICATIONS = ['Eff', 'SR', 'Income'] as const;
export const CLASS_TOKEN = /^(eff|sr|income)$/i;

/** CLASS_TOKENs joined by slashes, spaces allowed around each. */
const CLASSIFICATION = /^\s*(?:eff|sr|income)\s*(?:\/\s*(?:eff|sr|income)\s*)*$/i;

/**
 * Eff, SR, Income or a combination such as Eff/SR. One test, which fails at the first letter of
 * most texts: the reader asks it of every description in a table (thousands of different ones).
 */
export function isClassification(text: string): boolean {
  return CLASSIFICATION.test(text);
}

// ---- Units ---------------------------------------------------------------------------------

/**
 * A pound unit as headings write it, the one grammar every reading of units shares: "£", "£000", "£'000s", "£’000",
 * "£k", "£m", "£M", "£ million", "£ thousands", "£bn", "£ (000)" (thousands in brackets). Its first group is the
 * scale's word.
 */
const POUND_UNIT = String.raw`£\s*(?:\(\s*(?=['’]?000\s*\)))?['’]?\s*(000|k|m|thousand|million|billion|bn)?(?:['’]?s)?(?![a-z0-9])`;

/** Pounds per figure for a pound unit's scale word ("000" → 1000, "m" → 1,000,000; none → 1). */
function poundScale(word: string | undefined): number {
  const w = (word ?? '').toLowerCase();
  if (w === 'm' || w === 'million') return 1_000_000;
  if (w === 'bn' || w === 'billion') return 1e9;
  return w === '000' || w === 'k' || w === 'thousand' ? 1000 : 1;
}

/** "£000", "(£000)", "£k", "£'000", "£m", "£ thousands": a unit on its own, not a figure. */
export const UNIT_ONLY = new RegExp(String.raw`^\(?${POUND_UNIT}\)?$`, 'i');

const UNIT_IN_HEADING = new RegExp(String.raw`\(?\s*${POUND_UNIT}\s*\)?`, 'i');
const UNITS_IN_HEADING = new RegExp(UNIT_IN_HEADING.source, 'gi');

/** A heading with every pound unit in it taken out ("Net cost (£000)" → "Net cost  "). */
export function withoutPoundUnits(text: string): string {
  return text.replace(UNITS_IN_HEADING, ' ');
}

/** A unit written in a heading ("2015/16 £000", "(£m)", "Gross Cost £ thousands"): the heading without it, and pounds per figure. */
export function unitIn(text: string): { rest: string; scale?: number } {
  const m = UNIT_IN_HEADING.exec(text);
  if (!m) return { rest: text };
  const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
  return { rest, scale: poundScale(m[1]) };
}

/** Pounds per figure for a unit-only cell ("£000" → 1000). */
export function unitScale(text: string): number {
  return unitIn(text).scale ?? 1;
}

/** What a heading says of the figures under it: pounds per figure, or that they are percentages. */
export interface UnitWords {
  /** Pounds per figure: 1 for £, 1000 for £000, 1,000,000 for £m. */
  scale?: number;
  percent?: boolean;
}

/**
 * A unit written out in words, as accessible web pages write it (GOV.UK style: no "£000" in a heading): "in thousands of
 * pounds", "millions of pounds". Pounds per figure by the word.
 */
export const UNIT_IN_WORDS = /\b(thousands|millions|billions) of pounds\b/i;

/**
 * The unit in a heading, however a council writes it: "£000", "(£000's)", "£'000s", "£’000",
 * "£k", "£m", "£M", "£ million", "£ thousands", "£’m", "(£)", "£ p", "%", "in thousands of pounds".
 */
const POUND_IN_TEXT = new RegExp(POUND_UNIT, 'i');

export function unitWords(text: string): UnitWords {
  if (/%|\bper ?cent\b/i.test(text)) return { percent: true };
  const words = UNIT_IN_WORDS.exec(text)?.[1]?.toLowerCase();
  if (words) return { scale: words === 'thousands' ? 1000 : words === 'millions' ? 1_000_000 : 1e9 };
  const m = POUND_IN_TEXT.exec(text) ?? /£/.exec(text);
  if (!m) return {};
  return { scale: poundScale(m[1]) };
}

// ---- Years -------------------------------------------------------------------------------

function financialYear(first: number, second: number): string | undefined {
  if ((first + 1) % 100 !== second % 100) return undefined;
  return `${first}/${String(second % 100).padStart(2, '0')}`;
}

/** The year a financial year ends, from how it is written after the first: "2019", "19", or its last digit alone ("2026/7"). */
function secondYear(first: number, written: string): number {
  if (written.length === 4) return Number(written);
  if (written.length === 2) return Math.floor(first / 100) * 100 + Number(written);
  return (first + 1) % 10 === Number(written) ? first + 1 : NaN;
}

/**
 * The financial year a heading names, as "2018/19": "2018/19", "2018-19", "2018 - 19", "2018/2019",
 * "2017 to 2018", "18/19", "2026/7"; a lone "2023" is returned as it is. Undefined when it names none.
 */
export function parseYear(text: string): string | undefined {
  let m = /\b((?:19|20)\d\d)\s*(?:\/|-|–|—|to)\s*((?:19|20)?\d\d|\d)\b/i.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = secondYear(first, m[2]!);
    const year = financialYear(first, second);
    if (year) return year;
  }
  // A year split over two heading rows: "2002" over "2003".
  m = /\b((?:19|20)\d\d)\s+((?:19|20)\d\d)\b/.exec(text);
  if (m) {
    const year = financialYear(Number(m[1]), Number(m[2]));
    if (year) return year;
  }
  m = /(?:^|[^\d/])(\d\d)\s*\/\s*(\d\d)(?![\d/])/.exec(text);
  if (m) {
    const first = Number(m[1]);
    const year = financialYear(first >= 90 ? 1900 + first : 2000 + first, Number(m[2]));
    if (year) return year;
  }
  m = /\b((?:19|20)\d\d)\b/.exec(text);
  return m ? m[1] : undefined;
}

// ---- Nil -----------------------------------------------------------------------------------

/** How a paper prints nothing in a figure's place: a dash, "nil", "n/a", "/". Read as blank, never as text. */
export function isNilText(text: string): boolean {
  return /^(?:[-‒–—−]+|nil|n\/?a|\/|none|—)$/i.test(text.trim());
}

/** A lone minus sign in a cell of its own: in a figure column it is nil; in a column of such signs beside one, a figure's sign. */
export const MINUS_MARK = /^[-‒–—−]$/;

// ---- Budget summary and net budget lines ---------------------------------------------------

export type SummaryRole = 'original' | 'other' | 'transfers' | 'subtotal' | 'growth' | 'savings' | 'proposed';

/** The lines of a department budget summary, in order, each as its label reads. */
export const SUMMARY_LINES: readonly (readonly [SummaryRole, RegExp])[] = [
  ['original', /updated original budget|^original budget/i],
  ['other', /^other changes/i],
  ['transfers', /transfers|adjustments/i],
  ['subtotal', /^sub[\s-]?total$/i],
  ['growth', /proposed growth|^add .*growth/i],
  ['savings', /proposed savings|^less .*savings/i],
  ['proposed', /proposed.*budget|provisional budget/i],
];

export type NetBudgetRole = 'employees' | 'running' | 'gross' | 'income' | 'net';

/** The lines of a net budget table. */
export const NET_BUDGET_LINES: readonly (readonly [NetBudgetRole, RegExp])[] = [
  ['employees', /^employees$/i],
  ['running', /^running (costs|expenses)$/i],
  ['gross', /^gross (costs?|expenditure)$/i],
  ['income', /^income$/i],
  ['net', /^net budget$/i],
];

/** The role of a label among some lines, or undefined. */
export function lineRole<R extends string>(label: string, lines: readonly (readonly [R, RegExp])[]): R | undefined {
  return lines.find(([, re]) => re.test(label))?.[0];
}

/** How many of the roles some labels name, each counted once. */
export function rolesNamed<R extends string>(
  labels: readonly string[],
  lines: readonly (readonly [R, RegExp])[],
): number {
  const seen = new Set<R>();
  for (const label of labels) {
    const role = lineRole(label, lines);
    if (role) seen.add(role);
  }
  return seen.size;
}
