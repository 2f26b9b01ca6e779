import { beforeAll, describe, expect, it } from 'vitest';
import { a1, parseA1 } from '../../src/engine/a1';
import { checkWorkbook } from '../../src/engine/check';
import type { Finding } from '../../src/engine/findings';
import { auditFormulas } from '../../src/engine/formulas';
import { columnAt } from '../../src/engine/formulas/cells';
import { readSum } from '../../src/engine/formulas/parse';
import type { SheetGrid } from '../../src/engine/grid';
import type { Table } from '../../src/engine/tables';
import { liveFormulas, publishedSheets, withFormulas, type FormulaCell } from '../support/formula-workbook';
import { formulaLayouts } from '../fixtures/formula-layouts';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { b, gridsToBuffer, sheet } from '../support/workbooks';

const FORMULA_RULES = new Set([
  'hard-coded-total',
  'formula-range',
  'formula-inconsistent',
  'formula-reference',
  'formula-unclear',
]);
const formulaFindings = (findings: Finding[]) => findings.filter((f) => FORMULA_RULES.has(f.rule));

describe('reading a total formula', () => {
  it('reads SUM, + and - chains, SUBTOTAL(9), ROUND, brackets and a change of unit', () => {
    const sum = readSum('SUM(F7:F21)');
    expect(sum).toEqual({ kind: 'sum', terms: [{ sign: 1, top: 6, left: 5, bottom: 20, right: 5, text: 'F7:F21' }] });
    const chain = readSum("=F7+$F$8-'Growth items'!F9");
    expect(chain.kind === 'sum' && chain.terms.map((t) => [t.sign, t.sheet, t.top, t.left])).toEqual([
      [1, undefined, 6, 5],
      [1, undefined, 7, 5],
      [-1, 'Growth items', 8, 5],
    ]);
    const subtotal = readSum('SUBTOTAL(9,F:F)');
    expect(subtotal.kind === 'sum' && subtotal.terms[0]).toMatchObject({ top: 0, left: 5, bottom: Infinity, right: 5 });
    const rounded = readSum('ROUND((Appendix!C40+Appendix!D40)/1000,0)');
    expect(rounded.kind === 'sum' && rounded.terms.map((t) => t.text)).toEqual(['Appendix!C40', 'Appendix!D40']);
    const negated = readSum('-(F7+F8)');
    expect(negated.kind === 'sum' && negated.terms.map((t) => t.sign)).toEqual([-1, -1]);
  });

  it('says plainly what is beyond it', () => {
    expect(readSum('IF(A1>0,SUM(F7:F9),0)')).toEqual({ kind: 'beyond', why: 'the function IF' });
    expect(readSum('SUM(F7:F9)+12')).toEqual({ kind: 'beyond', why: 'a typed number (12) among its terms' });
    expect(readSum('F7*F8')).toEqual({ kind: 'beyond', why: 'the operator *' });
    expect(readSum('SUBTOTAL(1,F7:F9)')).toEqual({ kind: 'beyond', why: 'SUBTOTAL with a code other than 9 or 109' });
    expect(readSum('[1]Budget!F7')).toMatchObject({ kind: 'beyond' });
    expect(readSum('SUM(F7:F9')).toMatchObject({ kind: 'beyond' });
  });
});

