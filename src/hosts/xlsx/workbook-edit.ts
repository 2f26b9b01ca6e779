import type { OutputSheet } from '../../engine/output';
import { OWNER_NAME_PREFIX, ownerName, sameSheet } from '../../engine/ownership';
import type { Progress } from '../../engine/port';
import { OWNER_MARK_NAME } from '../../engine/store';
import { CONTENT_TYPE, REL, insertBeforeClose, resolveTarget, type XlsxPackage } from './package';
import { DOC_RELS_NS, sheetXml, StyleAppender } from './write';
import { escapeAttr, escapeText } from './xml';
import { addCharts, removeSheetParts } from './charts';
import { sheetRef } from '../../engine/a1';
import type { WorkbookInfo } from './workbook-part';

/**
 * Adds the add-in's sheets to a package the way Excel adds a sheet: a new worksheet part, its
 * relationship and content type, a `<sheet>` in the workbook's list, the cell formats it needs
 * appended to styles.xml. A sheet it replaces (its own, from an earlier run) keeps its place and
 * part; only its content changes. The workbook part is edited where it must be (the sheet list and
 * the add-in's own names), the rest of its text kept as it was.
 */

const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

interface Written {
  sheet: OutputSheet;
  /** Set for the add-in's own sheets: the token of their MTFS_Owner name. */
  token?: string;
}

/** The styles part, created (with its relationship) when a workbook has none. */
function stylesPart(pkg: XlsxPackage, info: WorkbookInfo): string {
  if (info.styles && pkg.has(info.styles)) return info.styles;
  const part = info.part.replace(/[^/]*$/, 'styles.xml');
  pkg.setPart(part, MINIMAL_STYLES);
  pkg.setContentType(part, STYLES_TYPE);
  pkg.addRelationship(info.part, REL.styles, part);
  return part;
}

export function editWorkbook(
  pkg: XlsxPackage,
  info: WorkbookInfo,
  sheets: Written[],
  replace: string[],
  onProgress?: Progress,
): void {
  const stylesAt = stylesPart(pkg, info);
  const styles = new StyleAppender(pkg.text(stylesAt)!);
  let wb = new WorkbookXml(pkg.text(info.part)!);
  const positions: { index: number; written: Written }[] = [];
  const replacedIds: string[] = [];
  let sheetCount = info.sheets.length;
  let nextSheetId = Math.max(0, ...info.sheets.map((s) => Number(s.sheetId) || 0)) + 1;

  sheets.forEach((w, i) => {
    onProgress?.(i, sheets.length, `Writing ${w.sheet.name}`);
    const old = replace.some((r) => sameSheet(r, w.sheet.name))
      ? info.sheets.find((s) => sameSheet(s.name, w.sheet.name))
      : undefined;
    if (old?.part && old.kind === 'worksheet') {
      // Its own sheet from an earlier run: same place, same part, new content; whatever hung off the old one goes.
      removeSheetParts(pkg, old.part);
      pkg.setPart(old.part, sheetPart(pkg, old.part, w.sheet, styles));
      wb = wb.renameSheet(old.index, w.sheet.name);
      replacedIds.push(old.sheetId);
      positions.push({ index: old.index, written: w });
      return;
    }
    const part = pkg.freeName(info.part.replace(/[^/]*$/, 'worksheets/sheet'), '.xml');
    pkg.setPart(part, sheetPart(pkg, part, w.sheet, styles));
    pkg.setContentType(part, CONTENT_TYPE.worksheet);
    const relId = pkg.addRelationship(info.part, REL.worksheet, part);
    wb = wb.addSheet(w.sheet.name, String(nextSheetId++), relId);
    positions.push({ index: sheetCount++, written: w });
  });

  // A sheet to replace that is not written again is removed (the port allows it; the add-in's own plans always write it).
  const removed = info.sheets
    .filter((s) => replace.some((r) => sameSheet(r, s.name)) && !sheets.some((w) => sameSheet(w.sheet.name, s.name)))
    .sort((a, b) => b.index - a.index);
  for (const s of removed) {
    wb = wb.removeSheet(s.index);
    if (s.part) pkg.removePart(s.part);
    pkg.removeRelationships(info.part, new Set([s.relId]));
    replacedIds.push(s.sheetId);
    for (const p of positions) if (p.index > s.index) p.index--;
  }

  // The add-in's names: no stale mark on a sheet it rewrote, no old-style marker for it, a fresh mark on each of its sheets.
  const rewritten = new Set(positions.map((p) => p.index));
  const oldMarkers = new Set(sheets.map((w) => ownerName(w.sheet.name)));
  wb = wb.withoutNames(
    (n) =>
      (n.name === OWNER_MARK_NAME && n.localSheetId !== undefined && rewritten.has(n.localSheetId)) ||
      (n.name.startsWith(OWNER_NAME_PREFIX) && n.localSheetId === undefined && oldMarkers.has(n.name)),
  );
  for (const p of positions)
    if (p.written.token)
      wb = wb.addName(
        `<definedName name="${OWNER_MARK_NAME}" localSheetId="${p.index}" hidden="1">"${p.written.token}"</definedName>`,
      );
  // Its print area and title rows, as Excel keeps them: names of the sheet's own, replacing any it had.
  wb = wb.withoutNames(
    (n) => PRINT_NAMES.includes(n.name) && n.localSheetId !== undefined && rewritten.has(n.localSheetId),
  );
  for (const p of positions) for (const name of printNames(p.written.sheet, p.index)) wb = wb.addName(name);

  pkg.setPart(info.part, wb.xml);
  pkg.setPart(stylesAt, styles.result());
  dropFromCalcChain(pkg, info, new Set(replacedIds));
}

