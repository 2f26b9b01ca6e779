/**
 * The request body office-js sends at each `context.sync()`, as the fake Excel models it, and the
 * response Excel sends back. office-js (Microsoft's runtime, `excel-web-16.00.debug.js`) turns a
 * batch into JSON of this form, which `JSON.stringify` puts on the wire:
 *
 *   {"AutoKeepReference":true,
 *    "Actions":[{"Id":2,"ActionType":1,"Name":"","ObjectPathId":1}, ...],
 *    "ObjectPaths":{"1":{"Id":1,"ObjectPathType":1,"Name":""}, ...}}
 *
 * - every object (workbook, a collection, a sheet, a range) is an object path: a global (1), a
 *   method's result (3: `GetRangeByIndexes` with its arguments), a property (4: `Worksheets`), an
 *   indexer (5: `worksheets["{id}"]`) or a kept reference (6);
 * - each path an action uses is instantiated (action type 1) once per request, parents first;
 * - a range is kept across syncs inside `Excel.run`: a `_KeepReference` method and a second
 *   instantiation, after which Excel's `_ReferenceId` stands for it;
 * - each action is a query (2, `QueryInfo.Select`), a method (3) or a property set (4), with its
 *   arguments in `ArgumentInfo.Arguments`;
 * - an `L` list on the action that last uses each path (office-js's early dispose).
 *
 * test/office/runtime.test.ts drives the same batches through the real runtime with a recording
 * transport and checks that these sizes match what it sends.
 */

export interface PathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[]; ReferencedObjectPathIds?: number[] };
}

/** An object's path: kept by each fake object, rewritten when Excel gives it an id or a reference. */
export class PathNode {
  constructor(
    public info: PathInfo,
    public parent: PathNode | null,
    /** Paths passed as arguments (a chart's source range). */
    readonly args: PathNode[] = [],
    /** A range: office-js keeps a reference to it inside Excel.run. */
    readonly kept = false,
  ) {}
}

interface Action {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments: unknown[] };
  QueryInfo?: { Select: string[] };
  L?: number[];
}

/** Bytes of a string as UTF-8: what goes over the wire. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const capital = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** office-js sets arrays of more than this many cells in pieces. */
export const BULK_CELLS = 1500;

/** Builds one request at a time, numbering objects and actions as office-js does. */
export class RequestModel {
  private nextId = 1;
  private actions: Action[] = [];
  private used = new Map<number, PathNode>();
  private instantiated = new Set<number>();
  private keptInRequest = new Set<PathNode>();
  private references = 0;
  private keepReference = false;
  readonly root: PathNode;

  constructor() {
    this.root = new PathNode({ Id: this.nextId++, ObjectPathType: 1, Name: '' }, null);
  }

  /** A property object: `workbook.worksheets`, `range.format`. */
  property(parent: PathNode, name: string): PathNode {
    return new PathNode(
      { Id: this.nextId++, ObjectPathType: 4, Name: capital(name), ParentObjectPathId: parent.info.Id },
      parent,
    );
  }

  /** An object a method returns: `getRangeByIndexes(0, 0, 10, 8)`, instantiated at once; ranges are kept. */
  method(
    parent: PathNode,
    name: string,
    args: unknown[],
    options: { kept?: boolean; argPaths?: PathNode[] } = {},
  ): PathNode {
    const argPaths = options.argPaths ?? [];
    const info: PathInfo = {
      Id: this.nextId++,
      ObjectPathType: 3,
      Name: capital(name),
      ParentObjectPathId: parent.info.Id,
      ArgumentInfo: { Arguments: args },
    };
    if (argPaths.length)
      info.ArgumentInfo!.ReferencedObjectPathIds = args.map((a) => {
        const p = argPaths.find((x) => x.info.Id === a);
        return p ? p.info.Id : 0;
      });
    const node = new PathNode(info, parent, argPaths, options.kept);
    // office-js instantiates a method's result as soon as it is asked for.
    this.use(node);
    if (options.kept) {
      this.push({
        Id: this.nextId++,
        ActionType: 3,
        Name: '_KeepReference',
        ObjectPathId: node.info.Id,
        ArgumentInfo: { Arguments: [] },
      });
      this.push({ Id: this.nextId++, ActionType: 1, Name: '', ObjectPathId: node.info.Id });
      this.keptInRequest.add(node);
      this.keepReference = true;
    }
    return node;
  }

  /**
   * A value array of more than 1,500 cells: office-js checks its size (`_ValidateArraySize`)
   * and sets it in pieces of about 1,500 cells, each `range.getRow(a).getBoundingRect(range.getRow(b))`
   * (three objects made, kept and let go at once, each instantiated twice and marked "D") with
   * its slice of the array. Returns whether it did.
   */
  setInPieces(range: PathNode, name: string, value: unknown[][]): boolean {
    const rows = value.length;
    const cols = value[0]?.length ?? 0;
    if (rows * cols <= BULK_CELLS) return false;
    this.call(range, '_ValidateArraySize', [rows, cols]);
    const step = Math.max(1, Math.round(BULK_CELLS / cols));
    for (let start = 0; start < rows; start += step) {
      const end = Math.min(rows, start + step) - 1;
      const first = this.disposable(range, 'GetRow', [start]);
      const last = this.disposable(range, 'GetRow', [end]);
      const rect = this.disposable(first, 'GetBoundingRect', [last.info.Id], last);
      this.setProperty(rect, name, value.slice(start, end + 1));
    }
    return true;
  }

