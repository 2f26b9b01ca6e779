/**
 * The Score, Report, Scenario and Compare views in browser mode, in real Chromium at task-pane width, on the example
 * workbook with five proposals and on the shared fixture: what users see, what the pane writes (read back from the
 * downloaded file with ExcelJS, input cells compared one by one with the original), and what it refuses to do.
 */
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedMtfs } from '../changes/fixture-edits';
import { CORPORATE_RESOURCES, EXAMPLE_WITH_PROPOSALS, ROOT } from '../support/paths';
import { sheetValues, snapshot } from '../support/snapshot';
import { gridsToBuffer, readGrids } from '../support/workbooks';
import { CHROMIUM, launchPane, serveDir, sharedBuild, type Pane } from './harness';

const EXAMPLE = EXAMPLE_WITH_PROPOSALS;
const SHOTS = path.join(ROOT, 'test-output/screenshots');
const INPUT_SHEETS = [
  'Budget Summary',
  'Revenue Budget',
  'Growth',
  'Savings',
  'Capital Programme',
  'Commercial Projects',
];
const PROPOSED = 'Proposed/Provisional budget (Appendix A)';
const HOSTILE = '<img src=x onerror=alert(1)>';

/** A copy of a workbook changed with ExcelJS, saved under `dir`. */
async function variant(
  source: string,
  dir: string,
  name: string,
  change: (wb: ExcelJS.Workbook) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  change(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function replaceText(wb: ExcelJS.Workbook, sheet: string, from: string, to: string): void {
  let found = false;
  wb.getWorksheet(sheet)!.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value === from) {
        cell.value = to;
        found = true;
      }
    }),
  );
  if (!found) throw new Error(`no cell "${from}" on ${sheet}`);
}

/** The figures of a row of a sheet, found by its label in column A. */
async function rowFigures(file: string, sheet: string, label: string): Promise<(string | number | null)[]> {
  const rows = await sheetValues(file, sheet);
  const row = rows.find((r) => r?.[0] === label);
  if (!row) throw new Error(`no row "${label}" on ${sheet}`);
  return row.slice(1);
}

