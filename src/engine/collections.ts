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

export function append<T>(target: T[], ...sources: readonly T[][]): T[] {
  for (const source of sources) for (const item of source) target.push(item);
  return target;
}
