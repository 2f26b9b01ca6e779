import { judgeExact } from '../compare';
import type { Decimal } from '../money';
import type { Table, TableRow, TotalHow, TotalStructure } from '../tables';
import {
  CLOSING_BALANCE,
  nameWords,
  namesOnlyAMeasure,
  OPENING_BALANCE,
  OTHER_UNIT_LINE,
  parseYear,
  TOTAL_LABEL,
  totalLabelClass,
} from '../vocabulary';
import type { RowFix } from './correct';
import { addExact, exactFigures, type ExactFigures } from './exact';
import { formatDecimals } from './units';

/**
 * Stage 6 of the reader: what each total adds up, solved from the figures. For each row that is, or
 * may be, a total, the plausible structures are tried — the lines of its section, a running total
 * (the total before it and the lines since), every item above it not yet added up, every line above
 * it, those taken away — in every column at once; the one that holds in the most columns is kept.
 * A row labelled as a total keeps the most plausible structure even when none holds (the check then
 * reports it); a row that is not labelled as one becomes a total only when its figures say so.
 */

interface Candidate {
  parts: number[];
  signs: number[];
  how: TotalHow;
  /** Reads doubtful totals among its parts as lines: taking it makes them lines. */
  throughDoubtful?: boolean;
  /** Lines in its span measured in another unit (Band D, the tax base) that it leaves out: taking it makes them memo lines. */
  leavesOut?: number[];
  /** Unlabelled rows among its parts read as the subtotals of the one line above each (see echoOf): taking it makes them so. */
  echoes?: number[];
}

interface Evaluation {
  holds: number;
  fails: number;
  /** Columns where it holds to the figure, not within rounding. */
  exact: number;
  /** Columns where it holds with at least two parts that are not zero: real support, not 0 = 0. */
  support: number;
  checked: boolean[];
}

type Prior = 'asserted' | 'likely' | 'none';

/** Words of a line that is worked out from others, for rows printed in bold. */
const WORKED_OUT = /\b(net|requirement|gap|balance|surplus|deficit|budget|cost of services|to be met|total)\b/i;
const TAKEN_AWAY = /^(less|minus|deduct)\b/i;
/** A heading over savings ("Savings and Efficiencies"): in a bridge, the amounts saved under it, printed positive, are taken away. */
const SAVED = /^(savings|efficienc(y|ies)|reductions|cuts)\b/i;

export interface SolveOptions {
  /** Per money column: its displayed unit. */
  steps: Decimal[];
  /** Per money column: whether it adds up at all (percentages do not). */
  additive: boolean[];
  /** Whether lines that are not labelled as totals may be found to be totals from their figures. */
  discover: boolean;
  /** The user's corrections, by row index: a row's role, or what a total adds up. */
  fixes?: ReadonlyMap<number, RowFix>;
  /**
   * The closing total of the table just above on the sheet, per money column, when it has the same year columns in
   * the same unit: a last line here may work on from it (see worksOnFromAbove).
   */
  above?: (Decimal | null)[];
}

/**
 * How a row may be a total, before its figures are looked at: labelled as one (or, outside the house
 * format, printed in bold among plain lines, as papers print totals), named like a worked-out line
 * ("Net budget requirement"), or plain.
 */
function priorOf(row: TableRow, index: number, discover: boolean): Prior {
  if (index === 0) return 'none';
  if (discover && row.bold) return 'asserted';
  // Outside the house format a row with figures and no label is as often a note's figure as a total.
  if (discover && row.type === 'total' && !row.label) return 'likely';
  if (row.type === 'total') return 'asserted';
  if (WORKED_OUT.test(row.label)) return 'likely';
  return 'none';
}

/** Per column, the exact sum of some rows' figures (a blank nil), how many have a figure there, and whether one cannot be read. */
interface ColumnSums {
  /** Rows added. */
  count: number;
  sums: number[];
  defined: number[];
  unreadable: boolean[];
}

/** A column's sum, or undefined where it cannot say: a figure that cannot be read, or a sum beyond the safe range. */
function sumIn(s: ColumnSums, col: number): number | undefined {
  const sum = s.sums[col]!;
  return s.unreadable[col] || Number.isNaN(sum) ? undefined : sum;
}

class Solver {
  private readonly exact: ExactFigures;
  private readonly stepUnits: number[];
  /** For each row: the total that adds it up, once one does. */
  private readonly consumedBy: (number | undefined)[] = [];
  private readonly isTotal: boolean[] = [];
  private readonly signsTakenAway: boolean[] = [];
  /** Lines whose label says they are measured in another unit than money (see OTHER_UNIT_LINE). */
  private readonly otherUnit: boolean[];
  private readonly anyOtherUnit: boolean;
  /** Rows labelled as totals whose figures no way of adding up explains: perhaps lines after all ("Total amount to be met from Council Tax"). */
  private readonly doubtful = new Set<number>();
  /** The doubtful totals that are so because their figures fail, not because only figures found them. */
  private readonly failing = new Set<number>();
  private readonly withFigures: boolean[];
  /** Memo lines that restate the row above as its change from the year before (see restatesAcrossYears). */
  private readonly restated = new Set<number>();
  /**
   * For a row with no label straight under the only line of its group, with that line's figures: the line. A group of
   * one line closed by its subtotal, as the groups of two lines or more around it are ("Pay and Price Inflation
   * Contingency 6.1", then 6.1 with no label): a total below adds the subtotal, not the line as well.
   */
  private readonly echoOf = new Map<number, number>();
  /**
   * Rows with no label that close a group of lines (straight under them, a blank row or the table's end below), with
   * the lines each closes: kept only where such rows are a layout, two or more, one of which adds up its group exactly.
   * Each is then that group's subtotal, as a total labelled so is (see groupClosers).
   */
  private readonly closes = new Map<number, number[]>();
  /** How many rows with figures lie above each row; the first and last such rows. */
  private readonly figuresBefore: number[] = [0];
  private readonly firstFigures: number;
  private readonly lastFigures: number;
  /** Rows above the one being solved that nothing adds up yet, and every line above it: kept as the solver goes. */
  private open: number[] = [];
  private readonly lines: number[] = [];
  /** The first line with figures since the last heading or total (-1 when none yet). */
  private sectionFirst = -1;
  /** The sums of \`lines\` so far (see sumsOfLines). */
  private lineSums: ColumnSums | undefined;

  constructor(
    private readonly table: Table,
    private readonly options: SolveOptions,
  ) {
    this.exact = exactFigures(table);
    this.stepUnits = options.steps.map((s) => s.times(this.exact.factor).toNumber());
    // A memo line is shown but added up by no total: to every total it is as if it had no figures.
    this.withFigures = table.rows.map(
      (row) => row.type !== 'heading' && !row.memo && row.figures.some((f) => f !== undefined),
    );
    this.otherUnit = table.rows.map(
      (row) => row.type === 'line' && OTHER_UNIT_LINE.test(row.label) && !TOTAL_LABEL.test(row.label),
    );
    this.anyOtherUnit = this.otherUnit.includes(true);
    table.rows.forEach((row, u) => {
      const line = table.rows[u - 1];
      if (!line || row.label || !line.label || !this.withFigures[u] || !this.withFigures[u - 1]) return;
      if (line.row !== row.row - 1 || TOTAL_LABEL.test(line.label) || this.isZero(u - 1)) return;
      const before = table.rows[u - 2];
      if (before && this.withFigures[u - 2] && before.row === line.row - 1) return;
      if (table.columns.every((_, c) => this.exact.at(u, c) === this.exact.at(u - 1, c))) this.echoOf.set(u, u - 1);
    });
    this.groupClosers();
    this.withFigures.forEach((w, i) => (this.figuresBefore[i + 1] = this.figuresBefore[i]! + (w ? 1 : 0)));
    this.firstFigures = this.withFigures.indexOf(true);
    this.lastFigures = this.withFigures.lastIndexOf(true);
    const takenAway = (row: TableRow) =>
      TAKEN_AWAY.test(row.label) || (row.type === 'heading' && SAVED.test(row.label));
    if (table.rows.some(takenAway)) {
      let underLess = false;
      table.rows.forEach((row, i) => {
        if (row.type === 'heading') underLess = takenAway(row);
        else if (row.type === 'total') underLess = false;
        this.signsTakenAway[i] = (underLess || TAKEN_AWAY.test(row.label)) && this.allNonNegative(i);
      });
    }
  }

