import { a1 } from './a1';
import { capitalise, equalInCents, judge, money, roundingWords, unusualRoundingWords, type Tolerance } from './compare';
import { centsOf } from './figures';
import { finding, type Finding } from './findings';
import { addCents, Decimal, stepCents, sum, ZERO } from './money';
import { groupHeadings } from './structure';
import { columnIndex, type Figure, type MoneyColumn, type RowRule, type Table, type TableRow } from './tables';
import {
  isClassification,
  namesOnlyAMeasure,
  nameWords,
  TOTAL_LABEL,
  totalLabelClass,
  totalLabelSubject,
  wordsAgree,
} from './vocabulary';

export interface RuleContext {
  tolerance: Tolerance;
  department?: string;
}

export interface Comparison {
  sheet: string;
  cell: string;
  actual: Decimal;
  expected: Decimal;
  addends: number;
  /** Displayed unit of the figure being judged, in its own table's figures. */
  step: Decimal;
  /** "Transformation total for 2016/17 is -3,920 but its lines add up to -3,910": worded only when needed. */
  statement: () => string;
  /** What an addend is called in the rounding note: "line", "part", "year". */
  noun: string;
  mismatchRule: 'total-mismatch' | 'summary-mismatch' | 'carried-total-mismatch';
}

/** Turns one comparison into a finding (or none), the same way for every rule. */
export function compareFigures(c: Comparison, tolerance: Tolerance): Finding | null {
  const j = judge(c.actual, c.expected, c.addends, c.step, tolerance);
  if (j.verdict === 'equal') return null;
  const places = Math.max(0, -Math.floor(Math.log10(c.step.toNumber())));
  const figures = { expected: c.expected.toFixed(), actual: c.actual.toFixed() };
  if (j.verdict === 'rounding') {
    return finding(
      'rounding-difference',
      c.sheet,
      c.cell,
      `${c.statement()}: ${roundingWords(j, c.addends, c.noun, places)}`,
      figures,
    );
  }
  if (j.verdict === 'unusual') {
    return finding(
      'large-rounding',
      c.sheet,
      c.cell,
      `${c.statement()}: ${unusualRoundingWords(j, c.addends, c.noun, places, c.step)}`,
      figures,
    );
  }
  return finding(
    c.mismatchRule,
    c.sheet,
    c.cell,
    `${c.statement()} (a difference of ${money(j.difference.abs(), places)})`,
    figures,
  );
}

export function unitPlaces(table: Table): number {
  return Math.max(0, -Math.floor(Math.log10(table.step.toNumber())));
}

/** The figure in a column, blank counting as zero; null when the cell could not be read. A figure printed without its sign takes the sign the reader found for it. */
export function valueOf(row: TableRow, i: number): Decimal | null {
  const f = row.figures[i];
  if (!f) return ZERO;
  const sign = row.signs?.[i] ?? 1;
  return sign === 1 || !f.value ? f.value : f.value.negated();
}

/** A figure's hundredths with its sign, as valueOf reads it. */
function signedCents(row: TableRow, i: number): number {
  const c = centsOf(row.figures[i]);
  return (row.signs?.[i] ?? 1) === 1 ? c : -c;
}

/** The unit a column's figures are printed to. */
export function columnStep(table: Table, i: number): Decimal {
  return table.steps?.[i] ?? table.step;
}

function columnPlaces(table: Table, i: number): number {
  return Math.max(0, -Math.floor(Math.log10(columnStep(table, i).toNumber())));
}

const stepsInCents = new WeakMap<Table, number[]>();

function columnStepCents(table: Table, i: number): number {
  let c = stepsInCents.get(table);
  if (c === undefined) stepsInCents.set(table, (c = table.columns.map((_, k) => stepCents(columnStep(table, k)))));
  return c[i] ?? NaN;
}

/** The sum of column i over some rows, each with its sign, in exact hundredths; NaN when a figure has none (or is unreadable). */
function partsInCents(parts: readonly TableRow[], signs: readonly number[] | undefined, i: number): number {
  let sum = 0;
  parts.forEach((p, k) => {
    const c = signedCents(p, i);
    sum = addCents(sum, (signs?.[k] ?? 1) === 1 ? c : -c);
  });
  return sum;
}

/** The sum of some columns of one row, in exact hundredths; NaN as above. */
function columnsInCents(row: TableRow, cols: readonly number[], signs?: readonly number[]): number {
  let sum = 0;
  cols.forEach((c, k) => {
    const v = signedCents(row, c);
    sum = addCents(sum, (signs?.[k] ?? 1) === 1 ? v : -v);
  });
  return sum;
}

