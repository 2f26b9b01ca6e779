import type { SheetGrid } from '../../engine/grid';
import { cellText } from '../../engine/grid';
import type { OutputSheet } from '../../engine/output';
import { isLegacyOwnedSheet, OWNER_NAME_PREFIX, sameSheet } from '../../engine/ownership';
import { WorkbookReadError, type Progress, type WorkbookPort } from '../../engine/port';
import {
  isOwnedSheet,
  isStoreXml,
  newOwnerToken,
  OWNER_MARK_NAME,
  recordWritten,
  storeFromXml,
  type AddinStore,
} from '../../engine/store';
import { WriteRefused } from '../../engine/workflow';
import { unreadableReason } from './file-kind';
import { emptyPackage } from './minimal';
import { CONTENT_TYPE, XlsxPackage } from './package';
import { readSharedStrings, readSheet, type ReadContext } from './read';
import { writeStore } from './store-part';
import { readStyles } from './styles';
import { editWorkbook } from './workbook-edit';
import type { Inflater } from './zip';
import { nameText, readWorkbookPart, type WorkbookInfo } from './workbook-part';

/**
 * An .xlsx workbook: the command line's host, and the task pane's outside Excel (browser mode).
 * file-kind.ts tells a workbook from other files; zip.ts and package.ts read the package without
 * inflating what is never read; read.ts streams sheets into grids; write.ts and workbook-edit.ts
 * add the add-in's sheets to the package, leaving every other part as it was.
 */
export class XlsxWorkbook implements WorkbookPort {
  private info: WorkbookInfo;

  private constructor(private readonly pkg: XlsxPackage) {
    this.info = guarded(() => readWorkbookPart(pkg));
  }

  /** `inflater`: the host's own, when quicker than fflate (the command line gives Node's zlib). */
  static open(data: ArrayBuffer | Uint8Array, inflater?: Inflater): Promise<XlsxWorkbook> {
    return settled(() => {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      const reason = unreadableReason(bytes);
      if (reason) throw reason;
      return new XlsxWorkbook(guarded(() => new XlsxPackage(bytes, undefined, inflater)));
    });
  }

  /** A new workbook with no sheets yet (the council report's), from a minimal valid package. */
  static empty(): XlsxWorkbook {
    return new XlsxWorkbook(emptyPackage());
  }

  /** A macro-enabled workbook (.xlsm) stays one: its download keeps the extension and type. */
  get macroEnabled(): boolean {
    return this.pkg.contentTypeOf(this.info.part) === CONTENT_TYPE.macroWorkbook;
  }

  private context(): ReadContext {
    return guarded(() => ({
      strings: readSharedStrings(this.pkg, this.info.sharedStrings),
      styles: readStyles(this.info.styles ? this.pkg.text(this.info.styles) : undefined),
      cellsSeen: 0,
      date1904: this.info.date1904,
    }));
  }

  readSheets(onProgress?: Progress): Promise<SheetGrid[]> {
    return settled(() => {
      const ctx = this.context();
      const sheets = this.info.sheets.filter((s) => s.kind === 'worksheet');
      return sheets.map((s, i) => {
        onProgress?.(i, sheets.length, `Reading ${s.name}`);
        if (!s.part || !this.pkg.has(s.part))
          throw new WorkbookReadError(
            'corrupt',
            `the sheet "${s.name}" is listed in the workbook but its contents (${s.part ?? 'no part'}) are missing, so it cannot be read; the file is damaged (open it in Excel, which may repair it, and save it again)`,
          );
        return guarded(() => readSheet(this.pkg, s.part!, s.name, ctx));
      });
    });
  }

  /** The token of each sheet's hidden MTFS_Owner name, by sheet position. */
  private ownerTokens(): Map<number, string> {
    const tokens = new Map<number, string>();
    for (const n of this.info.names) {
      if (n.name !== OWNER_MARK_NAME || n.localSheetId === undefined) continue;
      const token = nameText(n.value);
      if (token) tokens.set(n.localSheetId, token);
    }
    return tokens;
  }

