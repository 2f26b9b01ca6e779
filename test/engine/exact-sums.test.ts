import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { equalInCents, judge } from '../../src/engine/compare';
import { CellFigure, readFigure } from '../../src/engine/figures';
import { addCents, Decimal, exactCents, excelNumber, formatMoney } from '../../src/engine/money';
import { b, sheet } from '../support/workbooks';

/**
 * The engine proves most totals equal in exact hundredths held in plain numbers (see money.ts):
 * never a float sum, only whole numbers below 2^53, with Decimals wherever that cannot be shown.
 * These tests pin that down: the fast answers are the Decimal answers.
 */
describe('exact sums in hundredths', () => {
  it('reads a number as hundredths only when that is exactly its Decimal value', () => {
    expect([
      exactCents(0),
      exactCents(-0),
      exactCents(12),
      exactCents(-1855),
      exactCents(1234567.89),
      exactCents(0.5),
    ]).toEqual([0, -0, 1200, -185500, 123456789, 50]);
    expect(exactCents(0.1 + 0.2)).toBeNaN(); // 0.30000000000000004: not a whole number of pence
    expect(exactCents(0.001)).toBeNaN();
    expect(exactCents(2 ** 52)).toBeNaN(); // too large for hundredths below 2^52
    expect(exactCents(Number.NaN)).toBeNaN();
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
        const c = exactCents(x);
        if (!Number.isNaN(c)) expect(new Decimal(x).times(100).equals(c)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), (pence) => {
        const x = pence / 100;
        expect(exactCents(x)).toBe(pence === 0 ? 0 : pence);
        expect(new Decimal(x).times(100).equals(pence)).toBe(true);
      }),
    );
  });

  it('adds whole numbers only while every partial sum is a safe integer, else says NaN', () => {
    expect(addCents(2 ** 52, 2 ** 52 - 1)).toBe(2 ** 53 - 1);
    expect(addCents(2 ** 52, 2 ** 52)).toBeNaN(); // 2^53 is not safe: a float sum from here on could round
    expect(addCents(Number.MAX_SAFE_INTEGER, 1)).toBeNaN();
    expect(addCents(5, Number.NaN)).toBeNaN();
    expect(addCents(-3, 3)).toBe(0);
  });

  it('calls a shown figure equal exactly when judge() on Decimals does', () => {
    const steps = [1, 10, 100, 100_000, 7];
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -300, max: 300 }),
        fc.constantFrom(...steps),
        fc.integer({ min: 1, max: 20 }),
        (expected, off, step, addends) => {
          const actual = expected + off;
          const cents = (c: number) => new Decimal(c).div(100);
          const viaDecimals =
            judge(cents(actual), cents(expected), addends, cents(step), 'rounding').verdict === 'equal';
          expect(equalInCents(actual, expected, step)).toBe(viaDecimals);
        },
      ),
    );
    expect(equalInCents(150, 149, 100)).toBe(false); // 1.49 shown to the £ is 1, not 1.50
    expect(equalInCents(200, 150, 100)).toBe(true); // 1.50 rounds half up to 2
    expect(equalInCents(-200, -150, 100)).toBe(true); // and -1.50 to -2, away from zero
    expect(equalInCents(Number.NaN, 0, 100)).toBe(false); // no exact form: the Decimals decide
  });

  it('gives a figure the Decimal of its cell, made only when asked for', () => {
    const f = new CellFigure(3, 2, 1234.5, '#,##0');
    expect(Object.keys(f)).not.toContain('value');
    expect(f.value?.equals(new Decimal('1234.5'))).toBe(true);
    expect(f.cents).toBe(123450);
    expect(f.value).toBe(f.value); // one Decimal, kept
    expect(JSON.stringify(Object.keys(f).sort())).toBe(JSON.stringify(['col', 'format', 'row', 'source']));
    const text = readFigure({ value: '(1,855.25)' });
    expect(text.kind === 'number' && new CellFigure(0, 0, text.value, undefined).cents).toBe(-185525);
    expect(new CellFigure(0, 0, null, undefined).value).toBeNull();
  });

  it('checks totals beyond 2^53 exactly, with Decimals, where a float sum would be off', () => {
    const years = ['2015/16 £000', '2016/17 £000'].map(b);
    const growth = (total: string) =>
      sheet('Growth', [
        [b('GROWTH')],
        [b('TDEI ref.'), undefined, ...years],
        ['G1', 'Care', '9,007,199,254,740,993', 1],
        ['G2', 'Transport', '1', 1],
        [undefined, b('Total'), total, 2],
      ]);
    const errors = (total: string) =>
      checkWorkbook([growth(total)], { tolerance: 'zero' })
        .findings.filter((f) => f.severity === 'error')
        .map((f) => f.cell);
    expect(Number('9007199254740993') + 1).toBe(2 ** 53); // a float sum of the lines: 9,007,199,254,740,992, off by 2
    expect(errors('9,007,199,254,740,994')).toEqual([]);
    expect(errors('9,007,199,254,740,995')).toEqual(['C5']);
  });

  it('reads a number to the 15 significant digits Excel keeps, so a SUM of pence is the figure it shows', () => {
    expect(excelNumber(345.84999999999997)).toBe(345.85);
    expect(excelNumber(0.1 + 0.2)).toBe(0.3);
    expect(excelNumber(-1020.8499999999999)).toBe(-1020.85);
    expect(excelNumber(1234)).toBe(1234);
    expect(excelNumber(812.345)).toBe(812.345);
    // Excel stores a SUM of pence with its float error; read as such, every total was a rounding difference of 0.000.
    const stored = [300.4, 45.45].reduce((a, x) => a + x, 0);
    expect(stored).not.toBe(345.85);
    const s = sheet('Housing', [
      [b('HOUSING')],
      [b('Service'), b('2026/27 £')],
      ['Homelessness', 300.4],
      ['Housing standards', 45.45],
      [b('Total'), b(stored)],
    ]);
    expect(checkWorkbook([s]).findings).toEqual([]);
  });

  it('formats whole numbers as before, thousands by arithmetic', () => {
    for (const n of [0, 7, -7, 999, 1000, -1000, 1234567, -12345678, 9_007_199_254_740_991]) {
      expect(formatMoney(new Decimal(n))).toBe(n.toLocaleString('en-GB'));
    }
    expect(formatMoney(new Decimal('-0.4'))).toBe('0');
    expect(formatMoney(new Decimal('1234.5'), 1)).toBe('1,234.5');
  });
});
