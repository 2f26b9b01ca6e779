/** How a sheet the add-in writes is laid out as a paper: widths, wrapping, orientation, breaks, header and footer. */
import { describe, expect, it } from 'vitest';
import type { OutputCell, OutputSheet } from '../../src/engine/output';
import { dayInWords, linesIn, onPaper, pageBreaks, WIDEST_COLUMN } from '../../src/engine/paper';

const t = (value: string, style: Partial<OutputCell> = {}): OutputCell => ({ value, ...style });
const n = (value: number): OutputCell => ({ value, format: '#,##0;-#,##0', align: 'right' });

function sheet(rows: (OutputCell | null)[][], extra: Partial<OutputSheet> = {}): OutputSheet {
  return { name: 'Sheet', columnWidths: [], rows, ...extra };
}

describe('laying a sheet out as a paper', () => {
  it('fits each column to its longest entry, leaves titles to run on, and wraps what is wider than the widest column', () => {
    const long = 'County Hall Master Plan 1 - Modernisation of former Fire HQ to enable Registrars and Out of Hours';
    const out = onPaper(
      sheet([
        [t('CAPITAL PROGRAMME SUMMARY: CORPORATE PROGRAMME', { bold: true })],
        [t('Project', { bold: true }), t('2015/16 £000', { bold: true, align: 'right', wrap: true })],
        [t('ICT'), n(1450)],
        [t(long), n(-1234567)],
      ]),
    );
    expect(out.columnWidths[0]).toBe(WIDEST_COLUMN);
    // "-1,234,567" is ten characters; the heading wraps at its words.
    expect(out.columnWidths[1]).toBe(12);
    expect(out.rows[3][0]).toMatchObject({ value: long, wrap: true });
    expect(out.rows[0][0]!.wrap).toBeUndefined();
    expect(out.rowHeights?.[3]).toBe(45);
    expect(out.rowHeights?.[1]).toBe(30);
    expect(out.rowHeights?.[2]).toBeUndefined();
  });

  it('counts wrapped lines between words', () => {
    expect(linesIn('one two three', 40)).toBe(1);
    expect(linesIn('one two three four five six seven', 12)).toBe(4);
    expect(linesIn('', 10)).toBe(1);
  });

  it('prints portrait when the sheet fits a portrait page, landscape when it is wider and that takes no more pages', () => {
    const narrow = onPaper(sheet([[t('Line'), n(1)]]));
    expect(narrow.page?.orientation).toBe('portrait');
    const wideRow = Array.from({ length: 12 }, (_, i) => t(`Heading number ${i}`));
    const wide = onPaper(sheet([wideRow, wideRow.map(() => n(123456))]));
    expect(wide.page?.orientation).toBe('landscape');
    expect(wide.page?.area).toBe('A1:L2');
  });

  it('repeats the frozen rows atop each page and includes charts in the print area', () => {
    const out = onPaper(
      sheet([[t('Title', { bold: true })], [t('Line'), n(1)]], {
        freezeRows: 1,
        charts: [{ title: 'Chart', kind: 'column', range: 'A2:B2', anchor: 'A4', to: 'F20' }],
      }),
    );
    expect(out.page?.titleRows).toEqual({ first: 0, last: 0 });
    expect(out.page?.area).toBe('A1:F20');
  });

  it('breaks a page only before a table that would run over the foot of the page, never inside one', () => {
    const heights = Array<number>(100).fill(15);
    const blocks = [
      { start: 0, end: 30 },
      { start: 30, end: 50 },
      { start: 50, end: 60 },
      { start: 60, end: 100 },
    ];
    // 40 rows to a page: 0-29 and 30-49 do not fit together.
    const breaks = pageBreaks(heights, blocks, 600, 15);
    expect(breaks).toEqual([30, 60]);
    for (const b of breaks) expect(blocks.some((block) => block.start === b)).toBe(true);
  });

  it('heads and foots every page: department, sheet and period; source, page X of Y and the day written, ampersands kept literal', () => {
    const out = onPaper(sheet([[t('x')]]), {
      department: 'ADULTS & HEALTH',
      period: '2025/26 - 2028/29',
      source: 'A&B.xlsx',
      written: '2026-12-01',
    });
    expect(out.page?.header).toEqual({
      left: 'Adults && Health Department',
      center: '&A',
      right: 'MTFS 2025/26 - 2028/29',
    });
    expect(out.page?.footer).toEqual({
      left: 'Source: A&&B.xlsx',
      center: 'Page &P of &N',
      right: 'Written 1 December 2026',
    });
    expect(onPaper(sheet([[t('x')]]), { department: 'Council' }).page?.header.left).toBe('Council');
    expect(dayInWords('2027-03-31')).toBe('31 March 2027');
  });
});
