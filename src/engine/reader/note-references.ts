import { parseA1 } from '../a1';
import { judgeExact } from '../compare';
import type { Finding } from '../findings';
import { cellText, type SheetGrid } from '../grid';
import type { Table } from '../tables';
import { addExact, exactFigures } from './exact';

/**
 * A cross-reference in a figure's place: "see note 4", "Note 3", "see para 4.2", "TBC", "to be
 * confirmed". The paper says the figure is given elsewhere or not known yet; nothing is printed to add.
 */
const NOTE_REFERENCE =
  /^(?:\(?see\s+)?(?:notes?|para(?:graph)?|appendix|annex)\s*\d+[a-z]?(?:\.\d+)*\)?$|^(?:tbc|tba|to be (?:confirmed|agreed|set|advised))$/i;

export function isNoteReference(text: string): boolean {
  return NOTE_REFERENCE.test(text.trim());
}

/**
 * A note reference in a figure's place is first read as no figure at all, so the totals counting it
 * are not checked in its column (the warning says so). Where every such total adds up without it,
 * the paper's total leaves it out too: it is read as blank, those totals are checked, and it is not
 * worth a warning. Where a total does not, it may count the figure the note gives: left unchecked,
 * and said. A column a rule across the row uses keeps it unread, as a blank there would break the rule.
 */
export function settleNoteReferences(sheet: SheetGrid, table: Table, rowFindings: Finding[]): void {
  const ruled = new Set((table.rowRules ?? []).flatMap((r) => [r.total, ...r.parts.map((p) => p.column)]));
  const exact = exactFigures(table);
  const steps = table.steps ?? table.columns.map(() => table.step);
  const settled = new Set<Finding>();
  for (const f of rowFindings) {
    if (f.rule !== 'not-a-figure') continue;
    const { row: r, col } = parseA1(f.cell);
    const c = table.columns.findIndex((m) => m.col === col);
    const i = table.rows.findIndex((row) => row.row === r);
    if (c < 0 || i < 0 || ruled.has(c) || !isNoteReference(cellText(sheet.rows[r]?.[col]))) continue;
    const totals = table.rows.filter((t) => t.type === 'total' && t.parts?.includes(i) && t.structure);
    const step = steps[c]!.times(exact.factor).toNumber();
    const holds = totals.map((t) => addsUpWithout(table, exact, t, c, i, step));
    if (!totals.length || holds.some((h) => !h)) continue;
    table.rows[i]!.figures[c] = undefined;
    for (const t of totals) t.structure!.checked[c] = true;
    settled.add(f);
  }
  if (settled.size) rowFindings.splice(0, rowFindings.length, ...rowFindings.filter((f) => !settled.has(f)));
}

/** Whether total t adds up its parts in column c with part `without` read as blank. */
function addsUpWithout(
  table: Table,
  exact: ReturnType<typeof exactFigures>,
  t: Table['rows'][number],
  c: number,
  without: number,
  step: number,
): boolean {
  const value = exact.at(table.rows.indexOf(t), c);
  if (value === null || value === undefined) return false;
  let sum = 0;
  const parts = t.parts!;
  for (let k = 0; k < parts.length; k++) {
    if (parts[k] === without) continue;
    const v = exact.at(parts[k]!, c);
    if (v === null) return false;
    if (v !== undefined) sum = addExact(sum, (t.partSigns?.[k] ?? 1) * v);
  }
  if (Number.isNaN(sum)) return false;
  const verdict = judgeExact(value, sum, step, parts.length, 'rounding');
  return verdict !== 'mismatch' && verdict !== 'unusual';
}
