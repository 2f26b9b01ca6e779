import { Button, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import type { HostKind } from '../state/session';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  name: { overflowWrap: 'anywhere' },
  which: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  file: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

export interface WorkbookBarProps {
  host: HostKind;
  /** The open workbook's file name (browser mode) or "This workbook" (Excel); null before one is open. */
  workbookName: string | null;
  /** The department the check found the tables to be of; null when it could not tell (several, or none). */
  department: string | null;
  busy: boolean;
  canDownload: boolean;
  onOpenFile(file: File): void;
  onDownload(): void;
  onCheckAgain(): void;
}

/** Which workbook the pane works on, and the controls to open, re-check or download it. */
export function WorkbookBar(props: WorkbookBarProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) props.onOpenFile(file);
  };
  return (
    <div className={styles.root}>
      {props.workbookName && (
        <div className={styles.which} aria-label="Workbook" role="group">
          <Text weight="semibold" className={styles.name} data-testid="department">
            {props.department ?? 'Department not named in the workbook'}
          </Text>
          <Caption1 className={styles.file}>{props.workbookName}</Caption1>
        </div>
      )}
      {props.host === 'browser' && !props.workbookName && (
        <Caption1>
          Open a department&apos;s MTFS workbook to check every total in it. The file stays on this computer.
        </Caption1>
      )}
      <div className={styles.actions}>
        {props.host === 'browser' && (
          <>
            <input
              ref={input}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label="Open an .xlsx file"
              tabIndex={-1}
              hidden
              onChange={onChange}
            />
            <Button
              appearance={props.workbookName ? 'secondary' : 'primary'}
              disabledFocusable={props.busy}
              onClick={() => input.current?.click()}
            >
              {props.workbookName ? 'Open another file' : 'Open an .xlsx file'}
            </Button>
            {props.canDownload && (
              <Button disabledFocusable={props.busy} onClick={props.onDownload}>
                Download workbook
              </Button>
            )}
          </>
        )}
        {props.host === 'excel' && (
          <Button disabledFocusable={props.busy} onClick={props.onCheckAgain}>
            {props.workbookName ? 'Check again' : 'Check this workbook'}
          </Button>
        )}
      </div>
    </div>
  );
}
