import { a1, sheetRef } from '../../engine/a1';
import {
  cellValue,
  type HeaderFooterText,
  type OutputCell,
  type OutputSheet,
  type PageSetup,
} from '../../engine/output';
import { PAGE_MARGINS } from '../../engine/paper';
import { insertBeforeClose, type XlsxPackage } from './package';
import { BUILT_IN_FORMATS } from './styles';
import { encodeExcelEscapes, escapeAttr, escapeText } from './xml';

/**
 * The add-in's sheets as SpreadsheetML, written by hand: values (text always as an inline string,
 * never a formula, so sharedStrings.xml is left alone), number formats, bold/italic/underline,
 * alignment and wrap, column widths, frozen header rows and links to cells in the workbook.
 *
 * The sheet is built in the order the schema sets (CT_Worksheet): its print set-up (fit to page,
 * margins, A4, header and footer, page breaks) in its places, and the drawing holding its charts
 * last, through `SheetExtras` (charts.ts writes the drawing and its charts).
 */

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const DOC_RELS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Elements a written sheet takes from other parts, each in its place in the schema's order. */
export interface SheetExtras {
  /** The relationship id of a drawing part holding the sheet's charts (charts.ts). */
  drawingRelId?: string;
}

const LINK_COLOUR = 'FF0563C1';

/** The style an output cell needs, as a key for reusing cell formats. */
interface StyleWant {
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  link?: boolean;
  align?: OutputCell['align'];
  wrap?: boolean;
}

/**
 * Appends the cell formats the add-in's sheets need to styles.xml, never changing an existing one,
 * so every index the user's sheets use keeps its meaning. One instance per write.
 */
export class StyleAppender {
  private xml: string;
  private readonly xfs = new Map<string, number>();
  private readonly fonts = new Map<string, number>();
  private readonly formats = new Map<string, number>();
  private fontCount: number;
  private xfCount: number;
  private nextFormatId: number;
  private readonly baseFont: string;

  constructor(xml: string) {
    this.xml = xml;
    this.fontCount = count(xml, 'font', 'fonts');
    this.xfCount = count(xml, 'xf', 'cellXfs');
    const ids = [...xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*\bnumFmtId="(\d+)"[^>]*\bformatCode="([^"]*)"/g)];
    for (const m of ids) this.formats.set(unescapeAttr(m[2]), Number(m[1]));
    this.nextFormatId = Math.max(163, ...ids.map((m) => Number(m[1]))) + 1;
    this.baseFont = firstFontBody(xml);
  }

  /** The cellXfs index for a style, added when the workbook has none like it yet. */
  index(want: StyleWant): number {
    const key = JSON.stringify(want);
    const known = this.xfs.get(key);
    if (known !== undefined) return known;
    const fontId = this.font(want);
    const formatId = want.format ? this.format(want.format) : 0;
    // Every cell sits at the top of its row, so a row made taller for wrapped text reads across.
    const alignment = `<alignment${want.align ? ` horizontal="${want.align}"` : ''} vertical="top"${want.wrap ? ' wrapText="1"' : ''}/>`;
    const xf =
      `<xf numFmtId="${formatId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"` +
      `${formatId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${alignment ? ' applyAlignment="1">' + alignment + '</xf>' : '/>'}`;
    this.xml = appendTo(this.xml, 'cellXfs', xf);
    const index = this.xfCount++;
    this.xfs.set(key, index);
    return index;
  }

  private font(want: StyleWant): number {
    const underline = want.underline || want.link;
    if (!want.bold && !want.italic && !underline && !want.link) return 0;
    const key = `${want.bold ? 'b' : ''}${want.italic ? 'i' : ''}${underline ? 'u' : ''}${want.link ? 'l' : ''}`;
    const known = this.fonts.get(key);
    if (known !== undefined) return known;
    // Font 0 is the workbook's default: size, name and family come from it, so a new font looks like the rest.
    const keep = this.baseFont.replace(/<(?:\w+:)?(b|i|u|strike|color)\b[^>]*?(\/>|>[\s\S]*?<\/(?:\w+:)?\1>)/g, '');
    const sz = /<(?:\w+:)?sz\b[^>]*\/>/.exec(keep)?.[0] ?? '<sz val="11"/>';
    const rest = keep.replace(/<(?:\w+:)?sz\b[^>]*\/>/, '');
    const body =
      `${want.bold ? '<b/>' : ''}${want.italic ? '<i/>' : ''}${underline ? '<u/>' : ''}${sz}` +
      `${want.link ? `<color rgb="${LINK_COLOUR}"/>` : ''}${rest}`;
    this.xml = appendTo(this.xml, 'fonts', `<font>${body}</font>`);
    const id = this.fontCount++;
    this.fonts.set(key, id);
    return id;
  }

  private format(code: string): number {
    for (const [id, builtIn] of Object.entries(BUILT_IN_FORMATS)) if (builtIn === code) return Number(id);
    const known = this.formats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    const element = `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`;
    if (/<(?:\w+:)?numFmts\b/.test(this.xml)) this.xml = appendTo(this.xml, 'numFmts', element);
    else this.xml = this.xml.replace(/<((?:\w+:)?)fonts\b/, `<$1numFmts count="1">${element}</$1numFmts><$1fonts`);
    this.formats.set(code, id);
    return id;
  }

  result(): string {
    return this.xml;
  }
}

