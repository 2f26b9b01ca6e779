import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  mergeClasses,
  SearchBox,
  Switch,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { moneyField, type MoneyField } from '../state/fields';
import { isOn, type ScenarioChoices } from '../state/scenario';
import type { ScenarioGroupInfo, ScenarioLineItem, TotalsModel } from '../worker/protocol';
import { BridgeChart } from './BridgeChart';
import { MoneyInput } from './MoneyInput';
import { useViewStyles } from './ViewParts';
import { VirtualRows } from './VirtualRows';
import { WritePanel, type WritePanelProps } from './WritePanel';
import { count } from '../state/words';

const LABEL_COLUMN = '64px';

const useStyles = makeStyles({
  totals: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
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
  rowHead: { width: LABEL_COLUMN, textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBlock: '2px' },
  colHead: {
    textAlign: 'end',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    paddingBlock: '2px',
    whiteSpace: 'nowrap',
  },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', paddingBlock: '2px', whiteSpace: 'nowrap' },
  proposed: { fontWeight: tokens.fontWeightSemibold },
  over: { color: tokens.colorPaletteRedForeground1 },
  under: { color: tokens.colorPaletteGreenForeground1 },
  on: { color: tokens.colorNeutralForeground1 },
  targets: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  /** The years' columns of a line's figures: the same widths as the totals' table above. */
  figures: {
    display: 'grid',
    gap: 0,
    paddingInline: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  figure: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', paddingInlineStart: '2px' },
  yearsHead: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  band: { color: tokens.colorNeutralForeground2, paddingInline: tokens.spacingHorizontalS },
  line: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  lineTop: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  switch: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  cell: { flexShrink: 0, paddingTop: tokens.spacingVerticalS },
  group: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    paddingTop: tokens.spacingVerticalS,
    minWidth: 0,
  },
  groupTitle: { flexGrow: 1, minWidth: 0, margin: 0, overflowWrap: 'anywhere' },
  tableTitle: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  sectionTitle: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
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
  years: string[];
  lines: ScenarioLineItem[];
  groups: ScenarioGroupInfo[];
  choices: ScenarioChoices;
  totals: TotalsModel | null;
  atPlan: boolean;
  onSwitch(lines: ScenarioLineItem[], on: boolean): void;
  targets: MoneyField[];
  onTargetChange(year: number, text: string): void;
  onReset(): void;
  selectsCells: boolean;
  shownCell: { sheet: string; cell: string } | null;
  onChooseCell(sheet: string, cell: string): void;
  write: WritePanelProps;
}

type Row =
  | { kind: 'group'; key: string; title: string; lines: ScenarioLineItem[] }
  | { kind: 'section'; key: string; title: string; lines: ScenarioLineItem[] }
  | { kind: 'line'; key: string; line: ScenarioLineItem };

/** The rows of the list: each table (or the proposals), its sections, its lines; only the lines matching `query`. */
function rowsFor(lines: ScenarioLineItem[], groups: ScenarioGroupInfo[], query: string): Row[] {
  const q = query.trim().toLowerCase();
  const found = q
    ? lines.filter((l) => l.label.toLowerCase().includes(q) || l.section.toLowerCase().includes(q))
    : lines;
  const rows: Row[] = [];
  for (const g of groups) {
    const of = found.filter((l) => l.group === g.key);
    if (!of.length) continue;
    rows.push({ kind: 'group', key: g.key, title: g.title, lines: of });
    const sections = new Map<string, ScenarioLineItem[]>();
    for (const l of of) sections.set(l.section, [...(sections.get(l.section) ?? []), l]);
    for (const [section, sectionLines] of sections) {
      if (section && sections.size > 1 && g.source !== 'proposal')
        rows.push({ kind: 'section', key: `${g.key}|${section}`, title: section, lines: sectionLines });
      for (const line of sectionLines) rows.push({ kind: 'line', key: line.id, line });
    }
  }
  return rows;
}

/** Keeps the page's scroll padding at the sticky header's height, so a control brought into view is never under it. */
function useScrollPadding(header: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = header.current;
    if (!el) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      const h = el.getBoundingClientRect().height;
      setHeight(h);
      root.style.scrollPaddingTop = `${Math.ceil(h) + 8}px`;
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingTop = '';
    };
  }, [header]);
  return height;
}

