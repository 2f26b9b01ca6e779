import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  Switch,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { MoneyField } from '../state/fields';
import type { BridgeBar, SwitchGroup, YearTotal } from '../state/scenario';
import { BridgeChart } from './BridgeChart';
import { MoneyInput } from './MoneyInput';
import { useViewStyles } from './ViewParts';
import { WritePanel, type WritePanelProps } from './WritePanel';

const useStyles = makeStyles({
  totals: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    boxShadow: tokens.shadow4,
  },
  grid: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  rowHead: { width: '62px', textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBlock: '2px' },
  colHead: {
    textAlign: 'end',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    paddingBlock: '2px',
  },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', paddingBlock: '2px', overflowWrap: 'anywhere' },
  proposed: { fontWeight: tokens.fontWeightSemibold },
  over: { color: tokens.colorPaletteRedForeground1 },
  under: { color: tokens.colorPaletteGreenForeground1 },
  on: { color: tokens.colorNeutralForeground1 },
  targets: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  line: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  lineTop: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  switch: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  // Under the label, past the switch's track.
  effect: { color: tokens.colorNeutralForeground3, paddingLeft: '52px', overflowWrap: 'anywhere' },
  figures: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  cell: { flexShrink: 0, paddingTop: tokens.spacingVerticalS },
  liveRegion: {
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
});

export interface ScenarioViewProps {
  /** Why the scenario cannot be worked out (no years, no year-1 budget), in words. */
  missing: string | null;
  totals: YearTotal[];
  /** "Switched out: G20. Switched in: C2." */
  changes: string;
  atPlan: boolean;
  groups: SwitchGroup[];
  onSwitch(id: string, on: boolean): void;
  targets: { year: string; field: MoneyField }[];
  onTargetChange(year: number, text: string): void;
  bars: BridgeBar[] | null;
  onReset(): void;
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseCell(sheet: string, cell: string): void;
  write: WritePanelProps;
}

