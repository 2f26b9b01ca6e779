import { isDateFormat } from '../../engine/grid';
import { child, children, parseTree, type XmlElement } from './xml';

/** The cell formats of a workbook (styles.xml), as the reader needs them: number format, bold/italic/underline, quote prefix. */

/** Excel's built-in number formats, by id (ECMA-376 Part 1 §18.8.30), as ExcelJS named them. */
export const BUILT_IN_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/**
 * The built-in formats whose code depends on the machine's locale (currency and accounting: ECMA-376
 * lists their ids but not their codes), as a UK Excel shows them. Excel writes their codes into
 * styles.xml itself, but other programs write the bare id (numFmtId="43"); read only where the
 * workbook does not define the id, and never used when writing (a written id would show dollars on a
 * US machine).
 */
const UK_LOCALE_FORMATS: Record<number, string> = {
  5: '"£"#,##0;\\-"£"#,##0',
  6: '"£"#,##0;[Red]\\-"£"#,##0',
  7: '"£"#,##0.00;\\-"£"#,##0.00',
  8: '"£"#,##0.00;[Red]\\-"£"#,##0.00',
  41: '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-',
  42: '_-"£"* #,##0_-;\\-"£"* #,##0_-;_-"£"* "-"_-;_-@_-',
  43: '_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-',
  44: '_-"£"* #,##0.00_-;\\-"£"* #,##0.00_-;_-"£"* "-"??_-;_-@_-',
};

export interface CellStyle {
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Typed with a leading apostrophe: text, whatever it looks like. */
  quotePrefix?: boolean;
  /** The format shows a date (isDateFormat), worked out once per style: a 1904 workbook's dates are moved by it. */
  date?: boolean;
}

/** A boolean font property: `<b/>` is on, `<b val="0"/>` off. */
function on(font: XmlElement, name: string): boolean {
  const el = child(font, name);
  if (!el) return false;
  const v = el.attrs.val;
  return v === undefined || (v !== '0' && v !== 'false' && v !== 'none');
}

export function readStyles(xml: string | undefined): CellStyle[] {
  if (!xml) return [];
  const root = parseTree(xml);
  const formats = new Map<number, string>();
  for (const f of children(child(root, 'numFmts'), 'numFmt'))
    formats.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
  const fonts = children(child(root, 'fonts'), 'font').map((f) => ({
    bold: on(f, 'b'),
    italic: on(f, 'i'),
    underline: on(f, 'u'),
  }));
  return children(child(root, 'cellXfs'), 'xf').map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    // The format is read from numFmtId whatever applyNumberFormat says: Excel shows a cellXfs entry's
    // format even where a producer wrote applyNumberFormat="0" (LibreOffice and some exporters do).
    const format = id === 0 ? undefined : (formats.get(id) ?? BUILT_IN_FORMATS[id] ?? UK_LOCALE_FORMATS[id]);
    const font = fonts[Number(xf.attrs.fontId ?? 0)];
    const style: CellStyle = {};
    if (format && format !== 'General') style.format = format;
    if (style.format && isDateFormat(style.format)) style.date = true;
    if (font?.bold) style.bold = true;
    if (font?.italic) style.italic = true;
    if (font?.underline) style.underline = true;
    if (xf.attrs.quotePrefix === '1' || xf.attrs.quotePrefix === 'true') style.quotePrefix = true;
    return style;
  });
}
