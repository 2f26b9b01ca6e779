import type { OutputCell, OutputSheet } from '../output';
import { composeSheet, figure, text, title, type Block } from '../report/blocks';
import type { StarMarker } from '../tables';
import { figureOrder, type FigureChange } from './figures';
import { tableName, type TablePair } from './lines';
import type { Change, ChangesResult, ChangesSummary, LineChange, TableSummary } from './model';

export const CHANGES_SHEET = 'Changes since previous MTFS';

type Row = (OutputCell | null)[];

const CHANGE_WORDS: Record<Change, string> = {
  new: 'New',
  amended: 'Amended',
  unchanged: 'Unchanged',
  removed: 'Removed',
};
/** The first five columns of every table block; then previous, current and difference for each figure; then a note. */
const LINE_HEADINGS = ['Ref', 'Description', 'Change', 'Marker typed', 'Marker derived'];
const FIGURE_HEADINGS = ['Previous', 'Current', 'Difference'];

const bold = (value: string, style: Partial<OutputCell> = {}) => text(value, { bold: true, ...style });
const count = (n: number, isBold = false) => figure(n, { format: '0', bold: isBold });
const markerWords = (m: StarMarker) => m || 'none';

/** "3 new, 2 amended, 14 unchanged, 1 removed; 1 marker disagrees": the line users read first. */
export function summaryWords(s: ChangesSummary): string {
  const disagree = s.markerDisagreements === 1 ? '1 marker disagrees' : `${s.markerDisagreements} markers disagree`;
  return `${s.new} new, ${s.amended} amended, ${s.unchanged} unchanged, ${s.removed} removed; ${disagree}`;
}

function countsRow(name: string, c: Omit<TableSummary, 'kind' | 'name'>, isBold = false): Row {
  return [
    text(name, { bold: isBold }),
    null,
    ...[c.new, c.amended, c.unchanged, c.removed, c.markerDisagreements].map((n) => count(n, isBold)),
  ];
}

function summaryBlock(result: ChangesResult, names: { previous?: string; current?: string }): Block {
  const heading = `CHANGES SINCE THE PREVIOUS MTFS${result.department ? `: ${result.department}` : ''}`;
  const compared =
    names.previous && names.current ? [[text(`This MTFS: ${names.current}; previous MTFS: ${names.previous}`)]] : [];
  return [
    title(heading),
    ...compared,
    [text(summaryWords(result.summary))],
    [],
    [
      bold('Table'),
      null,
      ...['New', 'Amended', 'Unchanged', 'Removed', 'Marker disagreements'].map((h) =>
        bold(h, { align: 'right', wrap: true }),
      ),
    ],
    ...result.summary.tables.map((t) => countsRow(t.name, t)),
    countsRow('Total', result.summary, true),
  ];
}

/** The figure columns a table block shows: every figure any of its lines has, in the programme's own order. */
function blockColumns(lines: LineChange[]): { key: string; label: string }[] {
  const byKey = new Map<string, FigureChange>();
  for (const l of lines) for (const f of l.figures) if (!byKey.has(f.key)) byKey.set(f.key, f);
  return [...byKey.values()].sort((a, b) => figureOrder(a).localeCompare(figureOrder(b)));
}

function headingRows(columns: { label: string }[]): Row[] {
  const lead: Row = Array<null>(LINE_HEADINGS.length).fill(null);
  const top = columns.flatMap((c) => [bold(`${c.label} £000`, { align: 'right' }), null, null]);
  const bottom = columns.flatMap(() => FIGURE_HEADINGS.map((h) => bold(h, { align: 'right', wrap: true })));
  return [
    [...lead, ...top],
    [...LINE_HEADINGS.map((h) => bold(h, { wrap: true })), ...bottom, bold('Note')],
  ];
}

function figureCells(line: LineChange, columns: { key: string }[]): Row {
  return columns.flatMap((c) => {
    const f = line.figures.find((x) => x.key === c.key);
    return [f?.previous, f?.current, f?.difference].map((v) => (v ? figure(v) : null));
  });
}

