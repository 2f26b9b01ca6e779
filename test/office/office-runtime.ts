/**
 * Microsoft's own office-js runtime (`@microsoft/office-js`, dist/excel-web-16.00.debug.js: the
 * Excel on the web build, OfficeExtension and the Excel object model in one file), loaded in a
 * Node vm, with a recording transport in place of Excel.
 *
 * office-js hands each request to its context's request executor (`_requestExecutor.executeAsync`
 * of `OfficeExtension.ClientRequestContext`, normally OfficeJsRequestExecutor, which passes
 * `JSON.stringify(body)` to Excel through OSF.DDA.RichApi). `realExcel(book)` puts a recorder
 * there that keeps each body's UTF-8 size and answers it from the fake Excel: it walks the
 * body's object paths and actions, calls the same methods on the fake's objects, syncs the fake
 * and builds Excel's response (results by action id; `_ReferenceId` for ranges kept across syncs;
 * `_Id` for sheets Excel identifies; a RichApi error with its code when the fake refuses). So the
 * adapter runs through the real runtime — its batching, its object paths, its errors — and each
 * request is measured as office-js really builds it.
 *
 * The runtime also checks requirement sets: here it says ExcelApi up to 1.9 is there and nothing
 * above, as the manifest asks, so an API from a later set fails with ApiNotFound when called.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import type { ExcelRun } from '../../src/hosts/office';
import { FakeBook, FakeContext, FakeRichApiError, FAKE_LIMIT_BYTES } from './fake-excel';
import { referenceId, utf8Bytes } from './fake-request';

/* eslint-disable @typescript-eslint/no-explicit-any -- the bridge walks office-js's JSON and the fake's objects by name */

interface Runtime {
  Excel: any;
  OfficeExtension: any;
}

let loaded: Runtime | undefined;

/** The ExcelApi the manifest asks for: 1.9 (a version, so 1.12 is above it). */
const MAX_EXCEL_API_MINOR = 9;

function withinManifest(name: string, version?: string | number): boolean {
  if (name !== 'ExcelApi') return true;
  const [major = '1', minor = '1'] = String(version ?? '1.1').split('.');
  return Number(major) === 1 && Number(minor) <= MAX_EXCEL_API_MINOR;
}

/** The runtime, loaded once. */
export function officeRuntime(): Runtime {
  if (loaded) return loaded;
  const file = createRequire(__filename).resolve('@microsoft/office-js/dist/excel-web-16.00.debug.js');
  const sandbox: any = {
    console: { log() {}, warn() {}, error() {}, info() {} },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  sandbox.navigator = { userAgent: 'node' };
  sandbox.document = {
    createElement: () => ({}),
    getElementsByTagName: () => [],
    addEventListener() {},
    readyState: 'complete',
  };
  sandbox.location = { href: 'https://localhost/', protocol: 'https:', search: '', hash: '' };
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(file, 'utf8'), sandbox, { filename: 'excel-web-16.00.debug.js' });
  // What the runtime asks before each API from a requirement set: ExcelApi up to 1.9, as the manifest declares.
  const context = {
    requirements: {
      isSetSupported: withinManifest,
    },
  };
  // This build leaves the check off (it sets the flag on Utility, but reads it on CommonUtility): turn it on.
  sandbox.OfficeExtension.CommonUtility._doApiNotSupportedCheck = true;
  const office = sandbox.Office;
  sandbox.Office = new Proxy(office, { get: (target, p) => (p === 'context' ? context : Reflect.get(target, p)) });
  loaded = { Excel: sandbox.Excel, OfficeExtension: sandbox.OfficeExtension };
  return loaded;
}

export interface RecordedRequest {
  /** UTF-8 bytes of the request body office-js sent. */
  bytes: number;
  /** UTF-8 bytes of the response the bridge sent back. */
  responseBytes: number;
  /** The body itself (dropped for big requests unless asked to keep). */
  body?: string;
  failed?: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Answers one office-js request from the fake. */
class Bridge {
  private readonly objects = new Map<number, any>();
  private readonly references = new Map<string, any>();
  private nextReference = 0;
  readonly fake: FakeContext;

  constructor(readonly book: FakeBook) {
    this.fake = new FakeContext(book);
    this.fake.bridged = true;
  }

  private root(): any {
    const wb = this.fake.workbook;
    return {
      worksheets: wb.worksheets,
      names: wb.names,
      protection: wb.protection,
      customXmlParts: wb.customXmlParts,
      application: this.fake.application,
    };
  }

  private resolve(id: number, paths: Record<string, any>): any {
    const info = paths[id];
    if (info?.ObjectPathType === 6) {
      const found = this.references.get(info.Name);
      if (!found) throw new Error(`no object kept as ${info.Name}`);
      return found;
    }
    if (this.objects.has(id)) return this.objects.get(id);
    if (!info) throw new Error(`object path ${id} is not in the request`);
    const args = (info.ArgumentInfo?.Arguments ?? []).map((a: unknown, i: number) =>
      info.ArgumentInfo?.ReferencedObjectPathIds?.[i]
        ? this.resolve(info.ArgumentInfo.ReferencedObjectPathIds[i], paths)
        : a,
    );
    let obj: any;
    switch (info.ObjectPathType) {
      case 1:
        obj = this.root();
        break;
      case 4:
        obj = this.resolve(info.ParentObjectPathId, paths)[lowerFirst(info.Name)];
        break;
      case 3: {
        const parent = this.resolve(info.ParentObjectPathId, paths);
        const name = lowerFirst(info.Name);
        if (typeof parent[name] !== 'function') throw new Error(`the fake has no ${info.Name}`);
        obj = parent[name](...args);
        break;
      }
      case 5:
        obj = this.resolve(info.ParentObjectPathId, paths).getItem(args[0]);
        break;
      default:
        throw new Error(`object path type ${info.ObjectPathType}`);
    }
    if (obj === undefined) throw new Error(`the fake has no ${info.Name}`);
    this.objects.set(id, obj);
    return obj;
  }