/** The Scenario view: switch lines, sections and whole tables in and out, find lines, and see the budget and the gap to the target at once. */
export function ScenarioView(props: ScenarioViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const totalsHeading = useId('totals-heading');
  const targetsHeading = useId('targets-heading');
  const linesHeading = useId('lines-heading');
  const bridgeHeading = useId('bridge-heading');
  const header = useRef<HTMLElement>(null);
  const stickyTop = useScrollPadding(header);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => rowsFor(props.lines, props.groups, query), [props.lines, props.groups, query]);
  if (props.missing) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{props.missing}</MessageBarBody>
      </MessageBar>
    );
  }
  const totals = props.totals?.totals ?? [];
  const hasTarget = totals.some((t) => t.target !== null);
  const first = totals[0];
  const last = totals[totals.length - 1];
  const columns = `${LABEL_COLUMN} repeat(${Math.max(props.years.length, 1)}, minmax(0, 1fr))`;
  const found = rows.filter((r) => r.kind === 'line').length;
  return (
    <div className={styles.root}>
      <section className={own.totals} aria-labelledby={totalsHeading} ref={header}>
        <h2 id={totalsHeading} className={styles.heading}>
          Proposed budget, £000
        </h2>
        <table className={own.grid} aria-labelledby={totalsHeading}>
          <thead>
            <tr>
              <td className={own.rowHead} />
              {totals.map((t) => (
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
              {totals.map((t) => (
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
                  {totals.map((t) => (
                    <td key={t.year} className={own.num} data-year={t.year}>
                      {t.target ?? '–'}
                    </td>
                  ))}
                </tr>
                <tr data-row="gap">
                  <th scope="row" className={own.rowHead}>
                    Gap
                  </th>
                  {totals.map((t) => (
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
          <Caption1 className={styles.grow}>{props.totals?.changes ?? ''}</Caption1>
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
          {props.years.map((year, i) => (
            <TargetInput
              key={year}
              year={year}
              field={props.targets[i]}
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
          Each line&apos;s effect is cumulative, £000 a year. Switch a line, a section or a whole table. Proposals count
          as income from year 1 and start switched off; those a gate stops are not offered.
        </Caption1>
        <SearchBox
          size="small"
          placeholder="Find lines by reference, description or section"
          aria-label="Find lines"
          value={query}
          onChange={(_, data) => setQuery(data.value)}
        />
        <Caption1 role="status" className={styles.hint}>
          {query.trim()
            ? `${count(found)} of ${count(props.lines.length)} lines found`
            : `${count(props.lines.length)} lines`}
        </Caption1>
        <div className={own.figures} style={{ gridTemplateColumns: columns }} aria-hidden="true">
          <span className={own.yearsHead}>£000</span>
          {props.years.map((y) => (
            <span key={y} className={mergeClasses(own.figure, own.yearsHead)}>
              {y}
            </span>
          ))}
        </div>
        <VirtualRows
          rows={rows}
          rowKey={(r) => r.key}
          estimate={(r) => (r.kind === 'line' ? 74 : r.kind === 'group' ? 44 : 36)}
          stickyTop={stickyTop}
          render={(r) =>
            r.kind === 'line' ? (
              <LineRow line={r.line} columns={columns} {...props} />
            ) : (
              <GroupRow row={r} choices={props.choices} onSwitch={props.onSwitch} />
            )
          }
        />
      </section>

      <section className={styles.section} aria-labelledby={bridgeHeading}>
        <h2 id={bridgeHeading} className={styles.heading}>
          Budget bridge
        </h2>
        {props.totals?.bars ? (
          <BridgeChart bars={props.totals.bars} />
        ) : (
          <Text size={200}>The bridge cannot be drawn: a figure it needs is missing from the workbook.</Text>
        )}
      </section>

      <WritePanel {...props.write} />
    </div>
  );
}

/** A table's or a section's heading, with how many of its lines are in, and switches for all of them. */
function GroupRow({
  row,
  choices,
  onSwitch,
}: {
  row: Extract<Row, { kind: 'group' | 'section' }>;
  choices: ScenarioChoices;
  onSwitch(lines: ScenarioLineItem[], on: boolean): void;
}) {
  const own = useStyles();
  const on = row.lines.filter((l) => isOn(choices, l)).length;
  const n = row.lines.length;
  const Heading = row.kind === 'group' ? 'h3' : 'h4';
  return (
    <div className={own.group} role="group" aria-label={row.title}>
      <Heading className={mergeClasses(own.groupTitle, row.kind === 'group' ? own.tableTitle : own.sectionTitle)}>
        {`${row.title}: ${on} of ${n} in`}
      </Heading>
      <Button size="small" disabledFocusable={on === n} onClick={() => onSwitch(row.lines, true)}>
        {`All ${n} in`}
      </Button>
      <Button size="small" disabledFocusable={on === 0} onClick={() => onSwitch(row.lines, false)}>
        {`All ${n} out`}
      </Button>
    </div>
  );
}

function LineRow({
  line,
  columns,
  choices,
  onSwitch,
  selectsCells,
  shownCell,
  onChooseCell,
}: { line: ScenarioLineItem; columns: string } & ScenarioViewProps) {
  const styles = useViewStyles();
  const own = useStyles();
  const describedBy = `line-${line.id.replace(/[^A-Za-z0-9]/g, '_')}`;
  const current = shownCell?.sheet === line.sheet && shownCell.cell === line.cell;
  return (
    <div className={own.line}>
      <div className={own.lineTop}>
        <Switch
          className={own.switch}
          checked={isOn(choices, line)}
          aria-describedby={describedBy}
          data-line={line.id}
          onChange={(_, data) => onSwitch([line], data.checked)}
          label={line.label}
        />
        {selectsCells ? (
          <Button
            className={own.cell}
            size="small"
            appearance="subtle"
            aria-current={current ? 'true' : undefined}
            onClick={() => onChooseCell(line.sheet, line.cell)}
          >
            {line.cell}
            <span className={own.liveRegion}>{`, go to ${line.label} on ${line.sheet}`}</span>
          </Button>
        ) : (
          <span className={mergeClasses(styles.cell, own.cell)} title={`${line.sheet}!${line.cell}`}>
            {line.cell}
          </span>
        )}
      </div>
      {line.source === 'proposal' && <Caption1 className={own.band}>{line.section}</Caption1>}
      <div id={describedBy} className={own.figures} style={{ gridTemplateColumns: columns }}>
        <span />
        {line.effect.map((v, i) => (
          <span key={i} className={own.figure}>
            {v}
          </span>
        ))}
      </div>
    </div>
  );
}

/** A year's target: a figure below zero is asked about before it is taken (a budget to meet cannot be negative by mistake). */
function TargetInput({
  year,
  field,
  onChange,
}: {
  year: string;
  field: MoneyField | undefined;
  onChange(text: string): void;
}) {
  const [asking, setAsking] = useState<string | null>(null);
  const shown = asking !== null ? { ...moneyField(asking), error: null } : field;
  return (
    <div>
      <MoneyInput
        label={`Target ${year}`}
        field={shown ?? { text: '', value: null, error: null }}
        onChange={(text) => {
          const value = moneyField(text).value;
          if (value && value.isNegative() && !value.isZero()) setAsking(text);
          else {
            setAsking(null);
            onChange(text);
          }
        }}
      />
      {asking !== null && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{`A target below zero for ${year}? The budget would have to be negative to meet it.`}</MessageBarBody>
          <MessageBarActions>
            <Button
              size="small"
              onClick={() => {
                onChange(asking);
                setAsking(null);
              }}
            >
              {`Use ${asking.trim()}`}
            </Button>
            <Button size="small" onClick={() => setAsking(null)}>
              Cancel
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
