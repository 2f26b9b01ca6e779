import type { WorkbookPort } from '../../engine/port';
import type { ReadingCorrection } from '../../engine/reader/corrections';
import { CrossedError, PlainError, speaksPlainly } from '../worker/failure';
import type { EngineLink, LinkListener } from '../worker/link';
import type { MarkStatus } from '../../engine/session/signoffs';
import {
  CHECKING_STAGE,
  type CheckModel,
  type FindingRef,
  type PaneViews,
  type Request,
  type ScenarioLineItem,
  type UsedScenario,
  type WriteOutcome,
} from '../worker/protocol';
import { excelErrorCode, excelErrorWords } from '../../hosts/office/errors';
import { downloadName } from './download';
import { EMPTY_FIELD, moneyField, type MoneyField } from './fields';
import type { FindingCard } from './findings';
import { editTarget, PLAN, switchLines, type ScenarioChoices } from './scenario';
import { addsFromText, type ReadingChange, type ReadingView } from './reading';
import { createStore, type Store } from './store';
import { sentence } from './words';
import { WRITE_WORDS, type HostKind, type WriteTarget } from './write';
import { editYearOne, NO_YEAR_ONE, type YearOneKey, type YearOneState } from './yearone';

/** Where the pane runs: inside Excel (office-js), or in a plain browser on an .xlsx file the user opens. */
export type { HostKind } from './write';
export { PlainError };

/** The pane's views, one tab each (see views/index.ts). */
export type ViewId = 'check' | 'score' | 'report' | 'scenario' | 'options' | 'compare';

/** What the Check view shows: everything, or the findings of one kind ('info': rounding differences and notes). */
export type CheckFilter = 'all' | 'error' | 'warning' | 'info';

/** A long operation under way: `total` 0 means no measurable progress (an indeterminate bar). */
export interface Busy {
  stage: string;
  done: number;
  total: number;
}

/** Something the user must know, in plain words (never a stack trace). */
export interface Problem {
  intent: 'error' | 'warning';
  title: string;
  message: string;
}

export interface SessionState {
  host: HostKind;
  busy: Busy | null;
  problem: Problem | null;
  view: ViewId;
  checkFilter: CheckFilter;
  /** The cell of the finding, proposal or line the user last chose (or selected in Excel). */
  shownCell: { sheet: string; cell: string } | null;
  /** What the user typed for a total's rows could not be read: the total (`key`, "<table id>#<row>") and why. */
  readingProblem: { key: string; message: string } | null;
  /** A write waiting for the user to confirm replacing the add-in's own sheets. */
  confirming: { target: WriteTarget; replace: string[] } | null;
  /** What the user typed and switched, kept here so the fields and switches answer at once; the worker is told. */
  envelope: MoneyField;
  yearOne: YearOneState;
  targets: MoneyField[];
  choices: ScenarioChoices;
  /** The saved scenarios chosen to see side by side (kept here too, so the ticks answer at once). */
  compared: string[];
  /** What the views show, as the worker worked it out. */
  views: PaneViews;
  /** How each table the user opened in the Check view was read, by table id (asked of the worker when opened). */
  readings: Readonly<Record<string, ReadingView>>;
}

export interface SessionDeps {
  /** Starts the engine: in a Web Worker in the pane, in this thread in tests. */
  link(listener: LinkListener, port: () => Promise<WorkbookPort | null>): EngineLink;
  /** Excel mode: a port on the workbook open in Excel (office-js, on this thread). */
  openExcel?(): Promise<WorkbookPort>;
  /** Browser mode: hands the bytes to the user as a downloaded file. */
  saveFile(bytes: Uint8Array, name: string): void;
}

/** A file the user picked: a DOM File, or anything with a name and its bytes. */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Marks a moment on the page's performance timeline (opening a file, the file read, the check's first result (its
 * findings so far), the whole check, everything worked out), for the bench (bench/pane.ts) and anyone profiling.
 */
function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

