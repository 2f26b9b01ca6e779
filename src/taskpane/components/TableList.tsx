import {
  Caption1,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';

export interface TableListItem {
  id: string;
  sheet: string;
  /** The table's kind in words, e.g. "Capital programme (Appendix C)". */
  kind: string;
  range: string;
  lines: number;
}

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  range: { width: '72px' },
  lines: { width: '40px', textAlign: 'end' },
  end: { justifyContent: 'flex-end' },
  kind: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  sheet: { color: tokens.colorNeutralForeground3 },
  cell: { verticalAlign: 'top' },
});

/** The MTFS tables the check found: what each is, where it sits and how many lines it has. */
export function TableList({ tables, labelledBy }: { tables: TableListItem[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <Table size="extra-small" className={styles.table} aria-labelledby={labelledBy}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Table</TableHeaderCell>
          <TableHeaderCell className={styles.range}>Range</TableHeaderCell>
          <TableHeaderCell className={styles.lines} button={{ className: styles.end }}>
            Lines
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tables.map((t) => (
          <TableRow key={t.id}>
            <TableCell className={styles.cell}>
              <span className={styles.kind}>
                <span>{t.kind}</span>
                <Caption1 className={styles.sheet}>{t.sheet}</Caption1>
              </span>
            </TableCell>
            <TableCell className={styles.cell}>{t.range}</TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.lines)}>{t.lines}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
