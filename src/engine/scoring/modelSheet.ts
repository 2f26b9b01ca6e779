import { a1 } from '../a1';
import { readFigure } from '../figures';
import { finding, type Finding } from '../findings';
import { cellAt, cellText, isEmptyCell, type SheetGrid } from '../grid';
import { Decimal, sum } from '../money';
import type { OutputCell, OutputSheet } from '../output';
import {
  CATEGORIES,
  categoryFrom,
  categoryList,
  CATEGORY_NOTES,
  CRITERION_IDS,
  CRITERION_NAMES,
  CRITERION_NOTES,
  DEFAULT_MODEL,
  GATE_HAS_SETTING,
  GATE_IDS,
  GATE_WORDS,
  headingKey,
  isEnteredCriterion,
  looseName,
  MODEL_SHEET,
  RISK_LEVELS,
  type Category,
  type Criterion,
  type CriterionId,
  type Gate,
  type GateId,
  type ScoringModel,
} from './model';

/*
 * The Scoring Model sheet: four tables, each found by the heading in its first column and read
 * down to the first blank row. The writer and the reader share these layouts, so what one writes
 * the other reads back.
 */
const NOTE_COL = 6;
const THRESHOLD_HEADINGS = ['Score 5 from', 'Score 4 from', 'Score 3 from', 'Score 2 from'];
const TABLES = {
  criteria: {
    title: 'Reward criteria',
    headings: ['Criterion', 'Weight', ...THRESHOLD_HEADINGS],
    note: 'How it scores',
  },
  risk: { title: 'Risk levels', headings: ['Risk level', 'Risk rating up to'], note: 'Note' },
  gates: { title: 'Gates', headings: ['Gate', 'Setting', 'Applies to categories'], note: 'Why' },
  bands: { title: 'Bands', headings: ['Band', 'Reward score from'], note: 'Note' },
} as const;
type TableName = keyof typeof TABLES;

const ALL_CATEGORIES = 'All';
const PERCENT = (v: Decimal) => (v.times(100).isInteger() ? '0%' : '0.0##%');
const CRITERION_PERCENT: Partial<Record<CriterionId, boolean>> = { 'net-yield': true };
const GATE_PERCENT: Partial<Record<GateId, boolean>> = { 'below-minimum-yield': true };

// ---- writer ----

const text = (value: string, extra: Partial<OutputCell> = {}): OutputCell => ({ value, ...extra });
const bold = (value: string): OutputCell => text(value, { bold: true });
const note = (value: string): OutputCell => text(value, { wrap: true });
const figure = (value: Decimal, percent = false): OutputCell => ({
  value,
  ...(percent ? { format: PERCENT(value) } : {}),
  align: 'right',
});

function headingRow(name: TableName): (OutputCell | null)[] {
  const row: (OutputCell | null)[] = TABLES[name].headings.map(bold);
  while (row.length < NOTE_COL) row.push(null);
  return [...row, bold(TABLES[name].note)];
}

function tableRow(label: string, values: (OutputCell | null)[], noteText: string): (OutputCell | null)[] {
  const row: (OutputCell | null)[] = [text(label), ...values];
  while (row.length < NOTE_COL) row.push(null);
  return [...row, note(noteText)];
}

function criterionRow(c: Criterion): (OutputCell | null)[] {
  const thresholds = c.thresholds.map((t) => figure(t, CRITERION_PERCENT[c.id]));
  return tableRow(CRITERION_NAMES[c.id], [figure(c.weight), ...thresholds], CRITERION_NOTES[c.id]);
}

function gateRow(g: Gate): (OutputCell | null)[] {
  const categories = g.categories.length === CATEGORIES.length ? ALL_CATEGORIES : g.categories.join('; ');
  const setting = g.setting ? figure(g.setting, GATE_PERCENT[g.id]) : null;
  const words = GATE_WORDS[g.id];
  return tableRow(words.title, [setting, text(categories, { wrap: true })], `${words.setting} ${words.why}`);
}

const categoryLine = CATEGORIES.map(
  (c, i) => `${i + 1} ${c}${CATEGORY_NOTES[c] ? ` (${CATEGORY_NOTES[c]})` : ''}`,
).join('; ');