/** The sheet's XML, with its charts' drawing added to the package when it has charts. */
function sheetPart(pkg: XlsxPackage, part: string, sheet: OutputSheet, styles: StyleAppender): string {
  const drawingRelId = sheet.charts?.length ? addCharts(pkg, part, sheet.name, sheet.charts) : undefined;
  return sheetXml(sheet, styles, { drawingRelId });
}

const PRINT_NAMES = ['_xlnm.Print_Area', '_xlnm.Print_Titles'];

/** The `_xlnm.Print_Area` and `_xlnm.Print_Titles` names of a sheet at `index`, from its print set-up. */
export function printNames(sheet: OutputSheet, index: number): string[] {
  const page = sheet.page;
  if (!page) return [];
  const absolute = page.area.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  const names = [
    `<definedName name="_xlnm.Print_Area" localSheetId="${index}">${escapeText(sheetRef(sheet.name, absolute))}</definedName>`,
  ];
  if (page.titleRows)
    names.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeText(sheetRef(sheet.name, `$${page.titleRows.first + 1}:$${page.titleRows.last + 1}`))}</definedName>`,
    );
  return names;
}

/** The workbook part's text, edited in place: everything not edited stays as written. */
class WorkbookXml {
  constructor(readonly xml: string) {}

  private get prefix(): string {
    return /<(\w+:)?workbook\b/.exec(this.xml)?.[1] ?? '';
  }

  /** The prefix bound to the relationships namespace, or a declaration to add on the element. */
  private relAttr(id: string): string {
    const m = new RegExp(`xmlns:(\\w+)="${DOC_RELS_NS.replace(/[.:/]/g, '\\$&')}"`).exec(this.xml);
    return m ? `${m[1]}:id="${escapeAttr(id)}"` : `xmlns:r="${DOC_RELS_NS}" r:id="${escapeAttr(id)}"`;
  }

  private sheetElements(): RegExpExecArray[] {
    return [...this.xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?sheet>)/g)] as RegExpExecArray[];
  }

  addSheet(name: string, sheetId: string, relId: string): WorkbookXml {
    const p = this.prefix;
    const element = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${this.relAttr(relId)}/>`;
    return new WorkbookXml(insertBeforeClose(this.xml, 'sheets', element));
  }

  renameSheet(index: number, name: string): WorkbookXml {
    const el = this.sheetElements()[index];
    if (!el) return this;
    const renamed = el[0].replace(/\bname="[^"]*"/, `name="${escapeAttr(name)}"`);
    return new WorkbookXml(this.xml.slice(0, el.index) + renamed + this.xml.slice(el.index + el[0].length));
  }

  /** Removes a sheet from the list: names scoped to it go, later sheets' scopes move up one. */
  removeSheet(index: number): WorkbookXml {
    const el = this.sheetElements()[index];
    if (!el) return this;
    let xml = this.xml.slice(0, el.index) + this.xml.slice(el.index + el[0].length);
    xml = xml.replace(
      /<((?:\w+:)?)definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g,
      (whole, p: string, attrs: string, body: string) => {
        const m = /\blocalSheetId="(\d+)"/.exec(attrs);
        if (!m) return whole;
        const id = Number(m[1]);
        if (id === index) return '';
        return id > index
          ? `<${p}definedName${attrs.replace(/\blocalSheetId="\d+"/, `localSheetId="${id - 1}"`)}>${body}</${p}definedName>`
          : whole;
      },
    );
    xml = xml.replace(
      /\b(activeTab|firstSheet)="(\d+)"/g,
      (_, a: string, v: string) => `${a}="${Math.max(0, Number(v) - (Number(v) >= index ? 1 : 0))}"`,
    );
    return new WorkbookXml(xml);
  }

  withoutNames(drop: (n: { name: string; localSheetId?: number }) => boolean): WorkbookXml {
    const xml = this.xml.replace(
      /<(?:\w+:)?definedName\b([^>]*)>[\s\S]*?<\/(?:\w+:)?definedName>/g,
      (whole, attrs: string) => {
        const name = /\bname="([^"]*)"/.exec(attrs)?.[1] ?? '';
        const local = /\blocalSheetId="(\d+)"/.exec(attrs)?.[1];
        return drop({ name, localSheetId: local === undefined ? undefined : Number(local) }) ? '' : whole;
      },
    );
    // An emptied list is dropped: the schema wants at least one name in it.
    return new WorkbookXml(xml.replace(/<((?:\w+:)?)definedNames\b[^>]*>\s*<\/\1definedNames>/, ''));
  }

  addName(element: string): WorkbookXml {
    const p = this.prefix;
    const named = element
      .replace(/^<definedName/, `<${p}definedName`)
      .replace(/<\/definedName>$/, `</${p}definedName>`);
    if (/<(?:\w+:)?definedNames\b/.test(this.xml))
      return new WorkbookXml(insertBeforeClose(this.xml, 'definedNames', named));
    // Its place in the schema's order: after the sheets, function groups and external references.
    let at = -1;
    for (const tag of ['sheets', 'functionGroups', 'externalReferences']) {
      const m = new RegExp(`</(?:\\w+:)?${tag}>|<(?:\\w+:)?${tag}\\b[^>]*/>`).exec(this.xml);
      if (m) at = Math.max(at, m.index + m[0].length);
    }
    if (at < 0) throw new Error('the workbook part has no sheet list');
    return new WorkbookXml(
      `${this.xml.slice(0, at)}<${p}definedNames>${named}</${p}definedNames>${this.xml.slice(at)}`,
    );
  }
}

