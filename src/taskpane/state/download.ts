export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSM_MIME = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/**
 * "Budget 2015.xlsx" → "Budget 2015-mtfs.xlsx"; a file the add-in already saved keeps one suffix.
 * A macro-enabled workbook stays one: "Budget.xlsm" → "Budget-mtfs.xlsm" (an .xlsm name on a
 * workbook without macros becomes .xlsx, as Excel would save it).
 */
export function downloadName(fileName: string, macroEnabled = false): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(xlsx|xlsm|xls)$/i, '')
    .replace(/-mtfs$/i, '')
    .trim();
  return `${base || 'workbook'}-mtfs.${macroEnabled ? 'xlsm' : 'xlsx'}`;
}

/** Hands bytes to the browser as a downloaded workbook (browser mode only; inside Excel the workbook is saved by Excel). */
export function saveFile(bytes: Uint8Array, name: string, doc: Document = document): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: /\.xlsm$/i.test(name) ? XLSM_MIME : XLSX_MIME });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has started once click() returns; the URL is only needed until then, give it time anyway.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
