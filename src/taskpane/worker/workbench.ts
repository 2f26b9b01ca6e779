import { comparableTables, type PairingOverride } from '../../engine/changes';
import type { CheckResult } from '../../engine/check';
import { sameSubject, withCorrection as withReading, type ReadingCorrection } from '../../engine/reader/corrections';
import { correctionsOf, storeWithCorrections } from '../../engine/store';
import { sameSheet } from '../../engine/ownership';
import type { SheetGrid } from '../../engine/grid';
import {
  checkStored,
  checkStoredSteps,
  checkThrough,
  previewWrite,
  readWorkbook,
  writeOutputs,
  WriteRefused,
  type ReadWorkbook,
} from '../../engine/workflow';
import type { Progress, WorkbookPort } from '../../engine/port';
import { previousScoresFrom } from '../../engine/scoring';
import { planIds } from '../../engine/scenario';
import {
  compareProblem,
  findSaved,
  markProblem,
  NO_SESSION,
  readSession,
  resolveScenario,
  scenarioNameProblem,
  scenarioToSave,
  signOffFor,
  withoutSavedScenario,
  withoutSignOff,
  withSavedScenario,
  withSignOff,
  type MarkStatus,
} from '../../engine/session';
import type { AddinStore } from '../../engine/store';
import { correctionOf, withCorrection, withoutCorrection } from '../state/compare';
import { correctionFor, readingView, type ReadingChange, type ReadingView } from '../state/reading';
import { derive, NO_RESULTS, outputsFor, type Choices, type Results } from '../state/derive';
import { EMPTY_FIELD, moneyField, moneyText } from '../state/fields';
import { editTarget, includedIds, PLAN, switchLines, targetValues } from '../state/scenario';
import { WRITE_WORDS, writtenWords, type HostKind, type WriteTarget } from '../state/write';
import { editYearOne, NO_YEAR_ONE, yearOneFromCheck, type YearOneKey } from '../state/yearone';
import { PlainError } from './failure';
import { CHECKING_STAGE, type FindingRef, type PaneViews, type UsedScenario, type WriteOutcome } from './protocol';
import {
  analysable,
  checkModel,
  compareModel,
  firstCheckModel,
  reportModel,
  scoreAnalysisModel,
  scenarioModel,
  sessionModel,
  totalsModel,
  ViewsSent,
  writesModel,
  yearOneTexts,
} from './views';
import { scoreView } from '../state/score';

/** The findings so far are shown at most this often while the check reads a large workbook. */
const FIRST_FINDINGS_EVERY_MS = 2000;

/** A port on a workbook that can also be saved as .xlsx bytes (browser mode's XlsxWorkbook). */
export interface SavableWorkbook extends WorkbookPort {
  toBuffer(): Promise<Uint8Array>;
  /** A macro-enabled workbook (.xlsm), downloaded as one. */
  readonly macroEnabled?: boolean;
}

export interface WorkbookSource {
  /** The file name in browser mode; "This workbook" inside Excel. */
  name: string;
  port: WorkbookPort;
  /** Browser mode: the workbook as .xlsx bytes, for "Download workbook". */
  save?: () => Promise<Uint8Array>;
  /** Browser mode: the workbook holds macros (.xlsm), so it downloads as .xlsm. */
  macroEnabled?: boolean;
}

/**
 * Shows views before an action has finished (the check's findings so far, then the check): the action goes on once
 * the pane has drawn them, or at once when it does not say.
 */
export type ShowFirst = (views: Partial<PaneViews>) => Promise<void> | void;

export interface WorkbenchDeps {
  /** Reads .xlsx bytes (loads ExcelJS on first use). Throws WorkbookReadError for files it cannot read. */
  openXlsx(bytes: ArrayBuffer): Promise<SavableWorkbook>;
  /** Excel mode: a port on the workbook open in Excel (in the worker, one that asks the main thread). */
  openExcel?(): WorkbookPort;
}

