import { comparableTables, type PairingOverride } from '../../engine/changes';
import { checkWorkbook, type CheckResult } from '../../engine/check';
import { sameSheet } from '../../engine/ownership';
import type { SheetGrid } from '../../engine/grid';
import type { ScenarioLine } from '../../engine/scenario';
import { previousScoresFrom } from '../../engine/scoring';
import {
  checkThrough,
  previewWrite,
  readWorkbook,
  writeOutputs,
  WriteRefused,
  type ReadWorkbook,
} from '../../engine/workflow';
import { WorkbookReadError, type Progress, type WorkbookPort } from '../../engine/port';
import { correctionOf, withCorrection, withoutCorrection } from './compare';
import { derive, NO_RESULTS, outputsFor, type Choices, type Results } from './derive';
import { downloadName } from './download';
import { EMPTY_FIELD, moneyField } from './fields';
import type { SeverityFilter } from './findings';
import { editTarget, PLAN, switchLine } from './scenario';
import { createStore, type Store } from './store';
import { sentence } from './words';
import { WRITE_WORDS, writtenWords, type HostKind, type WriteTarget } from './write';
import { editYearOne, NO_YEAR_ONE, yearOneFromCheck, type YearOneKey } from './yearone';

/** Where the pane runs: inside Excel (office-js), or in a plain browser on an .xlsx file the user opens. */
export type { HostKind } from './write';

/** The pane's views, one tab each (see views/index.ts). */
export type ViewId = 'check' | 'score' | 'report' | 'scenario' | 'compare';

/** A port on a workbook that can also be saved as .xlsx bytes (browser mode's XlsxWorkbook). */
export interface SavableWorkbook extends WorkbookPort {
  toBuffer(): Promise<Uint8Array>;
}

export interface WorkbookSource {
  /** The file name in browser mode; "This workbook" inside Excel. */
  name: string;
  port: WorkbookPort;
  /** Browser mode: the workbook as .xlsx bytes, for "Download workbook". */
  save?: () => Promise<Uint8Array>;
}

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

export interface SessionState extends Choices, Results {
  host: HostKind;
  source: WorkbookSource | null;
  /** Every sheet of the workbook as last read (the add-in's own included); `inputs` are the user's sheets the check ran on. */
  sheets: SheetGrid[] | null;
  check: CheckResult | null;
  busy: Busy | null;
  problem: Problem | null;
  view: ViewId;
  checkFilter: SeverityFilter;
  /** The cell of the finding, proposal or line the user last chose. */
  shownCell: { sheet: string; cell: string } | null;
  /** A write waiting for the user to confirm replacing the add-in's own sheets. */
  confirming: { target: WriteTarget; replace: string[] } | null;
  /** What the last write wrote, in words, for the view that wrote it. */
  written: { target: WriteTarget; sheets: string[]; message: string } | null;
}

export interface SessionDeps {
  /** Browser mode: reads .xlsx bytes (loads ExcelJS on first use). Throws WorkbookReadError for files it cannot read. */
  openXlsx(bytes: ArrayBuffer): Promise<SavableWorkbook>;
  /** Excel mode: a port on the workbook open in Excel. */
  openExcel?(): Promise<WorkbookPort>;
  /** Browser mode: hands the bytes to the user as a downloaded file. */
  saveFile(bytes: Uint8Array, name: string): void;
  /** Lets the page paint between steps of a long operation. */
  pause?(): Promise<void>;
}

/** A file the user picked: a DOM File, or anything with a name and its bytes. */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A failure whose message is already meant for users. */
export class PlainError extends Error {}

/** True for failures that carry words meant for users: unreadable files, refused writes, office-js errors, browser file errors. */
function speaksPlainly(error: unknown): error is Error {
  if (error instanceof WorkbookReadError || error instanceof WriteRefused || error instanceof PlainError) return true;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return true;
  return error instanceof Error && error.name === 'RichApi.Error';
}

