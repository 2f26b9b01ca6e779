import { strToU8, zipSync } from 'fflate';
import { isDateFormat, type Cell, type SheetGrid } from '../../src/engine/grid';
import { shiftFormula } from '../../src/hosts/xlsx/formula';

/**
 * The same sheets saved the ways programs other than desktop Excel save them: one hand-written
 * package per variant, built from grids (as read from the plain file), so a test can read it back
 * and expect the plain file's grids. Each switch is one habit of some producer:
 *
 * - `strict`: Excel's "Strict Open XML Spreadsheet" (purl.oclc.org namespaces and relationship types,
 *   dates as ISO text, conformance="strict");
 * - `prefix`: every element prefixed (`<x:c>`), as .NET's Open XML SDK and some ledger exports write;
 * - `noCellRefs` / `noRowRefs`: cells and rows without `r` (positions by order, gaps as empty elements);
 * - `text`: shared strings (`shared`), rich-text shared strings with phonetic runs (`rich`), inline
 *   strings (`inline`, as ExcelJS streaming and many exports), or `t="str"` cells (`str`);
 * - `exponent`: numbers written as 1.45E+3;
 * - `pretty`: every element on its own indented line, text kept with xml:space="preserve";
 * - `bom`: a UTF-8 byte-order mark before every XML part; `utf16`: every XML part in UTF-16 (.NET's default);
 * - `workbookPart`: the workbook somewhere other than xl/workbook.xml (found through _rels/.rels);
 * - `absoluteTargets`: relationship targets from the package root (`/xl/worksheets/sheet1.xml`);
 * - `backslashes`: zip entry names and targets with backslashes; `oddCase`: entry names in odd case;
 * - `date1904`: the 1904 date system (dates stored 1462 days lower);
 * - `isoDates`: dates as `t="d"` ISO text;
 * - `builtInFormats`: formats Excel has built in written as bare ids (3, 4, 9, 37–40, 43…), no code;
 * - `applyNumberFormat0`: every cell format marked applyNumberFormat="0" (and the other apply*s);
 * - `sharedFormulas`: formulas down a column written once, the cells below sharing it.
 */
export interface Variant {
  strict?: boolean;
  prefix?: boolean;
  noCellRefs?: boolean;
  noRowRefs?: boolean;
  text?: 'shared' | 'rich' | 'inline' | 'str';
  exponent?: boolean;
  pretty?: boolean;
  bom?: boolean;
  utf16?: boolean;
  workbookPart?: string;
  absoluteTargets?: boolean;
  backslashes?: boolean;
  oddCase?: boolean;
  date1904?: boolean;
  isoDates?: boolean;
  builtInFormats?: boolean;
  applyNumberFormat0?: boolean;
  sharedFormulas?: boolean;
}

