import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import type { Finding } from '../../src/engine/findings';
import { b, sheet } from '../support/workbooks';

const at = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.sheet}!${f.cell}`);

/** A department's sheet: its services and its total, in the unit given. */
function department(name: string, lines: [string, number, number][], unit = '£000') {
  const total = (i: 1 | 2) => lines.reduce((a, l) => a + l[i], 0);
  return sheet(name, [
    [b(`${name} directorate budget`)],
    [b('Service'), b(`2026/27 ${unit}`), b(`2027/28 ${unit}`)],
    ...lines,
    [b(`Total ${name}`), b(total(1)), b(total(2))],
  ]);
}

const ADULTS: [string, number, number][] = [
  ['Home care', 25600, 26500],
  ['Residential care', 46320, 48100],
];
const CHILDREN: [string, number, number][] = [
  ['Fostering', 12400, 13050],
  ['Social work', 9870, 10120],
];
const PLACE: [string, number, number][] = [
  ['Highways', 8450, 8600],
  ['Waste', 14200, 14650],
];

function summary(rows: [string, number, number][]) {
  const total = (i: 1 | 2) => rows.reduce((a, r) => a + r[i], 0);
  return sheet('Summary', [
    [b('Council budget summary')],
    [b('Directorate'), b('2026/27 £000'), b('2027/28 £000')],
    ...rows,
    [b('Total'), b(total(1)), b(total(2))],
  ]);
}

describe('a summary line carrying another sheet’s total', () => {
  it('finds the one figure on the summary that is not its sheet’s total', () => {
    const result = checkWorkbook([
      summary([
        ['Adults', 71720, 74600],
        ['Children', 22270, 23170],
        ['Place', 22650, 23250],
      ]),
      department('Adults', ADULTS),
      department('Children', CHILDREN),
      department('Place', PLACE),
    ]);
    expect(at(result.findings)).toEqual(['carried-total-mismatch Summary!B3']);
    expect(result.findings[0].message).toBe(
      'Adults for 2026/27 is 71,720 but Total Adults on the Adults sheet (B5) is 71,920 (a difference of 200)',
    );
  });

  it('compares a summary in £000 with sheets in pounds, rounded to the summary’s unit', () => {
    const pounds = (lines: [string, number, number][]) =>
      lines.map(([n, x, y]): [string, number, number] => [n, x * 1000 + 180, y * 1000 - 230]);
    const rows: [string, number, number][] = [
      ['Adults', 71920, 74600],
      ['Children', 22270, 23170],
      ['Place', 22650, 23250],
    ];
    const sheets = [pounds(ADULTS), pounds(CHILDREN), pounds(PLACE)];
    const check = (r: typeof rows) =>
      checkWorkbook([
        summary(r),
        department('Adults', sheets[0], '£'),
        department('Children', sheets[1], '£'),
        department('Place', sheets[2], '£'),
      ]);
    expect(at(check(rows).findings)).toEqual([]);
    const wrong = rows.map((r): [string, number, number] => (r[0] === 'Place' ? ['Place', 22655, r[2]] : r));
    expect(at(check(wrong).findings)).toEqual(['carried-total-mismatch Summary!B5']);
  });

  it('links nothing when the names do not carry the totals (most figures differ) or fit two tables', () => {
    // Gross costs on the summary, net budgets on the sheets: the names agree, the figures never do.
    const gross = checkWorkbook([
      summary([
        ['Adults', 91720, 94600],
        ['Children', 32270, 33170],
        ['Place', 32650, 33250],
      ]),
      department('Adults', ADULTS),
      department('Children', CHILDREN),
      department('Place', PLACE),
    ]);
    expect(at(gross.findings)).toEqual([]);
    // "Adults" names two sheets' totals: which one the line carries cannot be told.
    const twice = checkWorkbook([
      summary([
        ['Adults', 1, 1],
        ['Children', 22270, 23170],
        ['Place', 22650, 23250],
      ]),
      department('Adults', ADULTS),
      sheet('Adults 2', [[b('Adults')], [b('Service'), b('2026/27 £000')], ['Care', 5], [b('Total Adults'), b(5)]]),
      department('Children', CHILDREN),
      department('Place', PLACE),
    ]);
    expect(at(twice.findings)).toEqual([]);
  });
});
