import { useMemo } from 'react';
import { checkSummary } from '../../engine/check';
import { lineCount, TABLE_KIND_NAMES } from '../../engine/tables';
import { CheckView } from '../components/CheckView';
import { filterCounts, groupFindings } from '../state/findings';
import type { Session } from '../state/session';
import { useStore } from '../state/store';

/** Wires the Check view to the session: the latest check result, the filter, and choosing a finding. */
export function CheckPanel({ session }: { session: Session }) {
  const check = useStore(session.store, (s) => s.check);
  const filter = useStore(session.store, (s) => s.checkFilter);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const derived = useMemo(() => {
    if (!check) return null;
    const counts = filterCounts(check.findings);
    return {
      summary: checkSummary(check),
      counts,
      tables: check.tables.map((t) => ({
        id: t.id,
        sheet: t.sheet,
        kind: TABLE_KIND_NAMES[t.kind],
        range: t.range,
        lines: lineCount(t),
      })),
    };
  }, [check]);
  const findings = useMemo(() => (check ? groupFindings(check, filter) : []), [check, filter]);
  if (!check || !derived) return null;
  return (
    <CheckView
      summary={derived.summary}
      errors={derived.counts.error}
      tables={derived.tables}
      findings={findings}
      counts={derived.counts}
      filter={filter}
      onFilterChange={(f) => session.setCheckFilter(f)}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseFinding={(sheet, cell) => void session.showCell(sheet, cell)}
    />
  );
}
