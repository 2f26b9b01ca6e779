/**
 * The task pane at 20,000 lines, in Chromium at 350 px (the production bundle, through playwright-core): the longest
 * task on the page's main thread in each view (PerformanceObserver 'longtask'), how long the check's first result
 * takes against reading the file, and how long a Scenario switch takes to change the totals. Run by `npm run bench`;
 * `npx tsx bench/pane.ts` runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchPane, serveDir, sharedBuild } from '../test/browser/harness';
import { generateWorkbook } from './generate';

export const PANE_LINES = 20_000;
export const LONG_TASK_LIMIT_MS = 100;
export const SWITCH_LIMIT_MS = 50;
export const FIRST_RESULT_RATIO = 1.5;

export interface PaneFigures {
  lines: number;
  bytes: number;
  /**
   * The longest main-thread task (ms) while doing each thing, 0 when none passed Chromium's 50 ms; `frameMs`, the longest
   * in office.js's own frame (see recordLongTasks), counted apart.
   */
  longest: { what: string; ms: number; tasks: number; frameMs: number }[];
  readMs: number;
  /** The check's first findings on screen (the findings so far, while the rest of the workbook is read). */
  firstResultMs: number;
  /** The whole check on screen. */
  checkedMs: number;
  readyMs: number;
  /** Milliseconds from a switch's click to the totals showing its effect: single lines, and whole tables. */
  switches: number[];
  groupSwitches: number[];
}

interface LongTask {
  start: number;
  ms: number;
  /** Chromium's attribution: 'self' for the pane's own page, 'cross-origin-descendant' for a frame of another origin. */
  from: string;
}

/**
 * Starts recording long tasks before the pane's scripts run. The pane has no frames of its own (its policy allows
 * none); outside Office, office.js adds a hidden telemetry frame 3 s after it loads (o15apptofilemappingtable.js's
 * ULSEndpointProxy) and the policy blocks it, so Chromium draws an error page in that frame, on this thread. Its tasks
 * are attributed to a cross-origin descendant and counted apart: the pane cannot make them shorter.
 */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: LongTask[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, ms: e.duration, from: e.name });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks since the last call, then forgets them. */
async function takeLongTasks(page: Page): Promise<{ ms: number; tasks: number; frameMs: number }> {
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: LongTask[] }).__longTasks.splice(0));
  const ours = tasks.filter((t) => t.from !== 'cross-origin-descendant');
  const frame = tasks.filter((t) => t.from === 'cross-origin-descendant');
  return {
    ms: Math.max(0, ...ours.map((t) => t.ms)),
    tasks: ours.length,
    frameMs: Math.max(0, ...frame.map((t) => t.ms)),
  };
}

/** Clicks `selector` in the page and times until the proposed budget's first year shows another figure. */
function timeSwitch(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (sel) =>
      new Promise<number>((resolve, reject) => {
        const cell = document.querySelector('[data-row="proposed"] td');
        const target = document.querySelector<HTMLElement>(sel);
        if (!cell || !target) return reject(new Error(`nothing at ${sel}`));
        const before = cell.textContent;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (cell.textContent === before) return;
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(cell, { childList: true, characterData: true, subtree: true });
        target.click();
        setTimeout(() => reject(new Error('the totals did not change within 5 s')), 5000);
      }),
    selector,
  );
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[role="progressbar"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(300);
}

export async function measurePane(log: (s: string) => void = () => undefined): Promise<PaneFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'mtfs-bench-pane-'));
  const made = await generateWorkbook({ lines: PANE_LINES, dir });
  log('pane: building the task pane');
  const server = await serveDir(await sharedBuild());
  const pane = await launchPane(server.origin);
  const { page } = pane;
  const longest: PaneFigures['longest'] = [];
  const note = async (what: string) => {
    const t = await takeLongTasks(page);
    longest.push({ what, ...t });
    const frame = t.frameMs ? `; office.js's frame ${t.frameMs.toFixed(0)} ms` : '';
    log(`pane: ${what}: longest task ${t.ms.toFixed(0)} ms (${t.tasks} over 50 ms${frame})`);
  };
  try {
    await recordLongTasks(page);
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole('button', { name: 'Open an .xlsx file' }).waitFor();
    await takeLongTasks(page);

    log(`pane: opening the ${PANE_LINES.toLocaleString('en-GB')}-line workbook`);
    await page.locator('input[type=file]').setInputFiles(made.file);
    await page.getByText(/^56 tables, /).waitFor({ timeout: 120_000 });
    await settle(page);
    // The first of each mark: the opening's (a later check, after writing the report, marks again).
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .reverse()
          .map((m) => [m.name, m.startTime]),
      ),
    );
    await note('Opening and checking the file');

    for (let i = 0; i < 12; i++) await page.keyboard.press('F8');
    const rounding = page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /rounding/ });
    await rounding.click();
    for (let y = 0; y < 20; y++) {
      await page.mouse.wheel(0, 3000);
      await page.waitForTimeout(30);
    }
    await rounding.click();
    await note('Check: Next issue ×12, rounding shown and scrolled through');

    for (const tab of ['Score', 'Report']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForTimeout(800);
      await note(`${tab}: opening the tab`);
    }

    await page.getByRole('tab', { name: 'Scenario', exact: true }).click();
    await page.locator('[data-row="proposed"] td').first().waitFor();
    await page.waitForTimeout(800);
    await note('Scenario: opening the tab');
    const switches: number[] = [];
    for (let i = 0; i < 10; i++) switches.push(await timeSwitch(page, '[data-line]'));
    const groupSwitches: number[] = [];
    for (let i = 0; i < 4; i++) {
      const name = i % 2 === 0 ? /^All \d+ out$/ : /^All \d+ in$/;
      const button = page.getByRole('button', { name }).first();
      const id = `group-switch-${i}`;
      await button.evaluate((el, v) => el.setAttribute('data-bench', v), id);
      groupSwitches.push(await timeSwitch(page, `[data-bench="${id}"]`));
    }
    for (let y = 0; y < 15; y++) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(30);
    }
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('Review');
    await page.waitForTimeout(300);
    await page.getByRole('searchbox', { name: 'Find lines' }).fill('');
    await page.waitForTimeout(300);
    await note('Scenario: 10 line switches, 4 table switches, scrolled, searched');

    await page.getByRole('tab', { name: 'Compare', exact: true }).click();
    await page.locator('input[type=file]').nth(1).setInputFiles(made.file);
    await page
      .getByText(/ unchanged/)
      .first()
      .waitFor({ timeout: 120_000 });
    await settle(page);
    await note('Compare: comparing with a 20,000-line previous MTFS');

    await page.getByRole('tab', { name: 'Report', exact: true }).click();
    await page.getByRole('button', { name: 'Write report' }).click();
    await page.locator('.fui-MessageBarTitle', { hasText: /^Written$/ }).waitFor({ timeout: 300_000 });
    await settle(page);
    await note('Report: writing the report and checking again');

    return {
      lines: made.expected.lines,
      bytes: made.bytes,
      longest,
      readMs: marks['mtfs:read'] - marks['mtfs:open'],
      firstResultMs: marks['mtfs:first-result'] - marks['mtfs:open'],
      checkedMs: marks['mtfs:check'] - marks['mtfs:open'],
      readyMs: marks['mtfs:ready'] - marks['mtfs:open'],
      switches,
      groupSwitches,
    };
  } finally {
    await pane.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measurePane((s) => process.stderr.write(`${s}\n`))
    .then((f) => process.stdout.write(`${JSON.stringify(f, null, 2)}\n`))
    .catch((e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    });
}
