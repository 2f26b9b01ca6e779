import { Decimal, ZERO } from './money';
import type { SummaryRole } from './vocabulary';

/**
 * The department budget summary's chain, the one place it is written down:
 *   Sub Total       = updated original budget + other changes + budget transfers and adjustments
 *   proposed budget = Sub Total + proposed growth + proposed savings (savings are negative)
 *   each later year's updated original budget is the year before's proposed budget.
 * The check compares a workbook's summary with it; the report builds its summary from it.
 */
export const CHAIN = {
  subtotal: ['original', 'other', 'transfers'],
  proposed: ['subtotal', 'growth', 'savings'],
} as const satisfies Record<string, readonly SummaryRole[]>;

/** A line the chain works out from others. */
export type ChainedLine = keyof typeof CHAIN;

/** The line that carries into the next year, and the line it becomes there. */
export const CARRIED_FORWARD = { from: 'proposed', to: 'original' } as const satisfies Record<string, SummaryRole>;

/**
 * A chained line from its parts' values; a missing part counts as 0, an unreadable one (null) makes
 * the line unknown (null).
 */
export function chained(line: ChainedLine, valueOf: (part: SummaryRole) => Decimal | null | undefined): Decimal | null {
  let total = ZERO;
  for (const part of CHAIN[line]) {
    const v = valueOf(part);
    if (v === null) return null;
    if (v !== undefined) total = total.plus(v);
  }
  return total;
}

/** One year of the chain: Sub Total and the proposed budget from the year's inputs. */
export function chainYear(inputs: Partial<Record<SummaryRole, Decimal | null>>): {
  subtotal: Decimal | null;
  proposed: Decimal | null;
} {
  const subtotal = chained('subtotal', (p) => inputs[p]);
  const proposed = chained('proposed', (p) => (p === 'subtotal' ? subtotal : inputs[p]));
  return { subtotal, proposed };
}
