import { makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import type { BridgeBar } from '../state/scenario';
import { count } from '../state/words';

/** Under forced colours the browser leaves SVG alone: text and lines take the system's colours here. */
const SYSTEM_TEXT = { '@media (forced-colors: active)': { fill: 'CanvasText' } };
const SYSTEM_LINE = { '@media (forced-colors: active)': { stroke: 'CanvasText' } };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0 },
  svg: { display: 'block', width: '100%', height: 'auto' },
  label: { fill: tokens.colorNeutralForeground2, fontSize: '11px', fontFamily: tokens.fontFamilyBase, ...SYSTEM_TEXT },
  value: {
    fill: tokens.colorNeutralForeground1,
    fontSize: '11px',
    fontFamily: tokens.fontFamilyBase,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    ...SYSTEM_TEXT,
  },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1, ...SYSTEM_LINE },
  connector: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1, strokeDasharray: '2 2', ...SYSTEM_LINE },
  level: { fill: tokens.colorBrandBackground, '@media (forced-colors: active)': { fill: 'CanvasText' } },
  up: {
    fill: tokens.colorPaletteDarkOrangeBackground3,
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 0.5,
    '@media (forced-colors: active)': { fill: 'Highlight', stroke: 'CanvasText' },
  },
  // Decreases are hatched as well as coloured, so they are told apart without colour (and in forced colours).
  down: { stroke: tokens.colorPaletteTealBorderActive, strokeWidth: 1, ...SYSTEM_LINE },
  hatchBack: { fill: tokens.colorNeutralBackground1, '@media (forced-colors: active)': { fill: 'Canvas' } },
  hatchLine: { stroke: tokens.colorPaletteTealBorderActive, strokeWidth: 2, ...SYSTEM_LINE },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '12px', height: '12px', flexShrink: 0 },
  caption: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
  },
});

const W = 320;
const ROW = 32;
const BAR = { top: 15, height: 12 };
const PAD = 2;
/** The narrowest bar drawn: a change too small to see at this scale still shows. */
const MIN_BAR = 3;

/** A round figure at or below `v` for the axis to start at: the changes are small beside the budget, so it does not start at 0. */
function axisStart(min: number, max: number): number {
  const span = Math.max(max - min, 1);
  const step = 10 ** Math.floor(Math.log10(span));
  return Math.max(0, Math.floor((min - span * 0.15) / step) * step);
}

const KIND_WORDS: Record<BridgeBar['kind'], string> = {
  level: 'budget',
  up: 'adds to the budget',
  down: 'takes from the budget',
};

/** A bar's words beside its figure: what a decrease or an increase does, so the chart reads without colour. */
const MARK: Record<BridgeBar['kind'], string> = { level: '', up: ' ▲', down: ' ▼' };

export interface BridgeChartProps {
  bars: BridgeBar[];
}

/**
 * The budget bridge as a waterfall, one row a step: from year 1's Sub Total through each year's growth (up) and
 * savings (down) to the last year's proposed budget. Values are the engine's, labelled on every bar.
 */
export function BridgeChart({ bars }: BridgeChartProps) {
  const styles = useStyles();
  const titleId = useId('bridge-title');
  const hatch = useId('bridge-hatch');
  const ends = bars.flatMap((b) => (b.kind === 'level' ? [b.to] : [b.from, b.to]));
  const lo = axisStart(Math.min(...ends), Math.max(...ends));
  const hi = Math.max(...ends);
  const x = (v: number) => PAD + ((v - lo) / (hi - lo || 1)) * (W - 2 * PAD);
  const height = bars.length * ROW + 4;
  return (
    <figure className={styles.root}>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${height}`} role="group" aria-labelledby={titleId}>
        <title id={titleId}>Budget bridge, £000</title>
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect className={styles.hatchBack} width="6" height="6" />
            <line className={styles.hatchLine} x1="0" y1="0" x2="0" y2="6" />
          </pattern>
        </defs>
        {bars.map((b, i) => {
          const top = i * ROW;
          const start = b.kind === 'level' ? x(lo) : x(Math.min(b.from, b.to));
          const end = b.kind === 'level' ? x(b.to) : x(Math.max(b.from, b.to));
          const next = bars[i + 1];
          // No change, no bar: the figure (0) says it.
          const zero = b.kind !== 'level' && b.from === b.to;
          const width = Math.max(end - start, MIN_BAR);
          const left = b.kind === 'down' ? Math.min(start, end - MIN_BAR) : start;
          return (
            <g
              key={b.label}
              role="img"
              aria-label={`${b.label}: ${b.value} (${zero ? 'no change' : KIND_WORDS[b.kind]})`}
              data-step={b.label}
            >
              <text className={styles.label} x={PAD} y={top + 11} aria-hidden="true">
                {b.label}
              </text>
              <text className={styles.value} x={W - PAD} y={top + 11} textAnchor="end" aria-hidden="true">
                {`${b.value}${zero ? '' : MARK[b.kind]}`}
              </text>
              {!zero && (
                <rect
                  className={mergeClasses(styles[b.kind])}
                  x={Math.max(left, PAD)}
                  y={top + BAR.top}
                  width={width}
                  height={BAR.height}
                  rx={1}
                  fill={b.kind === 'down' ? `url(#${hatch})` : undefined}
                />
              )}
              {next && (
                <line
                  className={styles.connector}
                  x1={x(b.to)}
                  x2={x(b.to)}
                  y1={top + BAR.top + BAR.height}
                  y2={top + ROW + BAR.top}
                  aria-hidden="true"
                />
              )}
            </g>
          );
        })}
        <line className={styles.axis} x1={x(lo)} x2={x(lo)} y1={0} y2={height} aria-hidden="true" />
      </svg>
      <ul className={styles.legend} aria-label="Key">
        {(['level', 'up', 'down'] as const).map((k) => (
          <li key={k} className={styles.legendItem}>
            <svg className={styles.swatch} viewBox="0 0 12 12" aria-hidden="true" focusable="false">
              <rect
                className={styles[k]}
                x={0.5}
                y={0.5}
                width={11}
                height={11}
                rx={1}
                fill={k === 'down' ? `url(#${hatch})` : undefined}
              />
            </svg>
            {k === 'level'
              ? 'Budget'
              : k === 'up'
                ? 'Growth and other increases ▲'
                : 'Savings, income and other decreases ▼ (hatched)'}
          </li>
        ))}
      </ul>
      <figcaption
        className={styles.caption}
      >{`£000. The bars start at ${count(lo)}, not at 0, so the changes can be seen.`}</figcaption>
    </figure>
  );
}