/** Any failure as a title and one plain sentence, never a stack trace. */
export function describeProblem(error: unknown, title: string, intent: Problem['intent'] = 'error'): Problem {
  // Excel's own messages are for developers, never shown: its code is put in plain words (hosts/office/errors.ts).
  const code = excelErrorCode(error);
  if (code) return { intent, title, message: excelErrorWords(code) };
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const line = raw.split('\n')[0].trim();
  if (speaksPlainly(error) && line) return { intent, title, message: sentence(line) };
  return {
    intent,
    title,
    message: line
      ? `Something went wrong in the add-in (${line}). Try again; if it keeps happening, tell us what you were doing.`
      : 'Something went wrong in the add-in. Try again.',
  };
}

export const NO_VIEWS: PaneViews = {
  workbook: null,
  check: null,
  score: null,
  scoreAnalysis: null,
  scoreAnalysisWorking: false,
  report: null,
  scenario: null,
  totals: null,
  compare: { previousName: null, view: null, corrections: [], correctionProblem: null },
  writes: {
    report: { plan: null, blocked: 'Open a workbook first.' },
    scenario: { plan: null, blocked: 'Open a workbook first.' },
    changes: { plan: null, blocked: 'Open a workbook first.' },
    scenarios: { plan: null, blocked: 'Open a workbook first.' },
  },
  written: null,
  yearOne: null,
  session: null,
};

function yearOneFrom(texts: NonNullable<PaneViews['yearOne']>): YearOneState {
  const f = (text: string) => (text === '' ? EMPTY_FIELD : moneyField(text));
  return {
    fields: {
      originalBudget: f(texts.texts.originalBudget),
      otherChanges: f(texts.texts.otherChanges),
      transfers: f(texts.texts.transfers),
    },
    fromWorkbook: texts.fromWorkbook,
    edited: texts.edited,
  };
}

/**
 * The issues Next and Previous walk through: errors, then warnings, each in workbook order (as the cards are sorted);
 * not those signed off as explained.
 */
export function issueCards(cards: readonly FindingCard[]): FindingCard[] {
  return cards.filter((c) => c.severity !== 'info' && !c.explained);
}

/**
 * The pane's state on the main thread and every action. The workbook, the check and everything worked out from the
 * user's choices live in the worker (worker/workbench.ts); the session sends it each action, keeps what the user
 * typed and switched so the pane answers at once, and shows what the worker sends back. Components read the store
 * and call these methods; they never touch a workbook or the engine themselves.
 */
export class Session {
  readonly store: Store<SessionState>;
  private readonly link: EngineLink;
  private port: Promise<WorkbookPort> | null = null;
  private stopFollowing: (() => Promise<void>) | null = null;
  /** The readings asked of the worker, each for the check it was asked of. */
  private readonly readingsAsked = new Map<
    string,
    { check: CheckModel | null; reading: Promise<ReadingView | null> }
  >();

  constructor(
    host: HostKind,
    private readonly deps: SessionDeps,
  ) {
    this.store = createStore<SessionState>({
      host,
      busy: null,
      problem: null,
      view: 'check',
      checkFilter: 'all',
      shownCell: null,
      readingProblem: null,
      confirming: null,
      envelope: EMPTY_FIELD,
      yearOne: NO_YEAR_ONE,
      targets: [],
      choices: PLAN,
      compared: [],
      views: NO_VIEWS,
      readings: {},
    });
    this.link = deps.link(
      {
        progress: (done, total, stage) => {
          if (stage === CHECKING_STAGE && this.state.busy?.stage !== CHECKING_STAGE) mark('mtfs:read');
          if (this.state.busy) this.store.set({ busy: { stage, done, total } });
        },
        views: (views) => {
          if (views.check && !this.state.views.check?.soFar) mark('mtfs:first-result');
          if (views.check && !views.check.soFar) mark('mtfs:check');
          this.received(views);
        },
      },
      () => this.excelPort(),
    );
  }

  get state(): SessionState {
    return this.store.get();
  }

  private excelPort(): Promise<WorkbookPort | null> {
    const open = this.deps.openExcel;
    if (!open) return Promise.resolve(null);
    this.port ??= open();
    return this.port;
  }