/** A small savings table: two sections with their totals and a grand total, in 2015/16 to 2017/18. */
function savingsSheet(formulas: Record<string, string | number>): SheetGrid {
  const values: Record<string, string | number> = {
    A1: 'SAVINGS',
    A3: 'Ref',
    B3: 'Description',
    C3: '2015/16 £000',
    D3: '2016/17 £000',
    E3: '2017/18 £000',
    B4: 'Transformation',
    A5: 'D70',
    B5: 'Office moves',
    A6: 'D71',
    B6: 'Printing',
    A7: 'D72',
    B7: 'Adjustment',
    B8: 'Total',
    B9: 'Departmental',
    A10: 'D80',
    B10: 'Fees',
    A11: 'D81',
    B11: 'Staffing',
    B12: 'Total',
    B13: 'TOTAL',
  };
  const figures = {
    5: [-100, -120, -130],
    6: [-50, -60, -70],
    7: [-10, -20, -30],
    10: [-5, -6, -7],
    11: [-40, -40, -40],
  };
  const grid: SheetGrid = { name: 'Savings', rows: [], hiddenRows: new Set(), hiddenCols: new Set() };
  const put = (address: string, cell: { value: string | number | null; formula?: string; bold?: boolean }) => {
    const { row, col } = parseA1(address);
    (grid.rows[row] ??= [])[col] = { format: '#,##0;-#,##0', ...cell };
  };
  for (const [address, value] of Object.entries(values)) put(address, { value, bold: /total/i.test(String(value)) });
  for (const [row, list] of Object.entries(figures))
    list.forEach((v, k) => put(a1(Number(row) - 1, 2 + k), { value: v }));
  const sums = (r: number) => [0, 1, 2].map((k) => Object.values(figures)[r][k]);
  for (const [k, col] of ['C', 'D', 'E'].entries()) {
    const first = sums(0)[k] + sums(1)[k] + sums(2)[k];
    const second = sums(3)[k] + sums(4)[k];
    const defaults: Record<string, string> = {
      [`${col}8`]: `SUM(${col}5:${col}7)`,
      [`${col}12`]: `SUM(${col}10:${col}11)`,
      [`${col}13`]: `${col}8+${col}12`,
    };
    const value = { [`${col}8`]: first, [`${col}12`]: second, [`${col}13`]: first + second };
    for (const [address, formula] of Object.entries(defaults)) {
      const given = formulas[address] ?? formula;
      put(address, typeof given === 'number' ? { value: given } : { value: value[address], formula: given });
    }
  }
  return grid;
}

function audit(formulas: Record<string, string | number> = {}): Finding[] {
  return formulaFindings(checkWorkbook([savingsSheet(formulas)]).findings);
}