  /**
   * A paper may close each group of lines with its subtotal and no label, a blank row under it (Sefton's changes in the
   * budget requirement: pay and prices, two lines and 7.3; service pressures, one line and 3.0; savings, three lines
   * and 1.7). Found from its figures alone, such a row is lost as soon as one of its lines is typed wrong. Where two or
   * more rows close their groups so and one of them adds up its group exactly, the layout is the paper's: each is its
   * group's subtotal, and a group that does not make its subtotal is an error there.
   */
  private groupClosers(): void {
    if (!this.options.discover) return;
    const rows = this.table.rows;
    const groups = new Map<number, number[]>();
    rows.forEach((row, u) => {
      if (row.label || !this.withFigures[u] || row.type === 'heading') return;
      const below = rows[u + 1];
      if (below && below.row === row.row + 1) return;
      const group: number[] = [];
      for (let j = u - 1; j >= 0; j--) {
        const line = rows[j]!;
        if (!this.withFigures[j] || !line.label || TOTAL_LABEL.test(line.label) || line.row !== rows[j + 1]!.row - 1)
          break;
        group.unshift(j);
      }
      if (group.length) groups.set(u, group);
    });
    if (groups.size < 2) return;
    // A group of one line closed by the same figure again is as much the layout as one its lines add up to.
    const adds = [...groups].some(([u, group]) => {
      const e = this.evaluate(u, plus(group, 'section'));
      return e.fails === 0 && e.holds > 0 && (e.support > 0 || this.echoOf.get(u) === group[0]);
    });
    if (adds) for (const [u, group] of groups) this.closes.set(u, group);
  }

  private allNonNegative(i: number): boolean {
    return this.table.columns.every((_, c) => {
      const v = this.exact.at(i, c);
      return v === undefined || v === null || v >= 0;
    });
  }

  /** The ways row t may add up the rows just above it, most plausible first: its section, a running total. */
  private nearCandidates(t: number, layout: Candidate | undefined): Candidate[] {
    const rows = this.table.rows;
    let previousTotal = -1;
    for (let j = t - 1; j >= 0; j--)
      if (this.isTotal[j]) {
        previousTotal = j;
        break;
      }
    const linesSince = (from: number) => {
      const out: number[] = [];
      for (let j = from; j < t; j++) if (!this.isTotal[j] && this.withFigures[j]) out.push(j);
      return out;
    };
    const section = linesSince(previousTotal + 1);
    let firstHeading = -1;
    for (let j = previousTotal + 1; j < t; j++)
      if (rows[j]!.type === 'heading') {
        firstHeading = j;
        break;
      }
    const sectionFromHeading = firstHeading >= 0 ? linesSince(firstHeading) : section;
    const list: Candidate[] = [];
    if (layout) list.push(layout);
    list.push(plus(sectionFromHeading, 'section'), plus(section, 'section'));
    const sinceBlank = this.linesSinceBlankRow(section);
    if (sinceBlank.length > 1 && sinceBlank.length < section.length) list.push(plus(sinceBlank, 'section'));
    if (previousTotal >= 0) list.push(plus([previousTotal, ...section], 'running'));
    // The year's change restated under a cumulative figure is what the lines below it are set against: an MTFS's
    // "Balanced budget" is the annual savings requirement (the cumulative requirement's increase) less the options
    // that close it, a running total from the restated line, which the cumulative one above does not give.
    const restated = [...this.restated].filter((j) => j > previousTotal && j < t);
    if (restated.length) {
      const from = Math.max(...restated);
      list.push(plus([from, ...linesSince(from + 1)], 'running'));
    }
    list.push(minus(section, 'negated-section'));
    // A bridge's changes, added up without the year's opening figure they start from.
    if (section.length > 1 && this.opensBridge(section[0]!)) list.push(plus(section.slice(1), 'section'));
    if (this.doubtful.size) {
      const { before, lines } = this.sectionThroughDoubtful(t);
      list.push({ ...plus(lines, 'section'), throughDoubtful: true });
      // Or only those under the section's own heading: "Total Funding" of the lines under "Funded by:", the last of
      // which was found a total from its figures (the funding balances the requirement above, so it is minus the rest).
      let heading = -1;
      for (let j = t - 1; j > before && heading < 0; j--) if (rows[j]!.type === 'heading') heading = j;
      const under = lines.filter((j) => j > heading);
      if (heading >= 0 && under.length > 1 && under.length < lines.length)
        list.push({ ...plus(under, 'section'), throughDoubtful: true });
      // Or a running total through them: "Total Funding" = "Aggregate External Finance" + "Council Tax", the balancing line.
      if (before >= 0) list.push({ ...plus([before, ...lines], 'running'), throughDoubtful: true });
      // Or a running total from the last total found from its figures, the lines after it read as lines: "Total
      // Funding" = "Aggregate External Finance" + "Council Tax", where the council tax, the balancing line, is also
      // the net expenditure less the rest.
      const found = lines.filter((j) => this.isTotal[j] && j < lines[lines.length - 1]!).slice(-3);
      for (const d of found)
        list.push({ ...plus([d, ...lines.filter((j) => j > d)], 'running'), throughDoubtful: true });
    }
    return this.withTakenAway(this.withoutOtherUnits(list));
  }

  /**
   * The lines of a section after the last blank row among them, across any heading between: a savings statement's
   * "Sub-Total" adds up the savings made in the base budget and those approved since under their own heading, and
   * leaves out the approved savings a blank row above that they are measured against.
   */
  private linesSinceBlankRow(section: number[]): number[] {
    for (let k = section.length - 1; k > 0; k--)
      if (this.blankBetween(section[k - 1]!, section[k]!)) return section.slice(k);
    return section;
  }

  /** Whether a blank row of the sheet lies between table rows a and b (a above b). */
  private blankBetween(a: number, b: number): boolean {
    const rows = this.table.rows;
    for (let j = a; j < b; j++) if (rows[j + 1]!.row - rows[j]!.row > 1) return true;
    return false;
  }

  /**
   * Whether line j opens a bridge: it names a year, and a row below names the same thing in a later year ("Budget
   * requirement 2023/24" … "Budget requirement 2024/25"; "2019/20 Budget Requirement" … "2020/21 Net Budget
   * Requirement", one name within the other). A total between them ("Total change in services", "Total changes")
   * adds up the changes after it, not the opening figure.
   */
  private opensBridge(j: number): boolean {
    const rows = this.table.rows;
    const year = parseYear(rows[j]!.label);
    if (!year) return false;
    const name = nameWords(rows[j]!.label);
    return rows.slice(j + 1).some((r) => {
      const later = parseYear(r.label);
      return later !== undefined && later > year && sameThing(nameWords(r.label), name);
    });
  }

