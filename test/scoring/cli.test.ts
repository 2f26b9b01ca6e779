import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoringModelSheet } from '../../src/engine/scoring';
import { FIXTURE, gridOf, mtfs, OTHER_FIXTURE, proposalsSheet, row, setCell, tempDir, writeXlsx } from './helpers';

const criteria = (yieldScore: number, scale: number, fit: number, customer: number, deliverability: number) => [
  { name: 'Net yield', score: yieldScore, weight: 25 },
  { name: 'Scale of return', score: scale, weight: 15 },
  { name: 'Strategic fit', score: fit, weight: 20 },
  { name: 'Customer service', score: customer, weight: 20 },
  { name: 'Deliverability', score: deliverability, weight: 20 },
];

/** The example workbook's document, worked by hand (see fixture.test.ts). */
const FIXTURE_JSON = {
  projects: [
    {
      ref: 'C2',
      project: 'Energy-efficient street lighting (invest to save)',
      reward: 81,
      riskRating: 4,
      riskLevel: 'Low',
      band: 'Priority 1',
      rank: 1,
      gates: [],
      criteria: criteria(5, 4, 4, 3, 4),
    },
    {
      ref: 'C1',
      project: 'Trade waste collection for local businesses',
      reward: 75,
      riskRating: 9,
      riskLevel: 'Medium',
      band: 'Priority 1',
      rank: 2,
      gates: [],
      criteria: criteria(5, 2, 4, 4, 3),
    },
    {
      ref: 'C4',
      project: 'Charge for pre-planning advice',
      reward: 71,
      riskRating: 2,
      riskLevel: 'Low',
      band: 'Priority 1',
      rank: 3,
      gates: [],
      criteria: criteria(5, 2, 3, 3, 4),
    },
    {
      ref: 'C5',
      project: 'Stop the mobile library to rent the depot',
      reward: 59,
      riskRating: 12,
      riskLevel: 'Medium',
      band: 'Not supported',
      rank: 4,
      gates: ['public-service-at-risk'],
      criteria: criteria(5, 2, 2, 1, 4),
    },
    {
      ref: 'C3',
      project: 'Buy a business park in a neighbouring region',
      reward: 54,
      riskRating: 16,
      riskLevel: 'High',
      band: 'Not supported',
      rank: 5,
      gates: ['outside-area', 'risk-not-proportionate'],
      criteria: criteria(3, 5, 2, 1, 3),
    },
  ],
  incomplete: [],
};

let dir: string;
let brokenModel: string;
let incomplete: string;
let noProposals: string;
let decimalWeights: string;

beforeAll(async () => {
  dir = tempDir();
  const model = setCell(gridOf(scoringModelSheet()), 'B7', 20); // weights now add up to 95
  brokenModel = await writeXlsx(join(dir, 'broken-model.xlsx'), [proposalsSheet([row('A')]), model]);
  incomplete = await writeXlsx(join(dir, 'incomplete.xlsx'), [
    proposalsSheet([row('A'), row('B', { fit: 6 }), row('C', { deliverability: 4 })]),
  ]);
  noProposals = await writeXlsx(join(dir, 'no-proposals.xlsx'), [proposalsSheet([row('A')], 'Projects')]);
  // Weights 33.25/16.75/20/15/15 and scores 2,1,4,4,4: (66.5 + 16.75 + 80 + 60 + 60) / 5 = 56.65, shown 56.7.
  const weights = gridOf(scoringModelSheet());
  for (const [cell, w] of [
    ['B7', 33.25],
    ['B8', 16.75],
    ['B10', 15],
    ['B11', 15],
  ] as const)
    setCell(weights, cell, w);
  decimalWeights = await writeXlsx(join(dir, 'decimal-weights.xlsx'), [
    proposalsSheet([row('W', { investment: 500, annualReturn: 20, fit: 4, customer: 4, deliverability: 4 })]),
    weights,
  ]);
});

