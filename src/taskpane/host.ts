import type { WorkbookPort } from '../engine/port';
import { saveFile } from './state/download';
import type { HostKind, SessionDeps } from './state/session';

/**
 * Waits for office.js and says where the pane runs. Outside Office, Office.onReady resolves with host null;
 * if office.js could not load at all (offline), the pane still works in browser mode.
 */
export async function detectHost(): Promise<HostKind> {
  if (typeof Office === 'undefined') return 'browser';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'excel' : 'browser';
}

/** What the session needs from the host. ExcelJS and the office-js adapter load only when first used. */
export function hostDeps(host: HostKind): SessionDeps {
  return {
    async openXlsx(bytes) {
      const { XlsxWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../hosts/xlsx');
      return XlsxWorkbook.open(bytes);
    },
    openExcel: host === 'excel' ? openExcel : undefined,
    saveFile: (bytes, name) => saveFile(bytes, name),
  };
}

async function openExcel(): Promise<WorkbookPort> {
  const { OfficeWorkbook } = await import(/* webpackChunkName: "office" */ '../hosts/office');
  return new OfficeWorkbook();
}
