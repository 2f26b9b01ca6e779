import { itemAt } from './collections';

/** A1-style addresses; rows and columns are 0-based in the engine. */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function a1Range(top: number, left: number, bottom: number, right: number): string {
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

export function parseA1(address: string): { row: number; col: number } {
  const [, letters, digits] = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim()) ?? [];
  if (!letters || !digits) throw new Error(`Not a cell address: ${address}`);
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(digits) - 1, col: col - 1 };
}

/** How many columns a range such as 'E60:H69' spans. */
export function rangeColumns(range: string): number {
  const cells = range.split(':').map(parseA1);
  const from = itemAt(cells, 0); // split always gives at least one part
  const to = cells[1] ?? from;
  return to.col - from.col + 1;
}

/** 'Sheet Name'!A1, quoting the sheet name the way Excel does. */
export function sheetRef(sheet: string, address: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${address}`;
}
