import type { Table } from './tables';
import { nameKey } from './vocabulary';

/** A department and its own tables: the unit every cross-table rule and every summary works on. */
export interface Department {
  /** As the workbook writes it ("CORPORATE RESOURCES"); undefined when nothing names it. */
  name?: string;
  tables: Table[];
}

function fromTitle(table: Table): string | undefined {
  for (const line of table.title) {
    const m = /^(.+?)\s+(department|directorate)$/i.exec(line.trim());
    if (m) return m[1].trim();
  }
  return undefined;
}

function fromContent(table: Table): string | undefined {
  if (table.kind === 'revenue-budget') {
    const grand = table.rows.find((r) => r.closesTable);
    return grand ? /^total\s+(.+)$/i.exec(grand.label.trim())?.[1].trim() : undefined;
  }
  if (table.kind === 'growth' || table.kind === 'savings') {
    for (const row of table.rows) {
      if (row.type !== 'heading') continue;
      const m = /^(.+?)\s+items$/i.exec(row.label.trim());
      if (m && row.label === row.label.toUpperCase() && !/^corporate$/i.test(m[1].trim())) return m[1].trim();
    }
  }
  return undefined;
}

/**
 * Groups tables by the department they belong to: named by their titles ("ADULTS DEPARTMENT"),
 * Appendix A's grand total ("TOTAL ADULTS"), or their own section ("ADULTS ITEMS"); a table with no
 * name of its own belongs with the table before it on its sheet; when the workbook names only one
 * department, every table is that department's.
 */
export function groupByDepartment(tables: Table[]): Department[] {
  const named = tables.map((t) => fromTitle(t) ?? fromContent(t));
  tables.forEach((t, i) => {
    if (named[i] === undefined && i > 0 && tables[i - 1].sheet === t.sheet) named[i] = named[i - 1];
  });
  const groups = new Map<string, Department>();
  tables.forEach((t, i) => {
    const key = named[i] ? nameKey(named[i]) : '';
    if (!groups.has(key)) groups.set(key, { name: named[i], tables: [] });
    groups.get(key)!.tables.push(t);
  });
  const unnamed = groups.get('');
  const namedGroups = [...groups.entries()].filter(([k]) => k !== '').map(([, g]) => g);
  if (unnamed && namedGroups.length === 1) {
    namedGroups[0].tables.push(...unnamed.tables);
    namedGroups[0].tables.sort((a, b) => tables.indexOf(a) - tables.indexOf(b));
    return namedGroups;
  }
  return [...namedGroups, ...(unnamed ? [unnamed] : [])];
}
