import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { compareWorkbooks, DESCRIPTION_THRESHOLD, descriptionSimilarity } from '../../src/engine/changes';
import { descriptionWords } from '../../src/engine/changes/similarity';
import { CORPORATE_RESOURCES } from '../support/paths';
import { readGrids } from '../support/workbooks';
import { brief } from './helpers';
import { capitalBlock, capitalSheet, growthSheet, savingsSheet } from './sheets';

const YEARS = ['2015/16', '2016/17'];

describe('description similarity and its threshold', async () => {
  const fixture = checkWorkbook(await readGrids(CORPORATE_RESOURCES));
  const descriptions = fixture.tables
    .filter((t) => ['growth', 'savings', 'capital-programme'].includes(t.kind))
    .flatMap((t) => t.rows.filter((r) => r.type === 'line').map((r) => r.label));

  it('reads a description as its words: lowercase, no punctuation, "&" as "and", no joining words', () => {
    expect(descriptionWords('Review of the Customer Service Centre')).toEqual([
      'review',
      'customer',
      'service',
      'centre',
    ]);
    expect(descriptionWords('Data Integrity & Systems Resilience')).toEqual(
      descriptionWords('data integrity and systems resilience'),
    );
    expect(descriptionWords('ICT Resilience: Data Centre Reprovisioning')).toEqual([
      'ict',
      'resilience',
      'data',
      'centre',
      'reprovisioning',
    ]);
  });

  it('keeps every two different lines of the published tables below the threshold', () => {
    expect(descriptions).toHaveLength(29);
    let highest = 0;
    for (const a of descriptions)
      for (const b of descriptions) if (a !== b) highest = Math.max(highest, descriptionSimilarity(a, b));
    expect(highest).toBeCloseTo(0.716, 3);
    expect(highest).toBeLessThan(DESCRIPTION_THRESHOLD);
  });

  it('puts slight rewordings at or above it', () => {
    const rewordings: [string, string][] = [
      ['Review of the Customer Service Centre', 'Review of Customer Services Centre'],
      ['Development of Digital Services', 'Developing Digital Services'],
      ['Data Integrity & Systems Resilience', 'Data integrity and system resilience'],
      ['Review of Operational ICT', 'Review of Operational ICT services'],
      ['Contingency', 'Contingencies'],
      ['Improved performance and growth of trading services', 'Improved performance and growth of traded services'],
      ['Corporate ICT Capital Programme', 'Corporate ICT capital programme 2015-19'],
    ];
    for (const [a, b] of rewordings)
      expect(descriptionSimilarity(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(DESCRIPTION_THRESHOLD);
  });

  it('is 1 for the same text, symmetric, and 0 with nothing in common', () => {
    expect(descriptionSimilarity('WAN Renewal', 'wan  renewal')).toBe(1);
    expect(descriptionSimilarity('The', 'the')).toBe(1);
    expect(descriptionSimilarity('Contingency', 'Fleet')).toBe(0);
    expect(descriptionSimilarity('', '')).toBe(0);
    expect(descriptionSimilarity('Review of Operational ICT', 'Review of Operational Property')).toBe(
      descriptionSimilarity('Review of Operational Property', 'Review of Operational ICT'),
    );
  });
});

describe('pairing lines', () => {
  const compare = (previous: Parameters<typeof checkWorkbook>[0], current: Parameters<typeof checkWorkbook>[0]) =>
    compareWorkbooks(checkWorkbook(previous), checkWorkbook(current)).lines.map(brief);

  it('pairs one line each side with the same reference, whatever its description now says', () => {
    expect(
      compare(
        [growthSheet(YEARS, [['G1', 'Care packages', 10, 20]])],
        [growthSheet(YEARS, [['G1', 'Home care for older people', 10, 25]])],
      ),
    ).toEqual(['G1 Home care for older people: amended [-→**] by ref (1.00) 2016/17 20→25 (5)']);
  });

  it('does not take TBC for a reference', () => {
    const previous = [
      savingsSheet(YEARS, [
        ['TBC', 'Eff', 'Senior management review', -10, -20],
        ['D5', 'Eff', 'Business support review', -5, -5],
      ]),
    ];
    const current = [
      savingsSheet(YEARS, [
        ['TBC', 'Eff', 'Sale of surplus depots', -10, -20],
        ['** TBC', 'Eff', 'Business support review', -5, -10],
      ]),
    ];
    expect(compare(previous, current)).toEqual([
      'TBC Sale of surplus depots: new [-→-]',
      'TBC Business support review: amended [**→**] by description (1.00) 2016/17 -5→-10 (-5)',
      'TBC Senior management review: removed',
    ]);
  });

  it('settles a reference on several lines by description among those lines, ties in workbook order', () => {
    const previous = [
      savingsSheet(YEARS, [
        ['T1', 'Eff', 'Review', -1, -1],
        ['T1', 'Eff', 'Review', -2, -2],
        ['T1', 'Eff', 'Libraries review', -3, -3],
      ]),
    ];
    const current = [
      savingsSheet(YEARS, [
        ['* T1', 'Eff', 'Library review', -3, -3],
        ['* T1', 'Eff', 'Review', -1, -1],
        ['** T1', 'Eff', 'Review', -2, -4],
      ]),
    ];
    expect(compare(previous, current)).toEqual([
      'T1 Library review: unchanged [*→*] by description (0.89)',
      'T1 Review: unchanged [*→*] by description (1.00)',
      'T1 Review: amended [**→**] by description (1.00) 2016/17 -2→-4 (-2)',
    ]);
  });

  it('leaves two lines apart when their descriptions are below the threshold', () => {
    const previous = [growthSheet(YEARS, [['G7', 'Review of Operational ICT', 10, 10]])];
    const current = [growthSheet(YEARS, [['G8', 'Review of Operational Property', 10, 10]])];
    expect(compare(previous, current)).toEqual([
      'G8 Review of Operational Property: new [-→-]',
      'G7 Review of Operational ICT: removed',
    ]);
  });

  it('cannot pair a line with neither a reference of its own nor a description, until the user pairs it', () => {
    const previous = checkWorkbook([
      savingsSheet(YEARS, [
        ['T1', 'Eff', 'Review', -1, -1],
        ['T1', 'Eff', '', -2, -2],
      ]),
    ]);
    const current = checkWorkbook([
      savingsSheet(YEARS, [
        ['* T1', 'Eff', 'Review', -1, -1],
        ['* T1', 'Eff', '', -2, -2],
      ]),
    ]);
    expect(compareWorkbooks(previous, current).lines.map(brief)).toEqual([
      'T1 Review: unchanged [*→*] by description (1.00)',
      'T1: new [*→-]',
      'T1: removed',
    ]);
    // Once the user has settled one T1 line, the other is the only T1 line left on each side.
    expect(
      compareWorkbooks(previous, current, [{ previous: 'Savings!A6', current: 'Savings!A6' }]).lines.map(brief),
    ).toEqual(['T1 Review: unchanged [*→*] by ref (1.00)', 'T1: unchanged [*→*] by user (1.00)']);
  });

  it('pairs capital blocks by title, years aside, even in another order, and compares totals only over the same years', () => {
    const department = ['CAPITAL PROGRAMME 2014/15 - 2015/16', 'ADULTS DEPARTMENT'];
    const corporate = ['CORPORATE PROGRAMME'];
    const previous = [
      capitalSheet([
        capitalBlock(corporate, ['2014/15', '2015/16'], [['Energy Strategy', 900, 400, 500]]),
        capitalBlock(department, ['2014/15', '2015/16'], [['Day centre refurbishment', 300, 100, 200]]),
      ]),
    ];
    const current = [
      capitalSheet([
        capitalBlock(['CAPITAL PROGRAMME 2015/16 - 2016/17', 'ADULTS DEPARTMENT'], YEARS, [
          ['Day centre refurbishment', 300, 200, 0],
        ]),
        capitalBlock(corporate, YEARS, [['Energy Strategy', 900, 500, 0]]),
      ]),
    ];
    const result = compareWorkbooks(checkWorkbook(previous), checkWorkbook(current));
    expect(result.summary.tables.map((t) => t.name)).toEqual([
      'Capital programme (Appendix C): ADULTS DEPARTMENT',
      'Capital programme (Appendix C): CORPORATE PROGRAMME',
    ]);
    expect(result.lines.map(brief)).toEqual([
      'Day centre refurbishment: unchanged by description (1.00)',
      'Energy Strategy: unchanged by description (1.00)',
    ]);
    expect(
      result.lines[0].figures.map((f) => [
        f.key,
        f.previous?.toFixed() ?? null,
        f.current?.toFixed() ?? null,
        f.status,
      ]),
    ).toEqual([
      ['gross', '300', '300', 'same'],
      ['year:2014/15', '100', null, 'only-previous'],
      ['year:2015/16', '200', '200', 'same'],
      ['year:2016/17', null, '0', 'only-current'],
      ['total', '300', '200', 'not-compared'],
    ]);
  });
});