export interface WorkbenchState extends Choices, Results {
  host: HostKind;
  source: WorkbookSource | null;
  /** Every sheet of the workbook as last read (the add-in's own included); `inputs` are the user's sheets the check ran on. */
  sheets: SheetGrid[] | null;
  check: CheckResult | null;
  /** What the last write wrote, in words, for the view that wrote it. */
  written: { target: WriteTarget; sheets: string[]; message: string } | null;
  /** Year 1's fields were just filled in from the workbook (not typed): the main thread takes them. */
  yearOneFilled: boolean;
  /** The add-in's record as last read or written (saved scenarios and sign-offs are kept in it). */
  store: AddinStore | null;
}

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
  'session',
  'compared',
];

function choicesOf(s: WorkbenchState): Choices {
  return Object.fromEntries(CHOICE_KEYS.map((k) => [k, s[k]])) as unknown as Choices;
}

function listedFrom(read: ReadWorkbook): { name: string; owned: boolean }[] {
  return read.sheets.map((s) => ({ name: s.name, owned: read.owned.some((o) => sameSheet(o, s.name)) }));
}

/**
 * The half of the pane's session that runs in the worker: the workbook as read, the check, and everything that
 * follows from the user's choices (scores, the scenario's budget, the comparison, what a write would do), worked out
 * by the engine. Its actions throw failures (the main thread says them in plain words); after each, `views` gives
 * what changed for the views.
 */
export class Workbench {
  private s: WorkbenchState;
  private readonly sent = new ViewsSent();
  /** The scores and earlier scoring the Score view's analysis was last due for, and whether it is still to be sent. */
  private analysedFrom: unknown[] = [];
  private analysisDue = false;

  constructor(
    host: HostKind,
    private readonly deps: WorkbenchDeps,
  ) {
    this.s = {
      host,
      source: null,
      sheets: null,
      check: null,
      written: null,
      yearOneFilled: false,
      store: null,
      session: NO_SESSION,
      compared: [],
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
    };
  }

  get state(): WorkbenchState {
    return this.s;
  }

  /** Sets state and brings what follows from it up to date. */
  private update(patch: Partial<WorkbenchState>): void {
    const prev = this.s;
    const next = { ...prev, ...patch };
    const results = derive({ c: choicesOf(prev), r: prev }, choicesOf(next));
    this.s = { ...next, ...results };
  }

  /** Sets state without working anything out again (the check's first result, before the rest). */
  private set(patch: Partial<WorkbenchState>): void {
    this.s = { ...this.s, ...patch };
  }

  /**
   * Reads the workbook and checks it, saying how many sheets are checked as it goes. With `show`, the findings so far
   * are shown while the check is still reading the workbook (as soon as there is one, then every few seconds): at
   * 20,000 lines the first findings are on screen soon after the file is read, not when every sheet is checked.
   */
  private async readAndCheck(
    port: WorkbookPort,
    progress: Progress,
    show?: ShowFirst,
  ): Promise<{ read: ReadWorkbook; check: CheckResult; store: AddinStore | null }> {
    const read = await readWorkbook(port, progress);
    // The user's corrections to how tables are read are kept in the workbook's record: every check applies them.
    const store = read.store ?? null;
    progress(0, 0, CHECKING_STAGE);
    let shownAt = -Infinity;
    const steps = checkStoredSteps(read, store);
    for (;;) {
      const step = steps.next();
      if (step.done) return { read, check: step.value, store };
      const soFar = step.value;
      progress(soFar.done, soFar.sheets.length, CHECKING_STAGE);
      if (!show || soFar.done === soFar.sheets.length) continue;
      if (soFar.findings.length + soFar.checked.length === 0) continue;
      if (Date.now() - shownAt < FIRST_FINDINGS_EVERY_MS) continue;
      // What the Check view shows is no longer the check in this.s: the next views() sends it whatever happens.
      this.sent.forget('check');
      // The check waits while the pane draws the findings so far: on two cores it took the core the drawing needed.
      await show({ check: firstCheckModel(soFar, readSession(store)) });
      shownAt = Date.now();
    }
  }

