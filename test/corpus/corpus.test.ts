import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtfs, mtfsWithPeak } from '../support/cli';
import { tempDir } from '../support/workbooks';
import { CASES, HOSTILE_MEMORY_MB } from './cases';

const dir = tempDir('mtfs-corpus-');

interface JsonFinding {
  rule: string;
  sheet: string;
  cell: string;
  message: string;
}

describe('hostile and broken workbooks: the check says what it could and could not read', () => {
  for (const c of CASES) {
    it(
      `${c.file}: ${c.what}`,
      async () => {
        const file = join(dir, c.file);
        writeFileSync(file, await c.build());
        const r = c.hostile ? mtfsWithPeak('check', file, '--json') : { ...mtfs('check', file, '--json'), peakMB: 0 };
        expect(r.peakMB, `peak memory ${r.peakMB.toFixed(0)} MB`).toBeLessThan(HOSTILE_MEMORY_MB);
        expect(r.code, r.stderr).toBe(c.expect.exit);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        if (c.expect.exit === 2) {
          expect(r.stdout).toBe('');
          expect(r.stderr.trim().split('\n')).toHaveLength(1);
          expect(r.stderr).toContain(c.expect.reason!);
          return;
        }
        const doc = JSON.parse(r.stdout) as { tables: unknown[]; findings: JsonFinding[] };
        const found = doc.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
        if (c.expect.tables !== undefined) expect(doc.tables).toHaveLength(c.expect.tables);
        if (c.expect.only) expect(found).toEqual(c.expect.only);
        for (const f of c.expect.findings ?? []) expect(found).toContain(f);
        for (const f of c.expect.absent ?? []) expect(found).not.toContain(f);
        if (c.expect.message) expect(doc.findings.map((f) => f.message).join('\n')).toContain(c.expect.message);
      },
      c.slow ? 240_000 : 60_000,
    );
  }
});
