import type { CheckResult } from '../check';
import { Decimal, ZERO } from '../money';
import { totalLabelSubject } from '../vocabulary';
import { columnIndex, type Table, type TableRow } from '../tables';
import { addInto } from './appendices';
import { headings, moneyRow, title, type Block } from './blocks';

type Figures = (Decimal | null)[];

export interface CapitalSummary {
  sheet: string;
  /** The programme block's own title, e.g. "CORPORATE PROGRAMME". */
  name: string;
  years: string[];
  lines: { name: string; figures: Figures }[];
  total: Figures;
}

/**
 * The summary line a detail line belongs to: what the user typed in the optional "Summary line"
 * column; otherwise its category when the block has category sub totals; otherwise the project itself.
 */
function summaryLineOf(table: Table, line: TableRow): string {
  if (line.summaryLine?.trim()) return line.summaryLine.trim();
  const consumer = line.consumedBy !== undefined ? table.rows[line.consumedBy] : undefined;
  if (consumer && !consumer.closesTable) return line.section ?? totalLabelSubject(consumer.label) ?? line.label;
  return line.label;
}

export function capitalSummary(table: Table): CapitalSummary {
  const years = table.columns.flatMap((c, i) => (c.year ? [i] : []));
  const totalCol = columnIndex(table, 'total');
  const cols = totalCol >= 0 ? [...years, totalCol] : years;
  const groups = new Map<string, Figures>();
  const total: Figures = cols.map(() => ZERO);
  for (const line of table.rows) {
    if (line.type !== 'line') continue;
    const key = summaryLineOf(table, line);
    if (!groups.has(key))
      groups.set(
        key,
        cols.map(() => ZERO),
      );
    const figures = groups.get(key)!;
    addInto(figures, line, cols);
    addInto(total, line, cols);
  }
  if (totalCol < 0) {
    const sumYears = (f: Figures) => (f.some((v) => v === null) ? null : f.reduce<Decimal>((s, v) => s.plus(v!), ZERO));
    for (const f of [...groups.values(), total]) f.push(sumYears(f));
  }
  return {
    sheet: table.sheet,
    name: table.title[table.title.length - 1] ?? 'CAPITAL PROGRAMME',
    years: table.columns.flatMap((c) => (c.year ? [c.label] : [])),
    lines: [...groups.entries()].map(([name, figures]) => ({ name, figures })),
    total,
  };
}

export function capitalSummaries(check: CheckResult): CapitalSummary[] {
  return check.tables.filter((t) => t.kind === 'capital-programme').map(capitalSummary);
}

export function capitalBlock(s: CapitalSummary): Block {
  return [
    title(`CAPITAL PROGRAMME SUMMARY: ${s.name}`),
    headings('Project', [...s.years.map((y) => `${y} £000`), 'Total £000']),
    ...s.lines.map((l) => moneyRow(l.name, l.figures)),
    moneyRow('Total', s.total, true),
  ];
}
