import {
  Badge,
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Select,
  Text,
  tokens,
  useId,
  type BadgeProps,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { Change, PairingOverride } from '../../engine/changes';
import type { ChangeItem, CompareView as CompareViewModel, CorrectionItem } from '../state/compare';
import { ItemButton, type ItemAccent } from './ItemButton';
import { useViewStyles } from './ViewParts';
import { VirtualRows } from './VirtualRows';
import { WritePanel, type WritePanelProps } from './WritePanel';

const useStyles = makeStyles({
  marker: { color: tokens.colorPaletteDarkOrangeForeground1 },
  badge: { flexShrink: 0, whiteSpace: 'nowrap', overflowWrap: 'normal' },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) repeat(2, minmax(4.5em, auto))',
    columnGap: tokens.spacingHorizontalM,
    maxWidth: '260px',
    fontVariantNumeric: 'tabular-nums',
  },
  figuresOne: { gridTemplateColumns: 'minmax(0, 1fr) minmax(4.5em, auto)' },
  figHead: { color: tokens.colorNeutralForeground2, textAlign: 'end', whiteSpace: 'nowrap' },
  figYear: { whiteSpace: 'nowrap' },
  fig: { textAlign: 'end', whiteSpace: 'nowrap' },
  entry: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  pairing: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  select: { minWidth: 0, width: '100%' },
  correction: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  // Focused by the view after a correction, never by Tab: an outline only when the keyboard is in use.
  focusable: {
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
});

/** Up to this many lines a table's changes are all on the page; beyond, only those in view are drawn. */
const DRAWN_WHOLE = 60;

const BADGE: Record<Change, BadgeProps['color']> = {
  new: 'brand',
  amended: 'warning',
  removed: 'danger',
  unchanged: 'informative',
};
const ACCENT: Record<Change, ItemAccent> = {
  new: 'brand',
  amended: 'warning',
  removed: 'danger',
  unchanged: 'neutral',
};

export interface CompareViewProps {
  /** The previous MTFS's file name, once chosen. */
  previousName: string | null;
  onPickPrevious(file: File): void;
  busy: boolean;
  view: CompareViewModel | null;
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseCell(sheet: string, cell: string): void;
  /** The user's corrections to the pairings, in words, and why they cannot be applied when they cannot. */
  corrections: CorrectionItem[];
  correctionProblem: string | null;
  onSameLine(previous: string, current: string): void;
  onNotSameLine(previous: string, current: string): void;
  onUndoCorrection(correction: PairingOverride): void;
  onClearCorrections(): void;
  write: WritePanelProps;
}

/** Makes a correction (`act`), then puts the focus on `line` (its cell, "Growth!A9") once the view shows the new comparison, or on the corrections. */
type Correct = (line: string | null, act: () => void) => void;