/** The Scoring Model sheet for a model (the defaults unless given), laid out for users to read and change. */
export function scoringModelSheet(model: ScoringModel = DEFAULT_MODEL): OutputSheet {
  const rows: (OutputCell | null)[][] = [
    [text(MODEL_SHEET, { bold: true })],
    [
      text(
        'How commercial proposals are scored. Change a number here to change the model: weights must add up to 100, each row of thresholds runs from highest to lowest, and a gate applies to the categories named (separated by ;) or to All.',
      ),
    ],
    [
      text(
        `Categories, lowest risk first (fixed by the Commercialisation Strategy; on Commercial Projects enter the name or the number): ${categoryLine}.`,
      ),
    ],
    [],
    [bold(TABLES.criteria.title)],
    headingRow('criteria'),
    ...model.criteria.map(criterionRow),
    [],
    [bold(TABLES.risk.title)],
    headingRow('risk'),
    tableRow('Low', [figure(model.risk.lowUpTo)], 'Risk rating = likelihood × impact, each 1–5.'),
    tableRow('Medium', [figure(model.risk.mediumUpTo)], 'Above the Low limit, up to this.'),
    tableRow('High', [], 'Any risk rating above the Medium limit.'),
    [],
    [bold(TABLES.gates.title)],
    headingRow('gates'),
    ...model.gates.map(gateRow),
    [],
    [bold(TABLES.bands.title)],
    headingRow('bands'),
    tableRow(
      'Priority 1',
      [figure(model.bands.priority1)],
      'A proposal that no gate stops, with at least this reward score.',
    ),
    tableRow(
      'Priority 2',
      [figure(model.bands.priority2)],
      'A proposal that no gate stops, with at least this reward score.',
    ),
    tableRow('Priority 3', [], 'Any other proposal that no gate stops. A proposal stopped by a gate is Not supported.'),
  ];
  return { name: MODEL_SHEET, columnWidths: [34, 12, 18, 13, 13, 13, 80], rows };
}

// ---- reader ----

type Problems = Finding[];

interface Table {
  header: number;
  columns: Map<string, number>;
  rows: number[];
}

function problem(problems: Problems, sheet: SheetGrid, row: number, col: number, message: string): null {
  problems.push(finding('scoring-model', sheet.name, a1(row, col), message));
  return null;
}

function findTable(sheet: SheetGrid, name: TableName, problems: Problems): Table | null {
  const [first, ...rest] = TABLES[name].headings;
  const header = sheet.rows.findIndex((_, r) => headingKey(cellText(cellAt(sheet, r, 0))) === headingKey(first));
  if (header < 0)
    return problem(
      problems,
      sheet,
      0,
      0,
      `there is no ${TABLES[name].title} table: its heading "${first}" was not found in column A`,
    );
  const columns = new Map<string, number>();
  (sheet.rows[header] ?? []).forEach((cell, col) => {
    const key = headingKey(cellText(cell));
    if (key && !columns.has(key)) columns.set(key, col);
  });
  const missing = rest.filter((h) => !columns.has(headingKey(h)));
  if (missing.length)
    return problem(
      problems,
      sheet,
      header,
      0,
      `the ${TABLES[name].title} table has no ${missing.map((m) => `"${m}"`).join(', ')} column`,
    );
  const rows: number[] = [];
  for (let r = header + 1; r < sheet.rows.length && !isEmptyCell(cellAt(sheet, r, 0)); r++) rows.push(r);
  return { header, columns, rows };
}

/** A column's cells down a table's rows, e.g. "C5:C9" (the heading's cell when the table has no rows). */
function columnSpan(t: Table, c: number): string {
  const first = t.rows[0] ?? t.header;
  const last = t.rows[t.rows.length - 1] ?? first;
  return `${a1(first, c)}:${a1(last, c)}`;
}

const col = (t: Table, heading: string) => t.columns.get(headingKey(heading))!;

function readNumber(sheet: SheetGrid, row: number, c: number, what: string, problems: Problems): Decimal | null {
  const cell = cellAt(sheet, row, c);
  const f = readFigure(cell);
  if (f.kind === 'number') return f.value;
  if (f.kind === 'empty') return problem(problems, sheet, row, c, `${what} is empty; it needs a number`);
  if (f.kind === 'text') return problem(problems, sheet, row, c, `${what} is "${f.text}", which is not a number`);
  if (f.kind === 'error') return problem(problems, sheet, row, c, `${what} shows the error ${f.error}`);
  return problem(
    problems,
    sheet,
    row,
    c,
    `${what} is a formula with no calculated value; let Excel calculate it and save the workbook`,
  );
}

function mustBeEmpty(sheet: SheetGrid, row: number, c: number, what: string, problems: Problems): void {
  if (!isEmptyCell(cellAt(sheet, row, c))) problem(problems, sheet, row, c, `${what}; leave this cell empty`);
}

type Limit = { row: number; col: number; value: Decimal; what: string; percent?: boolean };

const shown = (l: Limit) => (l.percent ? `${l.value.times(100).toFixed()}%` : l.value.toFixed());

