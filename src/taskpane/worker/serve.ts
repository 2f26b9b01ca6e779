import type { SheetGrid } from '../../engine/grid';
import { cellValue, type OutputSheet } from '../../engine/output';
import type { CellFormula, FormulaRanges, Progress, WorkbookPort } from '../../engine/port';
import type { AddinStore } from '../../engine/store';
import { failureWords, fromWords } from './failure';
import type { FromWorker, PortMethod, Request, ToWorker } from './protocol';
import { Workbench, type ShowFirst } from './workbench';

/** How long the figures must be still before the Score view's analysis is worked out (ms). */
const ANALYSIS_WAIT_MS = 300;

/**
 * How long the check waits at most for the pane to draw its findings so far (ms): on two cores the worker and the
 * pane's drawing shared one core and the drawing froze the pane for 100-150 ms; a hidden pane never draws.
 */
const DRAW_WAIT_MS = 250;

/**
 * The worker's side of the conversation: a Workbench answering the main thread's requests, posting progress and
 * the views that changed. Runs in the Web Worker (main.ts), or in the same thread for tests (link.ts's localLink).
 */
export function serve(post: (message: FromWorker, transfer?: Transferable[]) => void): (message: ToWorker) => void {
  let bench: Workbench | null = null;
  let analysis: ReturnType<typeof setTimeout> | undefined;
  const port = new RemotePort(post);
  const progress: Progress = (done, total, stage) => post({ type: 'progress', done, total, stage });
  const views = (v: ReturnType<Workbench['views']>) => {
    if (Object.keys(v).length) post({ type: 'views', views: v });
  };
  let sentToDraw = 0;
  const drawing = new Map<number, () => void>();
  // While the pane draws, the workbench is between two states: requests wait until it goes on.
  let held: Promise<void> | null = null;
  // The check's result (and its findings so far), shown before the rest is worked out, going on once drawn.
  const first: ShowFirst = (v) => {
    if (!Object.keys(v).length) return;
    const drawn = ++sentToDraw;
    post({ type: 'views', views: v, drawn });
    const wait = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        drawing.delete(drawn);
        if (held === wait) held = null;
        resolve();
      };
      const timer = setTimeout(done, DRAW_WAIT_MS);
      drawing.set(drawn, done);
    });
    held = wait;
    return wait;
  };

  async function handle(b: Workbench, request: Request): Promise<unknown> {
    switch (request.kind) {
      case 'open':
        return b.openFile(request.name, request.bytes, progress, first);
      case 'connect':
        return b.connectExcel(progress, first);
      case 'reread':
        return b.checkAgain(progress, first);
      case 'envelope':
        return b.setEnvelope(request.text);
      case 'year-one':
        return b.setYearOne(request.key, request.text);
      case 'year-one-reset':
        return b.resetYearOne();
      case 'lines':
        return b.setLines(request.ids, request.on);
      case 'scenario-reset':
        return b.resetScenario();
      case 'target':
        return b.setTarget(request.year, request.text);
      case 'previous':
        return b.openPrevious(request.name, request.bytes, progress);
      case 'previous-scores':
        return b.openPreviousScores(request.name, request.bytes, progress);
      case 'clear-previous-scores':
        return b.clearPreviousScores();
      case 'pair':
        return b.pair(request.previous, request.current, request.same);
      case 'unpair':
        return b.undoCorrection(request.correction);
      case 'clear-corrections':
        return b.clearCorrections();
      case 'reading':
        return b.reading(request.table);
      case 'read-as':
        return b.correctReading(request.table, request.change, progress);
      case 'unread':
        return b.undoReading(request.correction, progress);
      case 'write':
        return b.write(request.target, request.confirmed, progress);
      case 'dismiss-written':
        return b.dismissWritten();
      case 'save':
        return b.save();
      case 'save-scenario':
        return b.saveScenario(request.name);
      case 'delete-scenario':
        return b.deleteScenario(request.name);
      case 'use-scenario':
        return b.useScenario(request.name);
      case 'compare-scenarios':
        return b.compareScenarios(request.names);
      case 'mark':
        return b.mark(request.finding, request.status, request.note);
      case 'unmark':
        return b.unmark(request.finding);
    }
  }

  return (message) => {
    if (message.type === 'start') {
      bench = new Workbench(message.host, {
        openXlsx: async (bytes) => {
          const { XlsxWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../../hosts/xlsx');
          return XlsxWorkbook.open(bytes);
        },
        openExcel: message.host === 'excel' ? () => port : undefined,
      });
      return;
    }
    if (message.type === 'port-reply') {
      port.answer(message);
      return;
    }
    if (message.type === 'drawn') {
      drawing.get(message.drawn)?.();
      return;
    }
    const b = bench;
    if (!b) throw new Error('the worker was asked before it was started');
    const { id, request } = message;
    // The Score view's analysis waits until the figures have been still for a moment, so typing an envelope
    // rescores at each key and works the analysis out once, for the figure typed.
    const analyseLater = () => {
      clearTimeout(analysis);
      if (b.analysisWaiting) analysis = setTimeout(() => views(b.analysisViews()), ANALYSIS_WAIT_MS);
    };
    // Resolving `held` first resumes the action that waits on it; a request that came meanwhile follows it.
    const handled = held ? held.then(() => handle(b, request)) : handle(b, request);
    void handled.then(
      (value) => {
        views(b.views());
        const bytes = (value as { bytes?: Uint8Array } | null)?.bytes;
        post({ type: 'reply', id, ok: true, value }, bytes ? [bytes.buffer] : undefined);
        analyseLater();
      },
      (error: unknown) => {
        if (!failureWords(error).plain) console.error(error);
        views(b.views());
        post({ type: 'reply', id, ok: false, error: failureWords(error) });
        analyseLater();
      },
    );
  };
}

