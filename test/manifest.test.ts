import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/paths';

const MANIFEST = join(ROOT, 'manifest.xml');
const DEV_ORIGIN = 'https://localhost:3000';

const require = createRequire(import.meta.url);
const { JSDOM } = require('jsdom') as {
  JSDOM: new (html: string, options: { url: string }) => { window: { DOMParser: typeof DOMParser } };
};

const xml = readFileSync(MANIFEST, 'utf8');
const doc = new new JSDOM('', { url: `${DEV_ORIGIN}/` }).window.DOMParser().parseFromString(xml, 'text/xml');
const root = doc.documentElement;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const xsiType = (el: Element) => el.getAttributeNS(XSI, 'type');
const all = (tag: string, scope: Element | Document = doc) => Array.from(scope.getElementsByTagName(tag));
const one = (tag: string, scope: Element | Document = doc) => {
  const found = all(tag, scope);
  expect(found, `exactly one <${tag}>`).toHaveLength(1);
  return found[0];
};
/** Direct children of an element with a tag name. */
const children = (el: Element, tag: string) => Array.from(el.children).filter((c) => c.tagName === tag);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The file in assets/ that a manifest icon URL serves, checked to exist at the size its name says. */
function expectIcon(url: string | null, size: number): void {
  expect(url).toBe(`${DEV_ORIGIN}/assets/icon-${size}.png`);
  const file = join(ROOT, 'assets', `icon-${size}.png`);
  expect(existsSync(file), `${file} exists`).toBe(true);
  expect(pngSize(file)).toEqual({ width: size, height: size });
}

function resource(kind: 'bt:Image' | 'bt:Url' | 'bt:String', id: string | null): string {
  const found = all(kind).filter((el) => el.getAttribute('id') === id);
  expect(found, `one ${kind} with id ${id}`).toHaveLength(1);
  return found[0].getAttribute('DefaultValue') ?? '';
}

