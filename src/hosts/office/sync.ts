/// <reference types="office-js" />

/** Runs one office-js batch: `Excel.run` in Excel, a fake context in tests and benchmarks. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel on the web rejects a request or response over 5 MB (RequestPayloadSizeLimitExceeded). */
export const MAX_SYNC_BYTES = 5_000_000;
/** What one sync is planned to carry at most: a tenth under the limit. */
export const SYNC_BUDGET_BYTES = 4_500_000;

/**
 * What office-js adds to a request for each thing the adapter asks, in UTF-8 bytes, from the body
 * it builds (see test/office/fake-request.ts; test/office/runtime.test.ts measures the real
 * runtime's bodies against these). Object and action ids are counted at seven digits.
 * - an action (set a property, call a method): {"Id":…,"ActionType":4,"Name":"…","ObjectPathId":…,
 *   "ArgumentInfo":{"Arguments":[…]}} and its share of the "L" list: 105 bytes besides its name
 *   and arguments;
 * - a new range (getRangeByIndexes): its object path with four numbers (~135), its instantiation
 *   twice and the _KeepReference that keeps it across syncs (~230): 370;
 * - a new object reached by a property (a sheet's names, a chart's title): path and
 *   instantiation, 140;
 * - an array of more than 1,500 cells is checked (`_ValidateArraySize`) and set in pieces of
 *   about 1,500 cells, each `getRow(a).getBoundingRect(getRow(b))` instantiated twice: 900 a piece.
 */
export const REQUEST_BYTES = {
  action: 105,
  range: 370,
  property: 140,
  piece: 900,
} as const;

/** office-js sets arrays of more than this many cells in pieces. */
export const PIECE_CELLS = 1500;

/** What office-js adds to set one array of rows x cols: nothing below 1,500 cells, then a check and the pieces. */
export function piecesBytes(rows: number, cols: number): number {
  if (rows * cols <= PIECE_CELLS) return 0;
  const step = Math.max(1, Math.round(PIECE_CELLS / cols));
  return REQUEST_BYTES.action + 40 + Math.ceil(rows / step) * REQUEST_BYTES.piece;
}

/** Request bytes of one action with this name and these arguments, as office-js sends it. */
export function actionBytes(name: string, args: unknown[]): number {
  return REQUEST_BYTES.action + name.length + jsonBytes(args);
}
/** The most rows read in one request. */
export const BLOCK_ROWS = 10_000;
/** Operations this small may use SMALL_OP_SLACK_BYTES of the headroom between budget and limit. */
export const SMALL_OP_BYTES = 16_384;
export const SMALL_OP_SLACK_BYTES = 131_072;

/**
 * Bytes each read is expected to bring back, for planning before anything is loaded: the JSON
 * size of what office-js returns, worked out for MTFS-like sheets (a code, a label, money
 * columns, a note; see test/office/fixtures.ts), not measured against Excel itself. Values and
 * numberFormat together take ~13 bytes for an empty cell, ~22 for a number and ~50 for a label;
 * a cell's three font flags ~70; a row's hidden flag and font flags ~90. After each round, the
 * per-cell figure follows what that sheet actually sent (plus 15%).
 */
export const READ_BYTES = {
  cell: 32,
  rowWithFont: 92,
  rowHiddenOnly: 20,
  column: 24,
  /** Listing sheets, used ranges and names: a few hundred bytes per sheet. */
  perSheet: 300,
  /** Excel's wrapping of each result in its response: {"ActionId":…,"Value":{"Values":…,"NumberFormat":…}}. */
  result: 80,
} as const;

/** One `context.sync()`: what it was for and how many bytes it was planned (and seen) to carry. */
export interface SyncRecord {
  stage: string;
  /** The adapter's estimate of the larger of request and response, made before the sync. */
  estimatedBytes: number;
  /** For reads: the JSON size of what actually came back (values, formats, properties). */
  measuredBytes?: number;
}

export interface SyncStats {
  syncs: number;
  records: SyncRecord[];
  /** Largest estimate (or measurement, when larger) of any one sync. */
  maxPayloadBytes: number;
}

/**
 * Wraps a batch runner so every `context.sync()` made through it is counted, whoever makes it.
 * For benchmarks against real Excel or a fake: `const counted = countSyncs(run)`, then
 * `new OfficeWorkbook(counted.run)` and read `counted.count.syncs` afterwards.
 */
export function countSyncs(run: ExcelRun): { run: ExcelRun; count: { syncs: number } } {
  const count = { syncs: 0 };
  const counted: ExcelRun = (batch) =>
    run((context) => {
      const proxy = new Proxy(context, {
        get(target, prop) {
          const v: unknown = Reflect.get(target, prop, target);
          if (prop === 'sync') {
            return (...args: unknown[]) => {
              count.syncs++;
              return (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            };
          }
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      return batch(proxy);
    });
  return { run: counted, count };
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of a string: what it costs on the wire (a £ is two). */
export function utf8Bytes(text: string): number {
  let ascii = true;
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  return ascii ? text.length : utf8.encode(text).length;
}

/** UTF-8 bytes of a value's JSON: what crosses the wire for it. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : utf8Bytes(JSON.stringify(value));
}
