import { a1 } from '../a1';
import { readFigure } from '../figures';
import { finding, type Finding } from '../findings';
import { cellAt, cellText, isEmptyCell, type Cell, type SheetGrid } from '../grid';
import { Decimal } from '../money';
import { noteColumns, readNotes, type ScoreNotes } from './score-notes';
import {
  categoryFrom,
  categoryList,
  CRITERION_NAMES,
  headingKey,
  type Category,
  type EnteredCriterionId,
} from './model';

export type ColumnKey =
  | 'ref'
  | 'project'
  | 'category'
  | 'insideArea'
  | 'investment'
  | 'annualReturn'
  | EnteredCriterionId
  | 'likelihood'
  | 'impact'
  | 'publicServiceAtRisk';

/** The Commercial Projects columns, in the order the specification lists them. */
export const COLUMNS: { key: ColumnKey; heading: string; aliases?: string[] }[] = [
  { key: 'ref', heading: 'Ref', aliases: ['reference'] },
  { key: 'project', heading: 'Project' },
  { key: 'category', heading: 'Category' },
  { key: 'insideArea', heading: 'Inside area' },
  { key: 'investment', heading: 'Investment £000' },
  { key: 'annualReturn', heading: 'Annual net return £000' },
  { key: 'strategic-fit', heading: CRITERION_NAMES['strategic-fit'] },
  { key: 'customer-service', heading: CRITERION_NAMES['customer-service'] },
  { key: 'deliverability', heading: CRITERION_NAMES.deliverability },
  { key: 'likelihood', heading: 'Risk likelihood' },
  { key: 'impact', heading: 'Risk impact' },
  { key: 'publicServiceAtRisk', heading: 'Public service at risk' },
];

/** One proposal with every input valid, ready to score. */
export interface Proposal {
  sheet: string;
  /** 0-based row on the sheet; also the sheet order used as the last tie-break. */
  row: number;
  ref: string;
  project: string;
  category: Category;
  insideArea: boolean;
  investment: Decimal;
  annualReturn: Decimal;
  scores: Record<EnteredCriterionId, number>;
  likelihood: number;
  impact: number;
  publicServiceAtRisk: boolean;
  /** The A1 address of each input, so a host can take the user to it. */
  cells: Record<ColumnKey, string>;
  /** Who scored each criterion and why, from the optional columns (see score-notes.ts); empty without them. */
  notes: ScoreNotes;
}

/** A row that cannot be scored: one finding per input that is missing or wrong. */
export interface IncompleteProposal {
  ref: string | null;
  sheet: string;
  row: number;
  findings: Finding[];
}

export interface ProposalsRead {
  proposals: Proposal[];
  incomplete: IncompleteProposal[];
  /** Errors that stop the sheet being read at all (no heading row, a column missing). */
  findings: Finding[];
}

/** How far down the sheet the heading row may be. */
const HEADER_SEARCH_ROWS = 30;

const KEY_BY_HEADING = new Map<string, ColumnKey>(
  COLUMNS.flatMap((c) => [c.heading, ...(c.aliases ?? [])].map((h) => [headingKey(h), c.key] as const)),
);

function headingColumns(sheet: SheetGrid, row: number): Map<ColumnKey, number> {
  const found = new Map<ColumnKey, number>();
  (sheet.rows[row] ?? []).forEach((cell, col) => {
    const key = KEY_BY_HEADING.get(headingKey(cellText(cell)));
    if (key && !found.has(key)) found.set(key, col);
  });
  return found;
}

/** The heading row: the row near the top that names the most of the columns (the first such row). */
function findHeading(sheet: SheetGrid): { row: number; columns: Map<ColumnKey, number> } | null {
  let best: { row: number; columns: Map<ColumnKey, number> } | null = null;
  for (let row = 0; row < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); row++) {
    const columns = headingColumns(sheet, row);
    if (columns.size > (best?.columns.size ?? 2)) best = { row, columns };
  }
  return best;
}

type Read<T> = { value: T } | { problem: string };

const label = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.heading;

