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
import type { FindingCard } from '../state/findings';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
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
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessibleSelected}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  info: { borderLeftColor: tokens.colorBrandStroke1 },
  where: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, minWidth: 0 },
  cell: {
    flexShrink: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
  },
  table: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', minWidth: 0 },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold, minWidth: 0, overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere' },
  mark: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', color: tokens.colorPaletteGreenForeground1 },
  toFix: { color: tokens.colorNeutralForeground1 },
  stale: { color: tokens.colorPaletteRedForeground1 },
});

const BADGE: Record<Severity, BadgeProps['color']> = { error: 'danger', warning: 'warning', info: 'informative' };

export interface FindingCardButtonProps {
  card: FindingCard;
  current: boolean;
  onChoose(sheet: string, cell: string): void;
}

/**
 * Every finding on one cell, as one button that shows the cell: where it is (sheet, cell, table), then each finding
 * with its kind, title and message. Its name is its text, as seen.
 */
export function FindingCardButton({ card, current, onChoose }: FindingCardButtonProps) {
  const styles = useStyles();
  return (
    <button
      type="button"
      className={mergeClasses(styles.card, styles[card.severity], current && styles.current, styles.focus)}
      aria-current={current ? 'true' : undefined}
      data-cell={`${card.sheet}!${card.cell}`}
      data-severity={card.severity}
      onClick={() => onChoose(card.sheet, card.cell)}
    >
      <span className={styles.where}>
        <span className={styles.cell}>{`${card.sheet}!${card.cell}`}</span>
        <span className={styles.table}>{card.where}</span>
      </span>
      {card.items.map((item, i) => (
        <span key={i} className={styles.item}>
          <span className={styles.top}>
            <Badge appearance="tint" color={BADGE[item.severity]} size="small">
              {item.label}
            </Badge>
            <span className={styles.title}>{item.title}</span>
          </span>
          <Text size={200} className={styles.message}>
            {item.message}
          </Text>
          {item.mark && (
            <Text
              size={200}
              className={mergeClasses(
                styles.mark,
                item.mark.status === 'to-fix' && styles.toFix,
                !item.mark.current && styles.stale,
              )}
              data-mark={item.mark.current ? item.mark.status : 'out-of-date'}
            >
              {item.mark.current
                ? `${item.mark.words}${item.mark.note ? `: ${item.mark.note}` : ''}`
                : `${item.mark.words}: its figures have changed since; mark it again`}
            </Text>
          )}
        </span>
      ))}
    </button>
  );
}
