/// <reference types="office-js" />
import { isLegacyOwnedSheet, OWNER_NAME_PREFIX, sheetKey } from '../../engine/ownership';
import { isOwnedSheet, OWNER_MARK_NAME, STORE_NAMESPACE, storeFromXml, type AddinStore } from '../../engine/store';
import { referencedSheet, tokenFrom } from './names';
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

/** Reads the marks in two syncs (listing sheets, readStore). */
export async function readMarks(
  context: Excel.RequestContext,
  sync: Sync,
  options: { protection?: boolean } = {},
): Promise<WorkbookMarks> {
  const started = await startMarks(context, sync, options);
  await sync('Read the add-in’s marks', READ_BYTES.perSheet * (started.sheets.length + 1));
  return started.details();
}

/** What the first sync says: the sheets, old-style marks, the record's parts, protection. */
export type FirstMarks = Omit<WorkbookMarks, 'store' | 'legacyOwned' | 'sheets'> & {
  sheets: { name: string; worksheet: Excel.Worksheet }[];
  /** The rest, once a later sync has run: each sheet's token, the record, old-style marks borne out. */
  details: () => WorkbookMarks;
};

/**
 * The first of the two syncs, and the second's loads queued: a write sends them with its first
 * batch of cells instead of a sync of their own.
 */
export async function startMarks(
  context: Excel.RequestContext,
  sync: Sync,
  options: { protection?: boolean } = {},
): Promise<FirstMarks> {
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
  const titles = new Map<string, { name: string; top: Excel.Range }>();
  for (const ws of items) {
    if (!legacyNames.has(sheetKey(ws.name))) continue;
    const top = ws.getRange('A1:A2');
    top.load('values');
    titles.set(sheetKey(ws.name), { name: ws.name, top });
  }
  const markerNames = wb.names.items.map((n) => n.name).filter((n) => n.startsWith(OWNER_NAME_PREFIX));
  const structureProtected = options.protection ? { structureProtected: wb.protection.protected } : {};
  const details = (): WorkbookMarks => ({
    ...first,
    sheets: items.map((ws) => ({
      name: ws.name,
      token: tokenFrom(ws.names.items.find((n) => n.name === OWNER_MARK_NAME)?.formula),
      worksheet: ws,
    })),
    store: storeIn(xml.map((x) => x.value)),
    // Judged as on .xlsx files (ownership.ts): by the old name and the title the add-in wrote under it.
    legacyOwned: new Set(
      [...titles]
        .filter(([, { name, top }]) =>
          isLegacyOwnedSheet(
            name,
            markerNames,
            top.values.flat().map((v) => (typeof v === 'string' ? v : '')),
          ),
        )
        .map(([key]) => key),
    ),
  });
  const first = {
    sheets: items.map((ws) => ({ name: ws.name, worksheet: ws })),
    // Loaded and synced above, through the `sync` wrapper this rule cannot see through.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    parts: parts.items,
    legacyNames,
    ...structureProtected,
  };
  return { ...first, details };
}

/** The record: the first part in the add-in's namespace that reads as one. */
function storeIn(xml: string[]): AddinStore | null {
  for (const text of xml) {
    const parsed = storeFromXml(text);
    if ('store' in parsed) return parsed.store;
  }
  return null;
}

/** Whether the add-in wrote this sheet: by its token and the record, or by an old-style mark its A1 bears out. */
export function ownedIn(marks: WorkbookMarks, sheet: { name: string; token?: string }): boolean {
  return (
    isOwnedSheet(marks.store, { name: sheet.name, ownerToken: sheet.token }) ||
    marks.legacyOwned.has(sheetKey(sheet.name))
  );
}
