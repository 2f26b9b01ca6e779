import { ReportView } from '../components/ReportView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Report view to the session: year 1's fields, the shared envelope, the budget summary preview and the write. */
export function ReportPanel({ session }: { session: Session }) {
  const model = useStore(session.store, (s) => s.views.report);
  const yearOne = useStore(session.store, (s) => s.yearOne);
  const envelope = useStore(session.store, (s) => s.envelope);
  const write = useWrite(session, 'report');
  if (!model) return null;
  return (
    <ReportView
      yearOne={yearOne}
      budgetSheet={model.budgetSheet}
      onYearOneChange={(key, text) => session.setYearOne(key, text)}
      onUseWorkbookFigures={() => session.resetYearOne()}
      hasProposals={model.hasProposals}
      envelope={envelope}
      onEnvelopeChange={(text) => session.setEnvelope(text)}
      preview={model.preview}
      notes={model.notes}
      write={write}
    />
  );
}
