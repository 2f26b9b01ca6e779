import type { AddinStore } from '../store';

/**
 * A feature's list in the add-in's record (store.ts): read item by item, so one damaged item is said in words and
 * left out while the others are used, and written back keeping everything it did not change (the record's other
 * keys, and damaged items it could not read: they are the user's, not the add-in's to drop).
 */

/** What is wrong with an item, in words ("its name is missing"), or null when it is sound. */
export type ItemCheck<T> = (raw: unknown) => { item: T } | { problem: string };

export interface ReadList<T> {
  items: T[];
  /** Each damaged item (or the whole list), in words. */
  problems: string[];
}

/** Reads the list kept under `key`: a missing key is an empty list; a key that is not a list is said as damaged. */
export function readList<T>(store: AddinStore | null, key: string, what: string, check: ItemCheck<T>): ReadList<T> {
  const raw = store?.[key];
  if (raw === undefined) return { items: [], problems: [] };
  if (!Array.isArray(raw))
    return {
      items: [],
      problems: [`the ${what}s in this workbook's record are damaged (not a list) and are left out`],
    };
  const items: T[] = [];
  const problems: string[] = [];
  raw.forEach((entry: unknown, i) => {
    const read = check(entry);
    if ('item' in read) items.push(read.item);
    else problems.push(`${what} ${i + 1} in this workbook's record is damaged (${read.problem}) and is left out`);
  });
  return { items, problems };
}

/**
 * The record with the list under `key` changed: items `replaces` picks out are taken away and `added` put at the end;
 * every other item (damaged ones too) and every other key stay as they were. A key that was not a list starts anew.
 */
export function withList(
  store: AddinStore | null,
  key: string,
  replaces: (raw: unknown) => boolean,
  added: unknown[],
): AddinStore {
  const base: AddinStore = store ?? { version: 1, ownedSheets: [] };
  const raw = base[key];
  const kept: unknown[] = Array.isArray(raw) ? (raw as unknown[]).filter((entry) => !replaces(entry)) : [];
  return { ...base, [key]: [...kept, ...added] };
}

/** A plain object (not a list, not null), to look into. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isText(x: unknown, max = 10_000): x is string {
  return typeof x === 'string' && x.length <= max;
}

/** An ISO 8601 date and time the add-in wrote. */
export function isDateText(x: unknown): x is string {
  return isText(x, 40) && /^\d{4}-\d{2}-\d{2}T/.test(x) && !Number.isNaN(Date.parse(x));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Mar 2025": the day a mark or a scenario was saved, as the pane, the sheets and the command line show it. */
export function dayWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getDate()} ${MONTHS[d.getMonth()] ?? ''} ${d.getFullYear()}`;
}

/** Names compared as a user reads them: case and spacing aside. */
export function sameWords(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
}
