import { MAX_FILE_BYTES, tooLargeFileReason } from '../../engine/limits';
import { WorkbookReadError } from '../../engine/port';

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** True when a compound (OLE) file holds an encrypted Office package rather than an old .xls. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const needle = 'EncryptionInfo';
  const limit = Math.min(bytes.length, 4 * 1024 * 1024);
  outer: for (let i = 0; i < limit - needle.length * 2; i++) {
    for (let j = 0; j < needle.length; j++)
      if (bytes[i + j * 2] !== needle.charCodeAt(j) || bytes[i + j * 2 + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Says, in one line, why bytes are not a workbook we can read; null when they may be one. */
export function unreadableReason(bytes: Uint8Array): WorkbookReadError | null {
  if (bytes.length === 0) return new WorkbookReadError('empty', 'the file is empty (0 bytes)');
  if (startsWith(bytes, OLE)) {
    return isEncryptedPackage(bytes)
      ? new WorkbookReadError(
          'password',
          'the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook) and try again',
        )
      : new WorkbookReadError(
          'not-xlsx',
          'this is an old-style .xls workbook; save it as .xlsx in Excel and try again',
        );
  }
  if (!startsWith(bytes, ZIP)) return new WorkbookReadError('not-xlsx', 'the file is not an .xlsx workbook');
  if (bytes.length > MAX_FILE_BYTES) return new WorkbookReadError('too-large', tooLargeFileReason(bytes.length));
  return null;
}
