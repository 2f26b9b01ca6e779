import { describe, expect, it } from 'vitest';
import { compareWorkbooks, PairingError, type ChangesResult } from '../../src/engine/changes';
import { CORPORATE_RESOURCES } from '../support/paths';
import { cloneGrids, readGrids } from '../support/workbooks';
import { brief, Edit, readBack } from './helpers';

const t24 = (result: ChangesResult) => result.lines.filter((l) => (l.current ?? l.previous)!.ref === 'T24').map(brief);
const markers = (result: ChangesResult) =>
  result.findings.filter((f) => f.rule === 'marker-mismatch').map((f) => `${f.sheet}!${f.cell}: ${f.message}`);

/**
 * This year the Operational ICT review (Savings!A8) is called "Digital workplace programme", same
 * figures, and a smaller new review "Review of Operational ICT services" is added on row 12. By
 * description the new review looks like last year's Operational ICT review: the user knows better.
 */
describe('the user corrects a pairing', async () => {
  const fixture = await readGrids(CORPORATE_RESOURCES);
  const previous = await readBack(fixture);
  const edited = new Edit(cloneGrids(fixture))
    .set('Savings', 'C8', 'Digital workplace programme')
    .insertRow('Savings', 12, ['T24', 'Eff', 'Review of Operational ICT services', -100, -200, -300, -400]).grids;
  const current = await readBack(edited);

  it('pairs by description on its own, wrongly here', () => {
    const result = compareWorkbooks(previous, current);
    expect(t24(result)).toEqual([
      'T24 Review of Strategic Finance & Property: unchanged [**→*] by description (1.00)',
      'T24 Digital workplace programme: new [**→-]',
      'T24 Review of People, Procurement & Transformation: unchanged [**→*] by description (1.00)',
      'T24 Review of Strategic Information Technology & Comms: unchanged [**→*] by description (1.00)',
      'T24 Review of Operational Property: unchanged [**→*] by description (1.00)',
      'T24 Review of Operational ICT services: amended [-→**] by description (0.84) 2015/16 -480→-100 (380), 2016/17 -1040→-200 (840), 2017/18 -1375→-300 (1075), 2018/19 -2140→-400 (1740)',
    ]);
  });

  it('follows "these two are the same line": the renamed review is unchanged, the new one new, and the stars follow', () => {
    const result = compareWorkbooks(previous, current, [{ previous: 'Savings!A8', current: 'Savings!A8' }]);
    expect(t24(result)).toEqual([
      'T24 Review of Strategic Finance & Property: unchanged [**→*] by description (1.00)',
      'T24 Digital workplace programme: unchanged [**→*] by user (1.00)',
      'T24 Review of People, Procurement & Transformation: unchanged [**→*] by description (1.00)',
      'T24 Review of Strategic Information Technology & Comms: unchanged [**→*] by description (1.00)',
      'T24 Review of Operational Property: unchanged [**→*] by description (1.00)',
      'T24 Review of Operational ICT services: new [-→-]',
    ]);
    expect(result.summary.removed).toBe(0);
    expect(markers(result).filter((m) => m.startsWith('Savings!A8:') || m.startsWith('Savings!A12:'))).toEqual([
      'Savings!A8: T24 Digital workplace programme is marked ** (amended) but it was in the previous MTFS unchanged: it should be *',
    ]);
  });

  it('follows "not the same line": both current lines are new and last year\'s review is removed', () => {
    const result = compareWorkbooks(previous, current, [
      { previous: 'Savings!A8', current: 'Savings!A12', same: false },
    ]);
    expect(t24(result).filter((l) => !l.includes('unchanged'))).toEqual([
      'T24 Digital workplace programme: new [**→-]',
      'T24 Review of Operational ICT services: new [-→-]',
      'T24 Review of Operational ICT: removed',
    ]);
    expect(result.findings.filter((f) => f.rule === 'line-removed').map((f) => f.message)).toEqual([
      'T24 Review of Operational ICT, at Savings!A8 in the previous MTFS, is not in this one: removed (if it is here under another reference and description, pair the two by hand)',
    ]);
  });

  it('refuses a correction it cannot apply, saying why', () => {
    const attempt = (overrides: Parameters<typeof compareWorkbooks>[2]) => () =>
      compareWorkbooks(previous, current, overrides);
    expect(attempt([{ previous: 'Savings!Z99', current: 'Savings!A8' }])).toThrow(
      new PairingError('there is no growth, savings or capital line at Savings!Z99 in the previous MTFS'),
    );
    expect(attempt([{ previous: 'Growth!A7', current: 'Savings!A8' }])).toThrow(
      new PairingError(
        'Growth!A7 is a growth line and Savings!A8 a savings line: only lines of the same kind can be the same line',
      ),
    );
    expect(
      attempt([
        { previous: 'Savings!A8', current: 'Savings!A8' },
        { previous: 'Savings!A8', current: 'Savings!A12' },
      ]),
    ).toThrow(new PairingError('Savings!A8 in the previous MTFS is paired by hand with more than one line'));
  });

  it('refuses a correction whose cell holds another line since it was made, rather than pair the wrong lines', async () => {
    const seen = { previous: 'T24 Review of Operational ICT', current: 'T24 Review of Operational ICT services' };
    const correction = { previous: 'Savings!A8', current: 'Savings!A12', same: false, seen };
    expect(t24(compareWorkbooks(previous, current, [correction]))).toContain('T24 Review of Operational ICT: removed');
    // A row inserted above: Savings!A12 now holds the line that was on row 11.
    const moved = await readBack(
      new Edit(cloneGrids(edited)).insertRow('Savings', 6, ['T99', 'Eff', 'A line added above', -1, -1, -1, -1]).grids,
    );
    expect(() => compareWorkbooks(previous, moved, [correction])).toThrow(
      new PairingError(
        'Savings!A12 in the current MTFS now holds T24 Review of Operational Property, not T24 Review of Operational ICT services as when the lines were paired; the sheet has changed since',
      ),
    );
  });
});
