import ExcelJS from 'exceljs';

/** Every cell of every sheet as text: value (or formula and its result), number format, font and row/column visibility. */
export async function snapshot(
  file: string,
  only?: (sheet: string) => boolean,
): Promise<Map<string, Map<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, Map<string, string>>();
  for (const ws of wb.worksheets) {
    if (only && !only(ws.name)) continue;
    const cells = new Map<string, string>();
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.hidden) cells.set(`row${r}`, 'hidden');
      row.eachCell({ includeEmpty: true }, (c) => {
        const font = c.font ?? {};
        cells.set(
          c.address,
          JSON.stringify([c.type, c.value, c.numFmt ?? null, !!font.bold, !!font.italic, !!font.underline]),
        );
      });
    });
    ws.columns?.forEach((col, i) => col?.hidden && cells.set(`col${i}`, 'hidden'));
    out.set(ws.name, cells);
  }
  return out;
}

/** Reads a sheet's values as rows of plain values (numbers, strings), for comparing a report with the published tables. */
export async function sheetValues(file: string, name: string): Promise<(string | number | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const values: (string | number | null)[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      const v = c.value as unknown;
      values[col - 1] =
        v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : (v as string | number | null);
    });
    rows[r - 1] = values;
  });
  return rows;
}
