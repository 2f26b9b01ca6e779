import { Inflate, inflateSync, Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import { MAX_PARTS, MAX_UNPACKED_BYTES, tooManyPartsReason, unpackedTooLargeReason } from '../../engine/limits';
import { WorkbookReadError } from '../../engine/port';

/**
 * The zip container of an .xlsx package, read without inflating anything first: the central
 * directory says each part's name, sizes and where its bytes are, so the package's part count and
 * declared sizes are checked before a byte is inflated, and a part is inflated only when asked for,
 * in slices, stopping where its declared size ends. Writing copies the parts it did not change as
 * they are (their compressed bytes, CRC and sizes), through fflate's zip writer.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header in the file. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function corrupt(detail: string): WorkbookReadError {
  return new WorkbookReadError('corrupt', `the file could not be opened as an .xlsx workbook (${detail})`);
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8');
const latin = new TextDecoder('latin1');

/** Where the end-of-central-directory record starts, looking back over the longest comment a zip may have. */
function findEnd(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) if (u32(bytes, i) === EOCD) return i;
  throw corrupt('it is cut short or is not a zip package');
}

/** The package's parts as its central directory lists them; nothing is inflated. */
export function readEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const end = findEnd(bytes);
  const count = u16(bytes, end + 10);
  const dirSize = u32(bytes, end + 12);
  let at = u32(bytes, end + 16);
  if (count === 0xffff || at === 0xffffffff)
    throw corrupt('it uses the zip64 format, which no .xlsx under 100 MB needs');
  if (count > MAX_PARTS) throw new WorkbookReadError('too-large', tooManyPartsReason(count));
  if (at + dirSize > end) throw corrupt('its table of contents is damaged');
  const entries = new Map<string, ZipEntry>();
  let unpacked = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) throw corrupt('its table of contents is damaged');
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: (flags & 0x800 ? utf8 : latin).decode(rawName),
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    };
    if (flags & 1)
      throw new WorkbookReadError(
        'password',
        'the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook) and try again',
      );
    if (entry.localOffset + 30 + entry.compressedSize > bytes.length)
      throw corrupt(`the part ${entry.name} is cut short`);
    unpacked += entry.size;
    if (unpacked > MAX_UNPACKED_BYTES) throw new WorkbookReadError('too-large', unpackedTooLargeReason());
    // Part names are case-insensitive in a package (OPC); kept by the name as written, looked up by either.
    if (!entry.name.endsWith('/')) entries.set(entry.name, entry);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** The compressed bytes of a part, as they sit in the file. */
export function rawData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localOffset;
  if (u32(bytes, at) !== LOCAL) throw corrupt(`the part ${entry.name} is damaged`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) throw corrupt(`the part ${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Compressed bytes are handed to the inflater in slices this big, so no slice can unpack to more than about 64 MB at once. */
const SLICE = 64 * 1024;
/**
 * A part that unpacks to no more than this is inflated in one go into a buffer of its declared
 * size (which cannot grow past it), several times faster than in slices; larger ones are streamed.
 */
const WHOLE = 32 * 1024 * 1024;
/** Content is handed on in pieces this big, so a reader can stop early. */
const PIECE = 256 * 1024;

/**
 * Inflates a whole part (raw deflate) into at most `size` bytes. A host with a quicker inflater of
 * its own (Node's zlib, for the command line) gives it to the package; it may throw on anything
 * unusual, and the part is then inflated by fflate as before, so a damaged part reads the same
 * whichever inflater was given.
 */
export type Inflater = (data: Uint8Array, size: number) => Uint8Array;

function inflateWhole(data: Uint8Array, size: number, quick: Inflater | undefined): Uint8Array {
  if (quick) {
    try {
      const out = quick(data, size);
      if (out.length <= size) return out;
    } catch {
      // fflate says what is wrong with the part, below.
    }
  }
  return inflateSync(data, { out: new Uint8Array(size) });
}

/**
 * Inflates a part in slices, handing each piece of its content to `take`, which returns false to
 * stop early (a sheet at the cell limit). A part that unpacks past its declared size is damaged
 * (or built to exhaust memory) and is refused there.
 */
export function inflateInto(
  bytes: Uint8Array,
  entry: ZipEntry,
  take: (chunk: Uint8Array) => boolean | void,
  quick?: Inflater,
): void {
  const data = rawData(bytes, entry);
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += SLICE) if (take(data.subarray(i, i + SLICE)) === false) return;
    return;
  }
  if (entry.method !== 8) throw corrupt(`the part ${entry.name} is compressed in a way Excel does not use`);
  if (entry.size <= WHOLE) {
    let whole: Uint8Array;
    try {
      whole = inflateWhole(data, entry.size, quick);
    } catch {
      throw corrupt(`the part ${entry.name} is damaged`);
    }
    for (let i = 0; i < whole.length; i += PIECE) if (take(whole.subarray(i, i + PIECE)) === false) return;
    return;
  }
  let seen = 0;
  let stopped = false;
  const inflater = new Inflate((chunk) => {
    if (stopped) return;
    seen += chunk.length;
    if (seen > entry.size) throw corrupt(`the part ${entry.name} unpacks to more than its stated size`);
    if (take(chunk) === false) stopped = true;
  });
  try {
    for (let i = 0; i < data.length && !stopped; i += SLICE)
      inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw corrupt(`the part ${entry.name} is damaged`);
  }
}

/** A whole part's bytes (for the small parts read whole: the workbook, relationships, styles). */
export function inflatePart(bytes: Uint8Array, entry: ZipEntry, quick?: Inflater): Uint8Array {
  const out = new Uint8Array(entry.size);
  let at = 0;
  inflateInto(
    bytes,
    entry,
    (chunk) => {
      out.set(chunk, at);
      at += chunk.length;
    },
    quick,
  );
  if (at !== entry.size) throw corrupt(`the part ${entry.name} is shorter than its stated size`);
  return out;
}

/** A part as it goes into the written package: copied as it was, or new content. */
export type OutPart = { name: string; copy: ZipEntry } | { name: string; data: Uint8Array };

/** A part already compressed, copied into fflate's zip writer with its own CRC and sizes. */
function copied(name: string, entry: ZipEntry): ZipInputFile {
  return { filename: name, size: entry.size, crc: entry.crc, compression: entry.method };
}

/** Writes a package: parts copied raw from `source`, or deflated from their new content. */
export function writeZip(source: Uint8Array | null, parts: OutPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const failed: { error?: Error } = {};
  const zip = new Zip((err, chunk) => {
    if (err) failed.error = err;
    else chunks.push(chunk);
  });
  for (const part of parts) {
    if ('copy' in part) {
      if (!source) throw new Error('a copied part needs the package it came from');
      const file = copied(part.name, part.copy);
      zip.add(file);
      file.ondata!(null, rawData(source, part.copy) as Uint8Array<ArrayBuffer>, true);
    } else {
      const file = new ZipDeflate(part.name, { level: 6 });
      zip.add(file);
      file.push(part.data, true);
    }
  }
  zip.end();
  if (failed.error) throw failed.error;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
