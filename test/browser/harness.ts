/**
 * Browser-test plumbing: builds the production task pane, serves it from a tiny static server, and drives
 * /usr/bin/chromium through playwright-core with every request checked: office.js comes from the local
 * @microsoft/office-js package in place of Microsoft's CDN, and any other non-local request fails the test.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../support/paths';

export { ROOT };
export const CHROMIUM = '/usr/bin/chromium';
/** Where the browser tests leave their screenshots (docs/ takes copies of some). */
export const SHOTS = path.join(ROOT, 'test-output/screenshots');
export const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const VIOLATION = 'csp-violation:';
const OFFICE_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com';
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');

/** Builds the production bundle into `outDir` with the project's webpack.config.js. */
export async function buildTaskpane(outDir: string): Promise<void> {
  const require = createRequire(__filename);
  const webpack = require('webpack') as typeof import('webpack');
  const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (
    env: object,
    argv: object,
  ) => Promise<import('webpack').Configuration>;
  const config = await makeConfig({ outDir }, { mode: 'production' });
  await new Promise<void>((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

/** Every file the bundle is built from (the sources, the build's configuration and the installed packages' lock), hashed. */
function buildKey(): string {
  const hash = createHash('sha256');
  const add = (file: string) => hash.update(file).update(readFileSync(file));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else add(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'assets'));
  for (const f of ['webpack.config.js', 'tsconfig.json', 'tsconfig.web.json', 'package-lock.json', 'manifest.xml'])
    if (existsSync(path.join(ROOT, f))) add(path.join(ROOT, f));
  return hash.digest('hex').slice(0, 16);
}

const BUILDS = path.join(tmpdir(), 'mtfs-taskpane-builds');
const DONE = '.built';

/**
 * The production bundle, built once for all the browser test files (they run in parallel): the first to ask builds it
 * into a directory named by the sources' hash, the others wait for it. A later run with the same sources reuses it.
 * Builds older than a day are removed.
 */
export async function sharedBuild(): Promise<string> {
  await mkdir(BUILDS, { recursive: true });
  const dir = path.join(BUILDS, buildKey());
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 240_000;
  while (!existsSync(path.join(dir, DONE))) {
    try {
      await mkdir(lock);
    } catch {
      // Another test file is building it: wait, unless its lock is stale (a build that died).
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 300_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the task pane build in ${dir}`);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      const staging = await mkdtemp(`${dir}.staging-`);
      await buildTaskpane(staging);
      await writeFile(path.join(staging, DONE), new Date().toISOString());
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  for (const old of await readdir(BUILDS)) {
    const full = path.join(BUILDS, old);
    if (full === dir || full === lock) continue;
    const age = await stat(full).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 86_400_000) await rm(full, { recursive: true, force: true });
  }
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 at a free port. */
export async function serveDir(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Pane {
  context: BrowserContext;
  page: Page;
  /** Requests that were neither to the local server nor office.js's CDN path: each one fails the test. */
  foreignRequests: string[];
  /** Uncaught page errors, and Content-Security-Policy violations by the pane's own code. */
  pageErrors: string[];
  /**
   * What the page's Content-Security-Policy stopped office.js doing. Outside Office, office.js adds a hidden
   * telemetry iframe (telemetryservice.firstpartyapps.oaspapps.com) a few seconds after loading: the policy blocks
   * both its inline style attribute and the frame, so the pane still makes no request beyond office.js itself.
   */
  officeBlocked: string[];
  close(): Promise<void>;
}

/** Chromium at 350 px wide (an Office task pane), fresh profile, every request checked. */
export async function launchPane(origin: string): Promise<Pane> {
  const profile = await mkdtemp(path.join(tmpdir(), 'mtfs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 350, height: 900 },
    acceptDownloads: true,
    locale: 'en-GB',
  });
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const officeBlocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      const rel = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
      const file = path.join(OFFICE_DIST, path.normalize(rel));
      if (file.startsWith(OFFICE_DIST) && existsSync(file) && statSync(file).isFile()) {
        return route.fulfill({ path: file, contentType: 'text/javascript; charset=utf-8' });
      }
      return route.fulfill({ status: 404, body: 'not in @microsoft/office-js' });
    }
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (!text.startsWith(VIOLATION)) return;
    const v = JSON.parse(text.slice(VIOLATION.length)) as { directive: string; blocked: string; source: string };
    const line = `CSP ${v.directive} blocked ${v.blocked || 'inline'} (from ${v.source || 'the page'})`;
    const fromOffice =
      v.source.startsWith(OFFICE_CDN) || (v.directive === 'frame-src' && v.blocked.startsWith(OFFICE_TELEMETRY));
    (fromOffice ? officeBlocked : pageErrors).push(line);
  });
  await page.addInitScript((prefix) => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.log(
        prefix + JSON.stringify({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile }),
      ),
    );
  }, VIOLATION);
  return {
    context,
    page,
    foreignRequests,
    pageErrors,
    officeBlocked,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What a browser test file starts with: a folder of its own, the built pane served, and Chromium showing it. */
export interface PaneSession {
  /** A temporary folder for the file's workbooks, removed by close(). */
  work: string;
  origin: string;
  pane: Pane;
  close(): Promise<void>;
}

/** Builds (once per run) and serves the pane, opens it at 350 px and waits until it offers to open a file. */
export async function startPane(prefix: string): Promise<PaneSession> {
  if (!existsSync(CHROMIUM))
    throw new Error(`the browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const work = await mkdtemp(path.join(tmpdir(), `mtfs-${prefix}-`));
  const server = await serveDir(await sharedBuild());
  const pane = await launchPane(server.origin);
  await mkdir(SHOTS, { recursive: true });
  await pane.page.goto(`${server.origin}/taskpane.html`);
  await pane.page.getByRole('button', { name: 'Open an .xlsx file' }).waitFor();
  return {
    work,
    origin: server.origin,
    pane,
    async close() {
      await pane.close();
      await server.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