  /** The state for a workbook just opened: its sheets and check, the year-1 fields filled from it, nothing chosen yet. */
  private opened(
    source: WorkbookSource,
    read: ReadWorkbook,
    check: CheckResult,
    store: AddinStore | null,
  ): Partial<WorkbenchState> {
    return {
      source,
      store,
      session: readSession(store),
      compared: [],
      workbookName: source.name,
      sheets: read.sheets,
      inputs: read.inputs,
      listed: listedFrom(read),
      check,
      written: null,
      yearOne: yearOneFromCheck(check),
      yearOneFilled: true,
      choices: PLAN,
      targets: [],
      previous: null,
      corrections: [],
      previousScores: null,
      envelope: EMPTY_FIELD,
    };
  }

  /**
   * Shows the check first (`first`), then works out everything else: at 20,000 lines the check's result is on screen
   * while the scores, the scenario and the report plans are still being worked out.
   */
  private async settle(patch: Partial<WorkbenchState>, progress: Progress, first?: ShowFirst): Promise<void> {
    if (first) {
      const before = this.s;
      this.set(patch);
      const s = this.s;
      const out: Partial<PaneViews> = {};
      this.sent.changed(out, 'workbook', [s.source], () => this.workbookWords());
      this.sent.changed(out, 'check', [s.check, s.session], () =>
        s.check ? checkModel(s.check, s.sheets?.length ?? 0, s.session) : null,
      );
      progress(0, 0, 'Working out the scores, the scenario and the report');
      this.s = before;
      // The rest waits while the pane draws the check, as the findings so far did (see readAndCheck).
      await first(out);
    }
    this.update(patch);
  }

  /** Excel mode: reads the workbook open in Excel (through the main thread) and checks it. */
  async connectExcel(progress: Progress, first?: ShowFirst): Promise<void> {
    const port = this.deps.openExcel?.();
    if (!port) throw new Error('Excel mode needs openExcel');
    const { read, check, store } = await this.readAndCheck(port, progress, first);
    await this.settle(this.opened({ name: 'This workbook', port }, read, check, store), progress, first);
  }

  /** Browser mode: opens an .xlsx file the user picked and checks it. On failure the previous workbook stays open. */
  async openFile(name: string, bytes: ArrayBuffer, progress: Progress, first?: ShowFirst): Promise<void> {
    progress(0, 0, `Opening ${name}`);
    const workbook = await this.deps.openXlsx(bytes);
    const { read, check, store } = await this.readAndCheck(workbook, progress, first);
    const source: WorkbookSource = {
      name,
      port: workbook,
      save: () => workbook.toBuffer(),
      macroEnabled: workbook.macroEnabled === true,
    };
    await this.settle(this.opened(source, read, check, store), progress, first);
  }

  /** After a re-read: the new sheets and check; the user's choices stay, and year 1's fields follow the workbook unless edited. */
  private reread(read: ReadWorkbook, check: CheckResult, store: AddinStore | null): Partial<WorkbenchState> {
    return {
      store,
      session: readSession(store),
      sheets: read.sheets,
      inputs: read.inputs,
      listed: listedFrom(read),
      ...this.rechecked(check),
    };
  }

  private rechecked(check: CheckResult): Partial<WorkbenchState> {
    const follow = !this.s.yearOne.edited;
    return { check, ...(follow ? { yearOne: yearOneFromCheck(check), yearOneFilled: true } : {}) };
  }