describe('mtfs score', () => {
  it('--json prints exactly the document for the example workbook, exit 0', () => {
    const r = mtfs('score', FIXTURE, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual(FIXTURE_JSON);
  });

  it('--json --envelope adds the selection', () => {
    const r = mtfs('score', FIXTURE, '--json', '--envelope', '1000');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ...FIXTURE_JSON,
      selection: { envelope: 1000, chosen: ['C2', 'C4'], totalInvestment: 910, totalReward: 152 },
    });
  });

  it('accepts an envelope of 0 and one written with a thousands separator', () => {
    expect(JSON.parse(mtfs('score', FIXTURE, '--json', '--envelope', '0').stdout).selection).toEqual({
      envelope: 0,
      chosen: [],
      totalInvestment: 0,
      totalReward: 0,
    });
    expect(JSON.parse(mtfs('score', FIXTURE, '--json', '--envelope', '100,000').stdout).selection).toEqual({
      envelope: 100000,
      chosen: ['C2', 'C1', 'C4'],
      totalInvestment: 1110,
      totalReward: 227,
    });
  });

  it('prints a readable ranked table by default, gates in words and the selection', () => {
    const r = mtfs('score', FIXTURE, '--envelope', '1000');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('commercial-projects-example.xlsx — 5 proposals scored, 0 incomplete (default model)');
    expect(lines[1]).toMatch(/^Rank\s+Ref\s+Project\s+Reward\s+Risk\s+Band$/);
    expect(lines[2]).toMatch(/^\s+1\s+C2\s+Energy-efficient street lighting.*\s81\.0\s+4 Low\s+Priority 1$/);
    expect(lines[3]).toMatch(
      /^\s+2\s+C1\s+Trade waste collection for local businesses\s+75\.0\s+9 Medium\s+Priority 1$/,
    );
    expect(lines[5]).toMatch(/^\s+4\s+C5\s+.*59\.0\s+12 Medium\s+Not supported$/);
    expect(lines[6]).toMatch(/^\s+gate: Public service at risk: /);
    expect(lines[7]).toMatch(/^\s+5\s+C3\s+.*54\.0\s+16 High\s+Not supported$/);
    expect(lines[8]).toMatch(/^\s+gate: Outside the area: /);
    expect(lines[9]).toMatch(/^\s+gate: Risk not proportionate to reward: /);
    expect(lines[10]).toBe(
      'Envelope 1,000 £000: choose C2, C4 (investment 910 £000, reward 152.0, annual net return 480 £000)',
    );
    expect(lines[11]).toBe('Result: no errors.');
  });

  it('lists incomplete rows with their cell and still ranks the rest, exit 0', () => {
    const json = mtfs('score', incomplete, '--json');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.projects.map((p: { ref: string; rank: number }) => [p.ref, p.rank])).toEqual([
      ['C', 1],
      ['A', 2],
    ]);
    expect(doc.incomplete).toEqual([
      {
        ref: 'B',
        sheet: 'Commercial Projects',
        cell: 'G5',
        message: 'Strategic fit is 6; scores are whole numbers from 1 to 5',
      },
    ]);
    const text = mtfs('score', incomplete);
    expect(text.stdout).toContain(
      'Incomplete proposals (not scored or ranked):\n  warning incomplete-proposal  Commercial Projects!G5: Strategic fit is 6; scores are whole numbers from 1 to 5\n',
    );
  });

  it('uses a Scoring Model sheet in the workbook: weights with decimals, reward rounded half up', () => {
    const r = mtfs('score', decimalWeights, '--json');
    expect(r.code).toBe(0);
    const [w] = JSON.parse(r.stdout).projects;
    expect([w.reward, w.band, w.criteria.map((c: { weight: number }) => c.weight)]).toEqual([
      56.7,
      'Priority 2',
      [33.25, 16.75, 20, 15, 15],
    ]);
  });

  it('exits 1 with the cell named when the Scoring Model sheet cannot be used, and scores nothing', () => {
    const json = mtfs('score', brokenModel, '--json', '--envelope', '500');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      projects: [],
      incomplete: [],
      selection: { envelope: 500, chosen: [], totalInvestment: 0, totalReward: 0 },
    });
    expect(json.stderr).toBe('mtfs: broken-model.xlsx: Scoring Model!B6: the weights add up to 95, not 100 (B7:B11)\n');
    const text = mtfs('score', brokenModel);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'Scoring stopped:\n  ERROR   scoring-model        Scoring Model!B6: the weights add up to 95, not 100 (B7:B11)\n',
    );
    expect(text.stdout).toContain('Result: errors found.');
  });

  it('exits 1 naming the workbook when it has no Commercial Projects sheet', () => {
    const r = mtfs('score', noProposals);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no-proposals.xlsx — 0 proposals scored');
    expect(r.stdout).toContain('the workbook has no Commercial Projects sheet to score (its sheets: Projects)');
    const other = mtfs('score', OTHER_FIXTURE, '--json');
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout)).toEqual({ projects: [], incomplete: [] });
    expect(other.stderr).toContain(
      'corporate-resources-2015.xlsx: Commercial Projects!A1: the workbook has no Commercial Projects sheet',
    );
  });

  it('exits 2 when the file cannot be read', () => {
    const missing = mtfs('score', join(dir, 'nowhere.xlsx'));
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/^mtfs: cannot read .*nowhere\.xlsx: no such file\n$/);
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, 'not a workbook');
    const notXlsx = mtfs('score', text, '--json');
    expect([notXlsx.code, notXlsx.stdout]).toEqual([2, '']);
    expect(notXlsx.stderr).toContain('the file is not an .xlsx workbook');
  });

  it.each(['-5', 'ten', '5m', '--envelope=-1'])('exits 2 with a usage error for the envelope %s', (value) => {
    const args = value.startsWith('--') ? [value] : ['--envelope', value];
    const r = mtfs('score', FIXTURE, '--json', ...args);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain("option '--envelope <£000>' argument");
    expect(r.stderr).toContain('give the envelope in £000 as a number of 0 or more');
  });
});
