import { a1, a1Range, columnLetters, parseA1 } from '../a1';
import { append } from '../collections';
import { centsOf } from '../figures';
import type { Decimal } from '../money';
import { finding, type Finding } from '../findings';
import { cellText, type SheetGrid } from '../grid';
import { classifyHeader } from '../headers';
import { plainPercentChange, solvePercentRules } from '../percentages';
import { readRow, type Layout } from '../rows';
import { buildStructure } from '../structure';
import type { MoneyColumn, Table, TableKind, TableRow } from '../tables';
import { isNilText, MEMO_LINE, parseYear, TOTAL_LABEL, UNIT_IN_WORDS, unitWords } from '../vocabulary';
import { findBlocks, type Block } from './blocks';
import { readColumns, type ColumnReading } from './columns';
import { SheetCorrections, tableHeading, type CorrectionOutcome, type TableCorrections } from './correct';
import type { ReadingCorrection } from './corrections';
import { foldHeadings } from './header';
import { kindWords, tableKind } from './kind';
import { describeReading } from './reading';
import {
  leaveAveragesUnchecked,
  leaveBalancesUnchecked,
  nameTotals,
  signUnsignedColumns,
  solveRowRules,
} from './relations';
import { settleNoteReferences } from './note-references';
import { rowShape } from './shapes';
import { sideBySide } from './side-by-side';
import { solveTotals } from './solve';
import { columnSteps, readPoundsInScaledColumns, tableStep } from './units';

/**
 * The reader, stage by stage (docs/checks.md explains it for users):
 * 1. blocks.ts   where the tables are: runs of rows with figures, their heading rows and titles;
 *    side-by-side.ts  tables printed side by side in one run of rows, split at their empty columns;
 * 2. header.ts   the heading rows folded per column: words, year, unit;
 * 3. columns.ts  each column's role, from its heading and its content;
 * 4. (here)      the table's money columns, its kind, and each row read (rows.ts);
 * 5. structure.ts  the house format's layout: which lines each labelled total closes;
 * 6. solve.ts    what each total adds up, solved from the figures; relations.ts the columns that
 *                add up others on each row (Net = Gross + Income, Total = the years);
 * then reading.ts describes how the table was read, for people and for the JSON.
 */

export interface SheetDetection {
  tables: Table[];
  findings: Finding[];
  /** What became of each of the user's corrections to this sheet's tables. */
  corrections: CorrectionOutcome[];
}

/** The columns a table spans: its headings, its body's text and its figures. */
function span(sheet: SheetGrid, block: Block): { left: number; right: number } {
  let left = Infinity;
  let right = -Infinity;
  const rows = [...block.headerRows];
  for (let r = block.top; r <= block.bottom; r++) rows.push(r);
  const widen = (c: number) => {
    if (c < left) left = c;
    if (c > right) right = c;
  };
  for (const r of rows) {
    const shape = rowShape(sheet, r);
    for (const c of shape.figures) widen(c);
    for (const c of shape.texts.keys()) widen(c);
  }
  return { left, right };
}

function bareLabel(text: string, year: string | undefined): string {
  const rest = text
    .replace(/\(?\s*£\s*(?:\(\s*(?=000\s*\)))?['’]?\s*(thousand|million|billion|bn|000|k|m)?(?:['’]?s)?\s*\)?/gi, ' ')
    .replace(/\(\s*p\s*\)|\bp\b(?=\s*\)?$)/gi, ' ')
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (year && parseYear(rest) === year && rest.replace(/[\d/\-–—\s]|to/gi, '') === '') return year;
  return rest || year || '';
}

