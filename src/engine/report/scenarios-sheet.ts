import type { Decimal } from '../money';
import type { OutputCell, OutputSheet } from '../output';
import type { SideBySide } from '../scenario/side-by-side';
import { a1 } from '../a1';
import { composeSheet, figure, text, title, type Block } from './blocks';
import { bridgeBalances, bridgeBlock, bridgeChart, budgetBridge } from './bridge';

export const SCENARIOS_SHEET = 'Scenarios';

/** Rows a bridge block takes at least, so that the chart beside one (about 15 rows high) never covers the next. */
const BRIDGE_ROWS = 18;
/** The column the bridge charts stand in: after the bridge's own columns (A, B, and the chart's bars in E to H). */
const CHART_COLUMN = 9;

type Row = (OutputCell | null)[];

/** A row with a label in A and, for each scenario, its figures in its own block of year columns. */
function blockRow(label: Row[number], blocks: (Decimal | null)[][], years: number, bold = false): Row {
  const row: Row = [label];
  blocks.forEach((values, b) => {
    if (b > 0) row.push(null);
    for (let y = 0; y < years; y++) {
      const v = values[y];
      row.push(v === null || v === undefined ? null : figure(v, { bold }));
    }
  });
  return row;
}

function sourceWords(source: string): string {
  return source === 'proposal' ? 'proposal, income' : source;
}

/**
 * The "Scenarios" sheet: the published plan and saved scenarios side by side, one block of year columns each
 * (proposed budget, change from the plan, target, gap), the lines they switch differently with the effect of each
 * on the budget, what was found or left out, and a budget bridge per scenario with its chart where the host can
 * draw one. Pure data: every figure is the engine's.
 */
export function scenariosSheet(
  side: SideBySide,
  options: { department?: string; notes?: { name: string; words: string }[] } = {},
): OutputSheet {
  const n = side.years.length;
  const cols = side.columns;
  const names: Row = [null];
  const years: Row = [null];
  cols.forEach((c, b) => {
    if (b > 0) {
      names.push(null);
      years.push(null);
    }
    names.push(text(c.name, { bold: true, underline: true }));
    for (let y = 1; y < n; y++) names.push(null);
    for (const y of side.years) years.push(text(`${y} £000`, { bold: true, align: 'right', wrap: true }));
  });
  const hasTarget = cols.some((c) => c.target.some((t) => t !== null));
  const table: Block = [
    names,
    years,
    blockRow(
      text('Proposed budget', { bold: true }),
      cols.map((c) => c.outcome.budget.proposed),
      n,
      true,
    ),
    blockRow(
      text('Change from the published plan'),
      cols.map((c) => c.fromPlan),
      n,
    ),
  ];
  if (hasTarget)
    table.push(
      blockRow(
        text('Target budget'),
        cols.map((c) => c.target),
        n,
      ),
      blockRow(
        text('Gap: proposed budget above (+) or below (-) target'),
        cols.map((c) => c.outcome.gap),
        n,
      ),
    );

  const lines: Block = [
    title('LINES SWITCHED: EFFECT ON THE BUDGET AGAINST THE PUBLISHED PLAN, £000 (cumulative)'),
    [
      text(
        'Blank: as in the published plan. A growth line taken out lowers the budget; a saving taken out raises it; a proposal brought in lowers it by its income.',
        { italic: true },
      ),
    ],
  ];
  if (!side.differences.length)
    lines.push([text('No line is switched in any of these scenarios: each is the published plan.', { italic: true })]);
  for (const d of side.differences) {
    const effect = d.line.effect.map((e) => (e && d.line.inPlan ? e.negated() : e));
    const label = `${[d.line.ref, d.line.label].filter(Boolean).join(' ')} (${sourceWords(d.line.source)}, ${d.line.sheet}!${d.line.cell})`;
    lines.push(
      blockRow(
        text(label, { wrap: true }),
        cols.map((_, c) => (d.in[c] !== d.line.inPlan ? effect : [])),
        n,
      ),
    );
  }

  const blocks: Block[] = [
    [
      title(`SCENARIOS SIDE BY SIDE${options.department ? `: ${options.department}` : ''}, £000`),
      [
        text(
          `The published plan and ${cols.length - 1} saved scenario${cols.length === 2 ? '' : 's'}, year by year. Each scenario is the published plan with its lines switched; its gap is its proposed budget above (+) or below (-) its own target.`,
          { italic: true },
        ),
      ],
    ],
    table,
    lines,
  ];
  const notes = options.notes ?? [];
  if (notes.length)
    blocks.push([title('NOTES'), ...notes.map((note) => [text(`${note.name}: ${note.words}`, { italic: true })])]);

  // A bridge per saved scenario (the plan's is on the MTFS Summary), each with its chart where it balances.
  const bridged = cols.slice(1).map((c) => {
    const budget = c.outcome.budget;
    const range = `${budget.years[0]} - ${budget.years[budget.years.length - 1]}`;
    if (!bridgeBalances(budgetBridge(budget)))
      return {
        block: [
          title(`BUDGET BRIDGE: ${c.name}`),
          [text('The bridge cannot be drawn: a figure it needs is missing from the workbook.', { italic: true })],
        ],
        chart: null,
      };
    const block: Block = [title(`BUDGET BRIDGE: ${c.name}, ${range}, £000`), ...bridgeBlock(budget).slice(1)];
    while (block.length < BRIDGE_ROWS) block.push([]);
    return { block, chart: `Budget bridge: ${c.name}, £000` };
  });
  blocks.push(...bridged.map((b) => b.block));

  const widths = [46, ...cols.flatMap((_, b) => [...(b > 0 ? [3] : []), ...Array<number>(n).fill(12)])];
  const { blockStarts, ...sheet } = composeSheet(SCENARIOS_SHEET, blocks, { freezeRows: 5, widths });
  const firstBridge = blocks.length - bridged.length;
  const charts = bridged.flatMap((b, i) => {
    const start = blockStarts[firstBridge + i];
    const c = cols[i + 1];
    return b.chart && start !== undefined && c
      ? [bridgeChart(start, c.outcome.budget, b.chart, a1(start, CHART_COLUMN))]
      : [];
  });
  return { ...sheet, ...(charts.length ? { charts } : {}) };
}
