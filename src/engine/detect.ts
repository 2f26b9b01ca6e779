import { a1, a1Range } from './a1';
import { append, maxOf, minOf } from './collections';
import { CellFigure, centsOf, looksLikeFigure } from './figures';
import { finding, type Finding } from './findings';
import { cellText, type Cell, type SheetGrid } from './grid';
import { classifyHeader, type HeaderCell } from './headers';
import { Decimal } from './money';
import { readRow, type Layout, type ReadRow } from './rows';
import { buildStructure } from './structure';
import type { MoneyColumn, Table, TableKind, TableRow } from './tables';
import { NET_BUDGET_LINES, rolesNamed, SUMMARY_LINES, UNIT_ONLY } from './vocabulary';

interface HeaderRow {
  row: number;
  /** First row of the table body (after a unit row under the header, if any). */
  bodyStart: number;
  cells: Map<number, HeaderCell>;
  /** The same header repeated inside the table (a page break in a pasted table): rows to pass over. */
  repeats: number[];
}

function signature(h: HeaderRow): string {
  return [...h.cells.entries()].map(([c, x]) => `${c}:${x.role === 'money' ? x.key : x.role}`).join('|');
}

function isBlankRow(sheet: SheetGrid, r: number): boolean {
  return !(sheet.rows[r] ?? []).some((c) => c && (c.error || cellText(c) !== ''));
}

/**
 * A header repeated straight after the table's header or its figures (blank rows aside) continues
 * that table, as after a page break in a table pasted from a PDF. One after a title starts a new table.
 */
function foldRepeatedHeaders(sheet: SheetGrid, headers: HeaderRow[]): HeaderRow[] {
  const kept: HeaderRow[] = [];
  for (const h of headers) {
    const open = kept[kept.length - 1];
    if (open && signature(open) === signature(h)) {
      let r = h.row - 1;
      while (r >= 0 && isBlankRow(sheet, r)) r--;
      const previousHeader =
        r === open.row || r === open.bodyStart - 1 || open.repeats.some((x) => x === r || x === r - 1);
      if (previousHeader || rowHasFigure(sheet, r)) {
        for (let x = h.row; x < h.bodyStart; x++) open.repeats.push(x);
        continue;
      }
    }
    kept.push(h);
  }
  return kept;
}

function isUnitOnly(text: string): boolean {
  return UNIT_ONLY.test(text.trim());
}

function findHeaderRows(sheet: SheetGrid): HeaderRow[] {
  const headers: HeaderRow[] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells) continue;
    // A row with a figure in it is never a header: most rows are passed over here, unclassified.
    if (anyFigure(cells)) continue;
    const classified = new Map<number, HeaderCell>();
    let money = 0;
    let withUnit = 0;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell || typeof cell.value !== 'string') continue;
      const h = classifyHeader(cell.value);
      if (!h) continue;
      classified.set(c, h);
      if (h.role === 'money') {
        money++;
        if (h.scale !== undefined) withUnit++;
      }
    }
    if (money === 0) continue;
    if (money < 2 && withUnit === 0) continue;
    let bodyStart = r + 1;
    const below = sheet.rows[r + 1];
    if (below && below.some((c) => c && typeof c.value === 'string' && isUnitOnly(c.value))) {
      const texts = below.filter((c) => c && cellText(c) !== '');
      if (texts.every((c) => isUnitOnly(cellText(c)))) {
        below.forEach((c, col) => {
          const h = classified.get(col);
          if (c && h?.role === 'money' && h.scale === undefined)
            classified.set(col, { ...h, scale: /000|k/i.test(cellText(c)) ? 1000 : 1 });
        });
        bodyStart = r + 2;
      }
    }
    headers.push({ row: r, bodyStart, cells: classified, repeats: [] });
  }
  return headers;
}

