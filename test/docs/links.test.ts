import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

/**
 * The documentation's links work: every relative link and image in README.md, CONTRIBUTING.md and
 * docs/*.md points at a file in the repository, every #anchor names a heading of the page it points
 * at (GitHub's slugs), and the README stays a short newcomer's page. Only files inside the
 * repository are read.
 */

const README_LIMIT = 12_000;

const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

const read = (file: string) => readFileSync(file, 'utf8');

/** Fenced code blocks blanked out (line for line), so their text is never read as links or headings. */
function withoutFences(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (opener) {
        fence = opener[1];
        return '';
      }
      return line;
    }
    if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length && line.trim() === opener[1]) {
      fence = null;
    }
    return '';
  });
}

/** Inline code spans removed: `[--json]` inside backticks is not a link. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, '');
}

/** GitHub's anchor for a heading's text (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** Every anchor a page's headings make, with GitHub's -1, -2… for repeated headings. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of withoutFences(read(file))) {
    const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

interface Link {
  line: number;
  target: string;
}

/** Markdown links and images, reference definitions, and HTML src/href attributes, outside code. */
function links(page: string): Link[] {
  const found: Link[] = [];
  withoutFences(read(join(ROOT, page))).forEach((raw, i) => {
    const line = withoutCodeSpans(raw);
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ line: i + 1, target: m[1] });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (definition) found.push({ line: i + 1, target: definition[1] });
    for (const m of line.matchAll(/\s(?:src|href)="([^"]*)"/g)) found.push({ line: i + 1, target: m[1] });
  });
  return found;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with one link, or null when it works. */
function problem(page: string, target: string): string | null {
  if (target === '') return 'empty link';
  if (isExternal(target)) return null;
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const from = join(ROOT, page);
  const file =
    pathPart === '' ? from : pathPart.startsWith('/') ? join(ROOT, pathPart) : resolve(dirname(from), pathPart);
  const inside = relative(ROOT, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return `${target} points outside the repository`;
  if (!existsSync(file)) return `${target}: no such file (${inside})`;
  if (anchor === null) return null;
  if (extname(file) !== '.md') return `${target}: an #anchor on a file that is not markdown`;
  return anchors(file).has(anchor) ? null : `${target}: no heading #${anchor} in ${inside}`;
}

describe('documentation links', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug('Rounding differences and `--tolerance`')).toBe('rounding-differences-and---tolerance');
    expect(slug('Excel on Windows: a shared-folder catalog')).toBe('excel-on-windows-a-shared-folder-catalog');
    expect(slug('`test/`: the tests')).toBe('test-the-tests');
    expect(slug("The task pane's Content-Security-Policy")).toBe('the-task-panes-content-security-policy');
    expect(slug('Tables found (7) — £000')).toBe('tables-found-7--000');
  });

  it('finds the pages it checks', () => {
    expect(PAGES).toContain('docs/cli.md');
    expect(PAGES.length).toBeGreaterThan(2);
  });

  it.each(PAGES)('%s: every relative link and image points at a file, and every #anchor at a heading', (page) => {
    const broken = links(page)
      .map((l) => ({ ...l, problem: problem(page, l.target) }))
      .filter((l) => l.problem !== null)
      .map((l) => `${page}:${l.line}: ${l.problem}`);
    expect(broken).toEqual([]);
  });

  it(`README.md is under ${README_LIMIT.toLocaleString('en-GB')} characters`, () => {
    const length = [...read(join(ROOT, 'README.md'))].length;
    expect(length).toBeLessThan(README_LIMIT);
  });
});
