import { a1, columnLetters } from '../a1';
import { TABLE_KIND_NAMES, type Table, type TableRow, type TotalHow } from '../tables';
import { unitWords } from '../vocabulary';
import type { Block } from './blocks';
import type { ColumnReading, ColumnRole } from './columns';
import type { CorrectionOutcome } from './correct';
import { describeCorrection, toRuns } from './corrections';
import { labelledTotal } from './solve';
import { percentWords } from '../percentages';

/**
 * How a table was read, stage by stage: what `mtfs check --json` gives as `tables[].reading`, what
 * `mtfs check --explain` prints, and what a user's correction will change.
 */
export interface Reading {
  /** Where the table's heading starts and what it says: how a correction names the table. */
  anchor: { table: string; heading: string };
  orientation: 'lines down the rows' | 'lines across the columns';
  /** 1-based rows of the title and of the heading. */
  titleRows: number[];
  headerRows: number[];
  columns: {
    column: string;
    role: ColumnRole;
    heading: string;
    year?: string;
    unit?: string;
    confidence: 'high' | 'medium' | 'low';
    evidence: string;
  }[];
  /** Every row of the body that is not a plain line: headings and totals. */
  rows: { row: number; role: 'heading' | 'total' | 'line' | 'memo'; label: string; why?: string }[];
  totals: {
    row: number;
    label: string;
    how: TotalHow;
    /** The rows it adds up, 1-based, as runs ("6:12"); a minus before rows taken away. */
    adds: string[];
    confidence: 'high' | 'medium' | 'low';
  }[];
  /** Columns that add up others on each row. */
  rowRules: { column: string; adds: string[]; holds: number; fails: number; unsigned: boolean }[];
  /** Per cent columns worked out from the £ columns on each row: "the change from 2024/25 to 2025/26". */
  percentRules: { column: string; is: string; holds: number; fails: number }[];
  /** The reader's confidence in the table as a whole: its least sure total or column. */
  confidence: 'high' | 'medium' | 'low';
  /** Where the reader is unsure, as questions for the user ("Is column B the classification? …"). */
  questions: string[];
  /** The user's corrections applied to this table, in words. */
  corrections: string[];
}

const UNIT_WORDS: Record<number, string> = { 1: '£', 1000: '£000', 1_000_000: '£m' };

function unitOf(c: ColumnReading): string | undefined {
  const u = c.heading.unit.percent
    ? { percent: true }
    : c.heading.unit.scale
      ? c.heading.unit
      : unitWords(c.heading.text);
  if (u.percent) return '%';
  return u.scale !== undefined ? (UNIT_WORDS[u.scale] ?? `£ x ${u.scale}`) : undefined;
}

const HOW_WORDS: Record<TotalHow, string> = {
  layout: 'the lines of its section, as the layout shows',
  section: 'the lines of its section',
  running: 'the total above it and the lines since (a running total)',
  'items-above': 'every item above it not already added up',
  'lines-above': 'every line above it',
  'negated-items-above': 'minus every item above it (printed with the opposite sign)',
  'negated-section': 'minus the lines of its section',
  difference: 'one total above it less another (a gap)',
  'lines-below': 'the lines under it (a total printed above its lines)',
  'as-corrected': 'the rows you chose',
};

const RANK = { high: 2, medium: 1, low: 0 } as const;

function least<T extends 'high' | 'medium' | 'low'>(values: T[]): 'high' | 'medium' | 'low' {
  return values.reduce<'high' | 'medium' | 'low'>((a, b) => (RANK[b] < RANK[a] ? b : a), 'high');
}

export function describeReading(
  table: Table,
  block: Block,
  columns: ColumnReading[],
  corrections: readonly CorrectionOutcome[],
  heading: string,
): Reading {
  const money = new Set(table.columns.map((c) => c.col));
  const readColumns = columns
    .filter((c) => c.role !== 'text' || c.heading.text)
    .map((c) => ({
      column: columnLetters(c.col),
      role: c.role,
      heading: c.heading.text,
      ...(c.heading.year ? { year: c.heading.year } : {}),
      ...(money.has(c.col) && unitOf(c) ? { unit: unitOf(c) } : {}),
      confidence: c.confidence,
      evidence: c.evidence,
    }));
  const totals = table.rows.flatMap((row) =>
    row.type === 'total' && row.parts?.length && row.structure
      ? [
          {
            row: row.row + 1,
            label: row.label,
            how: row.structure.how,
            adds: toRuns(row.parts.map((p, k) => ({ row: table.rows[p]!.row + 1, sign: row.partSigns?.[k] ?? 1 }))),
            confidence: row.structure.confidence,
          },
        ]
      : [],
  );
  const rowRules = (table.rowRules ?? []).map((r) => ({
    column: columnLetters(table.columns[r.total]!.col),
    adds: r.parts.map((p) => `${p.sign < 0 ? '-' : ''}${columnLetters(table.columns[p.column]!.col)}`),
    holds: r.holds,
    fails: r.fails,
    unsigned: !!r.unsigned,
  }));
  const percentRules = (table.percentRules ?? []).map((r) => ({
    column: columnLetters(table.columns[r.column]!.col),
    is: percentWords(table, r),
    holds: r.holds,
    fails: r.fails,
  }));
  const labelCol = columns.find((c) => c.role === 'description');
  const figureCols = columns.filter((c) => c.role === 'figures');
  const yearsDown =
    labelCol &&
    figureCols.length > 0 &&
    figureCols.every((c) => !c.heading.year) &&
    table.rows.some((r) => /(?:19|20)\d\d/.test(r.label));
  const questions = [...columnQuestions(readColumns), ...totalQuestions(table, totals)];
  return {
    anchor: { table: a1(table.headerRow, table.left), heading },
    orientation: yearsDown ? 'lines across the columns' : 'lines down the rows',
    titleRows: block.titleRows.map((r) => r + 1),
    headerRows: block.headerRows.map((r) => r + 1),
    columns: readColumns,
    rows: table.rows
      .filter((r) => r.type !== 'line')
      .map((r) => ({ row: r.row + 1, role: r.type, label: r.label, ...(r.memoWhy ? { why: r.memoWhy } : {}) })),
    totals,
    rowRules,
    percentRules,
    confidence: least([
      ...totals.map((t) => t.confidence),
      ...readColumns.filter((c) => c.role !== 'text').map((c) => c.confidence),
    ]),
    questions,
    corrections: corrections.filter((c) => c.applied).map((c) => describeCorrection(c.correction)),
  };
}

