import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { Decimal } from '../../src/engine/money';
import { budgetSummary } from '../../src/engine/report/budget';
import { buildScenario, planIds, runScenario, type Scenario } from '../../src/engine/scenario';
import { scoreWorkbook } from '../../src/engine/scoring';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { b, bu, readGrids, sheet } from '../support/workbooks';

const numbers = (xs: (Decimal | null)[]) => xs.map((x) => (x === null ? null : x.toNumber()));

let check: CheckResult;
let scenario: Scenario;
beforeAll(async () => {
  const sheets = await readGrids(EXAMPLE_WITH_PROPOSALS);
  check = checkWorkbook(sheets);
  const built = buildScenario(check, scoreWorkbook(sheets));
  if ('missing' in built) throw new Error(built.missing);
  scenario = built;
});

const idOf = (ref: string) => scenario.lines.find((l) => l.ref === ref)!.id;
const without = (...refs: string[]) => new Set([...planIds(scenario)].filter((id) => !refs.map(idOf).includes(id)));

describe('what-if: switching growth, savings and proposals in and out', () => {
  it('offers the department’s own growth and savings lines and the proposals no gate stops', () => {
    const offered = scenario.lines.map((l) => `${l.source} ${l.ref}`);
    expect(offered.filter((o) => o.startsWith('growth'))).toEqual(['growth G19', 'growth G20', 'growth G21']);
    expect(offered.filter((o) => o.startsWith('savings'))).toHaveLength(15);
    expect(offered.filter((o) => o.startsWith('proposal'))).toEqual(['proposal C2', 'proposal C1', 'proposal C4']);
    expect(scenario.lines.find((l) => l.ref === 'G20')).toMatchObject({ sheet: 'Growth', cell: 'B8', inPlan: true });
  });

  it('with nothing switched, is exactly the published budget summary', () => {
    const outcome = runScenario(scenario, planIds(scenario));
    expect(numbers(outcome.budget.proposed)).toEqual([33924, 31719, 29689, 25774]);
    expect(outcome.budget).toEqual(budgetSummary(check));
    expect(outcome.switchedOut).toEqual([]);
  });

  it('takes a growth line out of every year it affects', () => {
    const outcome = runScenario(scenario, without('G20'));
    expect(numbers(outcome.budget.growth)).toEqual([140, 20, 30, 30]);
    expect(numbers(outcome.budget.proposed)).toEqual([33724, 31519, 29489, 25574]);
    expect(outcome.switchedOut.map((l) => l.ref)).toEqual(['G20']);
  });

  it('takes out a positive saving (the D84 contingency), which lowers the budget by its cumulative figure', () => {
    const outcome = runScenario(scenario, without('D84'));
    expect(numbers(outcome.budget.savings)).toEqual([-2460, -2200, -2150, -3755]);
    expect(numbers(outcome.budget.proposed)).toEqual([33749, 31569, 29449, 25724]);
  });

  it('brings in a proposal as an income line of its annual net return from year 1', () => {
    const outcome = runScenario(scenario, new Set([...planIds(scenario), idOf('C2')]));
    expect(numbers(outcome.budget.proposed)).toEqual([33524, 31319, 29289, 25374]);
    expect(outcome.switchedIn.map((l) => l.ref)).toEqual(['C2']);
  });

  it('shows the gap to a target each year, where one is set', () => {
    const target = [new Decimal(33000), new Decimal(31000), null, new Decimal(25000)];
    expect(numbers(runScenario(scenario, planIds(scenario), target).gap)).toEqual([924, 719, null, 774]);
    expect(numbers(runScenario(scenario, new Set([...planIds(scenario), idOf('C2'), idOf('C1')]), target).gap)).toEqual(
      [464, 259, null, 314],
    );
  });

  it('reads an incremental appendix as running totals', () => {
    const YEARS = ['2015/16 £000', '2016/17 £000', '2017/18 £000'];
    const sheets = [
      sheet('Summary', [
        [b('ADULTS DEPARTMENT')],
        [undefined, ...YEARS.map(b)],
        ['Updated original budget', 1000, 1100, 1200],
        ['Other changes', 0, 0, 0],
        ['Budget Transfers and Adjustments', 0, 0, 0],
        [b('Sub Total'), b(1000), b(1100), b(1200)],
        ['Add proposed growth (Appendix B)', 100, 100, 100],
        ['Less proposed savings (Appendix B)', 0, 0, 0],
        ['Proposed/Provisional budget (Appendix A)', 1100, 1200, 1300],
      ]),
      sheet('Growth', [
        [b('GROWTH (incremental)')],
        [b('Ref'), undefined, ...YEARS.map(b)],
        [undefined, bu('ADULTS ITEMS')],
        ['G1', 'Care', 60, 60, 60],
        ['G2', 'Transport', 40, 40, 40],
        [undefined, b('Total'), b(100), b(100), b(100)],
      ]),
    ];
    const c = checkWorkbook(sheets);
    const s = buildScenario(c) as Scenario;
    expect(numbers(s.lines.find((l) => l.ref === 'G2')!.effect)).toEqual([40, 80, 120]);
    const outcome = runScenario(s, new Set(s.lines.filter((l) => l.ref === 'G1').map((l) => l.id)));
    expect(numbers(outcome.budget.proposed)).toEqual([1060, 1120, 1180]);
  });
});

describe('writing the chosen scenario as a report', () => {
  it('puts the scenario’s budget in the summary, says what changed and shows the gap', async () => {
    const { buildReport } = await import('../../src/engine/report');
    const target = [new Decimal(33000), new Decimal(31000), new Decimal(29000), new Decimal(25000)];
    const report = buildReport(check, {
      scenario: { scenario, included: new Set([...without('G20'), idOf('C2')]), target },
    });
    const rows = report.sheets[0].sheet.rows.map((r) =>
      r.map((c) => (c && typeof c.value === 'object' && c.value !== null ? Number(c.value) : (c?.value ?? null))),
    );
    const at = (label: string) => rows.find((r) => r[0] === label);
    expect(at('Proposed/Provisional budget (Appendix A)')).toEqual([
      'Proposed/Provisional budget (Appendix A)',
      33324,
      31119,
      29089,
      25174,
    ]);
    expect(at('Out: G20 Data Integrity & Systems Resilience (growth)')).toEqual([
      'Out: G20 Data Integrity & Systems Resilience (growth)',
      -200,
      -200,
      -200,
      -200,
    ]);
    expect(at('In: C2 Energy-efficient street lighting (invest to save) (proposal, income)')).toEqual([
      'In: C2 Energy-efficient street lighting (invest to save) (proposal, income)',
      -400,
      -400,
      -400,
      -400,
    ]);
    expect(at('Gap: proposed budget above (+) or below (-) target')).toEqual([
      'Gap: proposed budget above (+) or below (-) target',
      324,
      119,
      89,
      174,
    ]);
  });
});
