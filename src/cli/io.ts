import { rmSync, type Stats } from 'node:fs';
import { chmod, lstat, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { MAX_FILE_BYTES, tooLargeFileReason } from '../engine/limits';
import type { OutputSheet } from '../engine/output';
import type { WritePlan } from '../engine/ownership';
import { parseCorrections, type ReadingCorrection } from '../engine/reader/corrections';
import { WorkbookReadError, type WorkbookPort } from '../engine/port';
import { writeOutputs, WriteRefused } from '../engine/workflow';
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

/** What kind of thing a path is, in words, when it is not a regular file. */
function notAFile(s: Stats): string | null {
  if (s.isFile()) return null;
  if (s.isDirectory()) return 'it is a folder, not a file';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'it is a device, not a file';
  if (s.isFIFO()) return 'it is a pipe, not a file';
  if (s.isSocket()) return 'it is a socket, not a file';
  return 'it is not a regular file';
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return String((e as Error).message);
}

/** Corrections files are small: a finance team's corrections to a pack run to a few hundred entries. */
const MAX_CORRECTIONS_BYTES = 1_000_000;

/**
 * Reads a `--reading` file of corrections (JSON, or YAML when it ends .yaml or .yml) to how tables are read (docs/cli.md): every bad entry is
 * named and nothing is applied, so a half-read file never gives half-corrected findings.
 */
export async function readCorrectionsFile(path: string): Promise<ReadingCorrection[]> {
  const fail = (why: string) => new CommandFailure(`cannot use the corrections in ${path}: ${why}`);
  let text: string;
  try {
    const s = await stat(path);
    const other = notAFile(s);
    if (other) throw fail(other);
    if (s.size > MAX_CORRECTIONS_BYTES) throw fail('it is larger than 1 MB; is it the right file?');
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw e instanceof CommandFailure ? e : fail(ioReason(e));
  }
  const yaml = /\.ya?ml$/i.test(path);
  let json: unknown;
  try {
    // Few aliases: a YAML file cannot expand into millions of entries ("billion laughs").
    // yaml is loaded only when a YAML file is given: otherwise it is a fifth of the command line's start-up.
    json = yaml ? (await import('yaml')).parse(text, { maxAliasCount: 50 }) : JSON.parse(text);
  } catch (e) {
    throw fail(`it is not ${yaml ? 'YAML' : 'JSON'} (${(e as Error).message.split('\n')[0]})`);
  }
  const { corrections, problems } = parseCorrections(json);
  if (problems.length) throw fail(problems.join('; '));
  return corrections;
}

/**
 * Opens an .xlsx file for a command, turning every way it can fail into one plain reason. What the
 * path is and how big it is are looked at before a byte is read: a device (/dev/zero), a pipe or a
 * file over the size limit is refused without reading it.
 */
export async function openWorkbook(path: string): Promise<XlsxWorkbook> {
  let bytes: Buffer;
  try {
    const s = await stat(path);
    const kind = notAFile(s);
    if (kind) throw new WorkbookReadError('not-xlsx', kind);
    if (s.size > MAX_FILE_BYTES) throw new WorkbookReadError('too-large', tooLargeFileReason(s.size));
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError('not-xlsx', ioReason(e));
  }
  return XlsxWorkbook.open(bytes, nodeInflate);
}

/**
 * Node's own zlib inflates a workbook's parts in native code: the command line starts cold every
 * time, and fflate's inflater (plain JavaScript, what browser mode uses) costs a few hundred
 * milliseconds on a 3 MB workbook before it is compiled. Never more than the part's stated size.
 */
function nodeInflate(data: Uint8Array, size: number): Uint8Array {
  // One output buffer with room to spare, so zlib hands it back as it is rather than joining pieces.
  return inflateRawSync(data, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, size + 1) });
}

/** A file's identity: its device and inode once links are followed (on Windows, its volume and file id). */
async function identity(path: string): Promise<string | null> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

export interface OutputInput {
  file: string;
  /** Said when the output is this input: why that is refused. */
  sameFile: string;
  /** --in-place: the output may be this input itself. */
  inPlace?: boolean;
}

/**
 * Checks, before anything is read, where a command will write: a regular file or a new path, never
 * a link, a folder or a device, and never one of the inputs under another name (a link to its
 * folder, /proc/self/cwd/…, a hard link) unless --in-place allows that one. Returns the full path.
 */
export async function checkOutput(output: string, inputs: OutputInput[]): Promise<string> {
  const path = resolve(output);
  let s: Stats | null = null;
  try {
    s = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new CommandFailure(`cannot write ${output}: ${ioReason(e)}; nothing was written`);
  }
  if (s?.isSymbolicLink())
    throw new CommandFailure(
      `cannot write ${output}: it is a symbolic link, and mtfs writes only to a regular file or a new path (it would replace the link, not write through it); give the path of the file itself; nothing was written`,
    );
  const kind = s && notAFile(s);
  if (kind)
    throw new CommandFailure(
      `cannot write ${output}: ${kind}; give the path of a new or existing .xlsx file; nothing was written`,
    );
  if (!s) return path;
  const out = await identity(path);
  for (const input of inputs) {
    if (out === null || out !== (await identity(input.file))) continue;
    if (!input.inPlace) throw new CommandFailure(input.sameFile);
  }
  return path;
}

/** `.out.xlsx.<pid>.tmp`: where a file is written before it takes its name. */
const TEMP = /^\.(.+)\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what an earlier write of the same file left when it was killed (its process is gone). */
async function cleanStaleTemps(folder: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || m[1] !== name || Number(m[2]) === process.pid || alive(Number(m[2]))) continue;
    const at = join(folder, entry);
    const s = await lstat(at).catch(() => null);
    if (s?.isFile()) await rm(at, { force: true });
  }
}

/** Temporary files being written now, removed if the process is stopped (Ctrl-C) before they are renamed. */
const pending = new Set<string>();
let handlersSet = false;

function removePendingOnSignal(): void {
  if (handlersSet) return;
  handlersSet = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const temp of pending) {
        try {
          rmSync(temp, { force: true });
        } catch {
          // Nothing more can be done while stopping; the next write of this file removes it.
        }
      }
      process.exit(130);
    });
  }
}

/**
 * Writes the whole file or nothing: a half-written workbook is worse than none. The bytes go to a
 * new temporary file beside the output (created, never opened through an existing name), then take
 * the output's name. A temporary file left by a killed run is removed on the next write of the same
 * file; a stopped run (Ctrl-C) removes its own.
 */
export async function writeAtomically(output: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(output);
  const temp = join(folder, `.${basename(output)}.${process.pid}.tmp`);
  await cleanStaleTemps(folder, basename(output));
  removePendingOnSignal();
  pending.add(temp);
  try {
    const previous = await stat(output).catch(() => null);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    if (previous?.isFile()) await chmod(temp, previous.mode & 0o777).catch(() => undefined);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `the folder ${folder} does not exist`
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (e as Error).message;
    throw new CommandFailure(`cannot write ${output}: ${reason}; nothing was written`);
  } finally {
    pending.delete(temp);
  }
}

/** Writes the add-in's sheets through the port; a refusal (a user's sheet of the same name) becomes the command's failure. */
export async function writeOrFail(
  port: WorkbookPort,
  sheets: { sheet: OutputSheet; owned: boolean }[],
): Promise<WritePlan> {
  try {
    return await writeOutputs(port, sheets);
  } catch (e) {
    if (e instanceof WriteRefused) throw new CommandFailure(e.message);
    throw e;
  }
}
