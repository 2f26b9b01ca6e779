import { parseA1 } from '../../engine/a1';
import type { CheckResult } from '../../engine/check';
import { RULES, type Finding, type Severity } from '../../engine/findings';
import { TABLE_KIND_NAMES, type Table } from '../../engine/tables';

/** What the Check view's filter can show. 'info' covers rounding differences and notes. */
export type SeverityFilter = 'all' | Severity;

export const FILTERS: { value: SeverityFilter; label: string; empty: string }[] = [
  { value: 'all', label: 'All', empty: 'No findings: every total adds up.' },
  { value: 'error', label: 'Errors', empty: 'No errors found.' },
  { value: 'warning', label: 'Warnings', empty: 'No warnings.' },
  { value: 'info', label: 'Rounding & notes', empty: 'No rounding differences or notes.' },
];

/** One finding as the Check view lists it, with the words it needs. */
export interface FindingItem {
  /** Stable within one check result: the finding's position in it. */
  key: string;
  finding: Finding;
  severityLabel: string;
  title: string;
}

export interface FindingGroup {
  key: string;
  /** "Revenue budget (Appendix A), A4:G40", or "Elsewhere on this sheet". */
  title: string;
  table?: Table;
  items: FindingItem[];
}

export interface SheetFindings {
  sheet: string;
  count: number;
  groups: FindingGroup[];
}

export function severityLabel(f: Finding): string {
  if (f.severity === 'error') return 'Error';
  if (f.severity === 'warning') return 'Warning';
  return f.rule === 'rounding-difference' ? 'Rounding' : 'Note';
}

export function filterCounts(findings: readonly Finding[]): Record<SeverityFilter, number> {
  const counts: Record<SeverityFilter, number> = { all: findings.length, error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function contains(table: Table, row: number, col: number): boolean {
  return row >= table.top && row <= table.bottom && col >= table.left && col <= table.right;
}

/** The table on `sheet` whose range holds `cell`; the smallest one if ranges overlap. */
export function tableContaining(tables: readonly Table[], sheet: string, cell: string): Table | undefined {
  let at: { row: number; col: number };
  try {
    at = parseA1(cell);
  } catch {
    return undefined;
  }
  let best: Table | undefined;
  for (const t of tables) {
    if (t.sheet !== sheet || !contains(t, at.row, at.col)) continue;
    const area = (t.bottom - t.top + 1) * (t.right - t.left + 1);
    if (!best || area < (best.bottom - best.top + 1) * (best.right - best.left + 1)) best = t;
  }
  return best;
}

export function tableTitle(table: Table): string {
  return `${TABLE_KIND_NAMES[table.kind]}, ${table.range}`;
}

/**
 * The findings the filter lets through, grouped by sheet (in the workbook's order, as the engine sorts them)
 * and, within a sheet, by the table whose range holds the finding's cell; the rest go last, under the sheet itself.
 */
export function groupFindings(result: CheckResult, filter: SeverityFilter): SheetFindings[] {
  const sheets = new Map<string, SheetFindings>();
  const groups = new Map<string, FindingGroup>();
  result.findings.forEach((finding, i) => {
    if (filter !== 'all' && finding.severity !== filter) return;
    let sheet = sheets.get(finding.sheet);
    if (!sheet) {
      sheet = { sheet: finding.sheet, count: 0, groups: [] };
      sheets.set(finding.sheet, sheet);
    }
    const table = tableContaining(result.tables, finding.sheet, finding.cell);
    const key = table ? `table:${table.id}` : `sheet:${finding.sheet}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, title: table ? tableTitle(table) : 'Elsewhere on this sheet', table, items: [] };
      groups.set(key, group);
      sheet.groups.push(group);
    }
    group.items.push({
      key: String(i),
      finding,
      severityLabel: severityLabel(finding),
      title: RULES[finding.rule]?.title ?? finding.rule,
    });
    sheet.count++;
  });
  for (const sheet of sheets.values()) {
    sheet.groups.sort((a, b) => (a.table ? a.table.top : Infinity) - (b.table ? b.table.top : Infinity));
  }
  return [...sheets.values()];
}