  private received(views: Partial<PaneViews>): void {
    const patch: Partial<SessionState> = { views: { ...this.state.views, ...views } };
    if (views.yearOne) patch.yearOne = yearOneFrom(views.yearOne);
    this.store.set(patch);
    if (views.check !== undefined) this.readingsAfter(views.check);
  }

  /**
   * A new check: the readings the user had open are asked for again (they stay shown until the new ones come, so a
   * correction changes the reading in place); those of tables no longer found are dropped.
   */
  private readingsAfter(check: CheckModel | null): void {
    const readable = new Set(check?.tables.filter((t) => t.readable).map((t) => t.id));
    const kept = Object.keys(this.state.readings).filter((id) => readable.has(id));
    if (kept.length < Object.keys(this.state.readings).length)
      this.store.set({ readings: Object.fromEntries(kept.map((id) => [id, this.state.readings[id]])) });
    kept.forEach((id) => void this.showReading(id));
  }

  /**
   * Asks the worker how a table was read (the user opened it in the Check view), once per table and check however
   * often the view asks while waiting; kept until the next check.
   */
  showReading(table: string): Promise<ReadingView | null> {
    const check = this.state.views.check;
    const asked = this.readingsAsked.get(table);
    if (asked?.check === check) return asked.reading;
    const reading = this.link.request<ReadingView | null>({ kind: 'reading', table }).then(
      (view) => {
        // A reading asked for before a new check came is of the check before: the new check asks again.
        if (view && this.state.views.check === check)
          this.store.set({ readings: { ...this.state.readings, [table]: view } });
        return view;
      },
      (e: unknown) => {
        this.store.set({ problem: describeProblem(e, 'Could not show how the table was read') });
        return null;
      },
    );
    this.readingsAsked.set(table, { check, reading });
    return reading;
  }

  /**
   * Runs one long operation with a progress bar, turning any failure into a message bar titled `failTitle`.
   * One at a time: returns undefined without running when another is under way, or when `task` fails.
   */
  async run<T>(stage: string, failTitle: string, task: () => Promise<T>): Promise<T | undefined> {
    if (this.state.busy) return undefined;
    this.store.set({ busy: { stage, done: 0, total: 0 }, problem: null });
    try {
      return await task();
    } catch (e) {
      if (!speaksPlainly(e) && !(e instanceof CrossedError)) console.error(e);
      this.store.set({ problem: describeProblem(e, failTitle) });
      return undefined;
    } finally {
      this.store.set({ busy: null });
    }
  }

  /** A quick request (a choice): no progress bar; a failure is said like any other. */
  private tell(request: Request): void {
    this.link
      .request(request)
      .catch((e: unknown) => this.store.set({ problem: describeProblem(e, 'Something went wrong') }));
  }

  /** A workbook was opened: nothing chosen yet. */
  private fresh(): Partial<SessionState> {
    return {
      choices: PLAN,
      compared: [],
      targets: [],
      envelope: EMPTY_FIELD,
      shownCell: null,
      readingProblem: null,
      confirming: null,
      checkFilter: 'all',
    };
  }

  /** Excel mode: connects to the open workbook, checks it, and follows the user's selection. */
  async connectExcel(): Promise<void> {
    const done = await this.run('Reading the workbook', 'Could not read the workbook', async () => {
      await this.link.request({ kind: 'connect' });
      return true;
    });
    if (!done) return;
    this.store.set(this.fresh());
    await this.follow();
  }

  /** Inside Excel: selecting a cell with a finding shows that finding in the pane. */
  private async follow(): Promise<void> {
    if (this.stopFollowing) return;
    const port = await this.excelPort();
    if (!port?.followSelection) return;
    try {
      this.stopFollowing = await port.followSelection((sheet, cell) => this.selected(sheet, cell));
    } catch {
      // Following the selection is a help, not a need: the pane works without it.
      this.stopFollowing = null;
    }
  }