/** How the line was paired and what changed besides its figures: "matched by description (84% alike); reference was G20". */
export function pairingNote(line: LineChange): string {
  const { previous: p, current: c } = line;
  const notes: string[] = [];
  if (line.match?.by === 'description' && line.match.confidence < 1)
    notes.push(`matched by description (${Math.round(line.match.confidence * 100)}% alike)`);
  if (line.match?.by === 'user') notes.push('paired by hand');
  if (p && c && (p.ref ?? '') !== (c.ref ?? '')) notes.push(`reference was ${p.ref ?? 'none'}`);
  if (p && c && p.description !== c.description) notes.push(`previously "${p.description}"`);
  if (line.movedFrom !== undefined) notes.push(`moved from ${line.movedFrom || 'no section'}`);
  const unreadable = line.figures.filter((f) => f.status === 'unreadable').map((f) => f.label);
  if (unreadable.length) notes.push(`${unreadable.join(', ')} could not be read`);
  if (line.change === 'removed' && p) notes.push(`was at ${p.sheet}!${p.cell}`);
  return notes.join('; ');
}

/** The sheet's Note column: the pairing note, and the star the line should carry when its typed one disagrees. */
function lineNote(line: LineChange): string {
  const marker =
    line.marker && line.marker.typed !== line.marker.derived
      ? `marker should be ${markerWords(line.marker.derived)}`
      : '';
  return [pairingNote(line), marker].filter(Boolean).join('; ');
}

function lineRow(line: LineChange, columns: { key: string }[]): Row {
  const source = (line.current ?? line.previous)!;
  const link = line.current ? { link: { sheet: line.current.sheet, cell: line.current.cell } } : {};
  const note = lineNote(line);
  return [
    source.ref ? text(source.ref, link) : null,
    text(source.description, { wrap: true }),
    text(CHANGE_WORDS[line.change]),
    line.marker ? text(markerWords(line.marker.typed), { align: 'center' }) : null,
    line.marker ? text(markerWords(line.marker.derived), { align: 'center' }) : null,
    ...figureCells(line, columns),
    ...(note ? [text(note)] : []),
  ];
}

/** Lines grouped under their section headings, in the sheet's order; a removed line under the section it was in. */
function sectionRows(lines: LineChange[], columns: { key: string }[]): Row[] {
  const sections = new Map<string, LineChange[]>();
  for (const l of lines) {
    const section = ((l.current ?? l.previous)!.section ?? '').trim();
    sections.set(section, [...(sections.get(section) ?? []), l]);
  }
  return [...sections.entries()].flatMap(([section, own]) => [
    ...(section ? [[null, text(section, { bold: true, underline: true })]] : []),
    ...own.map((l) => lineRow(l, columns)),
  ]);
}

function where(pair: TablePair): string {
  const at = (t: TablePair['current']) => (t ? `${t.sheet}!${t.range}` : 'none');
  return `This MTFS: ${at(pair.current)}; previous MTFS: ${at(pair.previous)}`;
}

function tableBlock(pair: TablePair, lines: LineChange[]): Block {
  const columns = blockColumns(lines);
  return [title(tableName(pair)), [text(where(pair))], ...headingRows(columns), ...sectionRows(lines, columns)];
}

/**
 * The add-in's "Changes since previous MTFS" sheet: a summary count, then each table's lines with
 * what became of them, their typed and derived stars, and every figure previous, current and the difference.
 */
export function changesSheet(result: ChangesResult, names: { previous?: string; current?: string } = {}): OutputSheet {
  const blocks = [
    summaryBlock(result, names),
    ...result.tables.map((t) =>
      tableBlock(
        t,
        result.lines.filter((l) => l.table === t),
      ),
    ),
  ];
  const columns = Math.max(...blocks.flatMap((b) => b.map((r) => r.length)));
  const { blockStarts: _starts, ...sheet } = composeSheet(CHANGES_SHEET, blocks, {
    widths: [10, 50, 11, 9, 9, ...Array<number>(Math.max(0, columns - 5)).fill(11)],
  });
  return sheet;
}
