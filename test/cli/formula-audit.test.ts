import { describe, expect, it } from 'vitest';
import { mtfs } from '../support/cli';
import { FORMULA_AUDIT } from '../support/paths';

describe('mtfs check on a workbook with live formulas', () => {
  it('names each seeded formula fault at its cell, in plain words, and exits 1', () => {
    const r = mtfs('check', FORMULA_AUDIT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => /^ {2}\S+ +(formula-|hard-coded-total)/.test(l));
    expect(lines).toEqual([
      '  ERROR   formula-reference    Budget Summary!D9: =Growth!D10-Growth!C10 refers to Growth!D10 and Growth!C10, in the 2016/17 and 2015/16 columns, from the 2017/18 column',
      '  ERROR   formula-range        Revenue Budget!G40: =G10+G25+G32+G36+G37+G38+G39+G6 counts G6 twice: G10 (TOTAL) already adds it: the lines it should add are G6:G9, G12:G16, G18:G24, G27:G31, G34:G35, G37:G39',
      "  warning formula-inconsistent Growth!E10: =E7+E8+E9 is not the same formula as the other years' (=SUM(C7:C9) in C10): check it adds the same rows",
      '  ERROR   formula-range        Savings!F23: =SUM(G16:G21) leaves out G22 (D87 Vacancy management for supported employment): the lines it should add are G16:G22',
      '  warning hard-coded-total     Capital Programme!H9: Sub total ICT is a typed number (3,500), not a formula: it will not follow a change in the lines it adds (H6:H8)',
      "  warning formula-inconsistent Capital Programme!D25: =IF(D21<>0,SUM(D21:D24),0) is not the same formula as the other years' (=SUM(E21:E24) in E25): check it adds the same rows",
    ]);
    // The published paper's own findings are unchanged: only the formula faults are new.
    expect(r.stdout).toContain('Findings: 7 tables, 3 errors, 13 warnings, 9 rounding differences');
  });

  it('gives the formula findings in the JSON like any other', () => {
    const doc = JSON.parse(mtfs('check', FORMULA_AUDIT, '--json').stdout);
    const rules = doc.findings.map((f: { rule: string }) => f.rule).filter((r: string) => /formula|hard-coded/.test(r));
    expect(rules.sort()).toEqual([
      'formula-inconsistent',
      'formula-inconsistent',
      'formula-range',
      'formula-range',
      'formula-reference',
      'hard-coded-total',
    ]);
  });
});
