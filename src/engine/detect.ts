import { a1, a1Range } from './a1';
import { append, maxOf, minOf } from './collections';
import { looksLikeFigure } from './figures';
import { finding, type Finding } from './findings';
import { cellText, type SheetGrid } from './grid';
import { classifyHeader, type HeaderCell } from './headers';
import { Decimal } from './money';
import { readRow, type Layout } from './rows';
import { buildStructure } from './structure';
import type { MoneyColumn, Table, TableKind, TableRow } from './tables';

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
      const previousHeader = r === open.row || r === open.bodyStart - 1 || open.repeats.some((x) => x === r || x === r - 1);
      if (previousHeader || rowHasFigure(sheet, r)) {
        for (let x = h.row; x < h.bodyStart; x++) open.repeats.push(x);
        continue;
      }
    }
    kept.push(h);
  }
  return kept;
}

const NET_BUDGET_LABELS = [/^employees$/i, /^running (costs|expenses)$/i, /^gross (costs?|expenditure)$/i, /^income$/i, /^net budget$/i];
const SUMMARY_LABELS = [
  /updated original budget|^original budget/i,
  /^other changes/i,
  /transfers|adjustments/i,
  /^sub[\s-]?total$/i,
  /proposed growth|^add .*growth/i,
  /proposed savings|^less .*savings/i,
  /proposed.*budget|provisional budget/i,
];

function isUnitOnly(text: string): boolean {
  return /^\(?£\s*('?000|k|m)?\)?$/i.test(text.trim());
}

function findHeaderRows(sheet: SheetGrid): HeaderRow[] {
  const headers: HeaderRow[] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells) continue;
    const classified = new Map<number, HeaderCell>();
    let money = 0;
    let withUnit = 0;
    let numeric = false;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      if (typeof cell.value !== 'string') {
        if (cell.value !== null || cell.error) numeric = true;
        continue;
      }
      if (looksLikeFigure(cell)) numeric = true;
      const h = classifyHeader(cell.value);
      if (!h) continue;
      classified.set(c, h);
      if (h.role === 'money') {
        money++;
        if (h.scale !== undefined) withUnit++;
      }
    }
    if (numeric || money === 0) continue;
    if (money < 2 && withUnit === 0) continue;
    let bodyStart = r + 1;
    const below = sheet.rows[r + 1];
    if (below && below.some((c) => c && typeof c.value === 'string' && isUnitOnly(c.value))) {
      const texts = below.filter((c) => c && cellText(c) !== '');
      if (texts.every((c) => isUnitOnly(cellText(c)))) {
        below.forEach((c, col) => {
          const h = classified.get(col);
          if (c && h?.role === 'money' && h.scale === undefined) classified.set(col, { ...h, scale: /000|k/i.test(cellText(c)) ? 1000 : 1 });
        });
        bodyStart = r + 2;
      }
    }
    headers.push({ row: r, bodyStart, cells: classified, repeats: [] });
  }
  return headers;
}

function rowHasFigure(sheet: SheetGrid, r: number): boolean {
  const cells = sheet.rows[r];
  if (!cells) return false;
  // A formula without a calculated value still stands where a figure should be.
  return cells.some((c) => c && !(c.value instanceof Date) && looksLikeFigure(c));
}

function firstText(sheet: SheetGrid, r: number): string {
  for (const c of sheet.rows[r] ?? []) {
    if (c && typeof c.value === 'string' && c.value.trim() && !looksLikeFigure(c)) return cellText(c);
  }
  return '';
}

function countMatches(labels: string[], patterns: RegExp[]): number {
  return patterns.filter((p) => labels.some((l) => p.test(l))).length;
}

function classify(header: HeaderRow, labels: string[], titleText: string, layout: Layout, sheet: SheetGrid, top: number, bottom: number): TableKind | null {
  const keys = new Set([...header.cells.values()].flatMap((h) => (h.role === 'money' ? [h.key] : [])));
  const roles = new Set([...header.cells.values()].map((h) => h.role));
  const revenueKeys = ['employees', 'running', 'external-income', 'internal-income', 'net'].filter((k) => keys.has(k)).length;
  if (revenueKeys >= 3) return 'revenue-budget';
  if (keys.has('gross') || roles.has('completion')) return 'capital-programme';
  if (countMatches(labels, SUMMARY_LABELS) >= 3) return 'budget-summary';
  if (countMatches(labels, NET_BUDGET_LABELS) >= 3) return 'net-budget';
  const years = [...keys].filter((k) => k.startsWith('year:')).length;
  if (years === 0) return null;
  if (keys.has('total') && /capital/i.test(titleText)) return 'capital-programme';
  return growthOrSavings(roles.has('classification'), labels, titleText, layout, sheet, top, bottom);
}

