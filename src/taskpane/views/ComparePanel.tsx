import { useMemo } from 'react';
import { CompareView } from '../components/CompareView';
import { compareView, correctionsView } from '../state/compare';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Compare view to the session: the previous MTFS the user picks, the engine's comparison, the user's corrections, the Changes sheet. */
export function ComparePanel({ session }: { session: Session }) {
  const previous = useStore(session.store, (s) => s.previous);
  const check = useStore(session.store, (s) => s.check);
  const changes = useStore(session.store, (s) => s.changes);
  const corrections = useStore(session.store, (s) => s.corrections);
  const correctionProblem = useStore(session.store, (s) => s.correctionProblem);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const write = useWrite(session, 'changes');
  const view = useMemo(() => (changes ? compareView(changes) : null), [changes]);
  const correctionItems = useMemo(
    () => correctionsView(corrections, previous?.check ?? null, check),
    [corrections, previous, check],
  );
  return (
    <CompareView
      previousName={previous?.name ?? null}
      onPickPrevious={(file) => void session.openPrevious(file)}
      busy={busy}
      view={view}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseCell={(sheet, cell) => void session.showCell(sheet, cell)}
      corrections={correctionItems}
      correctionProblem={correctionProblem}
      onSameLine={(previousLine, currentLine) => session.sameLine(previousLine, currentLine)}
      onNotSameLine={(previousLine, currentLine) => session.notSameLine(previousLine, currentLine)}
      onUndoCorrection={(correction) => session.undoCorrection(correction)}
      onClearCorrections={() => session.clearCorrections()}
      write={write}
    />
  );
}
