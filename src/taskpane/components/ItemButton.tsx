import { createFocusOutlineStyle, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
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
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  },
  focus: createFocusOutlineStyle(),
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  danger: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  success: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  brand: { borderLeftColor: tokens.colorBrandStroke1 },
  neutral: { borderLeftColor: tokens.colorNeutralStroke1 },
});

export type ItemAccent = 'danger' | 'warning' | 'success' | 'brand' | 'neutral';

export interface ItemButtonProps {
  sheet: string;
  cell: string;
  accent: ItemAccent;
  current: boolean;
  /** Said by a screen reader after what is shown (the sheet of the cell, say); the name is what is shown, then this. */
  more?: string;
  onChoose(sheet: string, cell: string): void;
  children: ReactNode;
}

/** A list item that shows a workbook cell when chosen (click, or Enter): in Excel it selects the cell. */
export function ItemButton({ sheet, cell, accent, current, more, onChoose, children }: ItemButtonProps) {
  const styles = useStyles();
  return (
    <button
      type="button"
      className={mergeClasses(styles.item, styles[accent], current && styles.current, styles.focus)}
      aria-current={current ? 'true' : undefined}
      data-cell={`${sheet}!${cell}`}
      onClick={() => onChoose(sheet, cell)}
    >
      {children}
      {more && <span className={styles.hidden}>{more}</span>}
    </button>
  );
}
