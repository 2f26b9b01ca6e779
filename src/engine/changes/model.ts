import type { Finding } from '../findings';
import { groupBy } from '../collections';
import type { StarMarker, Table } from '../tables';
import { compareFigures, type FigureChange } from './figures';
import type { MtfsLine, LineKind, TablePair } from './lines';
import type { LinePair, MatchedBy } from './match';

/** What became of a line since the previous MTFS. */
export type Change = 'new' | 'unchanged' | 'amended' | 'removed';

/** The house star for each change: * unchanged from the previous MTFS, ** included before but amended, none for new. */
export const DERIVED_MARKER: Record<Exclude<Change, 'removed'>, StarMarker> = {
  unchanged: '*',
  amended: '**',
  new: '',
};

export interface LineChange {
  kind: LineKind;
  /** The pair of tables the line belongs to (its current table; its previous one when removed). */
  table: TablePair;
  change: Change;
  previous?: MtfsLine;
  current?: MtfsLine;
  match?: { by: MatchedBy; confidence: number };
  /** Every figure, previous and current: the years, and a capital line's gross cost and total. */
  figures: FigureChange[];
  /** The section it sat in before, when it now sits in another one. It is still the same line. */
  movedFrom?: string;
  /** The star typed and the star the comparison gives; undefined in a capital programme, which has no stars. */
  marker?: { typed: StarMarker; derived: StarMarker };
}

/** A line is amended when any figure both MTFSs have differs: a year, or a capital line's gross cost or total. */
function changeOf(figures: FigureChange[]): 'unchanged' | 'amended' {
  return figures.some((f) => f.status === 'changed') ? 'amended' : 'unchanged';
}

function sectionKey(section: string | undefined): string {
  return (section ?? '').trim().toLowerCase();
}

function markerOf(current: MtfsLine | undefined, change: Change): LineChange['marker'] {
  if (!current || current.marker === undefined || change === 'removed') return undefined;
  return { typed: current.marker, derived: DERIVED_MARKER[change] };
}

function lineChange(
  table: TablePair,
  previous: MtfsLine | undefined,
  current: MtfsLine | undefined,
  pair?: LinePair,
): LineChange {
  const figures = compareFigures(previous, current);
  const change: Change = !previous ? 'new' : !current ? 'removed' : changeOf(figures);
  const moved = previous && current && sectionKey(previous.section) !== sectionKey(current.section);
  return {
    kind: (current ?? previous)!.kind,
    table,
    change,
    previous,
    current,
    match: pair && { by: pair.by, confidence: pair.confidence },
    figures,
    movedFrom: moved ? (previous.section ?? '') : undefined,
    marker: markerOf(current, change),
  };
}

/** Every line of both MTFSs, table by table: the current lines in order (new or paired), then the previous lines no current line pairs with (removed). */
export function lineChanges(
  tables: TablePair[],
  previous: MtfsLine[],
  current: MtfsLine[],
  pairs: LinePair[],
): LineChange[] {
  const byCurrent = new Map(pairs.map((p) => [p.current, p]));
  const paired = new Set(pairs.map((p) => p.previous));
  const currentByTable = groupBy(current, (l) => l.table);
  const previousByTable = groupBy(previous, (l) => l.table);
  const of = (lines: Map<Table, MtfsLine[]>, table: Table | undefined) => (table && lines.get(table)) || [];
  return tables.flatMap((t) => [
    ...of(currentByTable, t.current).map((l) => lineChange(t, byCurrent.get(l)?.previous, l, byCurrent.get(l))),
    ...of(previousByTable, t.previous)
      .filter((l) => !paired.has(l))
      .map((l) => lineChange(t, l, undefined)),
  ]);
}

export type ChangeCounts = Record<Change, number> & { markerDisagreements: number };

export interface TableSummary extends ChangeCounts {
  kind: LineKind;
  name: string;
}

export interface ChangesSummary extends ChangeCounts {
  tables: TableSummary[];
}

export interface ChangesResult {
  /** The tables compared, each with the previous table it was paired with. */
  tables: TablePair[];
  /** Which previous line each current line was paired with, how, and how sure. */
  pairs: LinePair[];
  /** Every line of both MTFSs: new, unchanged, amended or removed. */
  lines: LineChange[];
  /** Marker disagreements (warnings), removed lines and tables with nothing to compare with (notes). */
  findings: Finding[];
  summary: ChangesSummary;
  department?: string;
}
