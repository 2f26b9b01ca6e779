import { a1, columnLetters } from '../a1';
import type { Table } from '../tables';
import type { ColumnReading } from './columns';
import {
  describeCorrection,
  foldText,
  parseRuns,
  UNIT_SCALE,
  type CorrectedRowRole,
  type CorrectedSigns,
  type ReadingCorrection,
} from './corrections';

/**
 * Applies a user's corrections to the reader's stages, and refuses in words any whose table or row
 * is no longer where it was: a correction is never applied to other rows.
 */

/** What became of one correction: applied, or refused with the reason, at the cell it concerns. */
export interface CorrectionOutcome {
  correction: ReadingCorrection;
  applied: boolean;
  sheet: string;
  cell: string;
  /** Why it was not applied, in words. */
  problem?: string;
}

/** How a table's heading is recognised again: its columns' headings, left to right. */
export function tableHeading(headings: { text: string }[], firstLabel: string): string {
  const text = headings
    .map((h) => h.text)
    .filter(Boolean)
    .join(' | ');
  return text || firstLabel;
}

/** What a row correction makes of a row, for the solver: its role, or the rows it adds up. */
export interface RowFix {
  role?: CorrectedRowRole;
  /** Indexes into Table.rows, with their signs. */
  parts?: number[];
  signs?: number[];
}

/** The corrections that name one table, applied stage by stage as the reader reaches each. */
export class TableCorrections {
  readonly outcomes: CorrectionOutcome[] = [];
  readonly rowFixes = new Map<number, RowFix>();

  private readonly anchor: string;

  constructor(
    private readonly list: ReadingCorrection[],
    private readonly sheet: string,
    private readonly headerRow: number,
    left: number,
  ) {
    this.anchor = a1(headerRow, left);
  }

  private done(c: ReadingCorrection, cell: string, problem?: string): void {
    this.outcomes.push({ correction: c, applied: !problem, sheet: this.sheet, cell, problem });
  }

  /** Whether the user said this is not a budget table (recorded as applied: the table is left out). */
  dropTable(): boolean {
    const c = this.list.find((x) => 'notATable' in x);
    if (c) this.done(c, this.anchor);
    return !!c;
  }

  get signs(): CorrectedSigns | undefined {
    let last: CorrectedSigns | undefined;
    for (const c of this.list) if ('signs' in c) last = c.signs;
    return last;
  }

  /** Stage 3: a column's role or unit, as the user says. Returns the column the user made the description, if any. */
  columns(columns: ColumnReading[], left: number, right: number): number | undefined {
    let description: number | undefined;
    for (const c of this.list) {
      if (!('column' in c)) continue;
      const col = letterIndex(c.column);
      const cell = a1(this.headerRow, col);
      const reading = columns.find((x) => x.col === col);
      if (col < left || col > right || !reading) {
        this.done(
          c,
          this.anchor,
          `column ${c.column.toUpperCase()} is not in the table starting at ${this.anchor} (it runs from column ${columnLetters(left)} to ${columnLetters(right)})`,
        );
        continue;
      }
      if (c.unit) {
        reading.heading = { ...reading.heading, unit: { ...reading.heading.unit, scale: UNIT_SCALE[c.unit] } };
        reading.evidence = `${reading.evidence}; in ${c.unit}, as you said`;
      } else if (c.role) {
        if (c.role === 'description')
          for (const other of columns) if (other.role === 'description') other.role = 'text';
        if (c.role === 'description') description = col;
        reading.role = c.role;
        reading.confidence = 'high';
        reading.evidence = `${reading.evidence}; ${describeCorrection(c).replace(/^column \w+ is /, '')}, as you said`;
      }
      this.done(c, cell);
    }
    return description;
  }

