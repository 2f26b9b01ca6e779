import { Badge, Button, Caption1, makeStyles, Text, ToggleButton, tokens, useId } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { FindingCard } from '../state/findings';
import type { ReadingCorrection } from '../../engine/reader/corrections';
import { signsCorrection, type ReadingChange, type ReadingCorrectionItem, type ReadingView } from '../state/reading';
import type { CheckFilter } from '../state/session';
import type { CheckModel } from '../worker/protocol';
import { FindingCardButton } from './FindingList';
import { SignOffPanel, type SignOffPanelProps } from './SignOffPanel';
import { TableList } from './TableList';
import { useViewStyles } from './ViewParts';
import { VirtualRows } from './VirtualRows';
import { count } from '../state/words';

const useStyles = makeStyles({
  toolbar: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  strip: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  count: { minWidth: 0, paddingInline: tokens.spacingHorizontalS, whiteSpace: 'nowrap' },
  figure: { fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  walk: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  position: { flexGrow: 1, minWidth: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  groupHeading: {
    margin: 0,
    paddingTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  fold: { justifyContent: 'flex-start', width: '100%', minWidth: 0, textAlign: 'start' },
  empty: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export interface CheckViewProps {
  model: CheckModel;
  filter: CheckFilter;
  onFilterChange(filter: CheckFilter): void;
  /** Inside Excel, choosing a finding selects its cell; in browser mode it only marks it. */
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseFinding(sheet: string, cell: string): void;
  onNextIssue(step: 1 | -1): void;
  /** How each table the user opened was read (asked for with onOpenReading). */
  readings: Readonly<Record<string, ReadingView>>;
  onOpenReading(table: string): void;
  /** Why what was typed for a total's rows could not be read. */
  readingProblem: { key: string; message: string } | null;
  onCorrectReading(table: string, change: ReadingChange): void;
  onCorrectTotal(table: string, row: number, text: string): void;
  onShowTotal(sheet: string, cells: string[]): void;
  onUndoReading(correction: ReadingCorrection): void;
  busy: boolean;
  onMark: SignOffPanelProps['onMark'];
  onClearMark: SignOffPanelProps['onClear'];
}

type Row =
  | { kind: 'heading'; key: string; text: string }
  | { kind: 'fold'; key: string; count: number; open: boolean; fold: 'info' | 'explained' }
  | { kind: 'card'; key: string; card: FindingCard }
  | { kind: 'signoff'; key: string; card: FindingCard };

const GROUPS: { severity: FindingCard['severity']; title: string }[] = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Rounding differences and notes' },
];

const EMPTY: Record<CheckFilter, string> = {
  all: 'No findings: every total adds up.',
  error: 'No errors found.',
  warning: 'No warnings.',
  info: 'No rounding differences or notes.',
};

/**
 * The rows the list draws: errors, then warnings, then rounding differences and notes folded into one line until
 * opened; findings signed off as explained folded away at the end, and counted. The chosen card has its sign-off
 * panel under it.
 */
function rowsFor(
  cards: FindingCard[],
  filter: CheckFilter,
  minorOpen: boolean,
  explainedOpen: boolean,
  shownKey: string | null,
): Row[] {
  const rows: Row[] = [];
  const push = (card: FindingCard) => {
    rows.push({ kind: 'card', key: card.key, card });
    if (card.key === shownKey) rows.push({ kind: 'signoff', key: `signoff:${card.key}`, card });
  };
  for (const g of GROUPS) {
    if (filter !== 'all' && filter !== g.severity) continue;
    const of = cards.filter((c) => c.severity === g.severity && !c.explained);
    if (!of.length) continue;
    if (g.severity === 'info' && filter === 'all') {
      rows.push({ kind: 'fold', key: 'fold:info', count: of.length, open: minorOpen, fold: 'info' });
      if (!minorOpen) continue;
    } else
      rows.push({
        kind: 'heading',
        key: `heading:${g.severity}`,
        text: `${g.title}: ${of.length} cell${of.length === 1 ? '' : 's'}`,
      });
    of.forEach(push);
  }
  const explained = cards.filter((c) => c.explained && (filter === 'all' || filter === c.severity));
  if (explained.length) {
    rows.push({ kind: 'fold', key: 'fold:explained', count: explained.length, open: explainedOpen, fold: 'explained' });
    if (explainedOpen) explained.forEach(push);
  }
  return rows;
}

const VERDICT: Record<
  CheckModel['verdict'],
  { color: 'danger' | 'success' | 'warning' | 'informative'; words: (n: number) => string }
> = {
  errors: { color: 'danger', words: (n) => `${n} error${n === 1 ? '' : 's'} to correct` },
  // No error so far, and the rest of the workbook still being read: never green until every sheet is checked.
  checking: { color: 'informative', words: () => 'Still checking' },
  clean: { color: 'success', words: () => 'No errors' },
  'no-tables': { color: 'warning', words: () => 'No MTFS table found: nothing was checked' },
  empty: { color: 'warning', words: () => 'The workbook is empty: nothing to check' },
};

/**
 * The Check view, errors first: the summary and its verdict; a strip of counts that filters; Next and Previous issue
 * (F8, Shift+F8) walking errors then warnings like a spell-checker; the findings as one card per cell, rounding
 * differences and notes folded into one line; and the tables found, one line each.
 */
export function CheckView(props: CheckViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const tablesId = useId('tables');
  const { model, filter, shownCell } = props;
  const [minorOpen, setMinorOpen] = useState(false);
  const [explainedOpen, setExplainedOpen] = useState(false);
  // The sign-off of the chosen card opens on request: walking the findings with Tab meets one button, not a form.
  const [signOffOpen, setSignOffOpen] = useState<string | null>(null);
  const [tablesOpen, setTablesOpen] = useState(false);
  const shownKey = shownCell ? `${shownCell.sheet}!${shownCell.cell}` : null;
  const shownCard = shownKey ? model.cards.find((c) => c.key === shownKey) : undefined;
  // A rounding difference chosen elsewhere (selected in Excel) opens the fold to show it.
  const open = minorOpen || (shownCard?.severity === 'info' && !shownCard.explained) || filter === 'info';
  const explainedShown = explainedOpen || Boolean(shownCard?.explained);
  const rows = useMemo(
    () => rowsFor(model.cards, filter, open, explainedShown, shownKey),
    [model.cards, filter, open, explainedShown, shownKey],
  );
  const issues = useMemo(() => model.cards.filter((c) => c.severity !== 'info' && !c.explained), [model.cards]);
  const at = shownCard ? issues.indexOf(shownCard) : -1;
  const { onNextIssue } = props;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      onNextIssue(e.shiftKey ? -1 : 1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onNextIssue]);

  const verdict = VERDICT[model.verdict];
  const counts = model.counts;
  const strip: { value: CheckFilter; label: string; n: number }[] = [
    { value: 'error', label: counts.error === 1 ? 'error' : 'errors', n: counts.error },
    { value: 'warning', label: counts.warning === 1 ? 'warning' : 'warnings', n: counts.warning },
    { value: 'info', label: counts.notes ? 'rounding & notes' : 'rounding', n: counts.rounding + counts.notes },
  ];
  const position =
    shownCard && at >= 0
      ? `${shownCard.severity === 'error' ? 'Error' : 'Warning'} ${at + 1} of ${issues.length}: ${shownCard.items[0].title}, ${shownCard.key}`
      : issues.length
        ? `${issues.length} issue${issues.length === 1 ? '' : 's'} to look at`
        : 'Nothing to look at';

  return (
    <div className={styles.root}>
      <div className={styles.summary} role="status">
        <Text weight="semibold">{model.summary}</Text>
        <span>
          <Badge appearance="filled" color={verdict.color}>
            {verdict.words(counts.error)}
          </Badge>
        </span>
        {model.signedOff && <Caption1 data-testid="signed-off">{`Signed off: ${model.signedOff}.`}</Caption1>}
        {model.recordProblems.map((p) => (
          <Caption1 key={p}>{`Not used: ${p}.`}</Caption1>
        ))}
      </div>

      <section className={own.toolbar} aria-label="Findings">
        <div className={own.strip} role="group" aria-label="Show">
          {strip.map((s) => (
            <ToggleButton
              key={s.value}
              size="small"
              className={own.count}
              checked={filter === s.value}
              onClick={() => props.onFilterChange(filter === s.value ? 'all' : s.value)}
            >
              {/* One inline run: the button lays out its children as flex items, which would drop the space. */}
              <span>
                <span className={own.figure}>{count(s.n)}</span> {s.label}
              </span>
            </ToggleButton>
          ))}
        </div>
        <div className={own.walk}>
          <Button
            size="small"
            disabledFocusable={!issues.length}
            aria-keyshortcuts="Shift+F8"
            onClick={() => onNextIssue(-1)}
          >
            Previous issue
          </Button>
          <Button
            size="small"
            appearance="primary"
            disabledFocusable={!issues.length}
            aria-keyshortcuts="F8"
            onClick={() => onNextIssue(1)}
          >
            Next issue
          </Button>
        </div>
        <Caption1 className={own.position} role="status" aria-live="polite">
          {position}
        </Caption1>
      </section>

      {!props.selectsCells && model.cards.length > 0 && (
        <Caption1 className={styles.hint}>
          Each finding shows its cell. In Excel, choosing a finding (or Next issue, F8) selects that cell.
        </Caption1>
      )}
      {rows.length ? (
        <VirtualRows
          rows={rows}
          rowKey={(r) => r.key}
          estimate={(r) =>
            r.kind === 'card'
              ? 76 + 40 * (r.card.items.length - 1)
              : r.kind === 'signoff' && signOffOpen === r.card.key
                ? 72 + 190 * r.card.items.length
                : 32
          }
          stickyTop={110}
          reveal={shownKey}
          render={(r) =>
            r.kind === 'heading' ? (
              <h2 className={own.groupHeading}>{r.text}</h2>
            ) : r.kind === 'fold' ? (
              <Button
                appearance="subtle"
                className={own.fold}
                icon={<Chevron open={r.open} />}
                aria-expanded={r.open}
                onClick={() => (r.fold === 'info' ? setMinorOpen(!r.open) : setExplainedOpen(!r.open))}
              >
                {r.fold === 'info'
                  ? `${count(r.count)} cell${r.count === 1 ? '' : 's'} with rounding differences or notes`
                  : `${count(r.count)} cell${r.count === 1 ? '' : 's'} signed off as explained`}
              </Button>
            ) : r.kind === 'signoff' ? (
              <>
                <Button
                  appearance="subtle"
                  size="small"
                  className={own.fold}
                  icon={<Chevron open={signOffOpen === r.card.key} />}
                  aria-expanded={signOffOpen === r.card.key}
                  onClick={() => setSignOffOpen(signOffOpen === r.card.key ? null : r.card.key)}
                >
                  {`Sign off ${r.card.key}`}
                </Button>
                {signOffOpen === r.card.key && (
                  <SignOffPanel
                    key={r.key}
                    card={r.card}
                    busy={props.busy}
                    onMark={props.onMark}
                    onClear={props.onClearMark}
                  />
                )}
              </>
            ) : (
              <FindingCardButton card={r.card} current={shownKey === r.card.key} onChoose={props.onChooseFinding} />
            )
          }
        />
      ) : (
        <div className={own.empty} role="status">
          <Text weight="semibold">
            {model.verdict === 'clean' || model.verdict === 'errors' ? EMPTY[filter] : 'No findings.'}
          </Text>
        </div>
      )}

      <section className={styles.section} aria-labelledby={`${tablesId}-button`}>
        <Button
          id={`${tablesId}-button`}
          appearance="subtle"
          className={own.fold}
          icon={<Chevron open={tablesOpen} />}
          aria-expanded={tablesOpen}
          aria-controls={tablesId}
          onClick={() => setTablesOpen(!tablesOpen)}
        >
          {`Tables found (${model.tables.length})`}
        </Button>
        {/* Drawn only when opened: at 20,000 lines the list is dozens of tables the first draw need not wait for. */}
        <div id={tablesId} hidden={!tablesOpen}>
          {!tablesOpen ? null : model.tables.length ? (
            <TableList
              tables={model.tables}
              label="Tables found"
              selectsCells={props.selectsCells}
              problem={props.readingProblem}
              onCorrect={props.onCorrectReading}
              onCorrectTotal={props.onCorrectTotal}
              onShowTotal={props.onShowTotal}
              readings={props.readings}
              onOpenReading={props.onOpenReading}
              onSignsAsRead={(id) => {
                const t = model.tables.find((x) => x.id === id);
                const reading = props.readings[id];
                const c = t && reading && signsCorrection(model.readingCorrections, t.sheet, reading.anchor);
                if (c) props.onUndoReading(c);
              }}
            />
          ) : (
            <Text size={200}>
              No MTFS tables were found in this workbook: a table needs a heading row with years (such as 2015/16) and
              lines under it.
            </Text>
          )}
        </div>
      </section>

      {model.readingCorrections.length > 0 && (
        <ReadingCorrections items={model.readingCorrections} onUndo={props.onUndoReading} />
      )}
    </div>
  );
}

/** The user's corrections to how tables were read, kept in the workbook: each in words, applied or why not, with an undo. */
function ReadingCorrections({
  items,
  onUndo,
}: {
  items: ReadingCorrectionItem[];
  onUndo(correction: ReadingCorrection): void;
}) {
  const styles = useViewStyles();
  const headingId = useId('reading-corrections');
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {`Your corrections to the reading (${items.length})`}
      </h2>
      <Caption1 className={styles.hint}>
        Kept in the workbook: the next check, and the command line, read it so.
      </Caption1>
      <ul className={styles.list} aria-label="Your corrections to the reading">
        {items.map((item) => (
          <li key={item.key} className={styles.itemTop}>
            <span className={styles.grow}>
              <Text size={200} className={styles.wrap}>{`Table at ${item.table}: ${item.words}.`}</Text>
              <br />
              <Caption1 className={styles.wrap}>
                {item.applied ? 'Applied.' : `Not applied: ${item.problem ?? 'the table has changed.'}`}
              </Caption1>
            </span>
            <Button size="small" onClick={() => onUndo(item.correction)} aria-label={`Undo: ${item.words}`}>
              Undo
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The mark of a fold: pointing down when open. */
export function Chevron({ open }: { open: boolean }) {
  return <span aria-hidden="true">{open ? '▾' : '▸'}</span>;
}