describe('manifest.xml', () => {
  it('is well-formed XML', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(root.tagName).toBe('OfficeApp');
  });

  it('is read by office-addin-manifest, which reports its id, name, type, host and permissions', () => {
    const out = execFileSync('npx', ['--no-install', 'office-addin-manifest', 'info', 'manifest.xml'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const id = one('Id').textContent?.trim();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out).toContain(`Id: ${id}`);
    expect(out).toContain('Name: MTFS Checker');
    expect(out).toContain('Type: TaskPaneApp');
    expect(out).toContain('Version: 1.0.0.0');
    expect(out).toContain('Hosts: Workbook');
    expect(out).toContain('Permissions: ReadWriteDocument');
    expect(out).toContain(`Source Location: ${DEV_ORIGIN}/taskpane.html`);
    expect(out).toMatch(/^ {2}AppDomains: *$/m); // none
  });

  it('is a task-pane add-in for Excel workbooks that reads and writes the document', () => {
    expect(xsiType(root)).toBe('TaskPaneApp');
    expect(one('Version').textContent).toBe('1.0.0.0');
    expect(one('DisplayName').getAttribute('DefaultValue')).toBe('MTFS Checker');
    expect(one('ProviderName').textContent?.trim()).not.toBe('');
    const description = children(root, 'Description')[0].getAttribute('DefaultValue') ?? '';
    expect(description.length).toBeGreaterThan(20);
    expect(description.length).toBeLessThanOrEqual(250);

    const baseHosts = children(children(root, 'Hosts')[0], 'Host');
    expect(baseHosts.map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(one('Permissions').textContent).toBe('ReadWriteDocument');
    expect(one('SourceLocation', one('DefaultSettings')).getAttribute('DefaultValue')).toBe(
      `${DEV_ORIGIN}/taskpane.html`,
    );

    const sets = all('Set', children(root, 'Requirements')[0]);
    expect(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')])).toEqual([['ExcelApi', '1.9']]);
  });

  it('needs no external domains and no function file: no empty <AppDomains> (the schema allows none, not an empty one), no <FunctionFile> (no function commands)', () => {
    expect(all('AppDomains')).toHaveLength(0);
    expect(all('AppDomain')).toHaveLength(0);
    expect(all('FunctionFile')).toHaveLength(0);
  });

  it('is the development add-in, with an Id of its own: the production build gives it the production Id and origin', () => {
    const build = require('../webpack.config.js') as {
      manifestFor: (xml: string, o: { url: string; production: boolean }) => string;
      DEV_ID: string;
      PRODUCTION_ID: string;
    };
    const id = one('Id').textContent?.trim();
    expect(id).toBe(build.DEV_ID);
    expect(build.PRODUCTION_ID).not.toBe(build.DEV_ID);
    expect(build.PRODUCTION_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const production = build.manifestFor(xml, { url: 'https://mtfs.example.gov.uk/addin', production: true });
    expect(production).toContain(`<Id>${build.PRODUCTION_ID}</Id>`);
    expect(production).not.toContain(build.DEV_ID);
    expect(production).not.toContain(DEV_ORIGIN);
    expect(production).toContain('<SourceLocation DefaultValue="https://mtfs.example.gov.uk/addin/taskpane.html"/>');
    // The dev server serves the development add-in as it is.
    expect(build.manifestFor(xml, { url: DEV_ORIGIN, production: false })).toBe(xml);
  });

  it('adds an "MTFS Checker" button in an "MTFS" group on the Home tab that shows the task pane', () => {
    const overrides = one('VersionOverrides');
    expect(xsiType(overrides)).toBe('VersionOverridesV1_0');
    const host = one('Host', overrides);
    expect(xsiType(host)).toBe('Workbook');
    const tab = one('OfficeTab', host);
    expect(tab.getAttribute('id')).toBe('TabHome');
    const group = one('Group', tab);
    expect(resource('bt:String', children(group, 'Label')[0].getAttribute('resid'))).toBe('MTFS');

    const control = one('Control', group);
    expect(xsiType(control)).toBe('Button');
    const labels = children(control, 'Label');
    expect(resource('bt:String', labels[0].getAttribute('resid'))).toBe('MTFS Checker');
    const action = one('Action', control);
    expect(xsiType(action)).toBe('ShowTaskpane');
    expect(one('TaskpaneId', action).textContent?.trim()).not.toBe('');
    expect(resource('bt:Url', one('SourceLocation', action).getAttribute('resid'))).toBe(`${DEV_ORIGIN}/taskpane.html`);
    expect(
      resource('bt:String', one('Description', one('Supertip', control)).getAttribute('resid')).length,
    ).toBeGreaterThan(10);
  });

  it('resolves every resid, and keeps short strings to 125 characters and long ones to 250', () => {
    const resids = Array.from(doc.getElementsByTagName('*'))
      .map((el) => el.getAttribute('resid'))
      .filter((r): r is string => r !== null);
    expect(resids.length).toBeGreaterThan(10);
    const ids = new Set(
      all('*')
        .map((el) => el.getAttribute('id'))
        .filter((id) => id !== null),
    );
    for (const r of resids) expect(ids.has(r), `resource ${r}`).toBe(true);
    for (const s of all('bt:String', one('bt:ShortStrings')))
      expect((s.getAttribute('DefaultValue') ?? '').length).toBeLessThanOrEqual(125);
    for (const s of all('bt:String', one('bt:LongStrings')))
      expect((s.getAttribute('DefaultValue') ?? '').length).toBeLessThanOrEqual(250);
  });

  it('points every icon at a PNG in assets/ of the size its name says', () => {
    expectIcon(one('IconUrl').getAttribute('DefaultValue'), 32);
    expectIcon(one('HighResolutionIconUrl').getAttribute('DefaultValue'), 64);
    const images = all('bt:Image').filter((el) => el.parentElement?.tagName === 'Icon');
    expect(images.length).toBe(6);
    for (const el of images) {
      const size = Number(el.getAttribute('size'));
      expect([16, 32, 80]).toContain(size);
      expectIcon(resource('bt:Image', el.getAttribute('resid')), size);
    }
    for (const res of all('bt:Image', one('bt:Images'))) {
      const m = /icon-(\d+)\.png$/.exec(res.getAttribute('DefaultValue') ?? '');
      expect(m).not.toBeNull();
      expectIcon(res.getAttribute('DefaultValue'), Number(m![1]));
    }
  });

  it('uses https://localhost:3000 as its only origin, so the build can swap in the production URL', () => {
    const urls: string[] = [];
    for (const el of all('*')) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue; // namespace names, not URLs
        if (/^https?:/i.test(attr.value)) urls.push(attr.value);
      }
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType === 3 && /https?:/i.test(node.textContent ?? '')) urls.push(node.textContent!.trim());
      }
    }
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) expect(url.startsWith(`${DEV_ORIGIN}/`), url).toBe(true);
    // Each page or file is one the add-in serves: the task pane (built by webpack) or a file in assets/.
    for (const url of urls) {
      const path = url.slice(DEV_ORIGIN.length + 1);
      if (path === 'taskpane.html') continue;
      expect(path, url).toMatch(/^assets\//);
      expect(existsSync(join(ROOT, path)), `${path} exists`).toBe(true);
    }
    // The raw text too (outside the namespace declarations): one origin, spelled one way.
    const withoutNamespaces = xml.replace(/xmlns(:\w+)?="[^"]*"/g, '');
    const origins = new Set([...withoutNamespaces.matchAll(/https?:\/\/[^/"'<\s;,)]+/g)].map((m) => m[0]));
    expect([...origins]).toEqual([DEV_ORIGIN]);
  });
});

describe('assets/ icons', () => {
  it('are exactly what scripts/make-icons.js draws, at 16, 32, 64, 80 and 128 px', () => {
    const out = mkdtempSync(join(tmpdir(), 'icons-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-icons.js'), out], { stdio: 'ignore' });
    const made = readdirSync(out).sort();
    expect(made).toEqual(['icon-128.png', 'icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
    for (const name of made) {
      const size = Number(/\d+/.exec(name)![0]);
      expect(pngSize(join(out, name))).toEqual({ width: size, height: size });
      expect(
        readFileSync(join(out, name)).equals(readFileSync(join(ROOT, 'assets', name))),
        `${name} is up to date`,
      ).toBe(true);
    }
  });

  it('decode to the intended glyph: transparent corners, green square, white bars on whole pixels', async () => {
    const { inflateSync } = await import('node:zlib');
    for (const size of [16, 32, 64, 80, 128]) {
      const bytes = readFileSync(join(ROOT, 'assets', `icon-${size}.png`));
      // Walk the chunks, checking each CRC, and collect IDAT.
      const { crc32 } = require(join(ROOT, 'scripts', 'make-icons.js')) as { crc32: (b: Uint8Array) => number };
      let at = 8;
      const idat: Buffer[] = [];
      const types: string[] = [];
      while (at < bytes.length) {
        const len = bytes.readUInt32BE(at);
        const type = bytes.toString('ascii', at + 4, at + 8);
        types.push(type);
        expect(bytes.readUInt32BE(at + 8 + len)).toBe(crc32(bytes.subarray(at + 4, at + 8 + len)));
        if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + len));
        at += 12 + len;
      }
      expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
      const raw = inflateSync(Buffer.concat(idat));
      expect(raw.length).toBe(size * (size * 4 + 1));
      const px = (x: number, y: number) => [
        ...raw.subarray(y * (size * 4 + 1) + 1 + x * 4, y * (size * 4 + 1) + 1 + x * 4 + 4),
      ];
      const u = size / 16;
      expect(px(0, 0)[3]).toBe(0); // transparent corner
      expect(px(2 * u, 8 * u)).toEqual([0x10, 0x7c, 0x41, 255]); // green body
      expect(px(10 * u, 3 * u)).toEqual([255, 255, 255, 255]); // top-left pixel of the tallest bar
      expect(px(10 * u, 3 * u - 1)).toEqual([0x10, 0x7c, 0x41, 255]); // the pixel above it is green: a crisp edge
      expect(px(3 * u, 12 * u)).toEqual([255, 255, 255, 255]); // baseline
    }
  });
});
