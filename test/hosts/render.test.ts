/**
 * The report printed as a new user would print it: the written .xlsx rendered to PDF by
 * LibreOffice (headless, with a profile of its own), each page told to its sheet by the header
 * (the sheet's name in its centre). The bundled example's MTFS Summary prints on at most two
 * pages, the Proposal Scores on one, every report sheet on at least one.
 *
 * Needs `soffice` (Debian's libreoffice-calc) and `pdftotext` (poppler-utils); .ci/run installs
 * them. Without them the test says so and is skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, FINDINGS_SHEET, SCORES_SHEET, SUMMARY_SHEET } from '../../src/engine/report';
import { scoreWorkbook } from '../../src/engine/scoring';
import { checkThrough, writeOutputs } from '../../src/engine/workflow';
import { XlsxWorkbook } from '../../src/hosts/xlsx';
import { EXAMPLE_WITH_PROPOSALS } from '../support/paths';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const tools = has('soffice') && has('pdftotext') && has('pdfinfo');
if (!tools)
  console.warn(
    'render.test.ts skipped: LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) are needed to print the report to PDF',
  );

const dir = mkdtempSync(join(tmpdir(), 'mtfs-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The report written into the example, printed to PDF; each page's sheet, by its header. */
async function printed(): Promise<string[]> {
  const wb = await XlsxWorkbook.open(new Uint8Array(readFileSync(EXAMPLE_WITH_PROPOSALS)));
  const { read, check } = await checkThrough(wb);
  const report = buildReport(check, { scores: scoreWorkbook(read.inputs), paper: { source: 'example.xlsx' } });
  await writeOutputs(wb, report.sheets);
  const file = join(dir, 'report.xlsx');
  writeFileSync(file, await wb.toBuffer());
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'ignore', timeout: 240_000 },
  );
  const pdf = join(dir, 'report.pdf');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  const names = [SUMMARY_SHEET, SCORES_SHEET, FINDINGS_SHEET, 'Scoring Model'];
  return Array.from({ length: pages }, (_, i) => {
    const top = execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, '-layout', pdf, '-'], {
      encoding: 'utf8',
    }).split('\n')[0];
    return names.find((n) => top.includes(`Corporate Resources Department`) && top.includes(n)) ?? '';
  });
}

describe.skipIf(!tools)('the report printed by LibreOffice', () => {
  it('prints the MTFS Summary on at most two pages, the scores on at most two, each sheet headed by its name', async () => {
    const sheets = await printed();
    const pages = (name: string) => sheets.filter((s) => s === name).length;
    expect(pages(SUMMARY_SHEET)).toBeGreaterThanOrEqual(1);
    expect(pages(SUMMARY_SHEET)).toBeLessThanOrEqual(2);
    // The ranking on the first page; who scored what, the weights' robustness and what it would take after it.
    expect(pages(SCORES_SHEET)).toBeGreaterThanOrEqual(1);
    expect(pages(SCORES_SHEET)).toBeLessThanOrEqual(2);
    expect(pages(FINDINGS_SHEET)).toBeGreaterThanOrEqual(1);
    expect(pages(FINDINGS_SHEET)).toBeLessThanOrEqual(2);
    expect(pages('Scoring Model')).toBe(1);
  }, 300_000);
});
