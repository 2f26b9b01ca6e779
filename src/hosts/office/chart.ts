/// <reference types="office-js" />
import { rangeColumns } from '../../engine/a1';
import type { ChartSpec } from '../../engine/output';

export function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** How a chart spec is drawn on this host. */
export interface ChartDrawing {
  type: 'Waterfall' | 'ColumnStacked' | 'ColumnClustered' | 'XYScatter';
  range: string;
  seriesBy: 'Auto' | 'Columns';
  /** Category labels set on every series (ExcelApi 1.7), for a source range that holds figures only. */
  categories?: string;
  /** The first series only lifts the bars above it: drawn without fill, and no legend. */
  invisibleBase?: boolean;
}

/**
 * A waterfall where ExcelApi 1.9 has one. Without it, the spec's stacked fallback: the same bridge as
 * columns stacked on an invisible base (the classic hand-made waterfall); clustered columns only
 * when the spec has no such fallback.
 */
export function chartDrawing(spec: ChartSpec, supports: (version: string) => boolean = supportsExcelApi): ChartDrawing {
  if (spec.kind === 'scatter') return { type: 'XYScatter', range: spec.range, seriesBy: 'Auto' };
  if (spec.kind === 'waterfall' && supports('1.9')) return { type: 'Waterfall', range: spec.range, seriesBy: 'Auto' };
  const fallback = spec.kind === 'waterfall' ? spec.stackedFallback : undefined;
  if (!fallback) return { type: 'ColumnClustered', range: spec.range, seriesBy: 'Auto' };
  return {
    type: 'ColumnStacked',
    range: fallback.range,
    seriesBy: 'Columns',
    invisibleBase: true,
    ...(supports('1.7') ? { categories: fallback.categories } : {}),
  };
}

export function drawChart(ws: Excel.Worksheet, spec: ChartSpec, supports: (version: string) => boolean): void {
  const drawing = chartDrawing(spec, supports);
  const chart = ws.charts.add(drawing.type, ws.getRange(drawing.range), drawing.seriesBy);
  chart.title.text = spec.title;
  chart.setPosition(spec.anchor);
  if (!drawing.invisibleBase) return;
  chart.legend.visible = false;
  chart.series.getItemAt(0).format.fill.clear();
  if (!drawing.categories) return;
  const categories = ws.getRange(drawing.categories);
  for (let i = 0; i < rangeColumns(drawing.range); i++) chart.series.getItemAt(i).setXAxisValues(categories);
}
