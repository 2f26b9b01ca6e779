import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_THRESHOLD, descriptionSimilarity } from '../../src/engine/changes';
import { alikeDescriptions, type AlikePair } from '../../src/engine/changes/alike';

/** Words that make near-misses: stems that agree ("Services"/"Service"), joining words, "&", bare punctuation, one-letter words. */
const WORDS = [
  'Review',
  'of',
  'the',
  'Customer',
  'Services',
  'Service',
  'Centre',
  'ICT',
  'Operational',
  'Property',
  '&',
  'and',
  'Development',
  'Developing',
  '-',
  'Data',
  'a',
  'x',
  'The',
  'WAN',
  'Renewal',
  'renewals',
  '2015/16',
  '.',
];

const description = fc
  .tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), fc.constantFrom(' ', '  ', ' \t'))
  .map(([words, space]) => words.join(space));

/** What the search must give: every pair measured, those at or above the threshold kept. */
function everyPair(previous: string[], current: string[], threshold: number): AlikePair[] {
  const pairs: AlikePair[] = [];
  current.forEach((c, j) =>
    previous.forEach((p, i) => {
      const similarity = descriptionSimilarity(p, c);
      if (similarity >= threshold) pairs.push({ previous: i, current: j, similarity });
    }),
  );
  return pairs;
}

const inOrder = (pairs: AlikePair[]) => [...pairs].sort((a, b) => a.current - b.current || a.previous - b.previous);

describe('finding alike descriptions without measuring every pair', () => {
  it('finds exactly the pairs, with the same similarity, that measuring every pair finds', () => {
    fc.assert(
      fc.property(
        fc.array(description, { maxLength: 25 }),
        fc.array(description, { maxLength: 25 }),
        fc.constantFrom(DESCRIPTION_THRESHOLD, 0.5, 0.3, 0.6, 0.7, 0.9, 1, 1.1),
        (previous, current, threshold) => {
          expect(inOrder(alikeDescriptions(previous, current, threshold))).toEqual(
            everyPair(previous, current, threshold),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps a pair exactly at the threshold: its bounds allow for rounding', () => {
    const previous = ['Data Centre Review', 'Review of Operational ICT', 'Customer Services Centre', 'The'];
    const current = ['Data Centre', 'Review of Operational Property', 'Customer Service', 'the'];
    for (let i = 0; i < previous.length; i++) {
      const threshold = descriptionSimilarity(previous[i], current[i]);
      const found = inOrder(alikeDescriptions(previous, current, threshold));
      expect(found).toEqual(everyPair(previous, current, threshold));
      expect(found.map((p) => [p.previous, p.current])).toContainEqual([i, i]);
    }
  });
});
