import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText, type SheetGrid } from '../../src/engine/grid';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { Decimal } from '../../src/engine/money';
import { buildReport, FINDINGS_SHEET } from '../../src/engine/report';
import { scenariosSheet, SCENARIOS_SHEET } from '../../src/engine/report/scenarios-sheet';
import { buildScenario, planIds, type Scenario } from '../../src/engine/scenario';
import { scoreWorkbook } from '../../src/engine/scoring';
import {
  compareProblem,
  compareSaved,
  isOpen,
  markCounts,
  markFindings,
  markProblem,
  markStatusWords,
  readSession,
  resolveScenario,
  scenarioNameProblem,
  scenarioToSave,
  signOffFor,
  withoutSavedScenario,
  withoutSignOff,
  withSavedScenario,
  withSignOff,
  type SavedScenario,
} from '../../src/engine/session';
import type { AddinStore } from '../../src/engine/store';
import { writeOutputs } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';

const NOW = '2026-12-01T09:00:00.000Z';
let grids: SheetGrid[];
let check: CheckResult;
let scenario: Scenario;

function scenarioOf(sheets: SheetGrid[]): Scenario {
  const built = buildScenario(checkWorkbook(sheets), scoreWorkbook(sheets));
  if ('missing' in built) throw new Error(built.missing);
  return built;
}

beforeAll(async () => {
  grids = await readGrids(EXAMPLE_WITH_PROPOSALS);
  check = checkWorkbook(grids);
  scenario = scenarioOf(grids);
});

const idOf = (ref: string, s = scenario) => s.lines.find((l) => l.ref === ref)!.id;
const numbers = (xs: (Decimal | null)[]) => xs.map((x) => (x === null ? null : x.toNumber()));

/** "Option A": G20 out, C2 (a proposal) in, a target for 2016/17. */
function optionA(s = scenario): SavedScenario {
  const included = planIds(s);
  included.delete(idOf('G20', s));
  included.add(idOf('C2', s));
  const targets = s.base.years.map((_, i) => (i === 1 ? new Decimal(31000) : null));
  return scenarioToSave('Option A: protect libraries', s, included, targets, NOW);
}

function optionB(s = scenario): SavedScenario {
  const included = planIds(s);
  included.delete(idOf('D84', s));
  return scenarioToSave('Option B', s, included, [], NOW);
}

describe('saved scenarios in the workbook', () => {
  it('keeps a scenario as the lines it switched (cell, reference, description) and its targets', () => {
    const saved = optionA();
    expect(saved.out).toEqual([{ id: 'Growth!B8', source: 'growth', ref: 'G20', label: expect.any(String) }]);
    expect(saved.in.map((l) => l.ref)).toEqual(['C2']);
    expect(saved.targets).toEqual([{ year: scenario.base.years[1].label, value: '31000' }]);
  });

  it('comes back from the .xlsx after saving, with the rest of the record kept', async () => {
    const wb = await XlsxWorkbook.open(readFileSync(EXAMPLE_WITH_PROPOSALS));
    await writeOutputs(wb, buildReport(check).sheets);
    const before = (await wb.readStore())!;
    await wb.writeStore(withSavedScenario(withSavedScenario(before, optionA()), optionB()));
    const reopened = await XlsxWorkbook.open(await wb.toBuffer());
    const store = (await reopened.readStore())!;
    expect(store.ownedSheets).toEqual(before.ownedSheets);
    const session = readSession(store);
    expect(session.problems).toEqual([]);
    expect(session.scenarios.map((s) => s.name)).toEqual(['Option A: protect libraries', 'Option B']);
    expect(session.scenarios[0]).toEqual(optionA());
    // The add-in's sheets still count as its own: a re-run replaces them.
    expect((await reopened.listSheets()).filter((s) => s.owned).map((s) => s.name)).toContain('MTFS Summary');
  });

  it('replaces a scenario saved again under the same name (case and spacing aside), and deletes by name', () => {
    let store = withSavedScenario(null, optionA());
    store = withSavedScenario(store, { ...optionB(), name: 'option a:  PROTECT libraries' });
    expect(readSession(store).scenarios.map((s) => s.out.map((l) => l.ref))).toEqual([['D84']]);
    expect(readSession(withoutSavedScenario(store, 'Option A: protect libraries')).scenarios).toEqual([]);
  });

  it('says which saved entry is damaged, uses the others, and keeps the damaged one when writing', () => {
    const store: AddinStore = {
      version: 1,
      ownedSheets: [],
      scenarios: [optionA(), { name: 'Broken', savedAt: NOW, out: 'G20', in: [], targets: [] }, 7],
      signOffs: 'not a list',
    };
    const session = readSession(store);
    expect(session.scenarios.map((s) => s.name)).toEqual(['Option A: protect libraries']);
    expect(session.problems).toEqual([
      'saved scenario 2 in this workbook\'s record is damaged ("Broken": its lines switched out are not a list) and is left out',
      "saved scenario 3 in this workbook's record is damaged (it is not in the expected form) and is left out",
      "the finding marks in this workbook's record are damaged (not a list) and are left out",
    ]);
    const next = withSavedScenario(store, optionB());
    expect((next.scenarios as unknown[]).length).toBe(4);
  });

  it('asks for a name, and a short one', () => {
    expect(scenarioNameProblem('  ')).toMatch(/Give the scenario a name/);
    expect(scenarioNameProblem('x'.repeat(81))).toMatch(/at most 80/);
    expect(scenarioNameProblem('Option A')).toBeNull();
  });
});

