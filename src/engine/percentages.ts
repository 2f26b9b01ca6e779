import { a1 } from './a1';
import { CellFigure } from './figures';
import { finding, type Finding } from './findings';
import type { Figure, PercentRule, Table } from './tables';
import { formatDecimals } from './reader/units';
import { rowName } from './validate';

/**
 * Per cent columns worked out from the £ columns on each row: a change on last year ("% change",
 * (2025/26 − 2024/25) ÷ 2024/25), one figure as a percentage of another ("% spent", actual ÷ budget; a
 * variation ÷ the budget), or each line's share of the table's total ("% of total"). Found from the
 * figures, as the row rules are: a way of working the column out is kept when the rows bear it out
 * (see followed) and no other way gives the per cents as often and disagrees on which rows are wrong. Then a row
 * whose per cent no rounding explains is a mistake in the paper (a variation of −12,170 on a budget of
 * 12,170 printed 100% for −100%).
 *
 * Rounding is judged both ways: the £ figures are rounded to their printed unit, so the per cent they
 * give is a range, and the per cent is printed to its own places (some papers cut it short rather
 * than round it, or work it out from figures before rounding: a unit and a half of its last place is
 * allowed before a row is said). A per cent is a figure worked out for reading, and the way it was
 * worked out is inferred, so a row that does not follow is a warning to check it, not an error.
 */

/** A way of working a per cent column out, before it is tried on the rows. */
type Way = Omit<PercentRule, 'holds' | 'fails'>;

/** A per cent as printed: its value in per cent and the unit of its last printed place. */
interface Printed {
  value: number;
  unit: number;
}

/** A cell formatted as a percentage holds the fraction (0.053 shows 5.3%); any other holds the per cent itself. */
function printedPercent(f: Figure | undefined): Printed | undefined {
  const v = f?.value;
  if (!v) return undefined;
  const format = f instanceof CellFigure ? f.format : undefined;
  const shown = (format ?? '').split(';')[0]!.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const places = formatDecimals(format) ?? Math.min(v.decimalPlaces(), 6);
  const fraction = shown.includes('%');
  return { value: v.toNumber() * (fraction ? 100 : 1), unit: 10 ** -places };
}

/**
 * A table's £ figures as numbers, with the sign the reader gave a figure printed without one (a blank undefined, a
 * figure that cannot be read null), and each column's half unit: read once, as every way of working a per cent out
 * is tried on every row.
 */
interface Amounts {
  at: (number | null | undefined)[][];
  half: number[];
}

function amountsOf(table: Table): Amounts {
  return {
    at: table.rows.map((row) =>
      row.figures.map((f, k) => (!f ? undefined : f.value ? f.value.toNumber() * (row.signs?.[k] ?? 1) : null)),
    ),
    half: table.columns.map((_, k) => (table.steps?.[k] ?? table.step).toNumber() / 2),
  };
}

/** The per cent a way of working it out gives on a row, as the range the rounded £ figures allow; undefined when it cannot be tried. */
function expectedRange(amounts: Amounts, rule: Way, r: number): [number, number] | undefined {
  const a = amounts.at[r]![rule.of];
  // Nothing to work out a per cent of.
  if (a === undefined || a === null) return undefined;
  // A share's total and the line are the same figure on the total's own row: 100%, whatever the rounding.
  if (rule.how === 'share' && r === rule.totalRow) return [100, 100];
  // A blank base is nil.
  const b = amounts.at[rule.how === 'share' ? rule.totalRow! : r]![rule.base] ?? (rule.how === 'share' ? null : 0);
  if (b === null) return undefined;
  const [ha, hb] = [amounts.half[rule.of]!, amounts.half[rule.base]!];
  // Nothing to divide by, or a divisor rounding could make nil: no per cent to expect.
  if (rule.how === 'previous' ? Math.abs(b - a) <= ha + hb : Math.abs(b) <= hb) return undefined;
  // Each way is monotonic in each figure while its divisor keeps its sign: the range's ends are at the corners.
  let least = Infinity;
  let most = -Infinity;
  for (const x of [a - ha, a + ha])
    for (const y of [b - hb, b + hb]) {
      const v = percentOf(rule, x, y);
      least = Math.min(least, v);
      most = Math.max(most, v);
    }
  return [least, most];
}