/** Why a cell holds no usable value (an error, an uncalculated formula), or null when it has one. */
function unusable(cell: Cell | undefined, key: ColumnKey): string | null {
  if (cell?.error) return `${label(key)} shows the error ${cell.error}`;
  if (cell?.formula && (cell.value === null || cell.value === undefined)) {
    return `${label(key)} is a formula with no calculated value; open the workbook in Excel, let it calculate and save it`;
  }
  return null;
}

function readText(cell: Cell | undefined, key: ColumnKey, missing: string): Read<string> {
  const bad = unusable(cell, key);
  if (bad) return { problem: bad };
  const text = cellText(cell);
  return text ? { value: text } : { problem: `${label(key)} is missing; ${missing}` };
}

const YES = new Set(['y', 'yes', 'true']);
const NO = new Set(['n', 'no', 'false']);

function readYesNo(cell: Cell | undefined, key: ColumnKey): Read<boolean> {
  const text = readText(cell, key, 'enter Yes or No');
  if ('problem' in text) return text;
  const t = text.value.toLowerCase();
  if (YES.has(t)) return { value: true };
  if (NO.has(t)) return { value: false };
  return { problem: `${label(key)} is "${text.value}"; enter Yes or No` };
}

function readCategory(cell: Cell | undefined): Read<Category> {
  const text = readText(cell, 'category', `enter one of the seven categories by name or number (${categoryList()})`);
  if ('problem' in text) return text;
  const category = categoryFrom(text.value);
  return category
    ? { value: category }
    : {
        problem: `Category "${text.value}" is not one of the seven categories; enter the name or the number (${categoryList()})`,
      };
}

function readNumber(cell: Cell | undefined, key: ColumnKey): Read<Decimal> {
  const bad = unusable(cell, key);
  if (bad) return { problem: bad };
  const figure = readFigure(cell);
  if (figure.kind === 'number') return { value: figure.value };
  if (figure.kind === 'text') return { problem: `${label(key)} holds "${figure.text}", which is not a number` };
  return { problem: `${label(key)} is missing; enter a number in £000` };
}

function readInvestment(cell: Cell | undefined): Read<Decimal> {
  const n = readNumber(cell, 'investment');
  if ('value' in n && n.value.isNegative()) {
    return {
      problem: `${label('investment')} is ${n.value.toFixed()}; it cannot be negative (enter 0 when nothing is invested)`,
    };
  }
  return n;
}

/** A score 1–5, entered by a commercial lead: a whole number, nothing else. */
function readScore(cell: Cell | undefined, key: ColumnKey): Read<number> {
  const bad = unusable(cell, key);
  if (bad) return { problem: bad };
  const figure = readFigure(cell);
  if (figure.kind === 'empty') return { problem: `${label(key)} is missing; enter a score from 1 to 5` };
  if (figure.kind === 'text') return { problem: `${label(key)} holds "${figure.text}"; enter a score from 1 to 5` };
  if (figure.kind === 'number' && figure.value.isInteger() && figure.value.gte(1) && figure.value.lte(5)) {
    return { value: figure.value.toNumber() };
  }
  const shown = figure.kind === 'number' ? figure.value.toFixed() : '';
  return { problem: `${label(key)} is ${shown}; scores are whole numbers from 1 to 5` };
}

/** What each column holds once it is read. */
type Inputs = {
  ref: string;
  project: string;
  category: Category;
  insideArea: boolean;
  investment: Decimal;
  annualReturn: Decimal;
  likelihood: number;
  impact: number;
  publicServiceAtRisk: boolean;
} & Record<EnteredCriterionId, number>;

const READERS: { [K in ColumnKey]: (cell: Cell | undefined) => Read<Inputs[K]> } = {
  ref: (c) => readText(c, 'ref', 'each proposal needs its own Ref'),
  project: (c) => readText(c, 'project', 'give the proposal a name'),
  category: readCategory,
  insideArea: (c) => readYesNo(c, 'insideArea'),
  investment: readInvestment,
  annualReturn: (c) => readNumber(c, 'annualReturn'),
  'strategic-fit': (c) => readScore(c, 'strategic-fit'),
  'customer-service': (c) => readScore(c, 'customer-service'),
  deliverability: (c) => readScore(c, 'deliverability'),
  likelihood: (c) => readScore(c, 'likelihood'),
  impact: (c) => readScore(c, 'impact'),
  publicServiceAtRisk: (c) => readYesNo(c, 'publicServiceAtRisk'),
};