/**
 * calcChain.xml lists the formula cells Excel last calculated, by sheet id. Entries for a sheet
 * the add-in replaced or removed no longer stand for formulas (the add-in writes none) and are
 * dropped; when none is left, the part goes. Untouched otherwise.
 */
function dropFromCalcChain(pkg: XlsxPackage, info: WorkbookInfo, sheetIds: ReadonlySet<string>): void {
  if (sheetIds.size === 0) return;
  const rel = pkg.relationships(info.part).find((r) => r.type === REL.calcChain);
  if (!rel) return;
  const part = resolveTarget(info.part, rel.target);
  const xml = pkg.text(part);
  if (!xml) return;
  let current = '';
  let dropped = false;
  let kept = 0;
  const next = xml.replace(/<(\w+:)?c\b([^>]*?)\/>/g, (whole, p: string | undefined, attrs: string) => {
    const i = /\bi="(\d+)"/.exec(attrs)?.[1];
    if (i !== undefined) current = i;
    if (sheetIds.has(current)) {
      dropped = true;
      return '';
    }
    kept++;
    // Each kept entry names its sheet: one that relied on a dropped entry's sheet id must not inherit another's.
    return i === undefined ? `<${p ?? ''}c${attrs} i="${current}"/>` : whole;
  });
  if (!dropped) return;
  if (kept > 0) {
    pkg.setPart(part, next);
    return;
  }
  pkg.removePart(part);
  pkg.removeRelationships(info.part, new Set([rel.id]));
}
