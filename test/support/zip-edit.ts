import { crc32, deflateRawSync, constants } from 'node:zlib';
import { strToU8, unzipSync, Zip, ZipDeflate, zipSync, type ZipInputFile } from 'fflate';

/**
 * Building and editing .xlsx packages part by part in tests: a workbook made by ExcelJS with a part
 * taken out or put in, and packages too large to build the ordinary way (zip bombs, millions of
 * cells) streamed out piece by piece.
 */

export type Parts = Record<string, Uint8Array>;

export function editZip(bytes: Uint8Array, edit: (parts: Parts) => void): Uint8Array {
  const parts = unzipSync(bytes);
  edit(parts);
  return zipSync(parts);
}

export function zipOf(parts: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])),
  );
}

/** Collects a streaming fflate Zip into one array. */
function collect(build: (zip: Zip) => void): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  build(zip);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Adds a part whose content is produced piece by piece (so hundreds of MB never sit in memory), deflated fast. */
function streamedPart(zip: Zip, name: string, pieces: () => Iterable<string>): void {
  const file = new ZipDeflate(name, { level: 1 });
  zip.add(file);
  for (const piece of pieces()) file.push(strToU8(piece));
  file.push(new Uint8Array(0), true);
}

/** A part that is already compressed (raw deflate), added with its real CRC and size. */
function rawPart(zip: Zip, name: string, compressed: Uint8Array, size: number, crc: number): void {
  const file: ZipInputFile = { filename: name, size, crc, compression: 8 };
  zip.add(file);
  file.ondata!(null, compressed as Uint8Array<ArrayBuffer>, true);
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook here shares: one sheet, at xl/worksheets/sheet1.xml, plus styles with a bold font. */
export function skeleton(sheetName = 'Sheet1'): Record<string, string> {
  return {
    '[Content_Types].xml': `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${HEAD}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${HEAD}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `${HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
  };
}

/** A workbook whose one sheet's rows are produced piece by piece: millions of cells without holding them. */
export function streamedSheetWorkbook(rows: number, row: (r: number) => string): Uint8Array {
  const base = skeleton('Export');
  return collect((zip) => {
    for (const [name, text] of Object.entries(base)) streamedPart(zip, name, () => [text]);
    streamedPart(zip, 'xl/worksheets/sheet1.xml', function* () {
      yield `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>`;
      let batch: string[] = [];
      for (let r = 1; r <= rows; r++) {
        batch.push(row(r));
        if (batch.length === 2000) {
          yield batch.join('');
          batch = [];
        }
      }
      yield `${batch.join('')}</sheetData></worksheet>`;
    });
  });
}

/**
 * A raw deflate stream of `megabytes` MB of zeros, built from one compressed megabyte repeated
 * (each piece ends on a byte boundary, so pieces join into one valid stream), with its CRC.
 */
function zeros(megabytes: number): { compressed: Uint8Array; size: number; crc: number } {
  const mb = new Uint8Array(1024 * 1024);
  const piece = deflateRawSync(mb, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const compressed = new Uint8Array(piece.length * megabytes + 2);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    compressed.set(piece, i * piece.length);
    crc = crc32(mb, crc);
  }
  // A final empty fixed-Huffman block ends the stream.
  compressed.set([0x03, 0x00], piece.length * megabytes);
  return { compressed, size: mb.length * megabytes, crc };
}

/** A real workbook (its parts as given) with `count` extra parts nothing refers to, each unpacking to `megabytes` MB. */
export function zipBomb(parts: Parts, count: number, megabytes: number): Uint8Array {
  const z = zeros(megabytes);
  return collect((zip) => {
    for (const [name, data] of Object.entries(parts)) {
      const compressed = deflateRawSync(data);
      rawPart(zip, name, compressed, data.length, crc32(data));
    }
    for (let i = 1; i <= count; i++) rawPart(zip, `xl/media/padding${i}.bin`, z.compressed, z.size, z.crc);
  });
}