describe('a saved scenario against a changed MTFS', () => {
  it('applies as saved when the workbook is the same', () => {
    const r = resolveScenario(scenario, optionA());
    expect(r.missing).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.included.has(idOf('G20'))).toBe(false);
    expect(r.included.has(idOf('C2'))).toBe(true);
    expect(numbers(r.target)).toEqual([null, 31000, null, null]);
  });

  it('finds a line that moved (rows inserted above it) and says so', () => {
    const moved = { ...optionA(), out: [{ ...optionA().out[0], id: 'Growth!B7' }] };
    const r = resolveScenario(scenario, moved);
    expect(r.missing).toEqual([]);
    expect(r.notes[0]).toMatch(/G20 .* has moved from Growth!B7 to Growth!B8; it is taken from there/);
    expect(r.included.has('Growth!B8')).toBe(false);
  });

  it('is not applied when a line it switched is gone, and says which, never switching another line', () => {
    const gone = {
      ...optionA(),
      out: [{ id: 'Growth!B8', source: 'growth' as const, ref: 'G99', label: 'Libraries' }],
    };
    const r = resolveScenario(scenario, gone);
    expect(r.missing).toEqual([
      'Growth!B8 now holds G20 ' +
        scenario.lines.find((l) => l.ref === 'G20')!.label +
        ', not G99 Libraries as when the scenario was saved',
    ]);
    const compared = compareSaved(scenario, [gone, optionB()], ['Option A: protect libraries', 'Option B']);
    expect(compared.side.columns.map((c) => c.name)).toEqual(['Published plan', 'Option B']);
    expect(compared.notApplied).toEqual([
      {
        name: 'Option A: protect libraries',
        words: expect.stringMatching(/^not applied, because Growth!B8 now holds G20/),
      },
    ]);
  });

  it('refuses unknown names, too many, or the same twice, in words', () => {
    const saved = [optionA(), optionB()];
    expect(compareProblem(saved, [])).toMatch(/at least one/);
    expect(compareProblem(saved, ['Option C'])).toMatch(
      /no saved scenario called “Option C”.*saved: “Option A: protect libraries” and “Option B”/,
    );
    expect(compareProblem(saved, ['a', 'b', 'c', 'd', 'e'])).toMatch(/at most 4/);
    expect(compareProblem(saved, ['Option B', 'option b'])).toMatch(/chosen twice/);
    expect(compareProblem(saved, ['Option B', 'Option A: protect libraries'])).toBeNull();
  });
});

