// `npm run corpus`: writes every corpus case to test/corpus/files/ so it can be opened by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES } from './cases';

void (async () => {
  const dir = join(__dirname, 'files');
  mkdirSync(dir, { recursive: true });
  for (const c of CASES) {
    writeFileSync(join(dir, c.file), await c.build());
    console.log(`${c.file.padEnd(36)} ${c.what}`);
  }
})();
