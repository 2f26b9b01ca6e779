#!/usr/bin/env node
'use strict';
// `npm run demo`: the main job on the sample workbooks kept in examples/ — check every total,
// score the commercial proposals, and write the house-format report into a new workbook in out/.
const { spawnSync } = require('node:child_process');
const { mkdirSync } = require('node:fs');
const { resolve, relative } = require('node:path');

const root = resolve(__dirname, '..');
const bin = resolve(root, 'bin/mtfs.js');
const sample = 'examples/corporate-resources-2015-with-proposals.xlsx';
const output = 'out/corporate-resources-2015-report.xlsx';

function step(title, args) {
  console.log(`\n=== ${title}\n$ mtfs ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status === 2) {
    console.error(`\nThe demo stopped: "mtfs ${args[0]}" could not finish (see the message above).`);
    process.exit(2);
  }
  return r.status;
}

mkdirSync(resolve(root, 'out'), { recursive: true });
step('1. Check every total in the department workbook', ['check', sample]);
step('2. Score the commercial proposals, and choose within a £1m investment envelope', [
  'score',
  sample,
  '--envelope',
  '1000',
]);
step('3. Write the house-format report into a copy of the workbook', [
  'report',
  sample,
  '-o',
  output,
  '--envelope',
  '1000',
]);
console.log(`\nDone. The report is in ${relative(process.cwd(), resolve(root, output)) || output}:`);
console.log('  open it in Excel and see the sheets MTFS Summary, Proposal Scores and MTFS Findings');
console.log('  (the input sheets are exactly as they were in the sample).');