  /** The user selected a cell in Excel: when a finding is on it, the pane shows it. */
  selected(sheet: string, cell: string): void {
    const card = this.state.views.check?.cards.find((c) => c.sheet === sheet && c.cell === cell);
    if (!card) return;
    const filter = this.state.checkFilter;
    const hidden = filter !== 'all' && filter !== card.severity;
    this.store.set({ shownCell: { sheet, cell }, ...(hidden ? { checkFilter: 'all' } : {}) });
  }

  /** Browser mode: opens an .xlsx file the user picked and checks it. On failure the previous workbook stays open. */
  async openFile(file: PickedFile): Promise<void> {
    const done = await this.run(`Opening ${file.name}`, `Could not open ${file.name}`, async () => {
      mark('mtfs:open');
      const bytes = await file.arrayBuffer();
      await this.link.request({ kind: 'open', name: file.name, bytes }, [bytes]);
      return true;
    });
    if (done) this.store.set(this.fresh());
    mark('mtfs:ready');
  }

  /**
   * Reads the current workbook again and re-runs the check (after the user edits it, or after a view wrote sheets).
   * Inside Excel, when the first reading failed, it tries to connect again.
   */
  async checkAgain(): Promise<void> {
    if (!this.state.views.workbook) {
      if (this.state.host === 'excel') await this.connectExcel();
      return;
    }
    await this.run('Reading the workbook', 'Could not read the workbook', () => this.link.request({ kind: 'reread' }));
  }

  /** Shows a cell: inside Excel, selects it; in browser mode, marks it (there is no grid to move). */
  async showCell(sheet: string, cell: string): Promise<void> {
    this.store.set({ shownCell: { sheet, cell } });
    const port = this.state.host === 'excel' ? await this.excelPort() : null;
    if (!port?.selectCell) return;
    try {
      await port.selectCell(sheet, cell);
    } catch (e) {
      this.store.set({ problem: describeProblem(e, `Could not go to ${sheet}!${cell}`, 'warning') });
    }
  }

  /**
   * Next (`step` 1) or previous (-1) issue, like a spell-checker: errors, then warnings, in workbook order, from the
   * one shown; each is selected in Excel. Rounding differences and notes are not issues to walk through.
   */
  async nextIssue(step: 1 | -1): Promise<void> {
    const issues = issueCards(this.state.views.check?.cards ?? []);
    if (!issues.length) return;
    const shown = this.state.shownCell;
    const at = shown ? issues.findIndex((c) => c.sheet === shown.sheet && c.cell === shown.cell) : -1;
    const next = at < 0 ? (step === 1 ? 0 : issues.length - 1) : (at + step + issues.length) % issues.length;
    const card = issues[next];
    if (this.state.checkFilter !== 'all' && this.state.checkFilter !== card.severity)
      this.store.set({ checkFilter: 'all' });
    await this.showCell(card.sheet, card.cell);
  }

  /** Browser mode: downloads the workbook (with any sheets the add-in wrote) as "<name>-mtfs.xlsx". */
  async download(): Promise<void> {
    if (!this.state.views.workbook?.canSave) return;
    await this.run('Preparing the download', 'Could not download the workbook', async () => {
      const saved = await this.link.request<{ name: string; bytes: Uint8Array; macroEnabled: boolean } | null>({
        kind: 'save',
      });
      if (saved) this.deps.saveFile(saved.bytes, downloadName(saved.name, saved.macroEnabled));
    });
  }

  setView(view: ViewId): void {
    this.store.set({ view });
  }

  setCheckFilter(checkFilter: CheckFilter): void {
    this.store.set({ checkFilter });
  }

  dismissProblem(): void {
    this.store.set({ problem: null });
  }

  // Correcting how tables were read

  /** Corrects how a table (by id) was read: the worker keeps it in the workbook and checks again with it. */
  async correctReading(table: string, change: ReadingChange): Promise<void> {
    this.store.set({ readingProblem: null });
    await this.run('Saving your correction', 'Could not make the correction', () =>
      this.link.request({ kind: 'read-as', table, change }),
    );
  }

