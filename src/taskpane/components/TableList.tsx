import { makeStyles, tokens } from '@fluentui/react-components';
import type { TableLine } from '../worker/protocol';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    paddingBlock: tokens.spacingVerticalXXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  kind: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  sheet: { color: tokens.colorNeutralForeground2 },
  where: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  lines: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', minWidth: '4.5em' },
});

/**
 * The MTFS tables the check found, one line each: what it is, where it sits, how many lines it has. A row is a plain
 * list item, so more about a table (how it was read) can be added under its line.
 */
export function TableList({ tables, label }: { tables: TableLine[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {tables.map((t) => (
        <li key={t.id} className={styles.row} data-table={t.id}>
          <span className={styles.kind} title={`${t.kind} on ${t.sheet}`}>
            {t.kind}
            <span className={styles.sheet}>{` · ${t.sheet}`}</span>
          </span>
          <span className={styles.where}>{t.range}</span>
          <span className={styles.lines}>{`${t.lines} line${t.lines === 1 ? '' : 's'}`}</span>
        </li>
      ))}
    </ul>
  );
}