/**
 * Most totals are shown equal to the sum of their parts, and that is proved here in exact
 * hundredths, with no Decimal at all. Otherwise (false) the Decimals decide.
 */
function shownEqual(table: Table, row: TableRow, i: number, expectedCents: number): boolean {
  return equalInCents(signedCents(row, i), expectedCents, columnStepCents(table, i));
}

/** A sum as a Decimal from its exact hundredths. */
function fromCents(cents: number): Decimal {
  return new Decimal(cents).div(100);
}

/** Adds Decimals, each with its sign; null when one is unreadable. */
function addUp(values: (Decimal | null)[], signs?: readonly number[]): Decimal | null {
  if (values.some((v) => v === null)) return null;
  return sum((values as Decimal[]).map((v, k) => ((signs?.[k] ?? 1) === 1 ? v : v.negated())));
}

/** Whether a figure is above zero, from its hundredths when it has them. */
function positive(row: TableRow, i: number): boolean {
  const c = signedCents(row, i);
  if (!Number.isNaN(c)) return c > 0;
  const v = valueOf(row, i);
  return !!v && v.gt(0);
}

function cellOf(table: Table, row: TableRow, i: number): string {
  const f: Figure | undefined = row.figures[i];
  return a1(row.row, f ? f.col : table.columns[i]!.col);
}

/** A row as messages name it: its reference and description, cut short if a description runs on. */
export function rowName(row: TableRow): string {
  if (row.type === 'total' && row.name) return capitalise(shorten(row.name));
  const label = shorten(row.label);
  if (row.ref && label) return `${row.ref} ${label}`;
  return label || row.ref || `row ${row.row + 1}`;
}

export function shorten(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Whether a total is checked in a column: where the reader says so, or (the house format) unless the total and its parts are all blank. */
function checkedColumn(table: Table, total: TableRow, parts: TableRow[], i: number): boolean {
  if (table.kind === 'budget-table' || table.additive?.[i] === false) return total.structure?.checked[i] ?? false;
  if (table.columns[i]!.key === 'gross' && !total.figures[i]) return false;
  return !!total.figures[i] || parts.some((p) => p.figures[i]);
}

/** "its lines add up to", "the lines less those taken away come to": how a total's parts are said. */
function partsWords(total: TableRow, parts: TableRow[]): string {
  const noun = parts.every((p) => p.type === 'line') ? 'lines' : 'parts';
  if (total.structure?.how === 'running') return 'the total above and the lines since come to';
  if (total.partSigns?.every((s) => s < 0)) return `its ${noun} add up to minus`;
  if (total.partSigns) return `its ${noun}, less those taken away, come to`;
  return `its ${noun} add up to`;
}

/** Column rule: every total against its parts, in every money column. */
export function checkColumnTotals(table: Table, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const total of table.rows) {
    if (total.type !== 'total' || !total.parts || total.parts.length === 0) continue;
    const parts = total.parts.map((i) => table.rows[i]!);
    const signs = total.partSigns;
    const noun = parts.every((p) => p.type === 'line') ? 'line' : 'part';
    table.columns.forEach((column, i) => {
      if (!checkedColumn(table, total, parts, i)) return;
      const cents = partsInCents(parts, signs, i);
      if (shownEqual(table, total, i, cents)) return;
      const actual = valueOf(total, i);
      const expected = Number.isNaN(cents)
        ? addUp(
            parts.map((p) => valueOf(p, i)),
            signs,
          )
        : fromCents(cents);
      if (actual === null || expected === null) return;
      const places = columnPlaces(table, i);
      const c = compareFigures(
        {
          sheet: table.sheet,
          cell: cellOf(table, total, i),
          actual,
          expected,
          addends: parts.length,
          step: columnStep(table, i),
          statement: () =>
            `${capitalise(total.name ?? 'the total')} for ${column.label} is ${money(actual, places)} but ${partsWords(total, parts)} ${money(signs?.every((s) => s < 0) ? expected.negated() : expected, places)}`,
          noun,
          mismatchRule: 'total-mismatch',
        },
        ctx.tolerance,
      );
      if (c) out.push(c);
    });
  }
  return out;
}

/** "Gross Expenditure less Income", "2026/27 to 2029/30": a row rule's parts in words. */
function ruleWords(table: Table, rule: RowRule): string {
  const label = (i: number) => table.columns[i]!.label;
  const cols = rule.parts.map((p) => p.column);
  if (rule.parts.length >= 3 && rule.parts.every((p) => p.sign > 0))
    return `${label(cols[0]!)} to ${label(cols[cols.length - 1]!)}`;
  // What is added first, then what is taken away: "2026/27 Budget less 2025/26 Budget", as a paper says it.
  const parts = [...rule.parts].sort((a, b) => b.sign - a.sign);
  return parts
    .map((p, k) => `${k === 0 ? (p.sign < 0 ? 'minus ' : '') : p.sign < 0 ? ' less ' : ' plus '}${label(p.column)}`)
    .join('');
}