  /**
   * Whether row t closes a bridge: a line above names the same thing in an earlier year, with two lines or more
   * between ("District Council basic Council Tax Requirement in 2023/24", the changes, "District basic Council Tax
   * requirement in 2024/25"). A bridge from last year's figure to this year's adds up as a labelled total does, so its
   * last line is checked as one, and a change typed wrong is said there rather than leaving it a line.
   */
  private closesBridge(t: number): boolean {
    const rows = this.table.rows;
    const year = parseYear(rows[t]!.label);
    if (!year || rows[t]!.type === 'total') return false;
    const name = nameWords(rows[t]!.label);
    // A bridge opens its section (the first line since the last heading or total): only that line is asked, so a long
    // table is not looked back over for each of its rows, and a bridge's opening figure is never taken across a total.
    const j = this.sectionFirst;
    if (j < 0 || j >= t || this.figuresBefore[t]! - this.figuresBefore[j + 1]! < 2) return false;
    const earlier = parseYear(rows[j]!.label);
    if (!earlier || !sameThing(nameWords(rows[j]!.label), name) || this.printedRounder(j) || this.printedRounder(t))
      return false;
    if (earlier.length === year.length && earlier < year) return true;
    // A bridge's first and last lines, the last named with the wrong year (Wealden's "Council Tax Requirement in
    // 2018,19" … "Council Tax Requirement in 2018/19", for 2019/20): the table opens with one and ends with the other.
    return j === this.firstFigures && t === this.lastFigures;
  }

  /**
   * Whether row r prints a figure to fewer places than its column's changes are printed to (Wirral's "£399.7 million"
   * over changes to the penny of a million): a bridge whose ends are rounder than its changes may be off by the ends'
   * own rounding, more than the column's allows, so it is not held to its changes as a labelled total is.
   */
  private printedRounder(r: number): boolean {
    return this.table.rows[r]!.figures.some((f, c) => {
      const places = formatDecimals((f as { format?: string } | undefined)?.format);
      return places !== undefined && places < this.options.steps[c]!.decimalPlaces();
    });
  }

  /**
   * The lines since the last total the figures bear out (`before`, -1 when none), counting doubtful
   * totals (and the lines they took) as lines.
   */
  private sectionThroughDoubtful(t: number): { before: number; lines: number[] } {
    let before = -1;
    for (let j = t - 1; j >= 0; j--)
      if (this.isTotal[j] && !this.doubtful.has(j)) {
        before = j;
        break;
      }
    const lines: number[] = [];
    for (let j = before + 1; j < t; j++)
      if (this.withFigures[j] && (!this.isTotal[j] || this.doubtful.has(j))) lines.push(j);
    return { before, lines };
  }

  /**
   * The ways row t may add up everything above it: every item not yet added up, every line; or the
   * difference of the last two totals nothing has added up (a gap: the requirement less its funding).
   */
  private farCandidates(t: number): Candidate[] {
    const list = [plus([...this.open], 'items-above')];
    // The items above with each group of one line read as closed by its unlabelled subtotal (see echoOf).
    const open = this.echoOf.size ? new Set(this.open) : undefined;
    const echoes = open ? this.open.filter((j) => open.has(this.echoOf.get(j) ?? -1)) : [];
    if (echoes.length) {
      const lines = new Set(echoes.map((j) => this.echoOf.get(j)!));
      list.push({
        ...plus(
          this.open.filter((j) => !lines.has(j)),
          'items-above',
        ),
        echoes,
      });
    }
    // Every line above is one candidate per row, and a long table's rows are many: where their sum surely fails as
    // this row's total, it is left out rather than summed again (it could only ever lose to the others).
    if (this.anyOtherUnit || this.signsTakenAway.some(Boolean) || !this.linesAboveFail(t))
      list.push(plus([...this.lines], 'lines-above'));
    list.push(minus([...this.open], 'negated-items-above'));
    const totals = this.open.filter((j) => this.isTotal[j]);
    if (totals.length >= 2) {
      const [a, b] = totals.slice(-2) as [number, number];
      list.push(
        { parts: [a, b], signs: [1, -1], how: 'difference' },
        { parts: [a, b], signs: [-1, 1], how: 'difference' },
      );
    }
    return this.withTakenAway(this.withoutOtherUnits([...list, ...this.footCandidates(t, totals)]));
  }

  /**
   * A summary at a budget's foot restates what came before: "Operational Income" is the "Total Income" far above,
   * "Operational Expenditure" the sections' totals since, "End of Year Position" one less the other (a difference,
   * above). So a total may be one total above it on its own, or the items above less the summary's rows so far (the
   * totals printed on the rows just above it, with no blank row between). Tried last: a structure of one part is no
   * evidence for a row not printed or labelled as a total.
   */
  private footCandidates(t: number, totals: number[]): Candidate[] {
    const rows = this.table.rows;
    const summary = new Set<number>();
    for (let j = t - 1; j >= 0 && this.isTotal[j] && rows[j]!.row === rows[j + 1]!.row - 1; j--) summary.add(j);
    const before = this.open.filter((j) => !summary.has(j));
    // A total restated leaves no line since it in no total: "From reserves" between two positions is added, not passed over.
    // (The open lines' last row found once: a long table has many open totals, and each would look through them all.)
    let lastLine = -1;
    for (const k of this.open) if (!this.isTotal[k] && k > lastLine) lastLine = k;
    const restated = totals.filter((j) => j > lastLine);
    const list = restated.reverse().map((j) => plus([j], 'items-above'));
    if (summary.size && before.length > 1 && before.length < this.open.length) list.push(plus(before, 'items-above'));
    return list;
  }

  /**
   * Each candidate, and again without the lines measured in another unit among its parts, after all the others: a
   * total leaves out the Band D tax and the tax base printed among its lines only when its figures say so.
   */
  private withoutOtherUnits(list: Candidate[]): Candidate[] {
    if (!this.anyOtherUnit) return list;
    const without = list.flatMap((c) => {
      const kept = c.parts.flatMap((p, k) => (this.otherUnit[p] ? [] : [k]));
      if (kept.length === c.parts.length || kept.length === 0) return [];
      const leavesOut = c.parts.filter((p) => this.otherUnit[p]);
      return [{ ...c, parts: kept.map((k) => c.parts[k]!), signs: kept.map((k) => c.signs[k]!), leavesOut }];
    });
    return [...list, ...without];
  }

  /** Each candidate, and again with the lines printed positive under "Less" taken away, when there are any. */
  private withTakenAway(list: Candidate[]): Candidate[] {
    if (!this.signsTakenAway.some(Boolean)) return list;
    const signed = list.map((c) => ({
      ...c,
      signs: c.parts.map((p, k) => (this.signsTakenAway[p] ? -1 : 1) * c.signs[k]!),
    }));
    return [...list, ...signed];
  }

  /** How a candidate fares in each column; `instead` reads some parts as the sums of others (a total printed wrong). */
  private evaluate(t: number, c: Candidate, instead?: Map<number, Candidate>): Evaluation {
    const e: Evaluation = { holds: 0, fails: 0, exact: 0, support: 0, checked: [] };
    this.table.columns.forEach((_, col) => {
      e.checked[col] = false;
      if (!this.options.additive[col]) return;
      const total = this.exact.at(t, col);
      if (total === undefined || total === null) return;
      let expected = 0;
      let nonZero = 0;
      let any = false;
      for (let k = 0; k < c.parts.length; k++) {
        const v = this.valueFor(c.parts[k]!, col, instead);
        if (v === null) return;
        if (v === undefined) continue;
        any = true;
        if (v !== 0) nonZero++;
        expected = addExact(expected, c.signs[k]! * v);
      }
      if (!any || Number.isNaN(expected)) return;
      e.checked[col] = true;
      // Structures are found with rounding allowed, whatever tolerance the check then applies.
      const verdict = judgeExact(total, expected, this.stepUnits[col]!, c.parts.length, 'rounding');
      // A difference larger than rounding usually gives is no evidence for a structure: many lines
      // allow a wide margin, and a structure of many lines would otherwise win for that alone.
      if (verdict === 'mismatch' || verdict === 'unusual') e.fails++;
      else {
        e.holds++;
        if (verdict === 'equal') e.exact++;
        if (nonZero >= 2) e.support++;
      }
    });
    return e;
  }

