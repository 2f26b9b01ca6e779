/**
 * More budget tables from councils' and authorities' own published pages (test/fixtures/published/reports2.ts:
 * transcribed as published, sources in the README beside it), none of them in the councils corpus. Each is written
 * to a real .xlsx, read back and checked: every table found, an error only where the page's figures are wrong (one:
 * a fire authority's gross expenditure over lines that leave one out), only the warnings the page calls for (one: a
 * figure printed with its bracket lost), and nothing but rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedReports2 } from '../fixtures/published/reports2';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedReports2().find((t) => t.name === name)!;

/** "Sheet!row label ← rows" for every total, and "Sheet!row label (memo)" for every memo line. */
function reading(result: CheckResult): string[] {
  return result.tables.flatMap((t) =>
    t.rows.flatMap((r) => {
      if (r.type === 'memo') return [`${t.sheet}!${r.row + 1} ${r.label} (memo)`];
      if (r.type !== 'total') return [];
      return [`${t.sheet}!${r.row + 1} ${r.label} ← ${r.parts!.map((p) => t.rows[p].row + 1).join(',')}`];
    }),
  );
}

describe('more budget tables from councils’ and authorities’ pages', () => {
  it.each(publishedReports2().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the mistake on the fire authority’s page: a gross expenditure of 35.887 over lines that make 32.910', async () => {
    const result = await check(byName('cumbria-fire-westmorland-2025'));
    const error = result.findings.find((f) => f.severity === 'error')!;
    expect(error.message).toContain('is 35.887 but its lines add up to 32.910');
    expect(reading(result)).toEqual([
      'Fire authority budget!10 Gross expenditure ← 5,6,7,8,9',
      'Fire authority budget!14 Total net expenditure ← 10,11,12,13',
      'Fire authority budget!29 Gross Expenditure ← 19,20,21,22,23,24,25,26,27,28',
      'Fire authority budget!32 Total Net Expenditure ← 29,30,31',
    ]);
  });

  it('checks each year of a capital programme’s funding and its Total column', async () => {
    const result = await check(byName('bexley-capital-funding'));
    expect(reading(result)).toEqual(['Capital programme!11 Total Funding ← 5,6,7,8,9,10']);
    expect(result.tables[0].rowRules?.map((r) => [r.total, r.parts.map((p) => p.column)])).toEqual([[4, [0, 1, 2, 3]]]);
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedReports2());
    expect(tried).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
});
