import { parseA1, rangeColumns, sheetRef, columnLetters } from '../../engine/a1';
import { chartEnd, type ChartSpec } from '../../engine/output';
import { relsPartOf, resolveTarget, type XlsxPackage } from './package';
import { escapeAttr, escapeText } from './xml';

/**
 * The charts of one of the add-in's sheets as DrawingML parts added to the package, the way Excel
 * saves them: a drawing part anchoring each chart between two cells, and a chart part per chart
 * whose series refer to the figures on the sheet. Excel, LibreOffice and Numbers draw them.
 *
 * The budget bridge is written as its stacked-column chart (an invisible base lifting each step
 * to its place): Excel's waterfall is a newer kind of chart part (chartex) that LibreOffice and
 * Excel 2013 cannot draw at all. Inside Excel the add-in draws the waterfall itself (office/chart.ts).
 */

export const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
export const CHART_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
export const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** Colours of the bridge's bars: the budget's level, an increase (growth), a decrease (a saving). */
const BRIDGE_COLOURS = ['', '44546A', 'C55A11', '548235'];
const POINT_COLOUR = '2F5597';

/** 'E60:E69' on a sheet → 'Sheet'!$E$60:$E$69, as a chart's series formula. */
export function seriesRef(sheet: string, range: string): string {
  const absolute = range
    .split(':')
    .map((cell) => {
      const { row, col } = parseA1(cell);
      return `$${columnLetters(col)}$${row + 1}`;
    })
    .join(':');
  return sheetRef(sheet, absolute);
}

/** Column `i` of a range, as a range of its own. */
function columnOf(range: string, i: number): string {
  const [from, to = from] = range.split(':').map(parseA1);
  const col = columnLetters(from.col + i);
  return `${col}${from.row + 1}:${col}${to.row + 1}`;
}

/** The cell above a range's first cell in column `i`: the series' name. */
function headingOf(range: string, i: number): string {
  const from = parseA1(range.split(':')[0]);
  return `${columnLetters(from.col + i)}${from.row}`;
}

const f = (ref: string) => `<c:f>${escapeText(ref)}</c:f>`;
const rich = (text: string) =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
const titleXml = (text: string) => `<c:title>${rich(text)}<c:overlay val="0"/></c:title>`;
const fill = (colour: string) =>
  colour ? `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr>` : '';

/** A value axis: id, position, the axis it crosses, and its title. */
function valueAxis(id: number, pos: 'b' | 'l', cross: number, title?: string, gridlines = pos === 'l'): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${pos}"/>${gridlines ? '<c:majorGridlines/>' : ''}${title ? titleXml(title) : ''}` +
    '<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>' +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="${pos === 'b' ? 'midCat' : 'between'}"/></c:valAx>`
  );
}

function categoryAxis(id: number, cross: number, title?: string): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/>${title ? titleXml(title) : ''}<c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="low"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
  );
}

/** Columns of figures over category labels: stacked with an unfilled first series (the bridge), or side by side. */
function columnChart(sheet: string, spec: ChartSpec): string {
  const stacked = spec.stackedFallback;
  const values = stacked?.range ?? spec.range;
  const categories = stacked?.categories ?? columnOf(spec.range, 0);
  const first = stacked ? 0 : 1;
  const series = Array.from({ length: rangeColumns(values) - first }, (_, n) => {
    const i = n + first;
    const look = stacked
      ? i === 0
        ? '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        : fill(BRIDGE_COLOURS[i] ?? '')
      : fill(POINT_COLOUR);
    return (
      `<c:ser><c:idx val="${n}"/><c:order val="${n}"/><c:tx><c:strRef>${f(seriesRef(sheet, headingOf(values, i)))}</c:strRef></c:tx>` +
      `${look}<c:invertIfNegative val="0"/><c:cat><c:strRef>${f(seriesRef(sheet, categories))}</c:strRef></c:cat>` +
      `<c:val><c:numRef>${f(seriesRef(sheet, columnOf(values, i)))}</c:numRef></c:val></c:ser>`
    );
  }).join('');
  const plot =
    `<c:barChart><c:barDir val="col"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>` +
    `${series}<c:gapWidth val="50"/>${stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    categoryAxis(1001, 1002, spec.axes?.category) +
    valueAxis(1002, 'l', 1001, spec.axes?.value);
  // The invisible base has no place in the legend.
  const legend = stacked
    ? '<c:legend><c:legendPos val="b"/><c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry><c:overlay val="0"/></c:legend>'
    : '';
  return chartSpace(spec.title, plot, legend);
}