/** The rules a budget table's rows follow (Net = Gross − Income, Total = the years), on every row. */
export function checkRowRules(table: Table, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of table.rowRules ?? []) {
    const cols = rule.parts.map((p) => p.column);
    const signs = rule.parts.map((p) => p.sign);
    const words = ruleWords(table, rule);
    const unsigned = rule.unsigned ? ' (the paper prints its figures without signs)' : '';
    for (const row of table.rows) {
      if (row.type === 'heading' || !row.figures[rule.total] || cols.every((c) => !row.figures[c])) continue;
      const f = checkRowSum(
        table,
        row,
        cols,
        rule.total,
        (exp, act) =>
          `${words} come${rule.parts.length > 1 ? '' : 's'} to ${exp} but ${table.columns[rule.total]!.label} shows ${act}${unsigned}`,
        'column',
        ctx,
        signs,
      );
      if (f) out.push(outOfStep(table, row, rule, ctx, f) ?? f);
    }
  }
  return out;
}

/**
 * How far the first total that counts a line is from its parts in a column, in hundredths (0 where it adds up):
 * undefined where no checked total counts the line.
 */
function footingIn(table: Table, row: TableRow, i: number): number | undefined {
  const r = table.rows.indexOf(row);
  const total = table.rows.find((t) => t.type === 'total' && t.parts?.includes(r));
  if (!total?.parts) return undefined;
  const parts = total.parts.map((k) => table.rows[k]!);
  if (!checkedColumn(table, total, parts, i)) return undefined;
  const cents = partsInCents(parts, total.partSigns, i);
  if (Number.isNaN(cents) || shownEqual(table, total, i, cents)) return 0;
  const sign = total.partSigns?.[total.parts.indexOf(r)] ?? 1;
  return sign * (signedCents(total, i) - cents);
}

/**
 * A line whose figures do not agree across the row has one of them wrong, and a finance officer finds which by
 * footing the columns: the one whose column's total is out by what the row is out by, so that correcting it puts
 * both right. Where the rule's own column adds up to its total and exactly one of the columns it is worked out from
 * is out so, the rule is read for that column and the error said at its figure (King's Lynn and West Norfolk's
 * "Contribution To General Fund Balance": £0 and (£2,199,130) printed net (£2,099,130); the income column's total
 * counts (£2,199,130) and the net column's is out by £100,000, so the net figure is the one said, not the income).
 * Only an error is moved: a rounding difference names no wrong figure. Undefined where the columns do not tell.
 */
function outOfStep(table: Table, row: TableRow, rule: RowRule, ctx: RuleContext, said: Finding): Finding | undefined {
  if (row.type !== 'line' || said.severity !== 'error') return undefined;
  const cols = rule.parts.map((p) => p.column);
  const signs = rule.parts.map((p) => p.sign);
  const cents = columnsInCents(row, cols, signs);
  if (Number.isNaN(cents) || footingIn(table, row, rule.total) !== 0) return undefined;
  // A part figure p (sign s) printed e too high puts the row out by −s × e and its column total by −e: s × the row.
  const rowOff = signedCents(row, rule.total) - cents;
  const off = rule.parts.filter((p) => {
    const d = footingIn(table, row, p.column);
    return row.figures[p.column] && d !== undefined && d !== 0 && d === p.sign * rowOff;
  });
  if (off.length !== 1) return undefined;
  const blamed = off[0]!;
  // The same rule read for the blamed column: it is the total column, less (or plus) the others.
  const solved: RowRule = {
    ...rule,
    total: blamed.column,
    parts: [
      { column: rule.total, sign: blamed.sign },
      ...rule.parts.filter((p) => p !== blamed).map((p) => ({ column: p.column, sign: -blamed.sign * p.sign })),
    ],
  };
  const words = ruleWords(table, solved);
  return (
    checkRowSum(
      table,
      row,
      solved.parts.map((p) => p.column),
      solved.total,
      (exp, act) =>
        `${words} come${solved.parts.length > 1 ? '' : 's'} to ${exp} but ${table.columns[solved.total]!.label} shows ${act}`,
      'column',
      ctx,
      solved.parts.map((p) => p.sign),
    ) ?? undefined
  );
}

