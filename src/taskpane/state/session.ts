import { checkWorkbook, type CheckResult } from '../../engine/check';
import type { SheetGrid } from '../../engine/grid';
import { WorkbookReadError, type Progress, type WorkbookPort } from '../../hosts/port';
import { downloadName } from './download';
import type { SeverityFilter } from './findings';
import { createStore, type Store } from './store';

/** Where the pane runs: inside Excel (office-js), or in a plain browser on an .xlsx file the user opens. */
export type HostKind = 'excel' | 'browser';

/** The pane's views. Score and Report join this list when their engine APIs land. */
export type ViewId = 'check';

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

export interface SessionState {
  host: HostKind;
  source: WorkbookSource | null;
  /** The workbook's sheets as last read, and the check run on them. */
  sheets: SheetGrid[] | null;
  check: CheckResult | null;
  busy: Busy | null;
  problem: Problem | null;
  view: ViewId;
  checkFilter: SeverityFilter;
  /** The cell of the finding the user last chose. */
  shownCell: { sheet: string; cell: string } | null;
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

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** True for failures that carry words meant for users: unreadable files, office-js errors, browser file errors. */
function speaksPlainly(error: unknown): error is Error {
  if (error instanceof WorkbookReadError) return true;
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
    message: line ? `Something went wrong in the add-in (${line}). Try again; if it keeps happening, tell us what you were doing.` : 'Something went wrong in the add-in. Try again.',
  };
}

const defaultPause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The pane's state and everything that changes it. Components read the store and call these methods;
 * they never touch a workbook or the engine themselves.
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
    });
  }

  get state(): SessionState {
    return this.store.get();
  }

  /**
   * Runs one long operation with a progress bar, turning any failure into a message bar titled `failTitle`.
   * One at a time: returns undefined without running when another is under way, or when `task` fails.
   * Score and Report use this for their own work (e.g. `port.writeSheets(…, progress)`), then `checkAgain()`.
   */
  async run<T>(stage: string, failTitle: string, task: (progress: Progress) => Promise<T>): Promise<T | undefined> {
    if (this.state.busy) return undefined;
    this.store.set({ busy: { stage, done: 0, total: 0 }, problem: null });
    const progress: Progress = (done, total, what) => this.store.set({ busy: { stage: what || stage, done, total } });
    try {
      await (this.deps.pause ?? defaultPause)();
      return await task(progress);
    } catch (e) {
      if (!(e instanceof WorkbookReadError)) console.error(e);
      this.store.set({ problem: describeProblem(e, failTitle) });
      return undefined;
    } finally {
      this.store.set({ busy: null });
    }
  }

  private async readAndCheck(port: WorkbookPort, progress: Progress): Promise<{ sheets: SheetGrid[]; check: CheckResult }> {
    const sheets = await port.readSheets(progress);
    progress(0, 0, 'Checking every total');
    await (this.deps.pause ?? defaultPause)();
    return { sheets, check: checkWorkbook(sheets) };
  }

  /** Excel mode: connects to the open workbook and checks it. */
  async connectExcel(): Promise<void> {
    const openExcel = this.deps.openExcel;
    if (!openExcel) throw new Error('Excel mode needs openExcel');
    await this.run('Reading the workbook', 'Could not read the workbook', async (progress) => {
      const port = await openExcel();
      const { sheets, check } = await this.readAndCheck(port, progress);
      this.store.set({ source: { name: 'This workbook', port }, sheets, check, shownCell: null });
    });
  }

  /** Browser mode: opens an .xlsx file the user picked and checks it. On failure the previous workbook stays open. */
  async openFile(file: PickedFile): Promise<void> {
    await this.run(`Opening ${file.name}`, `Could not open ${file.name}`, async (progress) => {
      const workbook = await this.deps.openXlsx(await file.arrayBuffer());
      const { sheets, check } = await this.readAndCheck(workbook, progress);
      const source: WorkbookSource = { name: file.name, port: workbook, save: () => workbook.toBuffer() };
      this.store.set({ source, sheets, check, shownCell: null, checkFilter: 'all' });
    });
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
      const { sheets, check } = await this.readAndCheck(source.port, progress);
      if (this.state.source === source) this.store.set({ sheets, check });
    });
  }

  /** Shows a finding's cell: inside Excel, selects it; in browser mode, marks it (there is no grid to move). */
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
}
