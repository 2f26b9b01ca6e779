import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MTFS_BIN, ROOT } from './paths';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would (compiled once per test run in test/support/global-setup.ts). */
export function mtfs(...args: string[]): Run {
  const r = spawnSync(process.execPath, [MTFS_BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** As mtfs(), also giving the process's peak memory (resident set, MB), as bench/maxrss.cjs records it. */
export function mtfsWithPeak(...args: string[]): Run & { peakMB: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mtfs-rss-'));
  const file = join(dir, 'maxrss');
  try {
    const r = spawnSync(process.execPath, ['-r', join(ROOT, 'bench', 'maxrss.cjs'), MTFS_BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, MTFS_BENCH_MAXRSS: file },
    });
    return {
      code: r.status ?? -1,
      stdout: r.stdout,
      stderr: r.stderr,
      peakMB: (Number(readFileSync(file, 'utf8')) * 1024) / 1e6,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
