import { parseTextNumber } from '../../engine/figures';
import { formatMoney, placesFor, type Decimal } from '../../engine/money';

/**
 * A £000 figure the user types: the text as typed, the figure the engine reads from it (null when the field is
 * empty or cannot be read), and what is wrong with it in plain words.
 */
export interface MoneyField {
  text: string;
  value: Decimal | null;
  error: string | null;
}

export const EMPTY_FIELD: MoneyField = { text: '', value: null, error: null };

export interface MoneyFieldRules {
  /** Refuse figures below zero (an investment envelope). */
  notNegative?: boolean;
  /** An example for the message, e.g. "1,000". */
  example?: string;
}

/**
 * Reads what the user typed the way the engine reads figures typed as text: "32,859", "-1,250", "(500)", "£1,450".
 * Anything else (a scale such as "1.4m", a percentage, words) is refused with a message, never guessed.
 */
export function moneyField(text: string, rules: MoneyFieldRules = {}): MoneyField {
  if (text.trim() === '') return { text, value: null, error: null };
  const value = parseTextNumber(text);
  const example = rules.example ?? '32,859';
  if (!value)
    return {
      text,
      value: null,
      error: `Enter a figure in £000, such as ${example}${rules.notNegative ? '' : ' or (500)'}.`,
    };
  if (rules.notNegative && value.isNegative() && !value.isZero())
    return { text, value: null, error: 'This cannot be negative: enter 0 or more, in £000.' };
  return { text, value, error: null };
}

/** A figure as the pane shows it and pre-fills fields with it: house style, #,##0 with a leading minus, decimals kept when it has them. */
export function moneyText(value: Decimal): string {
  return formatMoney(value, placesFor(value, 0));
}

/** A field pre-filled with a figure from the workbook. */
export function filledField(value: Decimal | undefined): MoneyField {
  return value === undefined ? EMPTY_FIELD : { text: moneyText(value), value, error: null };
}
