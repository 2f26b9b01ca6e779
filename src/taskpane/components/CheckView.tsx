import {
  Badge,
  Caption1,
  Label,
  makeStyles,
  mergeClasses,
  Select,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { FILTERS, type SeverityFilter, type SheetFindings } from '../state/findings';
import { FindingList } from './FindingList';
import { TableList, type TableListItem } from './TableList';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  summary: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  findingsBar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
  filter: { width: '170px', flexShrink: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
  empty: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export interface CheckViewProps {
  /** "7 tables, 0 errors, 10 warnings, 9 rounding differences". */
  summary: string;
  errors: number;
  tables: TableListItem[];
  findings: SheetFindings[];
  counts: Record<SeverityFilter, number>;
  filter: SeverityFilter;
  onFilterChange(filter: SeverityFilter): void;
  /** Inside Excel, choosing a finding selects its cell; in browser mode it only marks it. */
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseFinding(sheet: string, cell: string): void;
}

/** The Check view: the summary line, the tables found and the findings, filterable by severity. */
export function CheckView(props: CheckViewProps) {
  const styles = useStyles();
  const tablesHeading = useId('tables-heading');
  const findingsHeading = useId('findings-heading');
  const filterId = useId('severity-filter');
  const empty = FILTERS.find((f) => f.value === props.filter)?.empty ?? 'Nothing to show.';
  return (
    <div className={styles.root}>
      <div className={styles.summary} role="status">
        <Text weight="semibold">{props.summary}</Text>
        <span>
          <Badge appearance="filled" color={props.errors ? 'danger' : 'success'}>
            {props.errors ? `${props.errors} error${props.errors === 1 ? '' : 's'} to correct` : 'No errors'}
          </Badge>
        </span>
      </div>

      <section className={styles.section} aria-labelledby={tablesHeading}>
        <h2 id={tablesHeading} className={styles.heading}>
          Tables found ({props.tables.length})
        </h2>
        {props.tables.length ? (
          <TableList tables={props.tables} labelledBy={tablesHeading} />
        ) : (
          <Text>No MTFS tables were found in this workbook.</Text>
        )}
      </section>

      <section className={styles.section} aria-labelledby={findingsHeading}>
        <div className={styles.findingsBar}>
          <h2 id={findingsHeading} className={mergeClasses(styles.heading, styles.grow)}>
            Findings
          </h2>
          <Label htmlFor={filterId} size="small">
            Show
          </Label>
          <Select
            id={filterId}
            className={styles.filter}
            size="small"
            value={props.filter}
            onChange={(_, data) => props.onFilterChange(data.value as SeverityFilter)}
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {`${f.label} (${props.counts[f.value]})`}
              </option>
            ))}
          </Select>
        </div>
        {!props.selectsCells && props.findings.length > 0 && (
          <Caption1 className={styles.hint}>
            Each finding shows its cell. In Excel, choosing a finding selects that cell.
          </Caption1>
        )}
        {props.findings.length ? (
          <FindingList sheets={props.findings} shownCell={props.shownCell} onChoose={props.onChooseFinding} />
        ) : (
          <div className={styles.empty} role="status">
            <Text weight="semibold">{empty}</Text>
          </div>
        )}
      </section>
    </div>
  );
}
