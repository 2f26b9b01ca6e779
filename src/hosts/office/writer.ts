/// <reference types="office-js" />
import { sheetRef } from '../../engine/a1';
import { cellValue, type OutputCell, type OutputSheet } from '../../engine/output';
import { queueRowHeights, rowHeightBytes } from './page';
import { actionBytes, jsonBytes, piecesBytes, REQUEST_BYTES, type SyncRecord } from './sync';

/** Column width in characters (ExcelJS, the OutputSheet) to points (office-js), for Calibri 11. */
export function columnWidthPoints(chars: number): number {
  return Math.round(Math.trunc(chars * 7 + 5) * 0.75 * 100) / 100;
}

const ALIGN = { left: 'Left', right: 'Right', center: 'Center' } as const;
const LINK_COLOUR = '#0563C1';

/** A link costs a range of its own and the hyperlink set on it: about 450 bytes besides its text. */
function linkBytes(link: { sheet: string; cell: string }, text: string): number {
  return (
    REQUEST_BYTES.range +
    actionBytes('Hyperlink', [{ documentReference: sheetRef(link.sheet, link.cell), textToDisplay: text }])
  );
}

/** The arrays written for rows [r0, r1) of an output sheet. */
function writeArrays(sheet: OutputSheet, r0: number, r1: number, cols: number) {
  const values: (string | number | null)[][] = [];
  const formats: (string | null)[][] = [];
  const textFormats: (string | null)[][] = [];
  const props: Excel.SettableCellProperties[][] = [];
  const links: { row: number; col: number; text: string; link: { sheet: string; cell: string } }[] = [];
  let anyProps = false;
  let anyTextFormat = false;
  for (let r = r0; r < r1; r++) {
    const src = sheet.rows[r] ?? [];
    const vRow: (string | number | null)[] = [];
    const fRow: (string | null)[] = [];
    const tRow: (string | null)[] = [];
    const pRow: Excel.SettableCellProperties[] = [];
    for (let c = 0; c < cols; c++) {
      const cell: OutputCell | null | undefined = src[c];
      const value = cell ? cellValue(cell.value) : null;
      vRow.push(value);
      // Text is formatted '@' before it is written, so Excel keeps it as text (never a formula,
      // number or date); a text cell's own format, if any, is applied after the value.
      if (typeof value === 'string') {
        fRow.push('@');
        tRow.push(cell?.format && cell.format !== '@' ? cell.format : null);
        if (tRow[c] !== null) anyTextFormat = true;
      } else {
        fRow.push(cell?.format ?? null);
        tRow.push(null);
      }
      const p: Excel.SettableCellProperties = {};
      if (cell) {
        const font: Excel.CellPropertiesFont = {};
        if (cell.bold) font.bold = true;
        if (cell.italic) font.italic = true;
        if (cell.underline) font.underline = 'Single';
        if (cell.link) {
          font.color = LINK_COLOUR;
          font.underline = 'Single';
          links.push({ row: r, col: c, text: value === null ? '' : String(value), link: cell.link });
        }
        const format: Excel.CellPropertiesFormat = {};
        if (Object.keys(font).length) format.font = font;
        if (cell.align) format.horizontalAlignment = ALIGN[cell.align];
        if (cell.wrap) format.wrapText = true;
        if (Object.keys(format).length) {
          p.format = format;
          anyProps = true;
        }
      }
      pRow.push(p);
    }
    values.push(vRow);
    formats.push(fRow);
    textFormats.push(tRow);
    props.push(pRow);
  }
  return {
    values,
    formats,
    textFormats: anyTextFormat ? textFormats : null,
    props: anyProps ? props : null,
    links,
    /** UTF-8 bytes of each part's JSON, and of the links with their ranges; the optional ones as if written. */
    bytes: {
      base: jsonBytes(formats) + jsonBytes(values) + links.reduce((n, l) => n + linkBytes(l.link, l.text), 0),
      textFormats: anyTextFormat ? jsonBytes(textFormats) : 0,
      props: anyProps ? jsonBytes(props) : 0,
      textFormatsIfAny: jsonBytes(textFormats),
      propsIfAny: jsonBytes(props),
    },
  };
}