describe('the formula audit on one table', () => {
  it('finds nothing wrong with right formulas, written any of the usual ways', () => {
    expect(audit()).toEqual([]);
    expect(
      audit({
        C8: 'C5+C6+C7',
        D8: 'SUBTOTAL(9,D4:D7)',
        E8: 'ROUND(SUM($E$5:$E$7),0)',
        C13: 'SUM(C5:C7,C10:C11)',
        D13: 'SUM(D4:D12)-D8-D12',
        E13: 'Savings!E8+Savings!E12',
      }).filter((f) => f.rule !== 'formula-inconsistent'),
    ).toEqual([]);
  });

  it('lets a SUBTOTAL grand total run over the section SUBTOTALs, which Excel leaves out, but not a SUM', () => {
    const sections = { D8: 'SUBTOTAL(9,D5:D7)', D12: 'SUBTOTAL(9,D10:D11)' };
    // Only column D is written so: the other years' different formulas are another finding.
    const ranges = (f: Record<string, string>) => audit(f).filter((x) => x.rule !== 'formula-inconsistent');
    expect(ranges({ ...sections, D13: 'SUBTOTAL(9,D4:D12)' })).toEqual([]);
    const [f] = ranges({ ...sections, D13: 'SUM(D4:D12)' });
    expect(f).toMatchObject({ rule: 'formula-range', cell: 'D13' });
    expect(f.message).toContain('twice');
  });

  it('names the line a range stops short of', () => {
    const [f, ...rest] = audit({ D8: 'SUM(D5:D6)' });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'formula-range', severity: 'error', sheet: 'Savings', cell: 'D8' });
    expect(f.message).toBe('=SUM(D5:D6) leaves out D7 (D72 Adjustment): the lines it should add are D5:D7');
  });

  it('names a subtotal counted with its own lines, a line of another section and a heading', () => {
    const [twice] = audit({ C13: 'C8+C12+C7' });
    expect(twice).toMatchObject({ rule: 'formula-range', cell: 'C13' });
    expect(twice.message).toContain('counts C7 twice: C8 (Total) already adds it');
    const [over] = audit({ E12: 'SUM(E8:E11)' });
    expect(over).toMatchObject({ rule: 'formula-range', cell: 'E12' });
    expect(over.message).toContain('also adds E8 (Total), a total of other lines');
    const [other] = audit({ D12: 'SUM(D7:D11)' });
    expect(other.message).toContain('also adds D7 (D72 Adjustment), a line of another total');
  });

  it('says when a total adds another year’s column', () => {
    const [f] = audit({ D8: 'SUM(C5:C7)' });
    expect(f).toMatchObject({ rule: 'formula-range', cell: 'D8' });
    expect(f.message).toBe('=SUM(C5:C7) adds the 2015/16 column (C5:C7) instead of its own lines (D5:D7)');
  });

  it('names a term missing from a + chain', () => {
    const [f] = audit({ E8: 'E5+E6' });
    expect(f.message).toContain('leaves out E7 (D72 Adjustment)');
  });

  it('accepts a Net or Total column written across its row, and names the column it leaves out', async () => {
    const sheets = await publishedSheets();
    const { formulas, tables } = liveFormulas(sheets);
    const net = formulas.find((f) => f.sheet === 'Revenue Budget' && f.row === 9 && f.col === 6)!;
    expect(net.formula).toBe('C10+D10+E10+F10');
    const wrong = formulas.map((f) => (f === net ? { ...f, formula: 'C10+D10+E10' } : f));
    const [found] = auditFormulas(tables, withFormulas(sheets, wrong));
    expect(found).toMatchObject({ rule: 'formula-range', sheet: 'Revenue Budget', cell: 'G10' });
    expect(found.message).toBe(
      '=C10+D10+E10 leaves out F10 (Internal Income): across its row it should add Employees, Running Expenses, External Income and Internal Income',
    );
  });

  it('warns of a typed total among formulas, cell by cell', () => {
    const found = audit({ D12: -46 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'hard-coded-total', severity: 'warning', cell: 'D12' });
    expect(found[0].message).toBe(
      'Total is a typed number (-46), not a formula: it will not follow a change in the lines it adds (D10:D11)',
    );
  });

  it('says once for the table when every total is typed', () => {
    const typed = Object.fromEntries(['C', 'D', 'E'].flatMap((c) => [8, 12, 13].map((r) => [`${c}${r}`, -1])));
    const sheet = savingsSheet(typed);
    const other: SheetGrid = {
      name: 'Notes',
      rows: [[{ value: 1, formula: '1' }]],
      hiddenRows: new Set(),
      hiddenCols: new Set(),
    };
    const found = formulaFindings(checkWorkbook([sheet, other]).findings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'hard-coded-total', cell: 'C8' });
    expect(found[0].message).toContain('every total in this table is a typed number, not a formula (9 cells');
  });

  it('leaves a workbook with no formula at all (a paper pasted as values) alone', () => {
    const typed = Object.fromEntries(['C', 'D', 'E'].flatMap((c) => [8, 12, 13].map((r) => [`${c}${r}`, -1])));
    expect(audit(typed)).toEqual([]);
  });

  it('warns of one year’s formula unlike the others', () => {
    // Right today (the range adds the same lines), but not the formula copied across.
    const found = audit({ D13: 'D12+D8' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'formula-inconsistent', severity: 'warning', cell: 'D13' });
    expect(found[0].message).toBe(
      "=D12+D8 is not the same formula as the other years' (=C8+C12 in C13): check it adds the same rows",
    );
  });

  it('says which formulas are beyond it, once for the table', () => {
    const found = audit({ C8: 'IF(C5<0,SUM(C5:C7),0)', D8: 'SUM(D5:D7)*1' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'formula-unclear', severity: 'info', cell: 'C8' });
    expect(found[0].message).toContain('the formulas of C8 and D8 (the function IF and the operator *)');
  });
});

const money = (value: number, formula: string) => ({ value, formula, bold: true, format: '#,##0;-#,##0' });

