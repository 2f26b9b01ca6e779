/**
 * The report as a paper, in the .xlsx the command line and browser mode write: each sheet's print
 * set-up (A4, orientation, one page wide, print area and title rows, header and footer, page
 * breaks), frozen rows, fitted widths and row heights, and the bridge and risk–reward charts as
 * chart parts that keep to the schema and whose series point at the labelled figures on the sheet.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, SUMMARY_SHEET, SCORES_SHEET, FINDINGS_SHEET } from '../../src/engine/report';
import { scoreWorkbook } from '../../src/engine/scoring';
import { checkThrough, writeOutputs } from '../../src/engine/workflow';
import { WIDEST_COLUMN } from '../../src/engine/paper';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { parseTree, children, child } from '../../src/hosts/xlsx/xml';
import { schemaProblems } from '../support/chart-schema';
import { partsOf, partText, sheetPart, sheetXmlOf } from '../support/package';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';

const decoder = new TextDecoder();

async function writeReport(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.open(bytes);
  const { read, check } = await checkThrough(wb);
  const scores = scoreWorkbook(read.inputs);
  const report = buildReport(check, {
    scores,
    paper: { source: 'corporate-resources-2015-with-proposals.xlsx', written: '2026-12-01' },
  });
  await writeOutputs(wb, report.sheets);
  return wb.toBuffer();
}

const attr = (xml: string, element: string) => {
  const m = new RegExp(`<${element}\\b([^>]*)/?>`).exec(xml);
  return m ? Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])) : undefined;
};

let original: Uint8Array;
let written: Uint8Array;

beforeAll(async () => {
  original = new Uint8Array(readFileSync(EXAMPLE_WITH_PROPOSALS));
  written = await writeReport(original);
});

describe('print set-up in the written package', () => {
  it('prints every sheet the report writes on A4, one page wide and as many tall as it takes, with its print area', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written as unknown as ArrayBuffer);
    for (const name of [SUMMARY_SHEET, SCORES_SHEET, FINDINGS_SHEET, 'Scoring Model']) {
      const xml = sheetXmlOf(written, name);
      expect(xml, name).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
      expect(attr(xml, 'pageSetup'), name).toMatchObject({ paperSize: '9', fitToWidth: '1', fitToHeight: '0' });
      const ws = wb.getWorksheet(name)!;
      expect(ws.pageSetup.fitToPage, name).toBe(true);
      expect(ws.pageSetup.fitToWidth, name).toBe(1);
      expect(ws.pageSetup.fitToHeight, name).toBe(0);
      expect(ws.pageSetup.printArea, name).toMatch(/^\$?A\$?1:\$?[A-Z]+\$?\d+$/);
    }
    // The summary is portrait: two pages, where landscape takes four (paper.test.ts has the rule).
    expect(attr(sheetXmlOf(written, SUMMARY_SHEET), 'pageSetup')?.orientation).toBe('portrait');
  });

  it('names each print area and title rows as Excel does: sheet-scoped _xlnm names', () => {
    const workbook = partText(written, 'xl/workbook.xml');
    const sheets = [...workbook.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]);
    const names = [...workbook.matchAll(/<definedName name="(_xlnm\.[^"]+)" localSheetId="(\d+)">([^<]*)</g)].map(
      (m) => ({ name: m[1], sheet: sheets[Number(m[2])], value: m[3].replace(/&apos;/g, "'") }),
    );
    expect(names).toContainEqual({ name: '_xlnm.Print_Titles', sheet: SUMMARY_SHEET, value: "'MTFS Summary'!$1:$1" });
    expect(names).toContainEqual({ name: '_xlnm.Print_Titles', sheet: SCORES_SHEET, value: "'Proposal Scores'!$1:$3" });
    expect(names).toContainEqual({ name: '_xlnm.Print_Titles', sheet: FINDINGS_SHEET, value: "'MTFS Findings'!$1:$4" });
    const area = names.find((n) => n.name === '_xlnm.Print_Area' && n.sheet === SUMMARY_SHEET);
    // The area runs to the foot of the bridge chart, below the tables.
    expect(area?.value).toBe("'MTFS Summary'!$A$1:$H$94");
  });

  it('heads each page with the department, the sheet and the MTFS period, and foots it with the source, page X of Y and the day written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written as unknown as ArrayBuffer);
    const hf = wb.getWorksheet(SUMMARY_SHEET)!.headerFooter;
    expect(hf.oddHeader).toBe('&LCorporate Resources Department&C&A&RMTFS 2015/16 - 2018/19');
    expect(hf.oddFooter).toBe(
      '&LSource: corporate-resources-2015-with-proposals.xlsx&CPage &P of &N&RWritten 1 December 2026',
    );
  });

  it('breaks pages only between tables: the bridge and its chart start a page of their own', () => {
    const xml = sheetXmlOf(written, SUMMARY_SHEET);
    const breaks = [...xml.matchAll(/<brk id="(\d+)" max="16383" man="1"\/>/g)].map((m) => Number(m[1]));
    expect(breaks.length).toBeGreaterThan(0);
    // Each break is after a blank row (the gap between two tables), so the next row is a table's title.
    const rows = new Map([...xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)].map((m) => [Number(m[1]), m[2]]));
    for (const b of breaks) {
      expect(rows.get(b) ?? '', `row ${b}`).not.toMatch(/<v>|<t /);
      expect(rows.get(b + 1), `row ${b + 1}`).toMatch(/SUMMARY|BRIDGE|NET BUDGET|ITEMS/);
    }
  });

  it('freezes the header rows, fits widths to their content within bounds, and makes wrapped rows tall enough', () => {
    const summary = sheetXmlOf(written, SUMMARY_SHEET);
    expect(summary).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheetXmlOf(written, SCORES_SHEET)).toContain('<pane ySplit="3"');
    for (const name of [SUMMARY_SHEET, SCORES_SHEET, FINDINGS_SHEET]) {
      const widths = [...sheetXmlOf(written, name).matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
      for (const w of widths) expect(w, name).toBeGreaterThanOrEqual(6);
      for (const w of widths) expect(w, name).toBeLessThanOrEqual(WIDEST_COLUMN);
    }
    // Capital project names longer than the widest column wrap, in a row two or three lines tall.
    const row = /<row r="(\d+)" ht="(\d+)" customHeight="1">(?:(?!<\/row>).)*County Hall Master Plan 1/.exec(summary);
    expect(Number(row?.[2])).toBeGreaterThanOrEqual(30);
    const style = /<c r="A\d+" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">County Hall Master Plan 1/.exec(
      summary,
    )![1];
    const xfs = children(child(parseTree(partText(written, 'xl/styles.xml')), 'cellXfs'), 'xf');
    expect(child(xfs[Number(style)], 'alignment')?.attrs.wrapText).toBe('1');
  });

  it('says beside the growth summary why its total is not the budget summary’s growth line (corporate items)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const labels = ws.getColumn(1).values.map((v) => (typeof v === 'string' ? v : ''));
    const total = labels.indexOf('Total growth');
    expect(ws.getCell(total, 2).value).toBe(-160);
    expect(labels[total + 1]).toBe(
      "Note: the total includes CORPORATE ITEMS, outside the department's own budget; the budget summary's growth line does not.",
    );
    expect(labels.indexOf('Add proposed growth (Appendix B)')).toBeGreaterThan(0);
  });
});

describe('charts in the written package', () => {
  const parts = () => partsOf(written);
  const text = (name: string) => decoder.decode(parts().get(name));
  const relsOf = (part: string) => {
    const at = part.lastIndexOf('/');
    const xml = text(`${part.slice(0, at)}/_rels/${part.slice(at + 1)}.rels`);
    return [...xml.matchAll(/<Relationship Id="([^"]+)" Type="([^"]+)" Target="([^"]+)"\/>/g)].map((m) => ({
      id: m[1],
      type: m[2].split('/').pop(),
      target: new URL(m[3], `http://x/${part}`).pathname.slice(1),
    }));
  };
  const chartsOf = (sheet: string) => {
    const part = sheetPart(written, sheet);
    const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXmlOf(written, sheet))?.[1];
    const drawing = relsOf(part).find((r) => r.id === drawingId && r.type === 'drawing')!.target;
    return {
      drawing,
      charts: relsOf(drawing)
        .filter((r) => r.type === 'chart')
        .map((r) => r.target),
    };
  };

  it('adds a drawing and a chart part to the summary and the scores, with their content types', () => {
    const types = text('[Content_Types].xml');
    for (const sheet of [SUMMARY_SHEET, SCORES_SHEET]) {
      const { drawing, charts } = chartsOf(sheet);
      expect(charts).toHaveLength(1);
      expect(types).toContain(
        `<Override PartName="/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
      );
      expect(types).toContain(
        `<Override PartName="/${charts[0]}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
      expect(schemaProblems(text(drawing))).toEqual([]);
      expect(schemaProblems(text(charts[0]))).toEqual([]);
    }
  });

  it('draws the bridge as stacked columns of the labelled chart figures, the base unfilled, below the bridge', () => {
    const { drawing, charts } = chartsOf(SUMMARY_SHEET);
    const chart = text(charts[0]);
    expect(chart).toContain('<c:grouping val="stacked"/>');
    expect(chart).toContain('<c:overlap val="100"/>');
    expect(chart).toContain('<a:t>Budget bridge, £000</a:t>');
    const refs = [...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    const series = [0, 1, 2, 3].map((i) => refs.slice(i * 3, i * 3 + 3));
    expect(series.map((s) => s[0])).toEqual(['E', 'F', 'G', 'H'].map((c) => `'MTFS Summary'!$${c}$60`));
    expect(series.every((s) => s[1] === "'MTFS Summary'!$A$61:$A$70")).toBe(true);
    expect(series.map((s) => s[2])).toEqual(['E', 'F', 'G', 'H'].map((c) => `'MTFS Summary'!$${c}$61:$${c}$70`));
    expect(chart).toMatch(/<c:ser><c:idx val="0"\/>.*?<c:spPr><a:noFill\/>/);
    // It sits below the bridge's figures, across the sheet's columns.
    expect(text(drawing)).toContain('<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>71</xdr:row>');
    expect(text(drawing)).toContain('<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>94</xdr:row>');
  });

  it('points the series at cells holding what they are named for', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(['E60', 'F60', 'G60', 'H60'].map((c) => ws.getCell(c).value)).toEqual([
      'Chart: base',
      'Chart: level',
      'Chart: increase',
      'Chart: decrease',
    ]);
    expect(ws.getCell('A61').value).toBe('Sub Total 2015/16');
    expect(ws.getCell('A70').value).toBe('Proposed budget 2018/19');
    expect(ws.getCell('F70').value).toBe(ws.getCell('B70').value);
  });

  it('draws the risk–reward matrix as a scatter: risk rating across, reward score up, one point per proposal', async () => {
    const { charts } = chartsOf(SCORES_SHEET);
    const chart = text(charts[0]);
    expect(chart).toContain('<c:scatterChart>');
    expect(chart).toContain("<c:xVal><c:numRef><c:f>'Proposal Scores'!$E$4:$E$8</c:f>");
    expect(chart).toContain("<c:yVal><c:numRef><c:f>'Proposal Scores'!$D$4:$D$8</c:f>");
    expect(chart).toContain('<a:t>Risk rating</a:t>');
    expect(chart).toContain('<a:t>Reward score</a:t>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SCORES_SHEET)!;
    expect([ws.getCell('D3').value, ws.getCell('E3').value]).toEqual(['Reward score', 'Risk rating']);
    expect(ws.getCell('E8').value).toEqual(expect.any(Number));
    expect(ws.getCell('E9').value).toBeNull();
  });

  it('writes again over its own sheets without leaving the old charts behind, and keeps every other part as it was', async () => {
    const again = await writeReport(written);
    const before = [...partsOf(written).keys()].filter((p) => /xl\/(charts|drawings)\//.test(p)).sort();
    const after = [...partsOf(again).keys()].filter((p) => /xl\/(charts|drawings)\//.test(p));
    expect(after.length).toBe(before.length);
    const originalParts = partsOf(original);
    for (const [name, bytes] of originalParts) {
      if (name.endsWith('/')) continue; // a folder's entry in the zip, not a part
      if (
        /^(xl\/workbook\.xml|xl\/styles\.xml|\[Content_Types\]\.xml|xl\/_rels\/workbook\.xml\.rels|docProps\/)/.test(
          name,
        )
      )
        continue;
      expect(partsOf(again).get(name), name).toEqual(bytes);
    }
  });
});
