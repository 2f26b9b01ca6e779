/** Timing with tinybench, and running `node` children for whole-process measurements. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bench } from 'tinybench';

export const ROOT = resolve(__dirname, '..');

/** Milliseconds over the runs of one task. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  p75: number;
  runs: number;
}

export interface TimingOptions {
  /** Runs measured (at least). */
  runs: number;
  /** Unmeasured runs first (JIT, file cache). */
  warmup?: number;
  /** Keep running past `runs` until this many milliseconds have passed (for fast tasks). */
  minTimeMs?: number;
}

/** Times one task with tinybench: median, min, max and p75 of its runs. */
export async function time(name: string, fn: () => unknown, options: TimingOptions): Promise<Timing> {
  const warmup = options.warmup ?? 0;
  const bench = new Bench({
    iterations: options.runs,
    time: options.minTimeMs ?? 0,
    warmup: warmup > 0,
    warmupIterations: warmup,
    warmupTime: 0,
    throws: true,
  });
  bench.add(name, fn);
  await bench.run();
  const result = bench.tasks[0].result;
  if (result.state !== 'completed') throw new Error(`${name}: ${result.state}`);
  const { p50, min, max, p75, samplesCount } = result.latency;
  return { median: p50, min, max, p75, runs: samplesCount };
}

/** Runs `node args…` in the project folder; rejects unless it exits with one of `okCodes`. Output is discarded. */
export function node(args: string[], options: { okCodes?: number[]; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const okCodes = options.okCodes ?? [0];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== null && okCodes.includes(code)) done();
      else
        fail(
          new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`),
        );
    });
  });
}

/** Runs a node child with bench/maxrss.cjs preloaded; returns its peak resident set size in bytes. */
export async function peakRss(args: string[], okCodes?: number[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'mtfs-bench-rss-'));
  const file = join(dir, 'maxrss');
  try {
    await node(['-r', join(ROOT, 'bench', 'maxrss.cjs'), ...args], { okCodes, env: { MTFS_BENCH_MAXRSS: file } });
    return Number(readFileSync(file, 'utf8')) * 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
