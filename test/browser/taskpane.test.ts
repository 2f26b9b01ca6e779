/**
 * The task pane in browser mode, in real Chromium at task-pane width: the production bundle, served locally,
 * with office.js from @microsoft/office-js in place of Microsoft's CDN and every other outside request failing the test.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { CORPORATE_RESOURCES } from '../support/paths';
import { CHROMIUM, launchPane, ROOT, serveDir, sharedBuild, type Pane } from './harness';

const FIXTURE = CORPORATE_RESOURCES;
const SHOTS = path.join(ROOT, 'test-output/screenshots');
describe('task pane in browser mode', () => {
  let outDir: string;
  let work: string;
  let server: Awaited<ReturnType<typeof serveDir>>;
  let pane: Pane;
  const requested: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`the browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    outDir = await sharedBuild();
    work = await mkdtemp(path.join(tmpdir(), 'mtfs-taskpane-'));
    server = await serveDir(outDir);
    pane = await launchPane(server.origin);
    pane.page.on('request', (r) => requested.push(r.url()));
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await pane?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const shot = (name: string) => pane.page.screenshot({ path: path.join(SHOTS, name) });
  const findingButtons = () => pane.page.locator('button[data-cell]');

  async function expectTidy() {
    const { page } = pane;
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth, 'no horizontal scrolling at 350 px').toBeLessThanOrEqual(clientWidth);
    expect(pane.foreignRequests, 'requests other than office.js and the pane itself').toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  }

  it('starts in browser mode with a small first load: office.js from its CDN path and the pane, no ExcelJS yet', async () => {
    const { page } = pane;
    await page.goto(`${server.origin}/taskpane.html`);
    await expect(page.getByRole('heading', { level: 1, name: 'MTFS add-in' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Open an .xlsx file' }).waitFor();
    expect(requested).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(requested.some((u) => /exceljs|xlsx\./.test(u))).toBe(false);
    const scripts = requested.filter((u) => u.startsWith(server.origin) && u.endsWith('.js'));
    const firstLoad = (
      await Promise.all(
        scripts.map(async (u) => gzipSync(await readFile(path.join(outDir, new URL(u).pathname))).length),
      )
    ).reduce((a, b) => a + b, 0);
    expect(firstLoad).toBeGreaterThan(0);
    expect(firstLoad, 'first load, gzip bytes').toBeLessThan(400 * 1024);
    await shot('01-start.png');
    await expectTidy();
  });

  it('opens the fixture with a progress bar, names the department and the file, and lists the 7 tables found in one line each', async () => {
    const { page } = pane;
    // Hold the .xlsx reader back a little so the progress bar is on screen long enough to see.
    await page.route(/\/(exceljs|xlsx)\.[0-9a-f]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await page.locator('input[type=file]').setInputFiles(FIXTURE);
    const progress = page.getByRole('progressbar');
    await progress.waitFor();
    expect(await page.getByText('Opening corporate-resources-2015.xlsx').isVisible()).toBe(true);
    await shot('02-progress.png');
    await page.getByText('7 tables, 0 errors, 10 warnings, 9 rounding differences').waitFor();
    await progress.waitFor({ state: 'detached' });
    const which = page.getByRole('group', { name: 'Workbook' });
    expect(await which.innerText()).toBe('CORPORATE RESOURCES\ncorporate-resources-2015.xlsx');
    expect(await page.getByRole('tab', { name: 'Check', selected: true }).count()).toBe(1);
    expect(await page.getByText('No errors', { exact: true }).isVisible()).toBe(true);

    // Tables found: one line per table, folded until opened, after the findings.
    const fold = page.getByRole('button', { name: 'Tables found (7)' });
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.click();
    const rows = page.getByRole('list', { name: 'Tables found' }).getByRole('listitem');
    const text = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(text).toEqual([
      'Department budget summary · Budget Summary A4:E11 7 lines',
      'Net budget · Budget Summary A15:B20 5 lines',
      'Revenue budget (Appendix A) · Revenue Budget A4:G40 26 lines',
      'Growth (Appendix B) · Growth A4:F15 4 lines',
      'Savings (Appendix B) · Savings A4:G27 15 lines',
      'Capital programme (Appendix C) · Capital Programme A4:H15 6 lines',
      'Capital programme (Appendix C) · Capital Programme A19:H25 4 lines',
    ]);
    for (const h of await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
      expect(h, 'one line per table').toBeLessThan(26);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('03-checked.png');
    await fold.click();
    await expectTidy();
  });

  it('leads with what needs doing: warnings first, one card per cell, rounding folded into one line that opens', async () => {
    const { page } = pane;
    // No error: the warnings come first, six cells (ten warnings), starting near the top of the pane.
    expect(await page.getByRole('heading', { name: 'Warnings: 6 cells' }).count()).toBe(1);
    expect(await findingButtons().count()).toBe(6);
    const first = findingButtons().first();
    expect((await first.boundingBox())!.y, 'the first finding is on the first screen').toBeLessThan(560);
    const c14 = page.locator('button[data-cell="Savings!C14"]');
    expect(await c14.count()).toBe(1);
    const c14Text = await c14.innerText();
    expect(c14Text).toContain('Number held as text');
    expect(c14Text).toContain('Figures out of line with their headings');
    expect(c14Text).toContain('Savings (Appendix B), A4:G27');
    const fold = page.getByRole('button', { name: '9 cells with rounding differences or notes' });
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    // Only the cards in view are drawn: scroll down to the rounding differences.
    const a25 = page.locator('button[data-cell="Revenue Budget!A25"]');
    for (let i = 0; i < 20 && !(await a25.count()); i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(50);
    }
    expect(await findingButtons().count()).toBeGreaterThan(6);
    const a25Text = await a25.innerText();
    expect(a25Text).toContain('Rounding difference');
    expect(a25Text).toContain('Revenue Budget!A25');
    expect(a25Text).toContain('Revenue budget (Appendix A), A4:G40');
    expect(a25Text).toContain(
      'CUSTOMER SERVICES & OPERATIONS total for Budget 2014/15 is 18,546,064 but its lines add up to 18,546,065',
    );
    // Its name is what it shows (no aria-label that says something else).
    expect(await a25.getAttribute('aria-label')).toBeNull();
    expect(
      await page.locator('button[data-cell="Budget Summary!B18"]').innerText(),
      'the net budget line sits in the net budget table',
    ).toContain('Net budget, A15:B20');

    await a25.scrollIntoViewIfNeeded();
    await a25.click();
    expect(await a25.getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('04-findings.png');
    await fold.click();
    await expectTidy();
  });

  it('filters from the strip of counts; with Errors on and no errors it says so plainly', async () => {
    const { page } = pane;
    const strip = page.getByRole('group', { name: 'Show' });
    const errors = strip.getByRole('button', { name: '0 errors' });
    await errors.click();
    expect(await errors.getAttribute('aria-pressed')).toBe('true');
    await page.getByText('No errors found.').waitFor();
    expect(await findingButtons().count()).toBe(0);
    await shot('05-errors-filter.png');
    await strip.getByRole('button', { name: '10 warnings' }).click();
    // The list redraws after the click: counted once it has (a loaded machine draws it later).
    await expect.poll(() => findingButtons().count()).toBe(6);
    expect(await page.locator('button[data-cell]', { hasText: 'Positive saving' }).count()).toBe(2);
    await strip.getByRole('button', { name: '9 rounding' }).click();
    await page.getByRole('heading', { name: 'Rounding differences and notes: 9 cells' }).waitFor();
    expect(await page.locator('button[data-cell][data-severity="warning"]').count()).toBe(0);
    expect(await page.locator('button[data-cell]', { hasText: 'Rounding difference' }).count()).toBeGreaterThan(4);
    // Pressed again, a count shows everything (the rounding difference chosen earlier keeps its fold open).
    await strip.getByRole('button', { name: '9 rounding' }).click();
    await page.getByRole('heading', { name: 'Warnings: 6 cells' }).waitFor();
    await expectTidy();
  });

  it('walks the issues with Next and Previous issue and with F8 and Shift+F8, like a spell-checker', async () => {
    const { page } = pane;
    const position = page.getByText(/^(Warning|Error) \d+ of \d+:|issues to look at$/);
    const next = page.getByRole('button', { name: 'Next issue' });
    expect(await next.getAttribute('aria-keyshortcuts')).toBe('F8');
    await next.click();
    await page.getByText('Warning 1 of 6: Number held as text, Savings!C14').waitFor();
    expect(await page.locator('button[data-cell="Savings!C14"]').getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('F8');
    await page.getByText(/^Warning 2 of 6: Positive saving .*, Savings!D17$/).waitFor();
    await page.keyboard.press('Shift+F8');
    await page.keyboard.press('Shift+F8');
    await page.getByText(/^Warning 6 of 6: .*, Savings!C27$/).waitFor();
    const current = page.locator('button[aria-current="true"][data-cell]');
    expect(await current.getAttribute('data-cell')).toBe('Savings!C27');
    // The keyboard stays on Next issue, and the card shown is in view, not under the sticky bar.
    await next.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Warning 1 of 6: Number held as text, Savings!C14').waitFor();
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    const [card, bar] = await Promise.all([
      current.boundingBox(),
      page.getByRole('region', { name: 'Findings' }).boundingBox(),
    ]);
    expect(card!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    expect(card!.y + card!.height).toBeLessThanOrEqual(900);
    expect(await position.count()).toBe(1);
    await shot('08-next-issue.png');
    await expectTidy();
  });

  it('downloads the workbook as <name>-mtfs.xlsx, a workbook ExcelJS reads back', async () => {
    const { page } = pane;
    await page.evaluate(() => window.scrollTo(0, 0));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download workbook' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('corporate-resources-2015-mtfs.xlsx');
    const saved = path.join(work, 'downloaded.xlsx');
    await download.saveAs(saved);
    const back = await XlsxWorkbook.open(await readFile(saved));
    const original = await XlsxWorkbook.open(await readFile(FIXTURE));
    expect(await back.listSheets()).toEqual(await original.listSheets());
    await expectTidy();
  });

  it('explains a file it cannot read in plain words, in a message bar, and keeps the workbook it had', async () => {
    const { page } = pane;
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Budget notes, not a workbook\n'),
    });
    const bar = page.getByRole('group').filter({ hasText: 'Could not open notes.txt' });
    await bar.waitFor();
    await shot('06-not-xlsx.png');
    expect(await bar.locator('.fui-MessageBarTitle').innerText()).toBe('Could not open notes.txt');
    expect(await bar.innerText()).toContain('The file is not an .xlsx workbook.');
    expect(await page.getByText('7 tables, 0 errors, 10 warnings, 9 rounding differences').isVisible()).toBe(true);

    // A password-protected workbook is an OLE container holding an "EncryptionInfo" stream.
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.alloc(512),
    ]);
    await input.setInputFiles({ name: 'locked.xlsx', mimeType: 'application/octet-stream', buffer: ole });
    const locked = page.getByRole('group').filter({ hasText: 'Could not open locked.xlsx' });
    await locked.waitFor();
    const lockedText = await locked.innerText();
    expect(lockedText).toContain('The workbook is password-protected; remove the password in Excel');
    expect(lockedText).not.toMatch(/\bat \S+:\d+|Error:|WorkbookReadError/);
    await locked.getByRole('button', { name: 'Dismiss' }).click();
    expect(await locked.count()).toBe(0);
    await expectTidy();
  });

  it('works from the keyboard: Tab reaches the file button, the views, the filter and the findings', async () => {
    const { page } = pane;
    // Start where a user would: a click on the pane's heading puts the keyboard at the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('heading', { level: 1 }).click();
    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const label =
            el.getAttribute('aria-label') ??
            (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
            el.textContent ??
            '';
          return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${label.trim().slice(0, 40)}`;
        }),
      );
    }
    expect(order).toEqual([
      'button:Open another file',
      'button:Download workbook',
      'tab:Check',
      'button:0 errors',
      'button:10 warnings',
      'button:9 rounding',
      'button:Previous issue',
      'button:Next issue',
    ]);
    // Then the findings: Enter on a focused finding chooses it. The chosen one (Savings!C14, from Next issue) is
    // followed by the one button that opens its sign-off.
    await page.keyboard.press('Tab');
    const focused = page.locator('button[data-cell]:focus');
    expect(await focused.getAttribute('data-cell')).toBe('Savings!C14');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Sign off Savings!C14');
    await page.keyboard.press('Tab');
    expect(await focused.getAttribute('data-cell')).toBe('Savings!D17');
    await page.keyboard.press('Enter');
    expect(await focused.getAttribute('aria-current')).toBe('true');
    await shot('07-keyboard-focus.png');
    await expectTidy();
  });
});