/** The money columns: the house format's own keys where the heading gives one, else the column's year or letter. */
function moneyColumns(columns: ColumnReading[]): MoneyColumn[] {
  const money = columns.filter((c) => c.role === 'figures' || c.role === 'percentages');
  const count = (key: string) =>
    money.filter((c) => (c.heading.house?.role === 'money' ? c.heading.house.key : '') === key).length;
  const yearCount = (year: string) => money.filter((c) => c.heading.year === year).length;
  return money.map((c) => {
    const house = c.heading.house?.role === 'money' ? c.heading.house : undefined;
    // A unit alone ("£m") under words ("Change") is named by the words: they say what the column holds.
    const label = house?.key === 'amount' ? bareLabel(c.heading.text, c.heading.year) || house.label : house?.label;
    if (house && count(house.key) === 1) return { key: house.key, label: label!, col: c.col, year: house.year };
    const year = c.heading.year;
    if (year && yearCount(year) === 1 && /\//.test(year))
      return { key: `year:${year}`, label: bareLabel(c.heading.text, year) || year, col: c.col, year };
    return {
      key: `col:${columnLetters(c.col)}`,
      label: bareLabel(c.heading.text, year) || `column ${columnLetters(c.col)}`,
      col: c.col,
      year,
    };
  });
}

function layoutOf(sheet: SheetGrid, columns: ColumnReading[]): Layout {
  const layout: Layout = { sheet, columns: moneyColumns(columns), expectRefs: false };
  for (const c of columns) {
    if ((c.role === 'reference' || c.role === 'reference-and-classification') && layout.refCol === undefined)
      layout.refCol = c.col;
    else if (c.role === 'classification' && layout.classCol === undefined) layout.classCol = c.col;
    else if (c.role === 'date') layout.dateCol = c.col;
    else if (c.role === 'summary-line') layout.summaryLineCol = c.col;
    else if (c.role === 'marker') layout.markerCol = c.col;
    if (c.signFor !== undefined) (layout.signCols ??= new Map()).set(c.signFor, c.col);
  }
  layout.expectRefs = layout.refCol !== undefined || layout.markerCol !== undefined;
  return layout;
}

/**
 * A column headed as the description ("Service") right of another column of text: a budget book's
 * codes (H100, R210) in A, whose section headings and totals ("TOTAL HOUSING") share A, so the
 * reader cannot call it references. Each line is labelled by its description, not its code; a row
 * with nothing there (a heading, a total) keeps its text in the code column.
 */
function headedDescriptionRight(columns: ColumnReading[], sheet: SheetGrid, block: Block): number | undefined {
  const description = columns.find((c) => c.role === 'description');
  const left = description ? columns.filter((c) => c.role === 'text' && c.col < description.col) : [];
  if (!description || left.length === 0) return undefined;
  if (description.confidence === 'high') return description.col;
  return left.every((c) => flagsLines(sheet, block, c.col)) ? description.col : undefined;
}

/**
 * A column left of the description that only flags lines, one and the same short word on each it marks: `NEW`
 * against each item of a growth list (Leicestershire's amendment to its MTFS). The lines are labelled by their
 * description, not by the flag.
 */
function flagsLines(sheet: SheetGrid, block: Block, col: number): boolean {
  const words = new Set<string>();
  let count = 0;
  for (let r = block.top; r <= block.bottom; r++) {
    const text = cellText(sheet.rows[r]?.[col]);
    if (!text) continue;
    if (!/^[A-Za-z]{1,8}$/.test(text)) return false;
    words.add(text.toLowerCase());
    count++;
  }
  return count >= 2 && words.size === 1;
}

/**
 * Accounts print a section's total one column right of its lines (lines in B, totals in C). Two
 * neighbouring columns of figures, of one year and unit, that never both have a figure on a row,
 * the right one only on rows printed or labelled as totals (or an item straight after one, a
 * section of one line), are one column: the totals are read in the lines' column, so they are
 * checked against their lines (each figure keeps its own cell).
 */
function joinOffsetTotals(layout: Layout, columns: ColumnReading[], rows: TableRow[]): void {
  const reading = (col: number) => columns.find((c) => c.col === col)!;
  const totalLike = (row: TableRow) => row.bold || row.type === 'total' || TOTAL_LABEL.test(row.label);
  for (let k = layout.columns.length - 2; k >= 0; k--) {
    const [x, y] = [layout.columns[k]!, layout.columns[k + 1]!];
    const [rx, ry] = [reading(x.col), reading(y.col)];
    if (y.col !== x.col + 1 || rx.role !== 'figures' || ry.role !== 'figures') continue;
    if (x.year && y.year && x.year !== y.year) continue;
    const [ux, uy] = [rx.heading.unit.scale, ry.heading.unit.scale];
    if (ux !== undefined && uy !== undefined && ux !== uy) continue;
    const lines = rows.filter((row) => row.figures[k] && !row.figures[k + 1]).length;
    const totals = rows.filter((row) => row.figures[k + 1]);
    const sectionOfOne = (row: TableRow) => afterTotal(rows, rows.indexOf(row), k);
    if (lines < 2 || !totals.length || totals.some((row) => row.figures[k] || !(totalLike(row) || sectionOfOne(row))))
      continue;
    for (const row of rows) {
      row.figures[k] ??= row.figures[k + 1];
      row.figures.splice(k + 1, 1);
    }
    layout.columns.splice(k + 1, 1);
    ry.evidence = `${ry.evidence}: the totals of column ${columnLetters(x.col)}, printed one column right of its lines`;
  }
}

/**
 * Whether the row before row i with a figure in column k or k + 1 has it in k + 1: an item printed in the totals'
 * column straight after a total (Oldham's "Flexible use of capital receipts (2,600)" between two sections) is a
 * section of one line, not a line of column k.
 */
function afterTotal(rows: TableRow[], i: number, k: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const row = rows[j]!;
    if (row.figures[k + 1]) return true;
    if (row.figures[k]) return false;
  }
  return false;
}

