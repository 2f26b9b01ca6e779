import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './paths';

/**
 * The command-line tests run bin/mtfs.js, which runs the compiled dist/. Compiling here, once before
 * any test, means every run tests what the source says now, never a stale build.
 */
export default function compileCli(): void {
  const tsc = createRequire(__filename).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
}