  /** Reads the current workbook again and re-runs the check (after the user edits it, or after a view wrote sheets). */
  async checkAgain(progress: Progress, first?: ShowFirst): Promise<void> {
    const source = this.s.source;
    if (!source) return;
    const { read, check, store } = await this.readAndCheck(source.port, progress, first);
    if (this.s.source === source) await this.settle(this.reread(read, check, store), progress, first);
  }

  /** Browser mode: the workbook (with any sheets the add-in wrote) as .xlsx bytes. */
  async save(): Promise<{ name: string; bytes: Uint8Array; macroEnabled: boolean } | null> {
    const source = this.s.source;
    if (!source?.save) return null;
    return { name: source.name, bytes: await source.save(), macroEnabled: source.macroEnabled === true };
  }

  // Correcting how a table was read

  /** How one table of the check was read, for the Check view when the user opens the table (null when it has gone). */
  reading(tableId: string): ReadingView | null {
    const check = this.s.check;
    const table = check?.tables.find((t) => t.id === tableId);
    return check && table ? readingView(table, check.corrections) : null;
  }

  /**
   * The user corrects how a table was read (a column's role or unit, a row's role, what a total adds up, the signs,
   * the department, not a table): the correction is kept in the workbook's record and the check runs again with it.
   */
  async correctReading(tableId: string, change: ReadingChange, progress: Progress): Promise<void> {
    const table = this.s.check?.tables.find((t) => t.id === tableId);
    if (!table) throw new PlainError('that table is no longer in the check; check the workbook again');
    const made = correctionFor(table, change);
    if ('problem' in made) throw new PlainError(made.problem);
    await this.keepReading((list) => withReading(list, made), progress);
  }

  /** Takes a correction back out of the workbook's record and checks again without it. */
  async undoReading(correction: ReadingCorrection, progress: Progress): Promise<void> {
    await this.keepReading((list) => list.filter((c) => !sameSubject(c, correction)), progress);
  }

  /**
   * Saves the corrections in the workbook's record (read afresh, so nothing else it holds is lost) and checks the
   * sheets as last read with them: the check changes at once, without reading the workbook again.
   */
  private async keepReading(
    change: (list: ReadingCorrection[]) => ReadingCorrection[],
    progress: Progress,
  ): Promise<void> {
    const { sheets, inputs } = this.s;
    if (!sheets || !inputs) throw new PlainError('open a workbook first');
    progress(0, 0, 'Saving your correction in the workbook');
    const { source, store: next } = await this.writeRecord(
      (store) => storeWithCorrections(store, change(correctionsOf(store).corrections)),
      'corrections',
    );
    progress(0, 0, CHECKING_STAGE);
    const check = checkStored({ sheets, inputs, owned: [] }, next);
    if (this.s.source === source) this.update({ store: next, session: readSession(next), ...this.rechecked(check) });
  }

  // Score and Report

  setEnvelope(text: string): void {
    this.update({ envelope: moneyField(text, { notNegative: true, example: '1,000' }) });
  }

  setYearOne(key: YearOneKey, text: string): void {
    this.update({ yearOne: editYearOne(this.s.yearOne, key, text) });
  }

  /** Puts back the figures of the workbook's own budget summary. */
  resetYearOne(): void {
    const check = this.s.check;
    this.update({ yearOne: check ? yearOneFromCheck(check) : NO_YEAR_ONE, yearOneFilled: true });
  }

  /**
   * Reads and scores an earlier scoring workbook (an .xlsx file, in both hosts): the Score view and the Proposal
   * Scores sheet then say what changed in each proposal's scores since. The file is only read. When it cannot be
   * compared, the one opened before (if any) stays.
   */
  async openPreviousScores(name: string, bytes: ArrayBuffer, progress: Progress): Promise<void> {
    progress(0, 0, `Opening ${name}`);
    const workbook = await this.deps.openXlsx(bytes);
    const { inputs } = await readWorkbook(workbook, progress);
    const previous = previousScoresFrom(name, inputs);
    if ('problem' in previous) throw new PlainError(previous.problem);
    this.update({ previousScores: previous });
  }

