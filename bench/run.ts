/**
 * `npm run bench`: how fast, how big, how many round trips. Generates council-wide workbooks,
 * measures whole processes, the engine alone, peak memory, the envelope choice, the office-js
 * adapter's round trips and the task pane's bundle, and prints one table, also written to
 * bench/RESULTS.md (between the markers; the rest of that file is kept as it is).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { checkWorkbook } from '../src/engine/check';
import type { SheetGrid } from '../src/engine/grid';
import { Decimal } from '../src/engine/money';
import { chooseWithinEnvelope, scoreWorkbook } from '../src/engine/scoring';
import { XlsxWorkbook } from '../src/hosts/xlsx';
import { CASES } from '../test/corpus/cases';
import { measureBundle } from './bundle';
import { FIRST_RESULT_RATIO, LONG_TASK_LIMIT_MS, measurePane, SWITCH_LIMIT_MS } from './pane';
import { generateWorkbook, type GeneratedWorkbook } from './generate';
import { ROOT, median, node, peakRss, time, type Timing } from './measure';
import {
  readRows,
  readWorkbook,
  readWorkbookWithFormulas,
  syncTarget,
  writeFindings,
  writeRows,
  type RoundTrips,
} from './office';

const SIZES = [1_000, 10_000, 50_000, 100_000];
const PROCESS_SIZE = 50_000;
const MEMORY_SIZE = 100_000;
const OFFICE_ROWS = [1_000, 20_000, 100_000];
const MAX_PAYLOAD = 5_000_000;
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

interface Row {
  measure: string;
  size: string;
  result: string;
  spread: string;
  target: string;
  /** undefined: no target. */
  met?: boolean;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

// ---- Formatting ------------------------------------------------------------------------------

const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');
const seconds = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;
const lines = (n: number) => `${n >= 1000 ? `${n / 1000}k` : n} lines`;
const spread = (t: Timing) => `${seconds(t.min)}–${seconds(t.max)}, p75 ${seconds(t.p75)} (${t.runs} runs)`;

function machine(): string {
  const cpu = cpus();
  return [
    `CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores`,
    `RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Node ${process.version} on ${process.platform}`,
    `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ].join('; ');
}

// ---- The measurements ------------------------------------------------------------------------

async function loadGrids(file: string): Promise<SheetGrid[]> {
  return (await XlsxWorkbook.open(readFileSync(file))).readSheets();
}

async function engine(made: GeneratedWorkbook[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const w of made) {
    const grids = await loadGrids(w.file);
    log(`engine: checkWorkbook at ${lines(w.expected.lines)}`);
    // Each run gets the sheets as new objects: the reader keeps what it works out about a sheet's rows
    // with the sheet, and a run on the same objects would find it done (a real check starts from nothing).
    const t = await time(`check ${w.expected.lines}`, () => checkWorkbook(grids.map((g) => ({ ...g }))), {
      runs: w.expected.lines >= 50_000 ? 7 : 15,
      warmup: 2,
      minTimeMs: 1000,
    });
    const perSecond = w.expected.lines / (t.median / 1000);
    rows.push({
      measure: 'Engine: checkWorkbook, grids in memory',
      size: `${lines(w.expected.lines)}, ${w.expected.tables} tables`,
      result: `${thousands(perSecond)} lines/s (${seconds(t.median)})`,
      spread: spread(t),
      target: '≥ 1,000,000 lines/s',
      met: perSecond >= 1_000_000,
    });
  }
  return rows;
}

const mtfs = (...args: string[]) => [join(ROOT, 'bin', 'mtfs.js'), ...args];
const floor = (...args: string[]) => [join(ROOT, 'bench', 'floor.cjs'), ...args];

async function processes(w: GeneratedWorkbook): Promise<Row[]> {
  const out = join(tmpdir(), 'mtfs-bench', 'out');
  mkdirSync(out, { recursive: true });
  const size = `${lines(w.expected.lines)} (${mb(w.bytes)} .xlsx)`;
  const opts = { runs: 5, warmup: 1 };
  log('processes: unzip-and-scan floor, ExcelJS load alone, then mtfs check, side by side');
  const scan = await time('scan', () => node(floor('scan', w.file)), opts);
  const load = await time('load', () => node(floor('load', w.file)), opts);
  const check = await time('check', () => node(mtfs('check', w.file, '--json'), { okCodes: [0, 1] }), opts);
  log('processes: ExcelJS load and write, then mtfs report');
  const loadWrite = await time('load+write', () => node(floor('load-write', w.file, join(out, 'floor.xlsx'))), opts);
  const report = await time(
    'report',
    () => node(mtfs('report', w.file, '-o', join(out, 'report.xlsx')), { okCodes: [0, 1] }),
    opts,
  );
  const ratio = (a: Timing, b: Timing) => a.median / b.median;
  return [
    {
      measure: 'Floor: unzip the package and scan every XML byte once (fflate, child process)',
      size,
      result: seconds(scan.median),
      spread: spread(scan),
      target: '—',
    },
    {
      measure: 'ExcelJS loads the file (child process), for comparison',
      size,
      result: `${seconds(load.median)} = ${ratio(load, scan).toFixed(2)}× the floor`,
      spread: spread(load),
      target: '—',
    },
    {
      measure: 'mtfs check --json (child process)',
      size,
      result: `${seconds(check.median)} = ${ratio(check, scan).toFixed(2)}× the floor, ${ratio(check, load).toFixed(2)}× ExcelJS's load`,
      spread: spread(check),
      target: '≤ 3× the floor',
      met: ratio(check, scan) <= 3,
    },
    {
      measure: 'Floor: ExcelJS loads and writes the file (child process)',
      size,
      result: seconds(loadWrite.median),
      spread: spread(loadWrite),
      target: '—',
    },
    {
      measure: 'mtfs report -o (child process)',
      size,
      result: `${seconds(report.median)} = ${ratio(report, loadWrite).toFixed(2)}× load + write`,
      spread: spread(report),
      target: '≤ 1.5× load + write',
      met: ratio(report, loadWrite) <= 1.5,
    },
  ];
}

