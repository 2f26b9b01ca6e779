/**
 * A third set of budget tables from councils' own pages (test/fixtures/published/pages3.ts, transcribed as published,
 * sources in the README beside it), none of them in the councils corpus the reader was developed on. Each is written
 * to a real .xlsx, read back and checked: every table found, an error only where the page's figures are wrong
 * (Westmorland and Furness's 2025/26 service expenditure 0.089 over its directorates), no warning, and nothing but
 * rounding differences said as notes.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/check';
import type { PublishedTable } from '../fixtures/published/pages';
import { publishedTables3 } from '../fixtures/published/pages3';
import { checkAsFile, expectFindingsCalledFor, figuresNotCaught } from '../support/layouts';

const check = (table: PublishedTable): Promise<CheckResult> => checkAsFile(table.sheets);

const byName = (name: string) => publishedTables3().find((t) => t.name === name)!;

describe('a third set of budget tables from councils’ own pages', () => {
  it.each(publishedTables3().map((t) => [t.name, t] as const))(
    '%s: the findings the page calls for',
    async (_, table) => {
      expectFindingsCalledFor(await check(table), table);
    },
  );

  it('finds the mistake on Westmorland and Furness’s 2025/26 page: service expenditure 284.659 over directorates that make 284.748', async () => {
    const result = await check(byName('westmorland-furness-budget-2025-26'));
    const error = result.findings.find((f) => f.severity === 'error')!;
    expect(error.message).toContain('is 284.659 but its lines add up to 284.748');
  });

  it('gives an error for any figure a checked total counts, changed by ten of its units', () => {
    const { tried, missed } = figuresNotCaught(publishedTables3());
    expect(tried).toBeGreaterThan(100);
    // Every change caught.
    expect(missed).toEqual([]);
  });
});