const ASKED_ROLES: Partial<Record<ColumnRole, string>> = {
  reference: 'the reference',
  'reference-and-classification': 'the reference and classification',
  classification: 'the classification',
  marker: 'the star markers',
};

/** A column whose role was read from its content alone, or guessed: "Is column B the classification? …". */
function columnQuestions(columns: Reading['columns']): string[] {
  return columns.flatMap((c) => {
    const role = ASKED_ROLES[c.role];
    if (!role || c.confidence === 'high') return [];
    return [`Is column ${c.column} ${role}? ${c.evidence.charAt(0).toUpperCase()}${c.evidence.slice(1)}.`];
  });
}

/** A total no way of adding up explains, or one found from its figures alone. */
function totalQuestions(table: Table, totals: Reading['totals']): string[] {
  // Rows found by number, not searched for down the whole table per total (a long table has hundreds of totals).
  let rows: Map<number, TableRow> | undefined;
  const rowAt = (n: number) => (rows ??= byNumber(table.rows)).get(n);
  return totals.flatMap((t) => {
    const name = `row ${t.row}${t.label ? ` "${t.label}"` : ''}`;
    if (t.how === 'as-corrected') return [];
    if (t.confidence === 'low')
      return [`What does ${name} add up? No way of adding up the rows near it gives its figures.`];
    const row = t.confidence === 'medium' ? rowAt(t.row - 1) : undefined;
    if (t.confidence === 'medium' && row && !labelledTotal(row.label) && !row.bold)
      return [
        `Is ${name} a total of rows ${t.adds.join(', ')}? Its figures add up so, but it is not labelled as a total.`,
      ];
    return [];
  });
}

/** Each sheet row's line of the table, the first, should a row appear twice. */
function byNumber(rows: TableRow[]): Map<number, TableRow> {
  const out = new Map<number, TableRow>();
  for (const r of rows) if (!out.has(r.row)) out.set(r.row, r);
  return out;
}

/** The reading in words, one table at a time, for `mtfs check --explain`. */
export function explainTable(table: Table): string[] {
  const r = table.reading;
  const out = [
    `${table.sheet}!${table.range}: ${TABLE_KIND_NAMES[table.kind]}${table.title[0] ? ` — ${table.title[0]}` : ''}`,
  ];
  if (!r) return out;
  out.push(`  read with ${r.confidence} confidence; ${r.orientation}`);
  if (r.headerRows.length) out.push(`  heading: row${r.headerRows.length > 1 ? 's' : ''} ${r.headerRows.join(', ')}`);
  out.push(`  table ${r.anchor.table}, headed "${r.anchor.heading}"`);
  for (const c of r.columns) {
    const detail = [c.year, c.unit].filter(Boolean).join(', ');
    out.push(`  column ${c.column}: ${c.role.replace(/-/g, ' ')}${detail ? ` (${detail})` : ''} — ${c.evidence}`);
  }
  for (const t of r.totals) {
    const adds =
      t.adds.length > 6 ? `${t.adds.slice(0, 3).join(', ')} … ${t.adds.slice(-2).join(', ')}` : t.adds.join(', ');
    out.push(
      `  row ${t.row}${t.label ? ` "${t.label}"` : ''} adds up ${HOW_WORDS[t.how]}: rows ${adds} (${t.confidence} confidence)`,
    );
  }
  for (const m of r.rows.filter((x) => x.role === 'memo'))
    out.push(`  row ${m.row}${m.label ? ` "${m.label}"` : ''} is a memo line, in no total${m.why ? `: ${m.why}` : ''}`);
  for (const rule of r.rowRules) {
    out.push(
      `  column ${rule.column} = ${rule.adds.join(' + ').replace(/\+ -/g, '- ')} on each row (holds on ${rule.holds}, not on ${rule.fails})${rule.unsigned ? '; figures printed without signs' : ''}`,
    );
  }
  for (const rule of r.percentRules)
    out.push(`  column ${rule.column} = ${rule.is}, in per cent (holds on ${rule.holds}, not on ${rule.fails})`);
  for (const c of r.corrections) out.push(`  your correction: ${c}`);
  for (const q of r.questions) out.push(`  question: ${q}`);
  return out;
}