/** The Scenario view: switch growth, savings and proposals in and out, and see the budget and the gap to the target at once. */
export function ScenarioView(props: ScenarioViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const totalsHeading = useId('totals-heading');
  const targetsHeading = useId('targets-heading');
  const linesHeading = useId('lines-heading');
  const bridgeHeading = useId('bridge-heading');
  if (props.missing) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{props.missing}</MessageBarBody>
      </MessageBar>
    );
  }
  const hasTarget = props.totals.some((t) => t.target !== null);
  const first = props.totals[0];
  const last = props.totals[props.totals.length - 1];
  return (
    <div className={styles.root}>
      <section className={own.totals} aria-labelledby={totalsHeading}>
        <h2 id={totalsHeading} className={styles.heading}>
          Proposed budget, £000
        </h2>
        <table className={own.grid} aria-labelledby={totalsHeading}>
          <thead>
            <tr>
              <td className={own.rowHead} />
              {props.totals.map((t) => (
                <th key={t.year} scope="col" className={own.colHead}>
                  {t.year}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-row="proposed">
              <th scope="row" className={own.rowHead}>
                Proposed
              </th>
              {props.totals.map((t) => (
                <td key={t.year} className={mergeClasses(own.num, own.proposed)} data-year={t.year}>
                  {t.proposed}
                </td>
              ))}
            </tr>
            {hasTarget && (
              <>
                <tr data-row="target">
                  <th scope="row" className={own.rowHead}>
                    Target
                  </th>
                  {props.totals.map((t) => (
                    <td key={t.year} className={own.num} data-year={t.year}>
                      {t.target ?? '–'}
                    </td>
                  ))}
                </tr>
                <tr data-row="gap">
                  <th scope="row" className={own.rowHead}>
                    Gap
                  </th>
                  {props.totals.map((t) => (
                    <td
                      key={t.year}
                      className={mergeClasses(own.num, t.gapKind ? own[t.gapKind] : undefined)}
                      data-year={t.year}
                    >
                      {t.gap ?? '–'}
                    </td>
                  ))}
                </tr>
              </>
            )}
          </tbody>
        </table>
        <div className={styles.itemTop}>
          <Caption1 className={styles.grow}>{props.changes}</Caption1>
          <Button size="small" disabledFocusable={props.atPlan} onClick={props.onReset}>
            Reset to the published plan
          </Button>
        </div>
        <div className={own.liveRegion} role="status" aria-live="polite">
          {first && last
            ? `Proposed budget ${first.year} ${first.proposed}${last !== first ? `, ${last.year} ${last.proposed}` : ''}.${first.gap ? ` Gap ${first.year}: ${first.gap}.` : ''}`
            : ''}
        </div>
      </section>

      <section className={styles.section} aria-labelledby={targetsHeading}>
        <h2 id={targetsHeading} className={styles.heading}>
          Target budget, £000
        </h2>
        <Caption1 className={styles.hint}>
          Optional: the budget to meet each year. The gap is the proposed budget above (over) or below (under) it.
        </Caption1>
        <div className={own.targets}>
          {props.targets.map((t, i) => (
            <MoneyInput
              key={t.year}
              label={`Target ${t.year}`}
              field={t.field}
              onChange={(text) => props.onTargetChange(i, text)}
            />
          ))}
        </div>
      </section>

      <section className={styles.section} aria-labelledby={linesHeading}>
        <h2 id={linesHeading} className={styles.heading}>
          What is in the budget
        </h2>
        <Caption1 className={styles.hint}>
          Each line&apos;s effect is cumulative, £000 a year. Proposals count as income from year 1 and start switched
          off; those a gate stops are not offered.
        </Caption1>
        {props.groups.map((g) => (
          <LineGroup key={g.group} group={g} {...props} />
        ))}
      </section>

      <section className={styles.section} aria-labelledby={bridgeHeading}>
        <h2 id={bridgeHeading} className={styles.heading}>
          Budget bridge
        </h2>
        {props.bars ? (
          <BridgeChart bars={props.bars} />
        ) : (
          <Text size={200}>The bridge cannot be drawn: a figure it needs is missing from the workbook.</Text>
        )}
      </section>

      <WritePanel {...props.write} />
    </div>
  );
}

function LineGroup({
  group,
  onSwitch,
  selectsCells,
  shownCell,
  onChooseCell,
}: { group: SwitchGroup } & ScenarioViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const headingId = useId(`group-${group.group}`);
  const on = group.items.filter((i) => i.on).length;
  return (
    <div className={styles.section} role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.subheading}>
        {`${group.title}: ${on} of ${group.items.length} in`}
      </h3>
      <ul className={styles.list}>
        {group.items.map((item) => {
          const describedBy = `${headingId}-${item.id.replace(/[^A-Za-z0-9]/g, '_')}`;
          const current = shownCell?.sheet === item.sheet && shownCell.cell === item.cell;
          return (
            <li key={item.id} className={own.line}>
              <div className={own.lineTop}>
                <Switch
                  className={own.switch}
                  checked={item.on}
                  aria-describedby={describedBy}
                  data-line={item.id}
                  onChange={(_, data) => onSwitch(item.id, data.checked)}
                  label={item.label}
                />
                {selectsCells ? (
                  <Button
                    className={own.cell}
                    size="small"
                    appearance="subtle"
                    aria-current={current ? 'true' : undefined}
                    aria-label={`Go to ${item.label}, ${item.sheet}!${item.cell}`}
                    onClick={() => onChooseCell(item.sheet, item.cell)}
                  >
                    {item.cell}
                  </Button>
                ) : (
                  <span className={mergeClasses(styles.cell, own.cell)} title={`${item.sheet}!${item.cell}`}>
                    {item.cell}
                  </span>
                )}
              </div>
              <Caption1 id={describedBy} className={own.effect}>
                {item.section && <span>{`${item.section}: `}</span>}
                <span className={own.figures}>{item.effect}</span>
              </Caption1>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
