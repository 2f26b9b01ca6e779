/// <reference types="office-js" />
import { a1 } from '../../engine/a1';
import type { OutputSheet, PageSetup } from '../../engine/output';
import { PAGE_MARGINS } from '../../engine/paper';
import { jsonBytes, REQUEST_BYTES } from './sync';

/** Inches to points, as office-js takes margins. */
const points = (inches: number) => inches * 72;

/** The request bytes of a sheet's row heights. */
export function rowHeightBytes(sheet: OutputSheet): number {
  const heights = sheet.rowHeights;
  return heights ? REQUEST_BYTES.range + jsonBytes(heights.map((h) => (h ? { format: { rowHeight: h } } : {}))) : 0;
}

/** Queues the heights of a sheet's rows with wrapped text (ExcelApi 1.9), with its cells. */
export function queueRowHeights(ws: Excel.Worksheet, sheet: OutputSheet): void {
  const heights = sheet.rowHeights;
  if (heights?.length)
    ws.getRangeByIndexes(0, 0, heights.length, 1).setRowProperties(
      heights.map((h) => (h ? { format: { rowHeight: h } } : {})),
    );
}

/** The request bytes of a sheet's print set-up: a few properties, its header and footer, its breaks. */
export function pageBytes(page: PageSetup): number {
  return (
    REQUEST_BYTES.property * 20 +
    jsonBytes(page.header) +
    jsonBytes(page.footer) +
    page.breaksBefore.length * (REQUEST_BYTES.action + 16)
  );
}

/**
 * Queues a sheet's print set-up (ExcelApi 1.9): A4, its orientation, one page wide and as many
 * tall as it takes, margins, header and footer, print area, title rows and page breaks.
 */
export function queuePage(ws: Excel.Worksheet, page: PageSetup): void {
  const layout = ws.pageLayout;
  layout.orientation = page.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.paperSize = 'A4';
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  layout.leftMargin = points(PAGE_MARGINS.left);
  layout.rightMargin = points(PAGE_MARGINS.right);
  layout.topMargin = points(PAGE_MARGINS.top);
  layout.bottomMargin = points(PAGE_MARGINS.bottom);
  layout.headerMargin = points(PAGE_MARGINS.header);
  layout.footerMargin = points(PAGE_MARGINS.footer);
  const all = layout.headersFooters.defaultForAllPages;
  all.leftHeader = page.header.left;
  all.centerHeader = page.header.center;
  all.rightHeader = page.header.right;
  all.leftFooter = page.footer.left;
  all.centerFooter = page.footer.center;
  all.rightFooter = page.footer.right;
  layout.setPrintArea(page.area);
  if (page.titleRows) layout.setPrintTitleRows(`$${page.titleRows.first + 1}:$${page.titleRows.last + 1}`);
  for (const row of page.breaksBefore) ws.horizontalPageBreaks.add(a1(row, 0));
}
