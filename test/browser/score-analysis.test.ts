/**
 * The Score view's robustness chart, "what it would take", and the changes since an earlier scoring, in browser
 * mode in real Chromium at task-pane width (350 px), on the example workbook with five proposals; the report the
 * pane writes then holds the changes, read back from the downloaded file.
 */
import ExcelJS from 'exceljs';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_WITH_PROPOSALS, ROOT } from '../support/paths';
import { sheetValues } from '../support/snapshot';
import { type Pane, type PaneSession, SHOTS, startPane } from './harness';

const DOCS_SHOTS = path.join(ROOT, 'docs/screenshots');

/** The example with C1's customer service scored 3 (it is 4) and a rationale: the "earlier scoring". */
async function earlierScoring(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_WITH_PROPOSALS);
  const ws = wb.getWorksheet('Commercial Projects')!;
  let headingRow = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === 'Ref') headingRow = r;
  });
  const last = ws.getRow(headingRow).cellCount;
  ws.getRow(headingRow).getCell(last + 1).value = 'Customer service rationale';
  ws.eachRow((row, r) => {
    if (r <= headingRow || row.getCell(1).value !== 'C1') return;
    row.getCell(8).value = 3;
    row.getCell(last + 1).value = 'Few businesses asked';
  });
  const file = path.join(dir, 'last-year.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('Score: how robust the order is, what it would take, and what changed since', () => {
  let work: string;
  let session: PaneSession;
  let pane: Pane;

  beforeAll(async () => {
    session = await startPane('score-analysis');
    ({ work, pane } = session);
    await pane.page
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: 'example.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await readFile(EXAMPLE_WITH_PROPOSALS),
      });
    await pane.page.getByRole('tab', { name: 'Score', exact: true }).click();
    await pane.page.getByText('5 proposals scored: 3 Priority 1, 2 Not supported').waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  const shot = async (name: string) => {
    await pane.page.screenshot({ path: path.join(SHOTS, name), animations: 'disabled' });
    await copyFile(path.join(SHOTS, name), path.join(DOCS_SHOTS, name));
  };

  async function expectTidy() {
    const [scrollWidth, clientWidth] = await pane.page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth, 'no horizontal scrolling at 350 px').toBeLessThanOrEqual(clientWidth);
    expect(pane.foreignRequests).toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  }

  it('draws a tornado of weight ranges: a bar per criterion, each named for screen readers, reachable with Tab, text 11 px or more', async () => {
    const { page } = pane;
    const chart = page.locator('svg[data-chart="tornado"]');
    await chart.scrollIntoViewIfNeeded();
    const bars = chart.getByRole('img');
    expect(await bars.count()).toBe(5);
    // Widest range first, as a tornado is drawn.
    expect(await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-bar')))).toEqual([
      'Net yield',
      'Strategic fit',
      'Customer service',
      'Deliverability',
      'Scale of return',
    ]);
    expect(await chart.getByRole('img', { name: /^Deliverability weight, now 20: / }).getAttribute('aria-label')).toBe(
      'Deliverability weight, now 20: the top three and every band hold for any weight from 10.7 to 33. Below about 10.66: C4 falls to Priority 2. Above about 33.06: the order of the top three becomes C2, C4 and C1 (was C2, C1 and C4).',
    );
    const sizes = await chart.evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
      return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    });
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes), 'text at 350 px').toBeGreaterThanOrEqual(11);
    // From the keyboard: Tab reaches each bar in turn.
    await page.getByLabel('Investment envelope, £000').focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-bar') ?? null);
    for (let i = 0; i < 5 && !(await focused()); i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Net yield');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Strategic fit');
    const verdicts = await page.locator('[data-verdict]').allInnerTexts();
    expect(verdicts[0]).toBe(
      'C2 stays first (Priority 1) for any Customer service weight up to 38.4 (now 20); above about 38.47 it moves down to second.',
    );
    expect(verdicts).toHaveLength(5);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('[data-section="robustness"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('23-score-robustness.png');
    await expectTidy();
  });

  it('opens a proposal to what it would take to move it up a band', async () => {
    const { page } = pane;
    const c5 = page.locator('[data-ref="C5"]');
    await c5.getByRole('button').first().click();
    const takes = c5.locator('[data-what-it-takes="C5"]');
    await takes.waitFor();
    expect(await takes.innerText()).toContain(
      'Public service at risk: No instead of Yes would lift the gate Public service at risk and move C5 to Priority 2 (reward 59.0).',
    );
    const c3 = page.locator('[data-ref="C3"]');
    await c3.getByRole('button').first().click();
    const c3takes = await c3.locator('[data-what-it-takes="C3"]').innerText();
    expect(c3takes).toContain('No single change moves C3 up a band');
    expect(c3takes).toContain(
      'To lift Risk not proportionate to reward, it would need a reward score of 60 or more (now 54.0), or a risk rating of 12 or less (now 16).',
    );
    await expectTidy();
  });

  it('compares with an earlier scoring: says what changed, in the proposal too, and the written report holds it', async () => {
    const { page } = pane;
    const earlier = await earlierScoring(work);
    await page.getByLabel('Choose an earlier scoring workbook (.xlsx)').setInputFiles({
      name: 'last-year.xlsx',
      mimeType: 'application/octet-stream',
      buffer: await readFile(earlier),
    });
    const status = page.getByRole('status', { name: 'Changes since the earlier scoring' });
    await status.waitFor();
    const text = await status.innerText();
    expect(text).toContain('Since last-year.xlsx: 2 proposals changed.');
    expect(text).toContain('C1: Customer service score 3 → 4; Reward score 71.0 → 75.0; Rank 3 → 2; 1 note changed.');
    expect(text).toContain('C4: Rank 2 → 3.');
    const c1 = page.locator('[data-ref="C1"]');
    await c1.getByRole('button').first().click();
    expect(await c1.locator('[data-changes="C1"]').innerText()).toContain(
      'Customer service rationale: Few businesses asked → (none)',
    );
    // The list measures a proposal as it opens: the page's height settles once its opening has finished.
    await c1.locator('[data-changes="C1"]').waitFor();
    await page.waitForTimeout(500);
    await page.locator('[data-section="earlier-scores"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('24-score-earlier.png');
    await expectTidy();

    await page.getByRole('tab', { name: 'Report', exact: true }).click();
    await page.getByRole('button', { name: 'Write report' }).click();
    const written = page
      .getByRole('group')
      .filter({ has: page.locator('.fui-MessageBarTitle', { hasText: /^Written$/ }) });
    await written.waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      written.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    const saved = path.join(work, 'report.xlsx');
    await file.saveAs(saved);
    const rows = await sheetValues(saved, 'Proposal Scores');
    const at = rows.findIndex((r) => r?.[0] === 'CHANGES SINCE last-year.xlsx');
    expect(at).toBeGreaterThan(0);
    expect(rows.slice(at)).toContainEqual([null, 'C1', 'Customer service score', '3', '4']);
    expect(rows.slice(at)).toContainEqual([null, 'C1', 'Customer service rationale', 'Few businesses asked']);
    expect(rows.some((r) => r?.[0] === 'HOW ROBUST THE ORDER IS TO THE WEIGHTS')).toBe(true);
  });
});
