'use strict';
// Preloaded into a child process (node -r bench/maxrss.cjs ...): writes its peak resident set
// size in kilobytes to the file named by MTFS_BENCH_MAXRSS when it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.MTFS_BENCH_MAXRSS;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
