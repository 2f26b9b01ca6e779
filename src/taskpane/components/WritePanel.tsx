import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { PlanWords } from '../state/write';
import { listWords } from '../state/words';
import { useViewStyles } from './ViewParts';

const useStyles = makeStyles({
  lines: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    overflowWrap: 'anywhere',
  },
  surface: { maxWidth: 'calc(100vw - 24px)', boxSizing: 'border-box' },
  dialogContent: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  para: { margin: 0 },
  // The view's primary action stays in reach at the foot of the pane however long the view (a direct child of the view).
  footer: {
    position: 'sticky',
    bottom: 0,
    zIndex: 2,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface WritePanelProps {
  /** "Write report". */
  buttonLabel: string;
  /** What the write will do, as planned against the workbook's sheets; null before a workbook is read. */
  plan: PlanWords | null;
  /** Why it cannot be written yet (a field to correct), in words. */
  blocked: string | null;
  busy: boolean;
  /** The add-in's own sheets this write would replace, while the pane waits for the user to agree. */
  confirming: string[] | null;
  written: { message: string } | null;
  /** Browser mode: the workbook can be downloaded with the sheets written. */
  canDownload: boolean;
  onWrite(): void;
  onConfirm(): void;
  onCancel(): void;
  onDownload(): void;
  onDismissWritten(): void;
}

/**
 * Writing sheets, the same way everywhere: what the write will do (add, replace, create, or refuse and why), the button,
 * a question before the add-in's own sheets are replaced, and which sheets were written.
 */
export function WritePanel(props: WritePanelProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const headingId = useId('write-heading');
  const refused = props.plan?.refused ?? [];
  const button = useRef<HTMLButtonElement>(null);
  // After the question closes (Esc, Cancel, Replace and write) focus goes back to the button that asked it.
  const asked = useRef(false);
  useEffect(() => {
    if (props.confirming !== null) asked.current = true;
    else if (asked.current) {
      asked.current = false;
      button.current?.focus();
    }
  }, [props.confirming]);
  return (
    <>
      <section className={styles.section} aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.heading}>
          Write to the workbook
        </h2>
        {refused.length > 0 ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>It will not write</MessageBarTitle>
              {refused.join(' ')}
            </MessageBarBody>
          </MessageBar>
        ) : (
          props.plan && (
            <ul className={own.lines} aria-label="What writing does">
              {props.plan.lines.map((line) => (
                <li key={line}>
                  <Text size={200}>{line}</Text>
                </li>
              ))}
            </ul>
          )
        )}
        {props.blocked && refused.length === 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{props.blocked}</MessageBarBody>
          </MessageBar>
        )}
        {props.written && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Written</MessageBarTitle>
              {props.written.message}
            </MessageBarBody>
            <MessageBarActions>
              {props.canDownload && (
                <Button size="small" appearance="primary" disabledFocusable={props.busy} onClick={props.onDownload}>
                  Download
                </Button>
              )}
              <Button
                size="small"
                onClick={() => {
                  props.onDismissWritten();
                  button.current?.focus();
                }}
              >
                Dismiss
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <Dialog
          open={props.confirming !== null}
          modalType="modal"
          onOpenChange={(_, data) => {
            if (!data.open) props.onCancel();
          }}
        >
          <DialogSurface className={own.surface}>
            <DialogBody>
              <DialogTitle>Replace the add-in&apos;s sheets?</DialogTitle>
              <DialogContent className={own.dialogContent}>
                <Text as="p" block className={own.para}>
                  {`The workbook already has ${listWords((props.confirming ?? []).map((n) => `“${n}”`))}, written earlier by the add-in. Writing again replaces ${
                    (props.confirming ?? []).length === 1 ? 'it' : 'them'
                  } with new ones.`}
                </Text>
                <Caption1 as="p" block className={own.para}>
                  Your own sheets are not changed. Anything typed into the add-in&apos;s sheets since is lost.
                </Caption1>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={props.onConfirm}>
                  Replace and write
                </Button>
                <Button onClick={props.onCancel}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </section>
      <div className={own.footer}>
        <Button
          ref={button}
          appearance="primary"
          disabledFocusable={props.busy || refused.length > 0 || Boolean(props.blocked) || !props.plan}
          onClick={props.onWrite}
        >
          {props.buttonLabel}
        </Button>
      </div>
    </>
  );
}
