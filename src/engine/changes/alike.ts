import { itemAt } from '../collections';
import { descriptionProfile, profileSimilarity, wordScore, type DescriptionProfile } from './similarity';

/** Two descriptions, by their places in the two lists, and how alike they are. */
export interface AlikePair {
  previous: number;
  current: number;
  similarity: number;
}

/**
 * Every pair of descriptions, one from each list, at least `threshold` alike, as
 * descriptionSimilarity measures it: the same pairs, with the same figures, as comparing every
 * description with every other, without doing so. Comparing all pairs took seconds at 20,000 lines
 * (a capital programme of 400 lines has 160,000 pairs).
 *
 * Why the shortcut finds every pair: the similarity is the mean of two scores of at most 1, so a
 * pair at or above the threshold t scores at least w = 2t − 1 on its words (unless the two texts
 * are the same). A word score (Dice) of w between word sets of sizes m and n needs at least
 * w·(m + n)/2 shared words, hence at least k = w·m/(2 − w) whatever n is. Two sets sharing k of
 * their words share one of their first m − k + 1 words when both are put in one order; the order
 * puts rare words first, so common words are seldom looked up. Only pairs sharing such a word, or
 * the same text, are measured.
 */
export function alikeDescriptions(previous: string[], current: string[], threshold: number): AlikePair[] {
  const profiles = profilesOf([...previous, ...current]);
  const before = previous.map((d) => profiles.get(d)!);
  const after = current.map((d) => profiles.get(d)!);
  const leastWords = 2 * threshold - 1;
  if (leastWords <= 0) return everyPair(before, after, threshold);
  const order = rarestFirst([...before, ...after]);
  const lead = (p: DescriptionProfile) => leadingWords(p.stems, order, leastWords);
  const byWord = indexBy(before.map(lead));
  const byText = indexBy(before.map((p) => (p.text ? [p.text] : [])));
  const pairs: AlikePair[] = [];
  const seen = new Array<number>(before.length).fill(-1);
  after.forEach((c, j) => {
    const candidates = [...(byText.get(c.text) ?? []), ...lead(c).flatMap((w) => byWord.get(w) ?? [])];
    for (const i of candidates) {
      if (seen[i] === j) continue;
      seen[i] = j;
      const p = itemAt(before, i);
      // The allowance is for rounding: a pair exactly at the bound is measured rather than passed over.
      if (p.text !== c.text && wordScore(p, c) < leastWords - 1e-9) continue;
      const similarity = profileSimilarity(p, c);
      if (similarity >= threshold) pairs.push({ previous: i, current: j, similarity });
    }
  });
  return pairs;
}

/** One profile per distinct description: the same description is often on many lines. */
function profilesOf(descriptions: string[]): Map<string, DescriptionProfile> {
  const profiles = new Map<string, DescriptionProfile>();
  for (const d of descriptions) if (!profiles.has(d)) profiles.set(d, descriptionProfile(d));
  return profiles;
}

/** Each word's place when the rarest come first (ties alphabetically, so the order never depends on the lists' order). */
function rarestFirst(profiles: DescriptionProfile[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of profiles) for (const s of p.stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  const words = [...counts.keys()].sort((a, b) => counts.get(a)! - counts.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  return new Map(words.map((w, i) => [w, i]));
}

/** The words of a set, rarest first, that any set alike enough must share one of. */
function leadingWords(stems: string[], order: Map<string, number>, leastWords: number): string[] {
  // The small allowance keeps a bound that is a whole number in exact arithmetic from rounding up.
  const mustShare = Math.max(1, Math.ceil((leastWords * stems.length) / (2 - leastWords) - 1e-9));
  const sorted = [...stems].sort((a, b) => order.get(a)! - order.get(b)!);
  return sorted.slice(0, Math.max(0, stems.length - mustShare + 1));
}

/** Which entries (by place) carry each key. */
function indexBy(keys: string[][]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  keys.forEach((own, i) => {
    for (const k of own) {
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    }
  });
  return index;
}

/** A threshold of one half or less can be met with no word in common: every pair is measured. */
function everyPair(before: DescriptionProfile[], after: DescriptionProfile[], threshold: number): AlikePair[] {
  const pairs: AlikePair[] = [];
  after.forEach((c, j) =>
    before.forEach((p, i) => {
      const similarity = profileSimilarity(p, c);
      if (similarity >= threshold) pairs.push({ previous: i, current: j, similarity });
    }),
  );
  return pairs;
}
