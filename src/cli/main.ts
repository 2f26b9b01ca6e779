import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbookReadError } from '../engine/port';
import { registerCheck } from './check';
import { registerCompare } from './compare';
import { CommandFailure } from './io';
import { EXIT, out } from './output';
import { registerMark } from './mark';
import { registerReport } from './report';
import { registerScenario } from './scenario';
import { registerScore } from './score';

/** The package's version, from package.json beside the compiled dist/ (two folders up from dist/cli). */
function version(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function program(): Command {
  const cmd = new Command('mtfs')
    .description('Check, score and report on house-format MTFS workbooks (.xlsx).')
    .version(version(), '-V, --version', 'print the version of mtfs')
    .showHelpAfterError()
    .exitOverride();
  registerCheck(cmd);
  registerScore(cmd);
  registerReport(cmd, out);
  registerCompare(cmd, out);
  registerScenario(cmd);
  registerMark(cmd);
  return cmd;
}

/** A reader that stops early (`mtfs check x.xlsx | head`) is not an error worth a stack trace. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export async function run(argv: string[]): Promise<void> {
  quietOnClosedPipe();
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT.unreadable;
      return;
    }
    if (e instanceof WorkbookReadError) {
      process.stderr.write(
        `mtfs: cannot read ${argv.slice(3).find((a) => !a.startsWith('-')) ?? 'the file'}: ${e.message}\n`,
      );
      process.exitCode = EXIT.unreadable;
      return;
    }
    if (e instanceof CommandFailure) {
      process.stderr.write(`mtfs: ${e.message}\n`);
      process.exitCode = e.code;
      return;
    }
    process.stderr.write(`mtfs: unexpected problem: ${(e as Error).message}\n`);
    process.exitCode = EXIT.unreadable;
  }
}