function unescapeAttr(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** How many `<child>` elements the `<parent>` element holds. */
function count(xml: string, childTag: string, parent: string): number {
  const m = new RegExp(`<(?:\\w+:)?${parent}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${parent}>)`).exec(xml);
  if (!m || !m[1]) return 0;
  return (m[1].match(new RegExp(`<(?:\\w+:)?${childTag}\\b(?![\\w-])`, 'g')) ?? []).length;
}

function firstFontBody(xml: string): string {
  const fonts = /<(?:\w+:)?fonts\b[^>]*>([\s\S]*?)<\/(?:\w+:)?fonts>/.exec(xml)?.[1] ?? '';
  const first = /<(?:\w+:)?font\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?font>)/.exec(fonts);
  return first?.[1] ?? '<sz val="11"/><name val="Calibri"/><family val="2"/>';
}

/** Appends an element to a list element and updates its count attribute. */
function appendTo(xml: string, parent: string, element: string): string {
  const withElement = insertBeforeClose(xml, parent, element);
  return withElement.replace(new RegExp(`<((?:\\w+:)?${parent})\\b([^>]*?)>`), (whole, tag: string, attrs: string) => {
    const n = count(withElement, parent === 'fonts' ? 'font' : parent === 'numFmts' ? 'numFmt' : 'xf', parent);
    const next = /\bcount="\d*"/.test(attrs) ? attrs.replace(/\bcount="\d*"/, `count="${n}"`) : `${attrs} count="${n}"`;
    return `<${tag}${next}>`;
  });
}

function cellXml(ref: string, cell: OutputCell, styles: StyleAppender): string {
  const value = cellValue(cell.value);
  const isText = typeof value === 'string';
  const style = styles.index({
    format: cell.format ?? (isText ? '@' : undefined),
    bold: cell.bold,
    italic: cell.italic,
    underline: cell.underline,
    link: cell.link !== undefined && isText,
    align: cell.align,
    wrap: cell.wrap,
  });
  const s = style ? ` s="${style}"` : '';
  if (value === null || (typeof value === 'number' && !Number.isFinite(value)))
    return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  // Text is an inline string: never a formula, whatever it starts with.
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeText(encodeExcelEscapes(value))}</t></is></c>`;
}

/** The worksheet part's XML for one of the add-in's sheets. */
export function sheetXml(sheet: OutputSheet, styles: StyleAppender, extras: SheetExtras = {}): string {
  const links: string[] = [];
  const rows = sheet.rows
    .map((cells, r) => {
      const out = cells
        .map((cell, c) => {
          if (!cell) return '';
          const ref = a1(r, c);
          if (cell.link && typeof cellValue(cell.value) === 'string')
            links.push(
              `<hyperlink ref="${ref}" location="${escapeAttr(sheetRef(cell.link.sheet, cell.link.cell))}" display="${escapeAttr(String(cellValue(cell.value)))}"/>`,
            );
          return cellXml(ref, cell, styles);
        })
        .join('');
      const height = sheet.rowHeights?.[r];
      const ht = height ? ` ht="${height}" customHeight="1"` : '';
      return out || ht ? `<row r="${r + 1}"${ht}>${out}</row>` : '';
    })
    .join('');
  const freeze = sheet.freezeRows
    ? `<pane ySplit="${sheet.freezeRows}" topLeftCell="A${sheet.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${sheet.freezeRows + 1}" sqref="A${sheet.freezeRows + 1}"/>`
    : '';
  const cols = sheet.columnWidths.length
    ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const m = PAGE_MARGINS;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${DOC_RELS_NS}">`,
    sheet.page ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '',
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>`,
    // Rows 15 points high in every application (LibreOffice fits its own otherwise), as the print layout counts them.
    '<sheetFormatPr defaultRowHeight="15" customHeight="1"/>',
    cols,
    `<sheetData>${rows}</sheetData>`,
    links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '',
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
    sheet.page ? pageXml(sheet.page) : '',
    extras.drawingRelId ? `<drawing r:id="${escapeAttr(extras.drawingRelId)}"/>` : '',
    '</worksheet>',
  ].join('');
}

/** `<pageSetup>`, `<headerFooter>` and `<rowBreaks>`: A4, one page wide and as many tall as it takes. */
function pageXml(page: PageSetup): string {
  const part = (code: string, text: string) => (text ? `&${code}${text}` : '');
  const line = (t: HeaderFooterText) => escapeText(part('L', t.left) + part('C', t.center) + part('R', t.right));
  const breaks = page.breaksBefore.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('');
  return [
    `<pageSetup paperSize="9" orientation="${page.orientation}" fitToWidth="1" fitToHeight="0"/>`,
    `<headerFooter><oddHeader>${line(page.header)}</oddHeader><oddFooter>${line(page.footer)}</oddFooter></headerFooter>`,
    breaks
      ? `<rowBreaks count="${page.breaksBefore.length}" manualBreakCount="${page.breaksBefore.length}">${breaks}</rowBreaks>`
      : '',
  ].join('');
}

/** Writes styles.xml back with the formats the new sheets added (append only). */
export function stylesFor(pkg: XlsxPackage, part: string): StyleAppender {
  return new StyleAppender(pkg.text(part) ?? '');
}