function growthOrSavings(hasClassColumn: boolean, labels: string[], titleText: string, layout: Layout, sheet: SheetGrid, top: number, bottom: number): TableKind {
  let savings = hasClassColumn ? 3 : 0;
  let growth = 0;
  const words = `${titleText} ${labels.join(' ')}`;
  if (/saving/i.test(words)) savings += 2;
  if (/growth/i.test(words)) growth += 2;
  let sign = new Decimal(0);
  for (let r = top; r <= bottom; r++) {
    const read = readRow(layout, r);
    if (!read || read.row.type !== 'line') continue;
    const { ref, classification } = read.row;
    if (classification) savings += 2;
    if (ref && /^[TDEI]\d/i.test(ref)) savings += 1;
    if (ref && /^G\d/i.test(ref)) growth += 1;
    for (const f of read.row.figures) if (f?.value) sign = sign.plus(f.value);
  }
  if (savings !== growth) return savings > growth ? 'savings' : 'growth';
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
  for (const row of rows) {
    for (const f of row.figures) {
      if (!f) continue;
      const format = sheet.rows[f.row]?.[f.col]?.format ?? 'General';
      counts.set(format, (counts.get(format) ?? 0) + 1);
    }
  }
  const format = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'General';
  const section = format.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]/g, '');
  if (/general/i.test(section)) {
    const places = maxOf(rows.flatMap((r) => r.figures.map((f) => f?.value?.decimalPlaces() ?? 0)), 0);
    return new Decimal(10).pow(-Math.min(places, 2));
  }
  const decimals = /\.([0#]+)/.exec(section)?.[1].length ?? 0;
  const thousands = /[0#](,+)(?![0#])/.exec(section)?.[1].length ?? 0;
  return new Decimal(10).pow(-decimals).times(new Decimal(1000).pow(thousands));
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
    const labels: string[] = [];
    for (let r = header.bodyStart; r <= bottom; r++) {
      if (header.repeats.includes(r)) continue;
      const t = firstText(sheet, r);
      if (t) labels.push(t);
    }
    const titleText = title.join(' ');
    const probe = layoutFor(sheet, header, true);
    const kind = classify(header, labels, titleText, probe, sheet, header.bodyStart, bottom);
    if (!kind) continue;
    const layout = layoutFor(sheet, header, kind === 'growth' || kind === 'savings');
    if (bottom < header.bodyStart) {
      findings.push(finding('no-lines', sheet.name, a1(header.row, layout.columns[0].col), `this looks like the header of a ${kindWords(kind)} table, but no lines with figures follow it`));
      previousBottom = Math.max(previousBottom, header.row);
      continue;
    }
    const rows: TableRow[] = [];
    for (let r = header.bodyStart; r <= bottom; r++) {
      if (header.repeats.includes(r)) continue;
      const read = readRow(layout, r);
      if (!read) continue;
      rows.push(read.row);
      append(findings, read.findings);
    }
    const left = Math.min(minOf(header.cells.keys()), minOf(rows.map((r) => (r.labelCol >= 0 ? r.labelCol : Infinity))));
    const right = Math.max(maxOf(header.cells.keys()), maxOf(rows.flatMap((r) => r.figures.map((f) => f?.col ?? -1))));
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

function hiddenFindings(sheet: SheetGrid, table: Table): Finding[] {
  const out: Finding[] = [];
  for (const row of table.rows) {
    if (row.hidden && row.type !== 'heading') {
      const col = row.labelCol >= 0 ? row.labelCol : (row.figures.find((f) => f)?.col ?? table.left);
      out.push(finding('hidden-row', sheet.name, a1(row.row, col), `row ${row.row + 1} (${row.label || 'unlabelled'}) is hidden; its figures still count in the checks`));
    }
  }
  for (const m of table.columns) {
    if (sheet.hiddenCols.has(m.col)) {
      out.push(finding('hidden-row', sheet.name, a1(table.headerRow, m.col), `column ${m.label} is hidden; its figures still count in the checks`));
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