  /** Sheets the previous version marked: only those still holding its content (a record, made since by a correction, does not undo them). */
  private legacyOwned(): Set<string> {
    const owned = new Set<string>();
    const ctx = this.context();
    for (const s of this.info.sheets) {
      const markers = this.info.names
        .filter(
          (n) => n.name.startsWith(OWNER_NAME_PREFIX) && n.localSheetId === undefined && pointsAtA1Of(n.value, s.name),
        )
        .map((n) => n.name);
      if (markers.length === 0 || s.kind !== 'worksheet' || !s.part || !this.pkg.has(s.part)) continue;
      const top = guarded(() => readSheet(this.pkg, s.part!, s.name, ctx, 2));
      const texts = [top.rows[0]?.[0], top.rows[1]?.[0]].map(cellText);
      if (isLegacyOwnedSheet(s.name, markers, texts)) owned.add(s.name);
    }
    return owned;
  }

  async listSheets(): Promise<{ name: string; owned: boolean }[]> {
    const store = await this.readStore();
    const tokens = this.ownerTokens();
    const legacy = this.legacyOwned();
    return this.info.sheets.map((s) => ({
      name: s.name,
      owned: isOwnedSheet(store, { name: s.name, ownerToken: tokens.get(s.index) }) || legacy.has(s.name),
    }));
  }

  writeSheets(
    sheets: { sheet: OutputSheet; owned: boolean }[],
    replace: string[],
    onProgress?: Progress,
  ): Promise<void> {
    if (this.info.strict) return Promise.reject(strictRefusal());
    return this.readStore().then((store) => {
      const written = sheets.map(({ sheet, owned }) => ({ sheet, token: owned ? newOwnerToken() : undefined }));
      editWorkbook(this.pkg, this.info, written, replace, onProgress);
      this.info = readWorkbookPart(this.pkg);
      const now = new Date().toISOString();
      const marks = written.filter((w) => w.token).map((w) => ({ name: w.sheet.name, token: w.token! }));
      const next = recordWritten(
        store,
        marks,
        this.info.sheets.map((s) => s.name),
        now,
      );
      writeStore(this.pkg, this.info, next);
      this.info = readWorkbookPart(this.pkg);
    });
  }

  readStore(): Promise<AddinStore | null> {
    for (const part of this.info.customXml) {
      if (!this.pkg.has(part)) continue;
      const xml = guarded(() => this.pkg.text(part)!);
      if (!isStoreXml(xml)) continue;
      const read = storeFromXml(xml);
      // A damaged record is taken as none: no sheet is then the add-in's, so nothing of the user's can be replaced.
      return Promise.resolve('store' in read ? read.store : null);
    }
    return Promise.resolve(null);
  }

  writeStore(store: AddinStore): Promise<void> {
    if (this.info.strict) return Promise.reject(strictRefusal());
    writeStore(this.pkg, this.info, store);
    this.info = readWorkbookPart(this.pkg);
    return Promise.resolve();
  }

  /** The workbook as .xlsx bytes: the original package with the add-in's parts added or replaced. */
  toBuffer(): Promise<Uint8Array> {
    return Promise.resolve(this.pkg.toBytes());
  }
}

/**
 * A Strict Open XML workbook is read but not written into: its parts name every namespace and
 * relationship type differently, and a sheet added in the usual names would make a package Excel
 * calls damaged. Said before anything is written, with the way round it.
 */
function strictRefusal(): WriteRefused {
  return new WriteRefused([
    'the workbook was saved as "Strict Open XML Spreadsheet", which the add-in reads but cannot add sheets to; open it in Excel, save it as "Excel Workbook (.xlsx)" and try again (nothing was written)',
  ]);
}

/** Whether a name's formula is the A1 cell of a sheet ('Sheet name'!$A$1). */
function pointsAtA1Of(value: string, sheet: string): boolean {
  const m = /^'?(.*?)'?!\$A\$1$/.exec(value.trim());
  return !!m && sameSheet(m[1].replace(/''/g, "'"), sheet);
}

/** The work done now (reading is synchronous underneath), its result or its failure as a promise. */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** Anything that goes wrong while reading a package's XML is the file's damage, said as such. */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    const detail = String((e as Error).message ?? e).split('\n')[0];
    throw new WorkbookReadError(
      'corrupt',
      `the file could not be opened as an .xlsx workbook (it is damaged: ${detail})`,
    );
  }
}