describe('the formula audit where the figures alone leave it unsure', () => {
  /** One year's lines and a total whose SUM (cached as Excel saves it) is `formula`. */
  const table = (value: number, formula: string) =>
    sheet('Environment', [
      ['Service', '2026/27 £000'],
      ['Waste', 100],
      ['Parks', 50],
      ['Libraries', 30],
      [b('Net Budget'), money(value, formula)],
    ]);

  it('names the line a SUM leaves out when the figure matches no way of adding the lines', () => {
    const found = checkWorkbook([table(150, 'SUM(B2:B3)')]).findings.filter((f) => f.severity === 'error');
    expect(found.map((f) => f.rule)).toEqual(['total-mismatch', 'formula-range']);
    expect(found[1].message).toBe('=SUM(B2:B3) leaves out B4 (Libraries): the lines it should add are B2:B4');
  });

  it('names a line counted twice, but leaves a formula that adds anything else to the figures (the lines may be guessed wrong)', () => {
    const twice = checkWorkbook([table(230, 'B2+B3+B3+B4')]).findings.filter((f) => f.severity === 'error');
    expect(twice.map((f) => f.rule)).toEqual(['total-mismatch', 'formula-range']);
    expect(twice[1].message).toContain('counts B3 twice');
    const taken = checkWorkbook([table(120, 'B2+B3-B4')]).findings.filter((f) => f.severity === 'error');
    expect(taken.map((f) => f.rule)).toEqual(['total-mismatch']);
  });

  it('reads the last total of a sectioned table as adding every line above it, whatever the reader guessed', async () => {
    const layout = formulaLayouts().find((l) => l.name === 'section-missing-from-grand')!;
    const sheets = await XlsxWorkbook.open(await gridsToBuffer(layout.sheets)).then((wb) => wb.readSheets());
    const found = checkWorkbook(sheets).findings.filter((f) => f.rule === 'formula-range');
    expect(found.map((f) => f.cell)).toEqual(['B25', 'C25']);
    expect(found[0].message).toBe(
      '=B10+B17 leaves out B23 (Total Early Help): the lines it should add are B7:B9, B14:B16, B21:B22',
    );
  });
});

describe('totals built from links and pasted values', () => {
  it('takes a total that adds the cells its lines link to as adding those lines', () => {
    const dept = (name: string, value: number) =>
      sheet(name, [
        ['Service', '2026/27 £000'],
        ['Care', value],
        ['Support', 10],
        [b('Net Budget'), money(value + 10, 'SUM(B2:B3)')],
      ]);
    const link = (name: string, value: number) => ({ value, formula: `'${name.replace(/'/g, "''")}'!B4` });
    const summary = (total: string) =>
      sheet('Summary', [
        ['Directorate', '2026/27 £000'],
        ['Adults', link('Adult Social Care', 110)],
        ['Children', link("Children's Services", 70)],
        ['Contingency', 5],
        [b('Total'), money(185, total)],
      ]);
    const sheets = (total: string) => [summary(total), dept('Adult Social Care', 100), dept("Children's Services", 60)];
    const audit = (total: string) => formulaFindings(checkWorkbook(sheets(total)).findings);
    expect(audit("'Adult Social Care'!B4+'Children''s Services'!B4+B4")).toEqual([]);
    const [f] = audit("'Adult Social Care'!B4+'Children''s Services'!B3+B4");
    expect(f).toMatchObject({ rule: 'formula-range', cell: 'B5' });
    expect(f.message).toContain("leaves out B3 (Children); also adds 'Children''s Services'!B3 from another sheet");
  });

  it('says nothing of a column pasted as values (an outturn) among live ones, but still of one total typed over', () => {
    const pasted = Object.fromEntries([8, 12, 13].map((r) => [`C${r}`, [-160, -45, -205][[8, 12, 13].indexOf(r)]]));
    expect(audit(pasted)).toEqual([]);
    const [f, ...rest] = audit({ C12: -45 });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'hard-coded-total', cell: 'C12' });
  });
});

describe('the published example kept with live formulas', () => {
  let sheets: SheetGrid[];
  let live: FormulaCell[];
  let tables: Table[];
  let baseline: Finding[];

  beforeAll(async () => {
    sheets = await publishedSheets();
    ({ formulas: live, tables } = liveFormulas(sheets));
    baseline = checkWorkbook(sheets).findings;
  });

  it('gives no formula finding, and no other finding changes', () => {
    expect(live.length).toBeGreaterThan(100);
    const result = checkWorkbook(withFormulas(sheets, live));
    expect(formulaFindings(result.findings)).toEqual([]);
    expect(result.findings).toEqual(baseline);
  });

  it('catches every seeded fault at its cell, naming the rows', () => {
    const faults = seededFaults(live, tables, sheets);
    const kinds = new Set(faults.map((f) => f.kind));
    expect(kinds).toEqual(
      new Set([
        'range one row short',
        'range one row long over a subtotal',
        'typed total',
        'year pointing at the wrong year',
        'chain missing a term',
        'subtotal double-counted',
      ]),
    );
    expect(faults.length).toBeGreaterThanOrEqual(30);
    const missed: string[] = [];
    for (const fault of faults) {
      const formulas = live.flatMap((f) =>
        f === fault.cell ? (fault.formula === null ? [] : [{ ...f, formula: fault.formula }]) : [f],
      );
      const found = auditFormulas(tables, withFormulas(sheets, formulas));
      const at = `${fault.cell.sheet}!${a1(fault.cell.row, fault.cell.col)}`;
      const hit = found.find((f) => f.rule === fault.rule && `${f.sheet}!${f.cell}` === at);
      if (!hit || !fault.names.every((n) => hit.message.includes(n)))
        missed.push(
          `${fault.kind} at ${at} (${fault.formula}): ${found.map((f) => `${f.cell} ${f.message}`).join(' | ') || 'nothing'}`,
        );
    }
    expect(missed).toEqual([]);
  });
});

