import { ScoreView } from '../components/ScoreView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';

/**
 * Wires the Score view to the session: the scores, and how robust their order is, what it would take and what changed
 * since an earlier scoring (all worked out by the engine, in the worker, as the inputs, the envelope or the earlier
 * scoring change).
 */
export function ScorePanel({ session }: { session: Session }) {
  const view = useStore(session.store, (s) => s.views.score);
  const analysis = useStore(session.store, (s) => s.views.scoreAnalysis);
  const analysisWorking = useStore(session.store, (s) => s.views.scoreAnalysisWorking);
  const envelope = useStore(session.store, (s) => s.envelope);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const busy = useStore(session.store, (s) => s.busy !== null);
  if (!view) return null;
  return (
    <ScoreView
      view={view}
      envelope={envelope}
      onEnvelopeChange={(text) => session.setEnvelope(text)}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseCell={(sheet, cell) => void session.showCell(sheet, cell)}
      analysis={analysis}
      analysisWorking={analysisWorking}
      earlier={{
        view: analysis?.changes ?? null,
        busy,
        onPick: (file) => void session.openPreviousScores(file),
        onClear: () => session.clearPreviousScores(),
      }}
    />
  );
}