  /** Stage 5: each row correction checked against the row's label now, and kept for the solver. */
  rows(table: Table, sheetName: string): void {
    for (const c of this.list) {
      if (!('row' in c)) continue;
      const index = table.rows.findIndex((r) => r.row === c.row - 1);
      const row = table.rows[index];
      const cell = row ? a1(row.row, row.labelCol >= 0 ? row.labelCol : table.left) : this.anchor;
      if (!row) {
        this.done(c, this.anchor, `row ${c.row} is not a row of the table at ${sheetName}!${table.range} any more`);
        continue;
      }
      if (foldText(row.label) !== foldText(c.label)) {
        this.done(
          c,
          cell,
          `row ${c.row} now reads "${row.label || '(no label)'}", not "${c.label || '(no label)'}": rows have moved since the correction was made`,
        );
        continue;
      }
      if ('adds' in c) {
        const problem = this.addsProblem(table, c.adds, c.row, index);
        if (problem) {
          this.done(c, cell, problem);
          continue;
        }
      } else {
        this.rowFixes.set(index, { ...this.rowFixes.get(index), role: c.role, parts: undefined, signs: undefined });
        // The user's word wins over the reader's: a line it took for a memo ("of which…") can be made a line again.
        if (c.role === 'memo') row.memo = true;
        else delete row.memo;
        row.type = c.role === 'memo' ? 'line' : c.role;
      }
      this.done(c, cell);
    }
  }

  private addsProblem(table: Table, adds: string[], rowNumber: number, index: number): string | undefined {
    if (table.kind === 'budget-summary' || table.kind === 'net-budget')
      return "a budget summary's rows are checked by the budget chain (original budget, growth, savings…), not as totals";
    const runs = parseRuns(adds) ?? [];
    const parts: number[] = [];
    const signs: number[] = [];
    for (const { row, sign } of runs) {
      const p = table.rows.findIndex((r) => r.row === row - 1);
      if (p < 0 || p === index)
        return p === index
          ? `row ${rowNumber} cannot add up itself`
          : `row ${row} is not a row of the table at ${table.range} with figures`;
      parts.push(p);
      signs.push(sign);
    }
    this.rowFixes.set(index, { role: 'total', parts, signs });
    table.rows[index]!.type = 'total';
    return undefined;
  }

  get department(): string | undefined {
    let last: ReadingCorrection | undefined;
    for (const c of this.list) if ('department' in c) last = c;
    return last && 'department' in last ? last.department.trim() : undefined;
  }

  /** The corrections of the whole table (signs, department), recorded once the table is read. */
  finish(): void {
    for (const c of this.list) if ('signs' in c || 'department' in c) this.done(c, this.anchor);
  }
}

function letterIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** One sheet's corrections: each table claims its own; those no table claims are refused in words. */
export class SheetCorrections {
  private readonly claimed = new Set<ReadingCorrection>();
  private readonly seen: { anchor: string; heading: string }[] = [];

  constructor(
    private readonly sheet: string,
    private readonly list: ReadingCorrection[],
  ) {}

  forTable(headerRow: number, left: number, heading: string): TableCorrections {
    const anchor = a1(headerRow, left);
    this.seen.push({ anchor, heading });
    const mine = this.list.filter(
      (c) => c.table.toUpperCase() === anchor && foldText(c.heading) === foldText(heading) && !this.claimed.has(c),
    );
    for (const c of mine) this.claimed.add(c);
    return new TableCorrections(mine, this.sheet, headerRow, left);
  }

  /** The corrections no table on the sheet claimed, each with what the sheet holds now. */
  unclaimed(): CorrectionOutcome[] {
    return this.list
      .filter((c) => !this.claimed.has(c))
      .map((c) => {
        const anchor = c.table.toUpperCase();
        const here = this.seen.find((s) => s.anchor === anchor);
        const moved = this.seen.find((s) => foldText(s.heading) === foldText(c.heading));
        const problem = here
          ? `the table at ${anchor} is now headed "${shorten(here.heading)}", not "${shorten(c.heading)}"`
          : moved
            ? `the table headed "${shorten(c.heading)}" now starts at ${moved.anchor}, not ${anchor}: rows or columns have been inserted or deleted since the correction was made`
            : `no table starts at ${anchor} any more`;
        return {
          correction: c,
          applied: false,
          sheet: this.sheet,
          cell: here || !moved ? anchor : moved.anchor,
          problem,
        };
      });
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
