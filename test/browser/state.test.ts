/**
 * The task pane's state layer without a browser: the session on the main thread talking to the engine through the
 * same messages as the Web Worker (in this thread, every message copied as postMessage copies it): open, check,
 * re-check, show a cell, Next/Previous issue, following Excel's selection, download, failures in plain words, Excel
 * mode through a port; and the Check view's cards.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { checkWorkbook, type CheckResult } from '../../src/engine/check';
import { finding } from '../../src/engine/findings';
import { gridFromValues, type SheetGrid } from '../../src/engine/grid';
import { WorkbookReadError, type WorkbookPort } from '../../src/engine/port';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { downloadName } from '../../src/taskpane/state/download';
import { findingCards, findingCounts, tableContaining } from '../../src/taskpane/state/findings';
import { describeProblem, Session, type SessionState } from '../../src/taskpane/state/session';
import { localLink } from '../../src/taskpane/worker/link';
import type { FromWorker, PaneViews } from '../../src/taskpane/worker/protocol';
import { serve } from '../../src/taskpane/worker/serve';
import { checkModel, ViewsSent } from '../../src/taskpane/worker/views';
import { CORPORATE_RESOURCES } from '../support/paths';
import { gridsToBuffer } from '../support/workbooks';

const FIXTURE = CORPORATE_RESOURCES;
const SUMMARY = '7 tables, 0 errors, 10 warnings, 9 rounding differences';

const fixtureFile = () => ({
  name: 'corporate-resources-2015.xlsx',
  arrayBuffer: async () => new Uint8Array(await readFile(FIXTURE)).buffer,
});
const textFile = () => ({
  name: 'notes.txt',
  arrayBuffer: async () => new TextEncoder().encode('not a workbook').buffer,
});

function browserSession(saved: { bytes: Uint8Array; name: string }[] = []) {
  return new Session('browser', {
    link: (listener, port) => localLink('browser', listener, port),
    saveFile: (bytes, name) => saved.push({ bytes, name }),
  });
}

function excelSession(openExcel: () => Promise<WorkbookPort>) {
  return new Session('excel', {
    link: (listener, port) => localLink('excel', listener, port),
    openExcel,
    saveFile: () => undefined,
  });
}

/** A workbook open in "Excel": the fixture's sheets behind the port, recording what the pane asks of it. */
async function fakeExcel() {
  const sheets = await (await XlsxWorkbook.open(await readFile(FIXTURE))).readSheets();
  const calls = { reads: 0, selected: [] as string[] };
  let listener: ((sheet: string, cell: string) => void) | null = null;
  const port: WorkbookPort & { failSelect?: Error; sheets: SheetGrid[]; select(sheet: string, cell: string): void } = {
    sheets,
    async readSheets(onProgress) {
      calls.reads++;
      port.sheets.forEach((s, i) => onProgress?.(i, port.sheets.length, `Reading ${s.name}`));
      return port.sheets;
    },
    async listSheets() {
      return port.sheets.map((s) => ({ name: s.name, owned: false }));
    },
    async writeSheets() {
      throw new Error('not used here');
    },
    async selectCell(sheet, cell) {
      if (port.failSelect) throw port.failSelect;
      calls.selected.push(`${sheet}!${cell}`);
    },
    async followSelection(l) {
      listener = l;
      return async () => {
        listener = null;
      };
    },
    select(sheet, cell) {
      listener?.(sheet, cell);
    },
  };
  return { port, calls };
}