async function memory(w: GeneratedWorkbook): Promise<Row[]> {
  const size = `${lines(w.expected.lines)} (${mb(w.bytes)} .xlsx)`;
  const peak = async (args: string[]) => {
    const seen: number[] = [];
    const t = await time('rss', async () => seen.push(await peakRss(args, [0, 1])), { runs: 3 });
    return { rss: median(seen), min: Math.min(...seen), max: Math.max(...seen), t };
  };
  log('memory: peak RSS of ExcelJS load alone, then of mtfs check');
  const floorRss = await peak(floor('load', w.file));
  const checkRss = await peak(mtfs('check', w.file, '--json'));
  const range = (p: { min: number; max: number }) => `${mb(p.min)}–${mb(p.max)} (3 runs)`;
  return [
    {
      measure: 'Peak RSS: ExcelJS loads the file (child process)',
      size,
      result: mb(floorRss.rss),
      spread: range(floorRss),
      target: '—',
    },
    {
      measure: 'Peak RSS: mtfs check --json (child process)',
      size,
      result: `${mb(checkRss.rss)} = ${(checkRss.rss / floorRss.rss).toFixed(2)}× the load`,
      spread: range(checkRss),
      target: "< ExcelJS's load",
      met: checkRss.rss < floorRss.rss,
    },
    {
      measure: 'mtfs check --json (child process)',
      size,
      result: seconds(checkRss.t.median),
      spread: spread(checkRss.t),
      target: '—',
    },
  ];
}

/** The corpus's hostile files (test/corpus/cases.ts): how long `mtfs check` takes to refuse each, and its peak memory. */
async function hostile(): Promise<Row[]> {
  const dir = join(tmpdir(), 'mtfs-bench', 'hostile');
  mkdirSync(dir, { recursive: true });
  const rows: Row[] = [];
  const files: { file: string; what: string }[] = [{ file: '/dev/zero', what: '/dev/zero' }];
  for (const c of CASES.filter((x) => x.hostile)) {
    log(`hostile: building ${c.file}`);
    const file = join(dir, c.file);
    writeFileSync(file, await c.build());
    files.push({ file, what: `${c.file} (${mb(statSync(file).size)})` });
  }
  for (const f of files) {
    log(`hostile: mtfs check ${f.what}`);
    const seen: number[] = [];
    const t = await time(f.file, async () => seen.push(await peakRss(mtfs('check', f.file, '--json'), [2])), {
      runs: 3,
    });
    rows.push({
      measure: 'mtfs check refuses a hostile file (child process): time, peak RSS',
      size: f.what,
      result: `${seconds(t.median)}, ${mb(median(seen))}`,
      spread: spread(t),
      target: '< 5 s, < 500 MB',
      met: t.max < 5000 && Math.max(...seen) < 500e6,
    });
  }
  return rows;
}

