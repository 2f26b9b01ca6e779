/**
 * Twelve councils' published tables, none in the house format (test/fixtures/councils, with
 * expected.json giving every total and relationship and its status). The issue's measures: at least
 * 95% of the tables found; no error where the paper is right, an error where it is wrong, never an
 * error for a rounding difference; at most one warning per table on average; and a figure changed
 * beyond rounding at any listed total caught at least 95% of the time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findingsAt, measureCorpus, readCorpus, type CorpusMeasures, type CorpusWorkbook } from '../support/councils';

let corpus: CorpusWorkbook[];
let measures: CorpusMeasures;

beforeAll(async () => {
  corpus = await readCorpus();
  measures = measureCorpus(corpus);
}, 240_000);

describe('the councils corpus', () => {
  it('finds at least 95% of the tables', () => {
    expect(measures.tables.found / measures.tables.expected, measures.tables.missed.join('\n')).toBeGreaterThanOrEqual(
      0.95,
    );
  });

  it('gives every listed total the verdict its status calls for', () => {
    expect(measures.checks.wrong).toEqual([]);
  });

  it('gives no error anywhere the published figures are right', () => {
    expect(measures.falseErrors).toEqual([]);
  });

  it('reports a rounding difference as rounding (a note, or a warning when larger than rounding usually gives)', () => {
    for (const { expected, result } of corpus)
      for (const sheet of expected.sheets)
        for (const c of [...(sheet.totals ?? []), ...(sheet.relationships ?? [])]) {
          if (c.status !== 'rounding') continue;
          const at = findingsAt(result, sheet.name, c.cell);
          if (at.some((f) => f.severity === 'error')) continue; // the cell is also checked another way, which errs
          const said = at.some((f) => f.rule === 'rounding-difference' || f.rule === 'large-rounding');
          // A total the check reads another way (a row rule that holds exactly) may say nothing: never an error.
          expect(said || at.length === 0, `${expected.file} ${sheet.name}!${c.cell}`).toBe(true);
        }
  });

  it('gives at most one warning per table on average', () => {
    expect(measures.warnings / measures.tables.expected).toBeLessThanOrEqual(1);
  });

  it('catches a figure changed beyond rounding at 95% or more of the listed totals', () => {
    expect(measures.changes.caught / measures.changes.tried, measures.changes.missed.join('\n')).toBeGreaterThanOrEqual(
      0.95,
    );
  });
});
