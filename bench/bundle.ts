/**
 * The task pane's production bundle: what a user's browser downloads before the pane can show
 * anything (taskpane.html and the scripts and styles it names), gzipped as a server would send it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './measure';

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
  firstLoad: boolean;
}

export interface BundleSize {
  files: BundleFile[];
  firstLoadGzip: number;
  totalGzip: number;
  /** Scripts the page loads from elsewhere (office.js from Microsoft's CDN): not ours, not counted. */
  external: string[];
}

/** Local scripts and stylesheets taskpane.html loads itself (not chunks loaded later by import()). */
function referencedByPage(html: string): { local: string[]; external: string[] } {
  const refs = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => m[1] ?? m[2]);
  return { local: refs.filter((r) => !/^[a-z]+:\/\//i.test(r)), external: refs.filter((r) => /^[a-z]+:\/\//i.test(r)) };
}

/** Runs `npm run build` (webpack, production) and sizes what it emitted. */
export function measureBundle(): BundleSize {
  const dir = mkdtempSync(join(tmpdir(), 'mtfs-bench-webpack-'));
  const statsFile = join(dir, 'stats.json');
  try {
    const build = spawnSync('npm', ['run', 'build', '--', `--json=${statsFile}`], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (build.status !== 0)
      throw new Error(
        `npm run build failed: ${(build.stderr || build.stdout).trim().split('\n').slice(-5).join(' / ')}`,
      );
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { outputPath: string; assets: { name: string }[] };
    const page = referencedByPage(readFileSync(join(stats.outputPath, 'taskpane.html'), 'utf8'));
    const first = new Set(['taskpane.html', ...page.local]);
    const files = stats.assets
      .map((a) => a.name)
      .filter((name) => /\.(js|css|html)$/.test(name))
      .map((file) => {
        const bytes = readFileSync(join(stats.outputPath, file));
        return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, firstLoad: first.has(file) };
      })
      .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip);
    const sum = (xs: BundleFile[]) => xs.reduce((n, f) => n + f.gzip, 0);
    return {
      files,
      firstLoadGzip: sum(files.filter((f) => f.firstLoad)),
      totalGzip: sum(files),
      external: page.external,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
