import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseA1 } from '../../src/engine/a1';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import type { Finding } from '../../src/engine/findings';
import type { SheetGrid } from '../../src/engine/grid';
import { COUNCILS } from './paths';
import { cloneGrids, readGrids } from './workbooks';

/**
 * The councils corpus (test/fixtures/councils): twelve councils' published tables and, in
 * expected.json, every total and relationship in them with its status. Shared by the corpus test
 * and `npm run councils` (scripts/councils.ts), which prints the same measures for a person.
 */

export interface ExpectedCheck {
  cell: string;
  label: string;
  rule: string;
  status: 'exact' | 'rounding' | 'error';
  tolerance: number;
  published: number;
}

export interface ExpectedTable {
  kind: string;
  range: string;
}

export interface ExpectedSheet {
  name: string;
  tables: ExpectedTable[];
  totals?: ExpectedCheck[];
  relationships?: ExpectedCheck[];
}

export interface ExpectedWorkbook {
  file: string;
  council: string;
  sheets: ExpectedSheet[];
}

export function expectedCorpus(): ExpectedWorkbook[] {
  const doc = JSON.parse(readFileSync(join(COUNCILS, 'expected.json'), 'utf8')) as { workbooks: ExpectedWorkbook[] };
  return doc.workbooks;
}

const STATUS_RANK = { exact: 0, rounding: 1, error: 2 } as const;

export function checksOf(sheet: ExpectedSheet): ExpectedCheck[] {
  return [...(sheet.totals ?? []), ...(sheet.relationships ?? [])];
}

function rangeRows(range: string): { top: number; bottom: number; left: number; right: number } {
  const [a, b] = range.split(':');
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  return { top: p.row, bottom: q.row, left: p.col, right: q.col };
}

/** Whether a table the check found is the expected one: on its sheet, covering most of its rows and columns. */
export function sameTable(expected: ExpectedTable, found: { range: string }): boolean {
  const e = rangeRows(expected.range);
  const f = rangeRows(found.range);
  const rows = Math.min(e.bottom, f.bottom) - Math.max(e.top, f.top) + 1;
  const cols = Math.min(e.right, f.right) - Math.max(e.left, f.left) + 1;
  return (
    rows >= 0.6 * (e.bottom - e.top + 1) && cols >= 0.6 * (e.right - e.left + 1) && rows >= 0.6 * (f.bottom - f.top + 1)
  );
}

export interface CorpusWorkbook {
  expected: ExpectedWorkbook;
  grids: SheetGrid[];
  result: CheckResult;
}

export async function readCorpus(): Promise<CorpusWorkbook[]> {
  const out: CorpusWorkbook[] = [];
  for (const expected of expectedCorpus()) {
    const grids = await readGrids(join(COUNCILS, expected.file));
    out.push({ expected, grids, result: checkWorkbook(grids) });
  }
  return out;
}

export const findingsAt = (result: CheckResult, sheet: string, cell: string): Finding[] =>
  result.findings.filter((f) => f.sheet === sheet && f.cell === cell);

/** A copy of the workbook with one figure changed well beyond rounding: a tenth of its size, and at least 50 of its units. */
export function changedFigure(grids: SheetGrid[], sheet: string, cell: string, tolerance: number): SheetGrid[] {
  const copy = cloneGrids(grids);
  const { row, col } = parseA1(cell);
  const target = copy.find((g) => g.name === sheet)!.rows[row][col]!;
  const value = target.value as number;
  const delta = Math.max(Math.abs(value) * 0.1, tolerance * 20, 1);
  target.value = Number((value + delta).toFixed(3));
  return copy;
}

export interface CorpusMeasures {
  tables: { expected: number; found: number; missed: string[] };
  checks: { total: number; wrong: string[] };
  falseErrors: string[];
  warnings: number;
  changes: { tried: number; caught: number; missed: string[] };
}

/** Everything the corpus measures, as the issue states them. */
export function measureCorpus(corpus: CorpusWorkbook[], withChanges = true): CorpusMeasures {
  const m: CorpusMeasures = {
    tables: { expected: 0, found: 0, missed: [] },
    checks: { total: 0, wrong: [] },
    falseErrors: [],
    warnings: 0,
    changes: { tried: 0, caught: 0, missed: [] },
  };
  for (const { expected, grids, result } of corpus) {
    const errorCells = new Set<string>();
    for (const sheet of expected.sheets) {
      for (const t of sheet.tables) {
        m.tables.expected++;
        if (result.tables.some((f) => f.sheet === sheet.name && sameTable(t, f))) m.tables.found++;
        else m.tables.missed.push(`${expected.file} ${sheet.name}!${t.range}`);
      }
      // A cell can be checked more than once (a net figure against its row and its column): a real
      // error in one of them means an error is due there, whatever the others say.
      const worst = new Map<string, ExpectedCheck>();
      for (const c of checksOf(sheet)) {
        const seen = worst.get(c.cell);
        if (!seen || STATUS_RANK[c.status] > STATUS_RANK[seen.status]) worst.set(c.cell, c);
      }
      for (const c of worst.values()) {
        m.checks.total++;
        const at = findingsAt(result, sheet.name, c.cell);
        const where = `${expected.file} ${sheet.name}!${c.cell} (${c.status}: ${c.rule})`;
        if (c.status === 'error') errorCells.add(`${sheet.name}!${c.cell}`);
        const errors = at.filter((f) => f.severity === 'error');
        const ok = c.status === 'error' ? errors.length > 0 : errors.length === 0;
        if (!ok) m.checks.wrong.push(`${where}: ${at.map((f) => `${f.rule} ${f.message}`).join(' | ') || 'nothing'}`);
      }
    }
    for (const f of result.findings) {
      if (f.severity === 'error' && !errorCells.has(`${f.sheet}!${f.cell}`))
        m.falseErrors.push(`${expected.file} ${f.sheet}!${f.cell}: ${f.message}`);
      if (f.severity === 'warning') m.warnings++;
    }
    if (!withChanges) continue;
    for (const sheet of expected.sheets) {
      const cells = new Map<string, ExpectedCheck>();
      for (const c of checksOf(sheet)) if (c.status !== 'error' && !cells.has(c.cell)) cells.set(c.cell, c);
      for (const [cell, c] of cells) {
        m.changes.tried++;
        // Caught when the check now shows an error at a cell it showed none at: what a user would notice.
        const errorCellsOf = (r: CheckResult) =>
          new Set(r.findings.filter((f) => f.severity === 'error' && f.sheet === sheet.name).map((f) => f.cell));
        const before = errorCellsOf(result);
        const after = errorCellsOf(checkWorkbook(changedFigure(grids, sheet.name, cell, c.tolerance)));
        if ([...after].some((x) => !before.has(x))) m.changes.caught++;
        else m.changes.missed.push(`${expected.file} ${sheet.name}!${cell} (${c.rule})`);
      }
    }
  }
  return m;
}