/** The per cent of \`of\` (x) on \`base\` (y) a way of working it out gives. */
function percentOf(rule: Way, x: number, y: number): number {
  // A change on a negative figure (income, a use of reserves) is over its size, or over the figure as it stands.
  const over = (d: number) => (rule.signed ? d : Math.abs(d));
  if (rule.how === 'change') return ((x - y) / over(y)) * 100;
  // The change on the year before, the year before being the new figure less the change.
  if (rule.how === 'previous') return (x / over(y - x)) * 100;
  return (x / y) * 100;
}

/**
 * Whether the printed per cent is one the range can give: rounded to its places (\`strict\`, how a way of working
 * the column out is found) or, before a row is said to be wrong, within a unit and a half of its last place.
 */
function agrees(printed: Printed, [lo, hi]: [number, number], strict: boolean): boolean {
  const slack = printed.unit * (strict ? 0.5 : 1.5) * 1.000001;
  return printed.value >= lo - slack && printed.value <= hi + slack;
}

interface Tally {
  /** Rows whose per cent is the way's, rounded. */
  holds: number;
  /** Of those, rows whose per cent is not nil: what tells one way of working it out from another. */
  shown: number;
  /** Rows it can be tried on. */
  tried: number;
  /** Rows whose per cent neither rounding nor cutting short explains. */
  failing: number[];
  /** Stopped early: too many rows against the way for it ever to be followed. */
  cut: boolean;
}

/** Each row's per cent in column p as printed (none on a heading): read once, tried against every way. */
function printedColumn(table: Table, p: number): (Printed | undefined)[] {
  return table.rows.map((row) => (row.type === 'heading' ? undefined : printedPercent(row.figures[p])));
}

/**
 * How a way of working column p out fares on its rows. It stops as soon as the way cannot be followed (see followed),
 * so trying the many ways of a long table costs little: a tally cut short is never followed.
 */
function tally(amounts: Amounts, printed: (Printed | undefined)[], rule: Way): Tally {
  const t: Tally = { holds: 0, shown: 0, tried: 0, failing: [], cut: false };
  const most = printed.reduce((n, x) => (x ? n + 1 : n), 0);
  let against = 0;
  for (let r = 0; r < printed.length; r++) {
    const shown = printed[r];
    const range = shown && expectedRange(amounts, rule, r);
    if (!shown || !range) continue;
    t.tried++;
    if (agrees(shown, range, true)) {
      t.holds++;
      if (shown.value !== 0) t.shown++;
      continue;
    }
    if (!agrees(shown, range, false)) t.failing.push(r);
    // More rows against it than a third of all the per cents, or more beyond rounding than followed allows.
    if (++against > most / 3 || t.failing.length > Math.max(1, Math.floor(most / 10))) {
      t.cut = true;
      return t;
    }
  }
  return t;
}

/**
 * Enough rows for a way of working a column out to be believed: three showing a per cent other than nil, two rows in
 * three giving its per cent rounded, and one row beyond rounding (one in ten in a long table): the slip it will
 * report. A column two rows of a short table disagree with is worked out otherwise there (a total's per cent on
 * another base), which is the paper's choice, not a mistake.
 */
function followed(t: Tally): boolean {
  return (
    !t.cut && t.shown >= 3 && t.holds >= (2 / 3) * t.tried && t.failing.length <= Math.max(1, Math.floor(t.tried / 10))
  );
}

function candidates(table: Table, p: number, printed: (Printed | undefined)[]): Way[] {
  const amounts = table.columns.map((_, k) => k).filter((k) => table.additive?.[k] ?? true);
  const out: Way[] = [];
  for (const of of amounts)
    for (const base of amounts)
      if (of !== base)
        out.push(
          { column: p, how: 'change', of, base },
          { column: p, how: 'change', of, base, signed: true },
          { column: p, how: 'previous', of, base },
          { column: p, how: 'previous', of, base, signed: true },
          { column: p, how: 'ratio', of, base },
        );
  // A share of the table's last total, or of a total whose own per cent is 100 (a budget's total above its balances).
  let last = -1;
  table.rows.forEach((row, r) => {
    if (row.type === 'total') last = r;
  });
  table.rows.forEach((row, totalRow) => {
    if (row.type !== 'total' || (totalRow !== last && printed[totalRow]?.value !== 100)) return;
    for (const of of amounts) out.push({ column: p, how: 'share', of, base: of, totalRow });
  });
  return out;
}

/**
 * A column of per cent changes printed as plain figures, with no % anywhere (Hampshire's "Increase on": −5.9 beside
 * 1,861 and 1,752): its figures, read as per cents, are borne out (see followed) as the change from one other column
 * to another, over the first figure or over its size (on lines taken off, papers print the change in what is taken
 * off: −168 on −164 is −2.4), and are not simply the second less the first (a change in money). Such a column holds
 * per cents and is never added up: summed as money, its "Budget" of −2.0 against lines making 26.6 was an error. The
 * way found, or undefined. The caller asks only of a column whose heading names no year and no money unit.
 */
