/**
 * The task pane at 350 px in Chromium on a 20,000-line council-wide workbook, in every view (what works, not how fast:
 * the timings are `npm run bench`'s), in Excel's themes (light, dark, high contrast, forced colours) with a
 * screenshot of each, and checked by axe-core for accessibility problems of the pane's own making.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkbook, type GeneratedWorkbook } from '../../bench/generate';
import { CORPORATE_RESOURCES, EXAMPLE_WITH_PROPOSALS } from '../support/paths';
import { type Pane, type PaneSession, SHOTS, startPane } from './harness';

const AXE = createRequire(__filename).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page at rest (injected through the debugging protocol, so the page's policy is unchanged).
 * It first waits for every finite animation and transition to end: a proposal just opened fades in over 200 ms
 * (Fluent's accordion motion) and a button enabled again after work takes 100 ms to reach its colours. Judged
 * mid-fade, their text is reported as too faint, which is not what anyone reads.
 */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await a.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
}

/**
 * What axe found, in words, leaving out Fluent UI's own focus-trap markers (Tabster's hidden `<i tabindex="0">`
 * dummies, which it places around focus groups): not of the pane's making, and not reachable as content.
 */
const words = (v: AxeViolation[]) =>
  v
    .map((x) => ({ ...x, nodes: x.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) }))
    .filter((x) => x.nodes.length > 0)
    .map(
      (x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join('; ')}`,
    );

describe('the task pane at 350 px: 20,000 lines, themes, accessibility', () => {
  let session: PaneSession;
  let pane: Pane;
  let work: string;
  let big: GeneratedWorkbook;

  beforeAll(async () => {
    session = await startPane('pane');
    ({ work, pane } = session);
    big = await generateWorkbook({ lines: 20_000, dir: work });
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) => pane.page.screenshot({ path: path.join(SHOTS, name), animations: 'disabled' });
  const tab = async (name: string) => {
    await pane.page.evaluate(() => window.scrollTo(0, 0));
    await pane.page.getByRole('tab', { name, exact: true }).click();
  };
  const settled = () =>
    pane.page.waitForFunction(() => !document.querySelector('[role="progressbar"]'), undefined, { timeout: 180_000 });
  const elements = () => pane.page.evaluate(() => document.querySelectorAll('*').length);

  async function open(file: string) {
    await pane.page.locator('input[type=file]').first().setInputFiles(file);
    await pane.page.getByText(path.basename(file), { exact: true }).waitFor({ timeout: 180_000 });
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

  it('Check at 20,000 lines: the counts, Next issue through the warnings, rounding shown, a page of a few thousand elements', async () => {
    const { page } = pane;
    await open(big.file);
    await page.getByText(/^56 tables, 0 errors, 134 warnings, 1165 rounding differences/).waitFor();
    expect(await page.getByRole('group', { name: 'Workbook' }).innerText()).toContain('Council-wide: 8 departments');
    const strip = page.getByRole('group', { name: 'Show' });
    expect(await strip.innerText()).toMatch(/^0\s+errors\s+134\s+warnings\s+1,165\s+rounding$/);
    await page.getByRole('button', { name: 'Next issue' }).click();
    await page.getByText(/^Warning 1 of \d+: /).waitFor();
    for (let i = 0; i < 5; i++) await page.keyboard.press('F8');
    await page.getByText(/^Warning 6 of \d+: /).waitFor();
    expect(await page.locator('button[aria-current="true"][data-cell]').count()).toBe(1);
    await strip.getByRole('button', { name: /rounding/ }).click();
    await page.mouse.wheel(0, 20_000);
    await page.waitForTimeout(200);
    expect(await page.locator('button[data-cell]').count()).toBeGreaterThan(3);
    expect(await elements(), 'only the rows in view are drawn').toBeLessThan(3_000);
    await strip.getByRole('button', { name: /rounding/ }).click();
    await expectTidy();
  }, 300_000);

  it('Score, Report, Scenario and Compare at 20,000 lines all work, drawing only what is on screen', async () => {
    const { page } = pane;
    await tab('Score');
    await page.getByText(/^300 proposals scored/).waitFor();
    const drawn = page.locator('[data-ref]');
    expect(await drawn.count(), 'the proposals in view are drawn, not all 300').toBeLessThan(40);
    // The chart opens a proposal not yet drawn, far down the list: it is drawn, opened and given the keyboard.
    const shown = new Set(await drawn.evaluateAll((els) => els.map((e) => e.getAttribute('data-ref'))));
    const points = await page
      .locator('figure [role="button"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const label = points.find((l) => !shown.has(l.split(':')[0]))!;
    const ref = label.split(':')[0];
    const far = page.getByRole('button', { name: label, exact: true });
    await far.click();
    const header = page.locator(`[data-ref="${ref}"]`).getByRole('button').first();
    await expect.poll(() => header.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => header.evaluate((h) => h === document.activeElement)).toBe(true);
    expect(
      await header.evaluate((h) => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < innerHeight),
    ).toBe(true);
    // From the keyboard, Tab walks the proposals in rank order past the first screenful: each is drawn before it is reached.
    await page.evaluate(() => window.scrollTo(0, 0));
    const firstRef = await drawn.first().getAttribute('data-ref');
    await page.locator(`[data-ref="${firstRef}"]`).getByRole('button').first().focus();
    const walked: number[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      walked.push(
        await page.evaluate(() => Number(document.activeElement?.closest('[data-index]')?.getAttribute('data-index'))),
      );
    }
    expect(walked).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await tab('Report');
    await page.locator('[data-year]').first().waitFor();
    expect(await page.getByRole('button', { name: 'Write report' }).boundingBox()).not.toBeNull();

    await tab('Scenario');
    const proposed = page.locator('[data-row="proposed"] td').first();
    await proposed.waitFor();
    expect(await page.getByText(/^5,525 lines$/).count()).toBe(1);
    expect(await elements(), 'the Scenario view draws a screenful of lines').toBeLessThan(4_000);
    const before = await proposed.innerText();
    await page.getByRole('switch').first().click();
    await expect.poll(() => proposed.innerText()).not.toBe(before);
    // A whole table out, then back in.
    const table = page.getByRole('group', { name: /^Growth \(Appendix B\), / }).first();
    await table.getByRole('button', { name: /^All \d+ out$/ }).click();
    await page.getByText(/^Switched out: .* and [\d,]+ more\./).waitFor();
    await table.getByRole('button', { name: /^All \d+ in$/ }).click();
    await expect.poll(() => proposed.innerText()).toBe(before);
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('Review of');
    await page.getByText(/^[\d,]+ of 5,525 lines found$/).waitFor();
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('');
    await page.mouse.wheel(0, 50_000);
    await page.waitForTimeout(200);
    expect(await elements()).toBeLessThan(4_000);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('30-scenario-20000.png');

    await tab('Compare');
    await page.locator('input[type=file]').nth(1).setInputFiles(big.file);
    await page.getByText(/^0 new, 0 amended, \d+ unchanged, 0 removed/).waitFor({ timeout: 480_000 });
    await settled();
    expect(await elements(), 'thousands of lines to say something about, a screenful drawn').toBeLessThan(4_000);
    await expectTidy();
  }, 600_000);

  it('writes the report of a 20,000-line workbook', async () => {
    const { page } = pane;
    await tab('Report');
    await page.getByRole('button', { name: 'Write report' }).click();
    await page.locator('.fui-MessageBarTitle', { hasText: /^Written$/ }).waitFor({ timeout: 240_000 });
    await settled();
    await expectTidy();
  }, 300_000);

  describe("follows Excel's themes", () => {
    const themeOf = () => pane.page.locator('[data-theme]').first().getAttribute('data-theme');

    beforeAll(async () => {
      await open(EXAMPLE_WITH_PROPOSALS);
    }, 300_000);

    afterAll(async () => {
      await pane.page.emulateMedia({ colorScheme: 'light', forcedColors: 'none', contrast: 'no-preference' });
    });

    it('light, dark and high contrast, with a screenshot of each', async () => {
      const { page } = pane;
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(themeOf).toBe('light');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('40-theme-light.png');
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(themeOf).toBe('dark');
      const background = await page
        .locator('[data-theme]')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).not.toBe('rgb(255, 255, 255)');
      await shot('41-theme-dark.png');
      await page.emulateMedia({ colorScheme: 'light', contrast: 'more' });
      await expect.poll(themeOf).toBe('contrast');
      await shot('42-theme-high-contrast.png');
      await page.emulateMedia({ contrast: 'no-preference' });
      await expect.poll(themeOf).toBe('light');
    });

    it('forced colours: the charts (bridge, risk and reward, weight ranges) take the system colours', async () => {
      const { page } = pane;
      await page.emulateMedia({ forcedColors: 'active' });
      await expect.poll(themeOf).toBe('contrast');
      const system = await page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.color = 'CanvasText';
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      });
      await tab('Scenario');
      const bridge = page.getByRole('group', { name: 'Budget bridge, £000' });
      await bridge.scrollIntoViewIfNeeded();
      const fills = await bridge.locator('text').evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
      expect(new Set(fills)).toEqual(new Set([system]));
      await shot('43-forced-colours-bridge.png');
      await tab('Score');
      const chart = page.getByRole('group', { name: /^Risk and reward of 5 proposals/ });
      const chartFills = await chart.locator('text').evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
      expect(new Set(chartFills)).toEqual(new Set([system]));
      const tornado = page.getByRole('group', { name: /^How far each weight can move/ });
      const tornadoFills = await tornado.locator('text').evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
      expect(new Set(tornadoFills)).toEqual(new Set([system]));
      await chart.scrollIntoViewIfNeeded();
      await shot('44-forced-colours-chart.png');
      await page.emulateMedia({ forcedColors: 'none' });
      await tab('Check');
    });
  });

  describe('axe-core finds nothing of the pane’s own making', () => {
    it('in every view, with a proposal open and a comparison shown', async () => {
      const { page } = pane;
      const found: string[] = [];
      const check = async (where: string) => found.push(...words(await axe(page)).map((w) => `${where}: ${w}`));
      await open(EXAMPLE_WITH_PROPOSALS);
      await check('Check');
      await page.getByRole('button', { name: 'Next issue' }).click();
      await page.getByRole('button', { name: 'Tables found (7)' }).click();
      await check('Check, an issue shown, tables open');
      await tab('Score');
      await page.getByText(/^5 proposals scored/).waitFor();
      await page.locator('[data-ref="C3"]').getByRole('button').first().click();
      await page.getByLabel('Investment envelope, £000').fill('1,000');
      await page.getByRole('status', { name: 'Chosen within the envelope' }).waitFor();
      await check('Score, C3 open, envelope chosen');
      await tab('Report');
      await check('Report');
      await tab('Scenario');
      await page.locator('[data-row="proposed"] td').first().waitFor();
      await page.getByLabel('Target 2015/16').fill('33,000');
      await check('Scenario, with a target');
      await tab('Compare');
      await page.locator('input[type=file]').nth(1).setInputFiles(CORPORATE_RESOURCES);
      await page
        .getByText(/ unchanged, /)
        .first()
        .waitFor();
      await check('Compare');
      expect(found).toEqual([]);
    }, 180_000);
  });
});
