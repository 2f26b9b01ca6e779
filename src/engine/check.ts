import { checkCarriedTotals } from './carried-totals';
import { append } from './collections';
import { judge, type Tolerance } from './compare';
import { readTables } from './reader';
import type { CorrectionOutcome } from './reader/correct';
import { describeCorrection, foldText, type ReadingCorrection } from './reader/corrections';
import { isScoringSheet } from './scoring/model';
import { finding, type Finding } from './findings';
import { auditFormulas } from './formulas';
import type { SheetGrid } from './grid';
import { groupByDepartment, type Department } from './departments';
import { plural } from './words';
import { checkPercentRules } from './percentages';
import { appendixIncrements, checkBudgetSummary, checkNetBudget, departmentFigures, summaryRows } from './summary';
import { columnIndex, headerCell, lineCount, type Basis, type Table } from './tables';
import {
  checkCapitalRows,
  checkColumnTotals,
  checkRevenueRows,
  checkRowRules,
  checkSavingsLines,
  checkTotalLabels,
  valueOf,
  type RuleContext,
} from './validate';

export interface CheckOptions {
  /** 'rounding' (default): half a displayed unit per addend is a rounding difference; 'zero': every difference is an error. */
  tolerance?: Tolerance;
  /** How the growth and savings appendices state their figures; found from the workbook when not given. */
  basis?: Basis;
  /** The user's corrections to how tables are read (stored in the workbook, or given in a file). */
  corrections?: readonly ReadingCorrection[];
}

export interface CheckResult {
  tables: Table[];
  findings: Finding[];
  /** The department, when the workbook holds one; a council-wide workbook has several (see departments). */
  department?: string;
  departments: Department[];
  /** What became of each of the user's corrections: applied, or refused in words. */
  corrections: CorrectionOutcome[];
}

const BASIS_WORDS: [RegExp, Basis][] = [
  [/cumulative|full[- ]year effect/i, 'cumulative'],
  [/incremental|in[- ]year change|year[- ]on[- ]year/i, 'incremental'],
];

/** Whether a growth or savings appendix is cumulative or incremental: stated, written in its headings, or what makes the budget summary agree. */
function resolveBasis(
  table: Table,
  stated: Basis | undefined,
  summary: Table | undefined,
  department: string | undefined,
): Table['basis'] {
  if (stated) return { basis: stated, source: 'stated' };
  const text = [...table.title, ...table.rows.filter((r) => r.type === 'heading').map((r) => r.label)].join(' ');
  for (const [re, basis] of BASIS_WORDS) if (re.test(text)) return { basis, source: 'its headings' };
  const row = summary && summaryRows(summary)[table.kind === 'growth' ? 'growth' : 'savings'];
  if (summary && row) {
    const years = summary.columns.flatMap((c) => {
      const i = columnIndex(table, c.key);
      return c.year && i >= 0 ? [i] : [];
    });
    const figures = departmentFigures(table, department).map((v) => (v ? v.times(table.scale).div(summary.scale) : v));
    const agrees = (basis: Basis) =>
      appendixIncrements(figures, years, basis).every((expected, k) => {
        const actual = valueOf(row, columnIndex(summary, table.columns[years[k]!]!.key));
        if (!expected || !actual) return true;
        const signed = actual.abs();
        return judge(signed, expected.abs(), 2, summary.step, 'rounding').verdict !== 'mismatch';
      });
    if (agrees('cumulative')) return { basis: 'cumulative', source: 'the budget summary' };
    if (agrees('incremental')) return { basis: 'incremental', source: 'the budget summary' };
  }
  return { basis: 'cumulative', source: 'house format default' };
}

function sameFigures(a: Table, b: Table): boolean {
  if (a.kind !== b.kind || a.rows.length !== b.rows.length) return false;
  return a.rows.every(
    (r, i) =>
      r.figures.map((f) => f?.value?.toString()).join() === b.rows[i]!.figures.map((f) => f?.value?.toString()).join(),
  );
}

/** What is known after reading some of the sheets: their tables and the findings sure to be in the whole check. */
export interface CheckSoFar {
  /** Every sheet being checked, in the workbook's order. */
  sheets: readonly SheetGrid[];
  /** How many of them are read. */
  done: number;
  tables: readonly Table[];
  /** What reading the tables found. */
  findings: readonly Finding[];
  /** What the rules on each table alone found (whether a total's label names something else aside: see oneTable). */
  checked: readonly Finding[];
}

/**
 * Reads every sheet, finds the house-format tables and checks every total on them. checkSteps gives the same check
 * one sheet at a time, so a front end can show progress and the findings so far before the last sheet is read: each
 * table is checked on its own as soon as it is read, and with the tables it goes with once every sheet is read.
 */
