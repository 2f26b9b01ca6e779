import { plainWords } from '../vocabulary';

/**
 * How alike two line descriptions are, from 0 (nothing in common) to 1 (the same words).
 * Descriptions are compared after lowercasing, turning "&" into "and", dropping punctuation and
 * short joining words, so "Review of the Customer Service Centre" and "Review of Customer Service
 * Centre" are the same description.
 */

/** A line's description as words: folded as names are, without joining words. */
export function descriptionWords(description: string): string[] {
  return plainWords(description);
}

const SUFFIXES = ['ments', 'ment', 'ings', 'ing', 'ies', 'ied', 'ed', 'es', 's', 'e', 'y'];

/** A word without its common English ending, so "services"/"service" and "developing"/"development" agree. */
export function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Dice coefficient of two multisets: twice the shared count over the total count. */
function dice(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let shared = 0;
  for (const y of b) {
    const n = counts.get(y) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(y, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

function bigrams(words: string[]): string[] {
  const s = words.join(' ');
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/**
 * The mean of two Dice scores: on the sets of words (whole-word agreement) and on the character
 * pairs of the words (which forgives "Service"/"Services", "Development"/"Developing"). 1 for the
 * same text (spacing and case aside), even one of stop words alone; otherwise 0 when either
 * description has no words left once stop words are dropped.
 */
export function descriptionSimilarity(a: string, b: string): number {
  const same = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  if (same(a) !== '' && same(a) === same(b)) return 1;
  const wa = descriptionWords(a);
  const wb = descriptionWords(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  return (dice([...new Set(wa.map(stem))], [...new Set(wb.map(stem))]) + dice(bigrams(wa), bigrams(wb))) / 2;
}
