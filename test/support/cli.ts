import { spawnSync } from 'node:child_process';
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
