/**
 * The task pane's state layer without a browser: the session (open, check, re-check, show a cell, download,
 * failures in plain words, Excel mode through a port), the Check view's grouping and the download name.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { checkSummary, checkWorkbook, type CheckResult } from '../../src/engine/check';
import { finding } from '../../src/engine/findings';
import type { SheetGrid } from '../../src/engine/grid';
import { WorkbookReadError, type WorkbookPort } from '../../src/engine/port';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { downloadName } from '../../src/taskpane/state/download';
import { filterCounts, groupFindings, tableContaining } from '../../src/taskpane/state/findings';
import { ExcelProblem } from '../../src/hosts/office/errors';
import { describeProblem, Session, type SessionDeps } from '../../src/taskpane/state/session';
import { CORPORATE_RESOURCES } from '../support/paths';

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
  const deps: SessionDeps = {
    openXlsx: (bytes) => XlsxWorkbook.open(bytes),
    saveFile: (bytes, name) => saved.push({ bytes, name }),
    pause: async () => undefined,
  };
  return new Session('browser', deps);
}

/** A workbook open in "Excel": the fixture's sheets behind the port, recording what the pane asks of it. */
async function fakeExcel() {
  const sheets = await (await XlsxWorkbook.open(await readFile(FIXTURE))).readSheets();
  const calls = { reads: 0, selected: [] as string[] };
  const port: WorkbookPort & { failSelect?: Error; sheets: SheetGrid[] } = {
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
    const { source, check, busy, problem } = session.state;
    expect(busy).toBeNull();
    expect(problem).toBeNull();
    expect(source?.name).toBe('corporate-resources-2015.xlsx');
    expect(check?.department).toBe('CORPORATE RESOURCES');
    expect(check && checkSummary(check)).toBe(SUMMARY);
    expect(stages[0]).toBe('Opening corporate-resources-2015.xlsx');
    expect(stages).toContain('Reading Revenue Budget');
    expect(stages.at(-1)).toBe('Checking every total');
  });

  it('explains a file it cannot read in plain words and keeps the workbook it had', async () => {
    const session = browserSession();
    await session.openFile(fixtureFile());
    const before = session.state.check;
    await session.openFile(textFile());
    expect(session.state.problem).toEqual({
      intent: 'error',
      title: 'Could not open notes.txt',
      message: 'The file is not an .xlsx workbook.',
    });
    expect(session.state.check).toBe(before);
    expect(session.state.source?.name).toBe('corporate-resources-2015.xlsx');
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
  it('connects through the port, checks, and selects a finding’s cell in Excel', async () => {
    const { port, calls } = await fakeExcel();
    const session = new Session('excel', {
      openXlsx: () => Promise.reject(new Error('not in Excel')),
      openExcel: async () => port,
      saveFile: () => undefined,
      pause: async () => undefined,
    });
    await session.connectExcel();
    expect(session.state.source?.name).toBe('This workbook');
    expect(session.state.source?.save).toBeUndefined();
    expect(checkSummary(session.state.check!)).toBe(SUMMARY);
    await session.showCell('Revenue Budget', 'A25');
    expect(calls.selected).toEqual(['Revenue Budget!A25']);

    port.failSelect = Object.assign(new Error("The requested resource doesn't exist."), {
      name: 'RichApi.Error',
      code: 'ItemNotFound',
    });
    await session.showCell('Gone', 'B2');
    // Excel's own message is for developers: the pane says it in plain words, with what to do.
    expect(session.state.problem).toEqual({
      intent: 'warning',
      title: 'Could not go to Gone!B2',
      message:
        'Excel could not find a sheet or name the add-in was working with: it may have been renamed or deleted while the add-in was busy. Check the workbook again, then try once more.',
    });
  });

  it('checks again after the workbook changes', async () => {
    const { port, calls } = await fakeExcel();
    const session = new Session('excel', {
      openXlsx: () => Promise.reject(new Error('not in Excel')),
      openExcel: async () => port,
      saveFile: () => undefined,
      pause: async () => undefined,
    });
    await session.connectExcel();
    port.sheets = port.sheets.filter((s) => s.name !== 'Capital Programme');
    await session.checkAgain();
    expect(calls.reads).toBe(2);
    expect(checkSummary(session.state.check!)).toBe('5 tables, 0 errors, 10 warnings, 9 rounding differences');
  });

  it('shows a failure while reading in its own words, and connects again on "Check this workbook"', async () => {
    const { port } = await fakeExcel();
    let tooLarge = true;
    const session = new Session('excel', {
      openXlsx: () => Promise.reject(new Error('not in Excel')),
      openExcel: async () => {
        if (!tooLarge) return port;
        throw new WorkbookReadError(
          'too-large',
          'the workbook is too large to read in Excel on the web (6,000,000 cells); check it in Excel on the desktop',
        );
      },
      saveFile: () => undefined,
      pause: async () => undefined,
    });
    await session.connectExcel();
    expect(session.state.problem).toEqual({
      intent: 'error',
      title: 'Could not read the workbook',
      message:
        'The workbook is too large to read in Excel on the web (6,000,000 cells); check it in Excel on the desktop.',
    });
    expect(session.state.check).toBeNull();
    tooLarge = false;
    await session.checkAgain();
    expect(session.state.problem).toBeNull();
    expect(checkSummary(session.state.check!)).toBe(SUMMARY);
  });
});

