/**
 * Loops instead of spreading into calls: `Math.max(...xs)` and `push(...xs)` overflow the stack
 * once a sheet has a few hundred thousand rows.
 */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = empty;
  for (const v of values) if (v < min) min = v;
  return min;
}

/**
 * The item at an index the caller's own logic keeps in range (a list built alongside another, say):
 * a clear error, rather than undefined further on, if it ever is not.
 */
export function itemAt<T extends object | string | number | bigint | boolean | null>(
  items: readonly T[],
  i: number,
): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`item ${i} asked of a list of ${items.length}`);
  return item;
}

/** The one item of a list that has exactly one, else undefined. */
export function only<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** The items by key, each group in the items' order, the groups in the order their keys first come. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function append<T>(target: T[], ...sources: readonly T[][]): T[] {
  for (const source of sources) for (const item of source) target.push(item);
  return target;
}
