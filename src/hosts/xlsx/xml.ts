import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * Small XML helpers for the parts read whole (the workbook, relationships, content types, styles,
 * shared strings), on saxes. Names are matched by their local part: a package written with
 * prefixed elements (`<x:sheet>`) reads the same as one without.
 */

export interface XmlElement {
  /** Local name, without any prefix. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A TextDecoder, as typed in every build (the command line's has no DOM types). */
export interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * The decoder for a part, from its first bytes. XML parts are UTF-8 or UTF-16 (OPC allows both, and
 * Excel reads both); some exports written with .NET's default encoding are UTF-16, which read as
 * UTF-8 would leave a sheet looking empty. A byte-order mark, or a first '<' with a zero byte beside
 * it, says UTF-16; anything else is UTF-8 (its mark, if any, dropped by the decoder).
 */
export function decoderFor(first: Uint8Array): Decoder {
  const [a, b] = first;
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0)) return new TextDecoder('utf-16le');
  if ((a === 0xfe && b === 0xff) || (a === 0 && b === 0x3c)) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Attributes by local name (r:id → id), except that the namespaced r:id is also kept as written. */
function attributesOf(tag: SaxesTagPlain): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tag.attributes)) {
    out[k] = v;
    const local = localName(k);
    if (!(local in out)) out[local] = v;
  }
  return out;
}

/** A saxes parser that refuses document type declarations (Excel never writes one; they are how entity attacks start). */
export function parser(): SaxesParser {
  const p = new SaxesParser({ position: false });
  p.on('doctype', () => {
    throw new Error('a document type declaration');
  });
  return p;
}

/** Parses a whole small part into a light tree. Throws on malformed XML. */
export function parseTree(xml: string): XmlElement {
  const p = parser();
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  p.on('opentag', (tag) => {
    const el: XmlElement = { name: localName(tag.name), attrs: attributesOf(tag), children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  p.on('closetag', () => {
    stack.pop();
  });
  p.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  p.on('cdata', (t) => {
    stack[stack.length - 1].text += t;
  });
  p.write(xml).close();
  const top = root.children[0];
  if (!top) throw new Error('no root element');
  return top;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces XML's predefined and numeric character references; anything else is left as written. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Excel writes characters XML cannot hold (a carriage return, other control characters) as
 * `_xHHHH_`, and a literal `_xHHHH_` as `_x005F_xHHHH_`. Decoded when read, encoded when written.
 */
export function decodeExcelEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function encodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(
    // eslint-disable-next-line no-control-regex -- these are the characters XML cannot hold
    /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}