  /** What a total adds up, as the user typed it ("5:12, -15"); said beside the total when it cannot be read. */
  async correctTotal(table: string, row: number, text: string): Promise<void> {
    const read = addsFromText(text);
    if ('problem' in read) {
      this.store.set({ readingProblem: { key: `${table}#${row}`, message: read.problem } });
      return;
    }
    await this.correctReading(table, { row, adds: read.adds });
  }

  /** Takes a correction back: the table is read as the reader reads it again. */
  async undoReading(correction: ReadingCorrection): Promise<void> {
    await this.run('Taking back your correction', 'Could not take back the correction', () =>
      this.link.request({ kind: 'unread', correction }),
    );
  }

  /** Inside Excel: selects a total and the lines it adds up (`cells`, the total first), so the grid shows them. */
  async showTotal(sheet: string, cells: string[]): Promise<void> {
    const port = this.state.host === 'excel' ? await this.excelPort() : null;
    if (!port?.selectCells || !cells.length) return;
    try {
      await port.selectCells(sheet, cells);
    } catch (e) {
      this.store.set({ problem: describeProblem(e, `Could not select the total on ${sheet}`, 'warning') });
    }
  }

  // Score and Report

  /** The investment envelope (£000) as typed; shared by the Score and Report views. */
  setEnvelope(text: string): void {
    this.store.set({ envelope: moneyField(text, { notNegative: true, example: '1,000' }) });
    this.tell({ kind: 'envelope', text });
  }

  setYearOne(key: YearOneKey, text: string): void {
    this.store.set({ yearOne: editYearOne(this.state.yearOne, key, text) });
    this.tell({ kind: 'year-one', key, text });
  }

  /** Puts back the figures of the workbook's own budget summary. */
  resetYearOne(): void {
    this.tell({ kind: 'year-one-reset' });
  }

  /**
   * Reads and scores an earlier scoring workbook (an .xlsx file, in both hosts), in the worker: the Score view and the
   * Proposal Scores sheet then say what changed in each proposal's scores since. The file is only read.
   */
  async openPreviousScores(file: PickedFile): Promise<void> {
    await this.run(`Opening ${file.name}`, `Could not compare the scores with ${file.name}`, async () => {
      const bytes = await file.arrayBuffer();
      await this.link.request({ kind: 'previous-scores', name: file.name, bytes }, [bytes]);
    });
  }

  /** Stops comparing the scores with the earlier scoring workbook. */
  clearPreviousScores(): void {
    this.tell({ kind: 'clear-previous-scores' });
  }

  // Scenario

  /** Switches lines in or out together: one line, a section, a table, the lines a search found. */
  setLines(lines: Pick<ScenarioLineItem, 'id' | 'inPlan'>[], on: boolean): void {
    this.store.set({ choices: switchLines(this.state.choices, lines, on) });
    this.tell({ kind: 'lines', ids: lines.map((l) => l.id), on });
  }

  /** Back to the published plan: every growth and savings line in, every proposal out. Targets stay. */
  resetScenario(): void {
    this.store.set({ choices: PLAN });
    this.tell({ kind: 'scenario-reset' });
  }

  setTarget(year: number, text: string): void {
    this.store.set({ targets: editTarget(this.state.targets, year, text) });
    this.tell({ kind: 'target', year, text });
  }

  // A budget session: saved scenarios and sign-offs, kept in the workbook

  /** Saves the Scenario tab's switches and targets under a name, in the workbook (a scenario of that name is replaced). */
  async saveScenario(name: string): Promise<boolean> {
    const done = await this.run('Saving the scenario', 'Could not save the scenario', async () => {
      await this.link.request({ kind: 'save-scenario', name });
      return true;
    });
    return done === true;
  }

  async deleteScenario(name: string): Promise<void> {
    await this.run('Deleting the scenario', 'Could not delete the scenario', () =>
      this.link.request({ kind: 'delete-scenario', name }),
    );
    const left = this.state.views.session?.scenarios.map((s) => s.name) ?? [];
    this.store.set({ compared: this.state.compared.filter((n) => left.includes(n)) });
  }

