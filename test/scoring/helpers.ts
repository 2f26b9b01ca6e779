import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseA1 } from '../../src/engine/a1';
import type { CellValue, SheetGrid } from '../../src/engine/grid';
import { gridFromValues } from '../../src/engine/grid';
import { cellValue, type OutputSheet } from '../../src/engine/output';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { COMMERCIAL_PROJECTS, CORPORATE_RESOURCES, MTFS_BIN, ROOT } from '../support/paths';

export { ROOT };

export const FIXTURE = COMMERCIAL_PROJECTS;
export const OTHER_FIXTURE = CORPORATE_RESOURCES;

export const HEADINGS = [
  'Ref',
  'Project',
  'Category',
  'Inside area',
  'Investment £000',
  'Annual net return £000',
  'Strategic fit',
  'Customer service',
  'Deliverability',
  'Risk likelihood',
  'Risk impact',
  'Public service at risk',
];

export interface Row {
  ref: CellValue;
  project: CellValue;
  category: CellValue;
  inside: CellValue;
  investment: CellValue;
  annualReturn: CellValue;
  fit: CellValue;
  customer: CellValue;
  deliverability: CellValue;
  likelihood: CellValue;
  impact: CellValue;
  publicService: CellValue;
}

/**
 * A plain proposal: Productivity, inside the area, 100 invested for 50 a year (yield 50% → 5,
 * return 50 → 2), scores 3/3/3, risk 2 × 2. Reward = (25×5 + 15×2 + 20×3 × 3) ÷ 5 = 67.0, risk 4 Low.
 */
export function row(ref: string, over: Partial<Row> = {}): CellValue[] {
  const r: Row = {
    ref,
    project: `Project ${ref}`,
    category: 'Productivity',
    inside: 'Yes',
    investment: 100,
    annualReturn: 50,
    fit: 3,
    customer: 3,
    deliverability: 3,
    likelihood: 2,
    impact: 2,
    publicService: 'No',
    ...over,
  };
  return [
    r.ref,
    r.project,
    r.category,
    r.inside,
    r.investment,
    r.annualReturn,
    r.fit,
    r.customer,
    r.deliverability,
    r.likelihood,
    r.impact,
    r.publicService,
  ];
}

/** A Commercial Projects sheet laid out like the fixture: title on row 1, headings on row 3, proposals from row 4. */
export function proposalsSheet(rows: CellValue[][], name = 'Commercial Projects'): SheetGrid {
  return gridFromValues(name, [['COMMERCIAL PROPOSALS FOR SCORING'], [], HEADINGS, ...rows]);
}

/** What a host would read back from an output sheet: the values it writes, and bold. */
export function gridOf(sheet: OutputSheet): SheetGrid {
  return gridFromValues(
    sheet.name,
    sheet.rows.map((cells) =>
      cells.map((c) => (c ? { value: cellValue(c.value), ...(c.bold ? { bold: true } : {}) } : undefined)),
    ),
  );
}

/** Sets a cell of a grid, as a user typing into Excel would. */
export function setCell(grid: SheetGrid, address: string, value: CellValue): SheetGrid {
  const { row, col } = parseA1(address);
  while (grid.rows.length <= row) grid.rows.push([]);
  grid.rows[row] = grid.rows[row] ?? [];
  grid.rows[row][col] = value === null ? undefined : { value };
  return grid;
}

export async function fixtureGrids(): Promise<SheetGrid[]> {
  return (await XlsxWorkbook.open(readFileSync(FIXTURE))).readSheets();
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mtfs-scoring-'));
}

/** Writes grids (values only) to a real .xlsx with ExcelJS. */
export async function writeXlsx(file: string, grids: SheetGrid[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const grid of grids) {
    const ws = wb.addWorksheet(grid.name);
    grid.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (cell && cell.value !== null) ws.getCell(r + 1, c + 1).value = cell.value;
      }),
    );
  }
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return file;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI (built by `npm run build:cli`, which `npm test` runs first). */
export function mtfs(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [MTFS_BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
