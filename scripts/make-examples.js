#!/usr/bin/env node
'use strict';
// Maintainer script: builds the demo's sample workbooks in examples/ from the published fixtures
// (public data) in test/fixtures. Users never need to run it: the samples are committed.
const ExcelJS = require('exceljs');
const { copyFileSync } = require('node:fs');
const { resolve } = require('node:path');

const fixtures = resolve(__dirname, '../test/fixtures');
const examples = resolve(__dirname, '../examples');

async function main() {
  copyFileSync(resolve(fixtures, 'corporate-resources-2015.xlsx'), resolve(examples, 'corporate-resources-2015.xlsx'));
  copyFileSync(
    resolve(fixtures, 'commercial-projects-example.xlsx'),
    resolve(examples, 'commercial-projects-example.xlsx'),
  );
  const department = new ExcelJS.Workbook();
  await department.xlsx.readFile(resolve(fixtures, 'corporate-resources-2015.xlsx'));
  const proposals = new ExcelJS.Workbook();
  await proposals.xlsx.readFile(resolve(fixtures, 'commercial-projects-example.xlsx'));
  const from = proposals.getWorksheet('Commercial Projects');
  const to = department.addWorksheet('Commercial Projects');
  from.columns.forEach((col, i) => (to.getColumn(i + 1).width = col.width));
  from.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const target = to.getCell(r, c);
      target.value = cell.value;
      target.style = JSON.parse(JSON.stringify(cell.style));
    });
  });
  await department.xlsx.writeFile(resolve(examples, 'corporate-resources-2015-with-proposals.xlsx'));
  console.log('examples written to', examples);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