  private disposable(parent: PathNode, name: string, args: unknown[], argPath?: PathNode): PathNode {
    const info: PathInfo & { D?: boolean } = {
      Id: this.nextId++,
      ObjectPathType: 3,
      Name: name,
      ParentObjectPathId: parent.info.Id,
      ArgumentInfo: argPath ? { Arguments: args, ReferencedObjectPathIds: [argPath.info.Id] } : { Arguments: args },
      D: true,
    };
    const node = new PathNode(info, parent, argPath ? [argPath] : []);
    this.use(node);
    this.nextId++; // the _KeepReference office-js adds and takes back when the piece is untracked
    this.push({ Id: this.nextId++, ActionType: 1, Name: '', ObjectPathId: node.info.Id });
    return node;
  }

  /** An item of a collection by name or id: `worksheets.getItem("Budget")`. */
  indexer(parent: PathNode, key: string): PathNode {
    return new PathNode(
      {
        Id: this.nextId++,
        ObjectPathType: 5,
        Name: '',
        ParentObjectPathId: parent.info.Id,
        ArgumentInfo: { Arguments: [key] },
      },
      parent,
    );
  }

  /** Excel gave the object an id (a sheet, a name, a part): later requests find it by that id. */
  identify(node: PathNode, collection: PathNode, id: string): void {
    node.info = {
      Id: node.info.Id,
      ObjectPathType: 5,
      Name: '',
      ParentObjectPathId: collection.info.Id,
      ArgumentInfo: { Arguments: [id] },
    };
    node.parent = collection;
  }

  /** Excel kept a reference to the object: later requests use it. */
  referenced(node: PathNode, referenceId: string): void {
    node.info = { Id: node.info.Id, ObjectPathType: 6, Name: referenceId, ArgumentInfo: { Arguments: [] } };
    node.parent = null;
  }

  setProperty(node: PathNode, name: string, value: unknown): number {
    return this.act(node, { ActionType: 4, Name: capital(name), ArgumentInfo: { Arguments: [value] } });
  }

  call(node: PathNode, name: string, args: unknown[]): number {
    return this.act(node, { ActionType: 3, Name: capital(name), ArgumentInfo: { Arguments: args } });
  }

  query(node: PathNode, select: string[]): number {
    return this.act(node, { ActionType: 2, Name: '', QueryInfo: { Select: select } });
  }

  /** Instantiates a path without acting on it (an object whose id Excel is to report). */
  touch(node: PathNode): number {
    this.use(node);
    return this.actions.filter((a) => a.ActionType === 1 && a.ObjectPathId === node.info.Id).at(-1)?.Id ?? 0;
  }

  private act(node: PathNode, action: Omit<Action, 'Id' | 'ObjectPathId'>): number {
    this.use(node);
    const id = this.nextId++;
    this.push({ Id: id, ...action, ObjectPathId: node.info.Id });
    return id;
  }

  private push(action: Action): void {
    this.actions.push(action);
  }

  /** Marks a path and its parents (and argument paths) used in this request, instantiating each once. */
  private use(node: PathNode): void {
    if (node.parent) this.use(node.parent);
    for (const a of node.args) this.use(a);
    this.used.set(node.info.Id, node);
    if (this.instantiated.has(node.info.Id)) return;
    this.instantiated.add(node.info.Id);
    this.push({ Id: this.nextId++, ActionType: 1, Name: '', ObjectPathId: node.info.Id });
  }

  get empty(): boolean {
    return this.actions.length === 0;
  }

  /** The request body as office-js builds it; resets for the next request. */
  take(): { body: string; bytes: number; kept: PathNode[] } {
    const lastUse = new Map<number, Action>();
    for (const action of this.actions) {
      const mark = (n: PathNode | null) => {
        for (; n; n = n.parent) {
          lastUse.set(n.info.Id, action);
          for (const a of n.args) mark(a);
        }
      };
      mark(this.used.get(action.ObjectPathId) ?? null);
    }
    const byAction = new Map<Action, number[]>();
    for (const [path, action] of lastUse) byAction.set(action, [...(byAction.get(action) ?? []), path]);
    const actions = this.actions.map((a) => {
      const l = byAction.get(a);
      return l ? { ...a, L: l.sort((x, y) => x - y) } : a;
    });
    const paths: Record<string, PathInfo> = {};
    for (const id of [...this.used.keys()].sort((x, y) => x - y)) paths[id] = this.used.get(id)!.info;
    const body = JSON.stringify({ AutoKeepReference: this.keepReference, Actions: actions, ObjectPaths: paths });
    const kept = [...this.keptInRequest];
    this.actions = [];
    this.used = new Map();
    this.instantiated = new Set();
    this.keptInRequest = new Set();
    this.keepReference = false;
    return { body, bytes: utf8Bytes(body), kept };
  }

  /** A reference id as Excel gives one for a kept object. */
  nextReference(): string {
    return referenceId(++this.references);
  }
}

/** Excel's answer to one request: a result per action that asked for one. */
export interface ResponseResult {
  ActionId: number;
  Value: unknown;
}

export function responseBytes(results: ResponseResult[]): number {
  return utf8Bytes(JSON.stringify({ Results: results, TraceIds: [] }));
}

/** A loaded property as Excel names it in a response: `numberFormat` comes back as `NumberFormat`. */
export function wireName(property: string): string {
  return capital(property);
}

/** Excel's reference ids are GUID-like strings; the fake and the bridge both use this form. */
export function referenceId(n: number): string {
  return `{${String(n).padStart(8, '0')}-0000-0000-0000-000000000000}`;
}
