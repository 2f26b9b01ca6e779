import { useCallback } from 'react';
import { CheckView } from '../components/CheckView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';

/** Wires the Check view to the session: the check as the worker described it, the filter, choosing and walking findings. */
export function CheckPanel({ session }: { session: Session }) {
  const model = useStore(session.store, (s) => s.views.check);
  const filter = useStore(session.store, (s) => s.checkFilter);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const readingProblem = useStore(session.store, (s) => s.readingProblem);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const readings = useStore(session.store, (s) => s.readings);
  const onNextIssue = useCallback((step: 1 | -1) => void session.nextIssue(step), [session]);
  const onOpenReading = useCallback((table: string) => void session.showReading(table), [session]);
  if (!model) return null;
  return (
    <CheckView
      model={model}
      filter={filter}
      onFilterChange={(f) => session.setCheckFilter(f)}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseFinding={(sheet, cell) => void session.showCell(sheet, cell)}
      onNextIssue={onNextIssue}
      readings={readings}
      onOpenReading={onOpenReading}
      readingProblem={readingProblem}
      onCorrectReading={(table, change) => void session.correctReading(table, change)}
      onCorrectTotal={(table, row, text) => void session.correctTotal(table, row, text)}
      onShowTotal={(sheet, cells) => void session.showTotal(sheet, cells)}
      onUndoReading={(correction) => void session.undoReading(correction)}
      busy={busy}
      onMark={(finding, status, note) => session.markFinding(finding, status, note)}
      onClearMark={(finding) => void session.clearMark(finding)}
    />
  );
}