/** Row rule for one row: the named columns add up to the total column. */
function checkRowSum(
  table: Table,
  row: TableRow,
  partCols: number[],
  totalCol: number,
  words: (exp: string, act: string) => string,
  noun: string,
  ctx: RuleContext,
  signs?: readonly number[],
): Finding | null {
  const cents = columnsInCents(row, partCols, signs);
  if (shownEqual(table, row, totalCol, cents)) return null;
  const actual = valueOf(row, totalCol);
  const expected = Number.isNaN(cents)
    ? addUp(
        partCols.map((i) => valueOf(row, i)),
        signs,
      )
    : fromCents(cents);
  if (actual === null || expected === null) return null;
  if (!row.figures[totalCol] && partCols.every((i) => !row.figures[i])) return null;
  const places = columnPlaces(table, totalCol);
  return compareFigures(
    {
      sheet: table.sheet,
      cell: cellOf(table, row, totalCol),
      actual,
      expected,
      addends: partCols.length,
      step: columnStep(table, totalCol),
      statement: () => `${rowName(row)}: ${words(money(expected, places), money(actual, places))}`,
      noun,
      mismatchRule: 'total-mismatch',
    },
    ctx.tolerance,
  );
}

/** Row rule of Appendix A: Employees + Running Expenses + External Income + Internal Income = Net Total. */
export function checkRevenueRows(table: Table, ctx: RuleContext): Finding[] {
  const net = columnIndex(table, 'net');
  const parts = ['employees', 'running', 'external-income', 'internal-income']
    .map((k) => columnIndex(table, k))
    .filter((i) => i >= 0);
  if (net < 0 || parts.length < 2) return [];
  const names = parts.map((i) => table.columns[i]!.label).join(' + ');
  const words = (exp: string, act: string) => `${names} come to ${exp} but ${table.columns[net]!.label} shows ${act}`;
  const out: Finding[] = [];
  for (const row of table.rows) {
    if (row.type === 'heading') continue;
    const f = checkRowSum(table, row, parts, net, words, 'column', ctx);
    if (f) out.push(f);
  }
  return out;
}

/** Row rules of Appendix C: Total = the years; a programme total above the gross cost is an error. */
export function checkCapitalRows(table: Table, ctx: RuleContext): Finding[] {
  const total = columnIndex(table, 'total');
  const gross = columnIndex(table, 'gross');
  const years = table.columns.flatMap((c, i) => (c.key.startsWith('year:') ? [i] : []));
  const out: Finding[] = [];
  const places = unitPlaces(table);
  const words = (exp: string, act: string) => `the years add up to ${exp} but Total shows ${act}`;
  for (const row of table.rows) {
    if (row.type === 'heading') continue;
    if (total >= 0 && years.length) {
      const f = checkRowSum(table, row, years, total, words, 'year', ctx);
      if (f) out.push(f);
    }
    if (row.type === 'line' && total >= 0 && gross >= 0 && row.figures[gross] && !withinGross(row, total, gross)) {
      const t = valueOf(row, total);
      const g = valueOf(row, gross);
      if (t && g && t.gt(g)) {
        out.push(
          finding(
            'capital-over-gross',
            table.sheet,
            cellOf(table, row, total),
            `${rowName(row)}: the programme total ${money(t, places)} is more than the gross cost of the project ${money(g, places)}`,
            { expected: g.toFixed(), actual: t.toFixed() },
          ),
        );
      }
    }
  }
  return out;
}

/** True when a programme total is proved, in exact hundredths, not to be above the gross cost. */
function withinGross(row: TableRow, total: number, gross: number): boolean {
  const t = centsOf(row.figures[total]);
  const g = centsOf(row.figures[gross]);
  return !Number.isNaN(t) && !Number.isNaN(g) && t <= g;
}

/** Savings lines: positive figures (delayed or reversed savings) and classifications. */
export function checkSavingsLines(table: Table): Finding[] {
  const out: Finding[] = [];
  const places = unitPlaces(table);
  const classified = table.classCol !== undefined || table.rows.some((r) => r.classification);
  for (const row of table.rows) {
    if (row.type !== 'line') continue;
    const positives: { c: MoneyColumn; i: number; v: Decimal }[] = [];
    for (let i = 0; i < table.columns.length; i++)
      if (table.columns[i]!.year && positive(row, i)) positives.push({ c: table.columns[i]!, i, v: valueOf(row, i)! });
    if (positives.length) {
      const years = positives.map((p) => `+${money(p.v, places)} in ${p.c.label}`);
      const list = years.length > 1 ? `${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}` : years[0];
      out.push(
        finding(
          'positive-saving',
          table.sheet,
          cellOf(table, row, positives[0]!.i),
          `${rowName(row)} shows ${list}: a positive figure in the savings table is a delayed or reversed saving, or a contingency; check it is meant`,
          { actual: positives[0]!.v.toFixed() },
        ),
      );
    }
    if (!classified) continue;
    const cls = row.classification?.trim() ?? '';
    const at = a1(row.row, row.classificationCol ?? table.classCol ?? Math.max(row.labelCol, 0));
    if (!cls) {
      out.push(
        finding('unknown-classification', table.sheet, at, `${rowName(row)} has no classification (Eff, SR or Income)`),
      );
    } else if (!isClassification(cls)) {
      out.push(
        finding(
          'unknown-classification',
          table.sheet,
          at,
          `${rowName(row)} is classified "${cls}", which is not Eff, SR or Income (or a combination such as Eff/SR)`,
        ),
      );
    }
  }
  return out;
}

