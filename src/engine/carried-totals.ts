import { a1 } from './a1';
import { judge, money, type Tolerance } from './compare';
import type { Finding } from './findings';
import { Decimal } from './money';
import type { Table, TableRow } from './tables';
import { columnStep, compareFigures, valueOf } from './validate';
import { nameKey, nameWords, namesOnlyAMeasure, totalLabelSubject } from './vocabulary';

/**
 * A summary's line that carries another table's total: "Adults" on the Summary sheet and the total
 * of the Adults sheet, "Total Adults". Each figure is checked against that total in the same year,
 * in pounds (a summary in £000 of sheets in £ is compared rounded to its unit).
 *
 * A line and a table are linked by name alone: the line's label is the table's sheet name, or what
 * its last total names. A name can link things that were never meant to agree (a summary of net
 * budgets beside sheets of gross costs), so a summary's links are believed only when most of their
 * figures agree; the ones that do not are then errors.
 */

/** A summary holds a few lines per department: a table of thousands of lines is not one. */
const MAX_SUMMARY_LINES = 200;

interface Link {
  line: TableRow;
  summary: Table;
  source: Table;
  total: TableRow;
}

interface Pair extends Link {
  /** Money columns of the summary and of the source for the same year. */
  at: number;
  from: number;
  carried: Decimal;
  expected: Decimal;
  /** The coarser of the two displayed units, in the summary's units. */
  step: Decimal;
  agrees: boolean;
}

/** The row that closes a table: its grand total, else its last total. */
function closingTotal(table: Table): TableRow | undefined {
  const grand = table.rows.find((r) => r.closesTable);
  if (grand) return grand;
  for (let i = table.rows.length - 1; i >= 0; i--) if (table.rows[i]!.type === 'total') return table.rows[i];
  return undefined;
}

/** The names a table's total goes by: its sheet's and what its closing total names ("Total Adults": Adults). */
function namesOf(table: Table, total: TableRow): string[] {
  return [nameKey(table.sheet), nameKey(totalLabelSubject(total.label))].filter(Boolean);
}

function sourcesByName(tables: Table[]): Map<string, { table: Table; total: TableRow }[]> {
  const out = new Map<string, { table: Table; total: TableRow }[]>();
  for (const table of tables) {
    const total = closingTotal(table);
    if (!total) continue;
    for (const name of new Set(namesOf(table, total))) {
      const list = out.get(name) ?? [];
      list.push({ table, total });
      out.set(name, list);
    }
  }
  return out;
}

/** The source column for a summary column: the only one of the same year. */
function sameYear(summary: Table, at: number, source: Table): number {
  const year = summary.columns[at]!.year;
  if (!year || summary.columns.filter((c) => c.year === year).length !== 1) return -1;
  const matches = source.columns.map((c, i) => (c.year === year ? i : -1)).filter((i) => i >= 0);
  return matches.length === 1 ? matches[0]! : -1;
}

function pairsOf(link: Link, tolerance: Tolerance): Pair[] {
  const { summary, source, line, total } = link;
  const out: Pair[] = [];
  const toSummary = new Decimal(source.scale).div(summary.scale);
  summary.columns.forEach((_, at) => {
    const from = sameYear(summary, at, source);
    if (from < 0 || !line.figures[at] || !total.figures[from]) return;
    const carried = valueOf(line, at);
    const value = valueOf(total, from);
    if (carried === null || value === null) return;
    const expected = value.times(toSummary);
    const step = Decimal.max(columnStep(summary, at), columnStep(source, from).times(toSummary));
    const agrees = judge(carried, expected, 1, step, tolerance).verdict !== 'mismatch';
    out.push({ ...link, at, from, carried, expected, step, agrees });
  });
  return out;
}

/** A name's words without a plural's "s": "Adults" and "Adult Social Care" share "adult", "Childrens" and "Children's" "children". */
function stems(name: string): Set<string> {
  return new Set(nameWords(name).map((w) => (w.length > 3 ? w.replace(/s$/, '') : w)));
}

/**
 * A summary names a sheet's total in its own words: "Adult Social Care" for the Adults sheet,
 * "Children's Services" for "TOTAL CHILDREN'S", "Place and Economy" for "Total Place". One name
 * says part of the other (every word of one, plural or not, is in the other), and never only a
 * measure ("Net Total" says nothing of whose it is).
 */
function namesPartlyAgree(line: string, name: string): boolean {
  if (namesOnlyAMeasure(line) || namesOnlyAMeasure(name)) return false;
  const [x, y] = [stems(line), stems(name)];
  if (!x.size || !y.size) return false;
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared === x.size || shared === y.size;
}

/**
 * The table each line carries: by its exact name, else by a name that says part of it, when that
 * fits one table only and no other line of the summary fits that table too (two lines, "Place" and
 * "Place Shaping", say nothing of which one a "Place" sheet's total is).
 */
function linksOf(summary: Table, byName: Map<string, { table: Table; total: TableRow }[]>): Link[] {
  const out: Link[] = [];
  const loose: Link[] = [];
  for (const line of summary.rows) {
    if (line.type !== 'line' || !line.label) continue;
    const exact = (byName.get(nameKey(line.label)) ?? []).filter((s) => s.table !== summary);
    const partly = exact.length
      ? []
      : [...byName.entries()].flatMap(([name, list]) =>
          namesPartlyAgree(line.label, name) ? list.filter((s) => s.table !== summary) : [],
        );
    const sources = exact.length ? exact : partly;
    const distinct = new Set(sources.map((s) => s.table));
    // A name that fits two tables says nothing about which one the line carries.
    if (distinct.size !== 1) continue;
    (exact.length ? out : loose).push({ line, summary, source: sources[0]!.table, total: sources[0]!.total });
  }
  const claims = (table: Table) => [...out, ...loose].filter((l) => l.source === table).length;
  return [...out, ...loose.filter((l) => claims(l.source) === 1)];
}

function mismatch(pair: Pair, tolerance: Tolerance): Finding | null {
  const { summary, source, line, total, at, from } = pair;
  const where = a1(total.row, source.columns[from]!.col);
  const shown = money(valueOf(total, from)!, 0);
  const inUnits = source.scale === summary.scale ? '' : ` (${money(pair.expected, 3)} in this table's units)`;
  return compareFigures(
    {
      sheet: summary.sheet,
      cell: a1(line.row, summary.columns[at]!.col),
      actual: pair.carried,
      expected: pair.expected,
      addends: 1,
      step: pair.step,
      statement: () =>
        `${line.label} for ${summary.columns[at]!.label} is ${money(pair.carried, 0)} but ${total.label || 'the total'} on the ${source.sheet} sheet (${where}) is ${shown}${inUnits}`,
      noun: 'figure',
      mismatchRule: 'carried-total-mismatch',
    },
    tolerance,
  );
}

/** Every summary line that carries another table's total, checked against it where the summary's links hold up. */
export function checkCarriedTotals(tables: Table[], tolerance: Tolerance): Finding[] {
  const byName = sourcesByName(tables);
  const out: Finding[] = [];
  for (const summary of tables) {
    if (summary.kind !== 'budget-table' || summary.rows.length > MAX_SUMMARY_LINES) continue;
    const pairs = linksOf(summary, byName).flatMap((link) => pairsOf(link, tolerance));
    const agreeing = pairs.filter((p) => p.agrees).length;
    // Believed when most figures agree: two at least, and three in four.
    if (agreeing < 2 || agreeing < 0.75 * pairs.length) continue;
    for (const pair of pairs) {
      const f = pair.agrees ? null : mismatch(pair, tolerance);
      if (f) out.push(f);
    }
  }
  return out;
}
