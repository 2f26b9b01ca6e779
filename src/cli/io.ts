import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WorkbookReadError } from '../engine/port';
import { XlsxWorkbook } from '../hosts/xlsx';

/** Exit codes, as docs/cli.md documents them. */
export const EXIT = { ok: 0, errorsFound: 1, unreadable: 2 } as const;

/** A command that cannot go ahead, with the plain reason printed to stderr and its exit code (2: nothing written). */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

/** Opens an .xlsx file for a command, turning every way it can fail into one plain reason. */
export async function openWorkbook(path: string): Promise<XlsxWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : String((e as Error).message);
    throw new WorkbookReadError('not-xlsx', reason);
  }
  return XlsxWorkbook.open(bytes);
}

/** Writes the whole file or nothing: a half-written workbook is worse than none. */
export async function writeAtomically(output: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `the folder ${dirname(output)} does not exist`
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (e as Error).message;
    throw new CommandFailure(`cannot write ${output}: ${reason}; nothing was written`);
  }
}
