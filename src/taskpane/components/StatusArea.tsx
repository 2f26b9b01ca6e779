import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
} from '@fluentui/react-components';
import type { Busy, Problem } from '../state/session';

export interface StatusAreaProps {
  busy: Busy | null;
  problem: Problem | null;
  onDismiss(): void;
}

/** A progress bar while the pane reads or checks, and a message bar when something went wrong. */
export function StatusArea({ busy, problem, onDismiss }: StatusAreaProps) {
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
            <Button size="small" onClick={onDismiss}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
