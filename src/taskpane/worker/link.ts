import type { OutputSheet } from '../../engine/output';
import type { FormulaRanges, Progress, WorkbookPort } from '../../engine/port';
import type { AddinStore } from '../../engine/store';
import type { HostKind } from '../state/write';
import { failureWords, fromWords } from './failure';
import type { FromWorker, PaneViews, Request, ToWorker } from './protocol';
import { serve } from './serve';

/** What the main thread hears from the worker besides replies. */
export interface LinkListener {
  progress(done: number, total: number, stage: string): void;
  views(views: Partial<PaneViews>): void;
}

/** The main thread's line to the worker: requests with replies, and the worker's progress and views as they come. */
export interface EngineLink {
  request<T = unknown>(request: Request, transfer?: Transferable[]): Promise<T>;
}

/**
 * Wires a link: numbers requests, matches replies, and answers the worker's questions to the workbook (Excel mode:
 * `port` is office-js's, which works only on the main thread).
 */
function wire(
  send: (message: ToWorker, transfer?: Transferable[]) => void,
  host: HostKind,
  listener: LinkListener,
  port: () => Promise<WorkbookPort | null>,
): { link: EngineLink; receive(message: FromWorker): void } {
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  send({ type: 'start', host });
  const answerPort = async (message: Extract<FromWorker, { type: 'port' }>) => {
    try {
      const p = await port();
      if (!p) throw new Error('there is no workbook to read in this mode');
      const progress = (done: number, total: number, stage: string) => listener.progress(done, total, stage);
      const value = await portCall(p, message, progress);
      send({ type: 'port-reply', id: message.id, ok: true, value });
    } catch (e) {
      send({ type: 'port-reply', id: message.id, ok: false, error: failureWords(e) });
    }
  };
  return {
    link: {
      request<T>(request: Request, transfer?: Transferable[]) {
        const id = next++;
        return new Promise<T>((resolve, reject) => {
          waiting.set(id, { resolve: resolve, reject });
          send({ type: 'request', id, request }, transfer);
        });
      },
    },
    receive(message) {
      if (message.type === 'progress') listener.progress(message.done, message.total, message.stage);
      else if (message.type === 'views') {
        listener.views(message.views);
        const drawn = message.drawn;
        if (drawn !== undefined) afterPaint(() => send({ type: 'drawn', drawn }));
      } else if (message.type === 'port') void answerPort(message);
      else {
        const w = waiting.get(message.id);
        if (!w) return;
        waiting.delete(message.id);
        if (message.ok) w.resolve(message.value);
        else w.reject(fromWords(message.error));
      }
    },
  };
}

/** Runs `then` once the page has drawn what was just changed: after the next frame, or soon where there are no frames. */
function afterPaint(then: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(then, 0));
  else setTimeout(then, 0);
}

/** Does what the worker asked of the workbook (office-js's port, on this thread). */
function portCall(
  p: WorkbookPort,
  message: Extract<FromWorker, { type: 'port' }>,
  progress: Progress,
): Promise<unknown> {
  switch (message.method) {
    case 'readSheets':
      return p.readSheets(progress);
    case 'listSheets':
      return p.listSheets();
    case 'writeSheets': {
      const [sheets, replace] = message.args as [{ sheet: OutputSheet; owned: boolean }[], string[]];
      return p.writeSheets(sheets, replace, progress);
    }
    case 'readFormulas':
      return p.readFormulas ? p.readFormulas(message.args[0] as FormulaRanges[]) : Promise.resolve([]);
    case 'readStore':
      return p.readStore ? p.readStore() : Promise.resolve(null);
    case 'writeStore':
      if (!p.writeStore) throw new Error('this workbook cannot keep the add-in’s record');
      return p.writeStore(message.args[0] as AddinStore);
  }
}

/** The engine in a Web Worker (the pane in a browser or in Excel). */
export function workerLink(
  host: HostKind,
  listener: LinkListener,
  port: () => Promise<WorkbookPort | null>,
): EngineLink {
  const worker = new Worker(new URL(/* webpackChunkName: "engine" */ './main.ts', import.meta.url), {
    name: 'mtfs-engine',
  });
  const wired = wire((m, transfer) => worker.postMessage(m, transfer ?? []), host, listener, port);
  worker.onmessage = (e: MessageEvent<FromWorker>) => wired.receive(e.data);
  return wired.link;
}

/**
 * The engine in this thread, for tests (and anywhere without Web Workers): every message is copied with
 * structuredClone, as postMessage copies it, so what crosses is proven to be plain data; delivered asynchronously.
 */
export function localLink(
  host: HostKind,
  listener: LinkListener,
  port: () => Promise<WorkbookPort | null>,
): EngineLink {
  let toMain: (m: FromWorker) => void = () => undefined;
  const receive = serve((m) => queueMicrotask(() => toMain(structuredClone(m))));
  const wired = wire((m) => queueMicrotask(() => receive(structuredClone(m))), host, listener, port);
  toMain = wired.receive;
  return wired.link;
}
