import { parseA1 } from '../../engine/a1';
import { RULES, type Finding, type Severity } from '../../engine/findings';
import {
  isOpen,
  markStatusWords,
  outOfDateWords,
  type MarkedFinding,
  type MarkStatus,
} from '../../engine/session/signoffs';
import { TABLE_KIND_NAMES, type Table } from '../../engine/tables';

export function severityLabel(f: Finding): string {
  if (f.severity === 'error') return 'Error';
  if (f.severity === 'warning') return 'Warning';
  return f.rule === 'rounding-difference' ? 'Rounding' : 'Note';
}

function contains(table: Table, row: number, col: number): boolean {
  return row >= table.top && row <= table.bottom && col >= table.left && col <= table.right;
}

/** The table on `sheet` whose range holds `cell`; the smallest one if ranges overlap. */
export function tableContaining(tables: readonly Table[], sheet: string, cell: string): Table | undefined {
  let at: { row: number; col: number };
  try {
    at = parseA1(cell);
  } catch {
    return undefined;
  }
  let best: Table | undefined;
  for (const t of tables) {
    if (t.sheet !== sheet || !contains(t, at.row, at.col)) continue;
    const area = (t.bottom - t.top + 1) * (t.right - t.left + 1);
    if (!best || area < (best.bottom - best.top + 1) * (best.right - best.left + 1)) best = t;
  }
  return best;
}

export function tableTitle(table: Table): string {
  return `${TABLE_KIND_NAMES[table.kind]}, ${table.range}`;
}

/** The strip's counts: errors, warnings, rounding differences and other notes. */
export interface FindingCounts {
  error: number;
  warning: number;
  rounding: number;
  notes: number;
}

/** A finding's sign-off, in words. */
export interface MarkWords {
  status: MarkStatus;
  /** "Explained 1 Dec 2026", "To fix 1 Dec 2026", "Out of date (explained 1 Dec 2026)". */
  words: string;
  note: string;
  current: boolean;
  /** Why it is out of date, in a sentence (what the finding said when it was marked), or null. */
  outOfDate: string | null;
}

/** One finding on a card, in words. */
export interface CardItem {
  severity: Severity;
  /** The rule, which with the card's cell names the finding for a mark. */
  rule: string;
  /** Error, Warning, Rounding, Note. */
  label: string;
  title: string;
  message: string;
  mark: MarkWords | null;
}

/**
 * Every finding on one cell, as one card: its severity is the most serious of them, and it is listed with those.
 * `order` is the workbook order (sheet, then the engine's order within it).
 */
export interface FindingCard {
  key: string;
  sheet: string;
  cell: string;
  severity: Severity;
  /** True when every finding on it is a rounding difference or a note: folded into one line at first. */
  minor: boolean;
  /** "Revenue budget (Appendix A), A4:G40", or "Elsewhere on this sheet". */
  where: string;
  items: CardItem[];
  /** Every finding on it is signed off as explained (its figures unchanged since): folded away, but counted. */
  explained: boolean;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function findingCounts(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, rounding: 0, notes: 0 };
  for (const f of findings) {
    if (f.severity === 'info') counts[f.rule === 'rounding-difference' ? 'rounding' : 'notes']++;
    else counts[f.severity]++;
  }
  return counts;
}

/**
 * The findings as cards, errors first, then warnings, then rounding differences and notes; within each, in the
 * workbook's order. Findings on the same cell share a card.
 */
export function findingCards(result: { tables: readonly Table[]; findings: readonly MarkedFinding[] }): FindingCard[] {
  const cards = new Map<string, FindingCard & { order: number }>();
  result.findings.forEach((f, i) => {
    const key = `${f.sheet}!${f.cell}`;
    let card = cards.get(key);
    if (!card) {
      const table = tableContaining(result.tables, f.sheet, f.cell);
      card = {
        key,
        sheet: f.sheet,
        cell: f.cell,
        severity: f.severity,
        minor: true,
        where: table ? tableTitle(table) : 'Elsewhere on this sheet',
        items: [],
        explained: true,
        order: i,
      };
      cards.set(key, card);
    }
    if (RANK[f.severity] < RANK[card.severity]) card.severity = f.severity;
    if (f.severity !== 'info') card.minor = false;
    if (isOpen(f)) card.explained = false;
    card.items.push({
      severity: f.severity,
      rule: f.rule,
      label: severityLabel(f),
      title: RULES[f.rule]?.title ?? f.rule,
      message: f.message,
      mark: f.mark
        ? {
            status: f.mark.status,
            words: markStatusWords(f.mark),
            note: f.mark.note,
            current: f.mark.current,
            outOfDate: f.mark.current ? null : outOfDateWords(f.mark),
          }
        : null,
    });
  });
  return [...cards.values()]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.order - b.order)
    .map(({ order: _order, ...card }) => {
      card.items.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
      return card;
    });
}
