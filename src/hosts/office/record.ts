/// <reference types="office-js" />
import { OWNER_NAME_PREFIX, sheetKey } from '../../engine/ownership';
import { isOwnedSheet, OWNER_MARK_NAME, STORE_NAMESPACE, storeFromXml, type AddinStore } from '../../engine/store';
import { legacyTitle, referencedSheet, tokenFrom } from './names';
import { READ_BYTES, type SyncRecord } from './sync';

/**
 * The add-in's record and marks as Excel holds them (see engine/store.ts): the custom XML part
 * in the add-in's namespace (ExcelApi 1.5) and each sheet's hidden sheet-scoped MTFS_Owner name
 * (ExcelApi 1.4; its formula, ExcelApi 1.7). Read in two syncs: the sheets, the workbook's names
 * and the parts' ids; then each sheet's names, the parts' XML and A1 of sheets with an old-style
 * mark.
 */
export interface WorkbookMarks {
  sheets: { name: string; token?: string; worksheet: Excel.Worksheet }[];
  store: AddinStore | null;
  /** The record's part(s), to replace; more than one only if something copied it. */
  parts: Excel.CustomXmlPart[];
  /** Old-style workbook names (MTFS_Owned_…), by the sheet they point at. */
  legacyNames: Map<string, Excel.NamedItem[]>;
  /** Sheets an old-style name marks and whose A1 holds the add-in's title. */
  legacyOwned: Set<string>;
  /** Whether the workbook's structure is protected, when asked. */
  structureProtected?: boolean;
}

type Sync = (stage: string, estimatedBytes: number) => Promise<SyncRecord>;

export async function readMarks(
  context: Excel.RequestContext,
  sync: Sync,
  options: { protection?: boolean } = {},
): Promise<WorkbookMarks> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name');
  wb.names.load('items/name,items/formula');
  const parts = wb.customXmlParts.getByNamespace(STORE_NAMESPACE);
  parts.load('items/id');
  if (options.protection) wb.protection.load('protected');
  await sync('List sheets and the add-in’s record', READ_BYTES.perSheet);

  const legacyNames = new Map<string, Excel.NamedItem[]>();
  for (const n of wb.names.items) {
    if (!n.name.startsWith(OWNER_NAME_PREFIX)) continue;
    const target = referencedSheet(typeof n.formula === 'string' ? n.formula : '');
    const key = target === null ? '#REF!' : sheetKey(target);
    legacyNames.set(key, [...(legacyNames.get(key) ?? []), n]);
  }
  const items = sheets.items;
  for (const ws of items) ws.names.load('items/name,items/formula');
  const xml = parts.items.map((p) => p.getXml());
  const titles = new Map<string, Excel.Range>();
  for (const ws of items) {
    if (!legacyNames.has(sheetKey(ws.name))) continue;
    const a1 = ws.getRange('A1');
    a1.load('values');
    titles.set(sheetKey(ws.name), a1);
  }
  await sync('Read the add-in’s marks', READ_BYTES.perSheet * (items.length + 1));

  let store: AddinStore | null = null;
  for (const text of xml) {
    const parsed = storeFromXml(text.value);
    if ('store' in parsed) {
      store = parsed.store;
      break;
    }
  }
  const legacyOwned = new Set<string>();
  for (const [key, range] of titles) if (legacyTitle(range.values[0]?.[0])) legacyOwned.add(key);
  return {
    sheets: items.map((ws) => ({
      name: ws.name,
      token: tokenFrom(ws.names.items.find((n) => n.name === OWNER_MARK_NAME)?.formula),
      worksheet: ws,
    })),
    store,
    // Loaded and synced above, through the `sync` wrapper this rule cannot see through.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    parts: parts.items,
    legacyNames,
    legacyOwned,
    ...(options.protection ? { structureProtected: wb.protection.protected } : {}),
  };
}

/** Whether the add-in wrote this sheet: by its token and the record, or by an old-style mark its A1 bears out. */
export function ownedIn(marks: WorkbookMarks, sheet: { name: string; token?: string }): boolean {
  return (
    isOwnedSheet(marks.store, { name: sheet.name, ownerToken: sheet.token }) ||
    marks.legacyOwned.has(sheetKey(sheet.name))
  );
}