async function envelope(w: GeneratedWorkbook): Promise<Row> {
  const scores = scoreWorkbook(await loadGrids(w.file));
  const candidates = scores.projects.filter((p) => p.gates.length === 0);
  const money = new Decimal(100_000);
  log(`envelope: ${candidates.length} of ${scores.projects.length} proposals within £100m`);
  const t = await time('envelope', () => chooseWithinEnvelope(candidates, money), {
    runs: 10,
    warmup: 2,
    minTimeMs: 1000,
  });
  const choice = chooseWithinEnvelope(candidates, money);
  return {
    measure: 'Envelope: chooseWithinEnvelope (exact)',
    size: `${scores.projects.length} proposals (${candidates.length} not gated), £100m`,
    result: `${seconds(t.median)}; ${choice.chosen.length} chosen, £${thousands(choice.totalInvestment.toNumber())}k`,
    spread: spread(t),
    target: '—',
  };
}

function tripsRow(what: string, size: string, r: RoundTrips, target: number): Row {
  return {
    measure: `office-js ${what}: syncs, largest request or response (real office.js bodies)`,
    size,
    result: `${r.syncs} syncs (${r.requests} requests), ${mb(r.largestBytes)}`,
    spread: `${mb(r.totalBytes)} in all`,
    target: `≤ ${target} syncs, each < 5 MB`,
    met: r.syncs <= target && r.largestBytes < MAX_PAYLOAD,
  };
}

async function office(biggest: GeneratedWorkbook): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of OFFICE_ROWS) {
    log(`office-js: read and write ${n} rows`);
    rows.push(tripsRow('read', `${thousands(n)} rows × 8 columns`, await readRows(n), syncTarget(n)));
  }
  const grids = await loadGrids(biggest.file);
  const rowsIn = grids.reduce((n, g) => n + g.rows.length, 0);
  rows.push(
    tripsRow(
      'read',
      `generated workbook, ${grids.length} sheets, ${thousands(rowsIn)} rows`,
      await readWorkbook(grids),
      syncTarget(rowsIn),
    ),
    tripsRow(
      "read with the totals' formulas",
      `generated workbook, ${grids.length} sheets, ${thousands(rowsIn)} rows`,
      await readWorkbookWithFormulas(grids),
      syncTarget(rowsIn) + 1,
    ),
  );
  for (const n of OFFICE_ROWS)
    rows.push(tripsRow('write', `${thousands(n)} rows × 8 columns`, await writeRows(n), syncTarget(n)));
  log('office-js: write 10,000 findings with links');
  rows.push(tripsRow('write', '10,000 findings with links', await writeFindings(10_000), syncTarget(10_004)));
  return rows;
}

async function pane(): Promise<Row[]> {
  const load = loadavg()[0].toFixed(1);
  const f = await measurePane(log);
  const size = `${lines(f.lines)} (${mb(f.bytes)} .xlsx), Chromium 350 px`;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const worst = (xs: number[]) => Math.max(...xs);
  const ratio = f.firstResultMs / f.readMs;
  return [
    ...f.longest.map((l): Row => ({
      measure: `Pane: longest main-thread task — ${l.what}`,
      size,
      result: l.tasks ? ms(l.ms) : 'none over 50 ms',
      spread: `${l.tasks} over 50 ms${l.frameMs ? `; office.js's telemetry frame, apart: ${ms(l.frameMs)}` : ''}; load average ${load} on ${cpus().length} cores`,
      target: `< ${LONG_TASK_LIMIT_MS} ms`,
      met: l.ms < LONG_TASK_LIMIT_MS,
    })),
    {
      measure: 'Pane: Check’s first result against reading the file (in the worker)',
      size,
      result: `${seconds(f.firstResultMs)} against ${seconds(f.readMs)}: ${ratio.toFixed(2)}×`,
      spread: `the whole check shown at ${seconds(f.checkedMs)}, everything worked out at ${seconds(f.readyMs)}`,
      target: `≤ ${FIRST_RESULT_RATIO}× the read`,
      met: ratio <= FIRST_RESULT_RATIO,
    },
    {
      measure: 'Pane: a Scenario switch, click to totals shown (one line)',
      size,
      result: ms(median(f.switches)),
      spread: `${sorted(f.switches)
        .map((x) => x.toFixed(0))
        .join(', ')} ms`,
      target: `< ${SWITCH_LIMIT_MS} ms`,
      met: worst(f.switches) < SWITCH_LIMIT_MS,
    },
    {
      measure: 'Pane: a Scenario switch, click to totals shown (a whole table)',
      size,
      result: ms(median(f.groupSwitches)),
      spread: `${sorted(f.groupSwitches)
        .map((x) => x.toFixed(0))
        .join(', ')} ms`,
      target: `< ${SWITCH_LIMIT_MS} ms`,
      met: worst(f.groupSwitches) < SWITCH_LIMIT_MS,
    },
  ];
}

