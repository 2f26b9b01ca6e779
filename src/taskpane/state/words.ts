/** Small helpers for the pane's plain words. */

/** "the file is empty" → "The file is empty." */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export { listWords, plural } from '../../engine/words';

const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count as the pane shows it, "1,299" (one formatter, made once: toLocaleString makes one per call). */
export function count(n: number): string {
  return WHOLE.format(n);
}
