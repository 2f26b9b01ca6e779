import { totalLabelClass, totalLabelSubject, type TotalLabelClass } from './vocabulary';
import type { Table, TableRow } from './tables';
import { maxOf, minOf } from './collections';

const CLASS_RANK: Record<Exclude<TotalLabelClass, 'none'>, number> = { sub: 0, bare: 1, named: 2 };

const isTotal = (r: TableRow) => r.type === 'total';

/**
 * Works out, from the layout alone (never from the figures), which lines each total adds up:
 * a total closes the lines since the previous total of its level (from the first heading after it),
 * a total straight after another total closes a level above, and the table's last total closes the
 * whole table when its label ranks above the others, it follows a total, or no heading opens a
 * section before it.
 */
export function buildStructure(table: Table): void {
  const rows = table.rows;
  const totals: number[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i]!.type === 'total') totals.push(i);
  if (totals.length === 0) {
    assignSections(rows);
    return;
  }
  const labelled = totals
    .map((t) => totalLabelClass(rows[t]!.label))
    .filter((c): c is Exclude<TotalLabelClass, 'none'> => c !== 'none');
  const lowest = labelled.length ? minOf(labelled.map((c) => CLASS_RANK[c])) : 0;
  for (const t of totals) {
    const cls = totalLabelClass(rows[t]!.label);
    let rank = cls === 'none' ? lowest : CLASS_RANK[cls];
    if (t > 0 && isTotal(rows[t - 1]!) && rows[t - 1]!.row === rows[t]!.row - 1)
      rank = Math.max(rank, rows[t - 1]!.rank! + 1);
    rows[t]!.rank = rank;
  }
  const last = totals[totals.length - 1]!;
  const whole = closesWholeTable(rows, totals);
  if (whole) {
    rows[last]!.rank = maxOf(totals.map((t) => rows[t]!.rank!)) + 1;
    rows[last]!.closesTable = true;
  }

  for (const t of totals) {
    const total = rows[t]!;
    let from = 0;
    if (!total.closesTable) {
      let prev = -1;
      for (let i = t - 1; i >= 0; i--)
        if (isTotal(rows[i]!) && rows[i]!.rank! >= total.rank!) {
          prev = i;
          break;
        }
      from = prev + 1;
      for (let i = prev + 1; i < t; i++)
        if (rows[i]!.type === 'heading') {
          from = i;
          break;
        }
    }
    const parts: number[] = [];
    for (let i = from; i < t; i++) {
      const r = rows[i]!;
      if (r.consumedBy !== undefined) continue;
      if (r.type === 'line' || (isTotal(r) && r.rank! < total.rank!)) {
        parts.push(i);
        r.consumedBy = t;
      }
    }
    total.parts = parts;
    total.spanStart = from;
    total.name = totalName(rows, t, from, !!total.closesTable && totals.length > 1);
  }
  assignSections(rows);
}

function closesWholeTable(rows: TableRow[], totals: number[]): boolean {
  const last = totals[totals.length - 1]!;
  if (totals.length === 1) return true;
  const cls = totalLabelClass(rows[last]!.label);
  const others = totals.slice(0, -1);
  if (
    cls !== 'none' &&
    others.every((o) => {
      const c = totalLabelClass(rows[o]!.label);
      return c !== 'none' && CLASS_RANK[c] < CLASS_RANK[cls];
    })
  )
    return true;
  const previous = others[others.length - 1]!;
  if (previous === last - 1) return true;
  for (let i = previous + 1; i < last; i++) if (rows[i]!.type === 'heading') return false;
  return true;
}

/** The headings that open the group a total closes, in sheet order. */
export function groupHeadings(rows: TableRow[], from: number, to: number): TableRow[] {
  const out: TableRow[] = [];
  for (let i = from; i < to; i++) {
    if (rows[i]!.type === 'heading') out.push(rows[i]!);
    else if (out.length && rows[i]!.type === 'line') break;
  }
  return out;
}

function headingName(headings: TableRow[]): string | undefined {
  const bold = headings.filter((h) => h.bold);
  return (bold[bold.length - 1] ?? headings[0])?.label.replace(/:$/, '');
}

/** A total's name in messages; `grand` when it adds up other totals across the whole table. */
function totalName(rows: TableRow[], t: number, from: number, grand: boolean): string {
  const label = rows[t]!.label;
  const cls = totalLabelClass(label);
  if (cls === 'named' || cls === 'sub') return label;
  if (grand) return cls === 'bare' ? `the grand total (${label})` : 'the unlabelled grand total';
  const heading = headingName(groupHeadings(rows, from, t));
  if (heading) return `${heading} total`;
  return cls === 'bare' ? label : 'the unlabelled total';
}

/** Each line's section: the group its nearest total closes, or else the heading above it. */
function assignSections(rows: TableRow[]): void {
  let heading: string | undefined;
  let headingSinceTotal = false;
  const run: TableRow[] = [];
  // Lines closed by one total sit together: its section name is worked out once for all of them.
  let named: TableRow | undefined;
  let name: string | undefined;
  for (const row of rows) {
    if (row.type === 'heading') {
      run.push(row);
      heading = headingName(run);
      headingSinceTotal = true;
      continue;
    }
    run.length = 0;
    if (row.type === 'total') {
      headingSinceTotal = false;
      continue;
    }
    const consumer = row.consumedBy !== undefined ? rows[row.consumedBy]! : undefined;
    if (consumer && !consumer.closesTable) {
      if (consumer !== named) {
        named = consumer;
        name = sectionName(consumer);
      }
      row.section = name;
    } else row.section = headingSinceTotal ? heading : row.label;
  }
}

function sectionName(total: TableRow): string {
  const cls = totalLabelClass(total.label);
  if (cls === 'sub' || cls === 'named') return totalLabelSubject(total.label) || total.label;
  return total.name!.replace(/ total$/, '');
}