/**
 * Where the group a total closes starts: as the layout or the solver found it (spanStart), else, for a
 * total nothing explains, the row after the total before it with the headings just above.
 */
function groupStart(rows: TableRow[], t: number): number {
  const total = rows[t]!;
  if (total.spanStart !== undefined) return total.spanStart;
  let i = t;
  while (i > 0 && rows[i - 1]!.type !== 'total') i--;
  while (i > 0 && rows[i - 1]!.type === 'heading') i--;
  return i;
}

/** A named total must name what it closes: its section, its table or the department. */
export function checkTotalLabels(table: Table, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const inCapitals = printedInCapitals(table);
  table.rows.forEach((row, t) => {
    // Only a label that says total ("TOTAL ADULTS", "Sub total ICT") claims what it closes; a line found
    // to be a total from its figures ("NET SERVICE EXPENDITURE") describes what it is, not whose.
    // A total printed above its lines heads its own section: it cannot name another.
    if (row.type !== 'total' || !TOTAL_LABEL.test(row.label) || row.structure?.how === 'lines-below') return;
    const cls = totalLabelClass(row.label);
    if (cls !== 'named' && cls !== 'sub') return;
    const subject = totalLabelSubject(row.label);
    const subjectWords = new Set(nameWords(subject));
    if (!subject || subjectWords.size === 0 || namesOnlyAMeasure(subject)) return;
    const agrees = (c: string) => wordsAgree(subjectWords, new Set(nameWords(c)));
    // Only a total that names a department or section ("TOTAL ADULTS", "Sub total ICT") can name the
    // wrong one; "Total funding" or "Service total" describe what they add up, not whose it is.
    // Capitals say so only where the lines are printed otherwise: in a table printed in capitals they say nothing.
    const named = /[A-Z]{2}/.test(subject) && subject === subject.toUpperCase() && !inCapitals;
    const otherSection = table.rows.some((r) => r.type === 'heading' && agrees(r.label));
    if (!named && !otherSection) return;
    // The title and the department first: a grand total usually names one, and then its many headings need no look.
    if (table.title.some(agrees) || (ctx.department !== undefined && agrees(ctx.department))) return;
    const headings = row.closesTable
      ? table.rows.filter((r) => r.type === 'heading').map((r) => r.label)
      : groupHeadings(table.rows, groupStart(table.rows, t), t).map((r) => r.label);
    if (headings.some(agrees)) return;
    // A total whose lines have no heading of their own can name another section's heading only by
    // sharing its words ("Increase in Council Tax" under a "Council Tax" section): no sign of a copy.
    if (!row.closesTable && headings.length === 0 && !named) return;
    const closes = row.closesTable
      ? `the whole ${table.title[0] ? `"${table.title[0]}" ` : ''}table`
      : headings.length
        ? `"${headings[headings.length - 1]}"`
        : 'the lines above it';
    out.push(
      finding(
        'label-mismatch',
        table.sheet,
        a1(row.row, row.labelCol),
        `the total is labelled "${row.label}" but it closes ${closes}${ctx.department ? ` of ${ctx.department}` : ''}; was the label copied from another sheet?`,
      ),
    );
  });
  return out;
}

export function yearIndex(table: Table, column: MoneyColumn): number {
  return table.columns.findIndex((c) => c.key === column.key);
}

/** Most of a table's lines labelled in capitals ("EDUCATION", "HIGHWAYS"): an older paper's or a ledger's print. */
function printedInCapitals(table: Table): boolean {
  const labels = table.rows.filter((r) => r.type === 'line' && /[a-z]/i.test(r.label)).map((r) => r.label);
  return labels.length > 0 && labels.filter((l) => l === l.toUpperCase()).length * 2 > labels.length;
}
