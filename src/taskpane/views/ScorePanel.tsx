import { useMemo } from 'react';
import { ScoreView } from '../components/ScoreView';
import { scoreView } from '../state/score';
import { scoreAnalysisView } from '../state/score-analysis';
import type { Session } from '../state/session';
import { useStore } from '../state/store';

/** Wires the Score view to the session: the scores (worked out by the engine as the inputs or the envelope change). */
export function ScorePanel({ session }: { session: Session }) {
  const scores = useStore(session.store, (s) => s.scores);
  const envelope = useStore(session.store, (s) => s.envelope);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const previousScores = useStore(session.store, (s) => s.previousScores);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const view = useMemo(() => (scores ? scoreView(scores) : null), [scores]);
  const analysis = useMemo(
    () => (scores && view?.kind === 'scored' ? scoreAnalysisView(scores, previousScores) : null),
    [scores, view, previousScores],
  );
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
      earlier={{
        view: analysis?.changes ?? null,
        busy,
        onPick: (file) => void session.openPreviousScores(file),
        onClear: () => session.clearPreviousScores(),
      }}
    />
  );
}