export function checkWorkbook(sheets: SheetGrid[], options: CheckOptions = {}): CheckResult {
  return finishSteps(checkSteps(sheets, options));
}

/** Runs a check's steps to the end. */
export function finishSteps<T>(steps: Generator<CheckSoFar, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * checkWorkbook one sheet at a time: each step is what is known once one more sheet is read, and the last value is
 * the whole check. The task pane's worker pauses between steps while the pane draws the findings so far.
 */
export function* checkSteps(sheets: SheetGrid[], options: CheckOptions = {}): Generator<CheckSoFar, CheckResult> {
  const tables: Table[] = [];
  const findings: Finding[] = [];
  const corrections: CorrectionOutcome[] = [];
  const alone = new Map<Table, OneTable>();
  const checked: Finding[] = [];
  const wanted = options.corrections ?? [];
  for (const [i, sheet] of sheets.entries()) {
    if (!isScoringSheet(sheet.name)) {
      const detected = readTables(
        sheet,
        wanted.filter((c) => foldText(c.sheet) === foldText(sheet.name)),
      );
      append(tables, detected.tables);
      append(findings, detected.findings);
      append(corrections, detected.corrections);
      for (const t of detected.tables) {
        const found = oneTable(t, options);
        alone.set(t, found);
        append(checked, found.totals, found.lines);
      }
    }
    yield { sheets, done: i + 1, tables, findings, checked };
  }
  for (const c of wanted)
    if (!sheets.some((s) => foldText(s.name) === foldText(c.sheet)))
      corrections.push({
        correction: c,
        applied: false,
        sheet: c.sheet,
        cell: c.table,
        problem: `the workbook has no sheet "${c.sheet}" any more`,
      });
  append(findings, refusedCorrections(corrections, sheets));
  const departments = groupByDepartment(tables);
  for (const dept of departments) append(findings, checkDepartment(dept, options, alone));
  // A summary sheet carries other sheets' totals, across departments.
  append(findings, checkCarriedTotals(tables, options.tolerance ?? 'rounding'));
  // The formula audit (issue 17): the formulas behind the totals the reader found.
  append(findings, auditFormulas(tables, sheets));

  tables.forEach((t, i) => {
    const twin = tables.slice(0, i).find((o) => o.sheet !== t.sheet && sameFigures(o, t));
    if (twin)
      findings.push(
        finding(
          'repeated-table',
          t.sheet,
          headerCell(t),
          `this ${t.kind} table repeats the one at ${twin.sheet}!${twin.range}; both are checked, and only the first is used for cross-checks`,
        ),
      );
  });
  if (tables.length === 0 && sheets.length) {
    findings.push(
      finding(
        'no-tables',
        sheets[0]!.name,
        'A1',
        `no MTFS table was found in the workbook: none of its ${sheets.length} sheet${sheets.length === 1 ? '' : 's'} has a header row such as "2015/16 £000", "Employees £" or "Gross Cost of Project £000"`,
      ),
    );
  }
  inWorkbookOrder(findings, sheets);
  return {
    tables,
    findings,
    department: departments.length === 1 ? departments[0]!.name : undefined,
    departments,
    corrections,
  };
}

/** Sorts findings by sheet, then by cell down the sheet; findings on one cell stay in the order they were found. */
function inWorkbookOrder(findings: Finding[], sheets: readonly SheetGrid[]): Finding[] {
  const order = new Map(sheets.map((s, i) => [s.name, i]));
  return findings.sort(
    (a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || cellOrder(a.cell) - cellOrder(b.cell),
  );
}

/** Each correction not applied, as a warning where it was made (on the first sheet when its own has gone). */
function refusedCorrections(outcomes: CorrectionOutcome[], sheets: SheetGrid[]): Finding[] {
  return outcomes.flatMap((o) => {
    if (o.applied) return [];
    const sheet = sheets.find((s) => foldText(s.name) === foldText(o.sheet));
    return [
      finding(
        'correction-not-applied',
        sheet?.name ?? sheets[0]?.name ?? o.sheet,
        sheet ? o.cell : 'A1',
        `your correction "${describeCorrection(o.correction)}" (table at ${o.sheet}!${o.correction.table}) was not applied: ${o.problem}. Check the reading and make it again`,
      ),
    ];
  });
}

/**
 * Every rule on one department's tables, each cross-table rule pairing its own summary with its own appendices; what
 * each table alone gave (`alone`) is put in its place, with whether its totals' labels name something else, which
 * needs the department.
 */
function checkDepartment(dept: Department, options: CheckOptions, alone: ReadonlyMap<Table, OneTable>): Finding[] {
  const findings: Finding[] = [];
  const ctx: RuleContext = { tolerance: options.tolerance ?? 'rounding', department: dept.name };
  const first = (kind: Table['kind']) => dept.tables.find((t) => t.kind === kind);
  const summary = first('budget-summary');
  for (const t of dept.tables)
    if (t.kind === 'growth' || t.kind === 'savings') t.basis = resolveBasis(t, options.basis, summary, dept.name);
  const related = { ...ctx, revenue: first('revenue-budget'), growth: first('growth'), savings: first('savings') };
  for (const t of dept.tables) {
    const own = alone.get(t)!;
    append(findings, own.totals, hasColumnTotals(t) ? checkTotalLabels(t, ctx) : [], own.lines);
    if (t.kind === 'budget-summary') append(findings, checkBudgetSummary(t, related));
    if (t.kind === 'net-budget') append(findings, checkNetBudget(t, related));
  }
  return findings;
}

/** What the rules on one table alone find: its column totals, then its rows and lines (in the order they are said). */
interface OneTable {
  totals: Finding[];
  lines: Finding[];
}

/** A summary's and a net budget's totals are checked against the tables they summarise, not down their columns. */
function hasColumnTotals(t: Table): boolean {
  return t.kind !== 'budget-summary' && t.kind !== 'net-budget';
}

/**
 * The rules that look at one table alone, run as soon as it is read. Not whether a total's label names another
 * department: which department a table is in is known only once every sheet is read.
 */
function oneTable(t: Table, options: CheckOptions): OneTable {
  const ctx: RuleContext = { tolerance: options.tolerance ?? 'rounding' };
  const lines: Finding[] = [];
  if (t.kind === 'revenue-budget') append(lines, checkRevenueRows(t, ctx));
  if (t.kind === 'capital-programme') append(lines, checkCapitalRows(t, ctx));
  if (t.rowRules) append(lines, checkRowRules(t, ctx));
  if (t.percentRules) append(lines, checkPercentRules(t));
  if (t.kind === 'savings') append(lines, checkSavingsLines(t));
  return { totals: hasColumnTotals(t) ? checkColumnTotals(t, ctx) : [], lines };
}

/**
 * The findings the whole check is sure to give on the tables read so far, in the workbook's order: what reading them
 * found and what the rules on each table alone found. Those that pair tables, or need the departments, come with the
 * whole check, which gives every finding here too.
 */
export function firstFindings(soFar: CheckSoFar): Finding[] {
  return inWorkbookOrder([...soFar.findings, ...soFar.checked], soFar.sheets);
}

/** One department's part of a check, in the same shape, for the summaries that are built per department. */
export function departmentView(check: CheckResult, dept: Department): CheckResult {
  const sheets = new Set(dept.tables.map((t) => t.sheet));
  return {
    tables: dept.tables,
    findings: check.findings.filter((f) => sheets.has(f.sheet)),
    department: dept.name,
    departments: [dept],
    corrections: check.corrections,
  };
}

function cellOrder(cell: string): number {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return 0;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return Number(m[2]) * 20000 + col;
}

/** "7 tables, 0 errors, 10 warnings, 9 rounding differences": the line users read first. */
export function checkSummary(result: { tables: readonly unknown[]; findings: readonly Finding[] }): string {
  const rounding = result.findings.filter((f) => f.rule === 'rounding-difference').length;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const otherInfo = result.findings.filter((f) => f.severity === 'info' && f.rule !== 'rounding-difference').length;
  const parts = [
    plural(result.tables.length, 'table'),
    plural(errors, 'error'),
    plural(warnings, 'warning'),
    plural(rounding, 'rounding difference'),
  ];
  if (otherInfo) parts.push(plural(otherInfo, 'note'));
  return parts.join(', ');
}

/** The check result as the CLI's --json document. */
export function checkJson(
  result: Pick<CheckResult, 'tables' | 'findings'> & Partial<Pick<CheckResult, 'corrections'>>,
) {
  return {
    tables: result.tables.map((t) => ({
      sheet: t.sheet,
      kind: t.kind,
      range: t.range,
      lines: lineCount(t),
      ...(t.title[0] ? { title: t.title[0] } : {}),
      ...(t.reading ? { reading: t.reading } : {}),
    })),
    findings: result.findings.map((f) => ({
      severity: f.severity,
      rule: f.rule,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
      expected: f.expected,
      actual: f.actual,
    })),
    ...(result.corrections?.length
      ? {
          corrections: result.corrections.map((c) => ({
            correction: c.correction,
            applied: c.applied,
            sheet: c.sheet,
            cell: c.cell,
            ...(c.problem ? { problem: c.problem } : {}),
          })),
        }
      : {}),
  };
}