/** The built-in format ids a producer may write without their code: ECMA-376's, and UK Excel's currency and accounting ones. */
export const BUILT_IN_IDS: Record<string, number> = {
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  'mm-dd-yy': 14,
  'mmm-yy': 17,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00;(#,##0.00)': 39,
  '#,##0.00;[Red](#,##0.00)': 40,
  '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-': 41,
  '_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-': 43,
  '_-"£"* #,##0.00_-;\\-"£"* #,##0.00_-;_-"£"* "-"??_-;_-@_-': 44,
  '@': 49,
};

const TRANSITIONAL = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/',
};
const STRICT = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships/',
};
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface StyleKey {
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Builds the package. `grids` as the reader gives them (numbers under date formats in the 1900 system). */
export function producedWorkbook(grids: SheetGrid[], v: Variant = {}): Uint8Array {
  const ns = v.strict ? STRICT : TRANSITIONAL;
  const isoDates = v.isoDates ?? v.strict;
  const text = v.text ?? 'shared';
  const p = v.prefix ? 'x:' : '';
  const xmlns = v.prefix ? `xmlns:x="${ns.main}"` : `xmlns="${ns.main}"`;
  const nl = v.pretty ? '\n  ' : '';

  // Styles: one cell format per distinct format and font.
  const styleIds = new Map<string, number>([['{}', 0]]);
  const styleList: StyleKey[] = [{}];
  const styleOf = (c: Cell): number => {
    const key: StyleKey = {};
    if (c.format) key.format = c.format;
    if (c.bold) key.bold = true;
    if (c.italic) key.italic = true;
    if (c.underline) key.underline = true;
    const k = JSON.stringify(key);
    let id = styleIds.get(k);
    if (id === undefined) {
      id = styleList.length;
      styleIds.set(k, id);
      styleList.push(key);
    }
    return id;
  };

  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const sharedString = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      stringIds.set(s, id);
      strings.push(s);
    }
    return id;
  };

  const number = (n: number) => {
    if (!v.exponent || n === 0) return String(n);
    return n.toExponential().toUpperCase();
  };
  const textRun = (s: string) => `<${p}t xml:space="preserve">${esc(s)}</${p}t>`;

  const sheetXml = (grid: SheetGrid): string => {
    const shared = v.sharedFormulas ? sharedFormulas(grid) : new Map<string, SharedAt>();
    const rows: string[] = [];
    const last = grid.rows.length;
    for (let r = 0; r < last; r++) {
      const row = grid.rows[r];
      const hasCells = !!row?.some((c) => c);
      if (!hasCells && !grid.hiddenRows.has(r)) {
        if (v.noRowRefs) rows.push(`<${p}row/>`);
        continue;
      }
      const cells: string[] = [];
      // An index loop, not forEach: a read row is sparse, and each gap needs its empty <c/> when cells have no r.
      for (let col = 0; col < (row?.length ?? 0); col++) {
        const c = row[col];
        if (!c) {
          if (v.noCellRefs) cells.push(`<${p}c/>`);
          continue;
        }
        const ref = v.noCellRefs ? '' : ` r="${columnName(col)}${r + 1}"`;
        const s = styleOf(c);
        const sAttr = s ? ` s="${s}"` : '';
        const sh = shared.get(`${r},${col}`);
        const f =
          c.formula === undefined
            ? ''
            : sh
              ? sh.master
                ? `<${p}f t="shared" ref="${sh.ref}" si="${sh.si}">${esc(c.formula)}</${p}f>`
                : `<${p}f t="shared" si="${sh.si}"/>`
              : `<${p}f>${esc(c.formula)}</${p}f>`;
        let t = '';
        let body = '';
        const value = c.value;
        if (c.error) {
          t = ' t="e"';
          body = `<${p}v>${esc(c.error)}</${p}v>`;
        } else if (typeof value === 'string') {
          if (c.formula !== undefined || text === 'str') {
            t = ' t="str"';
            body = `<${p}v>${esc(value)}</${p}v>`;
          } else if (text === 'inline') {
            t = ' t="inlineStr"';
            body = `<${p}is>${textRun(value)}</${p}is>`;
          } else {
            t = ' t="s"';
            body = `<${p}v>${sharedString(value)}</${p}v>`;
          }
        } else if (typeof value === 'boolean') {
          t = ' t="b"';
          body = `<${p}v>${value ? 1 : 0}</${p}v>`;
        } else if (typeof value === 'number') {
          const date = isDateFormat(c.format);
          if (date && isoDates) {
            t = ' t="d"';
            body = `<${p}v>${new Date(Math.round((value - 25569) * 86_400_000)).toISOString().slice(0, 19)}</${p}v>`;
          } else body = `<${p}v>${number(date && v.date1904 ? value - 1462 : value)}</${p}v>`;
        }
        cells.push(`<${p}c${ref}${sAttr}${t}>${f}${body}</${p}c>`);
      }
      const rowRef = v.noRowRefs ? '' : ` r="${r + 1}"`;
      const hidden = grid.hiddenRows.has(r) ? ' hidden="1"' : '';
      rows.push(`<${p}row${rowRef}${hidden}>${nl ? nl + '  ' : ''}${cells.join(nl ? nl + '  ' : '')}${nl}</${p}row>`);
    }
    const cols = [...grid.hiddenCols].map((c) => `<${p}col min="${c + 1}" max="${c + 1}" width="9" hidden="1"/>`);
    return (
      `${HEAD}<${p}worksheet ${xmlns} xmlns:r="${ns.r}">${nl}` +
      (cols.length ? `<${p}cols>${cols.join('')}</${p}cols>${nl}` : '') +
      `<${p}sheetData>${nl}${rows.join(nl)}${nl}</${p}sheetData>${nl}</${p}worksheet>`
    );
  };

  const sheetParts = grids.map((g, i) => ({ grid: g, xml: sheetXml(g), name: `worksheets/sheet${i + 1}.xml` }));

  // Styles, now every cell's format is known.
  const numFmts: string[] = [];
  const formatIds = new Map<string, number>();
  const formatId = (f: string | undefined): number => {
    if (!f) return 0;
    if (v.builtInFormats && BUILT_IN_IDS[f] !== undefined) return BUILT_IN_IDS[f];
    let id = formatIds.get(f);
    if (id === undefined) {
      id = 164 + formatIds.size;
      formatIds.set(f, id);
      numFmts.push(`<${p}numFmt numFmtId="${id}" formatCode="${esc(f)}"/>`);
    }
    return id;
  };
  const fonts: string[] = [];
  const fontIds = new Map<string, number>();
  const fontId = (k: StyleKey): number => {
    const key = `${k.bold ? 'b' : ''}${k.italic ? 'i' : ''}${k.underline ? 'u' : ''}`;
    let id = fontIds.get(key);
    if (id === undefined) {
      id = fonts.length;
      fontIds.set(key, id);
      fonts.push(
        `<${p}font>${k.bold ? `<${p}b/>` : ''}${k.italic ? `<${p}i/>` : ''}${k.underline ? `<${p}u/>` : ''}<${p}sz val="11"/><${p}name val="Arial"/></${p}font>`,
      );
    }
    return id;
  };
  fontId({});
  const apply = v.applyNumberFormat0 ? ' applyNumberFormat="0" applyFont="0"' : '';
  const xfs = styleList.map(
    (k) => `<${p}xf numFmtId="${formatId(k.format)}" fontId="${fontId(k)}" fillId="0" borderId="0" xfId="0"${apply}/>`,
  );
  const styles =
    `${HEAD}<${p}styleSheet ${xmlns}>${nl}` +
    (numFmts.length ? `<${p}numFmts count="${numFmts.length}">${numFmts.join('')}</${p}numFmts>${nl}` : '') +
    `<${p}fonts count="${fonts.length}">${fonts.join('')}</${p}fonts>${nl}` +
    `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>${nl}` +
    `<${p}borders count="1"><${p}border/></${p}borders>${nl}` +
    `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>${nl}` +
    `<${p}cellXfs count="${xfs.length}">${xfs.join(nl)}</${p}cellXfs>${nl}</${p}styleSheet>`;

  const richItem = (s: string) => {
    const cut = Math.max(1, Math.floor(s.length / 2));
    return (
      `<${p}r><${p}rPr><${p}b/></${p}rPr>${textRun(s.slice(0, cut))}</${p}r>` +
      (s.length > cut ? `<${p}r>${textRun(s.slice(cut))}</${p}r>` : '') +
      `<${p}rPh sb="0" eb="1"><${p}t>ヨミ</${p}t></${p}rPh><${p}phoneticPr fontId="0"/>`
    );
  };
  const sst =
    `${HEAD}<${p}sst ${xmlns} count="${strings.length}" uniqueCount="${strings.length}">${nl}` +
    strings.map((s) => `<${p}si>${text === 'rich' ? richItem(s) : textRun(s)}</${p}si>`).join(nl) +
    `${nl}</${p}sst>`;

  // Where the parts go.
  const wbPart = v.workbookPart ?? 'xl/workbook.xml';
  const folder = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const target = (rel: string) => (v.absoluteTargets ? `/${folder}${rel}` : rel);
  const bs = (t: string) => (v.backslashes ? t.replace(/\//g, '\\') : t);
  const relsXml = (rels: [string, string, string][]) =>
    `${HEAD}<Relationships xmlns="${PKG_RELS}">${rels
      .map(([id, type, t]) => `<Relationship Id="${id}" Type="${type}" Target="${esc(bs(t))}"/>`)
      .join('')}</Relationships>`;

  const workbook =
    `${HEAD}<${p}workbook ${xmlns} xmlns:r="${ns.r}"${v.strict ? ' conformance="strict"' : ''}>${nl}` +
    `<${p}workbookPr${v.date1904 ? ' date1904="1"' : ''}/>${nl}<${p}sheets>${nl}` +
    grids.map((g, i) => `<${p}sheet name="${esc(g.name)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`).join(nl) +
    `${nl}</${p}sheets>${nl}</${p}workbook>`;
  const wbRels: [string, string, string][] = [
    ['rId1', `${ns.rel}styles`, target('styles.xml')],
    ...(strings.length
      ? [['rId2', `${ns.rel}sharedStrings`, target('sharedStrings.xml')] as [string, string, string]]
      : []),
    ...sheetParts.map((s, i) => [`rId${i + 3}`, `${ns.rel}worksheet`, target(s.name)] as [string, string, string]),
  ];
  const overrides = [
    [wbPart, `${CT}.sheet.main+xml`],
    [`${folder}styles.xml`, `${CT}.styles+xml`],
    ...(strings.length ? [[`${folder}sharedStrings.xml`, `${CT}.sharedStrings+xml`]] : []),
    ...sheetParts.map((s) => [`${folder}${s.name}`, `${CT}.worksheet+xml`]),
  ];
  const types =
    `${HEAD}<Types xmlns="${TYPES}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    overrides.map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`).join('') +
    `</Types>`;

  const parts: Record<string, string> = {
    '[Content_Types].xml': types,
    '_rels/.rels': relsXml([['rId1', `${ns.rel}officeDocument`, wbPart]]),
    [wbPart]: workbook,
    [`${folder}_rels/${wbPart.slice(folder.length)}.rels`]: relsXml(wbRels),
    [`${folder}styles.xml`]: styles,
    ...(strings.length ? { [`${folder}sharedStrings.xml`]: sst } : {}),
    ...Object.fromEntries(sheetParts.map((s) => [`${folder}${s.name}`, s.xml])),
  };
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const entryName = (name: string) => {
    let n = name;
    if (v.oddCase && name !== '[Content_Types].xml') n = n.replace(/^xl\//, 'XL/').replace(/sheet(\d)/, 'Sheet$1');
    return v.backslashes ? n.replace(/\//g, '\\') : n;
  };
  return zipSync(
    Object.fromEntries(
      Object.entries(parts).map(([name, xml]) => {
        if (v.utf16)
          return [
            entryName(name),
            new Uint8Array(Buffer.from(`\ufeff${xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, 'utf16le')),
          ];
        const bytes = strToU8(xml);
        if (!v.bom || !name.endsWith('.xml')) return [entryName(name), bytes];
        const out = new Uint8Array(bytes.length + 3);
        out.set(bom);
        out.set(bytes, 3);
        return [entryName(name), out];
      }),
    ),
  );
}

interface SharedAt {
  si: number;
  master: boolean;
  ref?: string;
}

/** Runs of formulas down a column that are one formula moved row by row, as Excel shares them. */
function sharedFormulas(grid: SheetGrid): Map<string, SharedAt> {
  const out = new Map<string, SharedAt>();
  let si = 0;
  const width = Math.max(0, ...grid.rows.map((r) => r?.length ?? 0));
  for (let c = 0; c < width; c++) {
    let r = 0;
    while (r < grid.rows.length) {
      const master = grid.rows[r]?.[c]?.formula;
      if (master === undefined) {
        r++;
        continue;
      }
      let end = r + 1;
      while (
        grid.rows[end]?.[c]?.formula !== undefined &&
        grid.rows[end][c]!.formula === shiftFormula(master, end - r, 0)
      )
        end++;
      if (end - r > 1) {
        out.set(`${r},${c}`, { si, master: true, ref: `${columnName(c)}${r + 1}:${columnName(c)}${end}` });
        for (let k = r + 1; k < end; k++) out.set(`${k},${c}`, { si, master: false });
        si++;
      }
      r = end;
    }
  }
  return out;
}
