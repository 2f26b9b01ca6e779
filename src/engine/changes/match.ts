import { groupBy, itemAt, only } from '../collections';
import { fullLineName, KIND_WORDS, matchingRef, type MtfsLine, type TablePair } from './lines';
import { alikeDescriptions } from './alike';

/**
 * Two descriptions at least this alike are the same line. Chosen on the published tables: the most
 * alike two different lines of the fixture are "Review of Operational ICT" and "Review of
 * Operational Property" (0.72), while slight rewordings ("Review of the Customer Service Centre" →
 * "Review of Customer Services Centre" 0.98, "Review of Operational ICT" → "… ICT services" 0.84)
 * score above 0.8.
 */
export const DESCRIPTION_THRESHOLD = 0.8;

/** How a pair was made: the same reference, alike descriptions, or the user said so. */
export type MatchedBy = 'ref' | 'description' | 'user';

export interface LinePair {
  previous: MtfsLine;
  current: MtfsLine;
  by: MatchedBy;
  /** 1 for a reference or a user's pairing; the description similarity otherwise. */
  confidence: number;
}

/** A user's correction, naming lines by id ("Savings!A8"): these two are the same line, or (same: false) they are not. */
export interface PairingOverride {
  previous: string;
  current: string;
  same?: boolean;
  /** The two lines' names when the user made the correction: if a cell holds another line by now (rows inserted or deleted), the correction is refused rather than applied to the wrong line. */
  seen?: { previous: string; current: string };
}

/** A correction that cannot be applied, in the user's words. */
export class PairingError extends Error {}

type Allowed = (previous: MtfsLine, current: MtfsLine) => boolean;

/** Best first by confidence, ties in workbook order; each line used once. */
function greedy(candidates: LinePair[], taken: Set<MtfsLine>): LinePair[] {
  const sorted = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || a.previous.index - b.previous.index || a.current.index - b.current.index,
  );
  const chosen: LinePair[] = [];
  for (const c of sorted) {
    if (taken.has(c.previous) || taken.has(c.current)) continue;
    taken.add(c.previous).add(c.current);
    chosen.push(c);
  }
  return chosen;
}

function byDescription(previous: MtfsLine[], current: MtfsLine[], allowed: Allowed, taken: Set<MtfsLine>): LinePair[] {
  const p = previous.filter((l) => !taken.has(l));
  const c = current.filter((l) => !taken.has(l));
  const alike = alikeDescriptions(
    p.map((l) => l.description),
    c.map((l) => l.description),
    DESCRIPTION_THRESHOLD,
  );
  const candidates: LinePair[] = alike
    .map((a) => ({
      previous: itemAt(p, a.previous),
      current: itemAt(c, a.current),
      by: 'description' as const,
      confidence: a.similarity,
    }))
    .filter((pair) => allowed(pair.previous, pair.current));
  return greedy(candidates, taken);
}

/** The same reference on one line each side is the same line; a reference on several lines is settled by description among them. */
function byReference(previous: MtfsLine[], current: MtfsLine[], allowed: Allowed, taken: Set<MtfsLine>): LinePair[] {
  const previousByRef = groupBy(previous, matchingRef);
  const currentByRef = groupBy(current, matchingRef);
  const refs = [...currentByRef.keys()].filter((r): r is string => r !== undefined);
  return refs.flatMap((ref) => {
    const p = previousByRef.get(ref)?.filter((l) => !taken.has(l)) ?? [];
    const c = currentByRef.get(ref)!.filter((l) => !taken.has(l));
    const [onlyPrevious, onlyCurrent] = [only(p), only(c)];
    if (onlyPrevious && onlyCurrent && allowed(onlyPrevious, onlyCurrent)) {
      taken.add(onlyPrevious).add(onlyCurrent);
      return [{ previous: onlyPrevious, current: onlyCurrent, by: 'ref' as const, confidence: 1 }];
    }
    return byDescription(p, c, allowed, taken);
  });
}

function find(lines: MtfsLine[], o: PairingOverride, side: 'previous' | 'current'): MtfsLine {
  const id = o[side];
  const line = lines.find((l) => l.id === id);
  if (!line) throw new PairingError(`there is no growth, savings or capital line at ${id} in the ${side} MTFS`);
  const seen = o.seen?.[side];
  if (seen && fullLineName(line) !== seen) {
    throw new PairingError(
      `${id} in the ${side} MTFS now holds ${fullLineName(line)}, not ${seen} as when the lines were paired; the sheet has changed since`,
    );
  }
  return line;
}

/** The user's "same line" corrections as pairs; each line in one of them at most. */
function userPairs(
  previous: MtfsLine[],
  current: MtfsLine[],
  overrides: PairingOverride[],
  taken: Set<MtfsLine>,
): LinePair[] {
  return overrides
    .filter((o) => o.same !== false)
    .map((o) => {
      const p = find(previous, o, 'previous');
      const c = find(current, o, 'current');
      if (p.kind !== c.kind)
        throw new PairingError(
          `${p.id} is a ${KIND_WORDS[p.kind]} line and ${c.id} a ${KIND_WORDS[c.kind]} line: only lines of the same kind can be the same line`,
        );
      for (const [line, side] of [
        [p, 'previous'],
        [c, 'current'],
      ] as const) {
        if (taken.has(line))
          throw new PairingError(`${line.id} in the ${side} MTFS is paired by hand with more than one line`);
        taken.add(line);
      }
      return { previous: p, current: c, by: 'user' as const, confidence: 1 };
    });
}

function notSame(previous: MtfsLine[], current: MtfsLine[], overrides: PairingOverride[]): Allowed {
  const banned = new Set(
    overrides
      .filter((o) => o.same === false)
      .map((o) => `${find(previous, o, 'previous').id}\n${find(current, o, 'current').id}`),
  );
  return (p, c) => !banned.has(`${p.id}\n${c.id}`);
}

/**
 * Pairs each current line with at most one previous line, deterministically: the user's corrections,
 * then within each pair of tables the same reference, then alike descriptions (best first).
 */
export function matchLines(
  previous: MtfsLine[],
  current: MtfsLine[],
  tables: TablePair[],
  overrides: PairingOverride[] = [],
): LinePair[] {
  const taken = new Set<MtfsLine>();
  const allowed = notSame(previous, current, overrides);
  const pairs = userPairs(previous, current, overrides, taken);
  const previousByTable = groupBy(previous, (l) => l.table);
  const currentByTable = groupBy(current, (l) => l.table);
  for (const t of tables) {
    const p = (t.previous && previousByTable.get(t.previous)) || [];
    const c = (t.current && currentByTable.get(t.current)) || [];
    pairs.push(...byReference(p, c, allowed, taken));
    pairs.push(...byDescription(p, c, allowed, taken));
  }
  return pairs.sort((a, b) => a.current.index - b.current.index);
}