/** Pounds per figure: the unit most of the money columns are headed with; the house format's defaults otherwise. */
function tableScale(kind: TableKind, columns: ColumnReading[]): number {
  const scales = columns.flatMap((c) =>
    c.role === 'figures' && c.heading.unit.scale !== undefined ? [c.heading.unit.scale] : [],
  );
  if (scales.length) {
    const counts = new Map<number, number>();
    for (const s of scales) counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  }
  return kind === 'revenue-budget' || kind === 'budget-table' ? 1 : 1000;
}

function firstText(sheet: SheetGrid, r: number): string {
  const shape = rowShape(sheet, r);
  return [...shape.texts.values()][0] ?? '';
}

function readTable(
  sheet: SheetGrid,
  block: Block,
  findings: Finding[],
  corrections: SheetCorrections | undefined,
  outcomes: CorrectionOutcome[],
  above?: Table,
): Table | null {
  const { left, right } = span(sheet, block);
  const headings = foldHeadings(sheet, block, left, right);
  const headerRow = block.headerRows[0] ?? block.top;
  const anchorHeading = tableHeading(headings, firstText(sheet, block.top));
  const fixes = corrections?.forTable(headerRow, left, anchorHeading);
  if (fixes?.dropTable()) {
    append(outcomes, fixes.outcomes);
    return null;
  }
  const columns = readColumns(sheet, block, headings);
  const description = fixes?.columns(columns, left, right);
  const layout = layoutOf(sheet, columns);
  layout.labelCol = description ?? headedDescriptionRight(columns, sheet, block);
  const ignored = columns.filter((c) => c.role === 'ignored').map((c) => c.col);
  if (ignored.length) layout.ignoredCols = ignored;
  const repeats = new Set(block.repeats);
  const rows: TableRow[] = [];
  const rowFindings: Finding[] = [];
  for (let r = block.top; r <= block.bottom; r++) {
    if (repeats.has(r)) continue;
    const read = readRow(layout, r);
    if (!read) continue;
    rows.push(read.row);
    append(rowFindings, read.findings);
  }
  joinOffsetTotals(layout, columns, rows);
  readPoundsInScaledColumns(rows, layout.columns.length);
  markMemoLines(rows);
  const title = block.titleRows.map((r) => firstText(sheet, r)).filter(Boolean);
  const kind = tableKind({
    columns,
    labels: () => rows.map((r) => r.label).filter(Boolean),
    title: title.join(' '),
    rows: () => rows,
  });
  const money = layout.columns;
  const table: Table = {
    id: `${sheet.name}!${a1Range(headerRow, left, block.bottom, right)}`,
    sheet: sheet.name,
    kind,
    title,
    headerRow,
    top: headerRow,
    bottom: block.bottom,
    left,
    right,
    range: a1Range(headerRow, left, block.bottom, right),
    columns: money,
    rows,
    scale: tableScale(kind, columns),
    step: tableStep(sheet, rows),
    refCol: layout.refCol,
    classCol: layout.classCol,
    summaryLineCol: layout.summaryLineCol,
  };
  fixes?.rows(table, sheet.name);
  const signs = fixes?.signs;
  if (signs === 'shown-positive') takeAway(table);
  else if (kind === 'savings' && signs !== 'as-printed') readDeductedSavings(table);
  const moneyReadings = money.map((m) => columns.find((c) => c.col === m.col)!);
  table.steps = columnSteps(sheet, rows, money.length);
  // Per cent changes printed as plain figures are per cents, whatever the heading (see plainPercentChange).
  moneyReadings.forEach((reading, x) => {
    if (reading.role !== 'figures' || reading.heading.unit.scale !== undefined || money[x]!.year) return;
    const change = plainPercentChange(table, x);
    if (!change) return;
    reading.role = 'percentages';
    reading.evidence = `per cent changes from "${money[change.base]!.label}" to "${money[change.of]!.label}"`;
  });
  table.additive = moneyReadings.map((c) => c.role === 'figures');
  if (kind !== 'budget-summary' && kind !== 'net-budget') {
    if (kind !== 'budget-table') buildStructure(table);
    // A paper printed without signs has its net figures' signs worked out first, from the row rules.
    if (kind !== 'revenue-budget' && kind !== 'capital-programme') table.rowRules = solveRowRules(table);
    solveTotals(table, {
      steps: table.steps,
      additive: table.additive,
      discover: kind === 'budget-table',
      fixes: fixes?.rowFixes,
      above: kind === 'budget-table' ? closingAbove(above, table) : undefined,
    });
    if (kind === 'budget-table') {
      nameTotals(table);
      if (signs !== 'as-printed') signUnsignedColumns(table, rowFindings);
      leaveAveragesUnchecked(table);
      leaveBalancesUnchecked(table);
      keepTextWhereCounted(table, rowFindings);
      settleNoteReferences(sheet, table, rowFindings);
    }
  }
  append(findings, rowFindings, hiddenFindings(sheet, table));
  finishCorrections(table, fixes, outcomes);
  if (table.additive.some((a) => !a)) table.percentRules = solvePercentRules(table);
  table.reading = describeReading(table, block, columns, fixes?.outcomes ?? [], anchorHeading);
  return table;
}

