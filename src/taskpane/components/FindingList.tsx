import {
  Badge,
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { Severity } from '../../engine/findings';
import type { FindingItem, SheetFindings } from '../state/findings';

const useStyles = makeStyles({
  sheet: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sheetHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  groupHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    boxSizing: 'border-box',
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    textAlign: 'start',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: tokens.strokeWidthThicker,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  },
  focus: createFocusOutlineStyle(),
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  info: { borderLeftColor: tokens.colorBrandStroke1 },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { flexGrow: 1, fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  cell: {
    flexShrink: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
  },
  message: { overflowWrap: 'anywhere' },
});

const BADGE: Record<Severity, BadgeProps['color']> = { error: 'danger', warning: 'warning', info: 'informative' };

export interface FindingListProps {
  sheets: SheetFindings[];
  shownCell: { sheet: string; cell: string } | null;
  onChoose(sheet: string, cell: string): void;
}

/** Findings grouped by sheet and table, each a button that shows its cell. */
export function FindingList({ sheets, shownCell, onChoose }: FindingListProps) {
  const styles = useStyles();
  return (
    <>
      {sheets.map((sheet) => (
        <section
          key={sheet.sheet}
          className={styles.sheet}
          aria-label={`${sheet.sheet}: ${sheet.count} finding${sheet.count === 1 ? '' : 's'}`}
        >
          <h3 className={styles.sheetHeading}>{sheet.sheet}</h3>
          {sheet.groups.map((group) => (
            <div key={group.key} className={styles.sheet}>
              <h4 className={styles.groupHeading}>{group.title}</h4>
              <ul className={styles.list}>
                {group.items.map((item) => (
                  <li key={item.key}>
                    <FindingButton
                      item={item}
                      current={shownCell?.sheet === item.finding.sheet && shownCell.cell === item.finding.cell}
                      onChoose={onChoose}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

function FindingButton({
  item,
  current,
  onChoose,
}: {
  item: FindingItem;
  current: boolean;
  onChoose(sheet: string, cell: string): void;
}) {
  const styles = useStyles();
  const f = item.finding;
  return (
    <button
      type="button"
      className={mergeClasses(styles.item, styles[f.severity], current && styles.current, styles.focus)}
      aria-current={current ? 'true' : undefined}
      aria-label={`${item.severityLabel}: ${item.title}, cell ${f.sheet}!${f.cell}. ${f.message}`}
      data-cell={`${f.sheet}!${f.cell}`}
      onClick={() => onChoose(f.sheet, f.cell)}
    >
      <span className={styles.top}>
        <Badge appearance="tint" color={BADGE[f.severity]} size="small">
          {item.severityLabel}
        </Badge>
        <span className={styles.title}>{item.title}</span>
        <span className={styles.cell}>{f.cell}</span>
      </span>
      <Text size={200} className={styles.message}>
        {f.message}
      </Text>
    </button>
  );
}