describe('Session in browser mode', () => {
  it('opens a file, shows progress by stage, and keeps the check result', async () => {
    const session = browserSession();
    const stages: string[] = [];
    session.store.subscribe(() => {
      const busy = session.state.busy;
      if (busy && stages.at(-1) !== busy.stage) stages.push(busy.stage);
    });
    await session.openFile(fixtureFile());
    const { views, busy, problem } = session.state;
    expect(busy).toBeNull();
    expect(problem).toBeNull();
    expect(views.workbook).toEqual({ name: 'corporate-resources-2015.xlsx', canSave: true });
    expect(views.check?.department).toBe('CORPORATE RESOURCES');
    expect(views.check?.summary).toBe(SUMMARY);
    expect(views.check?.verdict).toBe('clean');
    expect(stages[0]).toBe('Opening corporate-resources-2015.xlsx');
    expect(stages).toContain('Reading Revenue Budget');
    expect(stages).toContain('Checking every total');
    expect(stages.at(-1)).toBe('Working out the scores, the scenario and the report');
    // Everything the views show came across as plain data: scores, the scenario, the report plans.
    expect(views.score?.kind).toBe('no-sheet');
    expect(views.scenario && 'lines' in views.scenario && views.scenario.lines.length).toBe(18);
    expect(views.writes.report.plan?.adds).toEqual(['MTFS Summary', 'MTFS Findings']);
  });

  it('shows the findings so far while it checks, each one kept in the whole result, never green until the end', async () => {
    const session = browserSession();
    const seen: NonNullable<SessionState['views']['check']>[] = [];
    const progress: string[] = [];
    session.store.subscribe(() => {
      const { check } = session.state.views;
      if (check && check !== seen.at(-1)) seen.push(check);
      const busy = session.state.busy;
      if (busy?.stage === 'Checking every total' && busy.total) progress.push(`${busy.done}/${busy.total}`);
    });
    await session.openFile(fixtureFile());
    expect(seen.length).toBeGreaterThan(1);
    const [first, final] = [seen[0], seen.at(-1)!];
    // The Budget Summary has nothing to say until the Revenue Budget is read: its 8 rounding differences come first.
    expect(first.summary).toBe(
      'Still checking (2 of 5 sheets read): so far 3 tables, 0 errors, 0 warnings, 8 rounding differences',
    );
    expect(first.verdict).toBe('checking');
    expect(first.tables.every((t) => !t.readable)).toBe(true);
    expect(progress.at(-1)).toMatch(/^(\d+)\/\1$/);
    // Every finding shown early is in the final result, on the same card.
    const finalItems = new Set(final.cards.flatMap((c) => c.items.map((i) => `${c.key} ${i.message}`)));
    for (const card of first.cards)
      for (const i of card.items) expect(finalItems).toContain(`${card.key} ${i.message}`);
    expect(final.verdict).toBe('clean');
    expect(final.summary).toBe(SUMMARY);
    expect(final.tables.every((t) => t.readable)).toBe(true);
  });

  it('waits while the pane draws the findings so far, and goes on once it says they are drawn, or after a moment', async () => {
    // The worker's side alone: it shows the findings so far with a number, and checks on once told that number is drawn.
    const heard: FromWorker[] = [];
    const receive = serve((m) => heard.push(structuredClone(m)));
    receive({ type: 'start', host: 'browser' });
    const bytes = new Uint8Array(await readFile(FIXTURE)).buffer;
    const open = (id: number) => receive({ type: 'request', id, request: { kind: 'open', name: 'x.xlsx', bytes } });
    const shown = () =>
      heard.findIndex((m) => m.type === 'views' && m.drawn !== undefined && m.views.check?.verdict === 'checking');
    const replied = (id: number) => heard.some((m) => m.type === 'reply' && m.id === id);

    open(1);
    await vi.waitFor(() => expect(shown()).toBeGreaterThanOrEqual(0));
    const at = shown();
    const drawn = (heard[at] as { drawn: number }).drawn;
    await new Promise((r) => setTimeout(r, 100));
    // Nothing more while the pane draws: the check is waiting, and a request made meanwhile waits for it.
    receive({ type: 'request', id: 9, request: { kind: 'dismiss-written' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(heard.slice(at + 1)).toEqual([]);
    receive({ type: 'drawn', drawn });
    await vi.waitFor(() => expect(replied(1)).toBe(true));
    await vi.waitFor(() => expect(replied(9)).toBe(true));

    // A pane that never says (hidden, so it draws nothing) holds the check up only for a moment.
    heard.length = 0;
    open(2);
    await vi.waitFor(() => expect(replied(2)).toBe(true), { timeout: 5000 });
    expect(shown()).toBeGreaterThanOrEqual(0);
  });

  it('sends the check again after the findings so far were shown, so a failed open puts the last check back', () => {
    const sent = new ViewsSent();
    const check = {};
    const views = () => {
      const out: Partial<PaneViews> = {};
      sent.changed(out, 'check', [check], () => null);
      return Object.keys(out);
    };
    expect(views()).toEqual(['check']);
    expect(views()).toEqual([]);
    sent.forget('check');
    expect(views()).toEqual(['check']);
  });

  it('explains a file it cannot read in plain words and keeps the workbook it had', async () => {
    const session = browserSession();
    await session.openFile(fixtureFile());
    const before = session.state.views.check;
    await session.openFile(textFile());
    expect(session.state.problem).toEqual({
      intent: 'error',
      title: 'Could not open notes.txt',
      message: 'The file is not an .xlsx workbook.',
    });
    expect(session.state.views.check).toBe(before);
    expect(session.state.views.workbook?.name).toBe('corporate-resources-2015.xlsx');
    expect(session.state.busy).toBeNull();
    session.dismissProblem();
    expect(session.state.problem).toBeNull();
  });

  it('downloads the workbook as <name>-mtfs.xlsx through the host', async () => {
    const saved: { bytes: Uint8Array; name: string }[] = [];
    const session = browserSession(saved);
    await session.openFile(fixtureFile());
    await session.download();
    expect(saved.map((s) => s.name)).toEqual(['corporate-resources-2015-mtfs.xlsx']);
    const back = await XlsxWorkbook.open(saved[0].bytes);
    expect((await back.listSheets()).map((s) => s.name)).toEqual([
      'Budget Summary',
      'Revenue Budget',
      'Growth',
      'Savings',
      'Capital Programme',
    ]);
  });

  it('marks the chosen finding; with no selectCell on the port (browser mode) nothing else happens', async () => {
    const session = browserSession();
    await session.openFile(fixtureFile());
    await session.showCell('Revenue Budget', 'A25');
    expect(session.state.shownCell).toEqual({ sheet: 'Revenue Budget', cell: 'A25' });
    expect(session.state.problem).toBeNull();
  });

  it('never says "No errors" for an empty workbook or one without an MTFS table, and offers no report', async () => {
    const session = browserSession();
    const notes = await gridsToBuffer([gridFromValues('Notes', [['Budget meeting notes'], ['Bring the papers']])]);
    await session.openFile({ name: 'notes.xlsx', arrayBuffer: async () => new Uint8Array(notes).buffer });
    expect(session.state.problem).toBeNull();
    expect(session.state.views.check?.verdict).toBe('no-tables');
    expect(session.state.views.writes.report.blocked).toBe(
      'The workbook has no MTFS table, so there is no report to write.',
    );
  });

  it('runs one long operation at a time and clears the progress bar when it ends', async () => {
    const session = browserSession();
    let release!: () => void;
    const first = session.run('First', 'First failed', () => new Promise<string>((r) => (release = () => r('done'))));
    await Promise.resolve();
    const second = vi.fn(async () => 'second');
    expect(await session.run('Second', 'Second failed', second)).toBeUndefined();
    expect(second).not.toHaveBeenCalled();
    expect(session.state.busy?.stage).toBe('First');
    release();
    expect(await first).toBe('done');
    expect(session.state.busy).toBeNull();
  });

  it('turns an unexpected failure into a plain message, never a stack trace', async () => {
    const session = browserSession();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await session.run('Working', 'Could not finish', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rows')\n    at readRows (xlsx.ts:12:3)");
    });
    log.mockRestore();
    const problem = session.state.problem!;
    expect(problem.title).toBe('Could not finish');
    expect(problem.message).toBe(
      "Something went wrong in the add-in (Cannot read properties of undefined (reading 'rows')). Try again; if it keeps happening, tell us what you were doing.",
    );
    expect(problem.message).not.toMatch(/\bat \w+ \(/);
  });
});

describe('Session in Excel mode', () => {
  it('walks the issues with Next and Previous, errors then warnings, selecting each cell in Excel', async () => {
    const { port, calls } = await fakeExcel();
    const session = excelSession(async () => port);
    await session.connectExcel();
    const issues = session.state.views.check!.cards.filter((c) => c.severity !== 'info').map((c) => c.key);
    expect(issues).toEqual(['Savings!C14', 'Savings!D17', 'Savings!D19', 'Savings!C23', 'Savings!C26', 'Savings!C27']);
    await session.nextIssue(1);
    await session.nextIssue(1);
    expect(session.state.shownCell).toEqual({ sheet: 'Savings', cell: 'D17' });
    await session.nextIssue(-1);
    await session.nextIssue(-1);
    expect(session.state.shownCell).toEqual({ sheet: 'Savings', cell: 'C27' });
    expect(calls.selected).toEqual(['Savings!C14', 'Savings!D17', 'Savings!C14', 'Savings!C27']);
    // Walking to a warning while the filter shows only rounding shows everything again.
    session.setCheckFilter('info');
    await session.nextIssue(1);
    expect(session.state.checkFilter).toBe('all');
    expect(session.state.shownCell).toEqual({ sheet: 'Savings', cell: 'C14' });
  });

  it("follows the user's selection in Excel: a cell with a finding shows it, any other cell changes nothing", async () => {
    const { port } = await fakeExcel();
    const session = excelSession(async () => port);
    await session.connectExcel();
    port.select('Revenue Budget', 'A25');
    expect(session.state.shownCell).toEqual({ sheet: 'Revenue Budget', cell: 'A25' });
    port.select('Revenue Budget', 'Z99');
    expect(session.state.shownCell).toEqual({ sheet: 'Revenue Budget', cell: 'A25' });
    session.setCheckFilter('warning');
    port.select('Budget Summary', 'B18');
    expect(session.state.shownCell).toEqual({ sheet: 'Budget Summary', cell: 'B18' });
    expect(session.state.checkFilter).toBe('all');
  });

  it('connects through the port, checks, and selects a finding’s cell in Excel', async () => {
    const { port, calls } = await fakeExcel();
    const session = excelSession(async () => port);
    await session.connectExcel();
    expect(session.state.views.workbook).toEqual({ name: 'This workbook', canSave: false });
    expect(session.state.views.check?.summary).toBe(SUMMARY);
    await session.showCell('Revenue Budget', 'A25');
    expect(calls.selected).toEqual(['Revenue Budget!A25']);

    port.failSelect = Object.assign(new Error("The requested resource doesn't exist."), {
      name: 'RichApi.Error',
      code: 'ItemNotFound',
    });
    await session.showCell('Gone', 'B2');
    expect(session.state.problem).toEqual({
      intent: 'warning',
      title: 'Could not go to Gone!B2',
      // Excel's developer message is never shown: its code is said in plain words (hosts/office/errors.ts).
      message:
        'Excel could not find a sheet or name the add-in was working with: it may have been renamed or deleted while the add-in was busy. Check the workbook again, then try once more.',
    });
  });

  it('checks again after the workbook changes', async () => {
    const { port, calls } = await fakeExcel();
    const session = excelSession(async () => port);
    await session.connectExcel();
    port.sheets = port.sheets.filter((s) => s.name !== 'Capital Programme');
    await session.checkAgain();
    expect(calls.reads).toBe(2);
    expect(session.state.views.check?.summary).toBe('5 tables, 0 errors, 10 warnings, 9 rounding differences');
  });

  it('shows a failure while reading in its own words, and connects again on "Check this workbook"', async () => {
    const { port } = await fakeExcel();
    let tooLarge = true;
    const failing: WorkbookPort = {
      ...port,
      readSheets: async () => {
        if (!tooLarge) return port.readSheets();
        throw new WorkbookReadError(
          'too-large',
          'the workbook is too large to read in Excel on the web (6,000,000 cells); check it in Excel on the desktop',
        );
      },
    };
    const session = excelSession(async () => failing);
    await session.connectExcel();
    expect(session.state.problem).toEqual({
      intent: 'error',
      title: 'Could not read the workbook',
      message:
        'The workbook is too large to read in Excel on the web (6,000,000 cells); check it in Excel on the desktop.',
    });
    expect(session.state.views.check).toBeNull();
    tooLarge = false;
    await session.checkAgain();
    expect(session.state.problem).toBeNull();
    expect(session.state.views.check?.summary).toBe(SUMMARY);
  });
});

describe('Check view cards', () => {
  async function fixtureResult(): Promise<CheckResult> {
    return checkWorkbook(await (await XlsxWorkbook.open(await readFile(FIXTURE))).readSheets());
  }

  it('puts errors first, then warnings, then rounding and notes, each in workbook order, one card per cell', async () => {
    const result = await fixtureResult();
    const cards = findingCards(result);
    expect(findingCounts(result.findings)).toEqual({ error: 0, warning: 10, rounding: 9, notes: 0 });
    expect(cards.map((c) => c.severity)).toEqual([...Array(6).fill('warning'), ...Array(9).fill('info')]);
    // Savings!C14 has two findings: one card, both on it.
    const c14 = cards.find((c) => c.key === 'Savings!C14')!;
    expect(c14.items.map((i) => i.title)).toEqual(['Number held as text', 'Figures out of line with their headings']);
    expect(c14.where).toBe('Savings (Appendix B), A4:G27');
    expect(cards.filter((c) => c.key === 'Savings!C14')).toHaveLength(1);
    const a25 = cards.find((c) => c.key === 'Revenue Budget!A25')!;
    expect([a25.minor, a25.items[0].label, a25.items[0].title]).toEqual([true, 'Rounding', 'Rounding difference']);
    expect(cards.find((c) => c.key === 'Budget Summary!B18')?.where).toBe('Net budget, A15:B20');
  });

  it('puts an error before everything, marks a cell with an error and a note by the error, and says where a finding outside every table is', async () => {
    const result = await fixtureResult();
    const extra: CheckResult = {
      ...result,
      findings: [
        finding('no-lines', 'Revenue Budget', 'K2', 'a heading with no lines under it'),
        ...result.findings,
        finding('repeated-table', 'Growth', 'C15', 'this growth table repeats another'),
        finding('total-mismatch', 'Growth', 'C15', 'the total does not add up', { expected: '420', actual: '421' }),
      ],
    };
    const cards = findingCards(extra);
    expect(cards[0].key).toBe('Growth!C15');
    expect(cards[0].severity).toBe('error');
    expect(cards[0].items.map((i) => i.label)).toEqual(['Error', 'Note']);
    expect(cards[1]).toMatchObject({ key: 'Revenue Budget!K2', where: 'Elsewhere on this sheet', severity: 'warning' });
    expect(checkModel(extra, 5).verdict).toBe('errors');
    expect(checkModel(result, 5).verdict).toBe('clean');
    expect(checkModel({ ...result, tables: [] }, 5).verdict).toBe('no-tables');
    expect(checkModel({ ...result, tables: [], findings: [] }, 0).verdict).toBe('empty');
  });

  it('finds the table holding a cell: the smallest when ranges overlap, none for a bad address or another sheet', async () => {
    const result = await fixtureResult();
    expect(tableContaining(result.tables, 'Capital Programme', 'C20')?.range).toBe('A19:H25');
    expect(tableContaining(result.tables, 'Capital Programme', 'C17')).toBeUndefined();
    expect(tableContaining(result.tables, 'Growth', 'not-a-cell')).toBeUndefined();
    const outer = { ...result.tables[0], id: 'outer', top: 0, left: 0, bottom: 100, right: 20, range: 'A1:U101' };
    expect(tableContaining([outer, ...result.tables], 'Budget Summary', 'B18')?.range).toBe('A15:B20');
  });
});

describe('plain words', () => {
  it('names the download after the file, once', () => {
    expect(downloadName('corporate-resources-2015.xlsx')).toBe('corporate-resources-2015-mtfs.xlsx');
    expect(downloadName('Budget 2015.XLSX')).toBe('Budget 2015-mtfs.xlsx');
    expect(downloadName('corporate-resources-2015-mtfs.xlsx')).toBe('corporate-resources-2015-mtfs.xlsx');
    expect(downloadName('C:\\fakepath\\old.xlsm')).toBe('old-mtfs.xlsx');
    expect(downloadName('.xlsx')).toBe('workbook-mtfs.xlsx');
  });

  it('keeps the words of unreadable-file, office-js and browser file errors, as sentences', () => {
    expect(
      describeProblem(new WorkbookReadError('empty', 'the file is empty (0 bytes)'), 'Could not open a.xlsx').message,
    ).toBe('The file is empty (0 bytes).');
    expect(
      describeProblem(
        new DOMException('The requested file could not be read.', 'NotReadableError'),
        'Could not open a.xlsx',
      ).message,
    ).toBe('The requested file could not be read.');
    expect(describeProblem('plain text', 'T').message).toMatch(/^Something went wrong in the add-in/);
    expect(describeProblem(undefined, 'T').message).toBe('Something went wrong in the add-in. Try again.');
  });
});
