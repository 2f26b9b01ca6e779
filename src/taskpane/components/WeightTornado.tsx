import { makeStyles, tokens, useId } from '@fluentui/react-components';
import { useState } from 'react';
import type { WeightBar } from '../state/score-analysis';

/** Under forced colours the browser leaves SVG alone: text, lines and bars take the system's colours here. */
const SYSTEM_TEXT = { '@media (forced-colors: active)': { fill: 'CanvasText' } };

const useStyles = makeStyles({
  svg: { display: 'block', width: '100%', height: 'auto', overflow: 'visible' },
  track: {
    fill: tokens.colorNeutralBackground3,
    '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'GrayText', strokeWidth: 1 },
  },
  grid: {
    stroke: tokens.colorNeutralStroke2,
    strokeWidth: 1,
    '@media (forced-colors: active)': { stroke: 'GrayText' },
  },
  axisText: {
    fill: tokens.colorNeutralForeground3,
    fontSize: '11px',
    fontFamily: tokens.fontFamilyBase,
    ...SYSTEM_TEXT,
  },
  name: {
    fill: tokens.colorNeutralForeground1,
    fontSize: '12px',
    fontFamily: tokens.fontFamilyBase,
    fontWeight: tokens.fontWeightSemibold,
    ...SYSTEM_TEXT,
  },
  range: { fill: tokens.colorNeutralForeground2, fontSize: '11px', fontFamily: tokens.fontFamilyBase, ...SYSTEM_TEXT },
  // Below the weight now: outlined; above it: filled. Told apart by more than their colour, in forced colours too.
  below: {
    fill: tokens.colorBrandBackground2,
    stroke: tokens.colorBrandStroke1,
    strokeWidth: 1,
    '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'CanvasText' },
  },
  above: {
    fill: tokens.colorBrandBackground,
    stroke: tokens.colorBrandStroke1,
    strokeWidth: 1,
    '@media (forced-colors: active)': { fill: 'Highlight', stroke: 'CanvasText' },
  },
  now: {
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 2,
    '@media (forced-colors: active)': { stroke: 'CanvasText' },
  },
  bar: { outlineStyle: 'none', cursor: 'default' },
  ring: {
    fill: 'none',
    stroke: tokens.colorStrokeFocus2,
    strokeWidth: 2,
    '@media (forced-colors: active)': { stroke: 'Highlight' },
  },
});

// Drawn at the pane's own width (about 320 px at 350), so 11 and 12 px text stays 11 and 12 px on screen.
const W = 320;
const ROW = 40;
const TOP = 22;
const LABEL = 114;
const RIGHT = 10;
const BAR = 12;

export interface WeightTornadoProps {
  bars: WeightBar[];
  /** The weights' total (100): the scale runs from 0 to it. */
  total: number;
  /** The chart's name for screen readers. */
  title: string;
}

/**
 * A tornado of weight ranges: one bar per criterion, from the least to the most the weight can be with nothing
 * watched changing, widest first; a dark mark at the weight now, the part below it lighter. Each bar is named for
 * screen readers and reachable with Tab, and the words below the chart say the same for everyone.
 */
export function WeightTornado({ bars, total, title }: WeightTornadoProps) {
  const styles = useStyles();
  const titleId = useId('tornado-title');
  const [focused, setFocused] = useState<string | null>(null);
  const x = (w: number) => LABEL + (Math.min(Math.max(w, 0), total) / total) * (W - LABEL - RIGHT);
  const height = TOP + bars.length * ROW + 4;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * total);
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${W} ${height}`}
      role="group"
      aria-labelledby={titleId}
      data-chart="tornado"
    >
      <title id={titleId}>{title}</title>
      <g aria-hidden="true">
        {ticks.map((t) => (
          <g key={t}>
            <line className={styles.grid} x1={x(t)} x2={x(t)} y1={TOP - 4} y2={height - 4} />
            <text
              className={styles.axisText}
              x={x(t)}
              y={TOP - 8}
              textAnchor={t === 0 ? 'start' : t === total ? 'end' : 'middle'}
            >
              {t}
            </text>
          </g>
        ))}
      </g>
      {bars.map((b, i) => {
        const top = TOP + i * ROW;
        const barY = top + 6;
        const lo = x(b.low);
        const hi = x(b.high);
        const now = x(b.weight);
        return (
          <g
            key={b.name}
            className={styles.bar}
            role="img"
            aria-label={b.label}
            tabIndex={0}
            data-bar={b.name}
            onFocus={() => setFocused(b.name)}
            onBlur={() => setFocused((f) => (f === b.name ? null : f))}
          >
            <rect className={styles.track} x={x(0)} y={barY} width={x(total) - x(0)} height={BAR} />
            {b.movable && <rect className={styles.below} x={lo} y={barY} width={Math.max(now - lo, 0)} height={BAR} />}
            {b.movable && <rect className={styles.above} x={now} y={barY} width={Math.max(hi - now, 0)} height={BAR} />}
            <line className={styles.now} x1={now} x2={now} y1={barY - 4} y2={barY + BAR + 4} />
            <text className={styles.name} x={4} y={top + 15} aria-hidden="true">
              {b.name}
            </text>
            <text className={styles.range} x={4} y={top + 31} aria-hidden="true">
              {`${b.rangeText} · now ${b.weightText}`}
            </text>
            {focused === b.name && (
              <rect className={styles.ring} x={1} y={top + 1} width={W - 2} height={ROW - 3} rx={3} />
            )}
          </g>
        );
      })}
    </svg>
  );
}
