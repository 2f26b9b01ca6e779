import { Field, Input, makeStyles } from '@fluentui/react-components';
import type { MoneyField } from '../state/fields';

const useStyles = makeStyles({
  field: { minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
  // Figures are typed right-aligned, as they stand in the sheet's columns.
  figure: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});

export interface MoneyInputProps {
  label: string;
  field: MoneyField;
  hint?: string;
  placeholder?: string;
  onChange(text: string): void;
}

/** A labelled £000 figure: what the user types is read by the engine (parseTextNumber); a problem shows under it in words. */
export function MoneyInput({ label, field, hint, placeholder, onChange }: MoneyInputProps) {
  const styles = useStyles();
  return (
    <Field
      className={styles.field}
      label={label}
      hint={hint}
      size="small"
      validationState={field.error ? 'error' : 'none'}
      validationMessage={field.error ?? undefined}
    >
      <Input
        className={styles.input}
        input={{ className: styles.figure }}
        size="small"
        value={field.text}
        placeholder={placeholder}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}