describe('Score, Report, Scenario and Compare in browser mode', () => {
  let outDir: string;
  let work: string;
  let server: Awaited<ReturnType<typeof serveDir>>;
  let pane: Pane;
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`the browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    outDir = await sharedBuild();
    work = await mkdtemp(path.join(tmpdir(), 'mtfs-views-'));
    server = await serveDir(outDir);
    pane = await launchPane(server.origin);
    pane.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await mkdir(SHOTS, { recursive: true });
    await pane.page.goto(`${server.origin}/taskpane.html`);
    await pane.page.getByRole('button', { name: 'Open an .xlsx file' }).waitFor();
  });

  afterAll(async () => {
    await pane?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const shot = (name: string) => pane.page.screenshot({ path: path.join(SHOTS, name), animations: 'disabled' });
  const tab = async (name: string) => {
    await pane.page.evaluate(() => window.scrollTo(0, 0));
    await pane.page.getByRole('tab', { name, exact: true }).click();
  };

  async function open(file: string, name = path.basename(file)) {
    const { page } = pane;
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: await readFile(file) });
    await page.getByText(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).waitFor();
    await page.getByRole('tab', { name: 'Check' }).waitFor();
  }

  /** The message bar saying what was written. */
  const writtenBar = () =>
    pane.page.getByRole('group').filter({ has: pane.page.locator('.fui-MessageBarTitle', { hasText: /^Written$/ }) });

  async function download(name: string): Promise<string> {
    const { page } = pane;
    const bar = writtenBar();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    const saved = path.join(work, name);
    await file.saveAs(saved);
    return saved;
  }

  async function expectTidy() {
    const { page } = pane;
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth, 'no horizontal scrolling at 350 px').toBeLessThanOrEqual(clientWidth);
    expect(pane.foreignRequests, 'requests other than office.js and the pane itself').toEqual([]);
    expect(pane.pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  }

  async function expectInputsUnchanged(original: string, written: string) {
    const before = await snapshot(original);
    const after = await snapshot(written, (name) => before.has(name));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [sheet, cells] of before) {
      const now = after.get(sheet)!;
      expect(now.size, `${sheet}: cells`).toBe(cells.size);
      for (const [address, value] of cells) expect(now.get(address), `${sheet}!${address}`).toBe(value);
    }
  }

  it('Score: the proposals in rank order with reward, risk, band, rank and gates in words; the chart has a point each', async () => {
    const { page } = pane;
    await open(EXAMPLE);
    await tab('Score');
    await page.getByText('5 proposals scored: 3 Priority 1, 2 Not supported').waitFor();
    const items = page.locator('[data-ref]');
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).toEqual([
      'C2',
      'C1',
      'C4',
      'C5',
      'C3',
    ]);
    const header = (ref: string) => page.locator(`[data-ref="${ref}"]`).getByRole('button').first();
    const c1 = await header('C1').innerText();
    expect(c1).toContain('C1 Trade waste collection for local businesses');
    expect(c1).toMatch(/Priority 1[\s\S]*Rank 2[\s\S]*Reward 75\.0[\s\S]*Risk 9 Medium/);
    expect(await header('C2').innerText()).toMatch(/Priority 1[\s\S]*Rank 1[\s\S]*Reward 81\.0/);
    expect(await header('C3').innerText()).toMatch(
      /Not supported[\s\S]*Rank 5[\s\S]*Stopped by: Outside the area; Risk not proportionate to reward/,
    );
    expect(await header('C5').innerText()).toMatch(
      /Not supported[\s\S]*Rank 4[\s\S]*Stopped by: Public service at risk/,
    );

    const points = page.getByRole('button', { name: /^C\d: reward / });
    expect(await points.count()).toBe(5);
    expect(
      await page
        .getByRole('button', { name: 'C1: reward 75.0, risk 9, Priority 1. Open the proposal', exact: true })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('button', { name: 'C3: reward 54.0, risk 16, Not supported. Open the proposal', exact: true })
        .count(),
    ).toBe(1);
    // Chart text is at least 11 px at 350 px wide.
    const sizes = await page
      .locator('figure svg text')
      .evaluateAll((els) =>
        (els as unknown as SVGTextElement[]).map(
          (e) =>
            parseFloat(getComputedStyle(e).fontSize) *
            (e.ownerSVGElement!.getBoundingClientRect().width / e.ownerSVGElement!.viewBox.baseVal.width),
        ),
      );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    expect(await page.getByRole('list', { name: 'Bands' }).innerText()).toMatch(
      /Priority 1[\s\S]*Priority 2[\s\S]*Priority 3[\s\S]*Not supported/,
    );
    await shot('10-score.png');
    await expectTidy();
  });

  it('Score: a proposal opens to its criteria (score, weight, points), its yield and every gate reason', async () => {
    const { page } = pane;
    const c1 = page.locator('[data-ref="C1"]');
    await c1.getByRole('button').first().click();
    const rows = c1.locator('[data-criterion]');
    await rows.first().waitFor();
    expect((await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Net yield 5/5 25 25.0',
      'Scale of return 2/5 15 6.0',
      'Strategic fit 4/5 20 16.0',
      'Customer service 4/5 20 16.0',
      'Deliverability 3/5 20 12.0',
    ]);
    const panel = await c1.innerText();
    expect(panel).toContain('Investment 200, annual net return 60 (£000): a yield of 30%.');
    expect(panel).toContain('No gate stops it.');
    expect(panel).toContain('Commercial Projects!');
    const c3 = page.locator('[data-ref="C3"]');
    await c3.getByRole('button').first().click();
    const reasons = await c3
      .getByRole('list', { name: 'Why it is not supported' })
      .getByRole('listitem')
      .allInnerTexts();
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^Outside the area: it is outside the council's area and its category is Investing\./);
    expect(reasons[1]).toMatch(
      /^Risk not proportionate to reward: its risk rating is 16 \(High\) but its reward score is 54\.0, below the 60/,
    );
    // From the keyboard: Enter on a proposal's header opens it.
    const c4 = page.locator('[data-ref="C4"]');
    await c4.getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    await c4.locator('[data-criterion]').first().waitFor();
    expect(await c4.getByRole('button').first().getAttribute('aria-expanded')).toBe('true');
    await c1.scrollIntoViewIfNeeded();
    await shot('11-score-proposal.png');
    await expectTidy();
  });

  it('Score: the envelope is read as £000, explains what it cannot read, and chooses C2 and C4 within 1,000 (investment 910)', async () => {
    const { page } = pane;
    const envelope = page.getByLabel('Investment envelope, £000');
    await envelope.fill('1.4m');
    await page.getByText('Enter a figure in £000, such as 1,000.').waitFor();
    await envelope.fill('-5');
    await page.getByText('This cannot be negative: enter 0 or more, in £000.').waitFor();
    await envelope.fill('1,000');
    const chosen = page.getByRole('status', { name: 'Chosen within the envelope' });
    await chosen.waitFor();
    const text = await chosen.innerText();
    expect(text).toContain('Within 1,000: C2 and C4 chosen');
    expect(text).toMatch(/Investment, £000\s+910/);
    // The chart rings the chosen proposals, and a point opens its proposal (Enter, or a click).
    expect(await page.getByRole('button', { name: /^C2: .*, chosen\. Open the proposal$/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^C1: .*, Priority 1\. Open the proposal$/ }).count()).toBe(1);
    const c5 = page.locator('[data-ref="C5"]');
    expect(await c5.locator('[data-criterion]').count()).toBe(0);
    await page.getByRole('button', { name: /^C5: reward/ }).focus();
    await page.keyboard.press('Enter');
    await c5.locator('[data-criterion]').first().waitFor();
    expect(
      await c5
        .getByRole('button')
        .first()
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    expect(await page.locator('[data-ref="C2"]').getByText('Chosen', { exact: true }).count()).toBe(1);
    expect(await page.locator('[data-ref="C4"]').getByText('Chosen', { exact: true }).count()).toBe(1);
    expect(await page.locator('[data-ref="C1"]').getByText('Chosen', { exact: true }).count()).toBe(0);
    await envelope.scrollIntoViewIfNeeded();
    await shot('12-score-envelope.png');
    await expectTidy();
  });

  it('Report: year 1 filled in from the budget summary; writes the report sheets, says which, and the download holds them with every input cell unchanged', async () => {
    const { page } = pane;
    await tab('Check');
    const summaryBefore = await page.getByRole('status').first().innerText();
    await tab('Report');
    expect(await page.getByLabel('Updated original budget').inputValue()).toBe('32,859');
    expect(await page.getByLabel('Other changes').inputValue()).toBe('0');
    expect(await page.getByLabel('Transfers').inputValue()).toBe('3,010');
    expect(await page.getByText("Filled in from the workbook's budget summary (Budget Summary).").count()).toBe(1);
    expect(await page.getByLabel('Investment envelope, £000').inputValue()).toBe('1,000');
    const plan = await page.getByRole('list', { name: 'What writing does' }).innerText();
    expect(plan).toContain('Adds the sheets “MTFS Summary”, “Proposal Scores” and “MTFS Findings”.');
    expect(plan).toContain('Creates “Scoring Model”');
    await shot('13-report.png');

    await page.getByRole('button', { name: 'Write report' }).click();
    const written = writtenBar();
    await written.waitFor();
    expect(await written.innerText()).toContain(
      'Wrote “MTFS Summary”, “Proposal Scores” and “MTFS Findings” and created “Scoring Model”. Your own sheets are unchanged.',
    );
    await written.scrollIntoViewIfNeeded();
    await shot('14-report-written.png');

    const saved = await download('report.xlsx');
    expect(await rowFigures(saved, 'MTFS Summary', PROPOSED)).toEqual([33924, 31719, 29689, 25774]);
    const sheets = (await new ExcelJS.Workbook().xlsx.readFile(saved)).worksheets.map((w) => w.name);
    expect(sheets).toEqual([...INPUT_SHEETS, 'Scoring Model', 'MTFS Summary', 'Proposal Scores', 'MTFS Findings']);
    await expectInputsUnchanged(EXAMPLE, saved);

    // Checked again after writing: the report's own sheets are not read as input.
    await tab('Check');
    expect(await page.getByRole('status').first().innerText()).toBe(summaryBefore);
    await expectTidy();
  });

  it("Report: writing again asks before replacing the add-in's own sheets; Cancel writes nothing", async () => {
    const { page } = pane;
    await tab('Report');
    const plan = await page.getByRole('list', { name: 'What writing does' }).innerText();
    expect(plan).toContain(
      "Replaces the add-in's own “MTFS Summary”, “Proposal Scores” and “MTFS Findings”, written earlier: you will be asked first.",
    );
    // The Scoring Model written the first time is the user's now: read as the model, never replaced.
    expect(plan).not.toContain('Scoring Model');
    await tab('Score');
    expect(
      await page
        .getByText('Scored with the weights and thresholds on the Scoring Model sheet.', { exact: false })
        .count(),
    ).toBe(1);
    await tab('Report');
    await page.getByRole('button', { name: 'Write report' }).click();
    const dialog = page.getByRole('dialog', { name: "Replace the add-in's sheets?" });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(
      'The workbook already has “MTFS Summary”, “Proposal Scores” and “MTFS Findings”, written earlier by the add-in.',
    );
    // The dialog takes the keyboard: focus is inside it, and Escape cancels.
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await shot('15-report-replace.png');
    const writeButton = page.getByRole('button', { name: 'Write report' });
    const focusedOnWrite = () => writeButton.evaluate((el) => el === document.activeElement);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focusedOnWrite, { message: 'Esc: focus back on Write report' }).toBe(true);
    await writeButton.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focusedOnWrite, { message: 'Cancel: focus back on Write report' }).toBe(true);
    expect(await writtenBar().innerText()).toContain('and created “Scoring Model”');
    await expectTidy();
  });

  it('Scenario: switches move the proposed budget at once; a target shows the gap (a negative one asked about first); reset goes back to the plan; the bridge is drawn', async () => {
    const { page } = pane;
    await tab('Scenario');
    const proposed = (year: string) => page.locator(`[data-row="proposed"] [data-year="${year}"]`);
    const shows = (year: string, text: string) => expect.poll(() => proposed(year).innerText()).toBe(text);
    await proposed('2015/16').waitFor();
    await shows('2015/16', '33,924');
    await shows('2018/19', '25,774');
    expect(await page.getByText('21 lines', { exact: true }).count()).toBe(1);
    const g20 = page.getByRole('switch', { name: 'G20 Data Integrity & Systems Resilience' });
    expect(await g20.isChecked()).toBe(true);
    // The lines' figures stand in the years' columns, under the totals' years.
    const figureRight = await page.locator('[id^="line-Growth_"]').first().locator('span').last().boundingBox();
    const yearRight = await proposed('2018/19').boundingBox();
    expect(Math.abs(figureRight!.x + figureRight!.width - (yearRight!.x + yearRight!.width))).toBeLessThan(3);

    await g20.click();
    await shows('2015/16', '33,724');
    // Find a line: the proposals are at the end of the list.
    const find = page.getByRole('searchbox', { name: 'Find lines' });
    await find.fill('street lighting');
    await page.getByText('1 of 21 lines found').waitFor();
    const c2 = page.getByRole('switch', { name: 'C2 Energy-efficient street lighting (invest to save)' });
    expect(await c2.isChecked()).toBe(false);
    await c2.click();
    await shows('2015/16', '33,324');
    await page.getByText('Switched out: G20. Switched in: C2.').waitFor();
    await find.fill('');

    // A whole section, then the whole table, out and back in.
    const growth = page.getByRole('group', { name: /^Growth \(Appendix B\), A4:F15 on Growth$/ });
    expect(await growth.getByRole('heading').innerText()).toBe('Growth (Appendix B), A4:F15 on Growth: 2 of 3 in');
    await growth.getByRole('button', { name: 'All 3 out' }).click();
    await page.getByText(/^Switched out: G19, G20, G21\./).waitFor();
    await growth.getByRole('button', { name: 'All 3 in' }).click();
    await page.getByText('Switched in: C2.').waitFor();
    await shows('2015/16', '33,524');
    await g20.click();
    await shows('2015/16', '33,324');

    await page.getByLabel('Target 2015/16').fill('33,000');
    await expect.poll(() => page.locator('[data-row="gap"] [data-year="2015/16"]').innerText()).toBe('324 over');
    // A target below zero is asked about before it is taken.
    await page.getByLabel('Target 2016/17').fill('(500)');
    const question = page.getByRole('group').filter({ hasText: 'A target below zero for 2016/17?' });
    await question.waitFor();
    expect(await page.locator('[data-row="target"] [data-year="2016/17"]').innerText()).toBe('–');
    await question.getByRole('button', { name: 'Use (500)' }).click();
    await expect.poll(() => page.locator('[data-row="gap"] [data-year="2016/17"]').innerText()).toMatch(/ over$/);
    await page.getByLabel('Target 2016/17').fill('');

    const bridge = page.getByRole('group', { name: 'Budget bridge, £000' });
    expect(await bridge.getByRole('img', { name: /^Sub Total 2015\/16: 35,869 \(budget\)$/ }).count()).toBe(1);
    expect(await bridge.getByRole('img', { name: /^Growth 2015\/16: 140 \(adds to the budget\)$/ }).count()).toBe(1);
    expect(
      await bridge.getByRole('img', { name: /^Savings 2015\/16: -2,685 \(takes from the budget\)$/ }).count(),
    ).toBe(1);
    expect(await bridge.getByRole('img', { name: /^Proposed budget 2018\/19: 25,174 \(budget\)$/ }).count()).toBe(1);
    // Every bar drawn is at least 3 px wide; decreases are hatched, not told by colour alone.
    const widths = await bridge
      .locator('rect[y]')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(2.9);
    expect(await bridge.locator('g[data-step^="Savings"] rect').first().getAttribute('fill')).toMatch(/^url\(#/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('16-scenario.png');
    await bridge.scrollIntoViewIfNeeded();
    await shot('17-scenario-bridge.png');

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Reset to the published plan' }).click();
    await shows('2015/16', '33,924');
    expect(await g20.isChecked()).toBe(true);

    // From the keyboard: Space switches the focused line, and the sticky totals never hide it.
    await g20.focus();
    await page.keyboard.press('Space');
    await shows('2015/16', '33,724');
    await page.keyboard.press('Space');
    await shows('2015/16', '33,924');
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    const [focused, header] = await Promise.all([
      page.locator(':focus').boundingBox(),
      page.getByRole('region', { name: 'Proposed budget, £000' }).boundingBox(),
    ]);
    expect(focused!.y, 'the focused control is below the sticky totals').toBeGreaterThanOrEqual(
      header!.y + header!.height - 1,
    );
    // The primary action is on screen without scrolling: at the foot of the pane.
    const write = await page.getByRole('button', { name: 'Write scenario as report' }).boundingBox();
    expect(write!.y + write!.height).toBeLessThanOrEqual(900);
    await expectTidy();
  });

  it('Scenario: written as a report (after confirming the replacement), its budget is in the MTFS Summary and the inputs are unchanged', async () => {
    const { page } = pane;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('switch', { name: 'G20 Data Integrity & Systems Resilience' }).click();
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('C2');
    await page.getByRole('switch', { name: 'C2 Energy-efficient street lighting (invest to save)' }).click();
    await expect.poll(() => page.locator('[data-row="proposed"] [data-year="2015/16"]').innerText()).toBe('33,324');
    const writeButton = page.getByRole('button', { name: 'Write scenario as report' });
    await writeButton.click();
    const dialog = page.getByRole('dialog', { name: "Replace the add-in's sheets?" });
    await dialog.getByRole('button', { name: 'Replace and write' }).click();
    const written = writtenBar();
    await written.waitFor();
    await expect
      .poll(() => writeButton.evaluate((el) => el === document.activeElement), {
        message: 'Replace and write: focus back on the button',
      })
      .toBe(true);
    expect(await written.innerText()).toContain(
      "Wrote “MTFS Summary”, “Proposal Scores” and “MTFS Findings” (replacing the add-in's earlier ones).",
    );
    const saved = await download('scenario.xlsx');
    const figures = await rowFigures(saved, 'MTFS Summary', PROPOSED);
    expect(figures[0]).toBe(33324);
    await expectInputsUnchanged(EXAMPLE, saved);
    // The switches are still as the user left them after the re-check.
    expect(await page.locator('[data-row="proposed"] [data-year="2015/16"]').innerText()).toBe('33,324');
    // Dismiss: the message goes and the keyboard goes back to the button.
    await written.getByRole('button', { name: 'Dismiss' }).click();
    await written.waitFor({ state: 'detached' });
    expect(await writeButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('');
    await expectTidy();
  });

  it('Report: with a sheet of the user\'s called "MTFS Summary" it says it will not write, and why, and writes nothing', async () => {
    const { page } = pane;
    const file = await variant(EXAMPLE, work, 'own-summary.xlsx', (wb) => {
      wb.addWorksheet('MTFS Summary').getCell('A1').value = 'My own notes for the budget meeting';
    });
    await open(file);
    await tab('Report');
    const refused = page.getByRole('group').filter({ hasText: 'It will not write' });
    await refused.waitFor();
    expect(await refused.innerText()).toContain(
      'A sheet called "MTFS Summary" already exists and was not written by the add-in, so it will not be overwritten. Rename or move it, then write the report again. Nothing was changed.',
    );
    const button = page.getByRole('button', { name: 'Write report' });
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await button.click({ force: true });
    expect(await writtenBar().count()).toBe(0);
    await shot('18-report-refused.png');
    const [file2] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download workbook' }).click(),
    ]);
    const saved = path.join(work, 'refused.xlsx');
    await file2.saveAs(saved);
    await expectInputsUnchanged(file, saved);
    await expectTidy();
  });

  it('shows a description holding HTML as text: no image, no script, no dialog', async () => {
    const { page } = pane;
    const file = await variant(EXAMPLE, work, 'hostile.xlsx', (wb) => {
      replaceText(wb, 'Commercial Projects', 'Trade waste collection for local businesses', HOSTILE);
      replaceText(wb, 'Growth', 'Data Integrity & Systems Resilience', `Data ${HOSTILE}`);
    });
    await open(file);
    await tab('Score');
    await page.locator('[data-ref="C1"]').waitFor();
    expect(await page.locator('[data-ref="C1"]').getByRole('button').first().innerText()).toContain(`C1 ${HOSTILE}`);
    await tab('Scenario');
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('G20');
    expect(await page.getByRole('switch', { name: `G20 Data ${HOSTILE}` }).count()).toBe(1);
    await page.waitForTimeout(200);
    expect(await page.locator('img').count()).toBe(0);
    await expectTidy();
  });

  it('on the shared fixture: Score says there is no Commercial Projects sheet and how to add one; Report fills in year 1', async () => {
    const { page } = pane;
    await open(CORPORATE_RESOURCES);
    await tab('Score');
    await page
      .getByText('This workbook has no Commercial Projects sheet, so there are no proposals to score.')
      .waitFor();
    expect(await page.getByText(/^To score proposals, add a sheet named “Commercial Projects”/).count()).toBe(1);
    await shot('19-score-no-sheet.png');
    await tab('Report');
    expect(await page.getByLabel('Updated original budget').inputValue()).toBe('32,859');
    expect(await page.getByLabel('Investment envelope, £000').count()).toBe(0);
    const plan = await page.getByRole('list', { name: 'What writing does' }).innerText();
    expect(plan).toContain('Adds the sheets “MTFS Summary” and “MTFS Findings”.');
    await page.getByLabel('Updated original budget').fill('33,000');
    // the preview comes back from the worker a moment after the field changes
    await expect.poll(() => page.locator('[data-year="2015/16"]').last().innerText()).toMatch(/34,065$/);
    await page.getByLabel('Updated original budget').fill('lots');
    await page.getByText('Enter a figure in £000, such as 32,859 or (500).', { exact: true }).waitFor();
    expect(await page.getByText("Correct year 1's figures above to see the budget summary.").count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Write report' }).getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('button', { name: "Use the workbook's figures" }).click();
    // The workbook's figures come back from the engine's worker: a moment after the click, not at once.
    await expect.poll(() => page.getByLabel('Updated original budget').inputValue()).toBe('32,859');
    await expectTidy();
  });

  it('Compare: this MTFS against the previous one, line by line, with the stars that disagree; writes the Changes sheet', async () => {
    const { page } = pane;
    const current = path.join(work, 'this-year.xlsx');
    await writeFile(current, await gridsToBuffer(editedMtfs(await readGrids(CORPORATE_RESOURCES))));
    await open(current);
    await tab('Compare');
    await page.locator('input[type=file]').nth(1).setInputFiles(CORPORATE_RESOURCES);
    await page.getByText('3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree').waitFor();
    const growth = page.getByRole('region', { name: 'Growth (Appendix B)' });
    const g19 = growth.locator('button[data-cell="Growth!A7"]');
    expect(await g19.innerText()).toMatch(
      /Amended[\s\S]*G19 Revenue consequences[\s\S]*Previous\s+Now\s+2016\/17\s+60\s+75/,
    );
    expect(await growth.locator('button[data-cell="Growth!A9"]').innerText()).toMatch(
      /New[\s\S]*G23 Digital inclusion programme/,
    );
    expect(await growth.getByText(/^Was at Growth!A9 in the previous MTFS/).count()).toBe(1);
    const g25 = await growth.locator('button[data-cell="Growth!A8"]').innerText();
    expect(g25).toContain('G25 has no star, but it was in the previous MTFS unchanged: it should be *.');
    expect(g25).toContain('reference was G20');
    await g19.click();
    expect(await g19.getAttribute('aria-current')).toBe('true');
    await shot('20-compare.png');

    await page.getByRole('button', { name: 'Write the Changes sheet' }).click();
    const written = writtenBar();
    await written.waitFor();
    expect(await written.innerText()).toContain('Wrote “Changes since previous MTFS”.');
    const saved = await download('changes.xlsx');
    const rows = await sheetValues(saved, 'Changes since previous MTFS');
    expect(rows.some((r) => r?.[0] === '3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree')).toBe(true);
    await expectInputsUnchanged(current, saved);
    await expectTidy();
  });

  it('Compare: a new line paired by hand with a removed one becomes amended, the correction is listed and written, and Undo puts it back', async () => {
    const { page } = pane;
    const growth = page.getByRole('region', { name: 'Growth (Appendix B)' });
    const g23 = growth.locator('button[data-cell="Growth!A9"]');
    const entry = growth.getByRole('listitem').filter({ has: page.locator('button[data-cell="Growth!A9"]') });
    await entry.getByRole('button', { name: /^Same line as…/ }).click();
    const choice = entry.getByLabel('G23 Digital inclusion programme is the same line as');
    // The choice takes the focus, and offers the removed growth line only.
    expect(await choice.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await choice.locator('option').allInnerTexts()).toEqual([
      'Choose a removed line',
      'G21 Development of Digital Services (Growth!A9)',
    ]);
    expect(await entry.getByRole('button', { name: 'Pair the lines' }).getAttribute('aria-disabled')).toBe('true');
    await choice.selectOption({ label: 'G21 Development of Digital Services (Growth!A9)' });
    await growth.getByRole('heading', { name: 'Growth (Appendix B)' }).scrollIntoViewIfNeeded();
    await shot('21-compare-same-line.png');
    await expectTidy();
    await entry.getByRole('button', { name: 'Pair the lines' }).click();

    await page.getByText('2 new, 5 amended, 22 unchanged, 2 removed; 4 markers disagree').waitFor();
    expect(await g23.innerText()).toMatch(
      /^Amended[\s\S]*G23 Digital inclusion programme[\s\S]*2015\/16\s+100\s+50[\s\S]*paired by hand; reference was G21[\s\S]*it should be \*\*\.\s+\(cell Growth!A9\)$/,
    );
    expect(await g23.evaluate((el) => el === document.activeElement), 'the focus stays on the line').toBe(true);
    expect(await growth.getByText(/^Was at Growth!A9 in the previous MTFS/).count()).toBe(0);
    const corrections = page.getByRole('region', { name: 'Your corrections (1)' });
    expect(await corrections.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(
        /^G21 Development of Digital Services \(Growth!A9 in the previous MTFS\) is the same line as G23 Digital inclusion programme \(Growth!A9\)\s+Undo$/,
      ),
    ]);
    // The Changes sheet written earlier showed the comparison before the correction: its message goes.
    expect(await writtenBar().count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('22-compare-corrected.png');
    await expectTidy();

    await page.getByRole('button', { name: 'Write the Changes sheet' }).click();
    await page
      .getByRole('dialog', { name: "Replace the add-in's sheets?" })
      .getByRole('button', { name: 'Replace and write' })
      .click();
    await writtenBar().waitFor();
    const rows = await sheetValues(await download('corrected.xlsx'), 'Changes since previous MTFS');
    const row = rows.find((r) => r?.[1] === 'Digital inclusion programme')!;
    expect(row.slice(0, 5)).toEqual(['G23', 'Digital inclusion programme', 'Amended', 'none', '**']);
    expect(row).toContain(
      'paired by hand; reference was G21; previously "Development of Digital Services"; marker should be **',
    );

    // Undo, from the keyboard.
    await corrections.getByRole('button', { name: /^Undo: G21 Development of Digital Services/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree').waitFor();
    expect(await page.getByRole('region', { name: /^Your corrections/ }).count()).toBe(0);
    expect(await g23.innerText()).toMatch(/^New[\s\S]*G23 Digital inclusion programme/);
    expect(await growth.getByText(/^Was at Growth!A9 in the previous MTFS/).count()).toBe(1);
    await expectTidy();
  });

  it('Compare: "Not the same line" un-pairs a line matched by description; Clear corrections puts it back', async () => {
    const { page } = pane;
    const savings = page.getByRole('region', { name: 'Savings (Appendix B)' });
    const reworded = savings.locator('button[data-cell="Savings!A8"]');
    expect(await reworded.innerText()).toContain('matched by description (84% alike)');
    await savings
      .getByRole('listitem')
      .filter({ has: page.locator('button[data-cell="Savings!A8"]') })
      .getByRole('button', {
        name: 'Not the same line: T24 Review of Operational ICT services is not T24 Review of Operational ICT of the previous MTFS',
      })
      .click();
    await page.getByText('4 new, 4 amended, 21 unchanged, 4 removed; 4 markers disagree').waitFor();
    expect(await reworded.innerText()).toMatch(/^New[\s\S]*it should have no star\.\s+\(cell Savings!A8\)$/);
    expect(await page.getByRole('region', { name: 'Your corrections (1)' }).innerText()).toContain(
      'T24 Review of Operational ICT (Savings!A8 in the previous MTFS) is not the same line as T24 Review of Operational ICT services (Savings!A8)',
    );
    await page.getByRole('button', { name: 'Clear corrections' }).click();
    await page.getByText('3 new, 4 amended, 22 unchanged, 3 removed; 3 markers disagree').waitFor();
    expect(await reworded.innerText()).toContain('matched by description (84% alike)');
    await expectTidy();
  });
});