/** What office-js adds to a chunk's arrays: its range, an action for each array, and the pieces of big arrays. */
function chunkOverhead(text: boolean, props: boolean, rows: number, cols: number): number {
  const action = (name: string) => REQUEST_BYTES.action + name.length;
  const arrays = 2 + (text ? 1 : 0);
  return (
    REQUEST_BYTES.range +
    action('NumberFormat') * (text ? 2 : 1) +
    action('Values') +
    (props ? action('SetCellProperties') : 0) +
    REQUEST_BYTES.property * 2 /* format, then its verticalAlignment */ +
    arrays * piecesBytes(rows, cols)
  );
}

/**
 * Rows [r0, r1) of a sheet whose request fits `cap` bytes (at least one row), and its bytes.
 * The optional arrays (fonts, text formats) are written for the whole chunk when any row needs
 * them, so they count for every row from then on.
 */
export function chunkRows(
  sheet: OutputSheet,
  r0: number,
  rows: number,
  cols: number,
  cap: number,
): { r1: number; bytes: number } {
  let base = 0;
  let text = 0;
  let props = 0;
  let anyText = false;
  let anyProps = false;
  let r1 = r0;
  while (r1 < rows) {
    const b = writeArrays(sheet, r1, r1 + 1, cols).bytes;
    const nextText: boolean = anyText || b.textFormats > 0;
    const nextProps: boolean = anyProps || b.props > 0;
    const total =
      chunkOverhead(nextText, nextProps, r1 + 1 - r0, cols) +
      base +
      b.base +
      (nextText ? text + b.textFormatsIfAny : 0) +
      (nextProps ? props + b.propsIfAny : 0);
    if (r1 > r0 && total > cap) break;
    base += b.base;
    text += b.textFormatsIfAny;
    props += b.propsIfAny;
    anyText = nextText;
    anyProps = nextProps;
    r1++;
  }
  return {
    r1,
    bytes: chunkOverhead(anyText, anyProps, r1 - r0, cols) + base + (anyText ? text : 0) + (anyProps ? props : 0),
  };
}

/** What a write batch needs from its adapter. */
export interface WriteBatch {
  context: Excel.RequestContext;
  sync: (stage: string, estimatedBytes: number) => Promise<SyncRecord>;
  /** Bytes one sync is planned to carry. */
  budget: number;
  supports: (version: string) => boolean;
}

/**
 * Queues a sheet's columns, cells, links and frozen rows, flushing a sync whenever the next
 * piece would take the request over the budget.
 */
export async function fillSheet(
  ws: Excel.Worksheet,
  sheet: OutputSheet,
  budget: number,
  flushIfOver: (bytes: number) => Promise<number>,
): Promise<void> {
  if (sheet.columnWidths.length) {
    const widths = sheet.columnWidths.map((w) => ({ format: { columnWidth: columnWidthPoints(w) } }));
    await flushIfOver(REQUEST_BYTES.range + actionBytes('SetColumnProperties', [widths]));
    ws.getRangeByIndexes(0, 0, 1, widths.length).setColumnProperties(widths);
  }
  const rows = sheet.rows.length;
  const cols = sheet.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0);
  // Rows go in chunks whose requests fit what is left of this sync's budget (or a whole
  // budget, when little is left): one chunk for any ordinary report.
  let r0 = 0;
  let pending = await flushIfOver(0);
  while (cols > 0 && r0 < rows) {
    const room = budget - pending;
    const cap = room >= budget / 10 ? room : budget;
    const { r1, bytes } = chunkRows(sheet, r0, rows, cols, cap);
    pending = await flushIfOver(bytes);
    const a = writeArrays(sheet, r0, r1, cols);
    const range = ws.getRangeByIndexes(r0, 0, r1 - r0, cols);
    range.numberFormat = a.formats;
    range.values = a.values;
    if (a.textFormats) range.numberFormat = a.textFormats;
    if (a.props) range.setCellProperties(a.props);
    // Every cell sits at the top of its row, so a row made taller for wrapped text reads across: one
    // property for the chunk, where a per-cell format doubled the request of a big sheet.
    range.format.verticalAlignment = 'Top';
    for (const l of a.links) {
      ws.getRangeByIndexes(l.row, l.col, 1, 1).hyperlink = {
        documentReference: sheetRef(l.link.sheet, l.link.cell),
        textToDisplay: l.text,
      };
    }
    r0 = r1;
  }
  if (sheet.freezeRows) {
    await flushIfOver(REQUEST_BYTES.property + actionBytes('FreezeRows', [sheet.freezeRows]));
    ws.freezePanes.freezeRows(sheet.freezeRows);
  }
  await flushIfOver(rowHeightBytes(sheet));
  queueRowHeights(ws, sheet);
}
