/// <reference types="office-js" />
import { sheetRef } from '../../engine/a1';
import { cellValue, type OutputCell, type OutputSheet } from '../../engine/output';
import { ownerName, OWNER_NAME_PREFIX, sheetKey } from '../../engine/ownership';
import type { Progress } from '../../engine/port';
import { drawChart } from './chart';
import { referencedSheet } from './names';
import { jsonBytes, READ_BYTES, SMALL_OP_BYTES, SMALL_OP_SLACK_BYTES, type SyncRecord } from './sync';

/** Column width in characters (ExcelJS, the OutputSheet) to points (office-js), for Calibri 11. */
export function columnWidthPoints(chars: number): number {
  return Math.round(Math.trunc(chars * 7 + 5) * 0.75 * 100) / 100;
}

const ALIGN = { left: 'Left', right: 'Right', center: 'Center' } as const;
const LINK_COLOUR = '#0563C1';

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
        if (cell.align || cell.wrap) format.verticalAlignment = 'Top';
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
    /** Request bytes of each part, the optional ones as if written. */
    bytes: {
      base: jsonBytes(values) + jsonBytes(formats) + links.length * 200,
      textFormats: anyTextFormat ? jsonBytes(textFormats) : 0,
      props: anyProps ? jsonBytes(props) : 0,
      textFormatsIfAny: jsonBytes(textFormats),
      propsIfAny: jsonBytes(props),
    },
  };
}

/**
 * Rows [r0, r1) of a sheet whose arrays fit `cap` bytes (at least one row), and their bytes.
 * The optional arrays (fonts, text formats) are written for the whole chunk when any row needs
 * them, so they count for every row from then on.
 */
function chunkRows(
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
    const total = base + b.base + (nextText ? text + b.textFormatsIfAny : 0) + (nextProps ? props + b.propsIfAny : 0);
    if (r1 > r0 && total > cap) break;
    base += b.base;
    text += b.textFormatsIfAny;
    props += b.propsIfAny;
    anyText = nextText;
    anyProps = nextProps;
    r1++;
  }
  return { r1, bytes: base + (anyText ? text : 0) + (anyProps ? props : 0) };
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
 * Writes the add-in's sheets in one batch: removes the sheets it replaces and their owner names,
 * then adds each sheet's columns, cells, links, frozen rows, charts and owner name, in as few syncs
 * as the payload budget allows.
 */
export async function writeOutputSheets(
  { context, sync, budget, supports }: WriteBatch,
  sheets: { sheet: OutputSheet; owned: boolean }[],
  replace: string[],
  onProgress?: Progress,
): Promise<void> {
  const wb = context.workbook;
  const suspend = () => {
    const app = context.application as Excel.Application & { suspendScreenUpdatingUntilNextSync?: () => void };
    if (typeof app?.suspendScreenUpdatingUntilNextSync === 'function') app.suspendScreenUpdatingUntilNextSync();
  };

  // 1. The workbook's names: an owner name left behind (its sheet replaced or deleted by hand)
  //    would make adding the new one fail, so those are removed first.
  const needNames = replace.length > 0 || sheets.some((s) => s.owned);
  if (needNames) {
    wb.names.load('items/name,items/formula');
    await sync('Read names', READ_BYTES.perSheet);
  }

  // 2. Everything else, in one sync unless the sheets are too big for one request.
  let pending = 0;
  const flushIfOver = async (bytes: number, stage: string) => {
    // Small operations (a name, a chart, a link) may run into the headroom under the limit
    // rather than cost a round trip of their own.
    const limit = bytes <= SMALL_OP_BYTES ? budget + SMALL_OP_SLACK_BYTES : budget;
    if (pending > 0 && pending + bytes > limit) {
      await sync(stage, pending);
      pending = 0;
      suspend();
    }
    pending += bytes;
  };
  suspend();
  const replacing = new Set(replace.map(sheetKey));
  const adding = new Set(sheets.filter((s) => s.owned).map((s) => ownerName(s.sheet.name)));
  for (const n of needNames ? wb.names.items : []) {
    if (!n.name.startsWith(OWNER_NAME_PREFIX)) continue;
    const target = referencedSheet(typeof n.formula === 'string' ? n.formula : '');
    if (adding.has(n.name) || (target !== null && replacing.has(sheetKey(target)))) n.delete();
  }
  for (const name of replace) wb.worksheets.getItem(name).delete();
  pending += 100 * (replace.length + 1);

  for (const [i, { sheet, owned }] of sheets.entries()) {
    onProgress?.(i, sheets.length, `Writing ${sheet.name}`);
    await flushIfOver(200, `Write ${sheet.name}`);
    const ws = wb.worksheets.add(sheet.name);
    if (sheet.columnWidths.length) {
      const widths = sheet.columnWidths.map((w) => ({ format: { columnWidth: columnWidthPoints(w) } }));
      await flushIfOver(jsonBytes(widths), `Write ${sheet.name}`);
      ws.getRangeByIndexes(0, 0, 1, widths.length).setColumnProperties(widths);
    }
    const rows = sheet.rows.length;
    const cols = sheet.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0);
    // Rows go in chunks whose arrays fit what is left of this sync's budget (or a whole
    // budget, when little is left): one chunk for any ordinary report.
    let r0 = 0;
    while (cols > 0 && r0 < rows) {
      const room = budget - pending;
      const cap = room >= budget / 10 ? room : budget;
      const { r1, bytes } = chunkRows(sheet, r0, rows, cols, cap);
      await flushIfOver(bytes, `Write ${sheet.name}`);
      const a = writeArrays(sheet, r0, r1, cols);
      const range = ws.getRangeByIndexes(r0, 0, r1 - r0, cols);
      range.numberFormat = a.formats;
      range.values = a.values;
      if (a.textFormats) range.numberFormat = a.textFormats;
      if (a.props) range.setCellProperties(a.props);
      for (const l of a.links) {
        ws.getRangeByIndexes(l.row, l.col, 1, 1).hyperlink = {
          documentReference: sheetRef(l.link.sheet, l.link.cell),
          textToDisplay: l.text,
        };
      }
      r0 = r1;
    }
    if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
    for (const spec of sheet.charts ?? []) {
      await flushIfOver(300, `Write ${sheet.name}`);
      drawChart(ws, spec, supports);
    }
    if (owned) {
      await flushIfOver(200, `Write ${sheet.name}`);
      wb.names.add(ownerName(sheet.name), ws.getRange('A1'));
    }
  }
  await sync('Write sheets', pending);
  onProgress?.(sheets.length, sheets.length, 'Written');
}