/**
 * The closing total of the table above, per column of this one, when the two have the same year
 * columns in the same unit (see SolveOptions.above); undefined otherwise. A year misprinted in one of
 * the two headings ("2024/15" over the table above, "2023/224" under it, for 2024/25 and 2023/24) is
 * read only as the year it begins in, so it is the same column as the year beginning then: Cumbria
 * police's net expenditure, then the funding taken off it to the council tax requirement.
 */
function closingAbove(above: Table | undefined, table: Table): (Decimal | null)[] | undefined {
  if (!above || above.scale !== table.scale) return undefined;
  const onlyColumn = table.columns.length === 1 ? table.columns[0]! : undefined;
  // A list of amounts in one column, with no year or heading of its own, under a table of several columns that ends
  // in its net (gross, income, net by department to "Subtotal"): it may work on from that net, the last column of the
  // total that closes the table above (Hammersmith & Fulham's "Other expenditure", then "Total" of the subtotal's net
  // and the adjustments).
  if (onlyColumn && above.columns.length > 1 && !onlyColumn.year && onlyColumn.key.startsWith('col:')) {
    const closing = [...above.rows].reverse().find((r) => r.type === 'total');
    const net = closing && !closing.signs ? closing.figures[above.columns.length - 1] : undefined;
    return net?.value ? [net.value] : undefined;
  }
  if (above.columns.length !== table.columns.length) return undefined;
  const sameYear = (c: Table['columns'][number], d: Table['columns'][number]) =>
    c.key === d.key ||
    (!!c.year && !!d.year && (c.year.length === 4 || d.year.length === 4) && c.year.slice(0, 4) === d.year.slice(0, 4));
  if (!table.columns.every((c, i) => c.year && sameYear(c, above.columns[i]!))) return undefined;
  const closing = [...above.rows].reverse().find((r) => r.type === 'total');
  if (!closing || closing.signs) return undefined;
  return closing.figures.map((f) => f?.value ?? null);
}

