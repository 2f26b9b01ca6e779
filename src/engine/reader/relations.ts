import { a1 } from '../a1';
import type { Decimal } from '../money';
import { judgeExact } from '../compare';
import { finding, type Finding } from '../findings';
import type { RowRule, Table } from '../tables';
import { BALANCE_HEADING, PER_UNIT_HEADING } from '../vocabulary';
import { exactFigures, type ExactFigures } from './exact';

/**
 * Columns that add up others on each row: a Total column (the years), Net = Gross + Income,
 * Net = Gross − Income, a budget build-up across the columns. Found from the figures: a rule is
 * kept when it holds on most rows where it can be tried, and the column it totals is headed as a
 * total (Total, Net…), so a column that merely happens to equal two others on a few rows is never
 * taken for one.
 *
 * Some papers print every figure without a sign (a service whose income exceeds its spending shows
 * a positive net cost). When no figure in a table is negative, Net = Gross − Income is tried as the
 * size of the difference; where it holds so, the net figure's sign is the difference's.
 */

/**
 * Headings of columns worked out from others on each row: totals (a profile's full year), gross and
 * net, and changes between two columns (a monitoring report's over / (under) spend, a shortfall).
 */
const TOTAL_COLUMN =
  /\b(total|net|gross|budget|requirement|balance|overall|full\s*year|annual|change|variance|variation|movement|difference|increase|decrease|shortfall|over\s*\/\s*\(?under|(over|under)\s*spend)\b/i;

interface RuleCandidate {
  parts: { column: number; sign: number }[];
}

/** The description's column, where most rows have their label: mirrored layouts print a year each side of it. */
function labelColumn(table: Table): number {
  const cols = table.rows.map((r) => r.labelCol).filter((c) => c >= 0);
  if (!cols.length) return -1;
  cols.sort((a, b) => a - b);
  return cols[Math.floor(cols.length / 2)]!;
}

function candidatesFor(table: Table, x: number): RuleCandidate[] {
  const additive = table.additive ?? table.columns.map(() => true);
  const xCol = table.columns[x]!.col;
  const label = labelColumn(table);
  const sameSide = (i: number) => label < 0 || table.columns[i]!.col < label === xCol < label;
  const others = table.columns.map((_, i) => i).filter((i) => i !== x && additive[i] && sameSide(i));
  const left = others.filter((i) => table.columns[i]!.col < xCol);
  const out: RuleCandidate[] = [];
  // Runs of columns just left of the total: the years before a Total column, the build-up of a budget;
  // and just right of it, for a Total printed before its years.
  for (let start = left.length - 2; start >= 0; start--) {
    out.push({ parts: left.slice(start).map((column) => ({ column, sign: 1 })) });
    out.push(...takingAway(left.slice(start)));
  }
  const right = others.filter((i) => table.columns[i]!.col > xCol);
  for (let end = 2; end <= right.length; end++) {
    out.push({ parts: right.slice(0, end).map((column) => ({ column, sign: 1 })) });
  }
  // Two columns added or taken away: Net = Gross + Income (income negative), or Gross − Income.
  for (let a = 0; a < others.length; a++)
    for (let b = a + 1; b < others.length; b++) {
      const [p, q] = [others[a]!, others[b]!];
      out.push({
        parts: [
          { column: p, sign: 1 },
          { column: q, sign: 1 },
        ],
      });
      out.push({
        parts: [
          { column: p, sign: 1 },
          { column: q, sign: -1 },
        ],
      });
      out.push({
        parts: [
          { column: p, sign: -1 },
          { column: q, sign: 1 },
        ],
      });
    }
  return out;
}

/** Most columns a run may have for its columns after the first to be tried taken away (2^(n−1) − 1 ways). */
const TAKEN_AWAY_RUN = 6;

/**
 * A run of three columns or more, with some after the first taken away: a reserve's balance at the year end is its
 * opening balance plus the transfers in less the transfers out, each printed positive; a budget is the base plus
 * growth less savings printed as amounts saved.
 */
function takingAway(run: number[]): RuleCandidate[] {
  if (run.length < 3 || run.length > TAKEN_AWAY_RUN) return [];
  const out: RuleCandidate[] = [];
  for (let mask = 1; mask < 1 << (run.length - 1); mask++)
    out.push({ parts: run.map((column, k) => ({ column, sign: k > 0 && mask & (1 << (k - 1)) ? -1 : 1 })) });
  return out;
}

function stepUnits(table: Table, exact: ExactFigures, columns: number[]): number {
  const steps = table.steps ?? table.columns.map(() => table.step);
  return Math.max(...columns.map((i) => steps[i]!.times(exact.factor).toNumber()));
}

interface Tally {
  holds: number;
  fails: number;
  /** Fails on rows labelled or printed as totals: a line's error puts out its total too, so these are no evidence against a rule. */
  totalFails: number;
}

function tally(table: Table, exact: ExactFigures, x: number, c: RuleCandidate, unsigned: boolean): Tally {
  let holds = 0;
  let fails = 0;
  let totalFails = 0;
  const step = stepUnits(table, exact, [x, ...c.parts.map((p) => p.column)]);
  table.rows.forEach((row, r) => {
    if (row.type === 'heading') return;
    const total = exact.at(r, x);
    if (total === undefined || total === null) return;
    let expected = 0;
    let present = 0;
    let nonZero = 0;
    for (const p of c.parts) {
      const v = exact.at(r, p.column);
      if (v === null) return;
      if (v === undefined) continue;
      present++;
      if (v !== 0) nonZero++;
      expected += p.sign * v;
    }
    if (present === 0 || (nonZero === 0 && total === 0)) return;
    const shown = unsigned ? Math.abs(expected) : expected;
    if (judgeExact(total, shown, step, c.parts.length, 'rounding') !== 'mismatch') holds++;
    else if (row.type === 'total' || row.bold) totalFails++;
    else fails++;
  });
  return { holds, fails: fails + totalFails, totalFails };
}

function printedUnsigned(table: Table): boolean {
  let any = false;
  for (const row of table.rows)
    for (const f of row.figures) {
      if (!f?.value) continue;
      if (f.value.isNegative()) return false;
      any = true;
    }
  return any;
}

/** Two rules over the same columns (Net = Gross + Capital, Gross = Net − Capital) are one: kept once, totalling the rightmost. */
function distinct(rules: RowRule[], table: Table): RowRule[] {
  const key = (r: RowRule) => [r.total, ...r.parts.map((p) => p.column)].sort((a, b) => a - b).join(',');
  const kept = new Map<string, RowRule>();
  for (const rule of rules) {
    const k = key(rule);
    const other = kept.get(k);
    if (!other || table.columns[rule.total]!.col > table.columns[other.total]!.col) kept.set(k, rule);
  }
  return rules.filter((r) => kept.get(key(r)) === r);
}

/**
 * Two rules that each count the other's column read one relation both ways: in a movement in reserves statement
 * "Total Usable Reserves" adds up the four usable reserves on every row, and "General Fund Balance" = Total Usable −
 * Earmarked holds only on the rows where the other two reserves are nil, and reported the capital grants unapplied as
 * the general fund's error. Of such two, the one the figures bear out better is kept: it checks every column of the
 * other; a tie keeps both.
 */
function readForwards(rules: RowRule[]): RowRule[] {
  const counts = (a: RowRule, b: RowRule) => a.parts.some((p) => p.column === b.total);
  const beats = (b: RowRule, a: RowRule) =>
    counts(a, b) &&
    counts(b, a) &&
    b.holds >= a.holds &&
    b.fails <= a.fails &&
    (b.holds > a.holds || b.fails < a.fails);
  return rules.filter((a) => !rules.some((b) => b !== a && beats(b, a)));
}

/** The rules a table's rows follow, as the figures show them; an unsigned paper's net figures are given their signs. */
export function solveRowRules(table: Table): RowRule[] {
  const exact = exactFigures(table);
  const unsigned = printedUnsigned(table);
  const rules: RowRule[] = [];
  table.columns.forEach((column, x) => {
    if (!(table.additive?.[x] ?? true) || !TOTAL_COLUMN.test(column.label)) return;
    let best: RowRule | undefined;
    let bestBefore: RowRule | undefined;
    const tallies = new Map<RowRule, Tally>();
    // Of two rules the figures bear out as well, the one over fewer columns: five columns, one a total worked out
    // from two of them (Net To Date = the budgets and to-dates less Net Budget), say what two do (the to-dates).
    const better = (a: RowRule | undefined, t: Tally, c: RuleCandidate) =>
      !a ||
      t.holds > a.holds ||
      (t.holds === a.holds && (t.fails < a.fails || (t.fails === a.fails && c.parts.length < a.parts.length)));
    const before = (c: RuleCandidate) => c.parts.every((p) => table.columns[p.column]!.col < column.col);
    for (const c of candidatesFor(table, x)) {
      const ways = unsigned && c.parts.some((p) => p.sign < 0) ? [false, true] : [false];
      for (const asSize of ways) {
        const t = tally(table, exact, x, c, asSize);
        const rule = { total: x, parts: c.parts, holds: t.holds, fails: t.fails, unsigned: asSize || undefined };
        tallies.set(rule, t);
        if (better(best, t, c)) best = rule;
        if (before(c) && better(bestBefore, t, c)) bestBefore = rule;
      }
    }
    // Most rows must follow it: a column that follows a rule on only some rows follows another one.
    // A line that does not puts out its totals too (its section's and the grand total): those are
    // not held against the rule, so one line wrong of six (two rows in eight) still leaves it standing.
    const followed = (r: RowRule | undefined) => {
      if (!r) return false;
      const { totalFails } = tallies.get(r)!;
      const fails = r.fails - Math.min(totalFails, 2 * (r.fails - totalFails));
      return r.holds >= 2 && r.holds >= 0.75 * (r.holds + fails);
    };
    // A paper works its columns out left to right (Gross from the subjective columns, then Net from
    // Gross and Income): a rule from the columns before it wins over one that reads a later rule
    // backwards (Gross = Net − Income), which that later column's own rule already checks.
    if (followed(bestBefore)) rules.push(bestBefore!);
    else if (followed(best)) rules.push(best!);
  });
  const kept = splitVariances(distinct(readForwards(rules), table), table, exact);
  for (const rule of kept) if (rule.unsigned) signUnsignedTotals(table, exact, rule);
  return kept;
}

/**
 * A variance split over two columns, an overspend and an underspend, each printed positive where it applies: each
 * line fills one (Overspend = Forecast − Budget, Underspend = Budget − Forecast), but a total adds up each column on
 * its own and fills both, and there the overspend less the underspend is the difference. So each is read as the
 * difference plus the other column, which is blank on a line and the other sum on a total. The other column is one
 * headed as worked out that no line fills where this one does; its own rule is added when its figures bear it out
 * on every row (an overspend column with only two lines has too few for a rule found on its own).
 */
function splitVariances(rules: RowRule[], table: Table, exact: ExactFigures): RowRule[] {
  const out = [...rules];
  const split = new Set<number>();
  for (const rule of rules) {
    if (rule.unsigned || rule.parts.length !== 2 || split.has(rule.total)) continue;
    const y = table.columns.findIndex(
      (c, i) =>
        i !== rule.total &&
        !rule.parts.some((p) => p.column === i) &&
        (table.additive?.[i] ?? true) &&
        TOTAL_COLUMN.test(c.label) &&
        neverBothOnALine(table, rule.total, i),
    );
    if (y < 0) continue;
    const parts = [...rule.parts, { column: y, sign: 1 }];
    const t = tally(table, exact, rule.total, { parts }, false);
    if (t.fails > rule.fails) continue;
    out[out.indexOf(rule)] = { ...rule, parts, holds: t.holds, fails: t.fails };
    split.add(rule.total).add(y);
    const mirror = [...rule.parts.map((p) => ({ column: p.column, sign: -p.sign })), { column: rule.total, sign: 1 }];
    const m = tally(table, exact, y, { parts: mirror }, false);
    const own = out.findIndex((r) => r.total === y);
    if (own >= 0 && m.fails <= out[own]!.fails)
      out[own] = { ...out[own]!, parts: mirror, holds: m.holds, fails: m.fails };
    else if (own < 0 && m.fails === 0 && m.holds >= 2)
      out.push({ total: y, parts: mirror, holds: m.holds, fails: m.fails });
  }
  return out;
}

/** Whether two columns each have figures on the lines, and no line (a row not a total nor bold) has figures in both. */
function neverBothOnALine(table: Table, a: number, b: number): boolean {
  let inA = false;
  let inB = false;
  for (const row of table.rows) {
    if (row.type !== 'line' || row.bold) continue;
    const [fa, fb] = [!!row.figures[a], !!row.figures[b]];
    if (fa && fb) return false;
    inA ||= fa;
    inB ||= fb;
  }
  return inA && inB;
}

/** Each row's figure in an unsigned rule's total column takes the sign of the difference it shows the size of. */
function signUnsignedTotals(table: Table, exact: ExactFigures, rule: RowRule): void {
  table.rows.forEach((row, r) => {
    let expected = 0;
    for (const p of rule.parts) {
      const v = exact.at(r, p.column);
      if (v === null || v === undefined) continue;
      expected += p.sign * v;
    }
    if (expected < 0) {
      row.signs ??= table.columns.map(() => 1);
      row.signs[rule.total] = -1;
    }
  });
}

/** Names the totals of a budget table in its own words, and gives each line its section, for messages. */
export function nameTotals(table: Table): void {
  let heading: string | undefined;
  table.rows.forEach((row, i) => {
    if (row.type === 'heading') {
      heading = row.label.replace(/:$/, '');
      return;
    }
    if (row.type === 'total') {
      row.name ??= row.label || 'the unlabelled total';
      for (const p of row.parts ?? []) table.rows[p]!.consumedBy ??= i;
      return;
    }
    row.section ??= heading;
  });
}

/**
 * A column of amounts per unit (Band D, per head) may end in an average rather than a sum: a list of
 * parish precepts' "Total / Average" row gives the average Band D. Such a total, within the range of
 * the lines it would add up, is an average and is not checked. A Band D column that does add up (the
 * district's, county's and police's shares of one Band D) is beyond its largest line, and is checked.
 */
export function leaveAveragesUnchecked(table: Table): void {
  leaveUnchecked(table, PER_UNIT_HEADING, (value, lines) => {
    const sameSign = lines.every((v) => v.gte(0)) || lines.every((v) => v.lte(0));
    const min = lines.reduce((a, v) => (v.lt(a) ? v : a));
    const max = lines.reduce((a, v) => (v.gt(a) ? v : a));
    return sameSign && min.lt(max) && value.gte(min) && value.lte(max);
  });
}

/**
 * A column of balances over periods down the rows (each year's opening balance, contributions, use,
 * closing balance) has a total row that gives the first opening balance and the last closing one:
 * balances at a point in time are not added over time. Such a total, equal to its first or its last
 * line and not to their sum, is that balance and is not checked. Balances of several reserves at
 * one date (down the rows) do add up, and are checked as any total.
 */
export function leaveBalancesUnchecked(table: Table): void {
  leaveUnchecked(table, BALANCE_HEADING, (value, lines, parts) => {
    if (lines.length < parts) return false;
    const sum = lines.reduce((a, v) => a.plus(v));
    return !sum.eq(value) && (value.eq(lines[0]!) || value.eq(lines[lines.length - 1]!));
  });
}

/**
 * Leaves unchecked each total, in a column whose heading matches `heading`, that `notASum` says is not
 * a sum of its lines (given its figure, its lines' figures and how many lines it has); totals of fewer
 * than two figured lines are left as they are.
 */
function leaveUnchecked(
  table: Table,
  heading: RegExp,
  notASum: (value: Decimal, lines: Decimal[], parts: number) => boolean,
): void {
  table.columns.forEach((column, c) => {
    if (!heading.test(column.label)) return;
    for (const total of table.rows) {
      if (total.type !== 'total' || !total.structure?.checked[c]) continue;
      const value = total.figures[c]?.value;
      const parts = total.parts ?? [];
      const lines = parts.flatMap((p) => table.rows[p]!.figures[c]?.value ?? []);
      if (value && lines.length >= 2 && notASum(value, lines, parts.length)) total.structure.checked[c] = false;
    }
  });
}

const MAX_SIGN_SEARCH = 16;

/**
 * In a paper printed without signs, a column with no rule to give its figures their signs (last
 * year's net cost beside this year's) is read with the signs of a column that has one, row by row,
 * where that makes its total add up; else with the one choice of signs that does. When no choice
 * does, the total is not checked there, and the reader says so.
 */
export function signUnsignedColumns(table: Table, notes: Finding[]): void {
  const unsignedRules = (table.rowRules ?? []).filter((r) => r.unsigned);
  const ruled = unsignedRules.map((r) => r.total);
  if (!ruled.length) return;
  // Gross spending and income are sizes by nature: only columns like the net one can hide a sign.
  const sizes = new Set(unsignedRules.flatMap((r) => r.parts.map((p) => p.column)));
  const exact = exactFigures(table);
  for (const [t, total] of table.rows.entries()) {
    if (total.type !== 'total' || !total.parts?.length || !total.structure) continue;
    const parts = total.parts;
    table.columns.forEach((column, c) => {
      if (ruled.includes(c) || sizes.has(c) || !total.structure!.checked[c]) return;
      const value = exact.at(t, c);
      const figures = parts.map((p) => exact.at(p, c));
      if (value === null || value === undefined || figures.some((v) => v === null)) return;
      const step = stepUnits(table, exact, [c]);
      const holds = (signs: number[]) =>
        judgeExact(
          value,
          figures.reduce<number>((sum, v, k) => sum + signs[k]! * (v ?? 0), 0),
          step,
          parts.length,
          'rounding',
        ) !== 'mismatch';
      if (holds(parts.map(() => 1))) return;
      const alongside = ruled.map((r) => parts.map((p) => table.rows[p]!.signs?.[r] ?? 1)).find(holds);
      const signs = alongside ?? searchSigns(parts.length, holds);
      if (signs) {
        parts.forEach((p, k) => {
          const row = table.rows[p]!;
          row.signs ??= table.columns.map(() => 1);
          row.signs[c] = signs[k]!;
        });
        return;
      }
      total.structure!.checked[c] = false;
      notes.push(
        finding(
          'total-unclear',
          table.sheet,
          a1(total.row, total.figures[c]?.col ?? column.col),
          `the paper prints its figures without signs, and no choice of signs makes ${column.label} add up to ${total.label || 'its total'}; it is not checked`,
        ),
      );
    });
  }
}

/** The choice of signs (fewest minus signs first) under which a total holds, if there is one and few enough lines to try them all. */
function searchSigns(n: number, holds: (signs: number[]) => boolean): number[] | undefined {
  if (n > MAX_SIGN_SEARCH) return undefined;
  const masks = Array.from({ length: 2 ** n }, (_, m) => m).sort((a, b) => bits(a) - bits(b));
  for (const mask of masks) {
    const signs = Array.from({ length: n }, (_, k) => (mask & (1 << k) ? -1 : 1));
    if (holds(signs)) return signs;
  }
  return undefined;
}

function bits(n: number): number {
  let count = 0;
  for (let m = n; m; m &= m - 1) count++;
  return count;
}