/** Each value must be lower than the one before it, so every score, level and band can be reached. */
function checkDescending(sheet: SheetGrid, limits: Limit[], problems: Problems): void {
  let prev: Limit | undefined;
  for (const cur of limits) {
    if (prev && !cur.value.lt(prev.value)) {
      problem(
        problems,
        sheet,
        cur.row,
        cur.col,
        `threshold out of order: ${cur.what} (${shown(cur)}) must be lower than ${prev.what} (${shown(prev)})`,
      );
    }
    prev = cur;
  }
}

/** Rows of a table keyed by a known name in column A; unknown and repeated names are problems. */
function namedRows<K extends string>(
  sheet: SheetGrid,
  t: Table,
  names: Record<K, string>,
  [kind, kinds]: [string, string],
  problems: Problems,
): Map<K, number> {
  const found = new Map<K, number>();
  const byName = new Map(Object.entries(names).map(([id, n]) => [looseName(n as string), id as K]));
  for (const r of t.rows) {
    const label = cellText(cellAt(sheet, r, 0));
    const id = byName.get(looseName(label));
    if (!id)
      problem(
        problems,
        sheet,
        r,
        0,
        `unknown ${kind} "${label}"; the ${kinds} are ${Object.values<string>(names).join(', ')}`,
      );
    else if (found.has(id))
      problem(problems, sheet, r, 0, `${label} is listed twice (also at ${a1(found.get(id)!, 0)})`);
    else found.set(id, r);
  }
  for (const [id, n] of Object.entries<string>(names)) {
    if (!found.has(id as K)) problem(problems, sheet, t.header, 0, `the ${kind} ${n} is missing from this table`);
  }
  return found;
}

function readCriterion(sheet: SheetGrid, t: Table, id: CriterionId, row: number, problems: Problems): Criterion | null {
  const name = CRITERION_NAMES[id];
  const weight = readNumber(sheet, row, col(t, 'Weight'), `the weight of ${name}`, problems);
  if (weight?.isNegative())
    problem(
      problems,
      sheet,
      row,
      col(t, 'Weight'),
      `the weight of ${name} is ${weight.toFixed()}; a weight cannot be negative`,
    );
  const cols = THRESHOLD_HEADINGS.map((h) => ({ h, c: col(t, h) }));
  if (isEnteredCriterion(id)) {
    cols.forEach(({ c }) =>
      mustBeEmpty(sheet, row, c, `${name} is scored as entered (1–5) and has no thresholds`, problems),
    );
    return weight ? { id, weight, thresholds: [] } : null;
  }
  const percent = CRITERION_PERCENT[id];
  const limits = cols.map(({ h, c }) => ({
    row,
    col: c,
    what: `${name} "${h}"`,
    percent,
    value: readNumber(sheet, row, c, `${name} "${h}"`, problems),
  }));
  if (limits.some((l) => !l.value) || !weight) return null;
  checkDescending(sheet, limits as Limit[], problems);
  return { id, weight, thresholds: limits.map((l) => l.value!) };
}

function readCriteria(sheet: SheetGrid, problems: Problems): Criterion[] {
  const t = findTable(sheet, 'criteria', problems);
  if (!t) return [];
  const rows = namedRows(sheet, t, CRITERION_NAMES, ['criterion', 'criteria'], problems);
  const criteria = [...rows].sort((a, b) => a[1] - b[1]).map(([id, row]) => readCriterion(sheet, t, id, row, problems));
  const complete = criteria.filter((c): c is Criterion => c !== null);
  const total = sum(complete.map((c) => c.weight));
  if (complete.length === CRITERION_IDS.length && !total.eq(100)) {
    const weightCol = col(t, 'Weight');
    problem(
      problems,
      sheet,
      t.header,
      weightCol,
      `the weights add up to ${total.toFixed()}, not 100 (${columnSpan(t, weightCol)})`,
    );
  }
  return complete;
}

function readRisk(sheet: SheetGrid, problems: Problems): ScoringModel['risk'] | null {
  const t = findTable(sheet, 'risk', problems);
  if (!t) return null;
  const names = Object.fromEntries(RISK_LEVELS.map((l) => [l, l])) as Record<(typeof RISK_LEVELS)[number], string>;
  const rows = namedRows(sheet, t, names, ['risk level', 'risk levels'], problems);
  const c = col(t, 'Risk rating up to');
  const limit = (level: 'Low' | 'Medium') =>
    rows.has(level) ? readNumber(sheet, rows.get(level)!, c, `the ${level} limit`, problems) : null;
  const [lowUpTo, mediumUpTo] = [limit('Low'), limit('Medium')];
  if (rows.has('High'))
    mustBeEmpty(sheet, rows.get('High')!, c, 'High is every risk rating above the Medium limit', problems);
  if (!lowUpTo || !mediumUpTo) return null;
  checkDescending(
    sheet,
    [
      { row: rows.get('Medium')!, col: c, value: mediumUpTo, what: 'the Medium limit' },
      { row: rows.get('Low')!, col: c, value: lowUpTo, what: 'the Low limit' },
    ],
    problems,
  );
  return { lowUpTo, mediumUpTo };
}

