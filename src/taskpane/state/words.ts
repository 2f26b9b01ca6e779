/** Small helpers for the pane's plain words. */

/** "the file is empty" → "The file is empty." */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export { listWords, plural } from '../../engine/words';
