import { heldPartTooLargeReason, MAX_HELD_PART_BYTES } from '../../engine/limits';
import { WorkbookReadError } from '../../engine/port';
import { children, decoderFor, escapeAttr, parseTree } from './xml';
import { inflateInto, inflatePart, readEntries, writeZip, type Inflater, type OutPart, type ZipEntry } from './zip';

/**
 * An Open Packaging Conventions package (what an .xlsx is), and the edit layer writing uses: parts
 * added or replaced, relationships added, content types added. Every part the edit does not touch
 * is written back as the very bytes it was read as.
 *
 * To add a part (say a chart drawn on one of the add-in's sheets): `setPart('xl/charts/chart9.xml',
 * xml)`, `setContentType('/xl/charts/chart9.xml', CHART_TYPE)` and `addRelationship(fromPart,
 * type, target)`, which returns the relationship's id for the element that points at it.
 */

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  customXml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
  customXmlProps: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
};

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  macroWorkbook: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
};

export const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * Excel's "Strict Open XML Spreadsheet" names its relationship types under purl.oclc.org
 * (ISO/IEC 29500 Strict) where every other producer uses the Transitional names above. The parts are
 * the same parts: a Strict type is read as its Transitional twin, here, so every comparison with `REL`
 * holds for both.
 */
const STRICT_REL_PREFIX = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';
const TRANSITIONAL_REL_PREFIX = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

function transitionalType(type: string): string {
  return type.startsWith(STRICT_REL_PREFIX) ? TRANSITIONAL_REL_PREFIX + type.slice(STRICT_REL_PREFIX.length) : type;
}

export interface Relationship {
  id: string;
  type: string;
  /** As written in the relationships part. */
  target: string;
  external: boolean;
}

const encoder = new TextEncoder();

/**
 * The part a relationship points at, as a package path without the leading slash. A backslash is
 * read as a slash: some Windows tools write `worksheets\sheet1.xml`, and Excel opens those files.
 */
