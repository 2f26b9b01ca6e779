/** The words of budget tables (vocabulary.ts) that the reader asks of every cell, tested on their own. */
import { describe, expect, it } from 'vitest';
import { isClassification } from '../../src/engine/vocabulary';

describe('a savings classification', () => {
  it('is Eff, SR or Income, or several joined by slashes, in any case and with spaces around them', () => {
    for (const text of ['Eff', 'sr', 'INCOME', 'Eff/SR', ' Eff / SR / Income ', 'income/Income', '\u00a0SR\u00a0'])
      expect(isClassification(text), text).toBe(true);
  });

  it('is nothing else: an empty slash, a longer word, two tokens without a slash, a description', () => {
    for (const text of [
      '',
      '/',
      'Eff/',
      '/SR',
      'Eff//SR',
      'Efficiency',
      'Eff SR',
      'Income generation',
      'Library savings',
    ])
      expect(isClassification(text), text).toBe(false);
  });
});
