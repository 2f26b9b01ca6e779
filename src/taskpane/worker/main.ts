/// <reference lib="webworker" />
/**
 * The pane's Web Worker: reading .xlsx files (ExcelJS), checking, scoring, the scenario's totals and the report
 * plans all run here, so the pane's main thread is never held up by the engine.
 */
import type { ToWorker } from './protocol';
import { serve } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const receive = serve((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (e: MessageEvent<ToWorker>) => receive(e.data);