  private valueFor(r: number, col: number, instead?: Map<number, Candidate>): number | null | undefined {
    const sum = instead?.get(r);
    if (!sum) return this.exact.at(r, col);
    let total = 0;
    for (let k = 0; k < sum.parts.length; k++) {
      const v = this.exact.at(sum.parts[k]!, col);
      if (v === null) return null;
      if (v !== undefined) total = addExact(total, sum.signs[k]! * v);
    }
    return total;
  }

  private accept(t: number, c: Candidate, e: Evaluation, confidence: TotalStructure['confidence']): void {
    for (const u of c.echoes ?? []) {
      const own = plus([this.echoOf.get(u)!], 'section');
      this.accept(u, own, this.evaluate(u, own), 'medium');
    }
    const row = this.table.rows[t]!;
    row.type = 'total';
    row.parts = c.parts;
    row.partSigns = c.signs.every((s) => s === 1) ? undefined : c.signs;
    row.structure = { how: c.how, confidence, checked: e.checked };
    if (c.how !== 'layout' && c.how !== 'lines-below') row.spanStart = this.spanStart(c.parts);
    this.isTotal[t] = true;
    // A doubtful total this one adds up as a line was a line all along; so was a line printed in bold
    // (not labelled a total) whose figures nothing explains, when a total that holds adds it up, and adds
    // up the lines it took too: a bold subtotal typed wrong ("Gross expenditure" under its costs) would
    // otherwise leave its lines in no total, and its mistake unsaid.
    const boldLine = (p: number) =>
      this.failing.has(p) &&
      !TOTAL_LABEL.test(this.table.rows[p]!.label) &&
      e.fails === 0 &&
      e.holds > 0 &&
      (this.table.rows[p]!.parts ?? []).every(
        (q) => this.isTotal[q] || this.consumedBy[q] !== p || c.parts.includes(q),
      );
    // A running total's first part is the total it works on from: a total still.
    const from = c.how === 'running' ? c.parts[0] : undefined;
    for (const p of c.parts)
      if ((c.throughDoubtful && p !== from && this.doubtful.has(p)) || boldLine(p)) this.demote(p);
    // A running total whose total above was a line after all adds up the lines of its section.
    if (c.how === 'running' && !this.isTotal[c.parts[0]!]) row.structure.how = 'section';
    // A restated change a total below starts from is a line of that total, no longer a memo line.
    for (const p of c.parts)
      if (this.restated.delete(p)) {
        const line = this.table.rows[p]!;
        line.memo = false;
        line.memoWhy = undefined;
        this.withFigures[p] = true;
      }
    for (const p of c.parts) this.consumedBy[p] = t;
    if (c.leavesOut) this.setAside(c.leavesOut);
    // What a total adds up is almost always the end of the open items: take those off the end, the rest by a pass.
    while (this.open.length && this.consumedBy[this.open[this.open.length - 1]!] !== undefined) this.open.pop();
    if (c.parts.some((p) => this.open.includes(p)))
      this.open = this.open.filter((j) => this.consumedBy[j] === undefined);
  }

  /** Lines a total leaves out by their unit: memo lines, which no total below adds up either. */
  private setAside(rows: number[]): void {
    for (const p of rows) this.memo(p, 'measured in another unit than the money its total adds');
    this.open = this.open.filter((j) => !rows.includes(j));
    this.lines.splice(0, this.lines.length, ...this.lines.filter((j) => !rows.includes(j)));
    this.lineSums = undefined;
  }

  /** The sums of this.lines' figures so far, kept up as lines are added. */
  private sumsOfLines(): ColumnSums {
    let s = this.lineSums;
    if (!s || s.count > this.lines.length) s = this.lineSums = this.sumsOf([]);
    while (s.count < this.lines.length) this.addRow(s, this.lines[s.count]!);
    return s;
  }

  /**
   * Whether every line above, added up, fails as row t's total in every column evaluate would check it in, and
   * there is one: what evaluate would find (no holds, some fails), from sums kept as the lines come.
   */
  private linesAboveFail(t: number): boolean {
    const s = this.sumsOfLines();
    let checked = 0;
    for (let col = 0; col < this.table.columns.length; col++) {
      const total = this.exact.at(t, col);
      const sum = sumIn(s, col);
      if (!this.options.additive[col] || total === undefined || total === null) continue;
      if (sum === undefined || s.defined[col] === 0) continue;
      const verdict = judgeExact(total, sum, this.stepUnits[col]!, this.lines.length, 'rounding');
      if (verdict !== 'mismatch' && verdict !== 'unusual') return false;
      checked++;
    }
    return checked > 0;
  }

  /** Row t is a memo line: a line shown, which no total adds up (`why` says so when its label does not). */
  private memo(t: number, why?: string): void {
    const row = this.table.rows[t]!;
    row.type = 'line';
    row.memo = true;
    if (why) row.memoWhy = why;
    this.withFigures[t] = false;
  }

  /**
   * Budget books often print a group's total on its first row, above its lines ("ADULT SOCIAL CARE"
   * in bold, then its cost centres). A row printed as a total (bold, or labelled one) whose figures
   * nothing above explains is such a total when the plain lines under it, down to the next heading or
   * total-like row, add up to it in every column. Those lines are then its own, so nothing below adds
   * them up again.
   */
  private totalAbove(row: TableRow, t: number): boolean {
    if (TOTAL_LABEL.test(row.label) && this.groupsBelow(t)) return true;
    const rows = this.table.rows;
    // A closing balance printed first, straight over the opening balance, is the opening balance and the year's
    // movements under it (Bexley's provisions: "Closing Balance at 31 March 2022", then "Balance at 1 April").
    const closes = CLOSING_BALANCE.test(row.label) && OPENING_BALANCE.test(rows[t + 1]?.label ?? '');
    if (!this.options.discover || !(row.bold || TOTAL_LABEL.test(row.label) || closes)) return false;
    const parts: number[] = [];
    for (let j = t + 1; j < rows.length; j++) {
      const next = rows[j]!;
      if (next.type === 'heading' || next.bold || next.type === 'total' || TOTAL_LABEL.test(next.label)) break;
      if (closes && CLOSING_BALANCE.test(next.label)) break;
      if (this.withFigures[j]) parts.push(j);
    }
    if (parts.length < 2) return false;
    const below = plus(parts, 'lines-below');
    const e = this.evaluate(t, below);
    // A row labelled as a total on a table's first row has nothing above it to add up: the lines under it are its
    // own when they make it in as many columns as not, and a figure typed wrong is reported in the others (Bexley's
    // "Total Cash and Cash Equivalents" over its lines, two years: one typed wrong left the other column alone).
    const onlyBelow = t === 0 && (TOTAL_LABEL.test(row.label) || closes) && e.holds >= e.fails;
    if ((e.fails > 0 && !onlyBelow) || e.support === 0) return false;
    this.accept(t, below, e, e.fails ? 'low' : 'medium');
    return true;
  }