/**
 * "of which: Pupil Premium" breaks down the line above it: shown, added up by no total (a correction
 * may say otherwise). So do the lines under an "of which:" heading of their own: the run of lines
 * just under it, printed as its first line is (italic or not), to a blank row, a heading, a total or
 * a bold line, or to the line whose figures bring the run to the line it breaks down in every
 * column (the next line, printed the same with no gap, is the table's again).
 */
function markMemoLines(rows: TableRow[]): void {
  let run: { italic: boolean; left: number[] | undefined } | undefined;
  rows.forEach((row, i) => {
    const gap = i > 0 && row.row !== rows[i - 1]!.row + 1;
    if (gap || row.type === 'total' || row.bold || (run && row.italic !== run.italic)) run = undefined;
    if (row.type === 'heading') {
      const next = rows[i + 1];
      const above = rows[i - 1]?.type === 'line' ? rows[i - 1] : undefined;
      run = MEMO_LINE.test(row.label) && next ? { italic: next.italic, left: above && centsAcross(above) } : undefined;
      return;
    }
    if (row.type !== 'line' || !(run || MEMO_LINE.test(row.label))) return;
    row.memo = true;
    if (run?.left) {
      const figures = centsAcross(row);
      run.left = figures && run.left.map((c, k) => c - figures[k]!);
      if (run.left?.every((c) => c === 0)) run = undefined;
    }
  });
}

/** A line's figures in exact hundredths, a blank as nil; undefined when one has no exact form. */
function centsAcross(row: TableRow): number[] | undefined {
  const cents = row.figures.map((f) => (f ? centsOf(f) : 0));
  return cents.every(Number.isFinite) && cents.some((c) => c !== 0) ? cents : undefined;
}

/**
 * Text where a figure is expected matters only where something adds the cell up: a total, a line a
 * total counts, or a column a rule across the row uses. A price list's "Free" or "On application"
 * that nothing adds up is not worth a warning.
 */
function keepTextWhereCounted(table: Table, rowFindings: Finding[]): void {
  const counted = new Set<number>();
  for (const row of table.rows)
    if (row.type === 'total') {
      counted.add(row.row);
      for (const p of row.parts ?? []) counted.add(table.rows[p]!.row);
    }
  const ruled = new Set(
    (table.rowRules ?? []).flatMap((r) => [r.total, ...r.parts.map((p) => p.column)].map((i) => table.columns[i]!.col)),
  );
  const kept = rowFindings.filter((f) => {
    if (f.rule !== 'not-a-figure') return true;
    const { row, col } = parseA1(f.cell);
    return counted.has(row) || ruled.has(col);
  });
  rowFindings.splice(0, rowFindings.length, ...kept);
}

/** The table-wide corrections (department, signs) recorded, and every outcome kept for the check. */
function finishCorrections(table: Table, fixes: TableCorrections | undefined, outcomes: CorrectionOutcome[]): void {
  // A memo line is a row of its own kind from here on, so no rule, report or scenario counts it as a line.
  for (const row of table.rows) if (row.memo) row.type = 'memo';
  if (!fixes) return;
  const department = fixes.department;
  if (department) table.department = department;
  fixes.finish();
  append(outcomes, fixes.outcomes);
}

/** The user says the figures are shown positive and taken away: every one is read negative. */
function takeAway(table: Table): void {
  for (const row of table.rows) if (row.type !== 'heading') row.signs = table.columns.map(() => -1);
}

/** A heading that says the figures under it are taken away: "Less:", "Less savings", "Deductions". */
const DEDUCTED = /^less\b|\bless:|\bdeduct|\breductions?\b/i;

