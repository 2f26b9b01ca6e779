/**
 * Where the command line reads and writes: never a device or a pipe, never through a link, never
 * over one of its inputs reached by another name, and no litter left by a write that was killed.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mtfs, type Run } from '../support/cli';
import { CORPORATE_RESOURCES, MTFS_BIN } from '../support/paths';
import { tempDir } from '../support/workbooks';
import { zipOf } from '../support/zip-edit';

/** A folder holding a copy of the published paper, and a link to the folder itself (`linkdir` → `.`). */
function workspace(): { dir: string; input: string; second: string; linkdir: string; bytes: Buffer } {
  const dir = tempDir('mtfs-files-');
  const input = join(dir, 'input.xlsx');
  const second = join(dir, 'second.xlsx');
  copyFileSync(CORPORATE_RESOURCES, input);
  copyFileSync(CORPORATE_RESOURCES, second);
  symlinkSync('.', join(dir, 'linkdir'));
  return { dir, input, second, linkdir: join(dir, 'linkdir'), bytes: readFileSync(input) };
}

/** Runs mtfs in a given folder (for paths such as /proc/self/cwd/…). */
function mtfsIn(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [MTFS_BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function refused(r: Run, words: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(words);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toContain('Wrote');
}

describe('reading: only a regular file, its size known before it is read', () => {
  it('refuses /dev/zero at once as a device, rather than reading it for ever', () => {
    refused(mtfs('check', '/dev/zero'), 'cannot read /dev/zero: it is a device, not a file');
  });

  it('refuses a folder and a pipe in words', () => {
    const dir = tempDir();
    refused(mtfs('check', dir), 'it is a folder, not a file');
    const fifo = join(dir, 'pipe.xlsx');
    spawnSync('mkfifo', [fifo]);
    refused(mtfs('check', fifo), 'it is a pipe, not a file');
  });
});

describe('never over an input reached by another name', () => {
  it('report: -o through a link to the folder, through /proc/self/cwd and a hard link are all the input', () => {
    const w = workspace();
    linkSync(w.input, join(w.dir, 'hard.xlsx'));
    for (const out of [join(w.linkdir, 'input.xlsx'), join(w.dir, 'hard.xlsx')])
      refused(mtfs('report', w.input, '-o', out), 'the output would overwrite the input');
    refused(
      mtfsIn(w.dir, 'report', 'input.xlsx', '-o', '/proc/self/cwd/input.xlsx'),
      'the same file, reached by another name',
    );
    expect(readFileSync(w.input)).toEqual(w.bytes);
  });

  it('report --in-place may write its own input by another name, and then does', () => {
    const w = workspace();
    const r = mtfs('report', w.input, '-o', join(w.linkdir, 'input.xlsx'), '--in-place');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(w.input)).not.toEqual(w.bytes);
    expect(lstatSync(join(w.dir, 'linkdir')).isSymbolicLink()).toBe(true);
  });

  it('compare: neither the previous MTFS nor (without --in-place) this one, by any name', () => {
    const w = workspace();
    refused(
      mtfs('compare', w.input, w.second, '-o', join(w.linkdir, 'input.xlsx')),
      'the output would overwrite the previous MTFS',
    );
    refused(
      mtfs('compare', w.input, w.second, '-o', join(w.linkdir, 'second.xlsx')),
      '--in-place to add the Changes sheet',
    );
    refused(
      mtfsIn(w.dir, 'compare', 'input.xlsx', 'second.xlsx', '-o', '/proc/self/cwd/input.xlsx', '--in-place'),
      'the output would overwrite the previous MTFS',
    );
    expect(readFileSync(w.input)).toEqual(w.bytes);
    expect(readFileSync(w.second)).toEqual(w.bytes);
  });

  it('council report: none of the inputs, by any name', () => {
    const w = workspace();
    refused(
      mtfs('report', w.input, w.second, '-o', join(w.linkdir, 'second.xlsx')),
      'the council workbook is written to a new file',
    );
    refused(mtfsIn(w.dir, 'report', 'input.xlsx', 'second.xlsx', '-o', '/proc/self/cwd/input.xlsx'), 'is the input');
    expect(readFileSync(w.second)).toEqual(w.bytes);
  });
});

describe('writing only to a regular file or a new path', () => {
  it('refuses an -o that is a symbolic link, leaving the link and what it points at as they were', () => {
    const w = workspace();
    const target = join(w.dir, 'elsewhere.xlsx');
    writeFileSync(target, 'not to be touched');
    symlinkSync(target, join(w.dir, 'link.xlsx'));
    refused(mtfs('report', w.input, '-o', join(w.dir, 'link.xlsx')), 'it is a symbolic link');
    expect(lstatSync(join(w.dir, 'link.xlsx')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('not to be touched');
  });

  it('refuses a device (/dev/full, /dev/null) and a folder, and leaves them as they were', () => {
    const w = workspace();
    for (const device of ['/dev/full', '/dev/null']) {
      refused(mtfs('report', w.input, '-o', device), `cannot write ${device}: it is a device, not a file`);
      expect(statSync(device).isCharacterDevice()).toBe(true);
    }
    mkdirSync(join(w.dir, 'folder.xlsx'));
    refused(mtfs('report', w.input, '-o', join(w.dir, 'folder.xlsx')), 'it is a folder, not a file');
  });

  it('removes the temporary file a killed write left beside the output, and leaves no new one', () => {
    const w = workspace();
    // A process id no process has: the run that left this file is gone.
    let dead = 4_194_000;
    for (; dead > 1000; dead--) {
      try {
        process.kill(dead, 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ESRCH') break;
      }
    }
    const stale = join(w.dir, `.out.xlsx.${dead}.tmp`);
    writeFileSync(stale, Buffer.alloc(4 * 1024 * 1024));
    const r = mtfs('report', w.input, '-o', join(w.dir, 'out.xlsx'));
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(w.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writing commands on files that are not what they seem', () => {
  it('report on a zip that is not a workbook says so and writes nothing (it crashed on date1904)', () => {
    const dir = tempDir();
    const input = join(dir, 'notes.xlsx');
    writeFileSync(input, zipOf({ 'notes.txt': 'not a workbook' }));
    refused(mtfs('report', input, '-o', join(dir, 'out.xlsx')), 'the file is not an Excel workbook');
    expect(existsSync(join(dir, 'out.xlsx'))).toBe(false);
  });

  it("report never replaces a user's sheet that carries a name like the old marker", async () => {
    const dir = tempDir();
    const input = join(dir, 'forged.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CORPORATE_RESOURCES);
    wb.addWorksheet('MTFS Summary').getCell('A1').value = 'my own summary, typed by hand';
    wb.definedNames.add("'MTFS Summary'!$A$1", 'MTFS_Owned_MTFS_Summary');
    await wb.xlsx.writeFile(input);
    refused(
      mtfs('report', input, '-o', join(dir, 'out.xlsx')),
      'A sheet called "MTFS Summary" already exists and was not written by the add-in',
    );
  });
});