  clearPreviousScores(): void {
    this.update({ previousScores: null });
  }

  // Scenario

  /** Switches lines (by id) in or out: one line, a section, a table. */
  setLines(ids: string[], on: boolean): void {
    const scenario = this.s.scenario;
    if (!scenario || 'missing' in scenario) return;
    const wanted = new Set(ids);
    const lines = scenario.lines.filter((l) => wanted.has(l.id));
    this.update({ choices: switchLines(this.s.choices, lines, on) });
  }

  /** Back to the published plan: every growth and savings line in, every proposal out. Targets stay. */
  resetScenario(): void {
    this.update({ choices: PLAN });
  }

  setTarget(year: number, text: string): void {
    this.update({ targets: editTarget(this.s.targets, year, text) });
  }

  // Compare

  /** Reads and checks the previous MTFS (an .xlsx file, in both hosts) and compares this workbook with it. */
  async openPrevious(name: string, bytes: ArrayBuffer, progress: Progress): Promise<void> {
    progress(0, 0, `Opening ${name}`);
    const workbook = await this.deps.openXlsx(bytes);
    const { check } = await checkThrough(workbook, {}, progress);
    if (comparableTables(check).length === 0)
      throw new PlainError(`the file ${name} has no growth, savings or capital programme table to compare with`);
    this.update({ previous: { name, check }, corrections: [], written: this.writtenUnlessChanges() });
  }

  /** The user says the previous MTFS's line `previous` and this MTFS's line `current` are (or are not) the same line. */
  pair(previous: string, current: string, same: boolean): void {
    const { previous: prev, check } = this.s;
    if (!prev || !check) return;
    const correction = correctionOf(prev.check, check, { previous, current }, same);
    this.update({
      corrections: withCorrection(this.s.corrections, correction),
      written: this.writtenUnlessChanges(),
    });
  }

  undoCorrection(correction: PairingOverride): void {
    this.update({
      corrections: withoutCorrection(this.s.corrections, correction),
      written: this.writtenUnlessChanges(),
    });
  }

  clearCorrections(): void {
    this.update({ corrections: [], written: this.writtenUnlessChanges() });
  }

  /** What was written stays said, unless it was the Changes sheet: the comparison it showed has just changed. */
  private writtenUnlessChanges(): WorkbenchState['written'] {
    return this.s.written?.target === 'changes' ? null : this.s.written;
  }

  dismissWritten(): void {
    this.set({ written: null });
  }

  // Writing

  /**
   * Writes the report, the scenario's report or the Changes sheet. First asks the workbook what the write would do
   * (previewWrite): when a sheet of the user's has the same name nothing is written and it says why; when the
   * add-in's own sheets would be replaced, the user is asked first (`confirm`), unless `confirmed`.
   * Then writes, says which sheets were written and checks the workbook again (its own sheets are not read as input).
   */
  async write(target: WriteTarget, confirmed: boolean, progress: Progress): Promise<WriteOutcome> {
    const source = this.s.source;
    if (!source) throw new PlainError('open a workbook first');
    const built = outputsFor(target, choicesOf(this.s), this.s);
    if ('blocked' in built) throw new PlainError(built.blocked);
    progress(0, 0, WRITE_WORDS[target].stage);
    if (!confirmed) {
      const plan = await previewWrite(source.port, built.outputs);
      if (plan.refused.length) throw new WriteRefused(plan.refused);
      if (plan.replace.length) return { confirm: plan.replace };
    }
    const plan = await writeOutputs(source.port, built.outputs, progress);
    // Notes from the host (a chart Excel would not draw) follow what was written.
    const words = writtenWords(plan, this.s.host);
    this.set({ written: { target, ...words, message: [words.message, ...plan.notes].join(' ') } });
    progress(0, 0, 'Checking the workbook again');
    const { read, check, store } = await this.readAndCheck(source.port, progress);
    if (this.s.source === source) this.update(this.reread(read, check, store));
    return { written: true };
  }

