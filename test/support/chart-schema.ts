import { parseTree, type XmlElement } from '../../src/hosts/xlsx/xml';

/**
 * The content models of the DrawingML chart and spreadsheet-drawing elements the add-in writes,
 * from ECMA-376 Part 1 (dml-chart.xsd, dml-spreadsheetDrawing.xsd): each element's children in
 * the schema's order, with those the schema requires marked `1` (or `2` for two). A child out of
 * order, one the type does not allow, or a required one missing is a file Excel would repair.
 */
/** EG_AxShared: the elements every axis starts with, in order, before its own. */
const AX_SHARED: [string, number][] = [
  ['axId', 1],
  ['scaling', 1],
  ['delete', 0],
  ['axPos', 1],
  ['majorGridlines', 0],
  ['minorGridlines', 0],
  ['title', 0],
  ['numFmt', 0],
  ['majorTickMark', 0],
  ['minorTickMark', 0],
  ['tickLblPos', 0],
  ['spPr', 0],
  ['txPr', 0],
  ['crossAx', 1],
  ['crosses', 0],
];

const SEQUENCES: Record<string, [string, number][]> = {
  chartSpace: [
    ['date1904', 0],
    ['lang', 0],
    ['roundedCorners', 0],
    ['AlternateContent', 0],
    ['style', 0],
    ['clrMapOvr', 0],
    ['pivotSource', 0],
    ['protection', 0],
    ['chart', 1],
    ['spPr', 0],
    ['txPr', 0],
    ['externalData', 0],
    ['printSettings', 0],
    ['userShapes', 0],
    ['extLst', 0],
  ],
  chart: [
    ['title', 0],
    ['autoTitleDeleted', 0],
    ['pivotFmts', 0],
    ['view3D', 0],
    ['floor', 0],
    ['sideWall', 0],
    ['backWall', 0],
    ['plotArea', 1],
    ['legend', 0],
    ['plotVisOnly', 0],
    ['dispBlanksAs', 0],
    ['showDLblsOverMax', 0],
    ['extLst', 0],
  ],
  title: [
    ['tx', 0],
    ['layout', 0],
    ['overlay', 0],
    ['spPr', 0],
    ['txPr', 0],
    ['extLst', 0],
  ],
  barChart: [
    ['barDir', 1],
    ['grouping', 0],
    ['varyColors', 0],
    ['ser', 0],
    ['dLbls', 0],
    ['gapWidth', 0],
    ['overlap', 0],
    ['serLines', 0],
    ['axId', 2],
    ['extLst', 0],
  ],
  scatterChart: [
    ['scatterStyle', 1],
    ['varyColors', 0],
    ['ser', 0],
    ['dLbls', 0],
    ['axId', 2],
    ['extLst', 0],
  ],
  catAx: [
    ...AX_SHARED,
    ['auto', 0],
    ['lblAlgn', 0],
    ['lblOffset', 0],
    ['tickLblSkip', 0],
    ['tickMarkSkip', 0],
    ['noMultiLvlLbl', 0],
    ['extLst', 0],
  ],
  valAx: [...AX_SHARED, ['crossBetween', 0], ['majorUnit', 0], ['minorUnit', 0], ['dispUnits', 0], ['extLst', 0]],
  scaling: [
    ['logBase', 0],
    ['orientation', 0],
    ['max', 0],
    ['min', 0],
    ['extLst', 0],
  ],
  legend: [
    ['legendPos', 0],
    ['legendEntry', 0],
    ['layout', 0],
    ['overlay', 0],
    ['spPr', 0],
    ['txPr', 0],
    ['extLst', 0],
  ],
  legendEntry: [
    ['idx', 1],
    ['delete', 0],
    ['txPr', 0],
    ['extLst', 0],
  ],
  marker: [
    ['symbol', 0],
    ['size', 0],
    ['spPr', 0],
    ['extLst', 0],
  ],
  strRef: [
    ['f', 1],
    ['strCache', 0],
    ['extLst', 0],
  ],
  numRef: [
    ['f', 1],
    ['numCache', 0],
    ['extLst', 0],
  ],
  // spreadsheetDrawing
  twoCellAnchor: [
    ['from', 1],
    ['to', 1],
    ['graphicFrame', 1],
    ['clientData', 1],
  ],
  from: [
    ['col', 1],
    ['colOff', 1],
    ['row', 1],
    ['rowOff', 1],
  ],
  to: [
    ['col', 1],
    ['colOff', 1],
    ['row', 1],
    ['rowOff', 1],
  ],
  graphicFrame: [
    ['nvGraphicFramePr', 1],
    ['xfrm', 1],
    ['graphic', 1],
    ['extLst', 0],
  ],
};

