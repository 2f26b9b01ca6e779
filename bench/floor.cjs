'use strict';
// The floors mtfs is measured against, as child processes like `mtfs` itself:
//   node bench/floor.cjs load <file.xlsx>               ExcelJS loads the workbook, nothing else
//   node bench/floor.cjs load-write <file.xlsx> <out>   ExcelJS loads it and writes it back out
const { readFileSync, writeFileSync } = require('node:fs');
const ExcelJS = require('exceljs');

async function main([mode, file, out]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file));
  if (mode === 'load-write') writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
  else if (mode !== 'load') throw new Error(`unknown mode ${mode}`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(2);
});
