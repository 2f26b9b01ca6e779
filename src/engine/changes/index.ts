import type { CheckResult } from '../check';
import type { Finding } from '../findings';
import { groupBy } from '../collections';
import { comparableTables, linesOf, pairTables, refCounts, tableName, type MtfsLine, type TablePair } from './lines';
import { matchLines, type PairingOverride } from './match';
import { lineChanges, type ChangeCounts, type ChangesResult, type LineChange } from './model';
import { markerFinding, noPreviousTableFinding, removedFinding } from './notes';

export { DESCRIPTION_THRESHOLD, PairingError, type LinePair, type MatchedBy, type PairingOverride } from './match';
export {
  DERIVED_MARKER,
  type Change,
  type ChangeCounts,
  type ChangesResult,
  type ChangesSummary,
  type LineChange,
  type TableSummary,
} from './model';
export { amendmentWords } from './notes';
export type { FigureChange, FigureStatus } from './figures';
export {
  comparableTables,
  fullLineName,
  linesOf,
  tableName,
  type LineKind,
  type MtfsLine,
  type TablePair,
} from './lines';
export { descriptionSimilarity } from './similarity';
export { changesSheet, CHANGES_SHEET, pairingNote, summaryWords } from './sheet';
export { compareJson } from './json';

function counts(lines: LineChange[], findings: Finding[]): ChangeCounts {
  const c: ChangeCounts = { new: 0, unchanged: 0, amended: 0, removed: 0, markerDisagreements: 0 };
  for (const l of lines) c[l.change]++;
  c.markerDisagreements = findings.filter((f) => f.rule === 'marker-mismatch').length;
  return c;
}

function tableFindings(table: TablePair, lines: LineChange[], currentLines: MtfsLine[]): Finding[] {
  const tableRefs = refCounts(currentLines);
  const notes = lines.map((l) => markerFinding(l, tableRefs) ?? removedFinding(l));
  return [noPreviousTableFinding(table), ...notes].filter((f): f is Finding => f !== null);
}

/**
 * Compares this MTFS with the previous one: pairs their growth, savings and capital lines (by
 * reference, then by description, after the user's corrections), says what became of each line,
 * derives its star and flags every typed star that disagrees.
 */
export function compareWorkbooks(
  previous: CheckResult,
  current: CheckResult,
  overrides: PairingOverride[] = [],
): ChangesResult {
  const previousTables = comparableTables(previous);
  const currentTables = comparableTables(current);
  const tables = pairTables(previousTables, currentTables);
  const previousLines = linesOf(previousTables);
  const currentLines = linesOf(currentTables);
  const pairs = matchLines(previousLines, currentLines, tables, overrides);
  const lines = lineChanges(tables, previousLines, currentLines, pairs);
  const linesByTable = groupBy(lines, (l) => l.table);
  const currentByTable = groupBy(currentLines, (l) => l.table);
  const perTable = tables.map((t) => {
    const own = linesByTable.get(t) ?? [];
    return {
      table: t,
      lines: own,
      findings: tableFindings(t, own, (t.current && currentByTable.get(t.current)) || []),
    };
  });
  const findings = perTable.flatMap((t) => t.findings);
  return {
    tables,
    pairs,
    lines,
    findings,
    summary: {
      ...counts(lines, findings),
      tables: perTable.map((t) => ({ kind: t.table.kind, name: tableName(t.table), ...counts(t.lines, t.findings) })),
    },
    department: current.department,
  };
}
