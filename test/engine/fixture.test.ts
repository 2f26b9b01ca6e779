import { beforeAll, describe, expect, it } from 'vitest';
import { checkJson, checkSummary, checkWorkbook, type CheckResult } from '../../src/engine/check';
import { CORPORATE_RESOURCES } from '../support/paths';
import { readGrids } from '../support/workbooks';

let result: CheckResult;
beforeAll(async () => {
  result = checkWorkbook(await readGrids(CORPORATE_RESOURCES));
});

describe('the published Corporate Resources paper', () => {
  it('finds every table with the right kind, wherever it sits', () => {
    expect(checkJson(result).tables.map(({ sheet, kind, range, lines }) => ({ sheet, kind, range, lines }))).toEqual([
      { sheet: 'Budget Summary', kind: 'budget-summary', range: 'A4:E11', lines: 7 },
      { sheet: 'Budget Summary', kind: 'net-budget', range: 'A15:B20', lines: 5 },
      { sheet: 'Revenue Budget', kind: 'revenue-budget', range: 'A4:G40', lines: 26 },
      { sheet: 'Growth', kind: 'growth', range: 'A4:F15', lines: 4 },
      { sheet: 'Savings', kind: 'savings', range: 'A4:G27', lines: 15 },
      { sheet: 'Capital Programme', kind: 'capital-programme', range: 'A4:H15', lines: 6 },
      { sheet: 'Capital Programme', kind: 'capital-programme', range: 'A19:H25', lines: 4 },
    ]);
    expect(result.department).toBe('CORPORATE RESOURCES');
  });

  it('gives no errors on a correct published paper', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports the £1 rounding differences as rounding differences, exactly where the totals differ', () => {
    const rounding = result.findings.filter((f) => f.rule === 'rounding-difference').map((f) => `${f.sheet}!${f.cell}`);
    expect(rounding).toEqual([
      'Budget Summary!B18',
      'Revenue Budget!A25',
      'Revenue Budget!C25',
      'Revenue Budget!G25',
      'Revenue Budget!C32',
      'Revenue Budget!G32',
      'Revenue Budget!A36',
      'Revenue Budget!A40',
      'Revenue Budget!D40',
    ]);
    expect(result.findings.every((f) => f.rule !== 'rounding-difference' || f.severity === 'info')).toBe(true);
  });

  it('explains a rounding difference in words, with the exact figures', () => {
    const g32 = result.findings.find((f) => f.cell === 'G32')!;
    expect(g32.message).toContain(
      'Employees + Running Expenses + External Income + Internal Income come to 5,564,483 but Net Total shows 5,564,482',
    );
    expect(g32.message).toContain('a rounding difference of 1, within ±2 for 4 columns');
    expect([g32.expected, g32.actual]).toEqual(['5564483', '5564482']);
    const c32 = result.findings.find((f) => f.cell === 'C32')!;
    expect(c32.message).toBe(
      'PEOPLE, PROCUREMENT & TRANSFORMATION total for Employees is 8,529,015 but its lines add up to 8,529,014: a rounding difference of 1, within ±2.5 for 5 lines',
    );
  });

  it("accepts the net budget's Gross Costs (74,500 against 74,499.395 exact) as within rounding", () => {
    const gross = result.findings.find((f) => f.sheet === 'Budget Summary' && f.cell === 'B18')!;
    expect(gross).toMatchObject({
      severity: 'info',
      rule: 'rounding-difference',
      expected: '74499.395',
      actual: '74500',
    });
  });

  it('warns about the positive savings D82 and D84, and the savings totals typed as text one column left', () => {
    const warnings = result.findings
      .filter((f) => f.severity === 'warning')
      .map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
    expect(warnings).toEqual([
      'text-number Savings!C14',
      'figures-misaligned Savings!C14',
      'positive-saving Savings!D17',
      'positive-saving Savings!D19',
      'text-number Savings!C23',
      'figures-misaligned Savings!C23',
      'text-number Savings!C26',
      'figures-misaligned Savings!C26',
      'text-number Savings!C27',
      'figures-misaligned Savings!C27',
    ]);
  });

  it('reads the growth and savings appendices as cumulative, as the budget summary confirms', () => {
    const basis = result.tables.filter((t) => t.basis).map((t) => [t.kind, t.basis!.basis, t.basis!.source]);
    expect(basis).toEqual([
      ['growth', 'cumulative', 'the budget summary'],
      ['savings', 'cumulative', 'the budget summary'],
    ]);
  });

  it('summarises the check in one line', () => {
    expect(checkSummary(result)).toBe('7 tables, 0 errors, 10 warnings, 9 rounding differences');
  });

  it('makes every rounding difference an error with tolerance 0', async () => {
    const strict = checkWorkbook(await readGrids(CORPORATE_RESOURCES), { tolerance: 'zero' });
    const errors = strict.findings.filter((f) => f.severity === 'error').map((f) => f.cell);
    expect(errors).toEqual(['B18', 'A25', 'C25', 'G25', 'C32', 'G32', 'A36', 'A40', 'D40']);
    expect(strict.findings.some((f) => f.rule === 'rounding-difference')).toBe(false);
  });
});
