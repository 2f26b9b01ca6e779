/**
 * Correcting how a table was read, in the task pane in Chromium at 350 px (browser mode): on a workbook the reader
 * gets wrong, correct a column's role, a row's role and a table's signs, see the findings change, download the
 * workbook, open it again and see the corrections applied; the command line on the downloaded file gives the same
 * findings, and not one input cell changed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mtfs } from '../support/cli';
import { misreadSheets } from '../support/misread';
import { gridsToBuffer, readGrids } from '../support/workbooks';
import { type Pane, type PaneSession, SHOTS, startPane } from './harness';

const AXE = createRequire(__filename).resolve('axe-core/axe.min.js');

/** What axe-core finds on the page, in words, leaving out Fluent UI's hidden focus-trap markers. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await a.run(document)).violations as { id: string; nodes: { html: string; target: string[] }[] }[];
  });
  return violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) }))
    .filter((v) => v.nodes.length)
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

describe('correcting the reading in the task pane at 350 px', () => {
  let work: string;
  let original: string;
  let saved: string;
  let session: PaneSession;
  let pane: Pane;

  beforeAll(async () => {
    session = await startPane('reading');
    ({ work, pane } = session);
    original = path.join(work, 'misread.xlsx');
    await writeFile(original, await gridsToBuffer(misreadSheets()));
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) => pane.page.screenshot({ path: path.join(SHOTS, name), animations: 'disabled' });
  const settled = () =>
    pane.page.waitForFunction(() => !document.querySelector('[role="progressbar"]'), undefined, { timeout: 60_000 });
  const cards = () => pane.page.locator('button[data-cell]').evaluateAll((els) => els.map((e) => e.dataset.cell));
  const summary = () => pane.page.getByRole('status').first().innerText();

  async function open(file: string) {
    await pane.page.locator('input[type=file]').first().setInputFiles(file);
    await pane.page.getByText(path.basename(file), { exact: true }).waitFor();
    await settled();
  }

  async function expectTidy() {
    const [scrollWidth, clientWidth] = await pane.page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth, 'no horizontal scrolling at 350 px').toBeLessThanOrEqual(clientWidth);
    expect(pane.foreignRequests).toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  }

  /** Opens a table's reading by its line in Tables found. */
  async function openReading(kind: string, sheet: string) {
    const button = pane.page
      .getByRole('list', { name: 'Tables found' })
      .getByRole('button', { name: `${kind} · ${sheet}` });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    return pane.page.getByRole('region', { name: `How ${kind} on ${sheet} was read` });
  }

  it('shows how each table was read, the unsure ones first with their question', async () => {
    const { page } = pane;
    await open(original);
    expect(await summary()).toMatch(/^2 tables, 4 errors, 2 warnings/);
    expect(await cards()).toEqual(['Growth!C8', 'Growth!D8', 'Growth!E8', 'Growth!F8', 'Savings!D4', 'Savings!D5']);
    const fold = page.getByRole('button', { name: 'Tables found (2)' });
    await fold.click();
    const list = page.getByRole('list', { name: 'Tables found' });
    const text = (await list.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(text).toEqual([
      'Growth (Appendix B) · Growth A3:F8 3 lines What does row 8 "Total growth" add up? No way of adding up the rows near it gives its figures.',
      'Savings (Appendix B) · Savings A3:E6 2 lines Is column B the classification? 2 of 2 entries are Eff, SR or Income.',
    ]);

    const growth = await openReading('Growth (Appendix B)', 'Growth');
    const words = await growth.innerText();
    expect(words).toContain('Read with low confidence; lines down the rows; heading in row 3.');
    expect(words).toContain('Row 8 Total growth adds up rows 5:7 (low confidence)');
    expect(await growth.getByRole('combobox', { name: 'Column F is' }).inputValue()).toBe('figures');
    expect(await growth.getByRole('combobox', { name: "Column C's figures are in" }).inputValue()).toBe('£000');
    expect(await growth.getByRole('combobox', { name: 'Row 7 is' }).inputValue()).toBe('line');
    expect(await growth.getByRole('combobox', { name: 'Row 8 is' }).inputValue()).toBe('total');
    // The table's line and its reading at the top, below the Check view's sticky toolbar.
    await page.getByRole('list', { name: 'Tables found' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -150));
    await shot('05-reading.png');
    await expectTidy();
    expect(await axe(page)).toEqual([]);
  });

  it('corrects a column, a row and the signs in a click each, and the findings change at once', async () => {
    const { page } = pane;
    const growth = page.getByRole('region', { name: 'How Growth (Appendix B) on Growth was read' });
    // Column F holds staff numbers, not money: ignore it, and its total's error goes.
    await growth.getByRole('combobox', { name: 'Column F is' }).selectOption('ignored');
    await page.getByText(/^2 tables, 3 errors, 2 warnings/).waitFor();
    expect(await cards()).not.toContain('Growth!F8');
    // Row 7 "Staffing element" is a memo line: the total adds up without it.
    await growth.getByRole('combobox', { name: 'Row 7 is' }).selectOption('memo');
    await page.getByText(/^2 tables, 0 errors, 2 warnings/).waitFor();
    expect(await growth.getByRole('combobox', { name: 'Row 7 is' }).inputValue()).toBe('memo');
    expect(await growth.innerText()).toContain('Row 8 Total growth adds up rows 5:6 (high confidence)');
    // The savings are printed positive and taken away.
    const savings = await openReading('Savings (Appendix B)', 'Savings');
    await savings.getByRole('combobox', { name: 'Signs of its figures' }).selectOption('shown-positive');
    await page.getByText(/^2 tables, 0 errors, 0 warnings/).waitFor();
    expect(await cards()).toEqual([]);

    const kept = page.getByRole('list', { name: 'Your corrections to the reading' });
    expect((await kept.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Table at Growth!A3: column F is ignored. Applied. Undo',
      'Table at Growth!A3: row 7 (Staffing element) is a memo line, in no total. Applied. Undo',
      'Table at Savings!A3: its figures are shown positive and taken away. Applied. Undo',
    ]);
    // Undo, and the warnings come back; make it again.
    await kept.getByRole('button', { name: 'Undo: its figures are shown positive and taken away' }).click();
    await page.getByText(/^2 tables, 0 errors, 2 warnings/).waitFor();
    await savings.getByRole('combobox', { name: 'Signs of its figures' }).selectOption('shown-positive');
    await page.getByText(/^2 tables, 0 errors, 0 warnings/).waitFor();
    await kept.scrollIntoViewIfNeeded();
    await shot('06-reading-corrected.png');
    await expectTidy();
  });

  it('keeps the corrections in the downloaded workbook: reopened, they apply; the command line agrees', async () => {
    const { page } = pane;
    await page.evaluate(() => window.scrollTo(0, 0));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download workbook' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('misread-mtfs.xlsx');
    saved = path.join(work, 'misread-mtfs.xlsx');
    await download.saveAs(saved);
    expect(await readGrids(saved), 'not one input cell changed').toEqual(await readGrids(original));

    await open(original);
    await page.getByText(/^2 tables, 4 errors, 2 warnings/).waitFor();
    await open(saved);
    expect(await summary()).toMatch(/^2 tables, 0 errors, 0 warnings/);
    expect(
      await page.getByRole('list', { name: 'Your corrections to the reading' }).getByRole('listitem').count(),
    ).toBe(3);
    const fold = page.getByRole('button', { name: 'Tables found (2)' });
    if ((await fold.getAttribute('aria-expanded')) !== 'true') await fold.click();
    // From the keyboard: the table's line opens and closes with Enter.
    const line = page
      .getByRole('list', { name: 'Tables found' })
      .getByRole('button', { name: 'Growth (Appendix B) · Growth' });
    const wasOpen = (await line.getAttribute('aria-expanded')) === 'true';
    await line.focus();
    await page.keyboard.press('Enter');
    expect(await line.getAttribute('aria-expanded')).toBe(String(!wasOpen));
    const growth = await openReading('Growth (Appendix B)', 'Growth');
    expect(await growth.getByRole('combobox', { name: 'Row 7 is' }).inputValue()).toBe('memo');
    expect(await growth.getByRole('combobox', { name: 'Column F is' }).inputValue()).toBe('ignored');

    const cli = mtfs('check', saved, '--json');
    expect(cli.code, cli.stderr).toBe(0);
    const json = JSON.parse(cli.stdout) as { findings: unknown[]; corrections: { applied: boolean }[] };
    expect(json.findings).toEqual([]);
    expect(json.corrections.map((c) => c.applied)).toEqual([true, true, true]);
    const before = mtfs('check', original, '--json');
    const cells = (JSON.parse(before.stdout) as { findings: { sheet: string; cell: string }[] }).findings.map(
      (f) => `${f.sheet}!${f.cell}`,
    );
    expect([...new Set(cells)]).toEqual([
      'Growth!C8',
      'Growth!D8',
      'Growth!E8',
      'Growth!F8',
      'Savings!D4',
      'Savings!D5',
    ]);
    await expectTidy();
  });
});