describe('Check view grouping', () => {
  async function fixtureResult(): Promise<CheckResult> {
    return checkWorkbook(await (await XlsxWorkbook.open(await readFile(FIXTURE))).readSheets());
  }

  it('groups findings by sheet, in workbook order, then by the table holding their cell', async () => {
    const result = await fixtureResult();
    const sheets = groupFindings(result, 'all');
    expect(sheets.map((s) => [s.sheet, s.count, s.groups.map((g) => g.title)])).toEqual([
      ['Budget Summary', 1, ['Net budget, A15:B20']],
      ['Revenue Budget', 8, ['Revenue budget (Appendix A), A4:G40']],
      ['Savings', 10, ['Savings (Appendix B), A4:G27']],
    ]);
    const a25 = sheets[1].groups[0].items.find((i) => i.finding.cell === 'A25')!;
    expect([a25.severityLabel, a25.title]).toEqual(['Rounding', 'Rounding difference']);
    expect(sheets[2].groups[0].items.map((i) => i.severityLabel)).toEqual(Array(10).fill('Warning'));
  });

  it('filters by severity and counts each filter', async () => {
    const result = await fixtureResult();
    expect(filterCounts(result.findings)).toEqual({ all: 19, error: 0, warning: 10, info: 9 });
    expect(groupFindings(result, 'error')).toEqual([]);
    expect(groupFindings(result, 'info').map((s) => s.sheet)).toEqual(['Budget Summary', 'Revenue Budget']);
    expect(groupFindings(result, 'warning').map((s) => s.sheet)).toEqual(['Savings']);
  });

  it('puts a finding outside every table under its sheet, after the tables, and labels notes and errors', async () => {
    const result = await fixtureResult();
    const extra: CheckResult = {
      ...result,
      findings: [
        finding('no-lines', 'Revenue Budget', 'K2', 'a heading with no lines under it'),
        ...result.findings,
        finding('total-mismatch', 'Growth', 'C15', 'the total does not add up', { expected: '420', actual: '421' }),
        finding('repeated-table', 'Growth', 'A50', 'this growth table repeats another'),
      ],
    };
    const sheets = groupFindings(extra, 'all');
    const revenue = sheets.find((s) => s.sheet === 'Revenue Budget')!;
    expect(revenue.groups.map((g) => g.title)).toEqual([
      'Revenue budget (Appendix A), A4:G40',
      'Elsewhere on this sheet',
    ]);
    const growth = sheets.find((s) => s.sheet === 'Growth')!;
    expect(growth.groups.map((g) => [g.title, g.items.map((i) => i.severityLabel)])).toEqual([
      ['Growth (Appendix B), A4:F15', ['Error']],
      ['Elsewhere on this sheet', ['Note']],
    ]);
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

  it('keeps the words of unreadable-file, office-adapter and browser file errors, as sentences', () => {
    expect(describeProblem(new ExcelProblem('AccessDenied', 'The workbook is protected.'), 'T').message).toBe(
      'The workbook is protected.',
    );
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
