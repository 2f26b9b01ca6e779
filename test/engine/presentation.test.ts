/**
 * Every published and constructed table of the test fixtures printed the other ways papers print the same figures:
 * moved down and right on the sheet, under a title, negatives with a minus rather than brackets, labels in capitals or
 * with stray spaces, years and units written other ways, thousands without separators, lines numbered, note markers
 * after labels, a footnote under the table, a comments column beside it. None of these says anything about the
 * figures, so the reader must find the same tables and the check say the same things at the same figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { a1, parseA1 } from '../../src/engine/a1';
import { checkWorkbook } from '../../src/engine/check';
import type { Cell, SheetGrid } from '../../src/engine/grid';
import { shiftFormula } from '../../src/hosts/xlsx/formula';
import { publishedTables } from '../fixtures/published/pages';
import { publishedTables2 } from '../fixtures/published/pages2';
import { publishedTables3 } from '../fixtures/published/pages3';
import { publishedTables4 } from '../fixtures/published/pages4';
import { publishedReports } from '../fixtures/published/reports';
import { publishedReports2 } from '../fixtures/published/reports2';
import { publishedReports3 } from '../fixtures/published/reports3';
import { publishedTablesReports4 } from '../fixtures/published/reports4';
import { unseenLayouts } from '../fixtures/unseen/layouts';
import { readCorpus } from '../support/councils';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';

interface Printing {
  name: string;
  print: (sheets: SheetGrid[]) => void;
  /** A finding's cell on the sheets as printed, back on the sheets as they were. */
  back?: (cell: string, sheet: string) => string;
  /** Tables that read otherwise so printed, and why: known limits. */
  differs?: string[];
}

/** Each sheet's rows as printed, by the row each was before (for printings that take rows out). */
const rowsBefore = new Map<string, number[]>();

/** No blank rows anywhere: tables one straight under another, sections not set apart. */
function withoutBlankRows(sheets: SheetGrid[]): void {
  for (const s of sheets) {
    const kept: number[] = [];
    s.rows.forEach((row, r) => {
      if (row?.some((c) => c && c.value !== null && c.value !== '')) kept.push(r);
    });
    const at = new Map(kept.map((r, i) => [r, i]));
    s.rows = kept.map((r) => s.rows[r]);
    s.hiddenRows = new Set([...s.hiddenRows].flatMap((r) => (at.has(r) ? [at.get(r)!] : [])));
    rowsBefore.set(s.name, kept);
  }
}

const everyCell = (sheets: SheetGrid[], f: (c: Cell) => void) =>
  sheets.forEach((s) => s.rows.forEach((row) => row?.forEach((c) => c && f(c))));
const isText = (c: Cell): c is Cell & { value: string } => typeof c.value === 'string';

/** Three rows down and two columns right: formulas move with their cells. */
function moved(sheets: SheetGrid[]): void {
  for (const s of sheets) {
    s.rows = [[], [], [], ...s.rows.map((row) => [undefined, undefined, ...(row ?? [])])];
    everyCell([s], (c) => {
      if (c.formula) c.formula = shiftFormula(c.formula.replace(/\$/g, ''), 3, 2);
    });
    s.hiddenRows = new Set([...s.hiddenRows].map((r) => r + 3));
    s.hiddenCols = new Set([...s.hiddenCols].map((c) => c + 2));
  }
}

/** Every text with some words written another way. */
function inText(words: RegExp, as: string) {
  return (sheets: SheetGrid[]) =>
    everyCell(sheets, (c) => {
      if (isText(c)) c.value = c.value.replace(words, as);
    });
}

/** Each row of figures' label (its first words), changed; every `every`th row from the `from`th. */
function labelled(change: (label: string, n: number) => string, every = 1, from = 0) {
  return (sheets: SheetGrid[]) =>
    sheets.forEach((s) => {
      let n = 0;
      for (const row of s.rows) {
        if (!row?.some((c) => typeof c?.value === 'number')) continue;
        // The label: the row's longest text (not a reference, a classification such as Eff, or "none").
        let i = -1;
        row.forEach((c, k) => {
          const words = c && isText(c) && /[a-z]{3}/i.test(c.value) && !/^\s*none\s*$/i.test(c.value);
          if (words && (i < 0 || c.value.length > (row[i]!.value as string).length)) i = k;
        });
        if (i < 0 || n++ % every !== from) continue;
        const cell = row[i] as Cell & { value: string };
        row[i] = { ...cell, value: change(cell.value, n) };
      }
    });
}

