/**
 * The add-in's own record inside a workbook, never in a user's cell: which sheets it wrote and,
 * as the features that need them arrive, the user's corrections to how tables were read, saved
 * scenarios and signed-off findings. Both hosts keep it the same way, so a workbook written by
 * one is understood by the other:
 *
 * - the record is one custom XML part (Office's customXml parts, ECMA-376 Part 1 §22.5) whose
 *   root element is `<mtfs xmlns="urn:mtfs-addin:workbook:1">` holding the record as JSON text;
 * - each sheet the add-in wrote carries a hidden sheet-scoped name `MTFS_Owner` whose value is a
 *   random token, and the record lists the sheet's name with the same token.
 *
 * A sheet is the add-in's only when both agree: a user cannot make one by typing a name, a copy
 * of the add-in's sheet has another name, and a user's new sheet of the same name has no token.
 */

import { parseCorrections, type ReadingCorrection } from './reader/corrections';

export const STORE_NAMESPACE = 'urn:mtfs-addin:workbook:1';
export const STORE_ROOT = 'mtfs';
/** The hidden sheet-scoped name on each sheet the add-in wrote; its value is the sheet's token. */
export const OWNER_MARK_NAME = 'MTFS_Owner';

export interface OwnedSheet {
  name: string;
  token: string;
  /** When the add-in wrote it, ISO 8601. */
  writtenAt: string;
}

export interface AddinStore {
  version: 1;
  ownedSheets: OwnedSheet[];
  /** Later features keep their own entries here (reading corrections, scenarios, sign-offs), each under its own key. */
  [feature: string]: unknown;
}

/** Where the record keeps the user's corrections to how tables were read (reader/corrections.ts). */
export const READING_CORRECTIONS = 'readingCorrections';

/** The corrections kept in the record, and each entry that could not be read, in words. */
export function correctionsOf(store: AddinStore | null): { corrections: ReadingCorrection[]; problems: string[] } {
  const kept = store?.[READING_CORRECTIONS];
  return kept === undefined ? { corrections: [], problems: [] } : parseCorrections(kept);
}

/**
 * The record keeping these corrections (and everything else it held). Kept entries that cannot be read (a later
 * version's, or damaged) stay as they were, ahead of the readable ones: they are the user's, not the add-in's to
 * drop, and `correctionsOf` goes on saying why each is not applied.
 */
export function storeWithCorrections(store: AddinStore | null, corrections: readonly ReadingCorrection[]): AddinStore {
  const kept = store?.[READING_CORRECTIONS];
  const unreadable = Array.isArray(kept)
    ? (kept as unknown[]).filter((entry) => parseCorrections([entry]).problems.length > 0)
    : [];
  return { ...(store ?? emptyStore()), [READING_CORRECTIONS]: [...unreadable, ...corrections] };
}

export function emptyStore(): AddinStore {
  return { version: 1, ownedSheets: [] };
}

/** A sheet as a host sees it: its name and the token of its MTFS_Owner name, if it has one. */
export interface SheetMark {
  name: string;
  ownerToken?: string;
}

/** Excel compares sheet names without regard to case. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether a sheet is one the add-in wrote: the record lists it by name, and the sheet carries the same token. */
export function isOwnedSheet(store: AddinStore | null, sheet: SheetMark): boolean {
  if (!store || !sheet.ownerToken) return false;
  return store.ownedSheets.some((o) => o.token === sheet.ownerToken && sameName(o.name, sheet.name));
}

/** A new random token for a sheet about to be written. */
export function newOwnerToken(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The record after writing: replaced and newly written sheets listed with their tokens, sheets no longer there dropped. */
export function recordWritten(
  store: AddinStore | null,
  written: { name: string; token: string }[],
  sheetsNow: readonly string[],
  writtenAt: string,
): AddinStore {
  const base = store ?? emptyStore();
  const kept = base.ownedSheets.filter(
    (o) => sheetsNow.some((n) => sameName(n, o.name)) && !written.some((w) => sameName(w.name, o.name)),
  );
  return { ...base, ownedSheets: [...kept, ...written.map((w) => ({ ...w, writtenAt }))] };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** The record as the XML of its custom XML part. */
export function storeToXml(store: AddinStore): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${STORE_ROOT} xmlns="${STORE_NAMESPACE}">${escapeXml(JSON.stringify(store))}</${STORE_ROOT}>`;
}

/** Whether a custom XML part's text is the add-in's record (by its root element's namespace). */
export function isStoreXml(xml: string): boolean {
  return new RegExp(`<${STORE_ROOT}\\s[^>]*xmlns="${STORE_NAMESPACE.replace(/[.:]/g, '\\$&')}"`).test(xml);
}

/** Reads the record from its part's XML; a damaged record is said in words, never guessed at. */
export function storeFromXml(xml: string): { store: AddinStore } | { problem: string } {
  const m = new RegExp(`<${STORE_ROOT}\\b[^>]*>([\\s\\S]*)</${STORE_ROOT}>`).exec(xml);
  if (!m || !isStoreXml(xml)) return { problem: "the add-in's record in this workbook is not in the expected form" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(unescapeXml(m[1] ?? ''));
  } catch {
    return { problem: "the add-in's record in this workbook is damaged (not readable JSON)" };
  }
  if (!isStore(parsed)) return { problem: "the add-in's record in this workbook is from another version or damaged" };
  return { store: parsed };
}

function isStore(x: unknown): x is AddinStore {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as { version?: unknown; ownedSheets?: unknown };
  return (
    o.version === 1 &&
    Array.isArray(o.ownedSheets) &&
    o.ownedSheets.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as OwnedSheet).name === 'string' &&
        typeof (s as OwnedSheet).token === 'string' &&
        typeof (s as OwnedSheet).writtenAt === 'string',
    )
  );
}