export function resolveTarget(fromPart: string, written: string): string {
  const target = written.replace(/\\/g, '/');
  if (target.startsWith('/')) return normalise(target.slice(1));
  const folder = fromPart.includes('/') ? fromPart.slice(0, fromPart.lastIndexOf('/') + 1) : '';
  return normalise(folder + target);
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** A target for a relationship from `fromPart` to `toPart`, relative as Office writes them. */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * A part name as looked up: part names are case-insensitive (OPC), and a zip written on Windows by
 * some tools names its entries with backslashes (`xl\workbook.xml`), which Excel reads as slashes.
 */
function partKey(part: string): string {
  return part.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
}

export class XlsxPackage {
  private readonly entries: Map<string, ZipEntry>;
  /** partKey(name) → name as written. */
  private readonly byLower = new Map<string, string>();
  /** Parts written anew (new content) or removed (null). */
  private readonly changed = new Map<string, Uint8Array | null>();
  private readonly order: string[];

  constructor(
    private readonly bytes: Uint8Array | null,
    entries?: Map<string, ZipEntry>,
    /** The host's own inflater, when it has a quicker one than fflate (see zip.ts). */
    private readonly inflater?: Inflater,
  ) {
    this.entries = entries ?? (bytes ? readEntries(bytes) : new Map<string, ZipEntry>());
    for (const name of this.entries.keys()) this.byLower.set(partKey(name), name);
    this.order = [...this.entries.keys()];
  }

  /** The part's name as the package spells it, or undefined when there is none. */
  find(part: string): string | undefined {
    const name = this.byLower.get(partKey(part));
    if (name === undefined) return undefined;
    return this.changed.get(name) === null ? undefined : name;
  }

  has(part: string): boolean {
    return this.find(part) !== undefined;
  }

  /** The uncompressed size the zip declares for a part (or the new content's size). */
  size(part: string): number {
    const name = this.find(part);
    if (name === undefined) return 0;
    const data = this.changed.get(name);
    return data ? data.length : this.entries.get(name)!.size;
  }

  /** A part read whole, as bytes; refused when larger than a part the add-in holds in memory. */
  bytesOf(part: string): Uint8Array | undefined {
    const name = this.find(part);
    if (name === undefined) return undefined;
    const data = this.changed.get(name);
    if (data) return data;
    const entry = this.entries.get(name)!;
    if (entry.size > MAX_HELD_PART_BYTES)
      throw new WorkbookReadError('too-large', heldPartTooLargeReason(name, entry.size));
    return inflatePart(this.bytes!, entry, this.inflater);
  }

  text(part: string): string | undefined {
    const b = this.bytesOf(part);
    return b && decoderFor(b).decode(b);
  }

  /** Streams a part's content to `take` in pieces, which returns false to stop. */
  stream(part: string, take: (chunk: Uint8Array) => boolean | void): void {
    const name = this.find(part);
    if (name === undefined) return;
    const data = this.changed.get(name);
    if (data) {
      take(data);
      return;
    }
    inflateInto(this.bytes!, this.entries.get(name)!, take, this.inflater);
  }

  /** Every part's name, as written. */
  partNames(): string[] {
    return [...this.order.filter((n) => this.changed.get(n) !== null)];
  }

  // ---- Relationships -------------------------------------------------------------------------

  relationships(fromPart: string): Relationship[] {
    const xml = this.text(relsPartOf(fromPart));
    if (!xml) return [];
    return children(parseTree(xml), 'Relationship').map((r) => ({
      id: r.attrs.Id ?? '',
      type: transitionalType(r.attrs.Type ?? ''),
      target: r.attrs.Target ?? '',
      external: r.attrs.TargetMode === 'External',
    }));
  }

  /** Adds a relationship from a part (the package's root is ''), returning its new id. */
  addRelationship(fromPart: string, type: string, toPart: string): string {
    const relsPart = relsPartOf(fromPart);
    const existing = this.relationships(fromPart);
    const ids = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const target = fromPart === '' ? toPart : relativeTarget(fromPart, toPart);
    const element = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
    const xml =
      this.text(relsPart) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`;
    this.setPart(relsPart, insertBeforeClose(xml, 'Relationships', element));
    return id;
  }

  /** Removes the relationships from a part whose id is in `ids`. */
  removeRelationships(fromPart: string, ids: ReadonlySet<string>): void {
    const relsPart = relsPartOf(fromPart);
    const xml = this.text(relsPart);
    if (!xml) return;
    this.setPart(
      relsPart,
      xml.replace(
        /<(\w+:)?Relationship\b[^>]*?\bId="([^"]*)"[^>]*?(\/>|>\s*<\/(\w+:)?Relationship>)/g,
        (whole, _p, id: string) => (ids.has(id) ? '' : whole),
      ),
    );
  }

  // ---- Content types -------------------------------------------------------------------------

  contentTypes(): { defaults: Map<string, string>; overrides: Map<string, string> } {
    const xml = this.text('[Content_Types].xml');
    const defaults = new Map<string, string>();
    const overrides = new Map<string, string>();
    if (!xml) return { defaults, overrides };
    const root = parseTree(xml);
    for (const d of children(root, 'Default'))
      defaults.set((d.attrs.Extension ?? '').toLowerCase(), d.attrs.ContentType ?? '');
    for (const o of children(root, 'Override'))
      overrides.set(partKey(o.attrs.PartName ?? ''), o.attrs.ContentType ?? '');
    return { defaults, overrides };
  }

  contentTypeOf(part: string): string | undefined {
    const { defaults, overrides } = this.contentTypes();
    return overrides.get(partKey(part)) ?? defaults.get(part.slice(part.lastIndexOf('.') + 1).toLowerCase());
  }

  /** Gives a part its own content type (an Override). */
  setContentType(part: string, type: string): void {
    const xml = this.text('[Content_Types].xml')!;
    const without = removeOverride(xml, part);
    this.setPart(
      '[Content_Types].xml',
      insertBeforeClose(
        without,
        'Types',
        `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`,
      ),
    );
  }

  /** Makes sure files ending `.ext` have a default content type. */
  ensureDefaultType(ext: string, type: string): void {
    if (this.contentTypes().defaults.has(ext.toLowerCase())) return;
    const xml = this.text('[Content_Types].xml')!;
    this.setPart(
      '[Content_Types].xml',
      insertAfterOpen(xml, 'Types', `<Default Extension="${escapeAttr(ext)}" ContentType="${escapeAttr(type)}"/>`),
    );
  }

  // ---- Parts ---------------------------------------------------------------------------------

  setPart(part: string, content: string | Uint8Array): void {
    const name = this.byLower.get(partKey(part)) ?? part;
    if (!this.byLower.has(partKey(part))) {
      this.byLower.set(partKey(part), name);
      this.order.push(name);
    }
    this.changed.set(name, typeof content === 'string' ? encoder.encode(content) : content);
  }

  /** Removes a part, its relationships part and its content type override. */
  removePart(part: string): void {
    const name = this.find(part);
    if (name === undefined) return;
    this.changed.set(name, null);
    const rels = this.find(relsPartOf(name));
    if (rels) this.changed.set(rels, null);
    const types = this.text('[Content_Types].xml');
    if (types) this.setPart('[Content_Types].xml', removeOverride(types, name));
  }

  /** A part name not yet used, such as xl/worksheets/sheet7.xml for ('xl/worksheets/sheet', '.xml'). */
  freeName(stem: string, ext: string): string {
    let n = 1;
    while (this.byLower.has(partKey(`${stem}${n}${ext}`))) n++;
    return `${stem}${n}${ext}`;
  }

  /** The package as bytes: untouched parts copied as they were (compressed bytes and all), changed parts deflated. */
  toBytes(): Uint8Array {
    const parts: OutPart[] = [];
    // [Content_Types].xml first, as Office writes it.
    const names = this.partNames().sort(
      (a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'),
    );
    for (const name of names) {
      const data = this.changed.get(name);
      parts.push(data ? { name, data } : { name, copy: this.entries.get(name)! });
    }
    return writeZip(this.bytes, parts);
  }
}

/** Inserts text just before `</tag>` (with any prefix), opening a self-closed `<tag/>` first. */
export function insertBeforeClose(xml: string, tag: string, text: string): string {
  const close = new RegExp(`</((?:\\w+:)?${tag})\\s*>`);
  const m = close.exec(xml);
  if (m) return xml.slice(0, m.index) + text + xml.slice(m.index);
  const self = new RegExp(`<((?:\\w+:)?${tag})\\b([^>]*?)/>`).exec(xml);
  if (!self) throw new Error(`no <${tag}> element`);
  return `${xml.slice(0, self.index)}<${self[1]}${self[2]}>${text}</${self[1]}>${xml.slice(self.index + self[0].length)}`;
}

function insertAfterOpen(xml: string, tag: string, text: string): string {
  const m = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?>`).exec(xml);
  if (!m) throw new Error(`no <${tag}> element`);
  return xml.slice(0, m.index + m[0].length) + text + xml.slice(m.index + m[0].length);
}

function removeOverride(xml: string, part: string): string {
  const target = `/${part}`.toLowerCase();
  return xml.replace(/<(\w+:)?Override\b[^>]*?\/>/g, (whole) => {
    const m = /PartName="([^"]*)"/.exec(whole);
    return m && m[1].toLowerCase() === target ? '' : whole;
  });
}
