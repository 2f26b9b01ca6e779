import type { CheckResult } from '../check';
import { Decimal, ZERO } from '../money';
import { CLASS_TOKEN, CLASSIFICATIONS } from '../vocabulary';
import type { Table, TableRow } from '../tables';
import { valueOf } from '../validate';
import { departmentScope } from '../summary';
import { figure, headings, moneyRow, text, title, type Block } from './blocks';

type Figures = (Decimal | null)[];

export interface ItemCounts {
  /** No star: new since the previous MTFS. */
  new: number;
  /** **: included before, amended. */
  amended: number;
  /** *: unchanged from the previous MTFS. */
  unchanged: number;
}

export interface AppendixSummary {
  kind: 'growth' | 'savings';
  sheet: string;
  /** "Growth", or "Growth (Adults)" when the workbook has more than one growth appendix. */
  name: string;
  years: string[];
  basis: string;
  bySection: { name: string; figures: Figures }[];
  byClassification: { name: string; figures: Figures }[];
  total: Figures;
  counts: ItemCounts;
  /** Sections whose lines are not the department's own budget (corporate items): in the total, not in the budget summary. */
  outside: string[];
}

/** "eff / sr" → "Eff/SR"; anything that is not Eff, SR or Income → "Unclassified". */
export function classificationName(raw: string | undefined): string {
  const tokens = (raw ?? '')
    .split('/')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tokens.length === 0 || !tokens.every((t) => CLASS_TOKEN.test(t))) return 'Unclassified';
  return tokens.map((t) => CLASSIFICATIONS.find((c) => c.toLowerCase() === t.toLowerCase())!).join('/');
}

export function countItems(lines: TableRow[]): ItemCounts {
  const counts = { new: 0, amended: 0, unchanged: 0 };
  for (const line of lines) {
    if (line.marker === '**') counts.amended++;
    else if (line.marker === '*') counts.unchanged++;
    else counts.new++;
  }
  return counts;
}

/** Adds a line's figures into running sums, one per column; a blank on either side leaves the sum blank. */
export function addInto(sums: Figures, row: TableRow, cols: number[]): void {
  cols.forEach((c, i) => {
    const sum = sums[i] ?? null; // sums hold one figure per column
    const v = valueOf(row, c);
    sums[i] = sum === null || v === null ? null : sum.plus(v);
  });
}

function grouped(
  lines: TableRow[],
  cols: number[],
  keyOf: (line: TableRow) => string,
  always: readonly string[] = [],
): { name: string; figures: Figures }[] {
  const groups = new Map<string, Figures>(always.map((k) => [k, cols.map(() => ZERO)]));
  for (const line of lines) {
    const key = keyOf(line);
    if (!groups.has(key))
      groups.set(
        key,
        cols.map(() => ZERO),
      );
    addInto(groups.get(key)!, line, cols);
  }
  return [...groups.entries()].map(([name, figures]) => ({ name, figures }));
}

/** Totals of a growth or savings appendix by section and by classification, each year, with its item counts. */
export function appendixSummary(table: Table, department?: string): AppendixSummary {
  const cols = table.columns.flatMap((c, i) => (c.year ? [i] : []));
  const lines = table.rows.filter((r) => r.type === 'line');
  const inScope = departmentScope(table, department);
  const outside = table.rows.flatMap((r, i) => (r.type === 'line' && !inScope[i] ? [r.section ?? 'Other lines'] : []));
  const total: Figures = cols.map(() => ZERO);
  for (const line of lines) addInto(total, line, cols);
  const kind = table.kind === 'savings' ? 'savings' : 'growth';
  return {
    kind,
    sheet: table.sheet,
    name: kind === 'growth' ? 'Growth' : 'Savings',
    years: table.columns.flatMap((c) => (c.year ? [c.label] : [])),
    basis: table.basis?.basis ?? 'cumulative',
    bySection: grouped(lines, cols, (l) => l.section ?? 'Other lines'),
    byClassification:
      kind === 'savings' ? grouped(lines, cols, (l) => classificationName(l.classification), CLASSIFICATIONS) : [],
    total,
    counts: countItems(lines),
    outside: [...new Set(outside)],
  };
}

export function appendixSummaries(check: CheckResult): AppendixSummary[] {
  const summaries = check.tables
    .filter((t) => t.kind === 'growth' || t.kind === 'savings')
    .map((t) => appendixSummary(t, check.department));
  for (const s of summaries)
    if (summaries.filter((o) => o.kind === s.kind).length > 1) s.name = `${s.name} (${s.sheet})`;
  return summaries;
}

/** Why the appendix's total is not the budget summary's line: it holds lines outside the department's own budget. */
function outsideNote(s: AppendixSummary): string {
  return `Note: the total includes ${s.outside.join(', ')}, outside the department's own budget; the budget summary's ${s.kind} line does not.`;
}

export function appendixBlock(s: AppendixSummary): Block {
  const block: Block = [
    title(`${s.name.toUpperCase()} SUMMARY, £000, ${s.basis} by year`),
    headings(
      'By section',
      s.years.map((y) => `${y} £000`),
    ),
    ...s.bySection.map((g) => moneyRow(g.name, g.figures)),
    moneyRow(`Total ${s.kind}`, s.total, true),
    ...(s.outside.length ? [[text(outsideNote(s), { italic: true })]] : []),
  ];
  if (s.byClassification.length) {
    block.push(
      [],
      headings(
        'By classification',
        s.years.map((y) => `${y} £000`),
      ),
    );
    block.push(
      ...s.byClassification.map((g) => moneyRow(g.name, g.figures)),
      moneyRow(`Total ${s.kind}`, s.total, true),
    );
  }
  return block;
}

export function itemCountsBlock(summaries: AppendixSummary[]): Block {
  const count = (n: number) => figure(n, { format: '0' });
  return [
    title('ITEMS SINCE THE PREVIOUS MTFS'),
    headings('', ['New', 'Amended (**)', 'Unchanged (*)', 'Total']),
    ...summaries.map((s) => {
      const { new: fresh, amended, unchanged } = s.counts;
      return [text(s.name), count(fresh), count(amended), count(unchanged), count(fresh + amended + unchanged)];
    }),
  ];
}