interface Fault {
  kind: string;
  cell: FormulaCell;
  /** The faulty formula, or null for a typed total. */
  formula: string | null;
  rule: string;
  /** Cells the finding must name. */
  names: string[];
}

const SUM_RANGE = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/;

/** Faults a finance team makes, generated over every formula of the live workbook. */
function seededFaults(live: FormulaCell[], tables: Table[], sheets: SheetGrid[]): Fault[] {
  const faults: Fault[] = [];
  const figure = (sheet: string, address: string) =>
    typeof (() => {
      const { row, col } = parseA1(address);
      return sheets.find((s) => s.name === sheet)!.rows[row]?.[col]?.value;
    })() === 'number';
  const typedTables = new Set<string>();
  for (const cell of live) {
    const table = tables.find((t) => t.sheet === cell.sheet && cell.row >= t.top && cell.row <= t.bottom)!;
    const range = SUM_RANGE.exec(cell.formula);
    if (range) {
      const [, c, from, , to] = range as unknown as [string, string, string, string, string];
      if (Number(to) > Number(from) && figure(cell.sheet, `${c}${to}`))
        faults.push({
          kind: 'range one row short',
          cell,
          formula: `SUM(${c}${from}:${c}${Number(to) - 1})`,
          rule: 'formula-range',
          names: [`leaves out ${c}${to}`],
        });
      const above = [...table.rows].reverse().find((r) => r.type === 'total' && r.row < Number(from) - 1);
      if (above && figure(cell.sheet, `${c}${above.row + 1}`))
        faults.push({
          kind: 'range one row long over a subtotal',
          cell,
          formula: `SUM(${c}${above.row + 1}:${c}${to})`,
          rule: 'formula-range',
          names: [`${c}${above.row + 1}`],
        });
    }
    const terms = cell.formula.split('+');
    if (/^[A-Z]+\d+(\+[A-Z]+\d+)+$/.test(cell.formula)) {
      const dropped = terms[terms.length - 1];
      if (figure(cell.sheet, dropped))
        faults.push({
          kind: 'chain missing a term',
          cell,
          formula: terms.slice(0, -1).join('+'),
          rule: 'formula-range',
          names: [`leaves out ${dropped}`],
        });
      // A chain of totals down the column (not one written across its row): add one of a subtotal's lines again.
      const down = new Set(terms.map((t) => parseA1(t).row)).size > 1;
      const first = parseA1(terms[0]);
      const subtotal = table.rows.find((r) => r.row === first.row);
      const line = subtotal?.parts?.map((p) => table.rows[p]).find((r) => r.type === 'line');
      const k = subtotal ? columnAt(table, subtotal, first.col) : -1;
      const lineCell = line && a1(line.row, line.figures[k]?.col ?? table.columns[k].col);
      if (down && lineCell && figure(cell.sheet, lineCell))
        faults.push({
          kind: 'subtotal double-counted',
          cell,
          formula: `${cell.formula}+${lineCell}`,
          rule: 'formula-range',
          names: [`counts ${lineCell} twice`, `${terms[0]} (`],
        });
    }
    const refs = /^(\w+)!([A-Z])(\d+)-\1!([A-Z])(\d+)$/.exec(cell.formula);
    if (refs) {
      const [, sheet, , row, before] = refs as unknown as [string, string, string, string, string];
      faults.push({
        kind: 'year pointing at the wrong year',
        cell,
        formula: `${sheet}!${before}${row}`,
        rule: 'formula-reference',
        names: [`${sheet}!${before}${row}`],
      });
    }
    if (table.kind !== 'budget-summary' && table.kind !== 'net-budget' && !typedTables.has(table.id)) {
      typedTables.add(table.id);
      faults.push({ kind: 'typed total', cell, formula: null, rule: 'hard-coded-total', names: [] });
    }
  }
  return faults;
}
