/** Every rule the add-in applies, with its severity and a title in the users' words. One place. */
export const RULES = {
  'total-mismatch': { severity: 'error', title: 'Total does not add up' },
  'rounding-difference': { severity: 'info', title: 'Rounding difference' },
  'large-rounding': { severity: 'warning', title: 'Larger than rounding usually gives' },
  'summary-mismatch': { severity: 'error', title: 'Summary does not agree with the appendix' },
  'carried-total-mismatch': { severity: 'error', title: 'Summary line does not agree with the total it carries' },
  'percent-mismatch': { severity: 'warning', title: 'Percentage does not follow from its figures' },
  'capital-over-gross': { severity: 'error', title: 'Programme total above gross cost' },
  'error-value': { severity: 'error', title: 'Error value in a figure' },
  'positive-saving': { severity: 'warning', title: 'Positive saving (delayed or reversed)' },
  'unknown-classification': { severity: 'warning', title: 'Unknown savings classification' },
  'label-mismatch': { severity: 'warning', title: 'Total label names something else' },
  'text-number': { severity: 'warning', title: 'Number held as text' },
  'figures-misaligned': { severity: 'warning', title: 'Figures out of line with their headings' },
  'not-a-figure': { severity: 'warning', title: 'Text where a figure is expected' },
  'no-cached-value': { severity: 'warning', title: 'Formula without a calculated value' },
  'hidden-row': { severity: 'info', title: 'Hidden line counted' },
  'total-unclear': { severity: 'info', title: 'Total not checked: what it adds up is unclear' },
  'correction-not-applied': { severity: 'warning', title: 'Your correction to the reading was not applied' },
  'no-lines': { severity: 'warning', title: 'Table heading with no lines' },
  'no-tables': { severity: 'warning', title: 'No MTFS table found' },
  'repeated-table': { severity: 'info', title: 'Table repeated on another sheet' },
  'too-large': { severity: 'error', title: 'Sheet too large to check' },
  'scoring-model': { severity: 'error', title: 'Scoring model cannot be used' },
  'incomplete-proposal': { severity: 'warning', title: 'Proposal incomplete' },
  'proposals-sheet': { severity: 'error', title: 'Commercial Projects sheet cannot be read' },
  'marker-mismatch': { severity: 'warning', title: 'Star marker disagrees with the previous MTFS' },
  'line-removed': { severity: 'info', title: 'Line removed since the previous MTFS' },
  'no-previous-table': { severity: 'info', title: 'Table not in the previous MTFS' },
  // The formula audit (src/engine/formulas/).
  'hard-coded-total': { severity: 'warning', title: 'Total typed in, not a formula' },
  'formula-range': { severity: 'error', title: 'Total formula does not add its lines' },
  'formula-inconsistent': { severity: 'warning', title: 'Formula differs from the other years' },
  'formula-reference': { severity: 'error', title: 'Formula points at the wrong cell' },
  'formula-unclear': { severity: 'info', title: 'Formula beyond the audit' },
} as const;

export type RuleId = keyof typeof RULES;
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  rule: RuleId;
  sheet: string;
  /** A1 address on `sheet`. */
  cell: string;
  /** In a finance manager's words, without the location (see `describe`). */
  message: string;
  /** The figure the rule expected and the one it found, as plain decimal strings. */
  expected: string | null;
  actual: string | null;
}

export function finding(
  rule: RuleId,
  sheet: string,
  cell: string,
  message: string,
  figures?: { expected?: string; actual?: string },
  severity: Severity = RULES[rule].severity,
): Finding {
  return { severity, rule, sheet, cell, message, expected: figures?.expected ?? null, actual: figures?.actual ?? null };
}

export function describe(f: Finding): string {
  return `${f.sheet}!${f.cell}: ${f.message}`;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function bySeverity(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity];
}