  /**
   * A grand total printed at the top ("Total Savings" over a savings list by theme), whose groups
   * print their own totals above their lines too: each group's bold heading line with figures, then
   * its plain lines. It is such a total when every group's heading adds up its lines in most columns
   * (a line printed wrong is then reported there) and the groups' totals add up to it somewhere.
   * Labelled totals only, in any table: the label and the groups' sums are the evidence.
   */
  private groupsBelow(t: number): boolean {
    const groups = this.groupsUnder(t);
    if (!groups || groups.length < 2) return false;
    const own = groups.map(([head, lines]) => ({ head, c: plus(lines, 'lines-below') }));
    const evals = own.map(({ head, c }) => this.evaluate(head, c));
    if (evals.some((e) => e.holds === 0 || e.fails > e.holds) || !evals.some((e) => e.support > 0)) return false;
    const grand = plus(
      own.map((g) => g.head),
      'lines-below',
    );
    const e = this.evaluate(t, grand);
    if (e.holds === 0) return false;
    own.forEach(({ head, c }, k) => this.accept(head, c, evals[k]!, evals[k]!.fails ? 'medium' : 'high'));
    this.accept(t, grand, e, e.fails ? 'medium' : 'high');
    return true;
  }

  /**
   * A grand total under groups each printed with its own total above its lines, where nothing in the print marks the
   * groups' heads (a pivot table pasted as values: its subtotals at the top of each group, its style lost). From the
   * first line since the last total, each head is a row the rows straight under it make in every column, up to the
   * next head; the heads, two or more, make the grand total. Only for a labelled total no plain way of adding up
   * explains: the figures must then fall into such groups exactly, which chance does not give.
   */
  private headsAboveByFigures(t: number): boolean {
    let previous = t - 1;
    while (previous >= 0 && !this.isTotal[previous]) previous--;
    const section: number[] = [];
    for (let j = previous + 1; j < t; j++) if (this.withFigures[j] && !this.isTotal[j]) section.push(j);
    const columns = this.table.columns.map((_, c) => c).filter((c) => this.options.additive[c]);
    const groups: [number, number[]][] = [];
    for (let i = 0; i < section.length;) {
      const head = section[i]!;
      const sums = columns.map(() => 0);
      const lines: number[] = [];
      let closed = false;
      for (let j = i + 1; j < section.length && !closed; j++) {
        lines.push(section[j]!);
        columns.forEach((c, k) => (sums[k] = addExact(sums[k]!, this.exact.at(section[j]!, c) ?? 0)));
        // Near the head in every column, within the lines' rounding, before the slower full test.
        const near = columns.every((c, k) => {
          const v = this.exact.at(head, c);
          return v === undefined || v === null || Math.abs(v - sums[k]!) <= (lines.length * this.stepUnits[c]!) / 2;
        });
        if (!near) continue;
        const e = this.evaluate(head, plus(lines, 'lines-below'));
        closed = e.fails === 0 && e.holds > 0 && e.support > 0;
      }
      if (!closed) return false;
      groups.push([head, [...lines]]);
      i += lines.length + 1;
    }
    if (groups.length < 2) return false;
    const grand = plus(
      groups.map(([head]) => head),
      'items-above',
    );
    const e = this.evaluate(t, grand);
    if (e.fails > 0 || e.holds === 0) return false;
    for (const [head, lines] of groups) {
      const c = plus(lines, 'lines-below');
      this.accept(head, c, this.evaluate(head, c), 'medium');
    }
    this.accept(t, grand, e, 'medium');
    return true;
  }

  /** The groups under row t to the table's end: each bold line with figures and the plain lines under it; none if any other row comes first. */
  private groupsUnder(t: number): [number, number[]][] | undefined {
    const rows = this.table.rows;
    const groups: [number, number[]][] = [];
    for (let j = t + 1; j < rows.length; j++) {
      const row = rows[j]!;
      if (row.type === 'total' || TOTAL_LABEL.test(row.label)) return undefined;
      if (!this.withFigures[j]) continue;
      if (row.bold) groups.push([j, []]);
      else if (groups.length) groups[groups.length - 1]![1].push(j);
      else return undefined;
    }
    return groups.every(([, lines]) => lines.length > 0) ? groups : undefined;
  }

  /** Where the rows a total adds up begin: its first part, with the headings just above it (the section it closes). */
  private spanStart(parts: number[]): number {
    let from = Math.min(...parts);
    while (from > 0 && this.table.rows[from - 1]!.type === 'heading') from--;
    return from;
  }

  private demote(d: number): void {
    const row = this.table.rows[d]!;
    const freed = (row.parts ?? []).filter((p) => this.consumedBy[p] === d);
    for (const p of freed) this.consumedBy[p] = undefined;
    // What it added up is open again for the totals below (a balancing line taken for a total took a total above it).
    if (freed.length) this.open = [...new Set([...this.open, ...freed])].sort((a, b) => a - b);
    row.type = 'line';
    row.parts = undefined;
    row.partSigns = undefined;
    row.structure = undefined;
    row.spanStart = undefined;
    this.isTotal[d] = false;
    this.doubtful.delete(d);
    this.failing.delete(d);
  }

  /** Records what row t turned out to be, for the rows below it. */
  private settle(t: number): void {
    if (!this.withFigures[t]) return;
    if (!this.isTotal[t]) this.lines.push(t);
    // A line a total above it already adds up is not open for the totals below.
    if (this.consumedBy[t] === undefined) this.open.push(t);
  }

  solve(): void {
    this.table.rows.forEach((row, t) => {
      this.solveRow(row, t);
      this.settle(t);
      // The first line with figures since the last heading or total, kept as the solver goes (see closesOnItsOpening).
      if (this.isTotal[t] || row.type === 'heading') this.sectionFirst = -1;
      else if (this.sectionFirst < 0 && this.withFigures[t]) this.sectionFirst = t;
    });
    this.finish();
  }

