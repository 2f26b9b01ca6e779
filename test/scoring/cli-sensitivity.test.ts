import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money';
import { analysisJson, scoreAnalysis, scoreWorkbook } from '../../src/engine/scoring';
import { sheetValues } from '../support/snapshot';
import { FIXTURE, fixtureGrids, mtfs, tempDir } from './helpers';

/** mtfs score --sensitivity gives the engine's figures, and the report's Proposal Scores sheet holds the same. */

describe('mtfs score --sensitivity', () => {
  let engine: ReturnType<typeof analysisJson>;
  beforeAll(async () => {
    const result = scoreWorkbook(await fixtureGrids(), { envelope: new Decimal(1000) });
    engine = analysisJson(scoreAnalysis(result)!);
  });

  it('--json adds the weight ranges, each proposal’s verdict and what it would take: the engine’s figures, exactly', () => {
    const r = mtfs('score', FIXTURE, '--sensitivity', '--envelope', '1000', '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout);
    expect(doc.sensitivity).toEqual(engine.sensitivity);
    expect(doc.whatItTakes).toEqual(engine.whatItTakes);
    const deliverability = doc.sensitivity.weights.find((w: { name: string }) => w.name === 'Deliverability');
    expect(deliverability).toMatchObject({
      weight: 20,
      low: { exact: '32/3', included: true, shown: 10.7 },
      below: ['C4 falls to Priority 2'],
    });
    expect(doc.sensitivity.proposals[0].verdict).toBe(
      'C2 stays first (Priority 1) for any Customer service weight up to 38.4 (now 20); above about 38.47 it moves down to second.',
    );
    expect(doc.whatItTakes.map((w: { ref: string }) => w.ref)).toEqual(['C5', 'C3']);
    // Without the option the document is as before.
    expect(JSON.parse(mtfs('score', FIXTURE, '--json').stdout).sensitivity).toBeUndefined();
  });

  it('prints the same figures as a table, a verdict a proposal and what it would take', () => {
    const r = mtfs('score', FIXTURE, '--sensitivity');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('How robust the order is to the weights'));
    expect(lines[at]).toBe(
      'How robust the order is to the weights (each weight moved alone, the others rescaled to keep 100; watching the top 3, every band):',
    );
    expect(lines[at + 6]).toMatch(
      /^ {2}Deliverability\s+20\s+10\.7\s+33 {2}below about 10\.66: C4 falls to Priority 2; /,
    );
    expect(r.stdout).toContain(`Each proposal:\n  ${engine.sensitivity.proposals[0].verdict}\n`);
    expect(r.stdout).toContain(
      'What it would take to move up a band:\n  C5      Public service at risk: No instead of Yes would lift the gate Public service at risk and move C5 to Priority 2 (reward 59.0).\n',
    );
    expect(r.stdout.trimEnd().endsWith('Result: no errors.')).toBe(true);
  });
});

describe('the Proposal Scores sheet', () => {
  it('holds the weight ranges, every proposal’s ranges and what it would take, read back from the written file', async () => {
    const out = join(tempDir(), 'report.xlsx');
    const r = mtfs('report', FIXTURE, '-o', out, '--envelope', '1000');
    expect(r.code, r.stderr).toBe(0);
    const rows = await sheetValues(out, 'Proposal Scores');
    const start = rows.findIndex((row) => row?.[0] === 'HOW ROBUST THE ORDER IS TO THE WEIGHTS');
    expect(rows[start + 2]).toEqual([
      null,
      null,
      'Criterion',
      'Weight now',
      'Holds from',
      'Holds to',
      null,
      'What changes first',
    ]);
    expect(rows[start + 7]).toEqual([
      null,
      null,
      'Deliverability',
      20,
      10.7,
      33,
      null,
      'Below about 10.66: C4 falls to Priority 2. Above about 33.06: the order of the top three becomes C2, C4 and C1 (was C2, C1 and C4).',
    ]);
    expect(rows[start + 9]).toEqual([
      'Rank',
      'Ref',
      'Each proposal',
      'Net yield',
      'Scale of return',
      'Strategic fit',
      'Customer service',
      'Deliverability',
    ]);
    expect(rows[start + 12]).toEqual([
      3,
      'C4',
      'C4 stays third (Priority 1) for any Net yield weight from 22.3 to 98.3 (now 25); below about 22.28 it becomes Priority 2.',
      '22.3–98.3',
      '0–17.8',
      '0.1–27.6',
      '0.1–27.6',
      '10.7–33',
    ]);
    const take = rows.findIndex((row) => row?.[0] === 'WHAT IT WOULD TAKE TO MOVE UP A BAND');
    expect(rows[take + 2]).toEqual(['Rank', 'Ref', 'What it would take', 'Band now', 'Would be']);
    expect(rows[take + 3]).toEqual([
      4,
      'C5',
      'Public service at risk: No instead of Yes would lift the gate Public service at risk and move C5 to Priority 2 (reward 59.0).',
      'Not supported',
      'Priority 2',
    ]);
  });
});