export function plainPercentChange(table: Table, x: number): Way | undefined {
  const others = table.columns.map((_, k) => k).filter((k) => k !== x);
  const amounts = amountsOf(table);
  let printed: (Printed | undefined)[] | undefined;
  for (const base of others)
    for (const of of others) {
      if (of === base || isDifference(amounts, x, of, base)) continue;
      for (const signed of [false, true]) {
        const rule = { column: x, how: 'change' as const, of, base, signed };
        if (followed(tally(amounts, (printed ??= printedColumn(table, x)), rule))) return rule;
      }
    }
  return undefined;
}

/** Whether column x is, on every row with a figure in it, \`of\` less \`base\` within rounding (a blank nil): a change in money. */
function isDifference(amounts: Amounts, x: number, of: number, base: number): boolean {
  const slack = amounts.half[x]! + amounts.half[of]! + amounts.half[base]!;
  return amounts.at.every((row) => {
    const [a, b, p] = [row[of] ?? 0, row[base] ?? 0, row[x]];
    return p === undefined || a === null || b === null || p === null || Math.abs(a - b - p) <= slack;
  });
}

/** The ways a table's per cent columns are worked out from its £ columns, as the figures show them. */
export function solvePercentRules(table: Table): PercentRule[] {
  const rules: PercentRule[] = [];
  let amounts: Amounts | undefined;
  table.columns.forEach((_, p) => {
    if (table.additive?.[p] ?? true) return;
    let best: { rule: Way; t: Tally } | undefined;
    let rival: Tally | undefined;
    const printed = printedColumn(table, p);
    for (const rule of candidates(table, p, printed)) {
      const t = tally((amounts ??= amountsOf(table)), printed, rule);
      if (!followed(t)) continue;
      if (!best || t.holds > best.t.holds || (t.holds === best.t.holds && t.failing.length < best.t.failing.length)) {
        rival = best && best.t.holds === t.holds && best.t.failing.length === t.failing.length ? best.t : undefined;
        best = { rule, t };
      } else if (t.holds === best.t.holds && t.failing.length === best.t.failing.length) rival ??= t;
    }
    if (!best) return;
    // Two ways that fit as well but blame different rows: which row is wrong is not known, so nothing is said.
    if (rival && rival.failing.join() !== best.t.failing.join()) return;
    rules.push({ ...best.rule, holds: best.t.holds, fails: best.t.failing.length });
  });
  return rules;
}

/** "the change from 2024/25 to 2025/26", "Actual as a percentage of Budget", "Net as a share of Total net budget". */
export function percentWords(table: Table, rule: PercentRule): string {
  const label = (k: number) => table.columns[k]!.label;
  if (rule.how === 'change') return `the change from ${label(rule.base)} to ${label(rule.of)}`;
  if (rule.how === 'ratio') return `${label(rule.of)} as a percentage of ${label(rule.base)}`;
  if (rule.how === 'previous')
    return `${label(rule.of)} as a percentage of the year before (${label(rule.base)} less ${label(rule.of)})`;
  const total = table.rows[rule.totalRow!]!;
  return `${label(rule.of)} as a share of ${rowName(total)}`;
}

const shownTo = (value: number, unit: number) => value.toFixed(Math.max(0, Math.min(6, Math.round(-Math.log10(unit)))));

/** Every row whose per cent its £ figures cannot give, by a rule the rest of the column follows. */
export function checkPercentRules(table: Table): Finding[] {
  const out: Finding[] = [];
  let amounts: Amounts | undefined;
  for (const rule of table.percentRules ?? []) {
    table.rows.forEach((row, r) => {
      if (row.type === 'heading') return;
      const f = row.figures[rule.column];
      const printed = printedPercent(f);
      const range = printed && expectedRange((amounts ??= amountsOf(table)), rule, r);
      if (!f || !printed || !range || agrees(printed, range, false)) return;
      const expected = shownTo((range[0] + range[1]) / 2, printed.unit);
      const actual = shownTo(printed.value, printed.unit);
      out.push(
        finding(
          'percent-mismatch',
          table.sheet,
          a1(f.row, f.col),
          `${rowName(row)}: ${percentWords(table, rule)} is ${expected}% but ${table.columns[rule.column]!.label} shows ${actual}%`,
          { expected, actual },
        ),
      );
    });
  }
  return out;
}
