import type { WritePanelProps } from '../components/WritePanel';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { WRITE_WORDS, type WriteTarget } from '../state/write';

/** The write panel's props for one target, wired to the session. */
export function useWrite(session: Session, target: WriteTarget): WritePanelProps {
  const model = useStore(session.store, (s) => s.views.writes[target]);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const confirming = useStore(session.store, (s) => s.confirming);
  const written = useStore(session.store, (s) => s.views.written);
  const canDownload = useStore(session.store, (s) => Boolean(s.views.workbook?.canSave));
  return {
    buttonLabel: WRITE_WORDS[target].button,
    plan: model.plan,
    blocked: model.blocked,
    busy,
    confirming: confirming?.target === target ? confirming.replace : null,
    written: written?.target === target ? written : null,
    canDownload,
    onWrite: () => void session.write(target),
    onConfirm: () => void session.confirmWrite(),
    onCancel: () => session.cancelWrite(),
    onDownload: () => void session.download(),
    onDismissWritten: () => session.dismissWritten(),
  };
}
