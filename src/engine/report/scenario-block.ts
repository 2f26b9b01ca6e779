import type { ScenarioOutcome } from '../scenario';
import { headings, moneyRow, text, title, type Block } from './blocks';

/** What a what-if session changed from the published plan, and the gap to its target, under the budget summary it produced. */
export function scenarioBlock(outcome: ScenarioOutcome, target: unknown[]): Block {
  const years = outcome.budget.years;
  const block: Block = [
    title('SCENARIO: CHANGES FROM THE PUBLISHED PLAN, £000 (cumulative)'),
    headings(
      '',
      years.map((y) => `${y} £000`),
    ),
  ];
  if (!outcome.switchedOut.length && !outcome.switchedIn.length)
    block.push([text('No lines switched: this is the published plan.', { italic: true })]);
  for (const line of outcome.switchedOut)
    block.push(
      moneyRow(
        `Out: ${line.ref ? `${line.ref} ` : ''}${line.label} (${line.source})`,
        line.effect.map((e) => (e ? e.negated() : e)),
      ),
    );
  for (const line of outcome.switchedIn)
    block.push(moneyRow(`In: ${line.ref ? `${line.ref} ` : ''}${line.label} (proposal, income)`, line.effect));
  if (target.some((t) => t !== null && t !== undefined)) {
    block.push(
      moneyRow('Target budget', target as never),
      moneyRow('Gap: proposed budget above (+) or below (-) target', outcome.gap, true),
    );
  }
  return block;
}
