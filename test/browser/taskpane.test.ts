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

  it('opens the fixture with a progress bar, then lists the 7 tables found, both capital programme blocks included', async () => {
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
    expect(await progress.count()).toBe(0);
    expect(await page.getByText('corporate-resources-2015.xlsx — CORPORATE RESOURCES').isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Check', selected: true }).count()).toBe(1);

    const rows = page.getByRole('table', { name: /Tables found/ }).getByRole('row');
    expect(await rows.count()).toBe(8); // header + 7 tables
    const text = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(text.slice(1)).toEqual([
      'Department budget summary Budget Summary A4:E11 7',
      'Net budget Budget Summary A15:B20 5',
      'Revenue budget (Appendix A) Revenue Budget A4:G40 26',
      'Growth (Appendix B) Growth A4:F15 4',
      'Savings (Appendix B) Savings A4:G27 15',
      'Capital programme (Appendix C) Capital Programme A4:H15 6',
      'Capital programme (Appendix C) Capital Programme A19:H25 4',
    ]);
    await shot('03-checked.png');
    await expectTidy();
  });

  it('lists the findings by sheet and table, each with its cell; choosing one in browser mode is harmless', async () => {
    const { page } = pane;
    expect(await findingButtons().count()).toBe(19);
    const revenue = page.getByRole('region', { name: /^Revenue Budget: 8 findings$/ });
    expect(await revenue.getByRole('heading', { name: 'Revenue budget (Appendix A), A4:G40' }).count()).toBe(1);
    const a25 = revenue.locator('button[data-cell="Revenue Budget!A25"]');
    expect(await a25.count()).toBe(1);
    const a25Text = await a25.innerText();
    expect(a25Text).toContain('Rounding difference');
    expect(a25Text).toContain('A25');
    expect(a25Text).toContain(
      'CUSTOMER SERVICES & OPERATIONS total for Budget 2014/15 is 18,546,064 but its lines add up to 18,546,065',
    );
    expect(await a25.getAttribute('aria-label')).toMatch(/^Rounding: Rounding difference, cell Revenue Budget!A25\. /);
    // The net budget's Gross Costs line sits in the Net budget table on the Budget Summary sheet.
    const b18 = page
      .getByRole('region', { name: /^Budget Summary: 1 finding$/ })
      .locator('button[data-cell="Budget Summary!B18"]');
    expect(await b18.count()).toBe(1);

    await a25.scrollIntoViewIfNeeded();
    await a25.click();
    expect(await a25.getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('alert').count()).toBe(0);
    await revenue.getByRole('heading', { name: 'Revenue Budget', exact: true }).scrollIntoViewIfNeeded();
    await shot('04-findings.png');
    await expectTidy();
  });

  it('filters by severity; with Errors on and no errors it says so plainly', async () => {
    const { page } = pane;
    const filter = page.getByRole('combobox', { name: 'Show' });
    await filter.selectOption('error');
    await page.getByText('No errors found.').waitFor();
    expect(await findingButtons().count()).toBe(0);
    await filter.scrollIntoViewIfNeeded();
    await shot('05-errors-filter.png');
    await filter.selectOption('warning');
    expect(await findingButtons().count()).toBe(10);
    expect(await page.locator('button[data-cell]', { hasText: 'Positive saving' }).count()).toBe(2);
    await filter.selectOption('info');
    expect(await findingButtons().count()).toBe(9);
    expect(await page.locator('button[data-cell]', { hasText: 'Rounding difference' }).count()).toBe(9);
    await filter.selectOption('all');
    expect(await findingButtons().count()).toBe(19);
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
    expect(order.slice(0, 5)).toEqual([
      'button:Open another file',
      'button:Download workbook',
      'tab:Check',
      'select:Show',
      expect.stringMatching(/^button:Rounding: Rounding difference, cell Bud/),
    ]);
    // Enter on a focused finding chooses it.
    const focused = page.locator('button[data-cell]:focus');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused.count()).toBe(1);
    await page.keyboard.press('Enter');
    expect(await focused.getAttribute('aria-current')).toBe('true');
    await shot('07-keyboard-focus.png');
    await expectTidy();
  });
});