  private best(t: number, candidates: Candidate[]): { c: Candidate; e: Evaluation }[] {
    const seen = new Set<string>();
    const out: { c: Candidate; e: Evaluation }[] = [];
    for (const c of candidates) {
      if (c.parts.length === 0) continue;
      // Parts run in sheet order, so a candidate is told apart by its size, its ends and its signs' ends.
      const last = c.parts.length - 1;
      const key = `${last}:${c.parts[0]}:${c.parts[last]}:${c.signs[0]}:${c.signs[last]}:${c.signs.includes(-1) && c.signs.includes(1)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ c, e: this.evaluate(t, c) });
    }
    return out;
  }

  private solveRow(row: TableRow, t: number): void {
    const fix = this.options.fixes?.get(t);
    if (fix?.parts && this.withFigures[t]) {
      const corrected: Candidate = {
        parts: fix.parts,
        signs: fix.signs ?? fix.parts.map(() => 1),
        how: 'as-corrected',
      };
      return this.accept(t, corrected, this.evaluate(t, corrected), 'high');
    }
    if (fix?.role === 'line' || row.memo) {
      row.type = 'line';
      return;
    }
    // A group's total the grand total above it has read already (see groupsBelow).
    if (this.isTotal[t]) return;
    // A line under a total printed above its lines (see totalAbove) is a line, whatever its print.
    if (this.consumedBy[t] !== undefined) {
      row.type = 'line';
      return;
    }
    if (t === 0 && this.withFigures[t] && this.totalAbove(row, t)) return;
    if (!this.withFigures[t] || t === 0) {
      // A table's first row adds nothing up: outside the house format, an unlabelled one is a line.
      if (this.options.discover && row.type === 'total' && !row.label) row.type = 'line';
      return;
    }
    let prior =
      fix?.role === 'total' || this.closes.has(t) || (this.options.discover && this.closesBridge(t))
        ? 'asserted'
        : priorOf(row, t, this.options.discover);
    if (prior !== 'asserted' && this.options.discover) prior = this.closesOnItsOpening(t) ?? prior;
    if (prior !== 'asserted' && !this.options.discover) return;
    const layoutParts = row.parts?.filter((p) => !this.table.rows[p]!.memo);
    const closed = this.closes.get(t);
    const layout: Candidate | undefined = layoutParts?.length
      ? { parts: layoutParts, signs: layoutParts.map(() => 1), how: 'layout' }
      : closed && plus(closed, 'section');
    if (layout) {
      // The house format's layout usually says it all: no need to look further when it holds everywhere.
      const e = this.evaluate(t, layout);
      if (e.fails === 0 && e.holds > 0) return this.accept(t, layout, e, 'high');
    }
    const tried = this.best(t, this.nearCandidates(t, layout));
    const holdsEverywhere = (x: { e: Evaluation }) =>
      x.e.fails === 0 && x.e.holds > 0 && (prior === 'asserted' || x.e.support > 0);
    if (!tried.some(holdsEverywhere)) tried.push(...this.best(t, this.farCandidates(t)));
    // A total its lines above make in most columns is theirs, with a line typed wrong in the others; that the lines
    // under it make it too (Hampshire's "Budget" over the grant and council tax that fund it) does not make it their
    // total: read so, a cost typed wrong went unsaid.
    const mostlyAbove = tried.some((x) => x.e.support > 0 && x.e.holds > x.e.fails);
    if (!tried.some(holdsEverywhere) && !mostlyAbove && prior === 'asserted' && this.totalAbove(row, t)) return;
    const best = tried.reduce<(typeof tried)[number] | undefined>(
      (a, b) => (!a || b.e.holds > a.e.holds || (b.e.holds === a.e.holds && b.e.fails < a.e.fails) ? b : a),
      undefined,
    );
    if (!best) {
      if (prior !== 'asserted' && row.type === 'total') row.type = 'line';
      return;
    }
    // A sum that holds in every column is a total, whatever else its figures happen to be.
    if (this.options.discover && best.e.fails > 0 && this.restatesAcrossYears(row, t, fix)) {
      this.restated.add(t);
      return this.memo(t);
    }
    if (prior === 'asserted') {
      if (this.options.discover && this.opensItsSection(t, best.e)) {
        row.type = 'line';
        return;
      }
      if (best.e.fails > 0 && this.options.discover && this.headsAboveByFigures(t)) return;
      if (best.e.holds > 0) return this.accept(t, best.c, best.e, best.e.fails ? 'medium' : 'high');
      if (this.emptyGroup(row, t)) {
        row.type = 'line';
        return;
      }
      if (this.worksOnFromAbove(t))
        return this.memo(t, 'it works on from the table above (its closing total, with the items above it here)');
      if (this.worksOnFromNet(t))
        return this.memo(t, 'it works on from the net of the total above (its last column, with the items since)');
      if (this.options.discover && this.measuredSubtotal(t)) return;
      const first = tried[0]!;
      this.accept(t, first.c, first.e, 'low');
      // Its label says total, its figures do not; a total below may show it to be a line.
      if (!layout && this.options.discover) {
        this.doubtful.add(t);
        this.failing.add(t);
      }
      return;
    }
    // A line named as nothing worked out ("Increase in Levies") is a total only where its figures are one exactly: that
    // the lines above come within rounding of it ("6.7 + 0.6 + 3.0 − 8.3" for 1.8) is chance.
    const evidence =
      best.e.fails === 0
        ? best.e.support >= 1 && (prior !== 'none' || best.e.exact > 0)
        : prior === 'likely' && best.e.holds >= best.e.fails && best.e.support >= 1;
    if (!evidence && row.type === 'total') row.type = 'line';
    if (evidence) {
      this.accept(t, best.c, best.e, 'medium');
      // Found from its figures alone: a total labelled below may yet show it to be a line.
      this.doubtful.add(t);
      return;
    }
    if (this.options.discover) this.repair(t);
  }

  /**
   * An MTFS prints the gap in each year and the cumulative gap (either above the other, often both in
   * bold): from the second year on, one is the change in the other from the year before, and in the
   * first year they are the same figure. The lower one restates the upper one, adds nothing up and is
   * added up by nothing: read as a memo line. Only a row not labelled as a total, under year columns,
   * related so to a row above in every year after the first (and the same in the first, when there
   * are only two), and not a mere repeat of it, that no
   * way of adding up explains in every column (a requirement is the change's running sum too).
   */
  private restatesAcrossYears(row: TableRow, t: number, fix: RowFix | undefined): boolean {
    if (fix?.role === 'total' || row.type === 'total' || TOTAL_LABEL.test(row.label)) return false;
    const columns = this.table.columns;
    if (columns.length < 2 || columns.some((c, i) => !c.year || !this.options.additive[i])) return false;
    // The two are printed together: the row just above with figures. Any flat line (a grant frozen in cash) is the
    // running sum of a one-off further up (nil after its first year), which says nothing.
    let p = t - 1;
    while (p >= 0 && !this.withFigures[p]) p--;
    if (p < 0) return false;
    // Over two years one change is little evidence: the first year's figures must be the same too.
    const sameStart = columns.length > 2 || this.exact.at(p, 0) === this.exact.at(t, 0);
    return sameStart && (this.changeOf(t, p) || this.changeOf(p, t));
  }

  /**
   * Whether row t is, from the second year on, the change in row p from the year before: not p again, and not nil
   * in every later year (a flat p's change, which any one-off matches).
   */
  private changeOf(t: number, p: number): boolean {
    let differs = false;
    let moves = false;
    for (let c = 1; c < this.table.columns.length; c++) {
      const [x, now, before] = [this.exact.at(t, c), this.exact.at(p, c), this.exact.at(p, c - 1)];
      if (x === null || x === undefined || now === null || now === undefined || before === null || before === undefined)
        return false;
      if (x !== now - before) return false;
      if (x !== now) differs = true;
      if (x !== 0) moves = true;
    }
    return differs && moves;
  }

  /**
   * Two tables on a sheet, one under the other in the same years: the net budget, then where the money comes from,
   * ending in "Total Council Tax requirement", the net budget above less the sources of finance. Such a last line,
   * labelled a total that nothing in its own table explains, is the closing total of the table above with the items
   * above it here (added or taken away) in every column: a line worked out across the two tables, which no total of
   * this table adds. Only where every column agrees, within rounding.
   */
  private worksOnFromAbove(t: number): boolean {
    const above = this.options.above;
    const items = this.open.filter((j) => j < t);
    if (!above || items.length === 0) return false;
    return [1, -1].some((sign) => {
      let checked = 0;
      for (let col = 0; col < this.table.columns.length; col++) {
        if (!this.options.additive[col]) continue;
        const total = this.exact.at(t, col);
        const carried = above[col]?.times(this.exact.factor);
        if (total === null || total === undefined || !carried?.isInteger()) return false;
        let sum = carried.toNumber();
        for (const j of items) {
          const v = this.exact.at(j, col);
          if (v === null) return false;
          if (v !== undefined) sum = addExact(sum, sign * v);
        }
        const verdict = judgeExact(total, sum, this.stepUnits[col]!, items.length + 1, 'rounding');
        if (Number.isNaN(sum) || verdict === 'mismatch' || verdict === 'unusual') return false;
        checked++;
      }
      return checked > 0;
    });
  }

  /**
   * Whether row t closes a bridge: a list that ends on the line it began with, by name. Named as a worked-out figure (a
   * budget, a requirement, a balance: WORKED_OUT) exactly as the first line with figures since the last heading or
   * total, two rows or more above ("24/25 Council's Net Revenue Budget £198m", its changes, the same name again for
   * this year's budget), it is a total ('asserted'), so a change or a closing figure printed wrong is said rather than
   * read as one more line. Named as the table's first line is but in a later year ("Band 'D' Council Tax 2023/2024" …
   * "Band 'D' Council Tax 2025/2026"), whatever the name, it is likely one: read so wherever its figures bear that out
   * in as many columns as not, so a slip in one column (printed 7,184 for 7,814) is said.
   */
  private closesOnItsOpening(t: number): Prior | undefined {
    const rows = this.table.rows;
    const label = rows[t]!.label;
    const first = this.sectionFirst;
    if (first >= 0 && t - first >= 3 && WORKED_OUT.test(label) && !TOTAL_LABEL.test(label)) {
      const name = nameWords(rows[first]!.label);
      if (name.length > 0 && name.join(' ') === nameWords(label).join(' ')) return 'asserted';
    }
    const opening = this.firstFigures;
    if (opening < 0 || opening >= t) return undefined;
    const year = parseYear(rows[opening]!.label);
    const later = parseYear(label);
    if (!year || !later || later <= year) return undefined;
    return sameThing(nameWords(label), nameWords(rows[opening]!.label)) ? 'likely' : undefined;
  }

  /**
   * Under a subtotal of several columns (gross, income and net by department), amounts printed in one other column
   * alone, to a labelled total: the adjustments after the services, then "Total" (Hammersmith & Fulham's page: the
   * subtotal's net £217.20m, then use of balances £1.43m and capital financing -£20.63m under the gross column, and
   * "Total £198.00m"). Such a total works on from the subtotal's last column, its net, with the lines since: a line
   * worked out across the columns, which no total of one column adds. Only where the subtotal has figures in several
   * columns, the last among them, and every line since and the total have a figure in one and the same other column
   * alone; and only within rounding.
   */
  private worksOnFromNet(t: number): boolean {
    const last = this.table.columns.length - 1;
    let p = t - 1;
    while (p >= 0 && !this.isTotal[p]) p--;
    if (p < 0 || last < 1) return false;
    const filled = (r: number) => this.table.columns.map((_, c) => c).filter((c) => this.exact.at(r, c) !== undefined);
    const own = filled(t);
    const subtotal = filled(p);
    const col = own[0];
    if (own.length !== 1 || col === undefined || col === last || subtotal.length < 2 || !subtotal.includes(last))
      return false;
    const items: number[] = [];
    for (let j = p + 1; j < t; j++) if (this.withFigures[j] && !this.isTotal[j]) items.push(j);
    const net = this.exact.at(p, last);
    const total = this.exact.at(t, col);
    if (items.length === 0 || net === null || net === undefined || total === null || total === undefined) return false;
    let sum = net;
    for (const j of items) {
      const shape = filled(j);
      const v = this.exact.at(j, col);
      if (shape.length !== 1 || shape[0] !== col || v === null || v === undefined) return false;
      sum = addExact(sum, v);
    }
    const verdict = judgeExact(total, sum, this.stepUnits[col]!, items.length + 1, 'rounding');
    return !Number.isNaN(sum) && verdict !== 'mismatch' && verdict !== 'unusual';
  }

  /**
   * A row nothing explains may be a total below one printed wrong. If some line R of its section,
   * read as the total of the lines above it, would make this row a running total (R and the lines
   * since), then R is that total, off by its difference: the check reports it there. R must not be
   * zero (a nil line read so would explain a total that leaves it out) and must have lines of its own.
   * R may add up its lines in some columns and not in others: R itself printed wrong in those (this row works on
   * from what R's lines make), or a line under R (this row works on from R as printed in every column). A cost typed wrong in one year of Kent Fire's budget put out
   * "Gross revenue expenditure" (not labelled a total) in that year only, and the net budget requirement under it
   * then went unread and the mistake unsaid.
   */
  private repair(t: number): void {
    const { previousTotal, section } = this.sectionAbove(t);
    const sums = this.sumsOf(section);
    // The sums of the lines above r, kept as r moves down (see couldBeSectionFrom).
    const above = this.sumsOf(section.slice(0, 2));
    for (let k = 2; k < section.length; k++) {
      const r = section[k]!;
      if (k > 2) this.addRow(above, section[k - 1]!);
      if (this.table.rows[r]!.type !== 'line' || this.isZero(r)) continue;
      // Quick tests first, so a long section is not summed again for each of its lines (see couldBeSectionLess).
      const fromPrinted = this.couldBeSectionFrom(t, sums, above, section.length);
      const before = section.slice(0, k);
      const ways = [plus(before, 'section')];
      if (previousTotal >= 0) ways.push(plus([previousTotal, ...before], 'running'));
      for (const own of ways) {
        // With r read as the sum of the lines above it, the total below is the section's lines but r (and the total
        // above): a row whose figures leave that far from the total is passed over before anything is summed again.
        const fromOwn = this.couldBeSectionLess(t, r, sums, section.length, own.how === 'running' ? previousTotal : -1);
        if (!fromOwn && !fromPrinted) continue;
        const ownEval = this.evaluate(r, own);
        if (ownEval.fails === 0) continue;
        const running = plus([r, ...section.slice(k + 1)], 'running');
        // R printed wrong (in some columns or all): the row works on from what R's lines make in every column.
        const e = fromOwn ? this.evaluate(t, running, new Map([[r, own]])) : undefined;
        // Or a line under R printed wrong in some columns: R adds up its lines in the others, and the row works on
        // from R as printed in every column.
        const printed = fromPrinted && ownEval.holds > 0 && ownEval.support > 0 ? this.evaluate(t, running) : undefined;
        const found = [e, printed].find((x) => x && x.fails === 0 && x.holds > 0);
        if (found) {
          this.accept(r, own, ownEval, 'low');
          this.accept(t, running, found, 'medium');
          return;
        }
      }
    }
  }

  /**
   * A labelled total that nothing explains may work on from a subtotal printed as a plain line: the fire authority's
   * "Total net expenditure" is "Gross expenditure" and the fees and grants under it, exactly, while the costs above
   * "Gross expenditure" leave out one line and do not make it. Read with the subtotal as a line, the total seemed to
   * add up both the subtotal and its own lines, and its error was reported there, twice the spending. A line named
   * only by what it measures (see namesOnlyAMeasure: "Gross expenditure", "Net cost of services"), with two lines or
   * more above it in the section and one or more under it, which the total adds up with the lines under it in every
   * column, is that subtotal: the total is checked as working on from it, and its own lines are checked against it,
   * so the error is reported where it is. An ordinary line ("Premises costs") is never read so: a total that leaves
   * out the first lines of its section is still its own error.
   */
  private measuredSubtotal(t: number): boolean {
    const { previousTotal, section } = this.sectionAbove(t);
    for (let k = section.length - 2; k >= 2; k--) {
      const r = section[k]!;
      const label = this.table.rows[r]!.label;
      if (this.table.rows[r]!.type !== 'line' || !namesWorkedOutLine(label) || TOTAL_LABEL.test(label)) continue;
      const running = plus(section.slice(k), 'running');
      const e = this.evaluate(t, running);
      if (e.fails > 0 || e.holds === 0 || e.support === 0) continue;
      // Its own lines, or the total above and its lines (Wealden's basic council tax requirement works on from the net
      // cost of services): where neither makes it, the one nearer its figures, as its mistake is most likely said.
      const ways = [plus(section.slice(0, k), 'section')];
      if (previousTotal >= 0) ways.push(plus([previousTotal, ...section.slice(0, k)], 'running'));
      const evals = ways.map((w) => ({ w, e: this.evaluate(r, w), off: this.offBy(r, w) }));
      if (evals.some((x) => x.e.fails === 0)) continue;
      const own = evals.reduce((a, b) => (b.e.holds > a.e.holds || (b.e.holds === a.e.holds && b.off < a.off) ? b : a));
      this.accept(r, own.w, own.e, 'low');
      this.accept(t, running, e, 'medium');
      return true;
    }
    return false;
  }

  /** How far row t's figures are from what candidate c makes of them, in exact units over the columns it is checked in. */
  private offBy(t: number, c: Candidate): number {
    let off = 0;
    this.table.columns.forEach((_, col) => {
      const total = this.exact.at(t, col);
      if (!this.options.additive[col] || total === undefined || total === null) return;
      const made = this.madeBy(c, col);
      if (made !== undefined) off += Math.abs(total - made);
    });
    return off;
  }

  /** What candidate c makes in a column (undefined where a part cannot be read). */
  private madeBy(c: Candidate, col: number): number | undefined {
    let sum = 0;
    for (let k = 0; k < c.parts.length; k++) {
      const v = this.exact.at(c.parts[k]!, col);
      if (v === null) return undefined;
      if (v !== undefined) sum = addExact(sum, c.signs[k]! * v);
    }
    return Number.isNaN(sum) ? undefined : sum;
  }

  /** The sums of some rows' figures (see ColumnSums). */
  private sumsOf(rows: number[]): ColumnSums {
    const zeros = () => this.table.columns.map(() => 0);
    const s: ColumnSums = { count: 0, sums: zeros(), defined: zeros(), unreadable: [] };
    for (const j of rows) this.addRow(s, j);
    return s;
  }

  /** Adds row j's figures into the sums. */
  private addRow(s: ColumnSums, j: number): void {
    for (let col = 0; col < s.sums.length; col++) {
      const v = this.exact.at(j, col);
      if (v === null) s.unreadable[col] = true;
      else if (v !== undefined) {
        s.sums[col] = addExact(s.sums[col]!, v);
        s.defined[col]!++;
      }
    }
    s.count++;
  }

  /**
   * Whether total t could be the section's lines less row r (and the total above, \`previous\` ≥ 0) within the widest
   * rounding a running total over them allows, in every column that can say: false only where the sum surely fails.
   */
  private couldBeSectionLess(t: number, r: number, sums: ColumnSums, lines: number, previous: number): boolean {
    return this.table.columns.every((_, col) => {
      const total = this.exact.at(t, col);
      const own = this.exact.at(r, col);
      const above = previous >= 0 ? this.exact.at(previous, col) : 0;
      const sum = sumIn(sums, col);
      if (!this.options.additive[col] || total == null || own === null || above === null || sum === undefined)
        return true;
      const expected = sum - (own ?? 0) + (above ?? 0);
      return Math.abs(total - expected) <= (this.stepUnits[col]! * (lines + 2)) / 2;
    });
  }

  /**
   * Whether total t could be the section's lines from row r down (the section's sum less \`above\`, the lines before
   * r) within the widest rounding a running total over them allows, in every column that can say: one where none of
   * those lines has a figure is not checked by evaluate either.
   */
  private couldBeSectionFrom(t: number, sums: ColumnSums, above: ColumnSums, lines: number): boolean {
    return this.table.columns.every((_, col) => {
      const total = this.exact.at(t, col);
      const sum = sumIn(sums, col);
      const before = sumIn(above, col);
      const none = sums.defined[col] === above.defined[col];
      if (!this.options.additive[col] || total == null || sum === undefined || before === undefined || none)
        return true;
      return Math.abs(total - (sum - before)) <= (this.stepUnits[col]! * (lines + 2)) / 2;
    });
  }

  /**
   * A group's own total printed nil straight under another group's total, with no line of its own between them, is
   * the total of a group that has nothing in it: a savings summary's "Centrally-held Budgets Total" of 0 after
   * "Corporate Support Functions Total", each directorate closed by "… Total" with no heading above its services. It
   * adds nothing up; read as a nil line, the grand total below counts it with the other groups' totals. Only where it
   * is named for a group (not "Total" or "Grand Total", not a measure such as "Total net expenditure") as the total
   * above it is, and nothing above makes nil: a grand total printed nil by mistake is still said.
   */
  private emptyGroup(row: TableRow, t: number): boolean {
    const rows = this.table.rows;
    const above = rows[t - 1];
    if (!above || !this.isTotal[t - 1] || !this.isZero(t)) return false;
    const group = (label: string) => totalLabelClass(label) === 'named' && !namesOnlyAMeasure(label);
    return group(row.label) && group(above.label);
  }

  /**
   * A line whose name begins with "Total" may open its section: a movement in reserves statement's "Total
   * Comprehensive Income and Expenditure" is the first movement under "Movement in Reserves during 2019/20", the
   * accounts' name for the year's result, not a total. Straight under a heading, with no line of its own between, it
   * could only add up lines above the heading, another section's, and it fails there in most columns (two or more),
   * holding only where everything is nil: it is a line, and the section's own total below adds it up. A total typed
   * wrong still holds in its other columns.
   */
  private opensItsSection(t: number, e: Evaluation): boolean {
    if (e.fails < 2 || e.fails <= e.holds || e.support > 0) return false;
    const rows = this.table.rows;
    let j = t - 1;
    while (j >= 0 && rows[j]!.type === 'heading' && !this.withFigures[j]) j--;
    return j < t - 1;
  }

  /** The total nearest above row t (-1 when none) and the lines with figures between it and t. */
  private sectionAbove(t: number): { previousTotal: number; section: number[] } {
    let previousTotal = -1;
    for (let j = t - 1; j >= 0; j--)
      if (this.isTotal[j]) {
        previousTotal = j;
        break;
      }
    const section: number[] = [];
    for (let j = previousTotal + 1; j < t; j++) if (this.withFigures[j] && !this.isTotal[j]) section.push(j);
    return { previousTotal, section };
  }

  private isZero(r: number): boolean {
    return this.table.columns.every((_, c) => {
      const v = this.exact.at(r, c);
      return v === undefined || v === null || v === 0;
    });
  }

  /** At the end: a doubtful total that is the last of the lines under a total, which add up to it, is a line of that block ("Financed by"). */
  finish(): void {
    for (const d of [...this.failing]) {
      let above = -1;
      for (let j = d - 1; j >= 0; j--)
        if (this.isTotal[j] && !this.doubtful.has(j)) {
          above = j;
          break;
        }
      if (above < 0) continue;
      const block: number[] = [];
      for (let j = above + 1; j <= d; j++) if (this.withFigures[j]) block.push(j);
      if (block.length < 2) continue;
      const e = this.evaluate(above, plus(block, 'section'));
      const negated = this.evaluate(above, minus(block, 'negated-section'));
      if ((e.fails === 0 && e.holds > 0) || (negated.fails === 0 && negated.holds > 0)) this.demote(d);
    }
  }
}

/**
 * A line worked out from others by its name alone: one named only by what it measures ("Gross expenditure", "Net cost
 * of services"), or a requirement ("District Council Basic Council Tax Requirement"), which a budget always works out.
 */
function namesWorkedOutLine(label: string): boolean {
  return namesOnlyAMeasure(label) || /\brequirement\b/i.test(label);
}

/** Two names for one thing, their years and stop words set aside (nameWords): the same words, or every word of one among the other's. */
function sameThing(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  return a.every((w) => b.includes(w)) || b.every((w) => a.includes(w));
}

function plus(parts: number[], how: TotalHow): Candidate {
  return { parts, signs: parts.map(() => 1), how };
}

function minus(parts: number[], how: TotalHow): Candidate {
  return { parts, signs: parts.map(() => -1), how };
}

/** Works out what each total of the table adds up, from its layout and its figures (see the top of this file). */
export function solveTotals(table: Table, options: SolveOptions): void {
  new Solver(table, options).solve();
}

/** Whether a label reads as a total's, for the rows the layout did not already mark. */
export function labelledTotal(label: string): boolean {
  return TOTAL_LABEL.test(label);
}
