/**
 * A shared formula's text as it stands in another cell of its range: Excel stores the formula once
 * (`<f t="shared" si="0">SUM(C4:C5)</f>`) and the other cells only point at it, so each cell's own
 * text is the first one's with its relative references moved by the cells' distance, as Excel
 * itself shows it (`SUM(D4:D5)` one column right). Text in quotes and sheet names are left alone.
 */

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const moveCol = (abs: string, letters: string, dc: number) =>
  abs ? `$${letters}` : columnLetters(Math.min(16_384, Math.max(1, columnNumber(letters) + dc)));
const moveRow = (abs: string, digits: string, dr: number) =>
  abs ? `$${digits}` : String(Math.min(1_048_576, Math.max(1, Number(digits) + dr)));

// A cell (B7, $B$7), a column range (B:C) or a row range (4:5), standing alone (not part of a name or function).
const REFERENCE =
  /(?<![\w.$])(?:(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(])|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(])|(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![\w(]))/g;

function shiftPlain(text: string, dr: number, dc: number): string {
  return text.replace(REFERENCE, (whole, ca: string, c: string, ra: string, r: string, ...rest: string[]) => {
    if (c !== undefined) return `${moveCol(ca, c, dc)}${moveRow(ra, r, dr)}`;
    const [c1a, c1, c2a, c2, r1a, r1, r2a, r2] = rest;
    if (c1 !== undefined) return `${moveCol(c1a, c1, dc)}:${moveCol(c2a, c2, dc)}`;
    if (r1 !== undefined) return `${moveRow(r1a, r1, dr)}:${moveRow(r2a, r2, dr)}`;
    return whole;
  });
}

export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  // Split into quoted pieces ("text", 'Sheet name') kept as they are, and the rest, shifted.
  return formula.replace(
    /("(?:[^"]|"")*"|'(?:[^']|'')*')|([^"']+)/g,
    (whole, quoted: string | undefined, plain: string | undefined) =>
      quoted !== undefined ? quoted : shiftPlain(plain ?? whole, dr, dc),
  );
}