/** A number, a date, a boolean, an error, or text read as a figure: what keeps a row from being a header. */
function anyFigure(cells: (Cell | undefined)[]): boolean {
  // Numbers first: a row of figures is usually passed over before any of its text is looked at.
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (cell && typeof cell.value !== 'string' && (cell.value !== null || cell.error)) return true;
  }
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (cell && typeof cell.value === 'string' && looksLikeFigure(cell)) return true;
  }
  return false;
}

function rowHasFigure(sheet: SheetGrid, r: number): boolean {
  const cells = sheet.rows[r];
  if (!cells) return false;
  // A formula without a calculated value still stands where a figure should be.
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c && !(c.value instanceof Date) && looksLikeFigure(c)) return true;
  }
  return false;
}

function firstText(sheet: SheetGrid, r: number): string {
  const cells = sheet.rows[r];
  if (!cells) return '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c && typeof c.value === 'string' && c.value.trim() && !looksLikeFigure(c)) return cellText(c);
  }
  return '';
}

/** Every SUMMARY_LINES pattern needs one of these words; every NET_BUDGET_LINES pattern a label of 17 characters or fewer. */
const SUMMARY_WORD = /budget|changes|transfers|adjustments|total|growth|savings/i;
const mayBeSummaryLabel = (label: string) => SUMMARY_WORD.test(label);
const mayBeNetBudgetLabel = (label: string) => label.length <= 17;

/** Rows read once while working out the kind of a growth or savings table, kept for reading the table itself. */
type ReadCache = (ReadRow | null | undefined)[];

function classify(
  header: HeaderRow,
  labels: () => string[],
  titleText: string,
  layout: Layout,
  top: number,
  bottom: number,
  reads: ReadCache,
): TableKind | null {
  const keys = new Set([...header.cells.values()].flatMap((h) => (h.role === 'money' ? [h.key] : [])));
  const roles = new Set([...header.cells.values()].map((h) => h.role));
  const revenueKeys = ['employees', 'running', 'external-income', 'internal-income', 'net'].filter((k) =>
    keys.has(k),
  ).length;
  if (revenueKeys >= 3) return 'revenue-budget';
  if (keys.has('gross') || roles.has('completion')) return 'capital-programme';
  if (rolesNamed(labels().filter(mayBeSummaryLabel), SUMMARY_LINES) >= 3) return 'budget-summary';
  if (rolesNamed(labels().filter(mayBeNetBudgetLabel), NET_BUDGET_LINES) >= 3) return 'net-budget';
  const years = [...keys].filter((k) => k.startsWith('year:')).length;
  if (years === 0) return null;
  if (keys.has('total') && /capital/i.test(titleText)) return 'capital-programme';
  return growthOrSavings(roles.has('classification'), labels(), titleText, layout, top, bottom, reads);
}

function growthOrSavings(
  hasClassColumn: boolean,
  labels: string[],
  titleText: string,
  layout: Layout,
  top: number,
  bottom: number,
  reads: ReadCache,
): TableKind {
  let savings = hasClassColumn ? 3 : 0;
  let growth = 0;
  const words = `${titleText} ${labels.join(' ')}`;
  if (/saving/i.test(words)) savings += 2;
  if (/growth/i.test(words)) growth += 2;
  const lines: TableRow[] = [];
  for (let r = top; r <= bottom; r++) {
    const read = (reads[r - top] = readRow(layout, r));
    if (!read || read.row.type !== 'line') continue;
    lines.push(read.row);
    const { ref, classification } = read.row;
    if (classification) savings += 2;
    if (ref && /^[TDEI]\d/i.test(ref)) savings += 1;
    if (ref && /^G\d/i.test(ref)) growth += 1;
  }
  if (savings !== growth) return savings > growth ? 'savings' : 'growth';
  let sign = new Decimal(0);
  for (const row of lines) for (const f of row.figures) if (f?.value) sign = sign.plus(f.value);
  return sign.isNegative() ? 'savings' : 'growth';
}

