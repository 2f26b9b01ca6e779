import type { CheckResult } from '../../engine/check';
import { yearOneFromWorkbook, type YearOneInputs } from '../../engine/report';
import { EMPTY_FIELD, filledField, moneyField, type MoneyField } from './fields';

/** Year 1's inputs to the budget summary, as the Report view asks for them (£000). */
export type YearOneKey = 'originalBudget' | 'otherChanges' | 'transfers';

export const YEAR_ONE_FIELDS: { key: YearOneKey; label: string }[] = [
  { key: 'originalBudget', label: 'Updated original budget' },
  { key: 'otherChanges', label: 'Other changes' },
  { key: 'transfers', label: 'Transfers' },
];

export interface YearOneState {
  fields: Record<YearOneKey, MoneyField>;
  /** The fields were filled in from the workbook's own budget summary. */
  fromWorkbook: boolean;
  /** The user has changed a field since: what they typed is used, not the workbook's figures. */
  edited: boolean;
}

export const NO_YEAR_ONE: YearOneState = {
  fields: { originalBudget: EMPTY_FIELD, otherChanges: EMPTY_FIELD, transfers: EMPTY_FIELD },
  fromWorkbook: false,
  edited: false,
};

/** The fields as the workbook's budget summary fills them, or empty when it has none. */
export function yearOneFromCheck(check: CheckResult): YearOneState {
  const found = yearOneFromWorkbook(check);
  if (!found?.originalBudget) return NO_YEAR_ONE;
  return {
    fields: {
      originalBudget: filledField(found.originalBudget),
      otherChanges: filledField(found.otherChanges),
      transfers: filledField(found.transfers),
    },
    fromWorkbook: true,
    edited: false,
  };
}

export function editYearOne(state: YearOneState, key: YearOneKey, text: string): YearOneState {
  return { ...state, fields: { ...state.fields, [key]: moneyField(text) }, edited: true };
}

/**
 * What the engine gets: nothing while the fields still hold the workbook's figures (the engine reads them itself and
 * says they came from the workbook), the typed figures once the user changed them, or what is wrong, in words.
 */
export function yearOneInputs(state: YearOneState): { yearOne?: YearOneInputs } | { problem: string } {
  if (!state.edited) return {};
  const { originalBudget, otherChanges, transfers } = state.fields;
  const wrong = YEAR_ONE_FIELDS.find((f) => state.fields[f.key].error);
  if (wrong) return { problem: `${wrong.label}: ${state.fields[wrong.key].error}` };
  if (originalBudget.value === null) {
    if (state.fromWorkbook)
      return { problem: "Enter the updated original budget (£000), or go back to the workbook's figures." };
    if (otherChanges.value !== null || transfers.value !== null)
      return { problem: 'Enter the updated original budget as well as other changes and transfers (all in £000).' };
    return {};
  }
  return {
    yearOne: {
      originalBudget: originalBudget.value,
      otherChanges: otherChanges.value ?? undefined,
      transfers: transfers.value ?? undefined,
    },
  };
}
