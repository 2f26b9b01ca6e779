import { readFile } from 'node:fs/promises';
import { WorkbookReadError } from '../hosts/port';
import { XlsxWorkbook } from '../hosts/xlsx';

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
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new WorkbookReadError('not-xlsx', reason);
  }
  return XlsxWorkbook.open(bytes);
}