/** Points by two columns of the same rows (the risk–reward matrix). */
function scatterChart(sheet: string, spec: ChartSpec): string {
  const points = spec.points ?? { x: columnOf(spec.range, 0), y: columnOf(spec.range, 1), name: spec.title };
  const series =
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeText(points.name)}</c:v></c:tx>` +
    '<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>' +
    `<c:marker><c:symbol val="circle"/><c:size val="8"/>${fill(POINT_COLOUR)}</c:marker>` +
    `<c:xVal><c:numRef>${f(seriesRef(sheet, points.x))}</c:numRef></c:xVal>` +
    `<c:yVal><c:numRef>${f(seriesRef(sheet, points.y))}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`;
  const plot =
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}` +
    '<c:axId val="2001"/><c:axId val="2002"/></c:scatterChart>' +
    valueAxis(2001, 'b', 2002, spec.axes?.category, false) +
    valueAxis(2002, 'l', 2001, spec.axes?.value);
  return chartSpace(spec.title, plot, '');
}

function chartSpace(title: string, plot: string, legend: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}"><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** A chart's part: a scatter for the matrix, columns for the rest (the bridge's stacked fallback). */
export function chartXml(sheet: string, spec: ChartSpec): string {
  return spec.kind === 'scatter' ? scatterChart(sheet, spec) : columnChart(sheet, spec);
}

function anchorXml(spec: ChartSpec, n: number, relId: string): string {
  const from = parseA1(spec.anchor);
  // The chart covers its last cell: the anchor's far corner is the next cell's top left.
  const end = parseA1(chartEnd(spec));
  const to = { row: end.row + 1, col: end.col + 1 };
  const cell = (tag: string, at: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${cell('from', from)}${cell('to', to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${n + 1}" name="${escapeAttr(`Chart ${n}: ${spec.title}`)}"/>` +
    '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
  );
}

/**
 * Adds a sheet's charts to the package: their chart parts, the drawing that anchors them and the
 * sheet's relationship to it. Returns the relationship id for the sheet's `<drawing>`.
 */
export function addCharts(pkg: XlsxPackage, sheetPart: string, sheetName: string, charts: ChartSpec[]): string {
  const drawing = pkg.freeName('xl/drawings/drawing', '.xml');
  const anchors = charts.map((spec, i) => {
    const part = pkg.freeName('xl/charts/chart', '.xml');
    pkg.setPart(part, chartXml(sheetName, spec));
    pkg.setContentType(part, CHART_TYPE);
    return anchorXml(spec, i + 1, pkg.addRelationship(drawing, CHART_REL, part));
  });
  pkg.setPart(
    drawing,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">${anchors.join('')}</xdr:wsDr>`,
  );
  pkg.setContentType(drawing, DRAWING_TYPE);
  return pkg.addRelationship(sheetPart, DRAWING_REL, drawing);
}

/**
 * Removes what hung off one of the add-in's own sheets before it is written again: its drawing
 * and the drawing's charts go with the sheet's relationships (they were the add-in's own too).
 */
export function removeSheetParts(pkg: XlsxPackage, sheetPart: string): void {
  for (const rel of pkg.relationships(sheetPart)) {
    if (rel.type !== DRAWING_REL || rel.external) continue;
    const drawing = resolveTarget(sheetPart, rel.target);
    for (const chart of pkg.relationships(drawing))
      if (chart.type === CHART_REL && !chart.external) pkg.removePart(resolveTarget(drawing, chart.target));
    pkg.removePart(drawing);
  }
  const rels = pkg.find(relsPartOf(sheetPart));
  if (rels) pkg.removePart(rels);
}