const printings: Printing[] = [
  {
    name: 'moved down and right',
    print: moved,
    back: (cell) => {
      const { row, col } = parseA1(cell);
      return a1(row - 3, col - 2);
    },
  },
  {
    name: 'under a title',
    print: (sheets) =>
      sheets.forEach((s) => {
        s.rows.unshift([{ value: 'Appendix B: Budget 2025/26', bold: true }], []);
        s.hiddenRows = new Set([...s.hiddenRows].map((r) => r + 2));
        everyCell([s], (c) => {
          if (c.formula) c.formula = shiftFormula(c.formula.replace(/\$/g, ''), 2, 0);
        });
      }),
    back: (cell) => {
      const { row, col } = parseA1(cell);
      return a1(row - 2, col);
    },
  },
  {
    name: 'negatives with a minus',
    print: (sheets) =>
      everyCell(sheets, (c) => {
        if (c.format) c.format = c.format.replace(/;\(([^;]*)\)/, ';-$1');
      }),
  },
  {
    name: 'labels in capitals',
    print: (sheets) =>
      everyCell(sheets, (c) => {
        if (isText(c)) c.value = c.value.toUpperCase();
      }),
  },
  {
    name: 'stray spaces around words',
    print: (sheets) =>
      everyCell(sheets, (c) => {
        if (isText(c) && /[a-z]/i.test(c.value)) c.value = ` ${c.value}  `;
      }),
  },
  { name: 'years written 2025-26', print: inText(/\b(20\d\d)\/(\d\d)\b/g, '$1-$2') },
  { name: 'years written 2025/2026', print: inText(/\b20(\d\d)\/(\d\d)\b/g, '20$1/20$2') },
  { name: 'thousands written £k', print: inText(/£\s*['’]?000s?\b/g, '£k') },
  { name: 'thousands written £ thousands', print: inText(/£\s*['’]?000s?\b/g, '£ thousands') },
  {
    name: 'thousands printed without separators',
    print: (sheets) =>
      everyCell(sheets, (c) => {
        if (c.format && !/[dmy]{2}|%/i.test(c.format)) c.format = c.format.replace(/#,##/g, '');
      }),
  },
  {
    name: 'lines numbered 1., 2., 3.',
    print: labelled((label, n) => (/total/i.test(label) ? label : `${n}. ${label}`)),
  },
  { name: 'a note marker after every third label', print: labelled((label) => `${label} (note 2)`, 3, 1) },
  {
    name: 'no blank rows',
    print: withoutBlankRows,
    back: (cell, sheet) => {
      const { row, col } = parseA1(cell);
      return a1(rowsBefore.get(sheet)![row], col);
    },
    // Where a blank row is all that parts two things: Lancaster's sub-total adds up the lines since the blank row
    // under the savings it is measured against; Freshford's summary at the foot and Dorset & Wiltshire's band
    // charges under the bridge follow straight on without it; West Yorkshire Fire's funding heading is a heading of its
    // own only after a blank row and its caption, and Wirral's bridge in £ million begins a table only after a blank row.
    differs: [
      'freshford-parish-budget',
      'dorset-wiltshire-fire',
      'lancaster-savings-position',
      'west-yorkshire-fire-cost',
      'wirral-financial-summary-2024-25',
      'wirral-financial-summary-2025-26',
    ],
  },
  {
    name: 'a footnote and source under the figures',
    print: (sheets) =>
      sheets.forEach((s) =>
        s.rows.push(
          [],
          [{ value: 'Figures may not add up exactly due to rounding.' }],
          [{ value: 'Source: budget book 2025/26' }],
        ),
      ),
  },
  {
    name: 'a comments column on every third line',
    print: (sheets) =>
      sheets.forEach((s) => {
        const width = Math.max(...s.rows.map((row) => row?.length ?? 0));
        let lines = 0;
        for (const row of s.rows)
          if (row?.some((c) => typeof c?.value === 'number') && lines++ % 3 === 1)
            row[width + 1] = { value: 'See note 3 for the change in grant' };
      }),
  },
];

const tables = () => [
  ...publishedTables(),
  ...publishedTables2(),
  ...publishedTables3(),
  ...publishedTables4(),
  ...publishedReports(),
  ...publishedReports2(),
  ...publishedReports3(),
  ...publishedTablesReports4(),
  ...unseenLayouts(),
];

/** How many tables were found, and what was said where, cells as they were before printing. */
function said(sheets: SheetGrid[], back: (cell: string, sheet: string) => string = (c) => c) {
  const result = checkWorkbook(sheets);
  return {
    tables: result.tables.length,
    findings: result.findings.map((f) => `${f.severity} ${f.rule} at ${f.sheet}!${back(f.cell, f.sheet)}`).sort(),
  };
}

describe('the fixtures’ tables printed other ways', () => {
  const all: { name: string; sheets: SheetGrid[] }[] = tables();
  // The councils corpus's workbooks too, each as a whole, and the house format's published department.
  beforeAll(async () => {
    for (const workbook of await readCorpus()) all.push({ name: workbook.expected.file, sheets: workbook.grids });
    all.push({ name: 'corporate-resources-2015', sheets: await readGrids(CORPORATE_RESOURCES) });
  });

  it.each(printings.map((p) => [p.name, p] as const))('%s: the same tables and findings', (_, printing) => {
    const changed: string[] = [];
    for (const table of all) {
      const before = said(cloneGrids(table.sheets));
      const sheets = cloneGrids(table.sheets);
      printing.print(sheets);
      const after = said(sheets, printing.back);
      if (JSON.stringify(after) !== JSON.stringify(before)) changed.push(table.name);
    }
    expect(all.length).toBeGreaterThan(120);
    expect(changed).toEqual(printing.differs ?? []);
  });
});

/** Two one-sheet tables on one sheet, the second under the first after a blank row and a caption. */
function stacked(a: SheetGrid, b: SheetGrid): { sheet: SheetGrid; top: number } {
  const top = a.rows.length + 2;
  const sheet: SheetGrid = {
    name: a.name,
    rows: [...a.rows, [], [{ value: 'Table 2', bold: true }], ...b.rows],
    hiddenRows: new Set([...a.hiddenRows, ...[...b.hiddenRows].map((r) => r + top)]),
    hiddenCols: new Set([...a.hiddenCols, ...b.hiddenCols]),
  };
  return { sheet, top };
}

describe('the fixtures’ tables printed two to a sheet', () => {
  it('finds each table and says the same of it, the second under the first after a blank row and a caption', () => {
    const single = tables().filter(
      // A hidden column hides the column of both tables on a shared sheet, and formulas point at their own sheet.
      (t) =>
        t.sheets.length === 1 &&
        t.sheets[0].hiddenCols.size === 0 &&
        !t.sheets[0].rows.some((row) => row?.some((c) => c?.formula)),
    );
    const merged: string[] = [];
    for (let i = 0; i + 1 < single.length; i++) {
      const [a, b] = [single[i], single[i + 1]];
      const { sheet, top } = stacked(cloneGrids(a.sheets)[0], cloneGrids(b.sheets)[0]);
      const first = said(cloneGrids(a.sheets));
      const second = said(cloneGrids(b.sheets), (cell) => {
        const { row, col } = parseA1(cell);
        return a1(row + top, col);
      });
      const both = said([sheet]);
      const expected = [
        ...first.findings,
        ...second.findings.map((f) => f.replace(` at ${b.sheets[0].name}!`, ` at ${a.sheets[0].name}!`)),
      ].sort();
      if (both.tables !== first.tables + second.tables || JSON.stringify(both.findings) !== JSON.stringify(expected))
        merged.push(`${a.name} + ${b.name}`);
    }
    expect(single.length).toBeGreaterThan(100);
    // Known limit: a table with no heading row of its own, its lines straight under a caption and its title, is read
    // as going on from the table above (one blank row may sit inside a table, and a title reads as a section heading).
    expect(merged).toEqual([
      'westmorland-furness-budget + rotherham-funding',
      'kent-fire-reserves + fife-council-tax-2025-26',
      'blaenau-gwent-net-expenditure + durley-parish-budget',
      'west-sussex-adult-social-care + fife-council-tax-2024-25',
      // (Brighton & Hove's savings in £000 over Cambridgeshire's capital financing printed "£1.2m" now read as two:
      // figures in another unit after a blank row begin a table of their own.)
      'lancaster-savings-position + coventry-tax-base',
      // Wirral's requirement has no heading row: its lines go on from Redbridge's and Sunderland's tables above.
      'redbridge-band-d-2024-25 + wirral-financial-summary-2024-25',
      'sunderland-general-summary-2017-18 + wirral-financial-summary-2025-26',
    ]);
  });
});
