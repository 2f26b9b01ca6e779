/**
 * The published paper laid out the ways other departments and councils lay out the same tables:
 * each year over its unit, headings split over two rows, an extra column between the reference and
 * the description, references and classifications in one cell, markers in a column of their own,
 * savings printed positive under a heading that says they are taken away, nil printed as a dash.
 * Whatever the combination, the reader must find the same tables and the check the same findings.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { a1, parseA1 } from '../../src/engine/a1';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import type { Cell, SheetGrid } from '../../src/engine/grid';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';

type Relayout = (grids: SheetGrid[]) => void;

const sheetOf = (grids: SheetGrid[], name: string) => grids.find((g) => g.name === name)!;
const text = (c: Cell | undefined) => (typeof c?.value === 'string' ? c.value : '');
const HEADER = 3; // row 4 holds the appendices' headings; row 3 above it is blank.

/** Each year heading ("2015/16 £000") as the year over its unit, the unit left in the heading row. */
const yearsOverUnits: Relayout = (grids) => {
  for (const name of ['Growth', 'Savings', 'Capital Programme']) {
    const rows = sheetOf(grids, name).rows;
    rows[HEADER - 1] ??= [];
    rows[HEADER].forEach((cell, c) => {
      const m = /^((?:19|20)\d\d\/\d\d) (£000)$/.exec(text(cell));
      if (!m) return;
      rows[HEADER - 1][c] = { value: m[1], bold: true };
      rows[HEADER][c] = { value: m[2], bold: true };
    });
  }
};

/** "TDEI ref." as "TDEI" over "ref.", "Gross Cost of Project £000" as "Gross Cost" over "of Project £000". */
const splitHeadings: Relayout = (grids) => {
  for (const name of ['Growth', 'Savings', 'Capital Programme']) {
    const rows = sheetOf(grids, name).rows;
    rows[HEADER - 1] ??= [];
    rows[HEADER].forEach((cell, c) => {
      const t = text(cell);
      const cut = t.indexOf(' ');
      if (cut < 0 || /^(?:19|20)\d\d\//.test(t) || /^£/.test(t)) return;
      if (rows[HEADER - 1][c]) return;
      rows[HEADER - 1][c] = { value: t.slice(0, cut), bold: true };
      rows[HEADER][c] = { value: t.slice(cut + 1), bold: true };
    });
  }
};

/** The savings lines' references and classifications in one cell, in the classification's column ("** T24 Eff"), the markers left alone. */
const refsAndClassesMerged: Relayout = (grids) => {
  const rows = sheetOf(grids, 'Savings').rows;
  for (let r = HEADER + 1; r < rows.length; r++) {
    const row = rows[r];
    const ref = text(row?.[0]);
    const cls = text(row?.[1]);
    if (!row || !/^(\*{1,2} )?([A-Z]\d+|TBC)$/.test(ref) || !/^(Eff|SR|Income)/.test(cls)) continue;
    const [, star, code] = /^(\*{1,2} )?(.+)$/.exec(ref)!;
    row[0] = star ? { value: star.trim() } : undefined;
    row[1] = { value: `${code} ${cls}` };
  }
};

/** Savings printed as positive figures, under a heading saying they are taken away. */
const savingsDeducted: Relayout = (grids) => {
  const rows = sheetOf(grids, 'Savings').rows;
  rows[1] = [{ value: 'SAVINGS (less: reductions to the budget)', bold: true }];
  for (let r = HEADER + 1; r < rows.length; r++)
    for (const cell of rows[r] ?? []) {
      if (!cell) continue;
      if (typeof cell.value === 'number') cell.value = -cell.value;
      else if (typeof cell.value === 'string' && /^-?[\d,]+$/.test(cell.value))
        cell.value = cell.value.startsWith('-') ? cell.value.slice(1) : cell.value === '0' ? '0' : `-${cell.value}`;
    }
};

/** Zero printed as a dash in the appendices. */
const nilAsDash: Relayout = (grids) => {
  for (const name of ['Growth', 'Savings'])
    for (const row of sheetOf(grids, name).rows)
      row?.forEach((cell, c) => {
        if (cell?.value === 0 && !cell.bold) row[c] = { ...cell, value: '-' };
      });
};

const RELAYOUTS = { yearsOverUnits, splitHeadings, refsAndClassesMerged, savingsDeducted, nilAsDash };

/** An empty column put in before a sheet's first column: every cell one column right. */
function shiftRight(grids: SheetGrid[], name: string): void {
  const sheet = sheetOf(grids, name);
  sheet.rows = sheet.rows.map((row) => (row ? [undefined, ...row] : row));
}

function summary(result: CheckResult, shifted: ReadonlySet<string>) {
  const back = (sheet: string, cell: string) => {
    if (!shifted.has(sheet)) return cell;
    const { row, col } = parseA1(cell);
    return a1(row, col - 1);
  };
  return {
    tables: result.tables.map((t) => `${t.sheet} ${t.kind} ${t.rows.filter((r) => r.type === 'line').length} lines`),
    findings: result.findings.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${back(f.sheet, f.cell)}`).sort(),
    department: result.department,
  };
}

describe('the published paper laid out other ways', () => {
  let original: SheetGrid[];
  let expected: ReturnType<typeof summary>;

  beforeAll(async () => {
    original = await readGrids(CORPORATE_RESOURCES);
    expected = summary(checkWorkbook(original), new Set());
  });

  it('reads to the same tables and the same findings, whatever the combination', () => {
    fc.assert(
      fc.property(
        fc.subarray(Object.keys(RELAYOUTS) as (keyof typeof RELAYOUTS)[]),
        fc.subarray(['Growth', 'Savings', 'Capital Programme', 'Revenue Budget']),
        (relayouts, moved) => {
          const grids = cloneGrids(original);
          for (const name of relayouts) RELAYOUTS[name](grids);
          for (const name of moved) shiftRight(grids, name);
          expect(summary(checkWorkbook(grids), new Set(moved))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
