import { useMemo } from 'react';
import { ReportView } from '../components/ReportView';
import { reportScores } from '../state/derive';
import { budgetPreview, budgetSummarySheet, reportNotes } from '../state/report';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Report view to the session: year 1's fields, the shared envelope, the budget summary preview and the write. */
export function ReportPanel({ session }: { session: Session }) {
  const check = useStore(session.store, (s) => s.check);
  const yearOne = useStore(session.store, (s) => s.yearOne);
  const envelope = useStore(session.store, (s) => s.envelope);
  const scores = useStore(session.store, (s) => s.scores);
  const hasProposals = Boolean(scores?.proposalsSheet);
  const write = useWrite(session, 'report');
  const preview = useMemo(() => (check ? budgetPreview(check, yearOne) : null), [check, yearOne]);
  const budgetSheet = useMemo(() => (check ? budgetSummarySheet(check) : null), [check]);
  const notes = useMemo(
    () => (check ? reportNotes(check, yearOne, reportScores(scores)) : []),
    [check, yearOne, scores],
  );
  if (!check || !preview) return null;
  return (
    <ReportView
      yearOne={yearOne}
      budgetSheet={budgetSheet}
      onYearOneChange={(key, text) => session.setYearOne(key, text)}
      onUseWorkbookFigures={() => session.resetYearOne()}
      hasProposals={hasProposals}
      envelope={envelope}
      onEnvelopeChange={(text) => session.setEnvelope(text)}
      preview={preview}
      notes={notes}
      write={write}
    />
  );
}
