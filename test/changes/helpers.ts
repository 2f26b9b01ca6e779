import { parseA1 } from '../../src/engine/a1';
import type { CheckResult } from '../../src/engine/check';
import type { LineChange } from '../../src/engine/changes';
import type { Cell, CellValue, SheetGrid } from '../../src/engine/grid';
import { checkThrough } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { gridsToBuffer } from '../support/workbooks';

/** Editing a copy of a workbook the way a finance officer would: a cell, a row in, a row out, a row moved. */
export class Edit {
  constructor(readonly grids: SheetGrid[]) {}

  private sheet(name: string): SheetGrid {
    const sheet = this.grids.find((g) => g.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  /** Sets a cell's value, keeping its format and font. */
  set(sheet: string, address: string, value: CellValue): this {
    const { row, col } = parseA1(address);
    const rows = this.sheet(sheet).rows;
    rows[row] ??= [];
    const old = rows[row][col];
    rows[row][col] = { ...old, value, format: old?.format ?? (typeof value === 'number' ? '#,##0;-#,##0' : undefined) };
    return this;
  }

  /** Inserts a row before the given 1-based row; rows below move down by one. */
  insertRow(sheet: string, before: number, values: (CellValue | undefined)[]): this {
    const cells = values.map((v): Cell | undefined =>
      v === undefined ? undefined : { value: v, format: typeof v === 'number' ? '#,##0;-#,##0' : undefined },
    );
    this.sheet(sheet).rows.splice(before - 1, 0, cells);
    return this;
  }

  deleteRow(sheet: string, row: number): this {
    this.sheet(sheet).rows.splice(row - 1, 1);
    return this;
  }

  /** Takes a 1-based row out and puts it before another row (numbered as before the move). */
  moveRow(sheet: string, row: number, before: number): this {
    const rows = this.sheet(sheet).rows;
    const [moved] = rows.splice(row - 1, 1);
    rows.splice(before > row ? before - 2 : before - 1, 0, moved);
    return this;
  }
}

/** Writes the grids to .xlsx, reads them back and checks them as the CLI does. */
export async function readBack(grids: SheetGrid[]): Promise<CheckResult> {
  const wb = await XlsxWorkbook.open(await gridsToBuffer(grids));
  return (await checkThrough(wb)).check;
}

/** A line in a few words, for literal expectations: "ref description: change [typed→derived] by how (confidence)", then its changed figures. */
export function brief(line: LineChange): string {
  const source = (line.current ?? line.previous)!;
  const marker = line.marker ? ` [${line.marker.typed || '-'}→${line.marker.derived || '-'}]` : '';
  const match = line.match ? ` by ${line.match.by} (${line.match.confidence.toFixed(2)})` : '';
  const moved = line.movedFrom !== undefined ? ` moved from ${line.movedFrom}` : '';
  const changed = line.figures
    .filter((f) => f.status === 'changed')
    .map((f) => ` ${f.label} ${f.previous!.toFixed()}→${f.current!.toFixed()} (${f.difference!.toFixed()})`)
    .join(',');
  const name = [source.ref, source.description].filter(Boolean).join(' ');
  return `${name}: ${line.change}${marker}${match}${moved}${changed}`;
}