/**
 * Savings printed as positive figures under a heading that says they are deducted, or printed
 * positive throughout (many papers list savings as amounts saved: three lines or more, three figures in four),
 * are read as the negative figures they stand for, so every rule (totals, positive savings, the
 * budget summary) sees them as the house format prints them.
 */
function readDeductedSavings(table: Table): void {
  const headings = [...table.title, ...table.rows.filter((r) => r.type === 'heading').map((r) => r.label)];
  const deducted = headings.some((h) => DEDUCTED.test(h));
  let positive = 0;
  let negative = 0;
  let positiveLines = 0;
  for (const row of table.rows)
    if (row.type === 'line') {
      const before = positive;
      for (const f of row.figures) {
        if (f?.value?.isPositive() && !f.value.isZero()) positive++;
        else if (f?.value?.isNegative()) negative++;
      }
      if (positive > before) positiveLines++;
    }
  // Without a heading to say so, the convention must show: three lines or more, three figures in four.
  if (positive <= negative || (!deducted && (positiveLines < 3 || positive < 3 * negative))) return;
  for (const row of table.rows) if (row.type !== 'heading') row.signs = table.columns.map(() => -1);
}

/** Money words: a table of figures with none of these, no £ and no year is not a budget table (a shopping list). */
const MONEY_WORDS =
  /£|budget|expenditure|spend|income|cost|funding|funded|grant|\bnet\b|gross|revenue|capital|council tax|precept|saving|growth|reserve|requirement|charges|financ/i;

function looksLikeMoney(sheet: SheetGrid, table: Table, block: Block): boolean {
  if (table.kind !== 'budget-table') return true;
  // Nothing left to add up once item numbers and page numbers are set aside: a contents page, numbered notes.
  if (!table.columns.length) return false;
  if (table.rows.some((r) => r.type === 'total')) return true;
  if (table.columns.some((c) => c.year)) return true;
  // The table's section headings are headings too ("Band D Council Tax..." over its lines).
  const headings = [
    ...[...block.headerRows, ...block.titleRows].map((r) => [...rowShape(sheet, r).texts.values()].join(' ')),
    ...table.rows.filter((r) => r.type === 'heading').map((r) => r.label),
  ];
  if (headings.some((h) => MONEY_WORDS.test(h) || UNIT_IN_WORDS.test(h))) return true;
  return table.rows.some((r) => r.figures.some((f) => f && (sheet.rows[f.row]?.[f.col]?.format ?? '').includes('£')));
}

/**
 * Finds every table on a sheet, reads it, and works out what its totals add up, with the user's
 * corrections to the sheet's tables applied (those whose table or row moved are refused in words).
 */
export function readTables(sheet: SheetGrid, corrections: readonly ReadingCorrection[] = []): SheetDetection {
  const tables: Table[] = [];
  const findings: Finding[] = [];
  const outcomes: CorrectionOutcome[] = [];
  const sheetCorrections = corrections.length ? new SheetCorrections(sheet.name, [...corrections]) : undefined;
  const blocks = findBlocks(sheet);
  for (const { grid, block } of blocks.flatMap((b) => tablesIn(sheet, b))) {
    const tableFindings: Finding[] = [];
    const before = outcomes.length;
    const above = grid === sheet ? tables.at(-1) : undefined;
    const table = readTable(grid, block, tableFindings, sheetCorrections, outcomes, above);
    // A table the user has corrected is kept, whatever the reader would have made of it.
    if (!table || (outcomes.length === before && !looksLikeMoney(grid, table, block))) continue;
    tables.push(table);
    append(findings, tableFindings);
  }
  append(findings, headingsWithoutLines(sheet, blocks));
  if (sheetCorrections) append(outcomes, sheetCorrections.unclaimed());
  return { tables, findings, corrections: outcomes };
}

