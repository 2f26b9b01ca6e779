import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { Busy, Problem } from '../state/session';

export interface StatusAreaProps {
  busy: Busy | null;
  problem: Problem | null;
  onDismiss(): void;
}

/** A progress bar while the pane reads or checks, and a message bar when something went wrong. */
export function StatusArea({ busy, problem, onDismiss }: StatusAreaProps) {
  // Where the keyboard was when the message came: Dismiss puts it back there.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (problem && !opener.current) opener.current = document.activeElement as HTMLElement | null;
  }, [problem]);
  const dismiss = () => {
    const back = opener.current;
    opener.current = null;
    onDismiss();
    if (back?.isConnected && back !== document.body) back.focus();
    else document.querySelector<HTMLElement>('main h1, main button')?.focus();
  };
  return (
    <>
      {busy && (
        <Field label={busy.stage}>
          <ProgressBar value={busy.total > 0 ? busy.done / busy.total : undefined} thickness="large" />
        </Field>
      )}
      {problem && (
        <MessageBar intent={problem.intent} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{problem.title}</MessageBarTitle>
            {problem.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={dismiss}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