  // A budget session's record: saved scenarios and sign-offs

  /**
   * Changes the workbook's record (read again first, so nothing another pane or a write put there is lost) and keeps
   * what was written. Inside Excel it is saved with the workbook; in browser mode, in the downloaded file.
   */
  private async keep(change: (store: AddinStore | null) => AddinStore): Promise<void> {
    const { source, store } = await this.writeRecord(change, 'saved scenarios or marks');
    if (this.s.source === source) this.update({ store, session: readSession(store) });
  }

  /** Reads the record afresh, writes it changed, and says which workbook it was (the user may open another meanwhile). */
  private async writeRecord(
    change: (store: AddinStore | null) => AddinStore,
    what: string,
  ): Promise<{ source: WorkbookSource; store: AddinStore }> {
    const source = this.s.source;
    if (!source) throw new PlainError('open a workbook first');
    const port = source.port;
    if (!port.readStore || !port.writeStore) throw new PlainError(`this workbook cannot keep ${what}`);
    const store = change(await port.readStore());
    await port.writeStore(store);
    return { source, store };
  }

  /** Saves the Scenario tab's switches and targets under a name (replacing a scenario of the same name). */
  async saveScenario(name: string): Promise<void> {
    const problem = scenarioNameProblem(name);
    if (problem) throw new PlainError(problem);
    const scenario = this.s.scenario;
    if (!scenario || 'missing' in scenario)
      throw new PlainError(
        scenario ? `the scenario cannot be worked out: ${scenario.missing}` : 'open a workbook first',
      );
    const saved = scenarioToSave(
      name,
      scenario,
      includedIds(scenario, this.s.choices),
      targetValues(this.s.targets, scenario.base.years.length),
      new Date().toISOString(),
    );
    await this.keep((store) => withSavedScenario(store, saved));
  }

  async deleteScenario(name: string): Promise<void> {
    await this.keep((store) => withoutSavedScenario(store, name));
    const left = this.s.compared.filter((n) => findSaved(this.s.session.scenarios, n));
    if (left.length !== this.s.compared.length) this.update({ compared: left });
  }

  /**
   * Puts a saved scenario's switches and targets on the Scenario tab. A scenario with a line no longer in the
   * workbook is not applied: it says which, and nothing is switched.
   */
  useScenario(name: string): UsedScenario {
    const scenario = this.s.scenario;
    const saved = findSaved(this.s.session.scenarios, name);
    if (!saved) throw new PlainError(`there is no saved scenario called “${name}” in this workbook`);
    if (!scenario || 'missing' in scenario) throw new PlainError('the scenario cannot be worked out for this workbook');
    const resolved = resolveScenario(scenario, saved);
    if (resolved.missing.length)
      throw new PlainError(`“${saved.name}” is not applied, because ${resolved.missing.join('; ')}`);
    const plan = planIds(scenario);
    const choices = {
      out: new Set([...plan].filter((id) => !resolved.included.has(id))),
      in: new Set([...resolved.included].filter((id) => !plan.has(id))),
    };
    const targets = resolved.target.map((t) => (t ? moneyText(t) : ''));
    this.update({
      choices,
      targets: targets.map((text) => (text ? moneyField(text, { example: '33,500' }) : EMPTY_FIELD)),
    });
    return { out: [...choices.out], in: [...choices.in], targets, notes: resolved.notes };
  }

  /** Chooses the saved scenarios to compare side by side with the published plan. */
  compareScenarios(names: string[]): void {
    const problem = names.length ? compareProblem(this.s.session.scenarios, names) : null;
    if (problem) throw new PlainError(problem);
    this.update({ compared: names });
  }

