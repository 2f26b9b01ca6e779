/**
 * The state behind the Score view's robustness chart, "what it would take" and the changes since an earlier scoring,
 * without a browser: the words and numbers the components draw, and the session opening an earlier scoring workbook,
 * talking to the engine through the worker's messages (in this thread, every message copied as postMessage copies it,
 * so the analysis must cross as plain data).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { scoreWorkbook } from '../../src/engine/scoring';
import { scoreAnalysisView } from '../../src/taskpane/state/score-analysis';
import { Session } from '../../src/taskpane/state/session';
import { localLink } from '../../src/taskpane/worker/link';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { sheetValues } from '../support/snapshot';
import { readGrids } from '../support/workbooks';

const file = (name: string, bytes: Uint8Array | Buffer) => ({
  name,
  arrayBuffer: async () => new Uint8Array(bytes).buffer,
});

function session(saved: { bytes: Uint8Array; name: string }[] = []) {
  return new Session('browser', {
    link: (listener, port) => localLink('browser', listener, port),
    saveFile: (bytes, name) => saved.push({ bytes, name }),
  });
}

/** The Score view's analysis once the worker has worked it out (it comes after the other views, once the figures are still). */
async function analysed(s: Session) {
  await vi.waitFor(() => {
    expect(s.state.views.scoreAnalysisWorking).toBe(false);
    expect(s.state.views.scoreAnalysis).not.toBeNull();
  });
  return s.state.views.scoreAnalysis!;
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
    const saved: { bytes: Uint8Array; name: string }[] = [];
    const s = session(saved);
    await s.openFile(file('example.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    const first = await analysed(s);
    expect(first.robustness?.bars).toHaveLength(5);
    expect(first.changes).toBeNull();
    await s.openPreviousScores(file('last-year.xlsx', await earlier()));
    expect(s.state.problem).toBeNull();
    await vi.waitFor(() => expect(s.state.views.scoreAnalysis?.changes).not.toBeNull());
    const view = await analysed(s);
    expect(view.changes?.previousName).toBe('last-year.xlsx');
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
    expect(s.state.views.scoreAnalysis?.changes?.previousName).toBe('last-year.xlsx');
    await s.download();
    expect(saved.map((f) => f.name)).toEqual(['example-mtfs.xlsx']);
    const out = join(mkdtempSync(join(tmpdir(), 'mtfs-earlier-')), 'written.xlsx');
    await writeFile(out, saved[0].bytes);
    const rows = await sheetValues(out, 'Proposal Scores');
    const at = rows.findIndex((r) => r?.[0] === 'CHANGES SINCE last-year.xlsx');
    expect(at).toBeGreaterThan(0);
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
    const earlierName = () => s.state.views.scoreAnalysis?.changes?.previousName ?? null;
    await s.openFile(file('example.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    await s.openPreviousScores(file('last-year.xlsx', await earlier()));
    await vi.waitFor(() => expect(earlierName()).toBe('last-year.xlsx'));
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Notes').getCell('A1').value = 'nothing here';
    await s.openPreviousScores(file('notes.xlsx', new Uint8Array(await blank.xlsx.writeBuffer())));
    expect(s.state.problem).toEqual({
      intent: 'error',
      title: 'Could not compare the scores with notes.xlsx',
      message: 'The previous workbook notes.xlsx has no Commercial Projects sheet to compare with.',
    });
    expect(earlierName()).toBe('last-year.xlsx');
    s.clearPreviousScores();
    await vi.waitFor(() => expect(s.state.views.scoreAnalysis?.changes).toBeNull());
    expect(s.state.views.scoreAnalysis?.robustness).not.toBeNull();
    await s.openPreviousScores(file('last-year.xlsx', await earlier()));
    await vi.waitFor(() => expect(earlierName()).toBe('last-year.xlsx'));
    await s.openFile(file('other.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    expect(s.state.problem).toBeNull();
    const other = await analysed(s);
    expect(other.changes).toBeNull();
    expect(other.extras.C4.changes).toBeNull();
  });
});

describe('the analysis in the worker, as an envelope is typed', () => {
  it('rescores at each key without waiting for it, says it is being worked out again, and works it out once, for the figure typed', async () => {
    const s = session();
    await s.openFile(file('example.xlsx', await readFile(EXAMPLE_WITH_PROPOSALS)));
    const before = await analysed(s);
    expect(before.robustness?.watching).toBe('the top three and every band');
    const sent: unknown[] = [before];
    s.store.subscribe(() => {
      const a = s.state.views.scoreAnalysis;
      if (a !== sent.at(-1)) sent.push(a);
    });
    for (const text of ['1', '10', '100', '1,000']) s.setEnvelope(text);
    await vi.waitFor(() =>
      expect(s.state.views.score?.kind === 'scored' && s.state.views.score.selection?.envelope).toBe('1,000'),
    );
    // The ranking is for 1,000 already; the analysis shown is still the one before, and the pane is told so.
    expect(s.state.views.scoreAnalysisWorking).toBe(true);
    expect(s.state.views.scoreAnalysis).toBe(before);
    const after = await analysed(s);
    expect(after.robustness?.watching).toBe("the top three, every band and the envelope's choice");
    // One analysis came after the one before: for 1,000, none for 1, 10 or 100.
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(after);
  });
});
