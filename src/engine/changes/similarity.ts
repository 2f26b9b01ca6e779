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

/**
 * What the similarity looks at in one description, worked out once: a comparison of thousands of
 * lines compares each description with many others, and folding it again every time was most of
 * the cost.
 */
export interface DescriptionProfile {
  /** The text with its spacing and case aside: two descriptions with the same one are the same. */
  text: string;
  /** The distinct stems of its words (joining words dropped); empty when it has no other words. */
  stems: string[];
  /** How often each character pair of its words (joined by spaces) occurs. */
  pairs: Map<string, number>;
  /** The number of character pairs, repeats counted. */
  pairCount: number;
}

export function descriptionProfile(description: string): DescriptionProfile {
  const words = descriptionWords(description);
  const joined = words.join(' ');
  const pairs = new Map<string, number>();
  for (let i = 0; i + 1 < joined.length; i++) {
    const pair = joined.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  return {
    text: description.replace(/\s+/g, ' ').trim().toLowerCase(),
    stems: [...new Set(words.map(stem))],
    pairs,
    pairCount: Math.max(0, joined.length - 1),
  };
}

/** Dice coefficient of two multisets: twice the shared count over the total count. */
function dice(shared: number, total: number): number {
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Dice on the two sets of word stems: the whole-word half of the similarity. */
export function wordScore(a: DescriptionProfile, b: DescriptionProfile): number {
  let shared = 0;
  for (const s of a.stems) if (b.stems.includes(s)) shared++;
  return dice(shared, a.stems.length + b.stems.length);
}

function sharedPairs(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [pair, n] of a) shared += Math.min(n, b.get(pair) ?? 0);
  return shared;
}

/** descriptionSimilarity of two descriptions already profiled. */
export function profileSimilarity(a: DescriptionProfile, b: DescriptionProfile): number {
  if (a.text !== '' && a.text === b.text) return 1;
  if (a.stems.length === 0 || b.stems.length === 0) return 0;
  return (wordScore(a, b) + dice(sharedPairs(a.pairs, b.pairs), a.pairCount + b.pairCount)) / 2;
}

/**
 * The mean of two Dice scores: on the sets of words (whole-word agreement) and on the character
 * pairs of the words (which forgives "Service"/"Services", "Development"/"Developing"). 1 for the
 * same text (spacing and case aside), even one of stop words alone; otherwise 0 when either
 * description has no words left once stop words are dropped.
 */
export function descriptionSimilarity(a: string, b: string): number {
  return profileSimilarity(descriptionProfile(a), descriptionProfile(b));
}
