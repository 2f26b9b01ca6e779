import { checkJson } from '../check';
import { plain } from '../money';
import type { FigureChange } from './figures';
import { tableName, type MtfsLine } from './lines';
import type { ChangesResult, LineChange } from './model';

/** Figures as exact decimal strings, as in the check's JSON; null where that side has none. */
function figureJson(f: FigureChange) {
  const s = (v: FigureChange['previous']) => (v ? plain(v) : null);
  return { previous: s(f.previous), current: s(f.current), difference: s(f.difference), status: f.status };
}

function placeJson(line: MtfsLine | undefined) {
  return line
    ? {
        id: line.id,
        sheet: line.sheet,
        cell: line.cell,
        ref: line.ref ?? null,
        description: line.description,
        section: line.section ?? null,
      }
    : null;
}

function otherFigure(line: LineChange, key: string) {
  const f = line.figures.find((x) => x.key === key);
  return f ? figureJson(f) : null;
}

function lineJson(line: LineChange) {
  const source = (line.current ?? line.previous)!;
  return {
    kind: line.kind,
    table: tableName(line.table),
    ref: source.ref ?? null,
    description: source.description,
    section: source.section ?? null,
    change: line.change,
    years: line.figures.filter((f) => f.year).map((f) => ({ year: f.year!, ...figureJson(f) })),
    gross: otherFigure(line, 'gross'),
    total: otherFigure(line, 'total'),
    marker: line.marker ?? null,
    match: line.match ? { by: line.match.by, confidence: Math.round(line.match.confidence * 1000) / 1000 } : null,
    movedFrom: line.movedFrom ?? null,
    current: placeJson(line.current),
    previous: placeJson(line.previous),
  };
}

/** The comparison as the CLI's --json document (docs/cli.md describes it). */
export function compareJson(result: ChangesResult) {
  const at = (t: { sheet: string; range: string } | undefined) => (t ? `${t.sheet}!${t.range}` : null);
  return {
    lines: result.lines.map(lineJson),
    findings: checkJson({ tables: [], findings: result.findings }).findings,
    summary: {
      new: result.summary.new,
      amended: result.summary.amended,
      unchanged: result.summary.unchanged,
      removed: result.summary.removed,
      markerDisagreements: result.summary.markerDisagreements,
      tables: result.summary.tables.map((s, i) => ({
        ...s,
        current: at(result.tables[i]?.current),
        previous: at(result.tables[i]?.previous),
      })),
    },
  };
}