describe('scenarios side by side', () => {
  it('gives each its budget, change from the plan and gap to target, and the lines they switch differently', () => {
    const { side } = compareSaved(scenario, [optionA(), optionB()], ['Option A: protect libraries', 'Option B']);
    expect(side.columns.map((c) => numbers(c.outcome.budget.proposed))).toEqual([
      [33924, 31719, 29689, 25774],
      [33324, 31119, 29089, 25174], // G20 out (-200 each year), C2 in (-400 each year)
      [33749, 31569, 29449, 25724], // D84 contingency out
    ]);
    expect(numbers(side.columns[1].fromPlan)).toEqual([-600, -600, -600, -600]);
    expect(numbers(side.columns[1].outcome.gap)).toEqual([null, 119, null, null]);
    expect(side.differences.map((d) => [d.line.ref, d.in])).toEqual([
      ['G20', [true, false, true]],
      ['D84', [true, true, false]],
      ['C2', [false, true, false]],
    ]);
  });

  it('writes a Scenarios sheet read back cell by cell, with a bridge chart per scenario', async () => {
    const compared = compareSaved(scenario, [optionA(), optionB()], ['Option A: protect libraries', 'Option B']);
    const sheet = scenariosSheet(compared.side, { department: 'CORPORATE RESOURCES', notes: compared.notes });
    const wb = await XlsxWorkbook.open(readFileSync(EXAMPLE_WITH_PROPOSALS));
    const before = await wb.readSheets();
    await writeOutputs(wb, [{ sheet, owned: true }]);
    const reopened = await XlsxWorkbook.open(await wb.toBuffer());
    const after = await reopened.readSheets();
    // Nothing in any input cell changed.
    for (const input of before) expect(after.find((s) => s.name === input.name)!.rows).toEqual(input.rows);
    const grid = after.find((s) => s.name === SCENARIOS_SHEET)!;
    const at = (r: number, c: number) => cellText(grid.rows[r]?.[c]);
    const value = (r: number, c: number) => grid.rows[r]?.[c]?.value;
    expect(at(0, 0)).toBe('SCENARIOS SIDE BY SIDE: CORPORATE RESOURCES, £000');
    // Names over their blocks of four years, a blank column between blocks.
    expect([at(3, 1), at(3, 6), at(3, 11)]).toEqual(['Published plan', 'Option A: protect libraries', 'Option B']);
    expect(at(4, 1)).toMatch(/£000$/);
    expect(at(5, 0)).toBe('Proposed budget');
    expect([1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14].map((c) => value(5, c))).toEqual([
      33924, 31719, 29689, 25774, 33324, 31119, 29089, 25174, 33749, 31569, 29449, 25724,
    ]);
    expect(at(6, 0)).toBe('Change from the published plan');
    expect([6, 7].map((c) => value(6, c))).toEqual([-600, -600]);
    expect(at(7, 0)).toBe('Target budget');
    expect(value(7, 7)).toBe(31000);
    expect(at(8, 0)).toMatch(/^Gap/);
    expect(value(8, 7)).toBe(119);
    // Every row of the sheet as written is the engine's, cell by cell.
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell || cell.value === null) return;
        const v = cell.value;
        expect(value(r, c)).toEqual(typeof v === 'object' ? v.toNumber() : v);
      }),
    );
    expect(sheet.charts?.map((c) => c.title)).toEqual([
      'Budget bridge: Option A: protect libraries, £000',
      'Budget bridge: Option B, £000',
    ]);
  });
});

/** The workbook with Revenue Budget!A24 one more: the CUSTOMER SERVICES total's rounding difference becomes 2. */
function withChangedFigure(): SheetGrid[] {
  const changed = cloneGrids(grids);
  const cell = changed.find((g) => g.name === 'Revenue Budget')!.rows[23][0]!;
  cell.value = (cell.value as number) + 1;
  return changed;
}