function readCategories(
  sheet: SheetGrid,
  row: number,
  c: number,
  title: string,
  problems: Problems,
): Category[] | null {
  const raw = cellText(cellAt(sheet, row, c));
  if (!raw)
    return problem(
      problems,
      sheet,
      row,
      c,
      `${title} applies to no category; name the categories (separated by ;) or write ${ALL_CATEGORIES}`,
    );
  if (looseName(raw) === looseName(ALL_CATEGORIES)) return [...CATEGORIES];
  const parts = raw
    .replace(/\([^)]*\)/g, ' ')
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = parts.filter((p) => !categoryFrom(p));
  if (unknown.length)
    return problem(
      problems,
      sheet,
      row,
      c,
      `unknown categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((u) => `"${u}"`).join(', ')}; the categories are ${categoryList()}`,
    );
  return CATEGORIES.filter((cat) => parts.some((p) => categoryFrom(p) === cat));
}

function readGate(sheet: SheetGrid, t: Table, id: GateId, row: number, problems: Problems): Gate | null {
  const title = GATE_WORDS[id].title;
  const settingCol = col(t, 'Setting');
  let setting: Decimal | null = null;
  if (GATE_HAS_SETTING[id]) setting = readNumber(sheet, row, settingCol, `the setting of ${title}`, problems);
  else mustBeEmpty(sheet, row, settingCol, `${title} has no number to set`, problems);
  const categories = readCategories(sheet, row, col(t, 'Applies to categories'), title, problems);
  if (!categories || (GATE_HAS_SETTING[id] && !setting)) return null;
  return { id, categories, setting };
}

function readGates(sheet: SheetGrid, problems: Problems): Gate[] {
  const t = findTable(sheet, 'gates', problems);
  if (!t) return [];
  const titles = Object.fromEntries(GATE_IDS.map((id) => [id, GATE_WORDS[id].title])) as Record<GateId, string>;
  const rows = namedRows(sheet, t, titles, ['gate', 'gates'], problems);
  return GATE_IDS.filter((id) => rows.has(id))
    .map((id) => readGate(sheet, t, id, rows.get(id)!, problems))
    .filter((g): g is Gate => g !== null);
}

function readBands(sheet: SheetGrid, problems: Problems): ScoringModel['bands'] | null {
  const t = findTable(sheet, 'bands', problems);
  if (!t) return null;
  const rows = namedRows(
    sheet,
    t,
    { 'Priority 1': 'Priority 1', 'Priority 2': 'Priority 2', 'Priority 3': 'Priority 3' },
    ['band', 'bands'],
    problems,
  );
  const c = col(t, 'Reward score from');
  const from = (b: 'Priority 1' | 'Priority 2') =>
    rows.has(b) ? readNumber(sheet, rows.get(b)!, c, `the ${b} limit`, problems) : null;
  const [priority1, priority2] = [from('Priority 1'), from('Priority 2')];
  if (rows.has('Priority 3'))
    mustBeEmpty(
      sheet,
      rows.get('Priority 3')!,
      c,
      'Priority 3 is every reward score below the Priority 2 limit',
      problems,
    );
  if (!priority1 || !priority2) return null;
  checkDescending(
    sheet,
    [
      { row: rows.get('Priority 1')!, col: c, value: priority1, what: 'the Priority 1 limit' },
      { row: rows.get('Priority 2')!, col: c, value: priority2, what: 'the Priority 2 limit' },
    ],
    problems,
  );
  return { priority1, priority2 };
}

export type ModelRead = { model: ScoringModel; findings: [] } | { model: null; findings: Finding[] };

/**
 * The model from the workbook's Scoring Model sheet, or the defaults when it has none. Any problem
 * on the sheet means no model: scoring with numbers the user did not mean would mislead the board.
 */
export function readScoringModel(sheet: SheetGrid | undefined): ModelRead {
  if (!sheet) return { model: DEFAULT_MODEL, findings: [] };
  const problems: Problems = [];
  const criteria = readCriteria(sheet, problems);
  const risk = readRisk(sheet, problems);
  const gates = readGates(sheet, problems);
  const bands = readBands(sheet, problems);
  if (problems.length || !risk || !bands) return { model: null, findings: problems };
  return { model: { criteria, risk, gates, bands }, findings: [] };
}
