/// <reference types="office-js" />
import { chartEnd, type ChartSpec } from '../../engine/output';

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

/**
 * Queues a chart: its type, source, title, axis titles, place and size. A scatter's points are
 * its y column with the x column set on the series (ExcelApi 1.7), so the axes are the ones meant.
 */
export function drawChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const drawing = chartDrawing(spec);
  const points = drawing.type === 'XYScatter' ? spec.points : undefined;
  const chart = ws.charts.add(
    drawing.type,
    ws.getRange(points?.y ?? drawing.range),
    points ? 'Columns' : drawing.seriesBy,
  );
  chart.title.text = spec.title;
  if (points) {
    const series = chart.series.getItemAt(0);
    series.setXAxisValues(ws.getRange(points.x));
    series.name = points.name;
  }
  // A waterfall's axes are not open to office-js: its title says what its figures are.
  if (drawing.type !== 'Waterfall') {
    if (spec.axes?.category) chart.axes.categoryAxis.title.text = spec.axes.category;
    if (spec.axes?.value) chart.axes.valueAxis.title.text = spec.axes.value;
  }
  chart.setPosition(spec.anchor, chartEnd(spec));
}