  /** Signs off a finding: Explained (with a note) or To fix, kept in the workbook with the date. */
  async mark(ref: FindingRef, status: MarkStatus, note: string): Promise<void> {
    const problem = markProblem(status, note);
    if (problem) throw new PlainError(problem);
    const finding = this.s.check?.findings.find(
      (f) => f.rule === ref.rule && f.sheet === ref.sheet && f.cell === ref.cell,
    );
    if (!finding) throw new PlainError(`the check no longer finds this on ${ref.sheet}!${ref.cell}: check again`);
    await this.keep((store) => withSignOff(store, signOffFor(finding, status, note, new Date().toISOString())));
  }

  async unmark(ref: FindingRef): Promise<void> {
    await this.keep((store) => withoutSignOff(store, ref));
  }

  // What the views show

  private workbookWords(): PaneViews['workbook'] {
    const source = this.s.source;
    return source ? { name: source.name, canSave: Boolean(source.save) } : null;
  }

  /**
   * When the scores or the earlier scoring changed: the analysis is due (sent by analysisViews, after the other
   * views), and the pane is told it is being worked out again; when nothing was scored, there is none, at once.
   */
  private analysisAfter(out: Partial<PaneViews>): void {
    const s = this.s;
    const inputs = [s.scores, s.previousScores];
    if (inputs.every((x, i) => x === this.analysedFrom[i])) return;
    this.analysedFrom = inputs;
    this.analysisDue = analysable(s);
    out.scoreAnalysisWorking = this.analysisDue;
    if (!this.analysisDue) out.scoreAnalysis = null;
  }

  /** Whether the Score view's analysis is waiting to be worked out (see analysisViews). */
  get analysisWaiting(): boolean {
    return this.analysisDue;
  }

  /** The Score view's analysis for the figures as they are now, when it is due. */
  analysisViews(): Partial<PaneViews> {
    if (!this.analysisDue) return {};
    this.analysisDue = false;
    return { scoreAnalysis: scoreAnalysisModel(choicesOf(this.s), this.s), scoreAnalysisWorking: false };
  }

  /** The views whose inputs changed since the last call (the Score view's analysis apart: analysisViews). */
  views(): Partial<PaneViews> {
    const s = this.s;
    const c = choicesOf(s);
    const out: Partial<PaneViews> = {};
    const sent = this.sent;
    sent.changed(out, 'workbook', [s.source], () => this.workbookWords());
    sent.changed(out, 'check', [s.check, s.session], () =>
      s.check ? checkModel(s.check, s.sheets?.length ?? 0, s.session) : null,
    );
    sent.changed(out, 'session', [s.check, s.session, s.compared, s.comparison, s.outcome], () =>
      sessionModel(c, s, Boolean(s.source?.port.writeStore)),
    );
    sent.changed(out, 'score', [s.scores], () => (s.scores ? scoreView(s.scores) : null));
    this.analysisAfter(out);
    sent.changed(out, 'report', [s.check, s.yearOne, s.scores], () => reportModel(c, s));
    sent.changed(out, 'scenario', [s.scenario], () =>
      s.scenario && s.check ? scenarioModel(s.scenario, s.check) : null,
    );
    sent.changed(out, 'totals', [s.outcome, s.targets], () => totalsModel(c, s));
    sent.changed(out, 'compare', [s.previous, s.changes, s.corrections, s.correctionProblem, s.check], () =>
      compareModel(c, s),
    );
    sent.changed(
      out,
      'writes',
      [
        s.plans,
        s.check,
        s.envelope,
        s.yearOne,
        s.scenario,
        s.targets,
        s.changes,
        s.correctionProblem,
        s.previous,
        s.comparison,
        s.compared,
      ],
      () => writesModel(c, s),
    );
    sent.changed(out, 'written', [s.written], () => s.written);
    if (s.yearOneFilled) {
      out.yearOne = yearOneTexts(s.yearOne);
      this.s = { ...this.s, yearOneFilled: false };
    }
    return out;
  }
}
