import { makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import type { Band } from '../../engine/scoring';
import type { ChartThresholds } from '../state/score';

export interface ChartPoint {
  ref: string;
  /** The reward score, for placing the point (the label uses `rewardText`). */
  reward: number;
  rewardText: string;
  risk: number;
  band: Band;
  /** Chosen within the investment envelope: ringed. */
  chosen: boolean;
}

/** Band colours, the same as the bands' badges; each band also has its own shape, so colour is never the only cue. */
export const BAND_COLOURS: Record<Band, 'success' | 'brand' | 'warning' | 'danger'> = {
  'Priority 1': 'success',
  'Priority 2': 'brand',
  'Priority 3': 'warning',
  'Not supported': 'danger',
};

/** Chart text in the system's text colour under forced colours (the browser leaves SVG fills alone). */
const SYSTEM_TEXT = { '@media (forced-colors: active)': { fill: 'CanvasText' } };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0 },
  svg: { display: 'block', width: '100%', height: 'auto', overflow: 'visible' },
  frame: {
    fill: tokens.colorNeutralBackground1,
    stroke: tokens.colorNeutralStroke1,
    strokeWidth: 1,
    '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'CanvasText' },
  },
  grid: {
    stroke: tokens.colorNeutralStroke2,
    strokeWidth: 1,
    '@media (forced-colors: active)': { stroke: 'GrayText' },
  },
  reference: {
    stroke: tokens.colorNeutralForeground2,
    strokeWidth: 1,
    strokeDasharray: '4 3',
    '@media (forced-colors: active)': { stroke: 'CanvasText' },
  },
  axisText: {
    fill: tokens.colorNeutralForeground2,
    fontSize: '11px',
    fontFamily: tokens.fontFamilyBase,
    ...SYSTEM_TEXT,
  },
  referenceText: {
    fill: tokens.colorNeutralForeground2,
    fontSize: '11px',
    fontFamily: tokens.fontFamilyBase,
    ...SYSTEM_TEXT,
  },
  axisTitle: {
    fill: tokens.colorNeutralForeground2,
    fontSize: '11px',
    fontFamily: tokens.fontFamilyBase,
    fontWeight: tokens.fontWeightSemibold,
    ...SYSTEM_TEXT,
  },
  pointLabel: {
    fill: tokens.colorNeutralForeground1,
    fontSize: '11px',
    fontFamily: tokens.fontFamilyBase,
    fontWeight: tokens.fontWeightSemibold,
    ...SYSTEM_TEXT,
  },
  mark: {
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 1,
    // Under forced colours every band is drawn in the system's colours: the shapes tell them apart.
    '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'CanvasText' },
  },
  success: { fill: tokens.colorPaletteGreenBackground3 },
  brand: { fill: tokens.colorBrandBackground },
  warning: { fill: tokens.colorPaletteYellowBackground3 },
  danger: { fill: tokens.colorPaletteRedBackground3 },
  ring: {
    fill: 'none',
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 2,
    '@media (forced-colors: active)': { stroke: 'Highlight' },
  },
  point: {
    cursor: 'pointer',
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outlineStyle: 'solid',
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: '2px',
    },
  },
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
const H = 240;
const M = { left: 38, right: 12, top: 22, bottom: 40 };
const RISK = { min: 1, max: 25 };
const REWARD = { min: 20, max: 100 };
const x = (risk: number) =>
  M.left + ((Math.min(Math.max(risk, RISK.min), RISK.max) - RISK.min) / (RISK.max - RISK.min)) * (W - M.left - M.right);
const y = (reward: number) =>
  H -
  M.bottom -
  ((Math.min(Math.max(reward, REWARD.min), REWARD.max) - REWARD.min) / (REWARD.max - REWARD.min)) *
    (H - M.top - M.bottom);

/** The mark for a band, centred on (cx, cy): a circle, square, triangle or cross. */
function Mark({ band, cx, cy, className }: { band: Band; cx: number; cy: number; className: string }) {
  const r = 5;
  if (band === 'Priority 1') return <circle className={className} cx={cx} cy={cy} r={r} />;
  if (band === 'Priority 2')
    return <rect className={className} x={cx - r + 0.5} y={cy - r + 0.5} width={2 * r - 1} height={2 * r - 1} />;
  if (band === 'Priority 3')
    return (
      <polygon
        className={className}
        points={`${cx},${cy - r - 1} ${cx + r + 0.5},${cy + r - 0.5} ${cx - r - 0.5},${cy + r - 0.5}`}
      />
    );
  const d = r - 0.5;
  return <polygon className={className} points={crossPoints(cx, cy, d, 1.8)} />;
}

function crossPoints(cx: number, cy: number, d: number, t: number): string {
  const pts = [
    [-d, -d + t],
    [-d + t, -d],
    [0, -t],
    [d - t, -d],
    [d, -d + t],
    [t, 0],
    [d, d - t],
    [d - t, d],
    [0, t],
    [-d + t, d],
    [-d, d - t],
    [-t, 0],
  ];
  return pts.map(([px, py]) => `${cx + px},${cy + py}`).join(' ');
}

