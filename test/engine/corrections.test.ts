import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/engine/check';
import { explainTable } from '../../src/engine/reader/reading';
import { parseCorrections, withCorrection, type ReadingCorrection } from '../../src/engine/reader/corrections';
import { b, bu, sheet } from '../support/workbooks';

const YEARS = ['2025/26 £000', '2026/27 £000', '2027/28 £000'].map(b);
const GROWTH_HEADING = 'Ref | Description | 2025/26 £000 | 2026/27 £000 | 2027/28 £000';

/** A growth table whose "of which" line is read as a line, so its total looks wrong by 30. */
function growth(extraRowsAbove = 0, label = 'Staffing element') {
  return sheet('Growth', [
    [b('GROWTH PROPOSALS')],
    ...Array.from({ length: extraRowsAbove }, () => []),
    [],
    [b('Ref'), b('Description'), ...YEARS],
    [undefined, bu('Adults')],
    ['G1', 'Care packages', 100, 200, 300],
    ['G2', 'Home care', 50, 50, 50],
    [undefined, label, 30, 30, 30],
    [undefined, b('Total growth'), b(150), b(250), b(350)],
  ]);
}

const onGrowth = { sheet: 'Growth', table: 'A3', heading: GROWTH_HEADING };
const memo: ReadingCorrection = { ...onGrowth, row: 7, label: 'Staffing element', role: 'memo' };
const rules = (r: ReturnType<typeof checkWorkbook>) => r.findings.map((f) => `${f.severity} ${f.rule} ${f.cell}`);

