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
    if (m) return m[1]!.trim();
  }
  return undefined;
}

function fromContent(table: Table): string | undefined {
  if (table.kind === 'revenue-budget') {
    const grand = table.rows.find((r) => r.closesTable);
    return grand ? /^total\s+(.+)$/i.exec(grand.label.trim())?.[1]!.trim() : undefined;
  }
  if (table.kind === 'growth' || table.kind === 'savings') {
    for (const row of table.rows) {
      if (row.type !== 'heading') continue;
      const m = /^(.+?)\s+items$/i.exec(row.label.trim());
      if (m && row.label === row.label.toUpperCase() && !/^corporate$/i.test(m[1]!.trim())) return m[1]!.trim();
    }
  }
  return undefined;
}

/**
 * Groups tables by the department they belong to: named by their titles ("ADULTS DEPARTMENT"),
 * Appendix A's grand total ("TOTAL ADULTS"), or their own section ("ADULTS ITEMS"). Names are
 * compared folded (case, apostrophes, "&" and "and", "Dept"), so "CHIEF EXECUTIVE'S" and "Chief
 * Executives" are one department. A workbook is one department unless its tables clearly name
 * several; a table that names none belongs with the named table before it (or, at the start, the
 * one after it), so no department is ever invented.
 */
export function groupByDepartment(tables: Table[]): Department[] {
  const named = tables.map((t) => t.department ?? fromTitle(t) ?? fromContent(t));
  const keys = named.map((n) => (n ? nameKey(n) : ''));
  const groups = new Map<string, Department>();
  tables.forEach((t, i) => {
    const key = keys[i]!;
    if (key && !groups.has(key)) groups.set(key, { name: named[i], tables: [] });
  });
  if (groups.size <= 1) {
    const only = [...groups.values()][0];
    return [{ name: only?.name, tables: [...tables] }];
  }
  tables.forEach((t, i) => {
    let key = keys[i];
    for (let j = i - 1; !key && j >= 0; j--) key = keys[j];
    for (let j = i + 1; !key && j < tables.length; j++) key = keys[j];
    groups.get(key!)!.tables.push(t);
  });
  return [...groups.values()];
}