function LegendMark({ band, svgClass, markClass }: { band: Band; svgClass: string; markClass: string }) {
  return (
    <svg className={svgClass} viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <Mark band={band} cx={6} cy={6} className={markClass} />
    </svg>
  );
}

export interface RiskRewardChartProps {
  points: ChartPoint[];
  thresholds: ChartThresholds;
  /** Opens the proposal (click, Enter or Space on its point). */
  onOpen(ref: string): void;
}

/**
 * Risk rating (across, 1–25) against reward score (up, 20–100): one mark per proposal, coloured and shaped by its band,
 * with the risk levels' and the bands' thresholds as dashed reference lines. Plain SVG: each mark has its own name.
 */
export function RiskRewardChart({ points, thresholds, onOpen }: RiskRewardChartProps) {
  const styles = useStyles();
  const titleId = useId('risk-reward-title');
  const t = thresholds;
  const low = x(t.lowUpTo + 0.5);
  const medium = x(t.mediumUpTo + 0.5);
  const bands: Band[] = ['Priority 1', 'Priority 2', 'Priority 3', 'Not supported'];
  return (
    <figure className={styles.root}>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby={titleId}>
        <title
          id={titleId}
        >{`Risk and reward of ${points.length} proposal${points.length === 1 ? '' : 's'}: risk rating across, reward score up`}</title>
        <rect
          className={styles.frame}
          x={M.left}
          y={M.top}
          width={W - M.left - M.right}
          height={H - M.top - M.bottom}
        />
        {[40, 60, 80].map((v) => (
          <line key={`gy${v}`} className={styles.grid} x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
        ))}
        {[20, 40, 60, 80, 100].map((v) => (
          <text key={`ty${v}`} className={styles.axisText} x={M.left - 4} y={y(v) + 3} textAnchor="end">
            {v}
          </text>
        ))}
        {[1, 5, 10, 15, 20, 25].map((v) => (
          <text key={`tx${v}`} className={styles.axisText} x={x(v)} y={H - M.bottom + 13} textAnchor="middle">
            {v}
          </text>
        ))}
        <g aria-hidden="true">
          <line className={styles.reference} x1={low} x2={low} y1={M.top} y2={H - M.bottom} />
          <line className={styles.reference} x1={medium} x2={medium} y1={M.top} y2={H - M.bottom} />
          <text className={styles.referenceText} x={(M.left + low) / 2} y={M.top - 5} textAnchor="middle">
            Low
          </text>
          <text className={styles.referenceText} x={(low + medium) / 2} y={M.top - 5} textAnchor="middle">
            Medium
          </text>
          <text className={styles.referenceText} x={(medium + W - M.right) / 2} y={M.top - 5} textAnchor="middle">
            High
          </text>
          <line className={styles.reference} x1={M.left} x2={W - M.right} y1={y(t.priority1)} y2={y(t.priority1)} />
          <line className={styles.reference} x1={M.left} x2={W - M.right} y1={y(t.priority2)} y2={y(t.priority2)} />
          <text className={styles.referenceText} x={W - M.right - 3} y={y(t.priority1) - 3} textAnchor="end">
            {`Priority 1 from ${t.priority1}`}
          </text>
          <text className={styles.referenceText} x={W - M.right - 3} y={y(t.priority2) - 3} textAnchor="end">
            {`Priority 2 from ${t.priority2}`}
          </text>
          <text className={styles.axisTitle} x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle">
            Risk rating (likelihood × impact)
          </text>
          <text
            className={styles.axisTitle}
            x={0}
            y={0}
            textAnchor="middle"
            transform={`translate(10 ${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          >
            Reward score
          </text>
        </g>
        {points.map((p) => (
          <g
            key={p.ref}
            role="button"
            tabIndex={0}
            className={styles.point}
            aria-label={`${p.ref}: reward ${p.rewardText}, risk ${p.risk}, ${p.band}${p.chosen ? ', chosen' : ''}. Open the proposal`}
            data-point={p.ref}
            onClick={() => onOpen(p.ref)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' && e.key !== ' ') return;
              e.preventDefault();
              onOpen(p.ref);
            }}
          >
            {p.chosen && <circle className={styles.ring} cx={x(p.risk)} cy={y(p.reward)} r={8.5} />}
            <Mark
              band={p.band}
              cx={x(p.risk)}
              cy={y(p.reward)}
              className={mergeClasses(styles.mark, styles[BAND_COLOURS[p.band]])}
            />
            <text className={styles.pointLabel} x={x(p.risk) + 10} y={y(p.reward) + 4} aria-hidden="true">
              {p.ref}
            </text>
          </g>
        ))}
      </svg>
      <ul className={styles.legend} aria-label="Bands">
        {bands.map((b) => (
          <li key={b} className={styles.legendItem}>
            <LegendMark
              band={b}
              svgClass={styles.swatch}
              markClass={mergeClasses(styles.mark, styles[BAND_COLOURS[b]])}
            />
            {b}
          </li>
        ))}
      </ul>
      <figcaption className={styles.caption}>
        Dashed lines: where the risk levels and the Priority bands start, from the scoring model. A ring marks a
        proposal chosen within the envelope. Choose a point to open its proposal.
      </figcaption>
    </figure>
  );
}