/** A series of either chart kind: bar series and scatter series differ after the shared start. */
const SERIES: Record<string, [string, number][]> = {
  barChart: [
    ['idx', 1],
    ['order', 1],
    ['tx', 0],
    ['spPr', 0],
    ['invertIfNegative', 0],
    ['pictureOptions', 0],
    ['dPt', 0],
    ['dLbls', 0],
    ['trendline', 0],
    ['errBars', 0],
    ['cat', 0],
    ['val', 0],
    ['shape', 0],
    ['extLst', 0],
  ],
  scatterChart: [
    ['idx', 1],
    ['order', 1],
    ['tx', 0],
    ['spPr', 0],
    ['marker', 0],
    ['dPt', 0],
    ['dLbls', 0],
    ['trendline', 0],
    ['errBars', 0],
    ['xVal', 0],
    ['yVal', 0],
    ['smooth', 0],
    ['extLst', 0],
  ],
};

const PLOT_AREA_CHARTS = ['barChart', 'scatterChart', 'lineChart', 'pieChart', 'areaChart'];
const PLOT_AREA_AXES = ['catAx', 'valAx', 'dateAx', 'serAx'];

function checkSequence(el: XmlElement, sequence: [string, number][], path: string, problems: string[]): void {
  let at = 0;
  const seen = new Map<string, number>();
  for (const c of el.children) {
    const i = sequence.findIndex(([name]) => name === c.name);
    if (i < 0) problems.push(`${path}: <${c.name}> is not allowed in <${el.name}>`);
    else if (i < at) problems.push(`${path}: <${c.name}> is out of the schema's order in <${el.name}>`);
    else at = i;
    seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  }
  for (const [name, min] of sequence)
    if ((seen.get(name) ?? 0) < min) problems.push(`${path}: <${el.name}> lacks the required <${name}>`);
}

function walk(el: XmlElement, path: string, problems: string[], parent?: XmlElement): void {
  const here = `${path}/${el.name}`;
  if (el.name === 'ser' && parent && SERIES[parent.name]) checkSequence(el, SERIES[parent.name], here, problems);
  else if (el.name === 'plotArea') {
    const kinds = el.children.map((c) => c.name);
    const firstAxis = kinds.findIndex((k) => PLOT_AREA_AXES.includes(k));
    const lastChart = kinds.map((k) => PLOT_AREA_CHARTS.includes(k)).lastIndexOf(true);
    if (lastChart < 0) problems.push(`${here}: no chart in the plot area`);
    if (firstAxis >= 0 && firstAxis < lastChart) problems.push(`${here}: axes before a chart`);
    if (kinds.some((k, i) => k === 'layout' && i > 0)) problems.push(`${here}: <layout> is not first`);
  } else if (SEQUENCES[el.name] && !(el.name === 'chart' && parent?.name === 'graphicData'))
    checkSequence(el, SEQUENCES[el.name], here, problems);
  for (const c of el.children) walk(c, here, problems, el);
}

/** What in a chart or drawing part breaks the schema's content models, in words; none when it keeps to them. */
export function schemaProblems(xml: string): string[] {
  const problems: string[] = [];
  walk(parseTree(xml), '', problems);
  return problems;
}