type RowRead = {
  row: number;
  ref: string | null;
  values: Partial<Inputs>;
  cells: Record<ColumnKey, string>;
  findings: Finding[];
};

function readRow(sheet: SheetGrid, row: number, columns: Map<ColumnKey, number>): RowRead | null {
  if (COLUMNS.every((c) => isEmptyCell(cellAt(sheet, row, columns.get(c.key)!)))) return null;
  const read: RowRead = { row, ref: null, values: {}, cells: {} as Record<ColumnKey, string>, findings: [] };
  for (const { key } of COLUMNS) {
    const col = columns.get(key)!;
    read.cells[key] = a1(row, col);
    const result = READERS[key](cellAt(sheet, row, col));
    if ('value' in result) Object.assign(read.values, { [key]: result.value });
    else read.findings.push(finding('incomplete-proposal', sheet.name, read.cells[key], result.problem));
  }
  read.ref = read.values.ref ?? null;
  return read;
}

/** Every row sharing a Ref gets a finding: nobody can tell which of them the Ref means. */
function markDuplicateRefs(sheet: string, rows: RowRead[]): void {
  const byRef = new Map<string, RowRead[]>();
  for (const r of rows) if (r.ref) byRef.set(r.ref.toLowerCase(), [...(byRef.get(r.ref.toLowerCase()) ?? []), r]);
  for (const group of byRef.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group
        .filter((o) => o !== r)
        .map((o) => o.cells.ref)
        .join(', ');
      r.findings.unshift(
        finding(
          'incomplete-proposal',
          sheet,
          r.cells.ref,
          `Ref ${r.ref} is also used at ${others}; each proposal needs its own Ref`,
        ),
      );
    }
  }
}

/** Only for a row with no findings: every input was read. */
function proposalFrom(sheet: string, r: RowRead, notes: ScoreNotes): Proposal {
  const v = r.values as Inputs;
  return {
    sheet,
    row: r.row,
    ref: v.ref,
    project: v.project,
    category: v.category,
    insideArea: v.insideArea,
    investment: v.investment,
    annualReturn: v.annualReturn,
    scores: {
      'strategic-fit': v['strategic-fit'],
      'customer-service': v['customer-service'],
      deliverability: v.deliverability,
    },
    likelihood: v.likelihood,
    impact: v.impact,
    publicServiceAtRisk: v.publicServiceAtRisk,
    cells: r.cells,
    notes,
  };
}

/** Reads every proposal on the Commercial Projects sheet; blank rows are skipped, bad rows are incomplete. */
export function readProposals(sheet: SheetGrid): ProposalsRead {
  const heading = findHeading(sheet);
  if (!heading) {
    const message = `no heading row was found in the top ${HEADER_SEARCH_ROWS} rows; it needs the columns ${COLUMNS.map((c) => c.heading).join(', ')}`;
    return { proposals: [], incomplete: [], findings: [finding('proposals-sheet', sheet.name, 'A1', message)] };
  }
  const missing = COLUMNS.filter((c) => !heading.columns.has(c.key)).map((c) => c.heading);
  if (missing.length) {
    const message = `the heading row (row ${heading.row + 1}) has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`;
    return {
      proposals: [],
      incomplete: [],
      findings: [finding('proposals-sheet', sheet.name, a1(heading.row, 0), message)],
    };
  }
  const rows: RowRead[] = [];
  for (let row = heading.row + 1; row < sheet.rows.length; row++) {
    const read = readRow(sheet, row, heading.columns);
    if (read) rows.push(read);
  }
  markDuplicateRefs(sheet.name, rows);
  const notes = noteColumns(sheet, heading.row);
  return {
    proposals: rows
      .filter((r) => r.findings.length === 0)
      .map((r) => proposalFrom(sheet.name, r, readNotes(sheet, r.row, notes))),
    incomplete: rows
      .filter((r) => r.findings.length > 0)
      .map((r) => ({ ref: r.ref, sheet: sheet.name, row: r.row, findings: r.findings })),
    findings: [],
  };
}
