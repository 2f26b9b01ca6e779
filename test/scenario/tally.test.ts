/**
 * The scenario's running totals (ScenarioTally): whatever lines are switched, one at a time or a whole table at once,
 * in any order, the budget is exactly runScenario's for the same lines.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { Decimal } from '../../src/engine/money';
import {
  buildScenario,
  planIds,
  runScenario,
  ScenarioTally,
  type Scenario,
  type ScenarioOutcome,
} from '../../src/engine/scenario';
import { scoreWorkbook } from '../../src/engine/scoring';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { readGrids } from '../support/workbooks';

let scenario: Scenario;
beforeAll(async () => {
  const sheets = await readGrids(EXAMPLE_WITH_PROPOSALS);
  const built = buildScenario(checkWorkbook(sheets), scoreWorkbook(sheets));
  if ('missing' in built) throw new Error(built.missing);
  scenario = built;
});

const words = (o: ScenarioOutcome) => ({
  proposed: o.budget.proposed.map((v) => v?.toFixed() ?? null),
  growth: o.budget.growth.map((v) => v?.toFixed() ?? null),
  savings: o.budget.savings.map((v) => v?.toFixed() ?? null),
  gap: o.gap.map((v) => v?.toFixed() ?? null),
  out: o.switchedOut.map((l) => l.id),
  in: o.switchedIn.map((l) => l.id),
});

describe('the scenario tally', () => {
  it('starts at the published plan, and says every line of a table belongs to it', () => {
    const tally = new ScenarioTally(scenario);
    expect(words(tally.outcome())).toEqual(words(runScenario(scenario, planIds(scenario))));
    const growth = scenario.lines.filter((l) => l.source === 'growth');
    expect(new Set(growth.map((l) => l.table)).size).toBe(1);
    expect(growth[0].table).toMatch(/^Growth/);
  });

  it('gives runScenario’s budget after any switches, single lines or whole groups, with or without targets', () => {
    const ids = () => scenario.lines.map((l) => l.id);
    const step = fc.record({ lines: fc.subarray(ids(), { minLength: 1 }), on: fc.boolean() });
    const target = fc.array(fc.option(fc.integer({ min: -40_000, max: 40_000 }), { nil: null }), {
      minLength: 4,
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), target, (steps, t) => {
        const tally = new ScenarioTally(scenario);
        const included = planIds(scenario);
        for (const s of steps) {
          tally.set(s.lines, s.on);
          for (const id of s.lines)
            if (s.on) included.add(id);
            else included.delete(id);
        }
        const targets = t.map((v) => (v === null ? null : new Decimal(v)));
        expect(words(tally.outcome(targets))).toEqual(words(runScenario(scenario, included, targets)));
        expect(words(new ScenarioTally(scenario, included).outcome(targets))).toEqual(
          words(runScenario(scenario, included, targets)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