/** Any failure as a title and one plain sentence, never a stack trace. */
export function describeProblem(error: unknown, title: string, intent: Problem['intent'] = 'error'): Problem {
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

const defaultPause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const CHOICE_KEYS: (keyof Choices)[] = [
  'listed',
  'inputs',
  'check',
  'workbookName',
  'envelope',
  'yearOne',
  'choices',
  'targets',
  'previous',
  'corrections',
  'previousScores',
];

function choicesOf(s: SessionState): Choices {
  return Object.fromEntries(CHOICE_KEYS.map((k) => [k, s[k]])) as unknown as Choices;
}

function listedFrom(read: ReadWorkbook): { name: string; owned: boolean }[] {
  return read.sheets.map((s) => ({ name: s.name, owned: read.owned.some((o) => sameSheet(o, s.name)) }));
}

/**
 * The pane's state and everything that changes it. Components read the store and call these methods;
 * they never touch a workbook or the engine themselves. What follows from the user's choices (scores, the scenario's
 * budget, the comparison, what a write would do) is worked out again by `derive` whenever a choice changes.
 */
export class Session {
  readonly store: Store<SessionState>;

  constructor(
    host: HostKind,
    private readonly deps: SessionDeps,
  ) {
    this.store = createStore<SessionState>({
      host,
      source: null,
      sheets: null,
      check: null,
      busy: null,
      problem: null,
      view: 'check',
      checkFilter: 'all',
      shownCell: null,
      confirming: null,
      written: null,
      listed: null,
      inputs: null,
      workbookName: null,
      envelope: EMPTY_FIELD,
      yearOne: NO_YEAR_ONE,
      choices: PLAN,
      targets: [],
      previous: null,
      corrections: [],
      previousScores: null,
      ...NO_RESULTS,
    });
  }

  get state(): SessionState {
    return this.store.get();
  }

  /** Sets state and brings what follows from it up to date. */
  private update(patch: Partial<SessionState>): void {
    const prev = this.state;
    const next = { ...prev, ...patch };
    const results = derive({ c: choicesOf(prev), r: prev }, choicesOf(next));
    this.store.set({ ...patch, ...results });
  }

  /**
   * Runs one long operation with a progress bar, turning any failure into a message bar titled `failTitle`.
   * One at a time: returns undefined without running when another is under way, or when `task` fails.
   */
  async run<T>(stage: string, failTitle: string, task: (progress: Progress) => Promise<T>): Promise<T | undefined> {
    if (this.state.busy) return undefined;
    this.store.set({ busy: { stage, done: 0, total: 0 }, problem: null });
    const progress: Progress = (done, total, what) => this.store.set({ busy: { stage: what || stage, done, total } });
    try {
      await (this.deps.pause ?? defaultPause)();
      return await task(progress);
    } catch (e) {
      if (!(e instanceof WorkbookReadError) && !(e instanceof WriteRefused) && !(e instanceof PlainError))
        console.error(e);
      this.store.set({ problem: describeProblem(e, failTitle) });
      return undefined;
    } finally {
      this.store.set({ busy: null });
    }
  }

  /**
   * Reads every sheet and checks the user's own, never the add-in's report sheets: checkThrough's two steps
   * (readWorkbook, then the check on its inputs), with a pause between them so the progress bar can say so.
   */
  private async readAndCheck(
    port: WorkbookPort,
    progress: Progress,
  ): Promise<{ read: ReadWorkbook; check: CheckResult }> {
    const read = await readWorkbook(port, progress);
    progress(0, 0, 'Checking every total');
    await (this.deps.pause ?? defaultPause)();
    return { read, check: checkWorkbook(read.inputs) };
  }

  /** The state for a workbook just opened: its sheets and check, the year-1 fields filled from it, nothing chosen yet. */
  private opened(source: WorkbookSource, read: ReadWorkbook, check: CheckResult): Partial<SessionState> {
    return {
      source,
      workbookName: source.name,
      sheets: read.sheets,
      inputs: read.inputs,
      listed: listedFrom(read),
      check,
      shownCell: null,
      written: null,
      confirming: null,
      yearOne: yearOneFromCheck(check),
      choices: PLAN,
      targets: [],
      previous: null,
      corrections: [],
      previousScores: null,
    };
  }

  /** Excel mode: connects to the open workbook and checks it. */
  async connectExcel(): Promise<void> {
    const openExcel = this.deps.openExcel;
    if (!openExcel) throw new Error('Excel mode needs openExcel');
    await this.run('Reading the workbook', 'Could not read the workbook', async (progress) => {
      const port = await openExcel();
      const { read, check } = await this.readAndCheck(port, progress);
      this.update(this.opened({ name: 'This workbook', port }, read, check));
    });
  }

  /** Browser mode: opens an .xlsx file the user picked and checks it. On failure the previous workbook stays open. */
  async openFile(file: PickedFile): Promise<void> {
    await this.run(`Opening ${file.name}`, `Could not open ${file.name}`, async (progress) => {
      const workbook = await this.deps.openXlsx(await file.arrayBuffer());
      const { read, check } = await this.readAndCheck(workbook, progress);
      const source: WorkbookSource = { name: file.name, port: workbook, save: () => workbook.toBuffer() };
      this.update({ ...this.opened(source, read, check), checkFilter: 'all' });
    });
  }

  /** After a re-read: the new sheets and check; the user's choices stay, and year 1's fields follow the workbook unless edited. */
  private reread(read: ReadWorkbook, check: CheckResult): Partial<SessionState> {
    return {
      sheets: read.sheets,
      inputs: read.inputs,
      listed: listedFrom(read),
      check,
      ...(this.state.yearOne.edited ? {} : { yearOne: yearOneFromCheck(check) }),
    };
  }

  /**
   * Reads the current workbook again and re-runs the check (after the user edits it, or after a view wrote sheets).
   * Inside Excel, when the first reading failed, it tries to connect again.
   */
  async checkAgain(): Promise<void> {
    const source = this.state.source;
    if (!source) {
      if (this.state.host === 'excel') await this.connectExcel();
      return;
    }
    await this.run('Reading the workbook', 'Could not read the workbook', async (progress) => {
      const { read, check } = await this.readAndCheck(source.port, progress);
      if (this.state.source === source) this.update(this.reread(read, check));
    });
  }

  /** Shows a cell: inside Excel, selects it; in browser mode, marks it (there is no grid to move). */
  async showCell(sheet: string, cell: string): Promise<void> {
    this.store.set({ shownCell: { sheet, cell } });
    const port = this.state.source?.port;
    if (!port?.selectCell) return;
    try {
      await port.selectCell(sheet, cell);
    } catch (e) {
      this.store.set({ problem: describeProblem(e, `Could not go to ${sheet}!${cell}`, 'warning') });
    }
  }

  /** Browser mode: downloads the workbook (with any sheets the add-in wrote) as "<name>-mtfs.xlsx". */
  async download(): Promise<void> {
    const source = this.state.source;
    const save = source?.save;
    if (!source || !save) return;
    await this.run('Preparing the download', 'Could not download the workbook', async () => {
      this.deps.saveFile(await save(), downloadName(source.name));
    });
  }

  setView(view: ViewId): void {
    this.store.set({ view });
  }

  setCheckFilter(checkFilter: SeverityFilter): void {
    this.store.set({ checkFilter });
  }

  dismissProblem(): void {
    this.store.set({ problem: null });
  }

  // Score and Report

  /** The investment envelope (£000) as typed; shared by the Score and Report views. */
  setEnvelope(text: string): void {
    this.update({ envelope: moneyField(text, { notNegative: true, example: '1,000' }) });
  }

  setYearOne(key: YearOneKey, text: string): void {
    this.update({ yearOne: editYearOne(this.state.yearOne, key, text) });
  }

  /** Puts back the figures of the workbook's own budget summary. */
  resetYearOne(): void {
    const check = this.state.check;
    this.update({ yearOne: check ? yearOneFromCheck(check) : NO_YEAR_ONE });
  }

  /**
   * Reads and scores an earlier scoring workbook (an .xlsx file, in both hosts): the Score view and the Proposal
   * Scores sheet then say what changed in each proposal's scores since. The file is only read.
   */
  async openPreviousScores(file: PickedFile): Promise<void> {
    await this.run(`Opening ${file.name}`, `Could not compare the scores with ${file.name}`, async (progress) => {
      const workbook = await this.deps.openXlsx(await file.arrayBuffer());
      const { inputs } = await readWorkbook(workbook, progress);
      const previous = previousScoresFrom(file.name, inputs);
      if ('problem' in previous) throw new PlainError(previous.problem);
      this.update({ previousScores: previous });
    });
  }

  clearPreviousScores(): void {
    this.update({ previousScores: null });
  }

  // Scenario

  setLine(line: ScenarioLine, on: boolean): void {
    this.update({ choices: switchLine(this.state.choices, line, on) });
  }

  /** Back to the published plan: every growth and savings line in, every proposal out. Targets stay. */
  resetScenario(): void {
    this.update({ choices: PLAN });
  }

  setTarget(year: number, text: string): void {
    this.update({ targets: editTarget(this.state.targets, year, text) });
  }

  // Compare

  /** Reads and checks the previous MTFS (an .xlsx file, in both hosts) and compares this workbook with it. */
  async openPrevious(file: PickedFile): Promise<void> {
    await this.run(`Opening ${file.name}`, `Could not compare with ${file.name}`, async (progress) => {
      const workbook = await this.deps.openXlsx(await file.arrayBuffer());
      const { check } = await checkThrough(workbook, {}, progress);
      if (comparableTables(check).length === 0)
        throw new PlainError(`the file ${file.name} has no growth, savings or capital programme table to compare with`);
      this.update({ previous: { name: file.name, check }, corrections: [], written: this.writtenUnlessChanges() });
    });
  }

  /** The user says the previous MTFS's line `previous` and this MTFS's line `current` (ids such as "Growth!A9") are the same line. */
  sameLine(previous: string, current: string): void {
    this.correct({ previous, current }, true);
  }

  /** The user says a pairing the comparison made is wrong: the two lines are not the same line. */
  notSameLine(previous: string, current: string): void {
    this.correct({ previous, current }, false);
  }

  undoCorrection(correction: PairingOverride): void {
    this.update({
      corrections: withoutCorrection(this.state.corrections, correction),
      written: this.writtenUnlessChanges(),
    });
  }

  clearCorrections(): void {
    this.update({ corrections: [], written: this.writtenUnlessChanges() });
  }

  private correct(ids: { previous: string; current: string }, same: boolean): void {
    const { previous, check } = this.state;
    if (!previous || !check) return;
    const correction = correctionOf(previous.check, check, ids, same);
    this.update({
      corrections: withCorrection(this.state.corrections, correction),
      written: this.writtenUnlessChanges(),
    });
  }

  /** What was written stays said, unless it was the Changes sheet: the comparison it showed has just changed. */
  private writtenUnlessChanges(): SessionState['written'] {
    return this.state.written?.target === 'changes' ? null : this.state.written;
  }

  // Writing

  /**
   * Writes the report, the scenario's report or the Changes sheet. First asks the workbook what the write would do
   * (previewWrite): when a sheet of the user's has the same name nothing is written and the pane says why; when the
   * add-in's own sheets would be replaced, the user is asked first (`confirming`), unless `confirmed`.
   * Then writes, says which sheets were written and checks the workbook again (its own sheets are not read as input).
   */
  async write(target: WriteTarget, confirmed = false): Promise<void> {
    const source = this.state.source;
    if (!source) return;
    const words = WRITE_WORDS[target];
    const built = outputsFor(target, choicesOf(this.state), this.state);
    if ('blocked' in built) {
      this.store.set({ problem: { intent: 'error', title: words.fail, message: built.blocked } });
      return;
    }
    this.store.set({ confirming: null });
    await this.run(words.stage, words.fail, async (progress) => {
      if (!confirmed) {
        const plan = await previewWrite(source.port, built.outputs);
        if (plan.refused.length) throw new WriteRefused(plan.refused);
        if (plan.replace.length) {
          this.store.set({ confirming: { target, replace: plan.replace } });
          return;
        }
      }
      const plan = await writeOutputs(source.port, built.outputs, progress);
      this.store.set({ written: { target, ...writtenWords(plan, this.state.host) } });
      progress(0, 0, 'Checking the workbook again');
      const { read, check } = await this.readAndCheck(source.port, progress);
      if (this.state.source === source) this.update(this.reread(read, check));
    });
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
    this.store.set({ written: null });
  }
}
