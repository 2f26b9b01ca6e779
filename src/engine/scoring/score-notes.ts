import { a1 } from '../a1';
import { cellAt, cellText, type SheetGrid } from '../grid';
import { CRITERION_IDS, CRITERION_NAMES, headingKey, type CriterionId } from './model';

/*
 * Who scored what, and why: optional columns on the Commercial Projects sheet. For each criterion (and for the
 * risk likelihood and impact together) a "<criterion> scored by" and a "<criterion> rationale" column, and a
 * "Scored by" column for whoever scored a whole proposal. Headings match as the others do, ignoring case and
 * punctuation: "Customer service – scored by", "CUSTOMER SERVICE (scorer)" and "Customer service: rationale" all work.
 */

export type NoteKey = CriterionId | 'risk';
export const NOTE_KEYS: NoteKey[] = [...CRITERION_IDS, 'risk'];
export const NOTE_NAMES: Record<NoteKey, string> = { ...CRITERION_NAMES, risk: 'Risk' };

/** Who scored one criterion and why, with the cells they came from. */
export interface ScoreNote {
  scoredBy: string | null;
  rationale: string | null;
  /** The A1 address of each, when given. */
  scoredByCell: string | null;
  rationaleCell: string | null;
}

export type ScoreNotes = Partial<Record<NoteKey, ScoreNote>>;

type NoteColumn = { key: NoteKey | 'all'; kind: 'scoredBy' | 'rationale' };

const SCORED_BY = ['scored by', 'scorer'];
const RATIONALE = ['rationale', 'reason', 'reasons'];

/** The headings users may type for each note column, as loose keys. */
export const NOTE_HEADINGS: string[] = [
  'Scored by',
  ...NOTE_KEYS.flatMap((k) => [`${NOTE_NAMES[k]} scored by`, `${NOTE_NAMES[k]} rationale`]),
];

const loose = (text: string) =>
  headingKey(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const COLUMN_BY_HEADING = new Map<string, NoteColumn>([
  ...SCORED_BY.map((h) => [loose(h), { key: 'all', kind: 'scoredBy' }] as const),
  ...NOTE_KEYS.flatMap((key) => [
    ...SCORED_BY.map((h) => [loose(`${NOTE_NAMES[key]} ${h}`), { key, kind: 'scoredBy' }] as const),
    ...RATIONALE.map((h) => [loose(`${NOTE_NAMES[key]} ${h}`), { key, kind: 'rationale' }] as const),
  ]),
]);

/** The note columns on the heading row, by column index. */
export function noteColumns(sheet: SheetGrid, headingRow: number): Map<number, NoteColumn> {
  const found = new Map<number, NoteColumn>();
  const taken = new Set<string>();
  (sheet.rows[headingRow] ?? []).forEach((cell, col) => {
    const column = COLUMN_BY_HEADING.get(loose(cellText(cell)));
    const id = column && `${column.key}/${column.kind}`;
    if (column && id && !taken.has(id)) {
      taken.add(id);
      found.set(col, column);
    }
  });
  return found;
}

/** One row's notes: each criterion's own scorer, or the row's "Scored by" when it has none, and its rationale. */
export function readNotes(sheet: SheetGrid, row: number, columns: Map<number, NoteColumn>): ScoreNotes {
  const own: Partial<Record<NoteKey, Partial<ScoreNote>>> = {};
  let everyone: { name: string; cell: string } | null = null;
  for (const [col, column] of columns) {
    const text = cellText(cellAt(sheet, row, col));
    if (!text) continue;
    if (column.key === 'all') {
      everyone = { name: text, cell: a1(row, col) };
      continue;
    }
    const note = (own[column.key] ??= {});
    if (column.kind === 'scoredBy') Object.assign(note, { scoredBy: text, scoredByCell: a1(row, col) });
    else Object.assign(note, { rationale: text, rationaleCell: a1(row, col) });
  }
  const notes: ScoreNotes = {};
  for (const key of NOTE_KEYS) {
    const note = own[key] ?? {};
    const scoredBy = note.scoredBy ?? everyone?.name ?? null;
    const rationale = note.rationale ?? null;
    if (!scoredBy && !rationale) continue;
    notes[key] = {
      scoredBy,
      rationale,
      scoredByCell: note.scoredByCell ?? everyone?.cell ?? null,
      rationaleCell: note.rationaleCell ?? null,
    };
  }
  return notes;
}