  /** Runs one request against the fake and builds Excel's response. */
  async answer(body: any): Promise<any> {
    const paths = body.ObjectPaths ?? {};
    const later: { id: number; value: () => unknown }[] = [];
    const kept = new Set<number>();
    const lastInstantiate = new Map<number, number>();
    for (const a of body.Actions) if (a.ActionType === 1) lastInstantiate.set(a.ObjectPathId, a.Id);
    for (const a of body.Actions) {
      const obj = this.resolve(a.ObjectPathId, paths);
      const args = a.ArgumentInfo?.Arguments ?? [];
      switch (a.ActionType) {
        case 1: {
          // A sheet added in this request: Excel reports its id, and office-js finds it by that id afterwards.
          if (a.Id === lastInstantiate.get(a.ObjectPathId) && kept.has(a.ObjectPathId)) {
            const ref = referenceId(++this.nextReference);
            this.references.set(ref, obj);
            later.push({ id: a.Id, value: () => ({ _ReferenceId: ref }) });
          } else if (
            paths[a.ObjectPathId]?.ObjectPathType === 3 &&
            paths[a.ObjectPathId].Name === 'Add' &&
            typeof obj?.sheet === 'function'
          ) {
            later.push({ id: a.Id, value: () => ({ _Id: obj.sheet().id }) });
          }
          break;
        }
        case 2: {
          const select: string[] = a.QueryInfo?.Select ?? [];
          const collection = 'items' in obj && typeof obj.load === 'function' && !('values' in obj);
          obj.load(collection ? select.map((p) => `items/${p}`).join(',') : select.join(','));
          later.push({ id: a.Id, value: () => this.queried(obj, select, collection) });
          break;
        }
        case 3: {
          if (a.Name === '_KeepReference') {
            kept.add(a.ObjectPathId);
            break;
          }
          if (typeof obj[lowerFirst(a.Name)] !== 'function') throw new Error(`the fake has no method ${a.Name}`);
          const result = obj[lowerFirst(a.Name)](...args);
          if (result && typeof result === 'object' && 'value' in Object.getPrototypeOf(result))
            later.push({ id: a.Id, value: () => result.value });
          break;
        }
        case 4:
          obj[lowerFirst(a.Name)] = args[0];
          break;
        default:
          throw new Error(`action type ${a.ActionType}`);
      }
    }
    try {
      await this.fake.sync();
    } catch (e) {
      if (!(e instanceof FakeRichApiError)) throw e;
      return { Error: { Code: e.code, Message: e.message, HttpStatusCode: 400, ActionIndex: -1, Location: '' } };
    }
    return { Results: later.map((l) => ({ ActionId: l.id, Value: l.value() })), TraceIds: [] };
  }

  private queried(obj: any, select: string[], collection: boolean): unknown {
    const isNull = (o: any) => {
      try {
        return 'isNullObject' in o && o.isNullObject === true;
      } catch {
        return false; // not from an OrNullObject method
      }
    };
    const pick = (o: any) => {
      if (isNull(o)) return null;
      const out: Record<string, unknown> = {};
      for (const p of select) out[p.charAt(0).toUpperCase() + p.slice(1)] = p === 'protected' ? o.protected : o[p];
      return out;
    };
    if (!collection) return pick(obj);
    return {
      _Items: obj.items.map((item: any) => {
        const id =
          typeof item.sheet === 'function'
            ? item.sheet().id
            : typeof item.part === 'function'
              ? item.part().id
              : item.name;
        return { ...pick(item), _Id: id };
      }),
    };
  }
}

/**
 * A batch runner that runs the adapter's batches through Microsoft's runtime (`Excel.run` with a
 * request context whose transport is the recorder), answering from the fake Excel.
 */
export function realExcel(book: FakeBook, options: { keepBodies?: boolean } = {}) {
  const { Excel } = officeRuntime();
  const requests: RecordedRequest[] = [];
  const bridges: Bridge[] = [];
  const run: ExcelRun = (batch) => {
    const context = new Excel.RequestContext();
    const bridge = new Bridge(book);
    bridges.push(bridge);
    context._requestExecutor = {
      async executeAsync(_custom: unknown, _flags: number, message: { Body: unknown }) {
        const body = JSON.stringify(message.Body);
        const record: RecordedRequest = { bytes: utf8Bytes(body), responseBytes: 0 };
        if (options.keepBodies || record.bytes < 100_000) record.body = body;
        requests.push(record);
        let answer: any;
        if (record.bytes > FAKE_LIMIT_BYTES)
          answer = {
            Error: {
              Code: 'RequestPayloadSizeLimitExceeded',
              Message: 'The request payload size has exceeded the limit.',
              HttpStatusCode: 413,
              ActionIndex: -1,
            },
          };
        else answer = await bridge.answer(JSON.parse(body));
        const text = JSON.stringify(answer);
        record.responseBytes = utf8Bytes(text);
        if (record.responseBytes > FAKE_LIMIT_BYTES)
          answer = {
            Error: {
              Code: 'ResponsePayloadSizeLimitExceeded',
              Message: 'The response payload size has exceeded the limit.',
              HttpStatusCode: 413,
              ActionIndex: -1,
            },
          };
        if (answer.Error) record.failed = answer.Error.Code;
        return { HttpStatusCode: 200, ErrorCode: '', ErrorMessage: '', Headers: {}, Body: answer };
      },
    };
    return Excel.run(context, batch);
  };
  return { run, requests, bridges };
}
