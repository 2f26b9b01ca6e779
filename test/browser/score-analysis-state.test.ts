/**
 * The state behind the Score view's robustness chart, "what it would take" and the changes since an earlier scoring,
 * without a browser: the words and numbers the components draw, and the session opening an earlier scoring workbook.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/engine/scoring';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { scoreAnalysisView } from '../../src/taskpane/state/score-analysis';
import { Session } from '../../src/taskpane/state/session';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { sheetValues } from '../support/snapshot';
import { readGrids } from '../support/workbooks';

const file = (name: string, bytes: Uint8Array | Buffer) => ({
  name,
  arrayBuffer: async () => new Uint8Array(bytes).buffer,
});

function session() {
  return new Session('browser', {
    openXlsx: (bytes) => XlsxWorkbook.open(bytes),
    saveFile: () => undefined,
    pause: async () => undefined,
  });
}

/** The example with C4's deliverability scored 3 (it is 4): an earlier scoring. */
async function earlier(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_WITH_PROPOSALS);
  wb.getWorksheet('Commercial Projects')!.eachRow((row) => {
    if (row.getCell(1).value === 'C4') row.getCell(9).value = 3;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the robustness chart and what it would take, in words', async () => {
  const result = scoreWorkbook(await readGrids(EXAMPLE_WITH_PROPOSALS));
  const view = scoreAnalysisView(result, null);

  it('gives a bar per criterion, widest range first, with its numbers to draw and its words to read', () => {
    const bars = view.robustness!.bars;
    expect(bars.map((b) => [b.name, b.low, b.high, b.weight])).toEqual([
      ['Net yield', 22.3, 98.3, 25],
      ['Strategic fit', 0.1, 27.6, 20],
      ['Customer service', 0.1, 27.6, 20],
      ['Deliverability', 10.7, 33, 20],
      ['Scale of return', 0, 17.8, 15],
    ]);
    expect(bars[4].below).toBeNull();
    expect(bars[4].above).toBe('Above about 17.87: C4 falls to Priority 2.');
    expect(view.robustness!.verdicts.map((v) => v.ref)).toEqual(['C2', 'C1', 'C4', 'C5', 'C3']);
  });

  it('says what it would take for the proposals not in Priority 1 only, and nothing about changes until an earlier scoring is opened', () => {
    expect(view.extras.C2.moves).toEqual([]);
    expect(view.extras.C2.noMove).toBeNull();
    expect(view.extras.C5.moves).toEqual([
      'Public service at risk: No instead of Yes would lift the gate Public service at risk and move C5 to Priority 2 (reward 59.0).',
    ]);
    expect(view.extras.C3.gates.map((g) => g.title)).toEqual(['Outside the area', 'Risk not proportionate to reward']);
    expect(view.extras.C3.changes).toBeNull();
    expect(view.changes).toBeNull();
  });
});

describe('the session and an earlier scoring workbook', () => {
  it('reads it, says what changed, keeps it through a write and writes the changes on the Proposal Scores sheet', async () => {
    const s = session();
    await s.openFile(file('example.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    await s.openPreviousScores(file('last-year.xlsx', await earlier()));
    expect(s.state.problem).toBeNull();
    const view = scoreAnalysisView(s.state.scores!, s.state.previousScores);
    expect(view.changes?.summary).toBe('1 proposal changed.');
    expect(view.changes?.proposals).toEqual([
      {
        ref: 'C4',
        text: 'C4: Deliverability score 3 → 4 (rationale not updated); Reward score 67.0 → 71.0; Band Priority 2 → Priority 1.',
      },
    ]);
    expect(view.extras.C4.changes).toEqual([
      'Deliverability score: 3 → 4 (rationale not updated)',
      'Reward score: 67.0 → 71.0',
      'Band: Priority 2 → Priority 1',
    ]);
    expect(view.extras.C2.changes).toEqual(['C2: no change.']);

    await s.write('report');
    expect(s.state.problem).toBeNull();
    expect(s.state.previousScores?.name).toBe('last-year.xlsx');
    const out = join(mkdtempSync(join(tmpdir(), 'mtfs-earlier-')), 'written.xlsx');
    await writeFile(out, await (s.state.source!.port as XlsxWorkbook).toBuffer());
    const rows = await sheetValues(out, 'Proposal Scores');
    const at = rows.findIndex((r) => r?.[0] === 'CHANGES SINCE last-year.xlsx');
    expect(rows.slice(at)).toContainEqual([
      null,
      'C4',
      'Deliverability score',
      '3',
      '4',
      null,
      null,
      'Score changed but its rationale did not',
    ]);
  });

  it('says plainly when the file has no proposals to compare, keeps the one it had, and forgets it with another workbook', async () => {
    const s = session();
    await s.openFile(file('example.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    await s.openPreviousScores(file('last-year.xlsx', await earlier()));
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Notes').getCell('A1').value = 'nothing here';
    await s.openPreviousScores(file('notes.xlsx', new Uint8Array(await blank.xlsx.writeBuffer())));
    expect(s.state.problem).toEqual({
      intent: 'error',
      title: 'Could not compare the scores with notes.xlsx',
      message: 'The previous workbook notes.xlsx has no Commercial Projects sheet to compare with.',
    });
    expect(s.state.previousScores?.name).toBe('last-year.xlsx');
    s.clearPreviousScores();
    expect(s.state.previousScores).toBeNull();
    await s.openPreviousScores(file('last-year.xlsx', await earlier()));
    await s.openFile(file('other.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    expect(s.state.previousScores).toBeNull();
  });
});
