import { spawnSync } from 'node:child_process';
import { MTFS_BIN, ROOT } from './paths';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would (compiled by `npm run build:cli`, which `npm test` runs first). */
export function mtfs(...args: string[]): Run {
  const r = spawnSync(process.execPath, [MTFS_BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