/** The tables a block holds: itself, or the tables printed side by side in it, each found again in its own columns. */
function tablesIn(sheet: SheetGrid, block: Block): { grid: SheetGrid; block: Block }[] {
  const parts = sideBySide(sheet, block);
  if (!parts) return [{ grid: sheet, block }];
  return parts.flatMap((part) => findBlocks(part.sheet).map((b) => ({ grid: part.sheet, block: b })));
}

/** A house-format heading row with no figures under it: said, rather than passed over. */
function headingsWithoutLines(sheet: SheetGrid, blocks: Block[]): Finding[] {
  const used = new Set(blocks.flatMap((b) => [...b.headerRows, ...b.titleRows]));
  const inside = (r: number) => blocks.some((b) => r >= b.top && r <= b.bottom);
  const out: Finding[] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    if (used.has(r) || inside(r)) continue;
    const shape = rowShape(sheet, r);
    if (shape.figures.length || printsNothingInFigures(sheet, r)) continue;
    const money = [...shape.texts.entries()].filter(([, t]) => classifyHeader(t)?.role === 'money');
    const withUnit = money.filter(([, t]) => unitWords(t).scale !== undefined);
    if (money.length < 2 && withUnit.length === 0) continue;
    const headers = money.map(([, t]) => classifyHeader(t));
    const kind: TableKind = headers.some((h) => h?.role === 'money' && h.key === 'gross')
      ? 'capital-programme'
      : headers.filter((h) => h?.role === 'money' && ['employees', 'running', 'net'].includes(h.key)).length >= 2
        ? 'revenue-budget'
        : 'budget-table';
    const col = money[0]![0];
    out.push(
      finding(
        'no-lines',
        sheet.name,
        a1(r, col),
        `this looks like the header of a ${kindWords(kind)} table, but no lines with figures follow it (${cellText(sheet.rows[r]?.[col])})`,
      ),
    );
  }
  return out;
}

/**
 * A row that prints "n/a" or "Nil" where figures go is a line whose figures are nothing ("Total sums
 * invested for more than 364 days | £m | n/a | Nil | Nil" at the foot of a prudential indicators table),
 * not a heading: headings never print nil, so its unit in a column of its own does not make it one.
 */
function printsNothingInFigures(sheet: SheetGrid, r: number): boolean {
  return (sheet.rows[r] ?? []).some(
    (cell) => typeof cell?.value === 'string' && /[a-z]/i.test(cell.value) && isNilText(cell.value),
  );
}

/** Two hidden lines are one run when nothing shown stands between them. */
function hiddenRunContinues(sheet: SheetGrid, from: number, to: number): boolean {
  for (let r = from + 1; r < to; r++) if (!sheet.hiddenRows.has(r) && !rowShape(sheet, r).blank) return false;
  return true;
}

/** One note per run of hidden lines: a collapsed group of 40 detail lines is one thing to know, not 40. */
function hiddenFindings(sheet: SheetGrid, table: Table): Finding[] {
  const out: Finding[] = [];
  const hidden = table.rows.filter((row) => row.hidden && row.type !== 'heading');
  for (let i = 0; i < hidden.length;) {
    let j = i;
    while (j + 1 < hidden.length && hiddenRunContinues(sheet, hidden[j]!.row, hidden[j + 1]!.row)) j++;
    const first = hidden[i]!;
    const col = first.labelCol >= 0 ? first.labelCol : (first.figures.find((f) => f)?.col ?? table.left);
    const name = (row: TableRow) => row.label || 'unlabelled';
    const what =
      i === j
        ? `row ${first.row + 1} (${name(first)}) is hidden; its figures still count`
        : `rows ${first.row + 1} to ${hidden[j]!.row + 1} (${j - i + 1} lines, ${name(first)} to ${name(hidden[j]!)}) are hidden; their figures still count`;
    out.push(finding('hidden-row', sheet.name, a1(first.row, col), `${what} in the checks`));
    i = j + 1;
  }
  for (const m of table.columns) {
    if (sheet.hiddenCols.has(m.col)) {
      out.push(
        finding(
          'hidden-row',
          sheet.name,
          a1(table.headerRow, m.col),
          `column ${m.label} is hidden; its figures still count in the checks`,
        ),
      );
    }
  }
  return out;
}
