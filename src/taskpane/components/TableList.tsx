import { Button, Caption1, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ReadingView } from '../state/reading';
import type { TableLine } from '../worker/protocol';
import { TableReading, type TableReadingProps } from './TableReading';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`, minWidth: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    width: '100%',
    minWidth: 0,
    minHeight: 'auto',
    paddingBlock: tokens.spacingVerticalXXS,
    paddingInline: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
    textAlign: 'start',
    // The fold's mark, drawn by CSS so the table's line reads the same to a screen reader (which hears aria-expanded).
    '::before': { content: '"▸"', position: 'absolute', insetInlineStart: '-0.9em' },
  },
  open: { '::before': { content: '"▾"' } },
  within: { position: 'relative', marginInlineStart: '0.9em' },
  kind: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  sheet: { color: tokens.colorNeutralForeground2 },
  where: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  lines: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', minWidth: '4.5em' },
  question: { display: 'block', color: tokens.colorPaletteDarkOrangeForeground1, paddingInlineStart: '0.9em' },
  waiting: { justifyContent: 'flex-start', paddingBlock: tokens.spacingVerticalS, paddingInlineStart: '0.9em' },
});

export type TableListProps = {
  tables: TableLine[];
  label: string;
  /** How each table opened was read, once the worker has said (Session.showReading). */
  readings: Readonly<Record<string, ReadingView>>;
  /** A table was opened (or is open and its reading is not here yet): ask how it was read. */
  onOpenReading(table: string): void;
} & Omit<TableReadingProps, 'id' | 'sheet' | 'reading'>;

/**
 * The tables the check found, one line each (what it is, where it sits, how many lines), the ones the reader is
 * unsure of first with its question. Each line opens to show how the table was read, where it can be corrected.
 */
export function TableList({ tables, label, readings, onOpenReading, ...reading }: TableListProps) {
  const styles = useStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  // An open table's reading is asked for when it is opened, and again after a new check (the session asks once).
  useEffect(() => {
    for (const t of tables) if (open.has(t.id) && t.readable && !readings[t.id]) onOpenReading(t.id);
  }, [tables, open, readings, onOpenReading]);
  return (
    <ul className={styles.list} aria-label={label}>
      {tables.map((t) => {
        const isOpen = open.has(t.id) && t.readable;
        const shown = isOpen ? readings[t.id] : undefined;
        const readingId = `reading-${t.id.replace(/[^A-Za-z0-9]/g, '-')}`;
        return (
          <li key={t.id} className={styles.item} data-table={t.id}>
            <div className={styles.within}>
              <Button
                appearance="subtle"
                size="small"
                className={mergeClasses(styles.row, isOpen && styles.open)}
                aria-expanded={isOpen}
                aria-controls={isOpen ? readingId : undefined}
                disabled={!t.readable}
                onClick={() => toggle(t.id)}
                title={`How ${t.kind} on ${t.sheet} was read`}
              >
                <span className={styles.kind}>
                  {t.kind}
                  <span className={styles.sheet}>{` · ${t.sheet}`}</span>
                </span>
                <span className={styles.where}>{t.range}</span>
                <span className={styles.lines}>{`${t.lines} line${t.lines === 1 ? '' : 's'}`}</span>
              </Button>
            </div>
            {!isOpen &&
              t.questions.map((q) => (
                <Caption1 key={q} className={styles.question}>
                  {q}
                </Caption1>
              ))}
            {isOpen && (
              <div id={readingId} role="region" aria-label={`How ${t.kind} on ${t.sheet} was read`} aria-busy={!shown}>
                {shown ? (
                  <TableReading id={t.id} sheet={t.sheet} reading={shown} {...reading} />
                ) : (
                  <Spinner size="tiny" label="Reading the table…" className={styles.waiting} />
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
