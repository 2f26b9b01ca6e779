import { WorkbookReadError } from '../../engine/port';
import { WriteRefused } from '../../engine/workflow';
import type { FailureWords } from './protocol';

/** A failure whose message is already meant for users. */
export class PlainError extends Error {}

/** A failure that crossed between the worker and the main thread: its name, words, and whether they are for users. */
export class CrossedError extends Error {
  constructor(
    name: string,
    message: string,
    readonly plain: boolean,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * True for failures that carry words meant for users: unreadable files, refused writes, Excel's errors as the
 * office adapter words them (ExcelProblem), browser file errors.
 */
export function speaksPlainly(error: unknown): error is Error {
  if (error instanceof WorkbookReadError || error instanceof WriteRefused || error instanceof PlainError) return true;
  if (error instanceof CrossedError) return error.plain;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return true;
  return error instanceof Error && error.name === 'ExcelProblem';
}

/** A failure as plain data, to post. */
export function failureWords(error: unknown): FailureWords {
  const e = error instanceof Error ? error : new Error(typeof error === 'string' ? error : '');
  return { name: e.name, message: e.message, plain: speaksPlainly(error) };
}

export function fromWords(words: FailureWords): CrossedError {
  return new CrossedError(words.name, words.message, words.plain);
}
