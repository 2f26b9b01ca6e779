/**
 * The state behind the Score, Report, Scenario and Compare views, without a browser: what users type read as the
 * engine reads figures, year 1's fields, the envelope, the scenario's switches and targets, the bridge, what a write
 * will do and what it did, the comparison in words, and the session driving all of it on real workbooks.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compareWorkbooks } from '../../src/engine/changes';
import { checkSummary } from '../../src/engine/check';
import { Decimal } from '../../src/engine/money';
import type { WritePlan } from '../../src/engine/ownership';
import { buildReport } from '../../src/engine/report';
import { buildScenario, planIds, runScenario, type Scenario } from '../../src/engine/scenario';
import { scoreWorkbook } from '../../src/engine/scoring';
import { checkThrough } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { compareView, correctionsView } from '../../src/taskpane/state/compare';
import { outputsFor, whyBlocked } from '../../src/taskpane/state/derive';
import { moneyField, moneyText } from '../../src/taskpane/state/fields';
import { budgetPreview } from '../../src/taskpane/state/report';
import {
  bridgeBars,
  changesWords,
  includedIds,
  PLAN,
  switchGroups,
  switchLine,
  yearTotals,
} from '../../src/taskpane/state/scenario';
import { scoreView, yieldPercent } from '../../src/taskpane/state/score';
import { planWords, writtenWords } from '../../src/taskpane/state/write';
import { editYearOne, yearOneFromCheck, yearOneInputs, NO_YEAR_ONE } from '../../src/taskpane/state/yearone';
import { editedMtfs } from '../changes/fixture-edits';
import { CORPORATE_RESOURCES, EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { gridsToBuffer, readGrids, sheet } from '../support/workbooks';
import { BenchSession } from './workbench-session';

const EXAMPLE = EXAMPLE_WITH_PROPOSALS;
const d = (v: string | number) => new Decimal(v);

const file = (name: string, bytes: Uint8Array | Buffer) => ({
  name,
  arrayBuffer: async () => new Uint8Array(bytes).buffer,
});

function browserSession() {
  return new BenchSession();
}

async function openExample(session = browserSession()) {
  await session.openFile(file('example.xlsx', await readFile(EXAMPLE)));
  expect(session.state.problem).toBeNull();
  return session;
}

async function sheetNames(session: BenchSession): Promise<string[]> {
  return (await session.state.source!.port.listSheets()).map((s) => s.name);
}

describe('figures typed by the user', () => {
  it('reads £000 figures as the engine reads figures typed as text, and refuses anything it would have to guess', () => {
    expect(moneyField('32,859').value?.toFixed()).toBe('32859');
    expect(moneyField('(500)').value?.toFixed()).toBe('-500');
    expect(moneyField(' £1,450.25 ').value?.toFixed()).toBe('1450.25');
    expect(moneyField('')).toEqual({ text: '', value: null, error: null });
    expect(moneyField('1.4m')).toEqual({
      text: '1.4m',
      value: null,
      error: 'Enter a figure in £000, such as 32,859 or (500).',
    });
    expect(moneyField('12%', { notNegative: true, example: '1,000' }).error).toBe(
      'Enter a figure in £000, such as 1,000.',
    );
    expect(moneyField('-5', { notNegative: true }).error).toBe('This cannot be negative: enter 0 or more, in £000.');
    expect(moneyField('0', { notNegative: true }).value?.toFixed()).toBe('0');
    expect(moneyText(d('-1234567.5'))).toBe('-1,234,567.5');
    expect(moneyText(d(32859))).toBe('32,859');
  });
});

describe("year 1's fields", async () => {
  const { check } = await checkThrough(await XlsxWorkbook.open(await readFile(EXAMPLE)));

  it("fill in from the workbook's budget summary, and leave the engine to read them until the user changes one", () => {
    const filled = yearOneFromCheck(check);
    expect([filled.fields.originalBudget.text, filled.fields.otherChanges.text, filled.fields.transfers.text]).toEqual([
      '32,859',
      '0',
      '3,010',
    ]);
    expect(filled.fromWorkbook).toBe(true);
    expect(yearOneInputs(filled)).toEqual({});
    const edited = editYearOne(filled, 'originalBudget', '33,000');
    const inputs = yearOneInputs(edited);
    expect('yearOne' in inputs && inputs.yearOne?.originalBudget?.toFixed()).toBe('33000');
    expect('yearOne' in inputs && inputs.yearOne?.transfers?.toFixed()).toBe('3010');
    const preview = budgetPreview(check, edited);
    expect('years' in preview && preview.years.map((y) => y.proposed)).toEqual([
      '34,065',
      '31,860',
      '29,830',
      '25,915',
    ]);
    expect('years' in preview && preview.inputsFrom).toBe('entered by the user');
  });

  it('say what is wrong: a figure it cannot read, or other changes without the original budget', () => {
    const filled = yearOneFromCheck(check);
    expect(yearOneInputs(editYearOne(filled, 'transfers', 'three thousand'))).toEqual({
      problem: 'Transfers: Enter a figure in £000, such as 32,859 or (500).',
    });
    expect(yearOneInputs(editYearOne(filled, 'originalBudget', ''))).toEqual({
      problem: "Enter the updated original budget (£000), or go back to the workbook's figures.",
    });
    expect(yearOneInputs(editYearOne(NO_YEAR_ONE, 'transfers', '10'))).toEqual({
      problem: 'Enter the updated original budget as well as other changes and transfers (all in £000).',
    });
    expect(yearOneInputs(editYearOne(NO_YEAR_ONE, 'transfers', ''))).toEqual({});
    expect(budgetPreview(check, editYearOne(filled, 'transfers', 'x'))).toEqual({
      missing: "Correct year 1's figures above to see the budget summary.",
    });
  });
});

describe('the Score view in words', async () => {
  const { read } = await checkThrough(await XlsxWorkbook.open(await readFile(EXAMPLE)));

  it('ranks the proposals with every figure the engine worked out, and says what the envelope chose', () => {
    const view = scoreView(scoreWorkbook(read.inputs, { envelope: d(1000) }));
    if (view.kind !== 'scored') throw new Error(view.kind);
    expect(view.summary).toBe('5 proposals scored: 3 Priority 1, 2 Not supported');
    expect(
      view.proposals.map(
        (p) => `${p.rank} ${p.ref} ${p.reward} ${p.band} ${p.riskRating} ${p.riskLevel}${p.chosen ? ' chosen' : ''}`,
      ),
    ).toEqual([
      '1 C2 81.0 Priority 1 4 Low chosen',
      '2 C1 75.0 Priority 1 9 Medium',
      '3 C4 71.0 Priority 1 2 Low chosen',
      '4 C5 59.0 Not supported 12 Medium',
      '5 C3 54.0 Not supported 16 High',
    ]);
    const c1 = view.proposals[1];
    expect(c1.criteria.map((c) => `${c.name} ${c.score} × ${c.weight} → ${c.points}`)).toEqual([
      'Net yield 5 × 25 → 25.0',
      'Scale of return 2 × 15 → 6.0',
      'Strategic fit 4 × 20 → 16.0',
      'Customer service 4 × 20 → 16.0',
      'Deliverability 3 × 20 → 12.0',
    ]);
    expect([c1.yield, c1.investment, c1.annualReturn, c1.cell]).toEqual(['30%', '200', '60', 'A4']);
    expect(view.proposals[4].gates).toEqual(['Outside the area', 'Risk not proportionate to reward']);
    expect(view.proposals[3].yield).toBeNull();
    expect(view.selection).toEqual({
      envelope: '1,000',
      chosen: [
        { ref: 'C2', project: 'Energy-efficient street lighting (invest to save)' },
        { ref: 'C4', project: 'Charge for pre-planning advice' },
      ],
      totalInvestment: '910',
      totalReward: '152.0',
      totalReturn: '480',
    });
    expect(view.thresholds).toEqual({ priority1: 70, priority2: 50, lowUpTo: 4, mediumUpTo: 12 });
  });

  it('says the proposals cannot be scored while the Scoring Model sheet cannot be used, cell by cell', () => {
    const view = scoreView(scoreWorkbook([...read.inputs, sheet('Scoring Model', [['My notes on scoring']])]));
    if (view.kind !== 'stopped') throw new Error(view.kind);
    expect(view.problems.map((p) => `${p.sheet}!${p.cell}: ${p.message}`)).toEqual([
      'Scoring Model!A1: There is no Reward criteria table: its heading "Criterion" was not found in column A.',
      'Scoring Model!A1: There is no Risk levels table: its heading "Risk level" was not found in column A.',
      'Scoring Model!A1: There is no Gates table: its heading "Gate" was not found in column A.',
      'Scoring Model!A1: There is no Bands table: its heading "Band" was not found in column A.',
    ]);
  });

  it('rounds a yield down, so it never reads as reaching a threshold it misses', () => {
    expect(yieldPercent(d('0.44444'))).toBe('44.4%');
    expect(yieldPercent(d('0.02999'))).toBe('2.9%');
    expect(yieldPercent(d(8))).toBe('800%');
  });

  it('says when there is no Commercial Projects sheet, and lists incomplete rows with their cells', async () => {
    expect(scoreView(scoreWorkbook(await readGrids(CORPORATE_RESOURCES))).kind).toBe('no-sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    // C4's Deliverability (row 7, column J) typed as a word.
    wb.getWorksheet('Commercial Projects')!.getCell('J7').value = 'good';
    const grids = await (await XlsxWorkbook.open(new Uint8Array(await wb.xlsx.writeBuffer()))).readSheets();
    const view = scoreView(scoreWorkbook(grids));
    if (view.kind !== 'scored') throw new Error(view.kind);
    expect(view.proposals.map((p) => p.ref)).toEqual(['C2', 'C1', 'C5', 'C3']);
    expect(view.incomplete).toHaveLength(1);
    expect(view.incomplete[0].name).toBe('C4');
    expect(view.incomplete[0].problems).toHaveLength(1);
    expect(view.incomplete[0].problems[0]).toMatchObject({ sheet: 'Commercial Projects', cell: 'J7' });
    expect(view.incomplete[0].problems[0].message).toMatch(/^[A-Z].*\.$/);
  });
});

describe('the Scenario view', async () => {
  const { read, check } = await checkThrough(await XlsxWorkbook.open(await readFile(EXAMPLE)));
  const scenario = buildScenario(check, scoreWorkbook(read.inputs)) as Scenario;
  const line = (ref: string) => scenario.lines.find((l) => l.ref === ref)!;

  it('switches plan lines out and proposals in, as changes from the plan', () => {
    expect(includedIds(scenario, PLAN)).toEqual(planIds(scenario));
    const out = switchLine(PLAN, line('G20'), false);
    const both = switchLine(out, line('C2'), true);
    expect([...both.out]).toEqual(['Growth!B8']);
    expect([...both.in]).toEqual(['proposal:C2']);
    const included = includedIds(scenario, both);
    expect(included.has('Growth!B8')).toBe(false);
    expect(included.has('proposal:C2')).toBe(true);
    expect(switchLine(switchLine(both, line('G20'), true), line('C2'), false)).toEqual({
      out: new Set(),
      in: new Set(),
    });
    const groups = switchGroups(scenario, included);
    expect(groups.map((g) => [g.title, g.items.length, g.items.filter((i) => i.on).length])).toEqual([
      ['Growth (Appendix B)', 3, 2],
      ['Savings (Appendix B)', 15, 15],
      ['Commercial proposals (as income)', 3, 1],
    ]);
    expect(groups[0].items[1]).toMatchObject({
      label: 'G20 Data Integrity & Systems Resilience',
      effect: '200 · 200 · 200 · 200',
      on: false,
      cell: 'B8',
    });
  });

  it('shows the proposed budget and the gap to the target in words, and what was switched', () => {
    const choices = switchLine(switchLine(PLAN, line('G20'), false), line('C2'), true);
    const targets = [d(33000), null, d(29089), d(26000)];
    const outcome = runScenario(scenario, includedIds(scenario, choices), targets);
    expect(yearTotals(outcome, targets)).toEqual([
      { year: '2015/16', proposed: '33,324', target: '33,000', gap: '324 over', gapKind: 'over' },
      { year: '2016/17', proposed: '31,119', target: null, gap: null, gapKind: null },
      { year: '2017/18', proposed: '29,089', target: '29,089', gap: 'On target', gapKind: 'on' },
      { year: '2018/19', proposed: '25,174', target: '26,000', gap: '826 under', gapKind: 'under' },
    ]);
    expect(changesWords(outcome)).toBe('Switched out: G20. Switched in: C2.');
    expect(changesWords(runScenario(scenario, planIds(scenario)))).toBe(
      'The published plan: every growth and savings line in, no proposals.',
    );
  });

  it("draws the bridge from the engine's steps: each change from the running budget before it to the one after, ending at the last level", () => {
    const bars = bridgeBars(runScenario(scenario, planIds(scenario)).budget)!;
    expect(bars.map((b) => `${b.label} ${b.value} ${b.kind}`)).toEqual([
      'Sub Total 2015/16 35,869 level',
      'Growth 2015/16 340 up',
      'Savings 2015/16 -2,285 down',
      'Growth 2016/17 20 up',
      'Savings 2016/17 -2,225 down',
      'Growth 2017/18 30 up',
      'Savings 2017/18 -2,060 down',
      'Growth 2018/19 30 up',
      'Savings 2018/19 -3,945 down',
      'Proposed budget 2018/19 25,774 level',
    ]);
    expect(bars[1]).toMatchObject({ from: 35869, to: 36209 });
    expect(bars[2]).toMatchObject({ from: 36209, to: 33924 });
    expect(bars[8].to).toBe(bars[9].to);
    const broken = { ...runScenario(scenario, planIds(scenario)).budget };
    broken.savings = [null, ...broken.savings.slice(1)];
    expect(bridgeBars(broken)).toBeNull();
  });

  it("writes the same sheets as the report, only with the scenario's budget in them (the preview relies on it)", () => {
    const scores = scoreWorkbook(read.inputs);
    const names = (sheets: { sheet: { name: string }; owned: boolean }[]) =>
      sheets.map((s) => `${s.sheet.name}${s.owned ? '' : ' (kept)'}`);
    const report = buildReport(check, { scores }).sheets;
    const withScenario = buildReport(check, {
      scores,
      scenario: { scenario, included: new Set(), target: [d(1)] },
    }).sheets;
    expect(names(withScenario)).toEqual(names(report));
  });
});

describe('what a write will do, and did', () => {
  const sheet = (name: string) => ({ sheet: { name, columnWidths: [], rows: [] }, owned: true });
  it('names the sheets added, replaced, created and kept, or why nothing will be written', () => {
    const plan: WritePlan = {
      write: [{ ...sheet('Scoring Model'), owned: false }, sheet('MTFS Summary'), sheet('MTFS Findings')],
      replace: ['MTFS Findings'],
      kept: [],
      refused: [],
    };
    const words = planWords(plan);
    expect(words.lines).toEqual([
      'Adds the sheet “MTFS Summary”.',
      "Replaces the add-in's own “MTFS Findings”, written earlier: you will be asked first.",
      'Creates “Scoring Model” with the default weights and thresholds: yours to change; the add-in never replaces it.',
      'Your other sheets are not changed.',
    ]);
    expect(writtenWords(plan, 'browser').message).toBe(
      "Wrote “MTFS Summary” and “MTFS Findings” (replacing the add-in's earlier one) and created “Scoring Model”. Your own sheets are unchanged. Download the workbook to save a copy with them.",
    );
    expect(writtenWords(plan, 'excel').message).toBe(
      "Wrote “MTFS Summary” and “MTFS Findings” (replacing the add-in's earlier one) and created “Scoring Model”. Your own sheets are unchanged.",
    );
    const refused = planWords({
      write: [],
      replace: [],
      kept: ['Scoring Model'],
      refused: ['A sheet called "MTFS Summary" already exists.'],
    });
    expect(refused.lines).toEqual([]);
    expect(refused.refused).toEqual(['A sheet called "MTFS Summary" already exists.']);
  });
});

describe('the Compare view in words', () => {
  it('lists each table’s new, amended and removed lines, the stars that disagree, and where each goes', async () => {
    const fixture = await readGrids(CORPORATE_RESOURCES);
    const check = async (bytes: Uint8Array) => (await checkThrough(await XlsxWorkbook.open(bytes))).check;
    const view = compareView(
      compareWorkbooks(
        await check(await gridsToBuffer(fixture)),
        await check(await gridsToBuffer(editedMtfs(fixture))),
      ),
    );
    expect(view.summary).toBe('3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree');
    expect(view.disagreements).toBe(3);
    const growth = view.tables[0];
    expect(
      growth.items.map(
        (i) =>
          `${i.label} ${i.name} @${i.at?.cell}: ${i.amounts}${i.marker ? ` [${i.marker}]` : ''}${i.note ? ` (${i.note})` : ''}`,
      ),
    ).toEqual([
      'Amended G19 Revenue consequences of Corporate ICT capital programme & PSN compliance @A7: 2016/17 60 → 75',
      'Unchanged G25 Data Integrity & Systems Resilience @A8:  [G25 has no star, but it was in the previous MTFS unchanged: it should be *.] (reference was G20)',
      'New G23 Digital inclusion programme @A9: 2015/16 50, 2016/17 50, 2017/18 50, 2018/19 50',
      'Removed G21 Development of Digital Services @A4: Was at Growth!A9 in the previous MTFS: 2015/16 100, 2016/17 100, 2017/18 100, 2018/19 100',
    ]);
    expect(growth.unchanged).toBe(2);
    const removed = view.tables.flatMap((t) =>
      t.items.filter((i) => i.change === 'removed').map((i) => `${t.title}: ${i.name} @${i.at?.sheet}!${i.at?.cell}`),
    );
    expect(removed).toHaveLength(3);
    expect(removed[1]).toBe('Savings (Appendix B): D86 End support for community ICT @Savings!A4');
  });
});

describe('the session behind the views', () => {
  it('scores on opening and again as the envelope changes; an envelope it cannot read chooses nothing and says why', async () => {
    const session = await openExample();
    expect(session.state.scores?.projects.map((p) => p.ref)).toEqual(['C2', 'C1', 'C4', 'C5', 'C3']);
    expect(session.state.scores?.selection).toBeUndefined();
    session.setEnvelope('1,000');
    expect(session.state.scores?.selection?.chosen.map((p) => p.ref)).toEqual(['C2', 'C4']);
    session.setEnvelope('a lot');
    expect(session.state.envelope.error).toBe('Enter a figure in £000, such as 1,000.');
    expect(session.state.scores?.selection).toBeUndefined();
    expect(outputsFor('report', session.state, session.state)).toEqual({
      blocked: 'The investment envelope: Enter a figure in £000, such as 1,000.',
    });
  });

  it('writes the report, says which sheets, checks again without reading them, and asks before replacing them', async () => {
    const session = await openExample();
    const before = checkSummary(session.state.check!);
    expect(planWords(session.state.plans.report!).adds).toEqual(['MTFS Summary', 'Proposal Scores', 'MTFS Findings']);
    await session.write('report');
    expect(session.state.problem).toBeNull();
    expect(session.state.written?.sheets).toEqual([
      'Scoring Model',
      'MTFS Summary',
      'Proposal Scores',
      'MTFS Findings',
    ]);
    expect(session.state.sheets!.map((s) => s.name)).toContain('MTFS Summary');
    expect(session.state.inputs!.map((s) => s.name)).not.toContain('MTFS Summary');
    expect(checkSummary(session.state.check!)).toBe(before);
    expect(session.state.plans.report!.replace).toEqual(['MTFS Summary', 'Proposal Scores', 'MTFS Findings']);

    await session.write('report');
    expect(session.state.confirming).toEqual({
      target: 'report',
      replace: ['MTFS Summary', 'Proposal Scores', 'MTFS Findings'],
    });
    session.cancelWrite();
    expect(session.state.confirming).toBeNull();
    session.setYearOne('originalBudget', '33,000');
    await session.write('report');
    await session.confirmWrite();
    expect(session.state.written?.message).toMatch(
      /^Wrote “MTFS Summary”, “Proposal Scores” and “MTFS Findings” \(replacing the add-in's earlier ones\)\./,
    );
    expect(await sheetNames(session)).toEqual([
      'Budget Summary',
      'Revenue Budget',
      'Growth',
      'Savings',
      'Capital Programme',
      'Commercial Projects',
      'Scoring Model',
      'MTFS Summary',
      'Proposal Scores',
      'MTFS Findings',
    ]);
    // The user's year-1 figure stays after the re-check.
    expect(session.state.yearOne.fields.originalBudget.text).toBe('33,000');
  });

  it('keeps the switches and targets through a write and re-check, and resets to the plan', async () => {
    const session = await openExample();
    const lines = () => (session.state.scenario as Scenario).lines;
    const proposed = () => session.state.outcome!.budget.proposed[0]!.toFixed();
    expect(proposed()).toBe('33924');
    session.setLine(
      lines().find((l) => l.ref === 'G20')!,
      false,
    );
    expect(proposed()).toBe('33724');
    session.setLine(
      lines().find((l) => l.ref === 'C2')!,
      true,
    );
    expect(proposed()).toBe('33324');
    session.setTarget(0, '33,000');
    expect(session.state.outcome!.gap[0]!.toFixed()).toBe('324');
    session.setTarget(1, 'soon');
    expect(outputsFor('scenario', session.state, session.state)).toEqual({
      blocked: 'A target budget: Enter a figure in £000, such as 33,500 or (500).',
    });
    session.setTarget(1, '');
    await session.write('scenario');
    expect(session.state.written?.target).toBe('scenario');
    expect(proposed()).toBe('33324');
    session.resetScenario();
    expect(proposed()).toBe('33924');
    expect(session.state.outcome!.gap[0]!.toFixed()).toBe('924');
  });

  it("refuses to write over a sheet of the user's with the same name, and says so: nothing is written", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    wb.addWorksheet('MTFS Summary').getCell('A1').value = 'notes';
    const session = browserSession();
    await session.openFile(file('own.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())));
    expect(session.state.plans.report!.refused).toHaveLength(1);
    const names = await sheetNames(session);
    await session.write('report');
    expect(session.state.problem?.title).toBe('Could not write the report');
    expect(session.state.problem?.message).toMatch(
      /^A sheet called "MTFS Summary" already exists and was not written by the add-in, so it will not be overwritten\./,
    );
    expect(session.state.written).toBeNull();
    expect(await sheetNames(session)).toEqual(names);
  });

  it('compares with a previous MTFS it reads itself, and says plainly when that file has nothing to compare', async () => {
    const session = browserSession();
    const fixture = await readGrids(CORPORATE_RESOURCES);
    await session.openFile(file('this-year.xlsx', await gridsToBuffer(editedMtfs(fixture))));
    await session.openPrevious(file('last-year.xlsx', await readFile(CORPORATE_RESOURCES)));
    expect(session.state.changes?.summary.new).toBe(3);
    expect(planWords(session.state.plans.changes!).adds).toEqual(['Changes since previous MTFS']);
    await session.write('changes');
    expect(session.state.written?.sheets).toEqual(['Changes since previous MTFS']);
    // Still compared after the re-check, and the Changes sheet is not read as input.
    expect(session.state.changes?.summary.new).toBe(3);
    expect(session.state.inputs!.map((s) => s.name)).not.toContain('Changes since previous MTFS');

    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Notes').getCell('A1').value = 'nothing here';
    await session.openPrevious(file('notes.xlsx', new Uint8Array(await blank.xlsx.writeBuffer())));
    expect(session.state.problem).toEqual({
      intent: 'error',
      title: 'Could not compare with notes.xlsx',
      message: 'The file notes.xlsx has no growth, savings or capital programme table to compare with.',
    });
    expect(session.state.previous?.name).toBe('last-year.xlsx');
  });

  describe('correcting a pairing', async () => {
    const fixture = await readGrids(CORPORATE_RESOURCES);
    const thisYear = await gridsToBuffer(editedMtfs(fixture));
    const lastYear = await readFile(CORPORATE_RESOURCES);

    async function compared() {
      const session = browserSession();
      await session.openFile(file('this-year.xlsx', thisYear));
      await session.openPrevious(file('last-year.xlsx', lastYear));
      expect(session.state.problem).toBeNull();
      return session;
    }
    const item = (session: BenchSession, key: string) =>
      compareView(session.state.changes!)
        .tables.flatMap((t) => t.items)
        .find((i) => i.key === key);
    const described = (i: ReturnType<typeof item>) =>
      i && `${i.label} ${i.name}: ${i.amounts}${i.note ? ` (${i.note})` : ''}`;
    const words = (session: BenchSession) =>
      correctionsView(session.state.corrections, session.state.previous!.check, session.state.check).map(
        (c) => c.words,
      );
    /** The Changes sheet the Write button would write: its row for a line, by the line's description. */
    function sheetRow(session: BenchSession, description: string): string[] {
      const built = outputsFor('changes', session.state, session.state);
      if ('blocked' in built) throw new Error(built.blocked);
      const row = built.outputs[0].sheet.rows.find((r) => r[1]?.value === description);
      if (!row) throw new Error(`no row for ${description}`);
      return row.map((c) => (c?.value === null || c?.value === undefined ? '' : String(c.value)));
    }

    it('pairs a new line with a removed one by hand: it becomes amended, paired by hand, in the view and on the Changes sheet', async () => {
      const session = await compared();
      // G21 was taken out and G23 put in its place, at Growth!A9 in both workbooks.
      const g23 = item(session, 'Growth!A9')!;
      expect(described(g23)).toBe(
        'New G23 Digital inclusion programme: 2015/16 50, 2016/17 50, 2017/18 50, 2018/19 50',
      );
      expect(g23.unpair).toBeNull();
      // Only the removed growth line is offered: not the removed savings or capital lines.
      expect(g23.pairWith).toEqual({
        current: 'Growth!A9',
        removed: [{ id: 'Growth!A9', label: 'G21 Development of Digital Services (Growth!A9)' }],
      });

      session.sameLine('Growth!A9', 'Growth!A9');
      expect(session.state.corrections).toEqual([
        {
          previous: 'Growth!A9',
          current: 'Growth!A9',
          same: true,
          seen: { previous: 'G21 Development of Digital Services', current: 'G23 Digital inclusion programme' },
        },
      ]);
      expect(session.state.changes!.summary).toMatchObject({ new: 2, amended: 5, unchanged: 22, removed: 2 });
      const paired = item(session, 'Growth!A9')!;
      expect(described(paired)).toBe(
        'Amended G23 Digital inclusion programme: 2015/16 100 → 50, 2016/17 100 → 50, 2017/18 100 → 50, 2018/19 100 → 50 (paired by hand; reference was G21; previously "Development of Digital Services")',
      );
      expect([paired.pairWith, paired.unpair]).toEqual([null, null]);
      expect(item(session, 'previous Growth!A9')).toBeUndefined();
      // Typed without a star, it is now an amended line: it should be **.
      expect(paired.marker).toBe(
        'G23 has no star, but it was in the previous MTFS and has been amended (2015/16 100 → 50, 2016/17 100 → 50, 2017/18 100 → 50, 2018/19 100 → 50): it should be **.',
      );
      expect(words(session)).toEqual([
        'G21 Development of Digital Services (Growth!A9 in the previous MTFS) is the same line as G23 Digital inclusion programme (Growth!A9)',
      ]);

      // The Changes sheet the view writes says the same.
      const row = sheetRow(session, 'Digital inclusion programme');
      expect(row.slice(0, 5)).toEqual(['G23', 'Digital inclusion programme', 'Amended', 'none', '**']);
      expect(row[row.length - 1]).toBe(
        'paired by hand; reference was G21; previously "Development of Digital Services"; marker should be **',
      );
      expect(session.state.plans.changes).toBeDefined();

      session.undoCorrection(session.state.corrections[0]);
      expect(session.state.corrections).toEqual([]);
      expect(session.state.changes!.summary).toMatchObject({ new: 3, amended: 4, unchanged: 22, removed: 3 });
      expect(item(session, 'Growth!A9')!.label).toBe('New');
    });

    it('un-pairs a description match: both lines are then new and removed, and the star follows', async () => {
      const session = await compared();
      // One of the five T24 reviews was reworded "Review of Operational ICT services": matched by description.
      const reworded = item(session, 'Savings!A8')!;
      expect(described(reworded)).toBe(
        'Unchanged T24 Review of Operational ICT services:  (matched by description (84% alike); previously "Review of Operational ICT")',
      );
      expect(reworded.unpair).toEqual({
        previous: 'Savings!A8',
        current: 'Savings!A8',
        previousName: 'T24 Review of Operational ICT',
      });
      // A description that is the same text needs no correcting offer; nor does a line paired by reference.
      expect(item(session, 'Growth!A7')!.unpair).toBeNull();

      session.notSameLine('Savings!A8', 'Savings!A8');
      expect(session.state.changes!.summary).toMatchObject({ new: 4, amended: 4, unchanged: 21, removed: 4 });
      const now = item(session, 'Savings!A8')!;
      expect(described(now)).toBe(
        'New T24 Review of Operational ICT services: 2015/16 -480, 2016/17 -1,040, 2017/18 -1,375, 2018/19 -2,140',
      );
      expect(now.marker).toBe(
        'T24 Review of Operational ICT services is marked * (unchanged) but it is new since the previous MTFS: it should have no star.',
      );
      expect(described(item(session, 'previous Savings!A8'))).toMatch(
        /^Removed T24 Review of Operational ICT: Was at Savings!A8 in the previous MTFS/,
      );
      // Now a new line, it can be paired back by hand with any removed savings line.
      expect(now.pairWith!.removed.map((r) => r.id)).toEqual(['Savings!A8', 'Savings!A21']);
      expect(words(session)).toEqual([
        'T24 Review of Operational ICT (Savings!A8 in the previous MTFS) is not the same line as T24 Review of Operational ICT services (Savings!A8)',
      ]);
      expect(sheetRow(session, 'Review of Operational ICT services').slice(0, 5)).toEqual([
        'T24',
        'Review of Operational ICT services',
        'New',
        '*',
        'none',
      ]);
      expect(sheetRow(session, 'Review of Operational ICT').slice(0, 3)).toEqual([
        'T24',
        'Review of Operational ICT',
        'Removed',
      ]);

      // The latest word on two lines replaces the earlier one: now they are the same line after all, by hand.
      session.sameLine('Savings!A8', 'Savings!A8');
      expect(session.state.corrections).toEqual([
        {
          previous: 'Savings!A8',
          current: 'Savings!A8',
          same: true,
          seen: { previous: 'T24 Review of Operational ICT', current: 'T24 Review of Operational ICT services' },
        },
      ]);
      expect(described(item(session, 'Savings!A8'))).toBe(
        'Unchanged T24 Review of Operational ICT services:  (paired by hand; previously "Review of Operational ICT")',
      );

      session.notSameLine('Growth!A8', 'Growth!A8');
      expect(session.state.corrections).toHaveLength(2);
      session.clearCorrections();
      expect(session.state.corrections).toEqual([]);
      expect(session.state.changes!.summary).toMatchObject({ new: 3, amended: 4, unchanged: 22, removed: 3 });
    });

    it('says in plain words when a correction cannot be applied, writes nothing until it is undone', async () => {
      const session = await compared();
      session.sameLine('Growth!A7', 'Savings!A8');
      expect(session.state.correctionProblem).toBe(
        'Growth!A7 is a growth line and Savings!A8 a savings line: only lines of the same kind can be the same line.',
      );
      expect(session.state.changes).toBeNull();
      expect(whyBlocked('changes', session.state, session.state)).toBe(
        'Undo the correction that cannot be applied, or clear your corrections, first.',
      );
      expect(outputsFor('changes', session.state, session.state)).toEqual({
        blocked: 'Undo the correction that cannot be applied, or clear your corrections, first.',
      });
      // The correction is still listed, so it can be undone.
      expect(words(session)).toEqual([
        'G19 Revenue consequences of Corporate ICT capital programme & PSN compliance (Growth!A7 in the previous MTFS) is the same line as T24 Review of Operational ICT services (Savings!A8)',
      ]);
      session.undoCorrection(session.state.corrections[0]);
      expect(session.state.correctionProblem).toBeNull();
      expect(session.state.changes!.summary.new).toBe(3);

      session.notSameLine('Growth!Z99', 'Growth!A9');
      expect(session.state.correctionProblem).toBe(
        'There is no growth, savings or capital line at Growth!Z99 in the previous MTFS.',
      );
      expect(words(session)).toEqual([
        'Growth!Z99 in the previous MTFS is not the same line as G23 Digital inclusion programme (Growth!A9)',
      ]);
      session.clearCorrections();
      expect(session.state.correctionProblem).toBeNull();
    });

    it('refuses a correction once the user has moved its line (a row inserted above it), rather than pair other lines', async () => {
      const session = await compared();
      session.sameLine('Growth!A9', 'Growth!A9');
      // The user inserts a row above the line in Excel: the workbook the pane reads again is the edited one.
      const port = session.state.source!.port as XlsxWorkbook;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await port.toBuffer()) as unknown as ArrayBuffer);
      wb.getWorksheet('Growth')!.spliceRows(6, 0, ['G99', 'A growth line added above', 1, 1, 1, 1]);
      const edited = await XlsxWorkbook.open(new Uint8Array(await wb.xlsx.writeBuffer()));
      port.readSheets = (progress) => edited.readSheets(progress);
      port.listSheets = () => edited.listSheets();
      await session.checkAgain();
      expect(session.state.problem).toBeNull();
      expect(session.state.correctionProblem).toBe(
        'Growth!A9 in the current MTFS now holds G25 Data Integrity & Systems Resilience, not G23 Digital inclusion programme as when the lines were paired; the sheet has changed since.',
      );
      expect(whyBlocked('changes', session.state, session.state)).toBe(
        'Undo the correction that cannot be applied, or clear your corrections, first.',
      );
      // Listed by the lines the user paired, not by what the cell holds now.
      expect(words(session)).toEqual([
        'G21 Development of Digital Services (Growth!A9 in the previous MTFS) is the same line as G23 Digital inclusion programme (Growth!A9)',
      ]);
      session.clearCorrections();
      expect(session.state.changes!.summary.new).toBe(4);
    });

    it('keeps the corrections through writing the Changes sheet, and clears them on another previous MTFS or another workbook', async () => {
      const session = await compared();
      session.sameLine('Growth!A9', 'Growth!A9');
      await session.write('changes');
      expect(session.state.problem).toBeNull();
      // Checked again after writing: still corrected, and the sheet written says so.
      expect(session.state.corrections).toHaveLength(1);
      expect(session.state.changes!.summary.amended).toBe(5);
      const written = session.state.sheets!.find((s) => s.name === 'Changes since previous MTFS')!;
      const g23 = written.rows.find((r) => r?.[0]?.value === 'G23')!;
      expect(g23.map((c) => c?.value)).toContain(
        'paired by hand; reference was G21; previously "Development of Digital Services"; marker should be **',
      );
      // A correction says the sheet written earlier no longer shows the comparison.
      expect(session.state.written?.target).toBe('changes');
      session.notSameLine('Savings!A8', 'Savings!A8');
      expect(session.state.written).toBeNull();

      await session.openPrevious(file('draft.xlsx', lastYear));
      expect(session.state.previous?.name).toBe('draft.xlsx');
      expect(session.state.corrections).toEqual([]);
      expect(session.state.changes!.summary.new).toBe(3);

      session.sameLine('Growth!A9', 'Growth!A9');
      await session.openFile(file('another.xlsx', thisYear));
      expect(session.state.corrections).toEqual([]);
      expect(session.state.previous).toBeNull();
      expect(session.state.changes).toBeNull();
    });
  });
});
