/**
 * A budget-setting session in the task pane, in browser mode in real Chromium at 350 px: two named scenarios saved
 * into the workbook and seen side by side with the published plan; a finding signed off, still signed off after
 * checking again and after reopening the downloaded workbook; and its mark out of date once a figure behind it changed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/engine/session';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { cloneGrids, gridsToBuffer, readGrids } from '../support/workbooks';
import { type Pane, type PaneSession, SHOTS, startPane } from './harness';

const A = 'Option A: protect libraries';

describe('a budget session in the pane: named scenarios side by side, findings signed off', () => {
  let work: string;
  let session: PaneSession;
  let pane: Pane;

  beforeAll(async () => {
    session = await startPane('session');
    ({ work, pane } = session);
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) => pane.page.screenshot({ path: path.join(SHOTS, name), animations: 'disabled' });
  const tab = async (name: string) => {
    await pane.page.evaluate(() => window.scrollTo(0, 0));
    await pane.page.getByRole('tab', { name, exact: true }).click();
  };
  const idle = () => pane.page.getByRole('progressbar').waitFor({ state: 'detached' });

  async function open(file: string, name: string) {
    const { page } = pane;
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: await readFile(file) });
    await page.getByText(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).waitFor();
    await page.getByRole('tab', { name: 'Check' }).waitFor();
    await idle();
  }

  async function expectTidy() {
    const { page } = pane;
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth, 'no horizontal scrolling at 350 px').toBeLessThanOrEqual(clientWidth);
    expect(pane.foreignRequests).toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  }

  async function saveAs(name: string) {
    const { page } = pane;
    await tab('Options');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator(`[data-scenario="${name}"]`).waitFor();
    await idle();
  }

  it('saves two scenarios from the Scenario tab and shows them side by side with the published plan', async () => {
    const { page } = pane;
    await open(EXAMPLE_WITH_PROPOSALS, 'budget.xlsx');
    await tab('Scenario');
    await page.getByRole('switch', { name: 'G20 Data Integrity & Systems Resilience' }).click();
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('street lighting');
    await page.getByRole('switch', { name: 'C2 Energy-efficient street lighting (invest to save)' }).click();
    await page.getByLabel('Target 2016/17').fill('31,000');
    await page.getByText('Switched out: G20. Switched in: C2.').waitFor();
    await saveAs(A);
    expect(await page.locator(`[data-scenario="${A}"]`).innerText()).toContain(
      'Out: G20. In: C2. Targets: 2016/17 31,000.',
    );

    await tab('Scenario');
    await page.getByRole('button', { name: 'Reset to the published plan' }).click();
    await page.getByLabel('Target 2016/17').fill('');
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('D84');
    await page.getByRole('switch', { name: /^D84 Contingency/ }).click();
    await saveAs('Option B');
    await shot('50-options-saved.png');

    for (const name of [A, 'Option B'])
      await page.locator(`[data-scenario="${name}"]`).getByRole('checkbox', { name: 'Compare' }).check();
    const year = page.getByRole('table', { name: '2016/17, £000' });
    await year.waitFor();
    const rows = async () => (await year.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await expect.poll(rows).toEqual(['Published plan 31,719 –', `${A} 31,119 -600 119`, 'Option B 31,569 -150 –']);
    expect(await page.getByRole('list', { name: 'Lines switched differently' }).innerText()).toContain(
      'G20 Data Integrity & Systems Resilience: in Published plan, Option B; out Option A: protect libraries.',
    );
    await page.getByRole('heading', { name: 'Side by side, £000' }).scrollIntoViewIfNeeded();
    await shot('51-side-by-side.png');
    await expectTidy();
  });

  it('writes the Scenarios sheet; both scenarios come back when the downloaded workbook is opened again', async () => {
    const { page } = pane;
    await page.getByRole('button', { name: 'Write the Scenarios sheet' }).click();
    await page.getByText(/Wrote “Scenarios”/).waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download workbook' }).click(),
    ]);
    const saved = path.join(work, 'budget-mtfs.xlsx');
    await file.saveAs(saved);
    const grids = await readGrids(saved);
    const sheet = grids.find((g) => g.name === 'Scenarios')!;
    expect(sheet.rows[5]?.[7]?.value).toBe(31119);
    await open(saved, 'budget-mtfs.xlsx');
    await tab('Options');
    expect(await page.locator('[data-scenario]').count()).toBe(2);
    // Deleting asks first; Keep leaves it.
    await page.getByRole('button', { name: 'Delete Option B' }).click();
    await page.getByRole('button', { name: 'Keep' }).click();
    expect(await page.locator('[data-scenario]').count()).toBe(2);
    await expectTidy();
  });

  it('signs off a finding, keeps it signed off on checking again, and shows the mark out of date after a figure changes', async () => {
    const { page } = pane;
    await tab('Check');
    await page.getByRole('button', { name: /cells with rounding differences or notes$/ }).click();
    await page.locator('button[data-cell="Revenue Budget!A25"]').click();
    await page.getByRole('button', { name: 'Sign off Revenue Budget!A25' }).click();
    const panel = page.getByRole('region', { name: 'Marks for Revenue Budget!A25' });
    await panel.getByRole('radio', { name: 'Explained' }).check();
    await panel.getByLabel('Why it is explained').fill('£1 rounding, as published');
    await shot('52-sign-off.png');
    await panel.getByRole('button', { name: 'Save mark' }).click();
    const signed = page.getByTestId('signed-off');
    await expect.poll(() => signed.innerText()).toBe('Signed off: 1 explained.');
    const mark = page.locator('button[data-cell="Revenue Budget!A25"] [data-mark]');
    expect(await mark.innerText()).toMatch(/^Explained \d{1,2} \w{3} \d{4}: £1 rounding, as published$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('53-signed-off.png');

    // Writing the report checks the workbook again (browser mode's re-check): the mark holds, and the MTFS Findings
    // sheet shows it.
    await tab('Report');
    await page.getByRole('button', { name: 'Write report' }).click();
    await page.getByText(/Wrote “MTFS Summary”/).waitFor();
    await idle();
    await tab('Check');
    expect(await signed.innerText()).toBe('Signed off: 1 explained.');
    // Folded away but counted: the fold of explained findings, closed until opened.
    await page.getByRole('button', { name: '1 cell signed off as explained' }).waitFor();

    // The workbook with the mark, downloaded; then a figure behind the finding changes (Revenue Budget!A24).
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download workbook' }).click(),
    ]);
    const marked = path.join(work, 'marked.xlsx');
    await file.saveAs(marked);
    const store = (await (await XlsxWorkbook.open(await readFile(marked))).readStore())!;
    expect(readSession(store).signOffs).toHaveLength(1);
    const findings = (await readGrids(marked)).find((g) => g.name === 'MTFS Findings')!;
    const row = findings.rows.find((r) => r?.[3]?.value === 'Revenue Budget!A25')!;
    expect([row[4]?.value, row[5]?.value]).toEqual([expect.stringMatching(/^Explained /), '£1 rounding, as published']);
    const markedBook = await XlsxWorkbook.open(await readFile(marked));
    const owned = (await markedBook.listSheets()).filter((x) => x.owned).map((x) => x.name);
    const grids = cloneGrids((await markedBook.readSheets()).filter((g) => !owned.includes(g.name)));
    grids.find((g) => g.name === 'Revenue Budget')!.rows[23][0]!.value = -690823;
    const changed = await XlsxWorkbook.open(await gridsToBuffer(grids));
    await changed.writeStore({ ...store, ownedSheets: [] });
    const changedFile = path.join(work, 'changed.xlsx');
    await writeFile(changedFile, await changed.toBuffer());

    await open(changedFile, 'changed.xlsx');
    await expect.poll(() => signed.innerText()).toBe('Signed off: 1 mark out of date.');
    await page.getByRole('button', { name: /cells with rounding differences or notes$/ }).click();
    const stale = page.locator('button[data-cell="Revenue Budget!A25"] [data-mark="out-of-date"]');
    expect(await stale.innerText()).toMatch(
      /^Out of date \(explained .*\): its figures have changed since; mark it again$/,
    );
    await page.locator('button[data-cell="Revenue Budget!A25"]').click();
    await page.getByRole('button', { name: 'Sign off Revenue Budget!A25' }).click();
    await page
      .getByRole('region', { name: 'Marks for Revenue Budget!A25' })
      .getByText(/when it said: .*rounding difference of 1,/)
      .waitFor();
    await page.locator('button[data-cell="Revenue Budget!A25"]').scrollIntoViewIfNeeded();
    await shot('54-mark-out-of-date.png');
    await expectTidy();
  });
});