describe('findings signed off', () => {
  const rounding = () => check.findings.find((f) => f.sheet === 'Revenue Budget' && f.cell === 'A25')!;
  const warning = () => check.findings.find((f) => f.rule === 'positive-saving')!;

  function marked(): AddinStore {
    let store = withSignOff(null, signOffFor(rounding(), 'explained', '£1 rounding, as published', NOW));
    store = withSignOff(store, signOffFor(warning(), 'to-fix', '', NOW));
    return store;
  }

  it('asks for a note to explain a finding', () => {
    expect(markProblem('explained', ' ')).toMatch(/Say why/);
    expect(markProblem('to-fix', '')).toBeNull();
    expect(markProblem('explained', 'x'.repeat(501))).toMatch(/at most 500/);
  });

  it('keeps the mark on the next check while the finding is the same', () => {
    const again = checkWorkbook(cloneGrids(grids));
    const findings = markFindings(again.findings, readSession(marked()).signOffs);
    const r = findings.find((f) => f.sheet === 'Revenue Budget' && f.cell === 'A25')!;
    expect(r.mark).toMatchObject({ status: 'explained', note: '£1 rounding, as published', current: true });
    expect(markStatusWords(r.mark)).toBe('Explained 1 Dec 2026');
    expect(isOpen(r)).toBe(false);
    expect(markCounts(findings)).toEqual({ explained: 1, toFix: 1, outOfDate: 0 });
    expect(findings.filter(isOpen)).toHaveLength(check.findings.length - 1);
  });

  it('shows the mark as out of date when the figures behind the finding changed', () => {
    const again = checkWorkbook(withChangedFigure());
    const findings = markFindings(again.findings, readSession(marked()).signOffs);
    const r = findings.find((f) => f.sheet === 'Revenue Budget' && f.cell === 'A25')!;
    expect(r.message).toMatch(/rounding difference of 2/);
    expect(r.mark).toMatchObject({ status: 'explained', current: false });
    expect(markStatusWords(r.mark)).toBe('Out of date (explained 1 Dec 2026)');
    expect(isOpen(r)).toBe(true);
    expect(markCounts(findings)).toEqual({ explained: 0, toFix: 1, outOfDate: 1 });
  });

  it('replaces a mark on the same finding and removes one, keeping the others', () => {
    let store = withSignOff(marked(), signOffFor(rounding(), 'to-fix', 'check with the service', NOW));
    expect(readSession(store).signOffs.map((m) => m.status)).toEqual(['to-fix', 'to-fix']);
    store = withoutSignOff(store, rounding());
    expect(readSession(store).signOffs.map((m) => m.rule)).toEqual(['positive-saving']);
  });

  it("puts each finding's status and note on the MTFS Findings sheet, read back cell by cell", async () => {
    const marks = readSession(marked()).signOffs;
    const wb = await XlsxWorkbook.open(readFileSync(EXAMPLE_WITH_PROPOSALS));
    await writeOutputs(wb, buildReport(check, { signOffs: marks }).sheets);
    const grid = (await (await XlsxWorkbook.open(await wb.toBuffer())).readSheets()).find(
      (s) => s.name === FINDINGS_SHEET,
    )!;
    const rows = Array.from(grid.rows, (row) => Array.from(row ?? [], cellText));
    expect(rows[1][0]).toMatch(/; signed off: 1 explained, 1 to fix$/);
    expect(rows[3]).toEqual(['Severity', 'Rule', 'Message', 'Cell', 'Status', 'Note']);
    const line = (cell: string) => rows.find((r) => r[3] === cell)!;
    expect(line('Revenue Budget!A25').slice(4)).toEqual(['Explained 1 Dec 2026', '£1 rounding, as published']);
    expect(line(`${warning().sheet}!${warning().cell}`)[4]).toBe('To fix 1 Dec 2026');
    expect(line('Budget Summary!B18')[4]).toBe('Open');
    // Against the changed workbook, the mark is said out of date.
    const changed = checkWorkbook(withChangedFigure());
    const sheet = buildReport(changed, { signOffs: marks }).sheets.find((s) => s.sheet.name === FINDINGS_SHEET)!;
    const row = sheet.sheet.rows.find((r) => r[3]?.value === 'Revenue Budget!A25')!;
    expect(row[4]?.value).toBe('Out of date (explained 1 Dec 2026)');
  });

  it('writes no status columns when nothing is signed off', () => {
    const sheet = buildReport(check).sheets.find((s) => s.sheet.name === FINDINGS_SHEET)!.sheet;
    expect(sheet.rows[3].map((c) => c?.value)).toEqual(['Severity', 'Rule', 'Message', 'Cell']);
  });
});