function layoutFor(sheet: SheetGrid, header: HeaderRow, expectRefs: boolean): Layout {
  const columns: MoneyColumn[] = [];
  const layout: Layout = { sheet, columns, expectRefs };
  for (const [col, h] of [...header.cells.entries()].sort((a, b) => a[0] - b[0])) {
    if (h.role === 'money') columns.push({ key: h.key, label: h.label, col, year: h.year });
    else if (h.role === 'ref' && layout.refCol === undefined) layout.refCol = col;
    else if (h.role === 'classification') layout.classCol = col;
    else if (h.role === 'completion') layout.dateCol = col;
    else if (h.role === 'summary-line') layout.summaryLineCol = col;
  }
  return layout;
}

/** The unit a table's figures are shown in, from their number formats: 1 for #,##0, 0.01 for #,##0.00. */
function displayedStep(sheet: SheetGrid, rows: TableRow[]): Decimal {
  const counts = new Map<string, number>();
  // Runs of one format are counted before they touch the map: a table has a handful of formats.
  let run = '';
  let runLength = 0;
  for (const row of rows) {
    for (const f of row.figures) {
      if (!f) continue;
      const format = (f instanceof CellFigure ? f.format : sheet.rows[f.row]?.[f.col]?.format) ?? 'General';
      if (format === run) {
        runLength++;
        continue;
      }
      if (runLength) counts.set(run, (counts.get(run) ?? 0) + runLength);
      run = format;
      runLength = 1;
    }
  }
  if (runLength) counts.set(run, (counts.get(run) ?? 0) + runLength);
  const format = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'General';
  const section = format.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]/g, '');
  if (/general/i.test(section)) return new Decimal(10).pow(-Math.min(mostPlaces(rows), 2));
  const decimals = /\.([0#]+)/.exec(section)?.[1].length ?? 0;
  const thousands = /[0#](,+)(?![0#])/.exec(section)?.[1].length ?? 0;
  return new Decimal(10).pow(-decimals).times(new Decimal(1000).pow(thousands));
}

/** The most decimal places of any figure, counting at most 2 (all displayedStep needs); whole numbers need no Decimal. */
function mostPlaces(rows: TableRow[]): number {
  let most = 0;
  for (const row of rows) {
    for (const f of row.figures) {
      const c = centsOf(f);
      const places = !f
        ? 0
        : Number.isInteger(c / 100)
          ? 0
          : Number.isInteger(c / 10)
            ? 1
            : Number.isInteger(c)
              ? 2
              : (f.value?.decimalPlaces() ?? 0);
      if (places >= 2) return places;
      most = Math.max(most, places);
    }
  }
  return most;
}

function tableScale(kind: TableKind, header: HeaderRow): number {
  for (const h of header.cells.values()) if (h.role === 'money' && h.scale !== undefined) return h.scale;
  return kind === 'revenue-budget' ? 1 : 1000;
}

export interface SheetDetection {
  tables: Table[];
  findings: Finding[];
}

/** Finds every house-format table on a sheet, from its header row and headings, wherever it sits. */
export function detectTables(sheet: SheetGrid): SheetDetection {
  const headers = foldRepeatedHeaders(sheet, findHeaderRows(sheet));
  const tables: Table[] = [];
  const findings: Finding[] = [];
  let previousBottom = -1;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i];
    const limit = (headers[i + 1]?.row ?? sheet.rows.length) - 1;
    let bottom = limit;
    while (bottom >= header.bodyStart && !rowHasFigure(sheet, bottom)) bottom--;
    const title: string[] = [];
    for (let r = header.row - 1; r > previousBottom && title.length < 6; r--) {
      const t = firstText(sheet, r);
      if (t) title.unshift(t);
    }
    let labels: string[] | undefined;
    const bodyLabels = () => (labels ??= tableLabels(sheet, header, bottom));
    const titleText = title.join(' ');
    const probe = layoutFor(sheet, header, true);
    const reads: ReadCache = [];
    const kind = classify(header, bodyLabels, titleText, probe, header.bodyStart, bottom, reads);
    if (!kind) continue;
    // Growth and savings are read with the probe's layout: the rows read to find their kind are theirs.
    const layout = kind === 'growth' || kind === 'savings' ? probe : layoutFor(sheet, header, false);
    if (bottom < header.bodyStart) {
      findings.push(
        finding(
          'no-lines',
          sheet.name,
          a1(header.row, layout.columns[0].col),
          `this looks like the header of a ${kindWords(kind)} table, but no lines with figures follow it`,
        ),
      );
      previousBottom = Math.max(previousBottom, header.row);
      continue;
    }
    const rows: TableRow[] = [];
    for (let r = header.bodyStart; r <= bottom; r++) {
      if (header.repeats.length && header.repeats.includes(r)) continue;
      const read =
        layout === probe && reads[r - header.bodyStart] !== undefined
          ? reads[r - header.bodyStart]
          : readRow(layout, r);
      if (!read) continue;
      rows.push(read.row);
      append(findings, read.findings);
    }
    const { left, right } = tableSides(header, rows);
    const table: Table = {
      id: `${sheet.name}!${a1Range(header.row, left, bottom, right)}`,
      sheet: sheet.name,
      kind,
      title,
      headerRow: header.row,
      top: header.row,
      bottom,
      left,
      right,
      range: a1Range(header.row, left, bottom, right),
      columns: layout.columns,
      rows,
      scale: tableScale(kind, header),
      step: displayedStep(sheet, rows),
      refCol: layout.refCol,
      classCol: layout.classCol,
      summaryLineCol: layout.summaryLineCol,
    };
    if (kind !== 'budget-summary' && kind !== 'net-budget') buildStructure(table);
    append(findings, hiddenFindings(sheet, table));
    tables.push(table);
    previousBottom = bottom;
  }
  return { tables, findings };
}