/** Copies a sheet to write with its Decimals as numbers, as a host does at the very edge: it crosses to the main thread. */
function plainSheet(sheet: OutputSheet): OutputSheet {
  return { ...sheet, rows: sheet.rows.map((row) => row.map((c) => (c ? { ...c, value: cellValue(c.value) } : c))) };
}

/**
 * Inside Excel, office-js works only on the main thread: the worker reaches the workbook through this port, which
 * asks the main thread (link.ts) to read, list or write, and waits for its answer.
 */
class RemotePort implements WorkbookPort {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();

  constructor(private readonly post: (message: FromWorker) => void) {}

  private ask<T>(method: PortMethod, args: unknown[]): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve, reject });
      this.post({ type: 'port', id, method, args });
    });
  }

  answer(message: Extract<ToWorker, { type: 'port-reply' }>): void {
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(fromWords(message.error));
  }

  /** The main thread reports its own progress while it reads. */
  readSheets(): Promise<SheetGrid[]> {
    return this.ask('readSheets', []);
  }

  listSheets(): Promise<{ name: string; owned: boolean }[]> {
    return this.ask('listSheets', []);
  }

  /** The totals' formulas, for the formula audit: inside Excel the sheets come as values only. */
  readFormulas(ranges: FormulaRanges[]): Promise<CellFormula[]> {
    return this.ask('readFormulas', [ranges]);
  }

  writeSheets(sheets: { sheet: OutputSheet; owned: boolean }[], replace: string[]): Promise<void> {
    return this.ask('writeSheets', [sheets.map((s) => ({ ...s, sheet: plainSheet(s.sheet) })), replace]);
  }

  /** The add-in's record (reading corrections, saved scenarios, sign-offs): plain JSON data, kept with the workbook. */
  readStore(): Promise<AddinStore | null> {
    return this.ask('readStore', []);
  }

  writeStore(store: AddinStore): Promise<void> {
    return this.ask('writeStore', [store]);
  }
}
