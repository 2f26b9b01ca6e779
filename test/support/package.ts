import { strFromU8, unzipSync } from 'fflate';

/**
 * Reading an .xlsx package as its parts, for tests that look at what was written byte for byte:
 * every part's uncompressed bytes by name, and a sheet's part found through the workbook.
 */
export function partsOf(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function partText(bytes: Uint8Array, name: string): string {
  const part = partsOf(bytes).get(name);
  if (!part) throw new Error(`no part ${name}`);
  return strFromU8(part);
}

/** The part holding a sheet, found by its name in xl/workbook.xml and the workbook's relationships. */
export function sheetPart(bytes: Uint8Array, sheet: string): string {
  const workbook = partText(bytes, 'xl/workbook.xml');
  const rels = partText(bytes, 'xl/_rels/workbook.xml.rels');
  const escaped = sheet.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
  const element = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((e) => e.includes(`name="${escaped}"`) || e.includes(`name="${sheet}"`));
  const id = element && /\br:id="([^"]+)"/.exec(element)?.[1];
  const rel = id && new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*>`).exec(rels)?.[0];
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (!target) throw new Error(`no sheet ${sheet}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

export function sheetXmlOf(bytes: Uint8Array, sheet: string): string {
  return partText(bytes, sheetPart(bytes, sheet));
}