describe('correcting how a table was read', () => {
  it('asks what an unexplained total adds up, and names the table by its heading', () => {
    const result = checkWorkbook([growth()]);
    expect(rules(result)).toEqual(['error total-mismatch C8', 'error total-mismatch D8', 'error total-mismatch E8']);
    const reading = result.tables[0].reading!;
    expect(reading.anchor).toEqual({ table: 'A3', heading: GROWTH_HEADING });
    expect(reading.questions).toEqual([
      'What does row 8 "Total growth" add up? No way of adding up the rows near it gives its figures.',
    ]);
    expect(result.corrections).toEqual([]);
  });

  it('leaves a memo line out of every total, and says so in the reading', () => {
    const result = checkWorkbook([growth()], { corrections: [memo] });
    expect(result.findings).toEqual([]);
    const reading = result.tables[0].reading!;
    expect(reading.totals).toEqual([
      { row: 8, label: 'Total growth', how: 'layout', adds: ['5:6'], confidence: 'high' },
    ]);
    expect(reading.rows).toContainEqual({ row: 7, role: 'memo', label: 'Staffing element' });
    expect(reading.questions).toEqual([]);
    expect(reading.corrections).toEqual(['row 7 (Staffing element) is a memo line, in no total']);
    expect(result.corrections).toEqual([{ correction: memo, applied: true, sheet: 'Growth', cell: 'B7' }]);
    expect(explainTable(result.tables[0])).toContain(
      '  your correction: row 7 (Staffing element) is a memo line, in no total',
    );
  });

  it('reads an "of which" line as a memo line without being told, and a correction can make it a line again', () => {
    const result = checkWorkbook([growth(0, 'of which: agency staff')]);
    expect(result.findings).toEqual([]);
    expect(result.tables[0].reading!.rows).toContainEqual({ row: 7, role: 'memo', label: 'of which: agency staff' });
    expect(explainTable(result.tables[0])).toContain('  row 7 "of which: agency staff" is a memo line, in no total');
    const asLine = checkWorkbook([growth(0, 'of which: agency staff')], {
      corrections: [{ ...onGrowth, row: 7, label: 'of which: agency staff', role: 'line' }],
    });
    expect(rules(asLine)).toEqual(['error total-mismatch C8', 'error total-mismatch D8', 'error total-mismatch E8']);
  });

  it('checks a total against the rows the user says it adds up, and finds a real error there', () => {
    const right = checkWorkbook([growth()], {
      corrections: [{ ...onGrowth, row: 8, label: 'Total growth', adds: ['5:6'] }],
    });
    expect(right.findings).toEqual([]);
    expect(right.tables[0].reading!.totals[0]).toMatchObject({ how: 'as-corrected', adds: ['5:6'] });

    const wrong = checkWorkbook([growth()], {
      corrections: [{ ...onGrowth, row: 8, label: 'Total growth', adds: ['5'] }],
    });
    expect(wrong.findings.map((f) => f.message)[0]).toBe(
      'Total growth for 2025/26 is 150 but its lines add up to 100 (a difference of 50)',
    );
  });

  it('takes away lines the user marks with a minus', () => {
    const budget = sheet('Budget', [
      [b('NET BUDGET')],
      [],
      [b('Service'), b('2025/26 £000'), b('2026/27 £000')],
      ['Adults', 500, 520],
      ['Children', 300, 310],
      ['Reductions', 40, 45],
      [b('Net budget'), b(760), b(785)],
    ]);
    expect(rules(checkWorkbook([budget]))).toEqual(['error total-mismatch B7', 'error total-mismatch C7']);
    const corrected = checkWorkbook([budget], {
      corrections: [
        {
          sheet: 'Budget',
          table: 'A3',
          heading: 'Service | 2025/26 £000 | 2026/27 £000',
          row: 7,
          label: 'Net budget',
          adds: ['4:5', '-6'],
        },
      ],
    });
    expect(corrected.findings).toEqual([]);
  });

  it('reads savings printed as positive figures as taken away, without a warning on each line', () => {
    const savings = sheet('Savings', [
      [b('SAVINGS PROPOSALS')],
      [],
      [b('Ref'), b('Type'), b('Description'), b('2025/26 £000'), b('2026/27 £000')],
      ['S1', 'Eff', 'Review libraries', 100, 120],
      ['S2', 'Income', 'Parking charges', 40, 45],
      [undefined, undefined, b('Total savings'), b(140), b(165)],
    ]);
    // Two lines are too few to show the paper's convention: each is warned of until the user says so.
    expect(rules(checkWorkbook([savings]))).toEqual(['warning positive-saving D4', 'warning positive-saving D5']);
    const asPrinted = checkWorkbook([savings], {
      corrections: [
        {
          sheet: 'Savings',
          table: 'A3',
          heading: 'Ref | Type | Description | 2025/26 £000 | 2026/27 £000',
          signs: 'as-printed',
        },
      ],
    });
    expect(rules(asPrinted)).toEqual(['warning positive-saving D4', 'warning positive-saving D5']);
    const corrected = checkWorkbook([savings], {
      corrections: [
        {
          sheet: 'Savings',
          table: 'A3',
          heading: 'Ref | Type | Description | 2025/26 £000 | 2026/27 £000',
          signs: 'shown-positive',
        },
      ],
    });
    expect(corrected.findings).toEqual([]);
    const line = corrected.tables[0].rows.find((r) => r.ref === 'S1')!;
    // the cells are read as printed; each is marked as printed without its minus sign
    expect(line.figures.map((f) => f?.value?.toString())).toEqual(['100', '120']);
    expect(line.signs).toEqual([-1, -1]);
  });

  it('changes a column’s role or unit, names the department, and drops a table that is not one', () => {
    const asClass = checkWorkbook([growth()], { corrections: [{ ...onGrowth, column: 'A', role: 'ignored' }] });
    expect(asClass.tables[0].reading!.columns[0]).toMatchObject({ column: 'A', role: 'ignored' });
    expect(asClass.tables[0].rows.find((r) => r.label === 'Care packages')!.ref).toBeUndefined();

    const inMillions = checkWorkbook([growth()], { corrections: [memo, { ...onGrowth, column: 'C', unit: '£m' }] });
    expect(inMillions.tables[0].reading!.columns[2]).toMatchObject({ column: 'C', unit: '£m' });
    expect(inMillions.tables[0].reading!.corrections).toContain("column C's figures are in £m");

    const named = checkWorkbook([growth()], { corrections: [memo, { ...onGrowth, department: 'Adult Social Care' }] });
    expect(named.department).toBe('Adult Social Care');

    const dropped = checkWorkbook([growth()], { corrections: [{ ...onGrowth, notATable: true }] });
    expect(dropped.tables).toEqual([]);
    expect(dropped.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('refuses, in words, a correction whose rows have moved, whose heading has changed or whose sheet has gone', () => {
    const moved = checkWorkbook([growth(1)], { corrections: [memo] });
    expect(moved.corrections[0]).toMatchObject({ applied: false, cell: 'A4' });
    expect(moved.findings[0].message).toBe(
      `your correction "row 7 (Staffing element) is a memo line, in no total" (table at Growth!A3) was not applied: the table headed "${GROWTH_HEADING}" now starts at A4, not A3: rows or columns have been inserted or deleted since the correction was made. Check the reading and make it again`,
    );
    // the total is still checked as read, so a real problem is not hidden by a stale correction
    expect(rules(moved)).toContain('error total-mismatch C9');

    const relabelled = checkWorkbook([growth(0, 'Staffing within the above')], { corrections: [memo] });
    expect(relabelled.corrections[0].problem).toBe(
      'row 7 now reads "Staffing within the above", not "Staffing element": rows have moved since the correction was made',
    );

    const renamed = checkWorkbook([growth()], { corrections: [{ ...memo, heading: 'Ref | Scheme | 2025/26 £000' }] });
    expect(renamed.corrections[0].problem).toBe(
      `the table at A3 is now headed "${GROWTH_HEADING}", not "Ref | Scheme | 2025/26 £000"`,
    );

    const gone = checkWorkbook([growth()], { corrections: [{ ...memo, sheet: 'Old growth' }] });
    expect(gone.findings[0]).toMatchObject({ rule: 'correction-not-applied', severity: 'warning', cell: 'A1' });
    expect(gone.corrections[0].problem).toBe('the workbook has no sheet "Old growth" any more');
  });

  it('matches the sheet and the heading whatever their case and spacing', () => {
    const result = checkWorkbook([growth()], {
      corrections: [{ ...memo, sheet: 'growth', heading: GROWTH_HEADING.toUpperCase().replace(/ \| /g, '  |  ') }],
    });
    expect(result.findings).toEqual([]);
  });
});

describe('reading corrections from a file or the workbook’s record', () => {
  it('keeps the good entries and names each bad one', () => {
    const { corrections, problems } = parseCorrections({
      corrections: [
        memo,
        { ...onGrowth, column: 'C', role: 'money' },
        { ...onGrowth, row: 8, label: 'Total', adds: ['six to twelve'] },
        { sheet: 'Growth', table: 'top left', heading: '', signs: 'as-printed' },
        { ...onGrowth, signs: 'as-printed', department: 'Adults' },
        'row 7 is a memo',
      ],
    });
    expect(corrections).toEqual([memo]);
    expect(problems).toEqual([
      'correction 2: "role" must be one of "figures", "percentages", "description", "reference", "reference-and-classification", "classification", "marker", "date", "text", "ignored"',
      'correction 3: "adds" must list rows or runs of rows, such as ["6:12", "15", "-18"] (a minus for a row taken away)',
      'correction 4: "table" must be the cell where the table\'s heading starts, such as "A4"',
      'correction 5: must say one thing to change: one of "column", "row", "signs", "department", "notATable" (it has "signs", "department")',
      'correction 6: is not an object',
    ]);
    expect(parseCorrections('nonsense').problems).toEqual(['expected { "corrections": [ … ] }, a list of corrections']);
  });

  it('lets a later correction of the same thing replace the earlier one', () => {
    const list = withCorrection(withCorrection([memo], { ...memo, role: 'line' }), {
      ...onGrowth,
      signs: 'as-printed',
    });
    expect(list).toEqual([
      { ...memo, role: 'line' },
      { ...onGrowth, signs: 'as-printed' },
    ]);
  });
});
