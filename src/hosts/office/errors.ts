/**
 * Excel's errors in plain words. office-js fails a `context.sync()` with a RichApi.Error whose
 * `code` says what went wrong; its message is written for developers ("The argument is invalid
 * or missing or has an incorrect format") and Microsoft says it is not for end users. The pane
 * shows these words instead: what happened, and what to do.
 *
 * No office-js here, so the task pane can use the table without loading the adapter.
 */

export interface ExcelErrorWords {
  /** What happened, for a finance manager. */
  said: string;
  /** What to do about it. */
  todo: string;
}

export const EXCEL_ERROR_WORDS: Readonly<Record<string, ExcelErrorWords>> = {
  ItemNotFound: {
    said: 'Excel could not find a sheet or name the add-in was working with: it may have been renamed or deleted while the add-in was busy.',
    todo: 'Check the workbook again, then try once more.',
  },
  ItemAlreadyExists: {
    said: 'Excel already has a sheet or name of that name.',
    todo: 'Check the workbook again, then try once more.',
  },
  InvalidOperationInCellEditMode: {
    said: 'Excel is waiting for you to finish typing in a cell.',
    todo: 'Press Enter or Esc to leave the cell, then try again.',
  },
  InactiveWorkbook: {
    said: 'Excel stopped the add-in because another workbook became the active one.',
    todo: 'Click back into this workbook, then try again.',
  },
  UnsupportedOperation: {
    said: 'This version of Excel cannot do one of the steps the add-in asked for.',
    todo: 'Update Excel, or use Excel on the web, then try again.',
  },
  RequestPayloadSizeLimitExceeded: {
    said: 'Excel refused the add-in’s request because it was larger than Excel accepts in one go.',
    todo: 'Try again; if it happens again, write fewer sheets at a time and tell us.',
  },
  ResponsePayloadSizeLimitExceeded: {
    said: 'Excel could not send back that much of the workbook in one go.',
    todo: 'Try again; if it happens again, check the departments in smaller workbooks and tell us.',
  },
  RangeExceedsLimit: {
    said: 'A sheet spans more cells than Excel lets an add-in read at once.',
    todo: 'Look for stray entries far below or to the right of the data, clear them, then try again.',
  },
  AccessDenied: {
    said: 'Excel did not let the add-in change the workbook: it, or one of its sheets, is protected or opened read-only.',
    todo: 'Unprotect it (Review > Unprotect Workbook or Unprotect Sheet), or open an editable copy, then try again.',
  },
  InvalidArgument: {
    said: 'Excel refused one of the add-in’s requests as not in a form it accepts.',
    todo: 'Try again; if it keeps happening, tell us what you were doing.',
  },
  InvalidOperation: {
    said: 'Excel could not do that to the workbook as it is now.',
    todo: 'Close any dialog box and leave any cell you are editing, then try again.',
  },
  InvalidReference: {
    said: 'Excel could not use a cell reference the add-in gave it.',
    todo: 'Check the workbook again, then try once more.',
  },
  InvalidSelection: {
    said: 'Excel could not select that cell.',
    todo: 'Make sure the sheet is visible and not protected, then try again.',
  },
  Conflict: {
    said: 'Someone else changed the workbook at the same moment.',
    todo: 'Wait a moment, then try again.',
  },
  ActivityLimitReached: {
    said: 'Excel is busy and asked the add-in to slow down.',
    todo: 'Wait a minute, then try again.',
  },
  ServiceNotAvailable: {
    said: 'Excel’s service is not available just now.',
    todo: 'Check your connection, wait a minute, then try again.',
  },
  Unauthenticated: {
    said: 'Excel says you are no longer signed in.',
    todo: 'Sign in to Office again, then try again.',
  },
  ApiNotFound: {
    said: 'This version of Excel is too old for the add-in.',
    todo: 'Use Microsoft 365, Excel 2019 or 2016 updated to version 1903 or later, Excel on the web or Excel for Mac.',
  },
  NotImplemented: {
    said: 'This version of Excel cannot do one of the steps the add-in asked for.',
    todo: 'Update Excel, or use Excel on the web, then try again.',
  },
  GeneralException: {
    said: 'Excel reported an internal error.',
    todo: 'Try again; if it keeps happening, save the workbook, reopen it and try once more.',
  },
};

const UNKNOWN: ExcelErrorWords = {
  said: 'Excel could not finish what the add-in asked for.',
  todo: 'Try again; if it keeps happening, save the workbook, reopen it and tell us what you were doing.',
};

/** Excel's error code, when `error` is a RichApi.Error (or carries its code). */
export function excelErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { name?: unknown; code?: unknown };
  if (e.name !== 'RichApi.Error' && e.name !== 'ExcelProblem') return null;
  return typeof e.code === 'string' && e.code ? e.code : 'GeneralException';
}

/** An Excel error code in plain words: what happened and what to do, as one message. */
export function excelErrorWords(code: string): string {
  const w = EXCEL_ERROR_WORDS[code] ?? UNKNOWN;
  return `${w.said} ${w.todo}`;
}

/**
 * A failure inside Excel, already in plain words (its `message`), with Excel's code kept for the
 * record. The adapter throws these instead of RichApi.Error.
 */
export class ExcelProblem extends Error {
  override name = 'ExcelProblem';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Any error from a batch as an ExcelProblem when it came from Excel; anything else unchanged. */
export function plainExcelError(error: unknown, doing?: string): unknown {
  if (error instanceof ExcelProblem) return error;
  const code = excelErrorCode(error);
  if (!code) return error;
  return new ExcelProblem(code, `${doing ? `${doing}: ` : ''}${excelErrorWords(code)}`);
}
