import { CompareView } from '../components/CompareView';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { useWrite } from './useWrite';

/** Wires the Compare view to the session: the previous MTFS the user picks, the engine's comparison, the user's corrections, the Changes sheet. */
export function ComparePanel({ session }: { session: Session }) {
  const model = useStore(session.store, (s) => s.views.compare);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const shownCell = useStore(session.store, (s) => s.shownCell);
  const host = useStore(session.store, (s) => s.host);
  const write = useWrite(session, 'changes');
  return (
    <CompareView
      previousName={model.previousName}
      onPickPrevious={(file) => void session.openPrevious(file)}
      busy={busy}
      view={model.view}
      selectsCells={host === 'excel'}
      shownCell={shownCell}
      onChooseCell={(sheet, cell) => void session.showCell(sheet, cell)}
      corrections={model.corrections}
      correctionProblem={model.correctionProblem}
      onSameLine={(previousLine, currentLine) => session.sameLine(previousLine, currentLine)}
      onNotSameLine={(previousLine, currentLine) => session.notSameLine(previousLine, currentLine)}
      onUndoCorrection={(correction) => session.undoCorrection(correction)}
      onClearCorrections={() => session.clearCorrections()}
      write={write}
    />
  );
}
