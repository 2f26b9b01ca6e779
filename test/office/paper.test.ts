/**
 * Inside Excel: the report's sheets get the same print set-up as in an .xlsx file (A4, their
 * orientation, one page wide, margins, header and footer, print area, title rows, page breaks),
 * their row heights, and charts of their size with their axis titles; the risk–reward matrix has
 * the risk rating across. All of it goes in the batches of the cells: no sync more.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { OutputSheet } from '../../src/engine/output';
import { buildReport, SCORES_SHEET, SUMMARY_SHEET } from '../../src/engine/report';
import { scoreWorkbook } from '../../src/engine/scoring';
import { readWorkbook } from '../../src/engine/workflow';
import { OfficeWorkbook } from '../../src/hosts/office';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { readFileSync } from 'node:fs';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { FakeBook, fakeExcel } from './fake-excel';

let sheets: { sheet: OutputSheet; owned: boolean }[];

beforeAll(async () => {
  const read = await readWorkbook(await XlsxWorkbook.open(new Uint8Array(readFileSync(EXAMPLE_WITH_PROPOSALS))));
  const check = checkWorkbook(read.sheets);
  sheets = buildReport(check, {
    scores: scoreWorkbook(read.inputs),
    paper: { source: 'example.xlsx', written: '2026-12-01' },
  }).sheets;
});

async function written(refusePageLayout = false) {
  const book = new FakeBook([{ name: 'Revenue Budget', cells: { A1: 'Revenue' } }]);
  book.refusePageLayout = refusePageLayout;
  const excel = fakeExcel(book);
  const wb = new OfficeWorkbook(excel.run, { supportsExcelApi: () => true });
  const result = await wb.writeSheets(sheets, []);
  return { book, result, stages: wb.lastStats.records.map((r) => r.stage) };
}

describe('the report as a paper, inside Excel', () => {
  it('sets each sheet’s page as its description says, in one sync after the sheets are in place', async () => {
    const { book, result, stages } = await written();
    expect(result.notes).toEqual([]);
    expect(stages).toEqual([
      'List sheets and the add-in’s record',
      'Write sheets',
      'Put the new sheets in place',
      'Set up printing',
      'Draw charts on MTFS Summary',
      'Draw charts on Proposal Scores',
    ]);
    for (const { sheet } of sheets) {
      const page = sheet.page!;
      const fake = book.sheet(sheet.name)!;
      expect(fake.page, sheet.name).toMatchObject({
        orientation: page.orientation === 'landscape' ? 'Landscape' : 'Portrait',
        paperSize: 'A4',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        leftMargin: 36,
        rightMargin: 36,
        leftHeader: page.header.left,
        centerHeader: '&A',
        rightHeader: page.header.right,
        leftFooter: 'Source: example.xlsx',
        centerFooter: 'Page &P of &N',
        rightFooter: 'Written 1 December 2026',
        printArea: page.area,
      });
      expect(fake.page.printTitleRows, sheet.name).toBe(
        page.titleRows ? `$${page.titleRows.first + 1}:$${page.titleRows.last + 1}` : undefined,
      );
      expect(fake.pageBreaks, sheet.name).toEqual(page.breaksBefore.map((r) => `A${r + 1}`));
      expect(fake.frozenRows, sheet.name).toBe(sheet.freezeRows ?? 0);
    }
    const summary = book.sheet(SUMMARY_SHEET)!;
    expect(summary.page.leftHeader).toBe('Corporate Resources Department');
    expect(summary.page.rightHeader).toBe('MTFS 2015/16 - 2018/19');
    expect(summary.pageBreaks.length).toBeGreaterThan(0);
  });

  it('keeps the report written, with a note, when Excel refuses the print set-up', async () => {
    const { book, result } = await written(true);
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^Excel did not take the print set-up of the report sheets \(.+\)\. The report itself is written; set the pages up with Page Layout before printing\.$/,
      ),
    ]);
    expect(book.sheet(SUMMARY_SHEET)!.used()).not.toBeNull();
    expect(book.sheet(SUMMARY_SHEET)!.charts).toHaveLength(1);
  });

  it('makes rows with wrapped text as tall as the description says', async () => {
    const { book } = await written();
    const sheet = sheets.find((s) => s.sheet.name === SUMMARY_SHEET)!.sheet;
    const tall = (sheet.rowHeights ?? []).flatMap((h, r) => (h ? [[r, h]] : []));
    expect(tall.length).toBeGreaterThan(0);
    expect([...book.sheet(SUMMARY_SHEET)!.rowHeights.entries()]).toEqual(tall);
  });

  it('draws the bridge below its figures, and the risk–reward matrix with risk across and reward up, titled', async () => {
    const { book } = await written();
    expect(book.sheet(SUMMARY_SHEET)!.charts).toEqual([
      expect.objectContaining({ type: 'Waterfall', source: 'A61:B69', position: 'A72', end: 'H94' }),
    ]);
    expect(book.sheet(SCORES_SHEET)!.charts).toEqual([
      {
        type: 'XYScatter',
        source: 'D4:D8',
        seriesBy: 'Columns',
        title: 'Risk and reward of the proposals',
        xValues: 'E4:E8',
        seriesName: 'Proposals',
        axisTitles: { category: 'Risk rating', value: 'Reward score' },
        position: expect.stringMatching(/^A\d+$/),
        end: expect.stringMatching(/^F\d+$/),
      },
    ]);
  });
});