/** The first text of each body row: what a budget summary or net budget is recognised by. */
function tableLabels(sheet: SheetGrid, header: HeaderRow, bottom: number): string[] {
  const labels: string[] = [];
  for (let r = header.bodyStart; r <= bottom; r++) {
    if (header.repeats.includes(r)) continue;
    const t = firstText(sheet, r);
    if (t) labels.push(t);
  }
  return labels;
}

/** The leftmost and rightmost columns a table uses: its header, its labels and its figures. */
function tableSides(header: HeaderRow, rows: TableRow[]): { left: number; right: number } {
  let left = minOf(header.cells.keys());
  let right = maxOf(header.cells.keys());
  for (const r of rows) {
    if (r.labelCol >= 0 && r.labelCol < left) left = r.labelCol;
    for (const f of r.figures) if (f && f.col > right) right = f.col;
  }
  return { left, right };
}

function hiddenFindings(sheet: SheetGrid, table: Table): Finding[] {
  const out: Finding[] = [];
  for (const row of table.rows) {
    if (row.hidden && row.type !== 'heading') {
      const col = row.labelCol >= 0 ? row.labelCol : (row.figures.find((f) => f)?.col ?? table.left);
      out.push(
        finding(
          'hidden-row',
          sheet.name,
          a1(row.row, col),
          `row ${row.row + 1} (${row.label || 'unlabelled'}) is hidden; its figures still count in the checks`,
        ),
      );
    }
  }
  for (const m of table.columns) {
    if (sheet.hiddenCols.has(m.col)) {
      out.push(
        finding(
          'hidden-row',
          sheet.name,
          a1(table.headerRow, m.col),
          `column ${m.label} is hidden; its figures still count in the checks`,
        ),
      );
    }
  }
  return out;
}

export function kindWords(kind: TableKind): string {
  return {
    'revenue-budget': 'revenue budget',
    growth: 'growth',
    savings: 'savings',
    'capital-programme': 'capital programme',
    'budget-summary': 'budget summary',
    'net-budget': 'net budget',
  }[kind];
}
