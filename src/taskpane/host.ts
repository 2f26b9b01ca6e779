import type { WorkbookPort } from '../engine/port';
import { saveFile } from './state/download';
import type { HostKind, SessionDeps } from './state/session';
import { workerLink } from './worker/link';

/**
 * Waits for office.js and says where the pane runs. Outside Office, Office.onReady resolves with host null;
 * if office.js could not load at all (offline), the pane still works in browser mode.
 */
export async function detectHost(): Promise<HostKind> {
  if (typeof Office === 'undefined') return 'browser';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'excel' : 'browser';
}

/**
 * What the session needs from the host. The engine (and ExcelJS, in browser mode) runs in a Web Worker; the
 * office-js adapter loads only inside Excel, on the main thread, where office-js works.
 */
export function hostDeps(host: HostKind): SessionDeps {
  return {
    link: (listener, port) => workerLink(host, listener, port),
    openExcel: host === 'excel' ? openExcel : undefined,
    saveFile: (bytes, name) => saveFile(bytes, name),
  };
}

async function openExcel(): Promise<WorkbookPort> {
  const { OfficeWorkbook } = await import(/* webpackChunkName: "office" */ '../hosts/office');
  return new OfficeWorkbook();
}
