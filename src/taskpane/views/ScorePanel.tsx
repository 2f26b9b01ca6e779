import { useMemo } from 'react';
import { ScoreView } from '../components/ScoreView';
import { scoreView } from '../state/score';
import type { Session } from '../state/session';
import { useStore } from '../state/store';

/** Wires the Score view to the session: the scores (worked out by the engine as the inputs or the envelope change). */
export function ScorePanel({ session }: { session: Session }) {
  const scores = useStore(session.store, (s) => s.scores);
  const envelope = useStore(session.store, (s) => s.envelope);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const view = useMemo(() => (scores ? scoreView(scores) : null), [scores]);
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