/** The Compare view: this MTFS against the previous one, line by line (new, amended, removed), the stars that disagree, the user's corrections to the pairings, and the Changes sheet. */
export function CompareView(props: CompareViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const correctionsTitle = useRef<HTMLHeadingElement>(null);
  const tablesHeading = useId('changes-heading');
  const correctionsHeading = useId('corrections-heading');
  // A correction re-runs the comparison and the control used may be gone: focus goes to its line, or to the corrections.
  const refocus = useRef<{ line: string | null } | null>(null);
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const line = target.line
      ? root.current?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(target.line)}"]`)
      : null;
    (line ?? correctionsTitle.current ?? summary.current)?.focus();
  }, [props.view, props.corrections]);
  const correct: Correct = (line, act) => {
    refocus.current = { line };
    act();
  };
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) props.onPickPrevious(file);
  };
  const canCorrect = props.view?.tables.some((t) => t.items.some((i) => i.unpair || i.pairWith)) ?? false;
  const entry = (item: ChangeItem) => (
    <>
      <ChangeLine item={item} shownCell={props.shownCell} onChoose={props.onChooseCell} />
      {item.unpair && (
        <NotSameLine
          item={item}
          unpair={item.unpair}
          busy={props.busy}
          correct={correct}
          onNotSameLine={props.onNotSameLine}
        />
      )}
      {item.pairWith && (
        <SameLineAs
          item={item}
          pairWith={item.pairWith}
          busy={props.busy}
          correct={correct}
          onSameLine={props.onSameLine}
        />
      )}
    </>
  );
  return (
    <div className={styles.root} ref={root}>
      <section className={styles.section} aria-label="Previous MTFS">
        <Caption1 className={styles.hint}>
          Compare this MTFS with the previous one (last year&apos;s, or an earlier draft) to see what is new, amended or
          removed, and whether each line&apos;s * or ** is right.
        </Caption1>
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="Choose the previous MTFS (.xlsx)"
          tabIndex={-1}
          hidden
          onChange={onChange}
        />
        <div className={styles.actions}>
          <Button
            appearance={props.previousName ? 'secondary' : 'primary'}
            disabledFocusable={props.busy}
            onClick={() => input.current?.click()}
          >
            {props.previousName ? 'Choose another previous MTFS' : 'Choose the previous MTFS (.xlsx)'}
          </Button>
        </div>
        {props.previousName && (
          <Text
            size={200}
            className={styles.wrap}
          >{`Compared with ${props.previousName}. The file is read on this computer and not changed.`}</Text>
        )}
      </section>

      {props.view && (
        <div className={mergeClasses(styles.summary, own.focusable)} role="status" ref={summary} tabIndex={-1}>
          <Text weight="semibold">{props.view.summary}</Text>
          <span>
            <Badge appearance="filled" color={props.view.disagreements ? 'warning' : 'success'}>
              {props.view.disagreements
                ? `${props.view.disagreements} star marker${props.view.disagreements === 1 ? '' : 's'} to correct`
                : 'Every star marker agrees'}
            </Badge>
          </span>
        </div>
      )}

      {(props.corrections.length > 0 || props.correctionProblem) && (
        <section className={styles.section} aria-labelledby={correctionsHeading}>
          <h2
            id={correctionsHeading}
            ref={correctionsTitle}
            tabIndex={-1}
            className={mergeClasses(styles.heading, own.focusable)}
          >
            Your corrections ({props.corrections.length})
          </h2>
          {props.correctionProblem && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Your corrections cannot be applied</MessageBarTitle>
                {`${props.correctionProblem} Undo that correction, or clear your corrections.`}
              </MessageBarBody>
            </MessageBar>
          )}
          <ul className={styles.list}>
            {props.corrections.map((c) => (
              <li key={c.key} className={own.correction}>
                <Text size={200} className={mergeClasses(styles.grow, styles.wrap)}>
                  {c.words}
                </Text>
                <Button
                  size="small"
                  disabledFocusable={props.busy}
                  aria-label={`Undo: ${c.words}`}
                  onClick={() => correct(null, () => props.onUndoCorrection(c.correction))}
                >
                  Undo
                </Button>
              </li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button size="small" disabledFocusable={props.busy} onClick={() => correct(null, props.onClearCorrections)}>
              Clear corrections
            </Button>
          </div>
        </section>
      )}

      {props.view && (
        <>
          <section className={styles.section} aria-labelledby={tablesHeading}>
            <h2 id={tablesHeading} className={styles.heading}>
              Changes by table
            </h2>
            {!props.selectsCells && (
              <Caption1 className={styles.hint}>
                Each line shows its cell in this MTFS. In Excel, choosing a line selects that cell.
              </Caption1>
            )}
            {canCorrect && (
              <Caption1 className={styles.hint}>
                Paired wrongly? Under a line matched by description, choose “Not the same line”. For a new line that was
                in the previous MTFS under another reference and description, choose “Same line as…”.
              </Caption1>
            )}
            {props.view.tables.map((t) => (
              <section key={t.key} className={styles.section} aria-label={t.title}>
                <h3 className={styles.heading}>{t.title}</h3>
                <Caption1 className={styles.hint}>{t.where}</Caption1>
                {t.note && (
                  <MessageBar intent="info" layout="multiline">
                    <MessageBarBody>{t.note}</MessageBarBody>
                  </MessageBar>
                )}
                {t.items.length > 0 && t.items.length <= DRAWN_WHOLE && (
                  <ul className={styles.list}>
                    {t.items.map((item) => (
                      <li key={item.key} className={own.entry}>
                        {entry(item)}
                      </li>
                    ))}
                  </ul>
                )}
                {t.items.length > DRAWN_WHOLE && (
                  <VirtualRows
                    rows={t.items}
                    rowKey={(item) => item.key}
                    estimate={(item) => 64 + 18 * item.figures.length}
                    render={(item) => <div className={own.entry}>{entry(item)}</div>}
                  />
                )}
                <Text
                  size={200}
                >{`${t.unchanged} unchanged line${t.unchanged === 1 ? '' : 's'}${t.items.some((i) => i.change === 'unchanged') ? ' (those with something to say are listed above)' : ''}.`}</Text>
              </section>
            ))}
          </section>
          <WritePanel {...props.write} />
        </>
      )}
    </div>
  );
}

function NotSameLine({
  item,
  unpair,
  busy,
  correct,
  onNotSameLine,
}: {
  item: ChangeItem;
  unpair: NonNullable<ChangeItem['unpair']>;
  busy: boolean;
  correct: Correct;
  onNotSameLine: CompareViewProps['onNotSameLine'];
}) {
  const styles = useViewStyles();
  return (
    <div className={styles.actions}>
      <Button
        size="small"
        disabledFocusable={busy}
        aria-label={`Not the same line: ${item.name} is not ${unpair.previousName} of the previous MTFS`}
        onClick={() => correct(unpair.current, () => onNotSameLine(unpair.previous, unpair.current))}
      >
        Not the same line
      </Button>
    </div>
  );
}

/** "Same line as…": opens a choice of the previous MTFS's removed lines of the same kind, then pairs the new line with the one chosen. */
function SameLineAs({
  item,
  pairWith,
  busy,
  correct,
  onSameLine,
}: {
  item: ChangeItem;
  pairWith: NonNullable<ChangeItem['pairWith']>;
  busy: boolean;
  correct: Correct;
  onSameLine: CompareViewProps['onSameLine'];
}) {
  const styles = useViewStyles();
  const own = useStyles();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) select.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <div className={styles.actions}>
        <Button
          ref={opener}
          size="small"
          disabledFocusable={busy}
          aria-label={`Same line as…: say which removed line ${item.name} is`}
          onClick={() => setOpen(true)}
        >
          Same line as…
        </Button>
      </div>
    );
  }
  return (
    <div className={own.pairing} role="group" aria-label={`Pair ${item.name} with a removed line`}>
      <Field label={`${item.name} is the same line as`} size="small">
        <Select
          ref={select}
          className={own.select}
          size="small"
          value={chosen}
          onChange={(_, data) => setChosen(data.value)}
        >
          <option value="" disabled>
            Choose a removed line
          </option>
          {pairWith.removed.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button
          size="small"
          appearance="primary"
          disabledFocusable={busy || !chosen}
          onClick={() => correct(pairWith.current, () => onSameLine(chosen, pairWith.current))}
        >
          Pair the lines
        </Button>
        <Button size="small" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** A line's figures as a small table in the years' rows, £000: previous and now for an amended line, one column otherwise. */
function Figures({ item }: { item: ChangeItem }) {
  const own = useStyles();
  const both = item.change === 'amended';
  const only = item.change === 'removed' ? 'Was' : 'Now';
  return (
    <span className={mergeClasses(own.figures, !both && own.figuresOne)}>
      <span className={own.figYear}>£000</span>
      {both ? (
        <>
          <span className={own.figHead}>Previous</span>
          <span className={own.figHead}>Now</span>
        </>
      ) : (
        <span className={own.figHead}>{only}</span>
      )}
      {item.figures.map((f) => (
        <span key={f.year} style={{ display: 'contents' }}>
          <span className={own.figYear}>{f.year}</span>
          {both || item.change === 'removed' ? <span className={own.fig}>{f.previous ?? '–'}</span> : null}
          {both || item.change !== 'removed' ? <span className={own.fig}>{f.current ?? '–'}</span> : null}
        </span>
      ))}
    </span>
  );
}

function ChangeLine({
  item,
  shownCell,
  onChoose,
}: {
  item: ChangeItem;
  shownCell: CompareViewProps['shownCell'];
  onChoose(sheet: string, cell: string): void;
}) {
  const styles = useViewStyles();
  const own = useStyles();
  const body = (
    <>
      <span className={styles.itemTop}>
        <Badge className={own.badge} appearance="tint" color={BADGE[item.change]} size="small">
          {item.label}
        </Badge>
        <span className={mergeClasses(styles.grow, styles.strong)}>{item.name}</span>
        {item.at && <span className={styles.cell}>{item.at.cell}</span>}
      </span>
      {item.was && <span>{item.was}</span>}
      {item.figures.length > 0 && <Figures item={item} />}
      {item.note && <span>{item.note}</span>}
      {item.marker && <span className={own.marker}>{item.marker}</span>}
    </>
  );
  if (!item.at) return <div className={styles.summary}>{body}</div>;
  return (
    <ItemButton
      sheet={item.at.sheet}
      cell={item.at.cell}
      accent={item.marker ? 'warning' : ACCENT[item.change]}
      current={shownCell?.sheet === item.at.sheet && shownCell.cell === item.at.cell}
      more={` (cell ${item.at.sheet}!${item.at.cell})`}
      onChoose={onChoose}
    >
      {body}
    </ItemButton>
  );
}
