import { WorkbookReadError } from '../../engine/port';
import { REL, relsPartOf, resolveTarget, type XlsxPackage } from './package';
import { child, children, parseTree } from './xml';

/** What the workbook part says: its sheets, their parts, its names and its date system. */

export interface SheetEntry {
  name: string;
  /** Position in the workbook's sheet list (a sheet-scoped name's localSheetId). */
  index: number;
  sheetId: string;
  relId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The sheet's part; undefined when the relationship is missing. */
  part?: string;
  /** A worksheet holds cells; a chart sheet (or dialog or macro sheet) does not. */
  kind: 'worksheet' | 'other';
}

export interface DefinedName {
  name: string;
  localSheetId?: number;
  hidden: boolean;
  /** The name's formula, as written (a constant text is in double quotes). */
  value: string;
}

export interface WorkbookInfo {
  part: string;
  sheets: SheetEntry[];
  names: DefinedName[];
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
  /** Custom XML parts related from the workbook part. */
  customXml: string[];
  /**
   * Saved as "Strict Open XML Spreadsheet": read like any workbook (package.ts reads its relationship
   * types, the scanner and xml.ts match elements by local name), but not written into (index.ts).
   */
  strict: boolean;
}

const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

function notAWorkbook(what: string): WorkbookReadError {
  return new WorkbookReadError('not-xlsx', `the file is not an Excel workbook: ${what}`);
}

/** Why a zip package that is not an .xlsx is not one, in words a user knows. */
function otherPackage(pkg: XlsxPackage): WorkbookReadError {
  const mimetype = pkg.has('mimetype') ? (pkg.text('mimetype') ?? '').trim() : '';
  if (mimetype.includes('opendocument.spreadsheet'))
    return notAWorkbook('it is an OpenDocument spreadsheet (.ods); save it as .xlsx (Excel Workbook) and try again');
  if (mimetype.includes('opendocument')) return notAWorkbook('it is an OpenDocument file, not a spreadsheet');
  if (pkg.has('word/document.xml')) return notAWorkbook('it is a Word document');
  if (pkg.has('ppt/presentation.xml')) return notAWorkbook('it is a PowerPoint presentation');
  return notAWorkbook('it is a zip archive with no workbook in it (no xl/workbook.xml)');
}

/** Finds and reads the workbook part, or says in words why the file is not a workbook. */
export function readWorkbookPart(pkg: XlsxPackage): WorkbookInfo {
  const main = pkg.relationships('').find((r) => r.type === REL.officeDocument);
  const part = main ? resolveTarget('', main.target) : 'xl/workbook.xml';
  if (!pkg.has(part)) throw otherPackage(pkg);
  if (!pkg.has('[Content_Types].xml'))
    throw new WorkbookReadError(
      'corrupt',
      'the file could not be opened as an .xlsx workbook (its list of parts, [Content_Types].xml, is missing)',
    );
  if (!/spreadsheetml|ms-excel/.test(pkg.contentTypeOf(part) ?? '')) throw otherPackage(pkg);
  let root;
  try {
    root = parseTree(pkg.text(part)!);
  } catch (e) {
    throw new WorkbookReadError(
      'corrupt',
      `the file could not be opened as an .xlsx workbook (its workbook part is damaged: ${(e as Error).message.split('\n')[0]})`,
    );
  }
  const rels = pkg.relationships(part);
  if (rels.length === 0)
    throw new WorkbookReadError(
      'corrupt',
      `the file could not be opened as an .xlsx workbook (the list of where its sheets are, ${relsPartOf(part)}, is missing)`,
    );
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = children(child(root, 'sheets'), 'sheet').map((s, index) => {
    const relId = s.attrs['r:id'] ?? s.attrs.id ?? '';
    const rel = byId.get(relId);
    const state = s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden' ? s.attrs.state : 'visible';
    return {
      name: s.attrs.name ?? '',
      index,
      sheetId: s.attrs.sheetId ?? '',
      relId,
      state,
      part: rel && !rel.external ? resolveTarget(part, rel.target) : undefined,
      kind: !rel || rel.type === REL.worksheet ? 'worksheet' : 'other',
    };
  });
  const names: DefinedName[] = children(child(root, 'definedNames'), 'definedName').map((d) => ({
    name: d.attrs.name ?? '',
    localSheetId: d.attrs.localSheetId === undefined ? undefined : Number(d.attrs.localSheetId),
    hidden: d.attrs.hidden === '1' || d.attrs.hidden === 'true',
    value: d.text,
  }));
  const pr = child(root, 'workbookPr');
  const first = (type: string) => {
    const r = rels.find((x) => x.type === type && !x.external);
    return r ? resolveTarget(part, r.target) : undefined;
  };
  return {
    part,
    sheets,
    names,
    date1904: pr?.attrs.date1904 === '1' || pr?.attrs.date1904 === 'true',
    sharedStrings: first(REL.sharedStrings),
    styles: first(REL.styles),
    strict: root.attrs.conformance === 'strict' || Object.values(root.attrs).includes(STRICT_MAIN_NS),
    customXml: rels.filter((r) => r.type === REL.customXml && !r.external).map((r) => resolveTarget(part, r.target)),
  };
}

/** A defined name's constant text ("abc" → abc), or undefined when it is not a constant text. */
export function nameText(value: string): string | undefined {
  const m = /^\s*"((?:[^"]|"")*)"\s*$/.exec(value);
  return m ? m[1].replace(/""/g, '"') : undefined;
}
