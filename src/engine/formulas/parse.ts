import { parse, parseA1Ref, tokenize, type AstExpression } from '@borgar/fx';

/**
 * What a total's formula adds up, read with @borgar/fx (an Excel formula parser) rather than
 * regular expressions: `SUM`, `SUBTOTAL(9, …)`, `+`/`-` chains, brackets, a leading minus, a
 * `ROUND` around any of them and a division by a number (a change of unit, /1000); ranges, whole columns and rows, absolute references and other sheets'
 * cells, quoted names included. Anything else is beyond the audit, and says why.
 */

/** A block of cells the formula adds (sign +1) or takes away (-1); rows and columns 0-based, inclusive. */
export interface Term {
  sign: number;
  /** The sheet named in the reference, when it names one. */
  sheet?: string;
  top: number;
  left: number;
  /** A whole column's bottom, or a whole row's right, is Infinity. */
  bottom: number;
  right: number;
  /** The reference as written, e.g. `$F$7:F21` or `'Growth items'!F20`. */
  text: string;
  /** Inside SUBTOTAL, which leaves out the cells in its ranges that hold SUBTOTALs themselves (Excel's rule). */
  skipsSubtotals?: true;
}

export type SumReading = { kind: 'sum'; terms: Term[] } | { kind: 'beyond'; why: string };

/** SUBTOTAL's codes that add: 9 (SUM) and 109 (SUM, leaving out hidden rows). */
const SUBTOTAL_SUM = new Set([9, 109]);

class Beyond extends Error {}

export function readSum(formula: string): SumReading {
  let ast: AstExpression;
  try {
    ast = parse(tokenize(formula.replace(/^=/, ''), { mergeRefs: true, negativeNumbers: false }));
  } catch {
    return { kind: 'beyond', why: 'Excel formula the audit cannot read' };
  }
  try {
    const terms: Term[] = [];
    collect(ast, 1, terms);
    return { kind: 'sum', terms };
  } catch (e) {
    if (e instanceof Beyond) return { kind: 'beyond', why: e.message };
    throw e;
  }
}

function collect(node: AstExpression, sign: number, out: Term[]): void {
  switch (node.type) {
    case 'ReferenceIdentifier':
      out.push(term(node.value, sign));
      return;
    case 'UnaryExpression':
      if (node.operator === '-' || node.operator === '+') {
        collect(node.arguments[0]!, node.operator === '-' ? -sign : sign, out);
        return;
      }
      throw new Beyond(`the operator ${node.operator}`);
    case 'BinaryExpression':
      if (node.operator === '+' || node.operator === '-') {
        collect(node.arguments[0]!, sign, out);
        collect(node.arguments[1]!, node.operator === '-' ? -sign : sign, out);
        return;
      }
      if (node.operator === '/' && isNumber(node.arguments[1])) {
        // A change of unit (pounds to £000): the same cells, scaled.
        collect(node.arguments[0]!, sign, out);
        return;
      }
      throw new Beyond(`the operator ${node.operator}`);
    case 'CallExpression':
      return call(node.callee.name.toUpperCase(), node.arguments, sign, out);
    case 'Literal':
      throw new Beyond(`a typed number (${String(node.value)}) among its terms`);
    default:
      throw new Beyond('something other than cell references');
  }
}

function isNumber(node: AstExpression | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'number' && node.value > 0;
}

function call(name: string, args: AstExpression[], sign: number, out: Term[]): void {
  if (name === 'SUM') {
    for (const arg of args) collect(arg, sign, out);
    return;
  }
  if (name === 'SUBTOTAL') {
    const [code, ...rest] = args;
    if (code?.type === 'Literal' && SUBTOTAL_SUM.has(Number(code.value))) {
      const from = out.length;
      for (const arg of rest) collect(arg, sign, out);
      for (let i = from; i < out.length; i++) out[i]!.skipsSubtotals = true;
      return;
    }
    throw new Beyond('SUBTOTAL with a code other than 9 or 109');
  }
  if (name === 'ROUND' && args.length === 2 && args[1]?.type === 'Literal') {
    collect(args[0]!, sign, out);
    return;
  }
  throw new Beyond(`the function ${name}`);
}

function term(text: string, sign: number): Term {
  const ref = parseA1Ref(text);
  if (!ref || !('range' in ref) || !ref.range) throw new Beyond(`the name ${text}`);
  const context = ref.context ?? [];
  if (context.length > 1 || /^\[/.test(context[0] ?? '')) throw new Beyond(`a reference to another workbook (${text})`);
  const { top, left, bottom, right } = ref.range;
  const sheet = context[0];
  return {
    sign,
    ...(sheet ? { sheet } : {}),
    top: top ?? 0,
    left: left ?? 0,
    bottom: bottom ?? (top === null ? Infinity : top),
    right: right ?? (left === null ? Infinity : left),
    text,
  };
}
