/**
 * Writes the constructed unseen-layout workbooks (test/fixtures/unseen/layouts.ts) as .xlsx files, to try the
 * command line on them: `npm run unseen -- <folder>` then `node bin/mtfs.js check <folder>/<name>.xlsx --explain`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { unseenLayouts } from '../test/fixtures/unseen/layouts';
import { writeGrids } from '../test/support/workbooks';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? 'out/unseen';
  mkdirSync(dir, { recursive: true });
  for (const layout of unseenLayouts()) await writeGrids(layout.sheets, join(dir, `${layout.name}.xlsx`));
  process.stdout.write(`wrote ${unseenLayouts().length} workbooks to ${dir}\n`);
}

void main();
