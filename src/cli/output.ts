import { describe, type Finding } from '../engine/findings';

/** What every command prints and how it ends: one format for a finding, one rule for the exit code. */

/** Exit codes, as docs/cli.md documents them. */
export const EXIT = { ok: 0, errorsFound: 1, unreadable: 2 } as const;

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Text padded to a column of width n, always followed by at least one space. */
export function column(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s.padEnd(n);
}

const SEVERITY_LABEL = { error: 'ERROR  ', warning: 'warning', info: 'info   ' } as const;

/** "  ERROR   total-mismatch       Growth!C14: …": how every command prints a finding. */
export function findingLine(f: Finding): string {
  return `  ${SEVERITY_LABEL[f.severity]} ${column(f.rule, 21)}${describe(f)}`;
}

/** Exit 1 when any finding is an error: the one rule every command follows. */
export function exitCodeFor(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === 'error') ? EXIT.errorsFound : EXIT.ok;
}

/** The last line of a readable report. */
export function resultLine(findings: readonly Finding[]): string {
  return exitCodeFor(findings) === EXIT.ok ? 'Result: no errors.' : 'Result: errors found.';
}
