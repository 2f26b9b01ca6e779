import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { a1 } from '../../src/engine/a1';
import { checkWorkbook } from '../../src/engine/check';
import { comparableTables, compareWorkbooks, linesOf } from '../../src/engine/changes';
import type { CellValue, SheetGrid } from '../../src/engine/grid';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';
import { Edit } from './helpers';

const REFS = [
  'G19',
  '** G19',
  '* G19',
  'G1',
  '** T24',
  '* T24',
  'T24',
  'TBC',
  '** TBC',
  '* TBC',
  '*',
  '**',
  'D83',
  'd83',
  'E81 Eff',
  '* D70 Eff/SR',
];
/** Never blank (nor "-", which reads as a zero): a line with neither a reference of its own nor a description cannot be paired (docs/compare.md). */
const DESCRIPTIONS = [
  'Review of Operational ICT',
  'Review of Operational Property',
  'Review of the Customer Service Centre',
  'Contingency',
  'The',
  '&',
  '.',
  'Data Integrity & Systems Resilience',
  'WAN Renewal',
  '=SUM(A1)',
  'مرحبا',
  'Review',
  'review of operational ict',
];
const FIGURES: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: -5000, max: 5000 }),
  fc.constantFrom(0, 0.5, -123.456, 1e15, '1,450', '(500)', '-', 'TBC', null),
);

/** A line row of the fixture and the cells a user might change on it. */
interface Target {
  sheet: string;
  row: number;
  refCol?: number;
  labelCol: number;
  figureCols: number[];
}

function targets(grids: SheetGrid[]): Target[] {
  return comparableTables(checkWorkbook(grids)).flatMap((t) =>
    t.rows
      .filter((r) => r.type === 'line')
      .map((r) => ({
        sheet: t.sheet,
        row: r.row,
        refCol: t.refCol,
        labelCol: r.labelCol,
        figureCols: t.columns.map((c) => c.col),
      })),
  );
}

type Op =
  | { kind: 'ref'; line: number; value: string }
  | { kind: 'description'; line: number; value: string }
  | { kind: 'figure'; line: number; column: number; value: CellValue }
  | { kind: 'copy' | 'delete'; line: number };

function op(lines: number): fc.Arbitrary<Op> {
  const line = fc.nat(lines - 1);
  return fc.oneof(
    fc.record({ kind: fc.constant('ref' as const), line, value: fc.constantFrom(...REFS) }),
    fc.record({ kind: fc.constant('description' as const), line, value: fc.constantFrom(...DESCRIPTIONS) }),
    fc.record({ kind: fc.constant('figure' as const), line, column: fc.nat(5), value: FIGURES }),
    fc.record({ kind: fc.constantFrom('copy' as const, 'delete' as const), line }),
  );
}

/** Cell edits first, then whole rows copied or taken out from the bottom up, so every edit lands on the line it names. */
function apply(grids: SheetGrid[], lines: Target[], ops: Op[]): SheetGrid[] {
  const e = new Edit(cloneGrids(grids));
  for (const o of ops) {
    const t = lines[o.line];
    if (o.kind === 'ref' && t.refCol !== undefined) e.set(t.sheet, a1(t.row, t.refCol), o.value);
    if (o.kind === 'description') e.set(t.sheet, a1(t.row, t.labelCol), o.value);
    if (o.kind === 'figure') e.set(t.sheet, a1(t.row, t.figureCols[o.column % t.figureCols.length]), o.value);
  }
  const rowOps = ops
    .filter((o) => o.kind === 'copy' || o.kind === 'delete')
    .sort((x, y) => lines[y.line].row - lines[x.line].row);
  for (const o of rowOps) {
    const t = lines[o.line];
    const sheet = e.grids.find((g) => g.name === t.sheet)!;
    if (o.kind === 'copy')
      sheet.rows.splice(
        t.row,
        0,
        (sheet.rows[t.row] ?? []).map((c) => (c ? { ...c } : undefined)),
      );
    else e.deleteRow(t.sheet, t.row + 1);
  }
  return e.grids;
}

describe('comparing a workbook with itself', async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);
  const lines = targets(fixture);

  it('finds every line unchanged, paired with itself with confidence 1, derives * for every starred table, and flags only the stars that are not *', () => {
    fc.assert(
      fc.property(fc.array(op(lines.length), { maxLength: 12 }), (ops) => {
        const grids = apply(fixture, lines, ops);
        const result = compareWorkbooks(checkWorkbook(grids), checkWorkbook(grids));
        const own = linesOf(comparableTables(checkWorkbook(grids)));
        expect(result.lines).toHaveLength(own.length);
        for (const line of result.lines) {
          expect(line.change).toBe('unchanged');
          expect(line.match?.confidence).toBe(1);
          expect(line.previous?.id).toBe(line.current?.id);
          if (line.kind !== 'capital') expect(line.marker?.derived).toBe('*');
        }
        const notStarred = result.lines
          .filter((l) => l.marker && l.marker.typed !== '*')
          .map((l) => `${l.current!.sheet}!${l.current!.cell}`);
        expect(result.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual(
          notStarred.map((c) => `marker-mismatch ${c}`),
        );
      }),
      { numRuns: 300 },
    );
  });
});
