/**
 * More tables from councils' and authorities' own published pages and reports (test/fixtures/published/reports3.ts:
 * transcribed as published, sources in the README beside it), none of them in the councils corpus. Each is written to
 * a real .xlsx, read back and checked: every table found, an error only where the page's figures are wrong (one: a
 * fire authority's increase in its total reserves printed (11,594) for (111,594)), no warning, and nothing but
 * rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedReports3 } from '../fixtures/published/reports3';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedReports3().find((t) => t.name === name)!;

describe('tables from more councils’ and authorities’ pages and reports', () => {
  it.each(publishedReports3().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the fire authority’s total reserves increase printed (11,594) for (111,594), and nothing else', async () => {
    const result = await check(byName('notts-fire-movement-in-reserves'));
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message)).toEqual([
      'Increase (Decrease) in 2020 / 21: Total Usable Reserves plus Unusable Reserves come to -111,594 but Total Authority Reserves shows -11,594 (a difference of 100,000)',
    ]);
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedReports3());
    expect(tried).toBeGreaterThan(50);
    expect(missed).toEqual([]);
  });
});
