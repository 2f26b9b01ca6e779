/// <reference types="office-js" />
import type { ChartSpec } from '../../engine/output';

/** Whether Office says this ExcelApi requirement set is there; false outside Office. */
export function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** How a chart spec is drawn inside Excel. */
export interface ChartDrawing {
  type: 'Waterfall' | 'ColumnClustered' | 'XYScatter';
  range: string;
  seriesBy: 'Auto';
}

/**
 * The chart type for a spec. The manifest asks for ExcelApi 1.9, so every Excel that loads the
 * add-in has the waterfall; the spec's stacked fallback is for files written outside Excel.
 */
export function chartDrawing(spec: ChartSpec): ChartDrawing {
  const type = spec.kind === 'scatter' ? 'XYScatter' : spec.kind === 'waterfall' ? 'Waterfall' : 'ColumnClustered';
  return { type, range: spec.range, seriesBy: 'Auto' };
}

/** Queues a chart: its type, source, title and place. */
export function drawChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const drawing = chartDrawing(spec);
  const chart = ws.charts.add(drawing.type, ws.getRange(drawing.range), drawing.seriesBy);
  chart.title.text = spec.title;
  chart.setPosition(spec.anchor);
}
