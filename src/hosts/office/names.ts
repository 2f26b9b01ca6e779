/** The sheet a workbook name refers to, from its formula ("='MTFS Summary'!$A$1"); null for #REF!. */
export function referencedSheet(formula: string): string | null {
  const f = formula.trim().replace(/^=/, '');
  if (f.startsWith("'")) {
    let out = '';
    let i = 1;
    while (i < f.length) {
      if (f[i] === "'") {
        if (f[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        break;
      }
      out += f[i++];
    }
    return f[i + 1] === '!' ? out : null;
  }
  const m = /^([^!'"=()]+)!/.exec(f);
  return m && !m[1].startsWith('#') ? m[1] : null;
}