function bundle(): { rows: Row[]; detail: string } {
  log('bundle: npm run build');
  const b = measureBundle();
  const detail = [
    '| File | Bytes | Gzip | Loaded |',
    '|---|---:|---:|---|',
    ...b.files.map(
      (f) => `| ${f.file} | ${kb(f.bytes)} | ${kb(f.gzip)} | ${f.firstLoad ? 'first load' : 'not at first load'} |`,
    ),
    ...b.external.map((e) => `| ${e} | — | — | first load, from Microsoft's CDN (not ours, not counted) |`),
  ].join('\n');
  return {
    rows: [
      {
        measure: 'Task pane bundle: first load, gzip',
        size: `${b.files.filter((f) => f.firstLoad).length} files`,
        result: kb(b.firstLoadGzip),
        spread: '—',
        target: '< 400 kB',
        met: b.firstLoadGzip < 400_000,
      },
      {
        measure: 'Task pane bundle: everything emitted, gzip',
        size: `${b.files.length} files`,
        result: kb(b.totalGzip),
        spread: '—',
        target: '—',
      },
    ],
    detail,
  };
}

// ---- The table -------------------------------------------------------------------------------

function table(rows: Row[]): string {
  const verdict = (r: Row) => (r.met === undefined ? '' : r.met ? 'met' : '**missed**');
  return [
    '| Measure | Size | Result (median) | Spread | Target | |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.size} | ${r.result} | ${r.spread} | ${r.target} | ${verdict(r)} |`),
  ].join('\n');
}

function writeResults(body: string): void {
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const block = `${START}\n${body}\n${END}`;
  const next =
    old.includes(START) && old.includes(END)
      ? old.slice(0, old.indexOf(START)) + block + old.slice(old.indexOf(END) + END.length)
      : `# Benchmark results\n\n${block}\n`;
  writeFileSync(RESULTS, next);
}

async function main(): Promise<void> {
  const started = Date.now();
  const made: GeneratedWorkbook[] = [];
  for (const n of SIZES) {
    log(`generating a ${lines(n)} workbook`);
    made.push(await generateWorkbook({ lines: n }));
  }
  const bySize = (n: number) => made.find((w) => w.expected.lines === n)!;
  const rows = [
    ...(await processes(bySize(PROCESS_SIZE))),
    ...(await memory(bySize(MEMORY_SIZE))),
    ...(await hostile()),
    ...(await engine(made)),
    await envelope(bySize(SIZES[0])),
    ...(await office(bySize(MEMORY_SIZE))),
  ];
  log('pane: the task pane at 20,000 lines in Chromium');
  rows.push(...(await pane()));
  const built = bundle();
  rows.push(...built.rows);
  const generated = made
    .map(
      (w) =>
        `${lines(w.expected.lines)}: ${w.departments.length} departments, ${w.expected.tables} tables, ${thousands(w.rows)} rows, ${mb(w.bytes)}`,
    )
    .join('; ');
  const body = [
    `Machine: ${machine()}.`,
    '',
    table(rows),
    '',
    `Workbooks (bench/generate.ts, seed 2015): ${generated}. Child processes are \`node bin/mtfs.js …\` and \`node bench/floor.cjs …\`, each run from start to exit. Hostile files are test/corpus/cases.ts's.`,
    '',
    'Bundle files (gzip level 9):',
    '',
    built.detail,
    '',
    `The whole run took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  ].join('\n');
  process.stdout.write(`${table(rows)}\n`);
  writeResults(body);
  log(`written to ${RESULTS}`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
