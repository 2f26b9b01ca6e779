import { useMemo } from 'react';
import type { WritePanelProps } from '../components/WritePanel';
import { whyBlocked } from '../state/derive';
import type { Session } from '../state/session';
import { useStore } from '../state/store';
import { planWords, WRITE_WORDS, type WriteTarget } from '../state/write';

/** The write panel's props for one target, wired to the session. */
export function useWrite(session: Session, target: WriteTarget): WritePanelProps {
  const plan = useStore(session.store, (s) => s.plans[target]);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const confirming = useStore(session.store, (s) => s.confirming);
  const written = useStore(session.store, (s) => s.written);
  const canDownload = useStore(session.store, (s) => Boolean(s.source?.save));
  const blocked = useStore(session.store, (s) => whyBlocked(target, s, s));
  const words = useMemo(() => (plan ? planWords(plan) : null), [plan]);
  return {
    buttonLabel: WRITE_WORDS[target].button,
    plan: words,
    blocked,
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