  /** Puts a saved scenario's switches and targets on the Scenario tab, and shows it. */
  async useScenario(name: string): Promise<void> {
    const used = await this.run(`Using “${name}”`, `Could not use “${name}”`, () =>
      this.link.request<UsedScenario>({ kind: 'use-scenario', name }),
    );
    if (!used) return;
    this.store.set({
      choices: { out: new Set(used.out), in: new Set(used.in) },
      targets: used.targets.map((t) => (t ? moneyField(t, { example: '33,500' }) : EMPTY_FIELD)),
      view: 'scenario',
      ...(used.notes.length
        ? { problem: { intent: 'warning', title: `“${name}” is in use`, message: sentence(used.notes.join('; ')) } }
        : {}),
    });
  }

  /** Chooses the saved scenarios to see side by side with the published plan (one to four). */
  compareScenarios(names: string[]): void {
    this.store.set({ compared: names });
    this.tell({ kind: 'compare-scenarios', names });
  }

  /** Signs off a finding: Explained (a note is needed) or To fix; kept in the workbook with the date. */
  async markFinding(finding: FindingRef, status: MarkStatus, note: string): Promise<boolean> {
    const done = await this.run('Saving the mark', 'Could not mark the finding', async () => {
      await this.link.request({ kind: 'mark', finding, status, note });
      return true;
    });
    return done === true;
  }

  async clearMark(finding: FindingRef): Promise<void> {
    await this.run('Clearing the mark', 'Could not clear the mark', () =>
      this.link.request({ kind: 'unmark', finding }),
    );
  }

  // Compare

  /** Reads and checks the previous MTFS (an .xlsx file, in both hosts) and compares this workbook with it. */
  async openPrevious(file: PickedFile): Promise<void> {
    await this.run(`Opening ${file.name}`, `Could not compare with ${file.name}`, async () => {
      const bytes = await file.arrayBuffer();
      await this.link.request({ kind: 'previous', name: file.name, bytes }, [bytes]);
    });
  }

  /** The user says the previous MTFS's line `previous` and this MTFS's line `current` (ids such as "Growth!A9") are the same line. */
  sameLine(previous: string, current: string): void {
    this.tell({ kind: 'pair', previous, current, same: true });
  }

  /** The user says a pairing the comparison made is wrong: the two lines are not the same line. */
  notSameLine(previous: string, current: string): void {
    this.tell({ kind: 'pair', previous, current, same: false });
  }

  undoCorrection(correction: { previous: string; current: string; same?: boolean }): void {
    this.tell({ kind: 'unpair', correction });
  }

  clearCorrections(): void {
    this.tell({ kind: 'clear-corrections' });
  }

  // Writing

  /**
   * Writes the report, the scenario's report or the Changes sheet: the worker plans it, asks first (`confirming`)
   * when the add-in's own sheets would be replaced, writes, and checks the workbook again.
   */
  async write(target: WriteTarget, confirmed = false): Promise<void> {
    const words = WRITE_WORDS[target];
    const blocked = this.state.views.writes[target].blocked;
    if (blocked) {
      this.store.set({ problem: { intent: 'error', title: words.fail, message: blocked } });
      return;
    }
    this.store.set({ confirming: null });
    const outcome = await this.run(words.stage, words.fail, () =>
      this.link.request<WriteOutcome>({ kind: 'write', target, confirmed }),
    );
    if (outcome && 'confirm' in outcome) this.store.set({ confirming: { target, replace: outcome.confirm } });
  }

  /** The user agreed to replace the add-in's own sheets. */
  async confirmWrite(): Promise<void> {
    const pending = this.state.confirming;
    if (pending) await this.write(pending.target, true);
  }

  cancelWrite(): void {
    this.store.set({ confirming: null });
  }

  dismissWritten(): void {
    this.store.set({ views: { ...this.state.views, written: null } });
    this.tell({ kind: 'dismiss-written' });
  }
}
