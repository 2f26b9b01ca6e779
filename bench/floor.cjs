'use strict';
// The floors mtfs is measured against, as child processes like `mtfs` itself:
//   node bench/floor.cjs load <file.xlsx>               ExcelJS loads the workbook, nothing else
//   node bench/floor.cjs load-write <file.xlsx> <out>   ExcelJS loads it and writes it back out
//   node bench/floor.cjs scan <file.xlsx>               unzip the package (fflate) and look at every XML byte once:
//                                                       the least any reader of the file must do
const { readFileSync, writeFileSync } = require('node:fs');

async function main([mode, file, out]) {
  if (mode === 'scan') {
    const { unzipSync } = require('fflate');
    let tags = 0;
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(file))))
      if (name.endsWith('.xml')) for (let i = 0; i < bytes.length; i++) if (bytes[i] === 60) tags++;
    if (tags === 0) throw new Error('no XML in the package');
    return;
  }
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file));
  if (mode === 'load-write') writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
  else if (mode !== 'load') throw new Error(`unknown mode ${mode}`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(2);
});
