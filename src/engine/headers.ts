import { itemAt } from './collections';
import { unitIn } from './vocabulary';
/** Recognising header cells: what a column holds, from its heading text alone. */
export type HeaderCell =
  | { role: 'money'; key: string; label: string; year?: string; scale?: number }
  | { role: 'ref' }
  | { role: 'classification' }
  | { role: 'completion' }
  | { role: 'summary-line' };

const YEAR = /^((?:19|20)\d\d)\s*[/\-\u2013]\s*(\d{2}|(?:19|20)\d\d)$/;

export function normaliseYear(first: string, second: string): string {
  return `${first}/${second.slice(-2)}`;
}

/** The year in a match of YEAR or the budget heading: both patterns' first two groups are not optional. */
function matchedYear(m: RegExpExecArray): string {
  return normaliseYear(itemAt(m, 1), itemAt(m, 2));
}

const NAMED: [RegExp, string][] = [
  [/^employees?( costs?)?$/, 'employees'],
  [/^running (expenses|costs)$/, 'running'],
  [/^external income$/, 'external-income'],
  [/^internal income$/, 'internal-income'],
  [/^net (total|budget|expenditure)$/, 'net'],
  [/^gross cost( of (the )?project)?$/, 'gross'],
  [/^(programme )?total$/, 'total'],
];

/** Something every header cell has: a unit, a year's digits, a slash or one of the words below. Other text is passed over at once. */
const HEADER_HINT = /[£\d/]|employee|running|income|net|gross|total|ref|classification|completion|summary/i;

export function classifyHeader(raw: string): HeaderCell | null {
  if (!HEADER_HINT.test(raw)) return null;
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const { rest, scale } = unitIn(text);
  const lower = rest.toLowerCase().replace(/[.:]$/, '').trim();
  let m = YEAR.exec(lower);
  if (m) {
    const year = matchedYear(m);
    return { role: 'money', key: `year:${year}`, label: year, year, scale };
  }
  m = /^(?:original |base )?budget ((?:19|20)\d\d)\s*[/-]\s*(\d{2,4})$/.exec(lower);
  if (m) {
    const year = matchedYear(m);
    return { role: 'money', key: 'prior', label: `Budget ${year}`, year, scale };
  }
  for (const [re, key] of NAMED) {
    if (re.test(lower)) return { role: 'money', key, label: rest, scale };
  }
  if (lower === '' && scale !== undefined) return { role: 'money', key: 'amount', label: text, scale };
  if (/\bref\b|^ref\.?$|reference/.test(lower)) return { role: 'ref' };
  if (/^(eff|sr|income)(\s*\/\s*(eff|sr|income))+$/.test(lower)) return { role: 'classification' };
  if (/^classification$/.test(lower)) return { role: 'classification' };
  if (/completion/.test(lower)) return { role: 'completion' };
  if (/^summary line$/.test(lower)) return { role: 'summary-line' };
  return null;
}
