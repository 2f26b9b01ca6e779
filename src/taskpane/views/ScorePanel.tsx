import { ScoreView } from '../components/ScoreView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';

/** Wires the Score view to the session: the scores (worked out by the engine, in the worker, as the inputs or the envelope change). */
export function ScorePanel({ session }: { session: Session }) {
  const view = useStore(session.store, (s) => s.views.score);
  const envelope = useStore(session.store, (s) => s.envelope);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  if (!view) return null;
  return (
    <ScoreView
      view={view}
      envelope={envelope}
      onEnvelopeChange={(text) => session.setEnvelope(text)}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseCell={(sheet, cell) => void session.showCell(sheet, cell)}
    />
  );
}
