import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSteps, firstFindings } from '../../src/engine/check';
import type { Finding } from '../../src/engine/findings';
import type { SheetGrid } from '../../src/engine/grid';
import { readWorkbook } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { mislabelledSectionTotal } from '../support/workbooks';

const FIXTURES = join(__dirname, '../fixtures');
const key = (f: Finding) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`;

async function sheetsOf(file: string) {
  return (await readWorkbook(await XlsxWorkbook.open(readFileSync(file)))).inputs;
}

/** Checks `sheets`, and works out the first findings each time a sheet has been read. */
function checkHearing(sheets: SheetGrid[]) {
  const early: { done: number; findings: Finding[] }[] = [];
  const steps = checkSteps(sheets);
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, early };
    early.push({ done: step.value.done, findings: firstFindings(step.value) });
  }
}

const workbooks = [
  join(FIXTURES, 'corporate-resources-2015.xlsx'),
  ...readdirSync(join(FIXTURES, 'councils'))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => join(FIXTURES, 'councils', f)),
];

describe('the first findings, shown while the rest of the workbook is read', () => {
  it.each(workbooks)('are all findings the whole check gives too, in its order: %s', async (file) => {
    const sheets = await sheetsOf(file);
    const { result, early } = checkHearing(sheets);
    expect(early.map((e) => e.done)).toEqual(sheets.map((_, i) => i + 1));
    const all = result.findings.map(key);
    for (const { findings } of early) {
      const keys = findings.map(key);
      // Every first finding is in the whole check, and in the same order relative to each other.
      expect(all.filter((k) => keys.includes(k))).toEqual(keys);
    }
  });

  it.each(['Revenue Budget', 'Savings'])(
    "give all of a sheet's own findings as soon as it is read (the example's %s)",
    async (name) => {
      const sheets = await sheetsOf(join(FIXTURES, 'corporate-resources-2015.xlsx'));
      const { result, early } = checkHearing(sheets);
      const at = sheets.findIndex((s) => s.name === name);
      const onSheet = (findings: Finding[]) => findings.filter((f) => f.sheet === name).map(key);
      expect(onSheet(result.findings).length).toBeGreaterThan(5);
      expect(onSheet(early[at].findings)).toEqual(onSheet(result.findings));
      if (at > 0) expect(onSheet(early[at - 1].findings)).toEqual([]);
    },
  );

  it('leave out whether a total names something else until the departments are known', () => {
    // Whether "Total Highways" names this department is known only once every sheet is read.
    const { result, early } = checkHearing([mislabelledSectionTotal()]);
    expect(result.findings.map((f) => `${f.rule} ${f.cell}`)).toContain('label-mismatch A5');
    expect(early[0].findings.map((f) => f.rule)).not.toContain('label-mismatch');
  });
});
